// The worker's Arrow reader (src/report/arrow.ts) against the server's
// writer (packages/server/src/report/arrow.ts): rows encoded as the server
// sends them come back as frames holding the very same values, nulls
// wherever the rows have them (runs of nulls, none, all, across the bytes
// of the null bitmap), times before and after 1970, and large sums.

import { describe, expect, it } from 'vitest';
import { encodeArrow } from '../../server/src/report/arrow.ts';
import {
  INTERVAL_COLUMNS,
  OPERATOR_HOUR_COLUMNS,
  type IntervalRow,
  type OperatorHourRow,
} from '../../server/src/report/columns.ts';
import { decode, hourFrame, intervalFrame } from '../src/report/arrow.ts';
import { valueAt, type Dict } from '../src/report/frames.ts';

/** A small seeded generator (mulberry32): the same rows on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** Null in stretches: some rows none, some all, some one in three. */
function sometimes<T>(r: () => number, i: number, value: T): T | null {
  const stretch = Math.floor(i / 37) % 4;
  if (stretch === 0) return value;
  if (stretch === 1) return null;
  return r() < 0.33 ? null : value;
}

function hourRows(n: number, seed: number): OperatorHourRow[] {
  const r = random(seed);
  return Array.from({ length: n }, (_, i) => ({
    station: pick(r, ['pbx1', 'pbx2']),
    operator: `op${Math.floor(r() * 40)}`,
    name: sometimes(r, i, pick(r, ['Анна', 'Bob', '<img src=x onerror=alert(1)>'])),
    memberName: sometimes(r, i + 11, pick(r, ['Agent A', 'Agent B'])),
    queue: sometimes(r, i + 23, pick(r, ['sales', 'support', 'billing'])),
    reason: sometimes(r, i + 5, pick(r, ['', 'lunch', 'training'])),
    hour: Date.UTC(1969, 11, 31, 20) + Math.floor(r() * 400) * 3_600_000 * 24,
    answered: Math.floor(r() * 50),
    rings: Math.floor(r() * 80),
    missed: Math.floor(r() * 9),
    loggedInMs: Math.floor(r() * 3_600_000),
    offlineMs: Math.floor(r() * 3_600_000),
    idleMs: Math.floor(r() * 3_600_000),
    ringingMs: Math.floor(r() * 360_000),
    talkingMs: Math.floor(r() * 3_600_000 * 24 * 400),
    wrapUpMs: Math.floor(r() * 3_600_000),
    pausedMs: Math.floor(r() * 3_600_000),
    outbound: Math.floor(r() * 5),
    outboundTalkMs: Math.floor(r() * 900_000),
    internalMade: Math.floor(r() * 3),
    internalReceived: Math.floor(r() * 3),
  }));
}

function intervalRows(n: number, seed: number): IntervalRow[] {
  const r = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const startedAt = Date.UTC(2026, 2, 29) + Math.floor(r() * 86_400_000);
    return {
      station: 'pbx1',
      operator: `op${Math.floor(r() * 300)}`,
      name: sometimes(r, i, `Operator ${Math.floor(r() * 300)}`),
      kind: pick(r, ['state', 'membership']),
      state: sometimes(r, i + 3, pick(r, ['idle', 'talking', 'paused'])),
      queue: sometimes(r, i + 7, pick(r, ['sales', 'support'])),
      reason: sometimes(r, i + 1, 'lunch'),
      startedAt,
      endedAt: startedAt + Math.floor(r() * 600_000),
    };
  });
}

function expectDict(d: Dict, values: readonly (string | null)[], column: string): void {
  expect(d.codes.length, column).toBe(values.length);
  const got = Array.from({ length: values.length }, (_, i) => valueAt(d, i));
  expect(got, column).toEqual(values);
}

describe("the worker's Arrow reader", () => {
  // 1,000 rows: null bitmaps of many bytes, neither a multiple of 8 rows.
  it.each([1, 7, 1000, 1003])('reads %i operator-hour rows as the server wrote them', (n) => {
    const rows = hourRows(n, n);
    const f = hourFrame(decode(encodeArrow(OPERATOR_HOUR_COLUMNS, rows, {})));
    expect(f.length).toBe(n);
    for (const c of OPERATOR_HOUR_COLUMNS) {
      const want = rows.map((row) => row[c.name]);
      const got = f[c.name];
      if (c.kind === 'dict') expectDict(got as Dict, want as (string | null)[], c.name);
      else expect(Array.from(got as Float64Array | Int32Array), c.name).toEqual(want);
    }
  });

  it('reads state intervals with their nulls, times as milliseconds', () => {
    const rows = intervalRows(2049, 9);
    const f = intervalFrame(decode(encodeArrow(INTERVAL_COLUMNS, rows, {})));
    for (const c of INTERVAL_COLUMNS) {
      const want = rows.map((row) => row[c.name]);
      const got = f[c.name];
      if (c.kind === 'dict') expectDict(got as Dict, want as (string | null)[], c.name);
      else expect(Array.from(got as Float64Array), c.name).toEqual(want);
    }
    // The stretches above hold every case: a column with no null, all null, some.
    const names = rows.map((row) => row.name);
    expect(names.slice(0, 37).every((x) => x !== null)).toBe(true);
    expect(names.slice(37, 74).every((x) => x === null)).toBe(true);
    expect(new Set(names.slice(74, 148).map((x) => x === null)).size).toBe(2);
  });
});
