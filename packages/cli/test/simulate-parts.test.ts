// The pure parts of `callboard simulate replay`: the time line that merges
// the servers of one recording, and the trace-time clock.

import { describe, expect, it } from 'vitest';
import { traceEvents, type TraceEvent } from '@callboard/simulator';
import { timeline } from '../src/simulate/timeline.js';
import { TraceClock } from '../src/simulate/trace-clock.js';
import { readBytes, traceCaptures } from '../../../test/support/traces.js';

const encoder = new TextEncoder();
const ev = (label: string, at?: number): TraceEvent => ({
  bytes: encoder.encode(`Event: ${label}\r\n\r\n`),
  at,
});
const labels = (cues: ReturnType<typeof timeline>): string[] =>
  cues.map((c) => new TextDecoder().decode(c.event.bytes).slice(7, -4));

describe('timeline', () => {
  it('interleaves servers by time', () => {
    const cues = timeline([
      [ev('a1', 1), ev('a3', 3), ev('a5', 5)],
      [ev('b2', 2), ev('b4', 4)],
    ]);
    expect(labels(cues)).toEqual(['a1', 'b2', 'a3', 'b4', 'a5']);
    expect(cues.map((c) => c.server)).toEqual([0, 1, 0, 1, 0]);
  });

  it('gives an event without a Timestamp the time before it, or the first time of its server', () => {
    const cues = timeline([[ev('booted'), ev('a', 10), ev('b'), ev('c', 12)]]);
    expect(cues.map((c) => c.at)).toEqual([10, 10, 10, 12]);
  });

  it("keeps a server's own order when its times step back, and puts the first server first on a tie", () => {
    const cues = timeline([
      [ev('a5', 5), ev('a3', 3)],
      [ev('b4', 4), ev('b5', 5)],
    ]);
    expect(labels(cues)).toEqual(['b4', 'a5', 'a3', 'b5']);
  });

  const folders = [...new Set(traceCaptures().map((c) => c.folder))];
  it.each(folders)('keeps every server of %s in its recorded order', (folder) => {
    const captures = traceCaptures().filter((c) => c.folder === folder);
    const events = captures.map((c) => traceEvents(readBytes(c.rawPath)));
    const cues = timeline(events);
    for (const [server, own] of events.entries())
      expect(cues.filter((c) => c.server === server).map((c) => c.event)).toEqual(own);
  });
});

describe('TraceClock', () => {
  it('stands at the first event until a pass starts, then runs at its speed', () => {
    let wall = 0;
    const clock = new TraceClock(1_000, 10, () => wall);
    wall = 500;
    expect(clock.now()).toBe(1_000);
    clock.startAt(2_000);
    wall = 600;
    expect(clock.now()).toBe(3_000);
  });

  it('at full speed, moves only with the events sent, and never back', () => {
    const clock = new TraceClock(1_000, Infinity, () => 0);
    clock.startAt(1_000);
    clock.sent(1_500);
    clock.sent(undefined);
    clock.sent(1_200);
    expect(clock.now()).toBe(1_500);
    clock.startAt(1_100);
    expect(clock.now()).toBe(1_500);
  });
});
