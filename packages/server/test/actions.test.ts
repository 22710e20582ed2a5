// Actions on Asterisk end to end, over real TCP: the simulator plays the
// PBX (its generator reacts to QueuePause, QueueAdd and QueueRemove as
// Asterisk does), a real collector is connected to it (its AMI client is
// what the server's actions port sends through), and the API is called as
// each kind of user. What is allowed changes the PBX and is audited; what is
// refused changes nothing, and a CR/LF meant to forge an AMI action never
// reaches the wire. On PGlite and PostgreSQL.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AmiMessage } from '@callboard/ami';
import { AmiClient } from '@callboard/ami-client';
import {
  clientActions,
  Collector,
  JournalWriter,
  silentLog,
  Spool,
  type AmiActions,
} from '@callboard/ingest';
import { AmiServer } from '@callboard/simulator';
import { DATABASE_KINDS } from '../../../test/support/databases.js';
import { ANN, BOB, STATION } from './fixtures.js';
import { Harness, type Answer, type Client, type Principal } from './harness.js';
import { SECRET, SERVER, startPbx, until, USER, type Pbx } from './pbx.js';

const errorOf = (a: Answer): { code: string; message: string; field?: string } =>
  (a.json as { error: { code: string; message: string; field?: string } }).error;

describe.each(DATABASE_KINDS)('actions on Asterisk on %s', (kind) => {
  let h: Harness;
  let pbx: Pbx;
  let collector: Collector;
  let writer: JournalWriter;
  let spoolDir: string;
  let actions: AmiActions | undefined;
  let ann = 0;
  let bob = 0;
  const clients = new Map<Principal, Client>();

  const as = (who: Principal): Client => {
    const c = clients.get(who);
    if (!c) throw new Error(`no client ${who}`);
    return c;
  };
  /** Events of the name seen since the mark (a length of pbx.seen). */
  const events = (name: string, mark = 0): AmiMessage[] =>
    pbx.seen.slice(mark).filter((m) => m.name === name);
  async function memberOf(iface: string): Promise<AmiMessage | undefined> {
    const status = await pbx.observer.send({ Action: 'QueueStatus', Queue: 'support' });
    return status.raw.events.find((e) => e.name === 'QueueMember' && e.get('Location') === iface);
  }

  beforeAll(async () => {
    pbx = await startPbx();
    // The port is read when an action is sent: the collector is made after the server.
    h = await Harness.start(kind, {
      actions: {
        send: (server, action) =>
          actions
            ? actions.send(server, action)
            : Promise.resolve({ kind: 'unavailable', message: 'not yet' }),
      },
    });
    for (const who of ['operator', 'sup-in', 'sup-out', 'sup-noright', 'admin'] as const)
      clients.set(who, await h.as(who));
    const admin = as('admin');
    const made = await admin.send('POST', '/api/directory/servers', {
      name: SERVER,
      station: STATION,
      host: '127.0.0.1',
      port: pbx.server.port,
      username: USER,
    });
    expect(made.status, made.text).toBe(201);
    const refs = await h.store.operatorRefs();
    ann = refs.find((r) => r.key === ANN)?.id ?? 0;
    bob = refs.find((r) => r.key === BOB)?.id ?? 0;
    for (const [id, device] of [
      [ann, ANN],
      [bob, BOB],
    ] as const) {
      const a = await admin.send('PATCH', `/api/directory/operators/${id}`, {
        interfaces: [{ server: SERVER, interface: device }],
      });
      expect(a.status, a.text).toBe(200);
    }
    spoolDir = mkdtempSync(join(tmpdir(), 'callboard-actions-'));
    const serverId = await h.store.server(SERVER, STATION);
    writer = new JournalWriter(
      h.store,
      new Spool(spoolDir, 1024 * 1024),
      { batchMessages: 100, batchMs: 10, compressionLevel: 1 },
      silentLog,
      () => undefined,
    );
    await writer.register(serverId);
    collector = new Collector(
      SERVER,
      serverId,
      {
        host: '127.0.0.1',
        port: pbx.server.port,
        username: USER,
        secret: SECRET,
        keepaliveMs: 0,
      },
      writer,
      silentLog,
    );
    await collector.start();
    actions = clientActions(new Map([[collector.server, collector.client]]));
  });

  afterAll(async () => {
    await collector.stop();
    await writer.close();
    await pbx.close();
    await h.close();
    rmSync(spoolDir, { recursive: true, force: true });
  });

  it('a supervisor with the right pauses an operator in their queue: Asterisk says so, the log too', async () => {
    const a = await as('sup-in').send('POST', '/api/actions/pause', {
      operatorId: ann,
      queue: 'support',
      paused: true,
      reason: 'lunch',
    });
    expect(a.status, a.text).toBe(200);
    expect(a.json).toEqual({
      operatorId: ann,
      results: [{ server: SERVER, interface: ANN, message: 'Interface paused successfully' }],
    });
    await until(() => events('QueueMemberPause').length === 1, 'QueueMemberPause');
    const pause = events('QueueMemberPause')[0];
    expect([pause?.get('Interface'), pause?.get('Paused'), pause?.get('PausedReason')]).toEqual([
      ANN,
      '1',
      'lunch',
    ]);
    const member = await memberOf(ANN);
    expect([member?.get('Paused'), member?.get('PausedReason')]).toEqual(['1', 'lunch']);
    const [entry] = await h.store.audit.read({ limit: 1 });
    expect(entry).toMatchObject({
      actor: 'sup-in',
      userId: h.ids['sup-in'],
      action: 'ami.pause',
      result: 'ok',
      at: new Date(h.clock.now),
      details: {
        operatorId: ann,
        queue: 'support',
        pauseReason: 'lunch',
        results: [
          {
            server: SERVER,
            interface: ANN,
            outcome: 'success',
            message: 'Interface paused successfully',
          },
        ],
      },
    });
  });

  it('an operator unpauses and pauses themselves, and never anyone else', async () => {
    const me = as('operator');
    const un = await me.send('POST', '/api/actions/pause', { paused: false });
    expect(un.status, un.text).toBe(200);
    await until(() => events('QueueMemberPause').length === 2, 'the unpause');
    expect(events('QueueMemberPause')[1]?.get('Paused')).toBe('0');
    expect((await memberOf(ANN))?.get('Paused')).toBe('0');

    const before = pbx.sent('QueuePause').length;
    const other = await me.send('POST', '/api/actions/pause', { operatorId: bob, paused: true });
    expect(other.status).toBe(403);
    const [entry] = await h.store.audit.read({ limit: 1 });
    expect(entry).toMatchObject({ actor: 'operator', action: 'ami.pause', result: 'denied' });
    expect(pbx.sent('QueuePause').length).toBe(before);
    expect((await memberOf(BOB))?.get('Paused')).toBe('0');
  });

  it('a supervisor out of scope or without the right changes nothing', async () => {
    const before = pbx.sent('QueuePause').length + pbx.sent('QueueRemove').length;
    const cases: [Principal, string, unknown][] = [
      ['sup-out', '/api/actions/pause', { operatorId: bob, queue: 'support', paused: true }],
      ['sup-noright', '/api/actions/pause', { operatorId: bob, queue: 'support', paused: true }],
      ['sup-out', '/api/actions/queue-remove', { operatorId: bob, queue: 'support' }],
      ['sup-noright', '/api/actions/queue-remove', { operatorId: bob, queue: 'support' }],
      // Without a queue a pause is in every queue, some outside any supervisor's scope.
      ['sup-in', '/api/actions/pause', { operatorId: bob, paused: true }],
    ];
    for (const [who, path, body] of cases) {
      const a = await as(who).send('POST', path, body);
      expect(a.status, `${who} ${path}: ${a.text}`).toBe(403);
    }
    expect(pbx.sent('QueuePause').length + pbx.sent('QueueRemove').length).toBe(before);
    expect((await memberOf(BOB))?.get('Paused')).toBe('0');
    const denied = (await h.store.audit.read({ limit: 5 })).filter((e) => e.result === 'denied');
    expect(denied.map((e) => e.actor).sort()).toEqual([
      'sup-in',
      'sup-noright',
      'sup-noright',
      'sup-out',
      'sup-out',
    ]);
  });

  it('refuses a CR/LF meant to forge an action: nothing reaches the wire', async () => {
    const before = pbx.sent('QueuePause').length;
    for (const body of [
      { operatorId: bob, queue: 'support', paused: true, reason: 'lunch\r\nAction: Originate' },
      { operatorId: bob, queue: 'support\r\nAction: Originate', paused: true },
      { operatorId: bob, interface: 'SIP/102\r\nAction: Originate', paused: true },
      { operatorId: bob, queue: 'support', paused: true, reason: 'tab\tbell\u0007' },
    ]) {
      const a = await as('admin').send('POST', '/api/actions/pause', body);
      expect(a.status, a.text).toBe(400);
      expect(errorOf(a).field).toMatch(/^body\.(reason|queue|interface)$/);
    }
    expect(pbx.sent('QueuePause').length).toBe(before);
    expect(pbx.sent('Originate')).toEqual([]);
    // Refused by the schema, before the handler: the safety net audits them once answered.
    const refused = async (): Promise<number> =>
      (await h.store.audit.read({ limit: 100 })).filter(
        (e) => e.action === 'POST /api/actions/pause' && e.result === 'failed',
      ).length;
    for (let i = 0; i < 200 && (await refused()) < 4; i++)
      await new Promise((r) => setTimeout(r, 5));
    expect(await refused()).toBe(4);
  });

  it('takes an operator out of a queue and back; Asterisk’s refusal is a 409 with its words', async () => {
    const sup = as('sup-in');
    const out = await sup.send('POST', '/api/actions/queue-remove', {
      operatorId: bob,
      queue: 'support',
    });
    expect(out.status, out.text).toBe(200);
    await until(() => events('QueueMemberRemoved').length === 1, 'QueueMemberRemoved');
    expect(events('QueueMemberRemoved')[0]?.get('Interface')).toBe(BOB);
    expect(await memberOf(BOB)).toBeUndefined();

    const again = await sup.send('POST', '/api/actions/queue-remove', {
      operatorId: bob,
      queue: 'support',
    });
    expect(again.status).toBe(409);
    expect(errorOf(again).message).toBe('Asterisk: Unable to remove interface: Not there');
    const [failed] = await h.store.audit.read({ limit: 1 });
    expect(failed).toMatchObject({ action: 'ami.queue-remove', result: 'failed' });

    const mark = pbx.seen.length;
    const back = await sup.send('POST', '/api/actions/queue-add', {
      operatorId: bob,
      queue: 'support',
      penalty: 2,
    });
    expect(back.status, back.text).toBe(200);
    await until(() => events('QueueMemberAdded', mark).length === 1, 'QueueMemberAdded');
    const added = events('QueueMemberAdded', mark)[0];
    expect([added?.get('Interface'), added?.get('Penalty')]).toEqual([BOB, '2']);
    expect((await memberOf(BOB))?.get('Penalty')).toBe('2');
  });

  it('an operator logs themselves out of a queue and in again', async () => {
    const me = as('operator');
    const out = await me.send('POST', '/api/actions/queue-remove', { queue: 'support' });
    expect(out.status, out.text).toBe(200);
    expect(await memberOf(ANN)).toBeUndefined();
    const other = await me.send('POST', '/api/actions/queue-remove', {
      operatorId: bob,
      queue: 'support',
    });
    expect(other.status).toBe(403);
    expect(await memberOf(BOB)).toBeDefined();
    const back = await me.send('POST', '/api/actions/queue-add', { queue: 'support' });
    expect(back.status, back.text).toBe(200);
    expect(await memberOf(ANN)).toBeDefined();
  });

  it('checks queues, interfaces and pause reasons against the directory', async () => {
    const admin = as('admin');
    const noQueue = await admin.send('POST', '/api/actions/queue-add', {
      operatorId: bob,
      queue: 'nosuch',
    });
    expect(noQueue.status).toBe(404);
    const notHis = await admin.send('POST', '/api/actions/pause', {
      operatorId: bob,
      interface: 'SIP/101',
      paused: true,
    });
    expect(errorOf(notHis).field).toBe('body.interface');
    const made = await admin.send('POST', '/api/directory/pause-reasons', {
      code: 'lunch',
      label: 'Lunch',
    });
    expect(made.status).toBe(201);
    const unknown = await admin.send('POST', '/api/actions/pause', {
      operatorId: bob,
      paused: true,
      reason: 'smoke',
    });
    expect(errorOf(unknown)).toMatchObject({ code: 'invalid', field: 'body.reason' });
    const known = await admin.send('POST', '/api/actions/pause', {
      operatorId: bob,
      paused: true,
      reason: 'lunch',
    });
    expect(known.status, known.text).toBe(200);
    expect((await memberOf(BOB))?.get('PausedReason')).toBe('lunch');
  });

  it('answers 503 and sends nothing when that Asterisk is not connected', async () => {
    await collector.stop();
    const a = await as('admin').send('POST', '/api/actions/pause', {
      operatorId: bob,
      paused: false,
    });
    expect(a.status).toBe(503);
    expect(errorOf(a).code).toBe('unavailable');
    const [entry] = await h.store.audit.read({ limit: 1 });
    expect(entry).toMatchObject({ action: 'ami.unpause', result: 'failed' });
    expect((await memberOf(BOB))?.get('Paused')).toBe('1');
  });
});

describe('actions without AMI connections', () => {
  it('answers 503 once the caller may act', async () => {
    const h = await Harness.start('pglite');
    try {
      const me = await h.as('operator');
      const a = await me.send('POST', '/api/actions/pause', { paused: true });
      // The fixture directory has no servers, so Ann has no interface: nothing to act on.
      expect(a.status).toBe(409);
      await h.store.server(SERVER, STATION);
      const ann = (await h.store.operatorRefs()).find((r) => r.key === ANN)?.id ?? 0;
      await (
        await h.as('admin')
      ).send('PATCH', `/api/directory/operators/${ann}`, {
        interfaces: [{ server: SERVER, interface: ANN }],
      });
      const b = await me.send('POST', '/api/actions/pause', { paused: true });
      expect(b.status).toBe(503);
    } finally {
      await h.close();
    }
  });
});

describe('a PBX that does not answer', () => {
  it('is a 502: the action may have happened, and the log says it failed', async () => {
    // Logs in, then stays silent on QueuePause, as a stuck Asterisk does.
    const stuck = new AmiServer({
      users: { [USER]: SECRET },
      handlers: { QueuePause: () => undefined },
    });
    await stuck.listen(0);
    const client = new AmiClient({
      name: SERVER,
      host: '127.0.0.1',
      port: stuck.port,
      username: USER,
      secret: SECRET,
      keepaliveMs: 0,
    });
    await client.connect();
    const h = await Harness.start('pglite', {
      actions: clientActions(new Map([[SERVER, client]]), 200),
    });
    try {
      await h.store.server(SERVER, STATION);
      await h.store.directory(STATION, [
        { key: ANN, name: 'Ann', devices: [ANN], monitored: true },
      ]);
      const a = await (await h.as('operator')).send('POST', '/api/actions/pause', { paused: true });
      expect(a.status, a.text).toBe(502);
      expect(errorOf(a).code).toBe('bad_gateway');
      expect(stuck.sessions.size).toBe(1);
      const [entry] = await h.store.audit.read({ limit: 1 });
      expect(entry).toMatchObject({ action: 'ami.pause', result: 'failed' });
      expect(JSON.stringify(entry?.details)).toContain('no-answer');
    } finally {
      await h.close();
      await client.close();
      await stuck.close();
    }
  });
});
