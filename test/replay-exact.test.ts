// Replay exactness. For every trace folder, `callboard simulate replay` (run
// through ReplaySimulation, what the command runs) is connected to by the real
// AMI client over TCP, one client per recorded server, and each client must
// receive exactly its capture's events: the same bytes in the same order, and
// nothing of the server's own accord besides. Then --loop (every pass new ids,
// times that keep rising) and both logins.

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAll } from '@callboard/ami';
import { AmiAuthError } from '@callboard/ami-client';
import { traceEvents } from '@callboard/simulator';
import { ReplaySimulation, type SimulationOptions } from '@callboard/cli';
import { expectSameBytes, Listener } from './support/listener.js';
import { readBytes, traceCaptures, tracesDir, type TraceCapture } from './support/traces.js';

const SECRET = 'replay-s3cret';
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Every folder found under the traces directory, with its captures. */
const folders = [...new Set(traceCaptures().map((c) => c.folder))].map((folder) => ({
  folder,
  captures: traceCaptures().filter((c) => c.folder === folder),
}));

/** The smallest capture alone in its folder: quick passes for the --loop and login tests. */
const small = traceCaptures()
  .filter((c) => folders.find((f) => f.folder === c.folder)?.captures.length === 1)
  .reduce<TraceCapture | undefined>(
    (a, c) => (a === undefined || c.size < a.size ? c : a),
    undefined,
  );

async function simulate(
  path: string,
  options: Partial<SimulationOptions> = {},
): Promise<ReplaySimulation> {
  const sim = await ReplaySimulation.start([path], {
    speed: Infinity,
    loop: false,
    host: '127.0.0.1',
    port: 0,
    user: 'callboard',
    secret: SECRET,
    ...options,
  });
  cleanups.push(() => sim.stop());
  return sim;
}

function listen(sim: ReplaySimulation, server: string, auth: 'md5' | 'plain'): Listener {
  const s = sim.servers.find((x) => x.name === server);
  if (s === undefined) throw new Error(`no simulated server ${server}`);
  const listener = new Listener({
    host: s.host,
    port: s.port,
    username: s.user,
    secret: s.secret,
    auth,
  });
  cleanups.push(() => listener.client.close());
  return listener;
}

const expected = (capture: TraceCapture): Uint8Array[] =>
  traceEvents(readBytes(capture.rawPath)).map((e) => e.bytes);

describe('simulate replay sends exactly the recorded events', () => {
  it.each(folders)('$folder', async ({ folder, captures }) => {
    const sim = await simulate(join(tracesDir, folder));
    expect(sim.servers.map((s) => s.name)).toEqual(captures.map((c) => c.server));
    const listeners = captures.map((c) => listen(sim, c.server, 'md5'));
    await Promise.all(listeners.map((l) => l.client.connect()));
    await sim.finished;
    for (const [i, capture] of captures.entries()) {
      const listener = listeners[i];
      if (listener === undefined) continue;
      await listener.sync();
      expectSameBytes(
        listener.unasked().map((h) => h.bytes),
        expected(capture),
      );
      expect(new Set(listener.unasked().map((h) => h.kind))).toEqual(new Set(['event']));
      // Challenge, Login and Ping: one response each, no list, nothing else.
      expect(listener.answers().map((h) => h.kind)).toEqual(['response', 'response', 'response']);
    }
  });
});

/** The uniqueids and linkedids of messages, and their Timestamps in seconds. */
function ids(messages: readonly Uint8Array[]): { ids: Set<string>; stamps: number[] } {
  const out = { ids: new Set<string>(), stamps: [] as number[] };
  for (const bytes of messages)
    for (const item of parseAll(bytes, { banner: false })) {
      if (item.kind !== 'message') continue;
      for (const [key, value] of item.message.entries()) {
        if (/uniqueid$|linkedid$/i.test(key) && value !== '' && value !== 'none')
          out.ids.add(value);
        if (key === 'Timestamp') out.stamps.push(Number(value));
      }
    }
  return out;
}

const names = (messages: readonly Uint8Array[]): string[] =>
  messages.flatMap((bytes) =>
    parseAll(bytes, { banner: false }).flatMap((i) =>
      i.kind === 'message' ? [i.message.name] : [],
    ),
  );

describe('simulate replay --loop', () => {
  it('plays the trace as recorded, then again and again with fresh ids and later times', async () => {
    if (small === undefined) throw new Error('no single-server trace folder');
    const recorded = expected(small);
    const n = recorded.length;
    const sim = await simulate(small.rawPath, { loop: true });
    const listener = listen(sim, small.server, 'md5');
    await listener.client.connect();
    await listener.until(3 * n);
    const heard = listener.unasked().map((h) => h.bytes);
    const passes = [heard.slice(0, n), heard.slice(n, 2 * n), heard.slice(2 * n, 3 * n)];
    expectSameBytes(passes[0] ?? [], recorded);
    const seen = new Set<string>();
    let lastStamp = -Infinity;
    for (const [k, pass] of passes.entries()) {
      expect(names(pass), `pass ${k + 1}`).toEqual(names(recorded));
      const p = ids(pass);
      expect(p.ids.size, `pass ${k + 1} has ids`).toBeGreaterThan(0);
      expect(
        [...p.ids].filter((id) => seen.has(id)),
        `pass ${k + 1} reuses ids`,
      ).toEqual([]);
      for (const id of p.ids) seen.add(id);
      expect(Math.min(...p.stamps), `pass ${k + 1} starts after the one before`).toBeGreaterThan(
        lastStamp,
      );
      lastStamp = Math.max(...p.stamps);
    }
  });
});

describe('simulate replay logins', () => {
  it.each(['md5', 'plain'] as const)('accepts a %s login and then plays', async (auth) => {
    if (small === undefined) throw new Error('no single-server trace folder');
    const sim = await simulate(small.rawPath);
    const listener = listen(sim, small.server, auth);
    await listener.client.connect();
    await sim.finished;
    await listener.sync();
    expectSameBytes(
      listener.unasked().map((h) => h.bytes),
      expected(small),
    );
  });

  it('refuses a wrong secret and plays nothing to it', async () => {
    if (small === undefined) throw new Error('no single-server trace folder');
    const sim = await simulate(small.rawPath);
    const s = sim.servers[0];
    if (s === undefined) throw new Error('no server');
    const intruder = new Listener({ host: s.host, port: s.port, username: s.user, secret: 'no' });
    cleanups.push(() => intruder.client.close());
    await expect(intruder.client.connect()).rejects.toBeInstanceOf(AmiAuthError);
    expect(intruder.unasked()).toEqual([]);
  });
});
