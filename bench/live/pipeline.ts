// One run of the live benchmark: generated AMI events written at a fixed
// rate over TCP by an emulated Asterisk → the real ingest (collector,
// journal, tracker) on PGlite or PostgreSQL → the server → WebSocket clients in a worker
// thread. Each `QueueCallerJoin` written is timed to the `waiting` change
// it causes at every client that may see that queue.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadConfig } from '@callboard/config';
import { Ingest, silentLog } from '@callboard/ingest';
import { buildApp, hashPassword, LiveRelay } from '@callboard/server';
import { AmiServer, LiveState, type GeneratedEvent } from '@callboard/simulator';
import type { ClientResult } from './clients.js';

export interface RunOptions {
  readonly events: readonly GeneratedEvent[];
  /** The queue every `QueueCallerJoin` event (by index) is for, and its caller's uniqueid. */
  readonly joins: ReadonlyMap<number, { readonly queue: string; readonly uniqueid: string }>;
  readonly queues: readonly string[];
  readonly clients: number;
  readonly rate: number;
  readonly batchMs: number;
  readonly fanout: 'per-scope' | 'per-client';
  /** A PostgreSQL database URL; without it, PGlite in a temporary folder. */
  readonly databaseUrl: string | undefined;
}

export interface RunResult {
  /** Milliseconds from the AMI write to a client's receipt, one per (join, client that sees it). */
  readonly latencies: Float64Array;
  /** Expected receipts that never came. */
  readonly missing: number;
  readonly writeSeconds: number;
  readonly messages: number;
  readonly bytes: number;
  readonly closed: number;
  readonly views: number;
}

const now = (): number => performance.timeOrigin + performance.now();
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function run(o: RunOptions): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-bench-live-'));
  const state = new LiveState();
  const emulator = new AmiServer({
    users: { callboard: 'bench' },
    handlers: state.handlers(() => Date.now()),
  });
  const port = await emulator.listen(0, '127.0.0.1');
  const file = join(dir, 'callboard.yaml');
  writeFileSync(
    file,
    [
      'database:',
      o.databaseUrl === undefined ? `  data: ${join(dir, 'data')}` : `  url: ${o.databaseUrl}`,
      'journal:',
      `  batchMs: ${o.batchMs}`,
      'stations:',
      '  main:',
      '    servers:',
      '      pbx1:',
      '        host: 127.0.0.1',
      `        port: ${port}`,
      '        username: callboard',
      '        secret: bench',
      '',
    ].join('\n'),
  );
  const relay = new LiveRelay();
  const ingest = await Ingest.start(loadConfig(file, {}), silentLog, { onLive: relay.push });
  relay.from(() => ingest.live());
  const app = await buildApp({
    store: ingest.store,
    log: silentLog,
    live: relay,
    liveOptions: { fanout: o.fanout },
    limits: {
      perAddress: { max: 1000, windowMs: 60_000 },
      perLogin: { max: 1000, windowMs: 60_000 },
    },
  });
  let worker: Worker | undefined;
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    // A fifth of the clients are admins; the rest supervisors, one queue each, in turn.
    const hash = await hashPassword('bench password');
    const logins = [
      { login: 'boss', role: 'admin' as const, queues: [] as string[] },
      ...o.queues.map((q) => ({ login: `sup-${q}`, role: 'supervisor' as const, queues: [q] })),
    ];
    const cookies = new Map<string, string>();
    for (const u of logins) {
      await ingest.store.users.add(
        {
          login: u.login,
          displayName: u.login,
          passwordHash: hash,
          role: u.role,
          operatorId: null,
          queues: u.queues,
          rights: [],
        },
        new Date(),
      );
      const res = await fetch(`${url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: u.login, password: 'bench password' }),
      });
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('callboard_session='));
      if (!cookie) throw new Error(`login ${u.login}: ${res.status}`);
      cookies.set(u.login, cookie.split(';')[0] ?? '');
    }
    const admins = Math.max(1, Math.round(o.clients / 5));
    const sees: (string | null)[] = Array.from({ length: o.clients }, (_, i) =>
      i < admins ? null : (o.queues[(i - admins) % o.queues.length] ?? null),
    );
    const clientCookies = sees.map((q) => cookies.get(q === null ? 'boss' : `sup-${q}`) ?? '');

    const session = await emulator.loggedIn();
    // A worker does not inherit `--import tsx`: it registers tsx, then loads the clients.
    const clients = new URL('./clients.ts', import.meta.url).href;
    worker = new Worker(
      `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(clients)}); });`,
      { eval: true, workerData: { url, cookies: clientCookies } },
    );
    const w = worker;
    await new Promise<void>((resolve, reject) => {
      w.on('message', (m: { type: string; message?: string }) => {
        if (m.type === 'ready') resolve();
        if (m.type === 'error') reject(new Error(m.message));
      });
      w.once('error', reject);
    });
    // The collector's resync answers are out of the way before the stream starts.
    await pause(500);

    const written = new Map<string, number>();
    const started = now();
    let next = 0;
    while (next < o.events.length) {
      const due = Math.min(o.events.length, Math.floor(((now() - started) * o.rate) / 1000) + 1);
      for (; next < due; next++) {
        const e = o.events[next];
        if (!e) continue;
        session.write(e.bytes);
        state.observe(e.bytes, Date.now());
        const join = o.joins.get(next);
        if (join) written.set(join.uniqueid, now());
      }
      await pause(1);
    }
    const writeSeconds = (now() - started) / 1000;
    // The last changes on their way.
    while (ingest.metrics.lag > 0) await pause(20);
    await pause(500);

    const results = await new Promise<ClientResult[]>((resolve) => {
      w.on('message', (m: { type: string; results?: ClientResult[] }) => {
        if (m.type === 'results' && m.results) resolve(m.results);
      });
      w.postMessage({ type: 'finish' });
    });

    const queueOf = new Map([...o.joins.values()].map((j) => [j.uniqueid, j.queue]));
    const latencies: number[] = [];
    let missing = 0;
    results.forEach((r, i) => {
      const got = new Map(r.received);
      for (const [uniqueid, at] of written) {
        const q = sees[i];
        if (q !== null && queueOf.get(uniqueid) !== q) continue;
        const t = got.get(uniqueid);
        if (t === undefined) missing++;
        else latencies.push(t - at);
      }
    });
    return {
      latencies: Float64Array.from(latencies).sort(),
      missing,
      writeSeconds,
      messages: results.reduce((n, r) => n + r.messages, 0),
      bytes: results.reduce((n, r) => n + r.bytes, 0),
      closed: results.filter((r) => r.closed !== null).length,
      views: 1 + o.queues.length,
    };
  } finally {
    await worker?.terminate();
    await app.close();
    await ingest.stop();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
