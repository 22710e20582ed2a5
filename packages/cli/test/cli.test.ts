import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedJsonLines, repoRoot, traceCaptures } from '../../../test/support/traces.js';

const BIN = join(repoRoot, 'bin/callboard.js');

function run(
  args: readonly string[],
  input?: string,
): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('callboard ami-dump', () => {
  it.each(traceCaptures())('prints exactly the messages of $id', (capture) => {
    const r = run(['ami-dump', capture.rawPath]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    // Compared as text: the keys' order and spelling are part of the contract.
    expect(lines).toEqual(expectedJsonLines(capture));
  });

  it('reports bad bytes as error lines with offsets, exits 1, and goes on', () => {
    const r = run(
      ['ami-dump', '-'],
      'Event: A\r\n\r\nnot a field\r\n\r\nEvent: B\r\nKey: x\r\n\r\n',
    );
    expect(r.stdout.split('\n').filter((l) => l !== '')).toEqual([
      '{"Event":"A"}',
      '{"_error":"malformed-line: a line without \\"Key: Value\\"","offset":12}',
      '{"Event":"B","Key":"x"}',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/1 parse error/);
  });

  it('names a missing file', () => {
    const r = run(['ami-dump', '/nonexistent/capture.raw']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toBe(
      "callboard: ENOENT: no such file or directory, open '/nonexistent/capture.raw'\n",
    );
  });
});

describe('callboard --help', () => {
  it.each([[], ['start'], ['ami-dump']])('answers --help for %j', (...cmd) => {
    const r = run([...cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: callboard/);
  });

  it('explains an unknown command', () => {
    const r = run(['no-such-command']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/unknown command/);
  });
});

describe('callboard start', () => {
  it('runs on embedded defaults: demo calls are stored, printed and served over HTTP, and Ctrl-C stops it cleanly', async () => {
    const data = mkdtempSync(join(tmpdir(), 'callboard-start-'));
    try {
      const child = spawn(process.execPath, [BIN, 'start', '--data', data, '--speed', '50'], {
        // Port 0: any free port; the printed address says which.
        env: { ...process.env, DATABASE_URL: undefined, CALLBOARD_CONFIG: undefined, PORT: '0' },
      });
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      await new Promise<void>((resolve, reject) => {
        const check = setInterval(() => {
          if (
            /call inbound answered from "\d+" queue "support" wait \d+s by "[^"]+" talk \d+s/.test(
              out,
            )
          ) {
            clearInterval(check);
            resolve();
          }
        }, 20);
        child.once('exit', () => reject(new Error(`exited early:\n${out}\n${err}`)));
      });
      expect(out).toMatch(/running the demo/);
      // The web server answers, and the first admin printed once sees the stored calls.
      const url = /web server on (http:\/\/[^\s]+)/.exec(out)?.[1];
      const password = /made the user "admin" \(admin\), password (\S+)/.exec(out)?.[1];
      if (url === undefined || password === undefined)
        throw new Error(`no address or password:\n${out}`);
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
      const page = await fetch(`${url}/`);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toContain('<div id="root">');
      expect(out).toContain(`open ${url}/ in a browser and sign in`);
      const login = await fetch(`${url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'admin', password }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const served = await fetch(`${url}/api/calls?limit=1000`, { headers: { cookie } });
      expect(served.status).toBe(200);
      const calls = ((await served.json()) as { calls: { id: string }[] }).calls;
      expect(calls.length).toBeGreaterThanOrEqual(1);
      for (const c of calls) expect(c.id).toMatch(/^demo\/demo\//);
      // Logs are JSON lines on standard error.
      const logs = err.split('\n').filter((l) => l.startsWith('{'));
      expect(logs.map((l) => (JSON.parse(l) as { msg: string }).msg)).toContain('AMI connected');
      const exit = new Promise<number | null>((resolve) =>
        child.once('exit', (code) => resolve(code)),
      );
      child.kill('SIGINT');
      expect(await exit).toBe(0);
      const printed = out.split('\n').filter((l) => /^\d\d:\d\d:\d\d call /.test(l)).length;
      const stored = run(['calls', '--data', data])
        .stdout.split('\n')
        .filter((l) => l !== '');
      expect(stored.length).toBeGreaterThanOrEqual(printed);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});
