// The live feed over real sockets: a snapshot then deltas in order, a fresh
// snapshot on reconnect or on request, the upgrade refused from another
// origin, sockets closed when their session ends or their view changes, a
// client that does not read closed instead of buffered for, and the count
// in /metrics. On PGlite and PostgreSQL.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_CLOSE, LiveRelay, type SnapshotMessage } from '@callboard/server';
import { DATABASE_KINDS } from '../../../test/support/databases.js';
import { ANN, at, BOB } from './fixtures.js';
import { Harness } from './harness.js';
import { isDelta, isSnapshot, LiveClient, type Opened } from './live-client.js';
import { livePicture, liveRound, operatorState } from './live-fixture.js';

function opened(o: Opened): LiveClient {
  if (o.kind !== 'open') throw new Error(`refused: ${o.status}`);
  return o.client;
}

describe.each(DATABASE_KINDS)('the live feed on %s', (kind) => {
  let h: Harness;
  const relay = new LiveRelay().from(livePicture);

  beforeAll(async () => {
    h = await Harness.start(kind, { live: relay, liveOptions: { recheckMs: 20 } });
  });
  afterAll(async () => {
    await h.close();
  });

  const connect = async (
    who: 'admin' | 'sup-in' | 'sup-noright' | 'operator',
  ): Promise<LiveClient> => {
    const c = await h.as(who);
    return opened(await LiveClient.open(h.url, c.cookie));
  };

  it('sends a snapshot, then deltas; a reconnect starts from a fresh snapshot', async () => {
    const first = await connect('admin');
    const snap = await first.next(isSnapshot);
    expect(Date.parse(snap.now)).toBe(h.clock.now);
    expect(snap.queues.find((q) => q.queue === 'support')?.waiting).toHaveLength(1);
    relay.push([operatorState(BOB, 'idle', at(40))]);
    const delta = await first.next(isDelta);
    expect(delta.seq).toBe(snap.seq + 1);
    const bob = (await h.store.operatorRefs()).find((r) => r.key === BOB)?.id;
    expect(bob).toEqual(expect.any(Number));
    expect(delta.changes).toEqual([
      {
        kind: 'operator',
        station: 'main',
        operator: BOB,
        id: bob,
        name: '102',
        state: 'idle',
        reason: null,
        since: at(40),
        queues: [
          { queue: 'sales', paused: false, reason: null },
          { queue: 'support', paused: true, reason: 'training' },
        ],
      },
    ]);
    first.close();
    await first.closed;
    // Gone while away: the round comes and goes, Ann moves.
    for (const e of liveRound(at(41))) relay.push([e]);
    const again = await connect('admin');
    const fresh: SnapshotMessage = await again.next(isSnapshot);
    expect(fresh.seq).toBeGreaterThan(delta.seq);
    expect(fresh.operators.find((o) => o.operator === BOB)?.state).toBe('idle');
    expect(fresh.operators.find((o) => o.operator === ANN)).toMatchObject({
      state: 'idle',
      since: at(41),
    });
    expect(fresh.calls.map((c) => c.id)).toEqual(snap.calls.map((c) => c.id));
    again.send({ type: 'snapshot' });
    const asked = await again.next(isSnapshot, 1);
    expect(asked).toEqual(fresh);
    again.send({ type: 'ping' });
    await again.next((m): m is typeof m => m.type === 'pong');
    again.close();
  });

  it('refuses the upgrade without a session and from another origin', async () => {
    expect(await LiveClient.open(h.url, undefined)).toEqual({ kind: 'refused', status: 401 });
    const admin = await h.as('admin');
    expect(await LiveClient.open(h.url, admin.cookie, { origin: 'https://evil.example' })).toEqual({
      kind: 'refused',
      status: 403,
    });
    const same = opened(await LiveClient.open(h.url, admin.cookie, { origin: h.url }));
    await same.next(isSnapshot);
    same.close();
  });

  it('closes on a message that is not one it takes', async () => {
    const c = await connect('operator');
    await c.next(isSnapshot);
    c.send({ type: 'snapshot', extra: 1 });
    expect(await c.closed).toEqual({ code: LIVE_CLOSE.invalid, reason: 'invalid message' });
    expect(c.messages.at(-1)).toMatchObject({ type: 'error', error: { code: 'invalid' } });
  });

  it('closes when the session ends: logout, expiry', async () => {
    const client = await h.as('sup-in');
    const c = opened(await LiveClient.open(h.url, client.cookie));
    await c.next(isSnapshot);
    expect((await client.send('POST', '/api/logout')).status).toBe(204);
    expect(await c.closed).toEqual({ code: LIVE_CLOSE.sessionEnded, reason: 'session ended' });

    const other = await connect('operator');
    await other.next(isSnapshot);
    h.clock.advance(13 * 3600_000);
    expect((await other.closed).code).toBe(LIVE_CLOSE.sessionEnded);
  });

  it('closes when the user’s view changes', async () => {
    const c = await connect('sup-in');
    await c.next(isSnapshot);
    const admin = await h.as('admin');
    const changed = await admin.send('PATCH', `/api/users/${h.ids['sup-in']}`, {
      queues: ['sales'],
    });
    expect(changed.status).toBe(200);
    expect(await c.closed).toEqual({ code: LIVE_CLOSE.scopeChanged, reason: 'scope changed' });
  });

  it('gives each operator their directory id and the memberships the viewer may see', async () => {
    const refs = await h.store.operatorRefs();
    const idOf = (key: string): number | undefined => refs.find((r) => r.key === key)?.id;
    const [admin, sup, operator] = await Promise.all([
      connect('admin'),
      // Of support (sup-in's queues changed above).
      connect('sup-noright'),
      connect('operator'),
    ]);
    const [a, s, o] = await Promise.all([
      admin.next(isSnapshot),
      sup.next(isSnapshot),
      operator.next(isSnapshot),
    ]);
    const bob = (snap: SnapshotMessage) => snap.operators.find((op) => op.operator === BOB);
    expect(bob(a)).toMatchObject({
      id: idOf(BOB),
      queues: [
        { queue: 'sales', paused: false, reason: null },
        { queue: 'support', paused: true, reason: 'training' },
      ],
    });
    // Support's supervisor: only Bob's support membership.
    expect(bob(s)?.queues).toEqual([{ queue: 'support', paused: true, reason: 'training' }]);
    // An operator sees themselves, and no queue.
    expect(o.operators).toMatchObject([{ operator: ANN, id: idOf(ANN), queues: [] }]);

    /** The operator's change in the first delta from the mark (a count of messages) on. */
    const change = async (c: LiveClient, operator: string, mark: number) =>
      (await c.next(isDelta, mark)).changes.find(
        (ch) => ch.kind === 'operator' && ch.operator === operator,
      );
    const marks = (): number[] => [admin.messages.length, sup.messages.length];

    // Bob paused in sales too: each sees the memberships of their queues.
    const bothPaused = [
      { queue: 'sales', paused: true, reason: 'lunch' },
      { queue: 'support', paused: true, reason: 'training' },
    ];
    let [ma = 0, ms = 0] = marks();
    relay.push([{ ...operatorState(BOB, 'paused', at(42), bothPaused), reason: 'lunch' }]);
    expect(await change(admin, BOB, ma)).toMatchObject({ state: 'paused', queues: bothPaused });
    expect(await change(sup, BOB, ms)).toMatchObject({
      state: 'paused',
      queues: [{ queue: 'support', paused: true, reason: 'training' }],
    });

    // Not in the directory yet: no id; once the admin adds them, they come again with it.
    const NEW = 'SIP/103';
    [ma = 0, ms = 0] = marks();
    relay.push([
      operatorState(NEW, 'idle', at(43), [{ queue: 'support', paused: false, reason: null }]),
    ]);
    expect(await change(admin, NEW, ma)).toMatchObject({ id: null });
    expect(await change(sup, NEW, ms)).toMatchObject({ id: null });
    [ma = 0, ms = 0] = marks();
    const made = await (
      await h.as('admin')
    ).send('POST', '/api/directory/operators', { station: 'main', key: NEW, name: 'Newcomer' });
    expect(made.status, made.text).toBe(201);
    const id = (made.json as { operator: { id: number } }).operator.id;
    expect(await change(admin, NEW, ma)).toMatchObject({ id, state: 'idle' });
    expect(await change(sup, NEW, ms)).toMatchObject({ id });
    for (const c of [admin, sup, operator]) {
      c.close();
      await c.closed;
    }
  });

  it('counts its clients in /metrics', async () => {
    const admin = await h.as('admin');
    const gauge = async (): Promise<string | undefined> =>
      (await admin.send('GET', '/metrics')).text
        .split('\n')
        .find((l) => l.startsWith('callboard_websocket_clients '));
    const c = opened(await LiveClient.open(h.url, admin.cookie));
    await c.next(isSnapshot);
    expect(await gauge()).toBe('callboard_websocket_clients 1');
    c.close();
    await c.closed;
    await expect.poll(gauge).toBe('callboard_websocket_clients 0');
  });
});

describe('a live client that does not read', () => {
  it('is closed (4002) once its send buffer passes the limit, not buffered for', async () => {
    const relay = new LiveRelay().from(livePicture);
    const h = await Harness.start('pglite', {
      live: relay,
      liveOptions: { maxBufferedBytes: 64 * 1024 },
    });
    try {
      const admin = await h.as('admin');
      const c = opened(await LiveClient.open(h.url, admin.cookie));
      await c.next(isSnapshot);
      c.socket.pause();
      const clients = async (): Promise<string | undefined> =>
        (await admin.send('GET', '/metrics')).text
          .split('\n')
          .find((l) => l.startsWith('callboard_websocket_clients '));
      // Caller names of 1 KiB, until the kernel's buffers are full and the server's grows.
      const name = 'x'.repeat(1024);
      for (let i = 0; i < 50_000 && (await clients()) !== 'callboard_websocket_clients 0'; i++) {
        const round = Array.from({ length: 200 }, (_, j) => ({
          ...operatorState(ANN, 'talking', at(50)),
          name: `${name}${i}-${j}`,
        }));
        relay.push(round);
      }
      expect(await clients()).toBe('callboard_websocket_clients 0');
      c.socket.resume();
      expect(await c.closed).toEqual({ code: LIVE_CLOSE.tooSlow, reason: 'too slow' });
    } finally {
      await h.close();
    }
  });
});
