// The directory through the API, on PGlite and PostgreSQL over a real
// socket: stations, servers, operators, queues and pause reasons are
// added, listed, changed and deleted; duplicates are 409, unknown ids 404,
// a bad time zone 400 naming the field; names from outside come back as
// they went in; no secret is taken or shown; rows in use stay; every edit
// is audited; and the configuration written again at a start leaves what
// the API edited as it is.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../../test/support/databases.js';
import { ANN, DIRECTORY, EVIL_NAME, STATION } from './fixtures.js';
import { Harness, type Answer, type Client } from './harness.js';

interface ErrorAnswer {
  error: { code: string; message: string; field?: string };
}
const errorOf = (a: Answer): ErrorAnswer['error'] => (a.json as ErrorAnswer).error;

interface OperatorShown {
  id: number;
  station: string;
  key: string;
  name: string | null;
  monitored: boolean;
  interfaces: { server: string; interface: string }[];
}

describe.each(DATABASE_KINDS)('the directory through the API on %s', (kind) => {
  let h: Harness;
  let admin: Client;

  beforeAll(async () => {
    h = await Harness.start(kind);
    admin = await h.as('admin');
  });
  afterAll(async () => {
    await h.close();
  });

  it('adds, lists, changes and deletes a station; checks its time zone', async () => {
    const made = await admin.send('POST', '/api/directory/stations', {
      name: 'moscow',
      timezone: 'Europe/Moscow',
    });
    expect(made.status, made.text).toBe(201);
    const { station } = made.json as { station: { id: number; name: string; timezone: string } };
    expect(station).toMatchObject({ name: 'moscow', timezone: 'Europe/Moscow' });

    const dup = await admin.send('POST', '/api/directory/stations', {
      name: 'moscow',
      timezone: 'UTC',
    });
    expect(dup.status).toBe(409);
    expect(errorOf(dup).code).toBe('conflict');

    const zone = await admin.send('POST', '/api/directory/stations', {
      name: 'mars',
      timezone: 'Mars/Olympus_Mons',
    });
    expect(zone.status).toBe(400);
    expect(errorOf(zone).field).toBe('body.timezone');
    const badPatch = await admin.send('PATCH', `/api/directory/stations/${station.id}`, {
      timezone: 'Nowhere/City',
    });
    expect(errorOf(badPatch)).toMatchObject({ code: 'invalid', field: 'body.timezone' });

    const badName = await admin.send('POST', '/api/directory/stations', {
      name: 'a b',
      timezone: 'UTC',
    });
    expect(errorOf(badName).field).toBe('body.name');

    const changed = await admin.send('PATCH', `/api/directory/stations/${station.id}`, {
      timezone: 'Asia/Yekaterinburg',
    });
    expect((changed.json as { station: { timezone: string } }).station.timezone).toBe(
      'Asia/Yekaterinburg',
    );
    const list = await admin.send('GET', '/api/directory/stations');
    expect((list.json as { stations: { name: string }[] }).stations.map((s) => s.name)).toEqual([
      STATION,
      'moscow',
    ]);
    expect(
      (await admin.send('PATCH', '/api/directory/stations/99999', { timezone: 'UTC' })).status,
    ).toBe(404);
    expect((await admin.send('DELETE', `/api/directory/stations/${station.id}`)).status).toBe(204);
    expect((await admin.send('DELETE', `/api/directory/stations/${station.id}`)).status).toBe(404);

    // The fixture station has calls and operators: it stays.
    const main = (await h.store.directoryEdits.stations()).find((s) => s.name === STATION);
    const inUse = await admin.send('DELETE', `/api/directory/stations/${main?.id ?? 0}`);
    expect(inUse.status).toBe(409);
  });

  it('adds a server with its AMI address, never a secret', async () => {
    const secret = await admin.send('POST', '/api/directory/servers', {
      name: 'pbx9',
      station: STATION,
      host: '10.0.0.9',
      port: 5038,
      username: 'callboard',
      secret: 'hunter2',
    });
    expect(secret.status).toBe(400);
    expect(errorOf(secret).field).toBe('body.secret');

    const made = await admin.send('POST', '/api/directory/servers', {
      name: 'pbx9',
      station: STATION,
      host: '10.0.0.9',
      port: 5038,
      username: 'callboard',
    });
    expect(made.status, made.text).toBe(201);
    const { server } = made.json as { server: Record<string, unknown> & { id: number } };
    expect(server).toEqual({
      id: server.id,
      name: 'pbx9',
      station: STATION,
      host: '10.0.0.9',
      port: 5038,
      username: 'callboard',
    });
    expect(
      (
        await admin.send('POST', '/api/directory/servers', {
          name: 'pbx9',
          station: STATION,
          host: 'h',
          port: 1,
          username: 'u',
        })
      ).status,
    ).toBe(409);
    const noStation = await admin.send('POST', '/api/directory/servers', {
      name: 'pbx10',
      station: 'atlantis',
      host: 'h',
      port: 1,
      username: 'u',
    });
    expect(errorOf(noStation)).toMatchObject({ code: 'invalid', field: 'body.station' });
    const moved = await admin.send('PATCH', `/api/directory/servers/${server.id}`, { port: 5039 });
    expect((moved.json as { server: { port: number } }).server.port).toBe(5039);
    const badPort = await admin.send('PATCH', `/api/directory/servers/${server.id}`, { port: 0 });
    expect(errorOf(badPort).field).toBe('body.port');
    const list = await admin.send('GET', '/api/directory/servers');
    expect(list.text).not.toMatch(/secret|hunter2/i);
  });

  it('adds an operator with interfaces per server; names from outside stay as given', async () => {
    const made = await admin.send('POST', '/api/directory/operators', {
      station: STATION,
      key: 'PJSIP/201',
      name: EVIL_NAME,
      interfaces: [
        { server: 'pbx9', interface: 'PJSIP/201' },
        { server: 'pbx9', interface: 'Local/201@agents' },
      ],
    });
    expect(made.status, made.text).toBe(201);
    const { operator } = made.json as { operator: OperatorShown };
    expect(operator).toMatchObject({
      station: STATION,
      key: 'PJSIP/201',
      name: EVIL_NAME,
      monitored: true,
      interfaces: [
        { server: 'pbx9', interface: 'Local/201@agents' },
        { server: 'pbx9', interface: 'PJSIP/201' },
      ],
    });
    // The server has an operator's interfaces now: it stays; one without goes.
    const pbx9 = (await h.store.directoryEdits.servers()).find((s) => s.name === 'pbx9');
    expect((await admin.send('DELETE', `/api/directory/servers/${pbx9?.id ?? 0}`)).status).toBe(
      409,
    );
    const spare = await admin.send('POST', '/api/directory/servers', {
      name: 'spare',
      station: STATION,
      host: 'spare.example',
      port: 5038,
      username: 'u',
    });
    const spareId = (spare.json as { server: { id: number } }).server.id;
    expect((await admin.send('DELETE', `/api/directory/servers/${spareId}`)).status).toBe(204);
    const listed = await admin.send('GET', `/api/directory/operators?station=${STATION}`);
    const ops = (listed.json as { operators: OperatorShown[] }).operators;
    expect(ops.find((o) => o.key === 'PJSIP/201')?.name).toBe(EVIL_NAME);
    expect(ops.map((o) => o.key)).toEqual(expect.arrayContaining(DIRECTORY.map((d) => d.key)));

    const dup = await admin.send('POST', '/api/directory/operators', {
      station: STATION,
      key: 'PJSIP/201',
      name: 'again',
    });
    expect(dup.status).toBe(409);
    const elsewhere = await admin.send('POST', '/api/directory/operators', {
      station: STATION,
      key: 'PJSIP/202',
      name: 'x',
      interfaces: [{ server: 'nowhere', interface: 'PJSIP/202' }],
    });
    expect(errorOf(elsewhere)).toMatchObject({ code: 'invalid', field: 'body.interfaces' });
    const crlf = await admin.send('POST', '/api/directory/operators', {
      station: STATION,
      key: 'PJSIP/203',
      name: 'x',
      interfaces: [{ server: 'pbx9', interface: 'PJSIP/203\r\nAction: Originate' }],
    });
    expect(crlf.status).toBe(400);
    expect(errorOf(crlf).field).toMatch(/^body\.interfaces/);

    const changed = await admin.send('PATCH', `/api/directory/operators/${operator.id}`, {
      monitored: false,
      interfaces: [{ server: 'pbx9', interface: 'PJSIP/201' }],
    });
    expect((changed.json as { operator: OperatorShown }).operator).toMatchObject({
      name: EVIL_NAME,
      monitored: false,
      interfaces: [{ server: 'pbx9', interface: 'PJSIP/201' }],
    });
    // The scope filter reads the same rows at the next request.
    const refs = await h.store.operatorRefs();
    expect(refs.find((r) => r.id === operator.id)?.monitored).toBe(false);
    expect((await admin.send('DELETE', `/api/directory/operators/${operator.id}`)).status).toBe(
      204,
    );
    expect(
      (await admin.send('PATCH', `/api/directory/operators/${operator.id}`, { name: 'x' })).status,
    ).toBe(404);

    // Ann took calls and is a user: she stays.
    const ann = refs.find((r) => r.key === ANN);
    expect((await admin.send('DELETE', `/api/directory/operators/${ann?.id ?? 0}`)).status).toBe(
      409,
    );
  });

  it('adds a queue with its time zone and service level', async () => {
    const made = await admin.send('POST', '/api/directory/queues', {
      station: STATION,
      name: 'vip',
      timezone: 'Asia/Tokyo',
      serviceLevelSeconds: 15,
    });
    expect(made.status, made.text).toBe(201);
    const { queue } = made.json as { queue: { id: number } };
    expect(made.json).toEqual({
      queue: {
        id: queue.id,
        station: STATION,
        name: 'vip',
        timezone: 'Asia/Tokyo',
        serviceLevelSeconds: 15,
      },
    });
    expect(
      (await admin.send('POST', '/api/directory/queues', { station: STATION, name: 'vip' })).status,
    ).toBe(409);
    const zone = await admin.send('PATCH', `/api/directory/queues/${queue.id}`, {
      timezone: 'Tokyo',
    });
    expect(errorOf(zone).field).toBe('body.timezone');
    const station = await admin.send('PATCH', `/api/directory/queues/${queue.id}`, {
      timezone: null,
      serviceLevelSeconds: 30,
    });
    expect((station.json as { queue: unknown }).queue).toMatchObject({
      timezone: null,
      serviceLevelSeconds: 30,
    });
    const crlf = await admin.send('POST', '/api/directory/queues', {
      station: STATION,
      name: 'vip\r\nAction: Originate',
    });
    expect(errorOf(crlf).field).toBe('body.name');
    // Queues learned from calls are listed with the default settings.
    const list = (await admin.send('GET', '/api/directory/queues')).json as {
      queues: { name: string; serviceLevelSeconds: number; timezone: string | null }[];
    };
    expect(list.queues.find((q) => q.name === 'support')).toMatchObject({
      serviceLevelSeconds: 20,
      timezone: null,
    });
    const support = (await h.store.directoryEdits.queues()).find((q) => q.name === 'support');
    expect((await admin.send('DELETE', `/api/directory/queues/${support?.id ?? 0}`)).status).toBe(
      409,
    );
    expect((await admin.send('DELETE', `/api/directory/queues/${queue.id}`)).status).toBe(204);
  });

  it('keeps pause reasons: a wire-safe code and any label', async () => {
    const made = await admin.send('POST', '/api/directory/pause-reasons', {
      code: 'lunch',
      label: EVIL_NAME,
    });
    expect(made.status, made.text).toBe(201);
    const { pauseReason } = made.json as { pauseReason: { id: number; label: string } };
    expect(pauseReason.label).toBe(EVIL_NAME);
    const again = await admin.send('POST', '/api/directory/pause-reasons', {
      code: 'lunch',
      label: 'x',
    });
    expect(again.status).toBe(409);
    const crlf = await admin.send('POST', '/api/directory/pause-reasons', {
      code: 'lunch\r\nAction: Originate',
      label: 'x',
    });
    expect(errorOf(crlf).field).toBe('body.code');
    const nul = await admin.send('POST', '/api/directory/pause-reasons', {
      code: 'nul',
      label: 'a\u0000b',
    });
    expect(errorOf(nul).field).toBe('body.label');
    const other = await admin.send('POST', '/api/directory/pause-reasons', {
      code: 'break',
      label: 'Break',
    });
    const otherId = (other.json as { pauseReason: { id: number } }).pauseReason.id;
    expect(
      (await admin.send('PATCH', `/api/directory/pause-reasons/${otherId}`, { code: 'lunch' }))
        .status,
    ).toBe(409);
    const renamed = await admin.send('PATCH', `/api/directory/pause-reasons/${otherId}`, {
      label: 'Short break',
    });
    expect((renamed.json as { pauseReason: { label: string } }).pauseReason.label).toBe(
      'Short break',
    );
    expect((await admin.send('DELETE', `/api/directory/pause-reasons/${otherId}`)).status).toBe(
      204,
    );
    const list = (await admin.send('GET', '/api/directory/pause-reasons')).json as {
      pauseReasons: { code: string; label: string }[];
    };
    expect(list.pauseReasons).toEqual([{ id: pauseReason.id, code: 'lunch', label: EVIL_NAME }]);
  });

  it('refuses unknown fields and what is not the admin’s', async () => {
    const extra = await admin.send('POST', '/api/directory/stations', {
      name: 'x',
      timezone: 'UTC',
      color: 'red',
    });
    expect(errorOf(extra).field).toBe('body.color');
    const sup = await h.as('sup-in');
    expect((await sup.send('GET', '/api/directory/operators')).status).toBe(403);
    expect(
      (await sup.send('POST', '/api/directory/stations', { name: 'x', timezone: 'UTC' })).status,
    ).toBe(403);
    expect((await h.store.directoryEdits.stations()).map((s) => s.name)).not.toContain('x');
  });

  it('audits every edit, done or refused', async () => {
    const log = await h.store.audit.read({ limit: 500 });
    const actions = log.filter((e) => e.action.startsWith('directory.'));
    expect(
      actions.find((e) => e.action === 'directory.station.add' && e.result === 'ok'),
    ).toMatchObject({
      actor: 'admin',
      details: { name: 'moscow', timezone: 'Europe/Moscow' },
    });
    expect(
      actions.find((e) => e.action === 'directory.station.add' && e.result === 'failed')?.details,
    ).toMatchObject({ name: 'moscow', reason: 'station "moscow" already exists' });
    for (const name of ['station', 'server', 'operator', 'queue', 'pause-reason'])
      for (const verb of ['add', 'change', 'remove'])
        expect(
          actions.some((e) => e.action === `directory.${name}.${verb}`),
          `directory.${name}.${verb}`,
        ).toBe(true);
    expect(JSON.stringify(log)).not.toContain('hunter2');
    // A refusal by role is the safety net's (hooks/audit-rest.ts), written once the answer is sent.
    const deniedByRole = async (): Promise<boolean> =>
      (await h.store.audit.read({ limit: 500 })).some(
        (e) => e.action === 'POST /api/directory/stations' && e.result === 'denied',
      );
    for (let i = 0; i < 200 && !(await deniedByRole()); i++)
      await new Promise((r) => setTimeout(r, 5));
    expect(await deniedByRole()).toBe(true);
  });

  it('leaves what the API edited when the configuration is written again at a start', async () => {
    const before = (await h.store.directoryEdits.operators({ station: STATION })).find(
      (o) => o.key === ANN,
    );
    const id = before?.id ?? 0;
    await admin.send('PATCH', `/api/directory/operators/${id}`, {
      name: 'Ann Edited',
      monitored: false,
    });
    // What `callboard start` does with the file: station, servers, the directory.
    await h.store.station(`${STATION}-fresh`, 'UTC');
    await h.store.directory(STATION, DIRECTORY);
    const after = (await h.store.directoryEdits.operators({ station: STATION })).find(
      (o) => o.key === ANN,
    );
    expect(after).toMatchObject({ name: 'Ann Edited', monitored: false });
    // One the API never touched follows the file.
    await h.store.directory(STATION, [
      { key: 'SIP/102', name: 'Bob From File', devices: ['SIP/102'], monitored: true },
    ]);
    const bob = (await h.store.directoryEdits.operators({ station: STATION })).find(
      (o) => o.key === 'SIP/102',
    );
    expect(bob?.name).toBe('Bob From File');
  });
});
