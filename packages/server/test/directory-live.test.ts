// The directory and the running parts, as `callboard start` wires them: the
// real ingest collects the simulated PBX, the server sends its actions
// through the ingest's collectors and tells the ingest when operators
// change. An operator the admin adds through the API is who the running
// tracker reports from then on (its key and name on live operator states),
// and the pause sent for them reaches Asterisk. On PGlite (a data folder,
// as in production) and PostgreSQL.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@callboard/config';
import { Ingest, silentLog } from '@callboard/ingest';
import { buildApp, hashPassword } from '@callboard/server';
import type { Effect, OperatorStateChanged } from '@callboard/tracker';
import { DATABASE_KINDS, fresh, type TestDatabase } from '../../../test/support/databases.js';
import { Client, PASSWORD } from './harness.js';
import { SECRET, SERVER, startPbx, until, USER, type Pbx } from './pbx.js';

const STATION = 'main';

describe.each(DATABASE_KINDS)('directory edits reach the running tracker on %s', (kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-directory-live-'));
  const states: OperatorStateChanged[] = [];
  let pbx: Pbx;
  let database: TestDatabase;
  let ingest: Ingest;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let admin: Client;

  beforeAll(async () => {
    pbx = await startPbx();
    database = await fresh(kind);
    const file = join(dir, 'callboard.yaml');
    writeFileSync(
      file,
      [
        'database:',
        `  data: ${join(dir, 'data')}`,
        'stations:',
        `  ${STATION}:`,
        '    servers:',
        `      ${SERVER}:`,
        '        host: 127.0.0.1',
        `        port: ${pbx.server.port}`,
        `        username: ${USER}`,
        `        secret: ${SECRET}`,
        '',
      ].join('\n'),
    );
    const env = database.url === undefined ? {} : { DATABASE_URL: database.url };
    ingest = await Ingest.start(loadConfig(file, env), silentLog, {
      onLive: (effects: readonly Effect[]) => {
        for (const e of effects) if (e.kind === 'operator-state') states.push(e);
      },
    });
    await until(() => ingest.metrics.servers[SERVER]?.connected === true, 'the collector');
    app = await buildApp({
      store: ingest.store,
      log: silentLog,
      actions: ingest.actions(),
      onDirectoryChange: () => ingest.reloadDirectory(),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    await ingest.store.users.add(
      {
        login: 'admin',
        displayName: 'admin',
        passwordHash: await hashPassword(PASSWORD),
        role: 'admin',
        operatorId: null,
        queues: [],
        rights: [],
      },
      new Date(),
    );
    admin = new Client(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
    expect((await admin.login('admin')).status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await app.close();
    await ingest.stop();
    await pbx.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the server’s address from the configuration is in the directory, without its secret', async () => {
    const a = await admin.send('GET', '/api/directory/servers');
    expect((a.json as { servers: unknown[] }).servers).toEqual([
      {
        id: expect.any(Number) as number,
        name: SERVER,
        station: STATION,
        host: '127.0.0.1',
        port: pbx.server.port,
        username: USER,
      },
    ]);
    expect(a.text).not.toContain(SECRET);
  });

  it('an operator added through the API is who the tracker reports from then on', async () => {
    // Before: the tracker knows SIP/101 only as a learned queue member.
    await pbx.observer.send({ Action: 'QueuePause', Interface: 'SIP/101', Paused: 'true' });
    await until(
      () => states.some((s) => s.operator === 'SIP/101' && s.state === 'paused'),
      'SIP/101 paused',
    );
    const made = await admin.send('POST', '/api/directory/operators', {
      station: STATION,
      key: 'ann',
      name: 'Ann Example',
      interfaces: [{ server: SERVER, interface: 'SIP/101' }],
    });
    expect(made.status, made.text).toBe(201);
    const ann = (made.json as { operator: { id: number } }).operator.id;
    const mark = states.length;
    const unpaused = await admin.send('POST', '/api/actions/pause', {
      operatorId: ann,
      paused: false,
    });
    expect(unpaused.status, unpaused.text).toBe(200);
    await until(
      () => states.slice(mark).some((s) => s.operator === 'ann'),
      'a state of the operator "ann"',
    );
    const after = states.slice(mark);
    expect(after.find((s) => s.operator === 'ann')).toMatchObject({
      station: STATION,
      name: 'Ann Example',
    });
    expect(after.some((s) => s.operator === 'SIP/101')).toBe(false);
  });
});
