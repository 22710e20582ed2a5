// A collector loses its AMI connection in the middle of a busy trace;
// meanwhile Asterisk goes on (the events of the gap are never received).
// After the reconnect the collector resynchronises (CoreShowChannels): the
// calls whose channels hung up in the gap are closed and flagged `gap`, the
// calls before and after the gap are exactly what an unbroken stream gives,
// and the live picture ends with no phantom call, caller or conversation.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayCaptures } from '@callboard/cli';
import { loadConfig } from '@callboard/config';
import { Ingest, silentLog } from '@callboard/ingest';
import { traceEvents } from '@callboard/simulator';
import { Store } from '@callboard/store';
import type { CallRecord, Effect } from '@callboard/tracker';
import { ResumableFeed } from './support/resumable-feed.js';
import { tracesDir } from './support/traces.js';

const TRACE = join(tracesDir, '10-load-mixed');
const events = traceEvents(new Uint8Array(readFileSync(join(TRACE, 'ami-pbx1.raw'))));
/** The gap: from 40% to 50% of the trace's events (about a minute of a busy hour). */
const GAP_FROM = Math.floor(events.length * 0.4);
const GAP_TO = Math.floor(events.length * 0.5);
const timeOf = (i: number): number => events[i]?.at ?? NaN;

/** What a live view keeps: calls in progress, callers waiting, operators talking. */
class LivePicture {
  readonly calls = new Set<string>();
  readonly waiting = new Set<string>();
  readonly talking = new Set<string>();
  apply(effects: readonly Effect[]): void {
    for (const e of effects) {
      if (e.kind === 'call-progress') this.calls.add(e.call);
      else if (e.kind === 'call-finished') this.calls.delete(e.record.id);
      else if (e.kind === 'queue-waiting') {
        if (e.left === null) this.waiting.add(`${e.queue}|${e.uniqueid}`);
        else this.waiting.delete(`${e.queue}|${e.uniqueid}`);
      } else if (e.kind === 'operator-state') {
        if (e.state === 'talking' || e.state === 'ringing') this.talking.add(e.operator);
        else this.talking.delete(e.operator);
      }
    }
  }
}

describe('a reconnect after a gap in the stream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-resync-'));
  const feed = new ResumableFeed(events, 100, 'resync-secret');
  const live = new LivePicture();
  const reference = replayCaptures([TRACE]).calls;
  let stored: CallRecord[] = [];
  let inFlightAtEnd = -1;

  beforeAll(async () => {
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
        '        secret: resync-secret',
        '',
      ].join('\n'),
    );
    const config = loadConfig(file, {});
    const ingest = await Ingest.start(config, silentLog, {
      onLive: (effects) => live.apply(effects),
    });
    try {
      expect(await feed.play(0, { stopAt: (i) => i >= GAP_FROM })).toBe(GAP_FROM);
      // The connection drops; Asterisk goes on without us until GAP_TO.
      for (const s of feed.server.sessions) s.socket.destroy();
      expect(await feed.play(GAP_TO)).toBe(events.length);
      // The stream is over: wait for the last calls' grace to pass.
      const deadline = Date.now() + 30_000;
      while (ingest.metrics.tracker.inFlight > 0 || live.calls.size > 0) {
        if (Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      inFlightAtEnd = ingest.metrics.tracker.inFlight;
      expect(ingest.metrics.servers.pbx1?.reconnects).toBe(1);
    } finally {
      await ingest.stop();
    }
    const store = await Store.open({ dataDir: config.database.data });
    stored = await store.calls();
    await store.close();
  }, 120_000);

  afterAll(async () => {
    await feed.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const byId = (calls: readonly CallRecord[]): Map<string, CallRecord> =>
    new Map(calls.map((c) => [c.id, c]));

  it('leaves nothing in flight and no phantom in the live picture', () => {
    expect(inFlightAtEnd).toBe(0);
    expect([...live.calls]).toEqual([]);
    expect([...live.waiting]).toEqual([]);
    expect([...live.talking]).toEqual([]);
  });

  it('stores the calls before the gap exactly as an unbroken stream does', () => {
    const before = reference.filter((c) => Date.parse(c.endedAt) < timeOf(GAP_FROM));
    expect(before.length).toBeGreaterThan(50);
    const got = byId(stored);
    for (const c of before) expect(got.get(c.id)).toEqual(c);
  });

  it('stores the calls after the gap exactly as an unbroken stream does', () => {
    const after = reference.filter((c) => Date.parse(c.startedAt) > timeOf(GAP_TO));
    expect(after.length).toBeGreaterThan(50);
    const got = byId(stored);
    for (const c of after) expect(got.get(c.id)).toEqual(c);
  });

  it('closes the calls that hung up in the gap, flagged gap', () => {
    const lost = reference.filter(
      (c) =>
        Date.parse(c.startedAt) < timeOf(GAP_FROM) &&
        Date.parse(c.endedAt) >= timeOf(GAP_FROM) &&
        Date.parse(c.endedAt) < timeOf(GAP_TO),
    );
    expect(lost.length).toBeGreaterThan(0);
    const got = byId(stored);
    for (const c of lost) {
      const call = got.get(c.id);
      expect(call, c.id).toBeDefined();
      expect(call?.flags).toContain('gap');
      // Closed when the gap was found, not before it began.
      expect(Date.parse(call?.endedAt ?? '')).toBeGreaterThanOrEqual(timeOf(GAP_FROM - 1));
    }
    // No call that was whole on either side is flagged.
    const flagged = stored.filter((c) => c.flags.includes('gap')).map((c) => c.id);
    const whole = new Set(
      reference
        .filter(
          (c) =>
            Date.parse(c.endedAt) < timeOf(GAP_FROM) || Date.parse(c.startedAt) > timeOf(GAP_TO),
        )
        .map((c) => c.id),
    );
    expect(flagged.filter((id) => whole.has(id))).toEqual([]);
  });
});
