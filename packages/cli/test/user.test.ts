// `callboard user add|passwd|list` through the real binary, on PGlite and
// PostgreSQL; then `callboard start` serves those users over HTTP.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@callboard/server';
import { Store } from '@callboard/store';
import { DATABASE_KINDS, fresh, type TestDatabase } from '../../../test/support/databases.js';
import { repoRoot } from '../../../test/support/traces.js';

const BIN = join(repoRoot, 'bin/callboard.js');

describe.each(DATABASE_KINDS)('callboard user on %s', (kind) => {
  let database: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'callboard-user-'));
  const data = join(dir, 'data');
  const env = (): NodeJS.ProcessEnv => ({
    ...process.env,
    DATABASE_URL: database.url,
    CALLBOARD_CONFIG: undefined,
    CALLBOARD_DATA: database.url === undefined ? data : undefined,
  });

  function run(args: readonly string[], input?: string) {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      encoding: 'utf8',
      env: env(),
      input,
      cwd: dir,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  async function withStore<T>(use: (store: Store) => Promise<T>): Promise<T> {
    const store = await Store.open({ url: database.url, dataDir: data });
    try {
      return await use(store);
    } finally {
      await store.close();
    }
  }

  beforeAll(async () => {
    database = await fresh(kind);
    await withStore((store) =>
      store.directory('main', [
        { key: 'SIP/101', name: 'Ann', devices: ['SIP/101'], monitored: true },
      ]),
    );
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds users: a made password printed once, or one read from standard input', async () => {
    const sup = run([
      'user',
      'add',
      'Maria',
      '--role',
      'supervisor',
      '--queues',
      'support,main/sales',
      '--rights',
      'pause-others',
      '--name',
      'Maria K.',
    ]);
    expect(sup.stderr).toBe('');
    expect(sup.stdout).toMatch(
      /^user: added maria \(supervisor, id \d+\); password: [\w-]{20} \(shown once\)\n$/,
    );
    const op = run(
      ['user', 'add', 'ann', '--role', 'operator', '--operator', 'SIP/101', '--password-stdin'],
      'ann password 1\n',
    );
    expect([op.code, op.stdout]).toEqual([
      0,
      expect.stringMatching(/^user: added ann \(operator, id \d+\)\n$/) as unknown,
    ]);
    await withStore(async (store) => {
      const ann = await store.users.byLogin('ann');
      expect(await verifyPassword('ann password 1', ann?.passwordHash ?? '')).toBe(true);
      expect(ann?.operatorId).toBe((await store.operatorRefs())[0]?.id);
    });
  });

  it('refuses what the rules refuse, with the reason', () => {
    const bad = run(['user', 'add', 'bad login!', '--role', 'admin']);
    expect([bad.code, bad.stderr]).toEqual([
      1,
      'callboard: letters, digits and . _ @ - only (64 at most)\n',
    ]);
    const taken = run(['user', 'add', 'maria', '--role', 'admin']);
    expect(taken.stderr).toBe('callboard: the login "maria" is taken\n');
    const noOp = run(['user', 'add', 'bob', '--role', 'operator', '--operator', 'SIP/999']);
    expect(noOp.stderr).toMatch(/no operator SIP\/999/);
    const role = run(['user', 'add', 'x', '--role', 'root']);
    expect(role.code).not.toBe(0);
    expect(role.stderr).toMatch(/Allowed choices are operator, supervisor, admin/);
  });

  it('sets a new password, and lists the users with their scope', async () => {
    const p = run(['user', 'passwd', 'maria']);
    const password = /password for maria: ([\w-]{20}) \(shown once\)/.exec(p.stdout)?.[1] ?? '';
    await withStore(async (store) =>
      expect(
        await verifyPassword(password, (await store.users.byLogin('maria'))?.passwordHash ?? ''),
      ).toBe(true),
    );
    expect(run(['user', 'passwd', 'nobody']).stderr).toBe('callboard: no user nobody\n');
    const list = run(['user', 'list']);
    expect(list.stdout.split('\n').map((l) => l.replace(/^\d+ /, ''))).toEqual([
      'ann operator "ann" operator "main/SIP/101"',
      'maria supervisor "Maria K." queues "support,main/sales" rights pause-others',
      '',
    ]);
    await withStore(async (store) => {
      const audit = await store.audit.read({ limit: 20 });
      expect(new Set(audit.map((e) => e.actor))).toEqual(new Set(['cli']));
      expect(audit.map((e) => `${e.action} ${e.result}`).reverse()).toEqual([
        'user.add ok',
        'user.add ok',
        // The bad login and the taken one; the unknown operator and role stop before.
        'user.add failed',
        'user.add failed',
        'user.change ok',
      ]);
    });
  });

  it('serves them from callboard start, on the port PORT gives, and stops cleanly', async () => {
    const child = spawn(process.execPath, [BIN, 'start', '--speed', '50'], {
      env: { ...env(), PORT: '0' },
      cwd: dir,
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.resume();
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const check = setInterval(() => {
          const m = /web server on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m?.[1] && out.includes('the API is described at')) {
            clearInterval(check);
            resolve(m[1]);
          }
        }, 20);
        void exited.then(() => reject(new Error(`exited early:\n${out}`)));
      });
      // There are users already: no first admin.
      expect(out).not.toMatch(/first start/);
      const res = await fetch(`${url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'ann', password: 'ann password 1' }),
      });
      expect(res.status).toBe(200);
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });
});
