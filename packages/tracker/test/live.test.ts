// The live picture (Tracker.live) against the live effects: over a
// recorded busy hour, the picture at any moment is what the effects so far
// build, and a tracker restored from a checkpoint gives the same picture.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AmiParser } from '@callboard/ami';
import { traceEvents } from '@callboard/simulator';
import { Tracker, type Effect, type LiveEffect, type TrackerSnapshot } from '@callboard/tracker';
import { tracesDir } from '../../../test/support/traces.js';

/** What a live view holds: callers waiting, calls in progress, operators' states. */
class Picture {
  readonly waiting = new Set<string>();
  readonly calls = new Map<string, readonly string[]>();
  readonly operators = new Map<string, string>();

  apply(effects: readonly Effect[]): this {
    for (const e of effects) {
      if (e.kind === 'queue-waiting') {
        const key = `${e.queue}|${e.uniqueid}`;
        if (e.left === null) this.waiting.add(key);
        else this.waiting.delete(key);
      } else if (e.kind === 'operator-state') {
        const queues = e.queues.map((q) => `${q.queue}:${q.paused ? (q.reason ?? 'paused') : ''}`);
        this.operators.set(e.operator, `${e.state} ${e.reason ?? ''} ${e.since} ${queues.join()}`);
      } else if (e.kind === 'call-progress') {
        for (const [id, linkedids] of this.calls)
          if (id !== e.call && linkedids.some((l) => e.linkedids.includes(l)))
            this.calls.delete(id);
        this.calls.set(e.call, e.linkedids);
      } else if (e.kind === 'call-finished') {
        for (const [id, linkedids] of this.calls)
          if (id === e.record.id || linkedids.some((l) => e.record.linkedids.includes(l)))
            this.calls.delete(id);
      }
    }
    return this;
  }
}

const fromPicture = (picture: readonly LiveEffect[]): Picture => new Picture().apply(picture);

describe('the live picture', () => {
  const raw = new Uint8Array(readFileSync(join(tracesDir, '10-load-mixed', 'ami-pbx1.raw')));
  const events = traceEvents(raw);

  it('is what the effects so far build, at any moment, and survives a restore', () => {
    const tracker = new Tracker();
    const followed = new Picture();
    const parser = new AmiParser({ banner: false });
    let checked = 0;
    let busy = 0;
    events.forEach((e, i) => {
      parser.push(e.bytes, (item) => {
        if (item.kind !== 'message') return;
        followed.apply(
          tracker.push({ server: 'pbx1', message: item.message, receivedAt: e.at ?? 0 }),
        );
      });
      if (i % 500 !== 0) return;
      const now = fromPicture(tracker.live());
      expect([...now.waiting].sort()).toEqual([...followed.waiting].sort());
      expect([...now.calls.keys()].sort()).toEqual([...followed.calls.keys()].sort());
      for (const [op, state] of now.operators) {
        const seen = followed.operators.get(op);
        // An operator never announced is one still in the state they were first seen in: offline.
        if (seen === undefined) expect(state.startsWith('offline')).toBe(true);
        else expect(state).toBe(seen);
      }
      const restored = Tracker.restore(
        {},
        JSON.parse(JSON.stringify(tracker.snapshot())) as TrackerSnapshot,
      );
      expect(restored.live()).toEqual(tracker.live());
      checked++;
      if (now.calls.size > 0 && now.waiting.size > 0) busy++;
    });
    expect(checked).toBeGreaterThan(5);
    expect(busy).toBeGreaterThan(0);
  });
});
