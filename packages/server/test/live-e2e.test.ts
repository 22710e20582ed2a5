// The live feed driven by the real pipeline: a recorded busy hour
// (traces/10-load-mixed) played over AMI to the ingest (collector, journal,
// tracker on PGlite), its live changes through the server to WebSocket
// clients. A client that follows the deltas holds exactly the picture a
// fresh snapshot gives; a client that connects mid-stream starts from the
// callers and calls of that moment; a supervisor of one queue never gets a
// byte of another; when the hour is over nothing is left in progress.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayCaptures } from '@callboard/cli';
import { loadConfig } from '@callboard/config';
import { Ingest, silentLog } from '@callboard/ingest';
import { buildApp, hashPassword, LiveRelay, type SnapshotMessage } from '@callboard/server';
import { traceEvents } from '@callboard/simulator';
import { ResumableFeed } from '../../../test/support/resumable-feed.js';
import { tracesDir } from '../../../test/support/traces.js';
import { Client, PASSWORD } from './harness.js';
import { ClientPicture, isDelta, isSnapshot, LiveClient, type Opened } from './live-client.js';

const TRACE = join(tracesDir, '10-load-mixed');
const events = traceEvents(new Uint8Array(readFileSync(join(TRACE, 'ami-pbx1.raw'))));
const queues = [
  ...new Set(
    replayCaptures([join(TRACE, 'ami-pbx1.raw')]).calls.flatMap((c) =>
      c.queueVisits.map((v) => v.queue),
    ),
  ),
].sort();
const IN_SCOPE = queues[0] ?? '';

function opened(o: Opened): LiveClient {
  if (o.kind !== 'open') throw new Error(`refused: ${o.status}`);
  return o.client;
}

const withoutTime = (s: SnapshotMessage): Omit<SnapshotMessage, 'type' | 'seq' | 'now'> => ({
  queues: s.queues,
  operators: s.operators,
  calls: s.calls,
});

describe('the live feed over the real pipeline (10-load-mixed)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-live-'));
  const feed = new ResumableFeed(events, 200, 'live-secret');
  const relay = new LiveRelay();
  let admin: LiveClient;
  let supervisor: LiveClient;
  let late: SnapshotMessage | undefined;
  let endAdmin: SnapshotMessage;
  let endSupervisor: SnapshotMessage;

  beforeAll(async () => {
    expect(queues.length).toBeGreaterThan(1);
    const port = await feed.listen();
    const file = join(dir, 'callboard.yaml');
    writeFileSync(
      file,
      [
        'database:',
        `  data: ${join(dir, 'data')}`,
        'stations:',
        '  pbx1:',
        '    servers:',
        '      pbx1:',
        '        host: 127.0.0.1',
        `        port: ${port}`,
        '        username: callboard',
        '        secret: live-secret',
        '',
      ].join('\n'),
    );
    const ingest = await Ingest.start(loadConfig(file, {}), silentLog, { onLive: relay.push });
    relay.from(() => ingest.live());
    const app = await buildApp({ store: ingest.store, log: silentLog, live: relay });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const hash = await hashPassword(PASSWORD);
      for (const [login, role, q] of [
        ['boss', 'admin', []],
        ['sup', 'supervisor', [IN_SCOPE]],
      ] as const)
        await ingest.store.users.add(
          {
            login,
            displayName: login,
            passwordHash: hash,
            role,
            operatorId: null,
            queues: [...q],
            rights: [],
          },
          new Date(),
        );
      const boss = new Client(url);
      const sup = new Client(url);
      await boss.login('boss');
      await sup.login('sup');
      admin = opened(await LiveClient.open(url, boss.cookie));
      supervisor = opened(await LiveClient.open(url, sup.cookie));
      // Mid-stream, a third client comes: it starts from what is live then.
      const half = Math.floor(events.length / 2);
      let third: Promise<SnapshotMessage> | undefined;
      const play = feed.play(0, {
        stopAt: (i) => {
          if (i === half)
            third = LiveClient.open(url, boss.cookie).then(async (o) => {
              const c = opened(o);
              const snapshot = await c.next(isSnapshot);
              c.close();
              return snapshot;
            });
          return false;
        },
      });
      // The feed streams to a collector that resynchronises after `play` began:
      // the one logged in while the server started is sent round again.
      for (const session of feed.server.sessions) session.socket.destroy();
      expect(await play).toBe(events.length);
      late = await third;
      // The hour is over: the last calls finish once their grace has passed.
      while (ingest.metrics.tracker.inFlight > 0) await new Promise((r) => setTimeout(r, 200));
      const count = admin.messages.length;
      admin.send({ type: 'snapshot' });
      endAdmin = await admin.next(isSnapshot, count);
      const supCount = supervisor.messages.length;
      supervisor.send({ type: 'snapshot' });
      endSupervisor = await supervisor.next(isSnapshot, supCount);
    } finally {
      await app.close();
      await ingest.stop();
    }
  }, 180_000);

  afterAll(async () => {
    await feed.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a client that follows the deltas holds what a fresh snapshot shows', () => {
    for (const [client, end] of [
      [admin, endAdmin],
      [supervisor, endSupervisor],
    ] as const) {
      const messages = client.messages;
      const first = messages.find(isSnapshot);
      if (!first) throw new Error('no snapshot');
      const picture = new ClientPicture(first);
      const last = messages.indexOf(end);
      for (const m of messages.slice(0, last)) if (isDelta(m)) picture.apply(m);
      expect(picture.view()).toEqual(withoutTime(end));
    }
    expect(admin.messages.filter(isDelta).length).toBeGreaterThan(100);
  });

  it('starts a client that comes mid-stream from the calls and callers of that moment', () => {
    expect(late?.calls.length).toBeGreaterThan(0);
    expect(late?.operators.length).toBeGreaterThan(0);
  });

  it('never sends a supervisor anything of a queue outside their scope', () => {
    const others = queues.filter((q) => q !== IN_SCOPE);
    const changes = supervisor.messages.filter(isDelta).flatMap((d) => d.changes);
    expect(changes.some((c) => c.kind === 'waiting' && c.queue === IN_SCOPE)).toBe(true);
    for (const c of changes) {
      if (c.kind === 'waiting' || c.kind === 'waiting-left') expect(c.queue).toBe(IN_SCOPE);
      if (c.kind === 'call') expect(c.call.queues.every((q) => q === IN_SCOPE)).toBe(true);
    }
    for (const text of supervisor.texts)
      for (const q of others) expect(text).not.toContain(JSON.stringify(q));
  });

  it('ends the hour with no call in progress and nobody waiting', () => {
    expect(endAdmin.calls).toEqual([]);
    expect(endAdmin.queues.flatMap((q) => q.waiting)).toEqual([]);
    expect(endAdmin.queues.map((q) => q.queue)).toEqual(queues);
  });
});
