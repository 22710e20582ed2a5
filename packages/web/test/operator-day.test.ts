// A day of operators' states against segments worked out by hand: a day on
// Vladivostok's clock (UTC+10) with intervals across both its midnights,
// pauses with and without a reason, rows out of order, and the filters.

import { describe, expect, it } from 'vitest';
import { dict } from './dict.ts';
import type { IntervalFrame } from '../src/report/frames.ts';
import { mergeSegments, operatorDay } from '../src/report/operator-day.ts';
import type { ReportOptions } from '../src/report/options.ts';
import { Zone } from '../src/report/zone.ts';

const t = (iso: string): number => Date.parse(iso);

interface I {
  operator: string;
  state: string;
  from: string;
  to: string;
  station?: string;
  name?: string | null;
  kind?: 'state' | 'queue';
  reason?: string;
}

function frame(rows: readonly I[]): IntervalFrame {
  return {
    length: rows.length,
    station: dict(rows.map((r) => r.station ?? 'main')),
    operator: dict(rows.map((r) => r.operator)),
    name: dict(rows.map((r) => (r.name === undefined ? 'Ann Smith' : r.name))),
    kind: dict(rows.map((r) => r.kind ?? 'state')),
    state: dict(rows.map((r) => (r.kind === 'queue' ? null : r.state))),
    queue: dict(rows.map((r) => (r.kind === 'queue' ? 'support' : null))),
    reason: dict(rows.map((r) => r.reason ?? null)),
    startedAt: Float64Array.from(rows.map((r) => t(r.from))),
    endedAt: Float64Array.from(rows.map((r) => t(r.to))),
  };
}

const VLADIVOSTOK = new Zone('Asia/Vladivostok');

/** 2 March 2026 on Vladivostok's clock: 1 March 14:00 to 2 March 14:00 UTC. */
function day(over: Partial<ReportOptions> = {}): ReportOptions {
  return {
    since: t('2026-03-02T00:00:00Z'),
    until: t('2026-03-03T00:00:00Z'),
    grouping: 'total',
    queue: () => ({ zone: VLADIVOSTOK, serviceLevelS: 20 }),
    zone: VLADIVOSTOK,
    shortAbandonMs: 5000,
    ...over,
  };
}

const ANN: I[] = [
  // Logged in before Vladivostok's midnight: only the part after it counts.
  { operator: 'SIP/ann', state: 'idle', from: '2026-03-01T13:00:00Z', to: '2026-03-01T15:00:00Z' },
  {
    operator: 'SIP/ann',
    state: 'ringing',
    from: '2026-03-01T15:00:00Z',
    to: '2026-03-01T15:00:10Z',
  },
  {
    operator: 'SIP/ann',
    state: 'talking',
    from: '2026-03-01T15:00:10Z',
    to: '2026-03-01T15:05:00Z',
  },
  {
    operator: 'SIP/ann',
    state: 'wrap-up',
    from: '2026-03-01T15:05:00Z',
    to: '2026-03-01T15:06:00Z',
  },
  { operator: 'SIP/ann', state: 'idle', from: '2026-03-01T15:06:00Z', to: '2026-03-01T16:00:00Z' },
  // One lunch stored as two touching intervals: one segment.
  {
    operator: 'SIP/ann',
    state: 'paused',
    reason: 'lunch',
    from: '2026-03-01T16:00:00Z',
    to: '2026-03-01T16:30:00Z',
  },
  {
    operator: 'SIP/ann',
    state: 'paused',
    reason: 'lunch',
    from: '2026-03-01T16:30:00Z',
    to: '2026-03-01T17:00:00Z',
  },
  // A pause without a reason right after is another segment.
  {
    operator: 'SIP/ann',
    state: 'paused',
    from: '2026-03-01T17:00:00Z',
    to: '2026-03-01T17:10:00Z',
  },
  { operator: 'SIP/ann', state: 'idle', from: '2026-03-01T17:10:00Z', to: '2026-03-02T13:30:00Z' },
  // A call across the next midnight: cut at it.
  {
    operator: 'SIP/ann',
    state: 'talking',
    from: '2026-03-02T13:30:00Z',
    to: '2026-03-02T14:20:00Z',
  },
  {
    operator: 'SIP/ann',
    state: 'offline',
    from: '2026-03-02T14:20:00Z',
    to: '2026-03-02T20:00:00Z',
  },
];

const OTHERS: I[] = [
  // Bob has no name; his rows come out of order, and two idle ones touch.
  {
    operator: 'SIP/bob',
    name: null,
    state: 'talking',
    from: '2026-03-02T02:00:00Z',
    to: '2026-03-02T02:10:00Z',
  },
  {
    operator: 'SIP/bob',
    name: null,
    state: 'idle',
    from: '2026-03-02T02:20:00Z',
    to: '2026-03-02T02:30:00Z',
  },
  {
    operator: 'SIP/bob',
    name: null,
    state: 'idle',
    from: '2026-03-02T01:00:00Z',
    to: '2026-03-02T02:00:00Z',
  },
  {
    operator: 'SIP/bob',
    name: null,
    state: 'idle',
    from: '2026-03-02T02:10:00Z',
    to: '2026-03-02T02:20:00Z',
  },
  // Queue membership is not a state.
  {
    operator: 'SIP/bob',
    name: null,
    kind: 'queue',
    state: '',
    from: '2026-03-02T00:00:00Z',
    to: '2026-03-02T05:00:00Z',
  },
  // Carl's only interval ended at the day's start: no lane.
  {
    operator: 'SIP/carl',
    name: 'Carl',
    state: 'talking',
    from: '2026-03-01T13:00:00Z',
    to: '2026-03-01T14:00:00Z',
  },
  // Dana on another station.
  {
    operator: 'SIP/dana',
    station: 'branch',
    name: 'Dana',
    state: 'idle',
    from: '2026-03-02T03:00:00Z',
    to: '2026-03-02T04:00:00Z',
  },
];

const seg = (state: string, from: string, to: string, reason: string | null = null) => ({
  from: t(from),
  to: t(to),
  state,
  reason,
});

const ANN_DAY = {
  station: 'main',
  operator: 'SIP/ann',
  name: 'Ann Smith',
  segments: [
    seg('idle', '2026-03-01T14:00:00Z', '2026-03-01T15:00:00Z'),
    seg('ringing', '2026-03-01T15:00:00Z', '2026-03-01T15:00:10Z'),
    seg('talking', '2026-03-01T15:00:10Z', '2026-03-01T15:05:00Z'),
    seg('wrap-up', '2026-03-01T15:05:00Z', '2026-03-01T15:06:00Z'),
    seg('idle', '2026-03-01T15:06:00Z', '2026-03-01T16:00:00Z'),
    seg('paused', '2026-03-01T16:00:00Z', '2026-03-01T17:00:00Z', 'lunch'),
    seg('paused', '2026-03-01T17:00:00Z', '2026-03-01T17:10:00Z'),
    seg('idle', '2026-03-01T17:10:00Z', '2026-03-02T13:30:00Z'),
    seg('talking', '2026-03-02T13:30:00Z', '2026-03-02T14:00:00Z'),
  ],
};

const BOB_DAY = {
  station: 'main',
  operator: 'SIP/bob',
  name: null,
  segments: [
    seg('idle', '2026-03-02T01:00:00Z', '2026-03-02T02:00:00Z'),
    seg('talking', '2026-03-02T02:00:00Z', '2026-03-02T02:10:00Z'),
    seg('idle', '2026-03-02T02:10:00Z', '2026-03-02T02:30:00Z'),
  ],
};

const DANA_DAY = {
  station: 'branch',
  operator: 'SIP/dana',
  name: 'Dana',
  segments: [seg('idle', '2026-03-02T03:00:00Z', '2026-03-02T04:00:00Z')],
};

describe("a day of operators' states", () => {
  const f = frame([...ANN, ...OTHERS]);

  it("clips to the day on the zone's clock, merges touching equal segments, by station and name", () => {
    expect(operatorDay(f, day())).toEqual([DANA_DAY, ANN_DAY, BOB_DAY]);
  });

  it("adds up to the day's talking time", () => {
    const talking = (operatorDay(f, day())[1]?.segments ?? [])
      .filter((s) => s.state === 'talking')
      .reduce((n, s) => n + s.to - s.from, 0);
    expect(talking).toBe((4 * 60 + 50 + 30 * 60) * 1000);
  });

  it('keeps to the station and operator filters', () => {
    expect(operatorDay(f, day({ operators: new Set(['SIP/bob']) }))).toEqual([BOB_DAY]);
    expect(operatorDay(f, day({ stations: new Set(['main']) }))).toEqual([ANN_DAY, BOB_DAY]);
    expect(operatorDay(f, day({ stations: new Set(['elsewhere']) }))).toEqual([]);
  });

  it('gives nothing for a day without intervals, or without data', () => {
    const before = day({ since: t('2026-02-20T00:00:00Z'), until: t('2026-02-21T00:00:00Z') });
    expect(operatorDay(f, before)).toEqual([]);
    expect(operatorDay(null, day())).toEqual([]);
  });

  it("takes the same rows on UTC's clock, midnight to midnight UTC", () => {
    const utc = day({
      zone: new Zone('UTC'),
      since: t('2026-03-02T00:00:00Z'),
      until: t('2026-03-03T00:00:00Z'),
    });
    const ann = operatorDay(f, utc).find((l) => l.operator === 'SIP/ann');
    expect(ann?.segments).toEqual([
      seg('idle', '2026-03-02T00:00:00Z', '2026-03-02T13:30:00Z'),
      seg('talking', '2026-03-02T13:30:00Z', '2026-03-02T14:20:00Z'),
      seg('offline', '2026-03-02T14:20:00Z', '2026-03-02T20:00:00Z'),
    ]);
  });

  it('cuts an interval that starts before the previous one ends', () => {
    expect(
      mergeSegments([
        seg('talking', '2026-03-02T10:05:00Z', '2026-03-02T10:20:00Z'),
        seg('idle', '2026-03-02T10:00:00Z', '2026-03-02T10:10:00Z'),
        seg('idle', '2026-03-02T10:12:00Z', '2026-03-02T10:15:00Z'),
        seg('talking', '2026-03-02T10:20:00Z', '2026-03-02T10:25:00Z'),
      ]),
    ).toEqual([
      seg('idle', '2026-03-02T10:00:00Z', '2026-03-02T10:10:00Z'),
      seg('talking', '2026-03-02T10:10:00Z', '2026-03-02T10:25:00Z'),
    ]);
  });
});
