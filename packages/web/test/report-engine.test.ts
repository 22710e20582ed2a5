// The report engine against figures worked out by hand: a small day of
// two queues in two zones and one operator's shift.

import { describe, expect, it } from 'vitest';
import { dict } from './dict.ts';
import type { IntervalFrame, VisitFrame, AttemptFrame } from '../src/report/frames.ts';
import { mergeFrames } from '../src/report/frames.ts';
import type { ReportOptions } from '../src/report/options.ts';
import { operatorReport } from '../src/report/operators.ts';
import { queueReport } from '../src/report/queue-report.ts';
import { sumsOfVisits } from '../src/report/visit-sums.ts';
import { Zone } from '../src/report/zone.ts';

const t = (iso: string): number => Date.parse(iso);
const S = 1000;

interface V {
  queue: string;
  joined: string;
  outcome: string;
  wait: number;
  talk?: number;
  /** The wrap-up after the talk, as the server works it out for each visit. */
  wrapUp?: number;
  by?: string;
  transfer?: string;
}

function visits(rows: readonly V[]): VisitFrame {
  return {
    length: rows.length,
    station: dict(rows.map(() => 'main')),
    queue: dict(rows.map((r) => r.queue)),
    outcome: dict(rows.map((r) => r.outcome)),
    answeredBy: dict(rows.map((r) => r.by ?? null)),
    transfer: dict(rows.map((r) => r.transfer ?? null)),
    joinedAt: Float64Array.from(rows.map((r) => t(r.joined))),
    leftAt: Float64Array.from(rows.map((r) => t(r.joined) + r.wait * S)),
    waitMs: Int32Array.from(rows.map((r) => r.wait * S)),
    talkMs: Int32Array.from(rows.map((r) => (r.talk ?? 0) * S)),
    wrapUpMs: Int32Array.from(rows.map((r) => (r.wrapUp ?? 0) * S)),
    rings: Int32Array.from(rows.map(() => 1)),
  };
}

interface I {
  state: string;
  from: string;
  to: string;
  reason?: string;
}

function intervals(operator: string, rows: readonly I[]): IntervalFrame {
  return {
    length: rows.length,
    station: dict(rows.map(() => 'main')),
    operator: dict(rows.map(() => operator)),
    name: dict(rows.map(() => 'Ann Smith')),
    kind: dict(rows.map(() => 'state')),
    state: dict(rows.map((r) => r.state)),
    queue: dict(rows.map(() => null)),
    reason: dict(rows.map((r) => r.reason ?? null)),
    startedAt: Float64Array.from(rows.map((r) => t(r.from))),
    endedAt: Float64Array.from(rows.map((r) => t(r.to))),
  };
}

const MOSCOW = new Zone('Europe/Moscow');
const VLADIVOSTOK = new Zone('Asia/Vladivostok');
const UTC = new Zone('UTC');

function options(over: Partial<ReportOptions> = {}): ReportOptions {
  return {
    since: t('2026-03-01T00:00:00Z'),
    until: t('2026-03-05T00:00:00Z'),
    grouping: 'total',
    queue: (_s, q) =>
      q === 'sales'
        ? { zone: VLADIVOSTOK, serviceLevelS: 30 }
        : { zone: MOSCOW, serviceLevelS: 20 },
    zone: UTC,
    shortAbandonMs: 5 * S,
    ...over,
  };
}

// support (Moscow, UTC+3, threshold 20 s) and sales (Vladivostok, UTC+10, 30 s).
const DAY: V[] = [
  {
    queue: 'support',
    joined: '2026-03-02T08:59:00Z',
    outcome: 'answered',
    wait: 15,
    talk: 60,
    wrapUp: 30,
    by: 'SIP/ann',
  },
  {
    queue: 'support',
    joined: '2026-03-02T09:10:00Z',
    outcome: 'answered',
    wait: 40,
    talk: 120,
    by: 'SIP/bob',
    transfer: 'blind',
  },
  { queue: 'support', joined: '2026-03-02T09:20:00Z', outcome: 'abandoned', wait: 3 },
  { queue: 'support', joined: '2026-03-02T09:30:00Z', outcome: 'abandoned', wait: 25 },
  { queue: 'support', joined: '2026-03-02T09:40:00Z', outcome: 'timeout', wait: 300 },
  { queue: 'support', joined: '2026-03-02T09:50:00Z', outcome: 'exit-empty', wait: 0 },
  {
    queue: 'sales',
    joined: '2026-03-02T13:30:00Z',
    outcome: 'answered',
    wait: 10,
    talk: 30,
    by: 'SIP/ann',
  },
  { queue: 'sales', joined: '2026-03-02T14:10:00Z', outcome: 'abandoned', wait: 50 },
];

// Ann: idle from 08:30, her support call 08:59:15–09:00:15, wrap-up 30 s, lunch to 10:00, then offline.
const ANN_SHIFT = intervals('SIP/ann', [
  { state: 'idle', from: '2026-03-02T08:30:00Z', to: '2026-03-02T08:59:15Z' },
  { state: 'talking', from: '2026-03-02T08:59:15Z', to: '2026-03-02T09:00:15Z' },
  { state: 'wrap-up', from: '2026-03-02T09:00:15Z', to: '2026-03-02T09:00:45Z' },
  { state: 'paused', from: '2026-03-02T09:00:45Z', to: '2026-03-02T10:00:00Z', reason: 'lunch' },
  { state: 'offline', from: '2026-03-02T10:00:00Z', to: '2026-03-02T11:00:00Z' },
]);

describe('queue summary', () => {
  const { rows, total } = queueReport([sumsOfVisits(visits(DAY))], options());
  const support = rows.find((r) => r.queue === 'support');

  it('counts what became of the offered calls, short abandons apart', () => {
    expect(support).toMatchObject({
      offered: 6,
      answered: 2,
      abandoned: 1,
      shortAbandoned: 1,
      timeout: 1,
      exitEmpty: 1,
      transfers: 1,
      zone: 'Europe/Moscow',
    });
  });

  it("gives both of Asterisk's service levels", () => {
    // Answered within 20 s: 1 of 2. With abandons: (1 + the 3 s abandon) of (2 + 2).
    expect(support?.serviceLevel).toBe(0.5);
    expect(support?.serviceLevel2).toBe(0.5);
    expect(support?.answeredInSl).toBe(1);
    expect(support?.abandonedInSl).toBe(1);
  });

  it('gives speed of answer, waits and handle time', () => {
    expect(support?.asaMs).toBe(27.5 * S); // (15 + 40) / 2
    expect(support?.avgWaitMs).toBeCloseTo((383 / 6) * S, 6); // (15+40+3+25+300+0) / 6
    expect(support?.maxWaitMs).toBe(300 * S);
    expect(support?.talkMs).toBe(180 * S);
    expect(support?.wrapUpMs).toBe(30 * S); // Ann's wrap-up after her support call
    expect(support?.ahtMs).toBe(105 * S); // (180 + 30) / 2
  });

  it('sums every queue in the total row', () => {
    expect(total.offered).toBe(8);
    expect(total.answered).toBe(3);
    expect(total.abandoned).toBe(2);
    // sales: 10 s answered within 30 s; 50 s abandon outside it.
    expect(total.serviceLevel).toBeCloseTo(2 / 3, 9);
    expect(total.serviceLevel2).toBeCloseTo(3 / 6, 9);
  });

  it("buckets each queue's hours and days in the queue's own zone", () => {
    const byHour = queueReport([sumsOfVisits(visits(DAY))], options({ grouping: 'hour' })).rows;
    const supportHours = byHour.filter((r) => r.queue === 'support');
    expect(supportHours.map((r) => [r.bucket, r.offered])).toEqual([
      [t('2026-03-02T11:00:00Z'), 1], // 08:59 UTC is 11:59 in Moscow
      [t('2026-03-02T12:00:00Z'), 5],
    ]);
    const byDay = queueReport([sumsOfVisits(visits(DAY))], options({ grouping: 'day' })).rows;
    // 13:30 UTC is 23:30 in Vladivostok; 14:10 UTC is already the next day there.
    expect(byDay.filter((r) => r.queue === 'sales').map((r) => [r.bucket, r.offered])).toEqual([
      [t('2026-03-02T00:00:00Z'), 1],
      [t('2026-03-03T00:00:00Z'), 1],
    ]);
  });

  it('filters by queue, by the answering operator, and by the period', () => {
    const onlySales = queueReport(
      [sumsOfVisits(visits(DAY))],
      options({ queues: new Set(['sales']) }),
    );
    expect(onlySales.total.offered).toBe(2);
    const byAnn = queueReport(
      [sumsOfVisits(visits(DAY))],
      options({ operators: new Set(['SIP/ann']) }),
    );
    expect(byAnn.total.answered).toBe(2);
    expect(byAnn.total.offered).toBe(2);
    // Noon to one on each queue's own clock: support's 09:00–10:00 UTC; sales had nothing then.
    const noon = queueReport(
      [sumsOfVisits(visits(DAY))],
      options({ since: t('2026-03-02T12:00:00Z'), until: t('2026-03-02T13:00:00Z') }),
    );
    expect(noon.total.offered).toBe(5);
    // "2 March" in Vladivostok holds the 13:30 UTC call only; the 14:10 one is 3 March there.
    const march2 = queueReport(
      [sumsOfVisits(visits(DAY))],
      options({ since: t('2026-03-02T00:00:00Z'), until: t('2026-03-03T00:00:00Z') }),
    );
    expect(march2.rows.find((r) => r.queue === 'sales')?.offered).toBe(1);
  });
});

describe('waits and distribution', () => {
  it('puts answered and abandoned calls in wait buckets', () => {
    const w = queueReport([sumsOfVisits(visits(DAY))], options()).waits;
    // answered 15 s → [10,20), 40 s → [30,45), 10 s → [10,20); abandoned 3 → [0,10), 25 → [20,30), 50 → [45,60)
    expect(w.answered.slice(0, 5)).toEqual([0, 2, 0, 1, 0]);
    expect(w.abandoned.slice(0, 6)).toEqual([1, 0, 1, 0, 1, 0]);
  });

  it('counts by local hour of the day and day of the week', () => {
    const d = queueReport([sumsOfVisits(visits(DAY))], options()).distribution;
    expect(d.byHour.offered[11]).toBe(1);
    expect(d.byHour.offered[12]).toBe(5);
    expect(d.byHour.offered[23]).toBe(1); // sales, Vladivostok
    expect(d.byHour.offered[0]).toBe(1);
    // 2026-03-02 is a Monday; Vladivostok's 00:10 is Tuesday.
    expect(d.byWeekday.offered.slice(0, 2)).toEqual([7, 1]);
  });
});

describe('operator performance', () => {
  const attempts: AttemptFrame = {
    length: 2,
    station: dict(['main', 'main']),
    queue: dict(['support', 'support']),
    operator: dict(['SIP/ann', 'SIP/ann']),
    memberName: dict(['Ann', 'Ann']),
    result: dict(['no-answer', 'answered']),
    startedAt: Float64Array.from([t('2026-03-02T08:58:00Z'), t('2026-03-02T08:59:10Z')]),
    ringMs: Int32Array.from([15 * S, 5 * S]),
  };
  const frames = { visits: visits(DAY), attempts, intervals: ANN_SHIFT, calls: null };

  it("adds up a shift's states, pauses by reason, handle time and occupancy", () => {
    const [ann] = operatorReport(frames, options({ operators: new Set(['SIP/ann']) }));
    expect(ann).toMatchObject({
      operator: 'SIP/ann',
      name: 'Ann Smith',
      answered: 2,
      rings: 2,
      missed: 1,
      idleMs: 1755 * S,
      talkingMs: 60 * S,
      wrapUpMs: 30 * S,
      pausedMs: 3555 * S,
      pausedByReason: { lunch: 3555 * S },
      loggedInMs: 90 * 60 * S,
    });
    expect(ann?.ahtMs).toBe(45 * S); // (60 + 30) / 2
    expect(ann?.occupancy).toBeCloseTo(90 / 1845, 9); // (60 + 30) / (1755 + 60 + 30)
  });

  it('splits an interval where the hour ends', () => {
    const rows = operatorReport(
      frames,
      options({ grouping: 'hour', operators: new Set(['SIP/ann']) }),
    );
    const at = (iso: string) => rows.find((r) => r.bucket === t(iso));
    expect(at('2026-03-02T08:00:00Z')?.idleMs).toBe(1755 * S);
    expect(at('2026-03-02T08:00:00Z')?.talkingMs).toBe(45 * S);
    expect(at('2026-03-02T09:00:00Z')?.talkingMs).toBe(15 * S);
    expect(at('2026-03-02T09:00:00Z')?.wrapUpMs).toBe(30 * S);
    expect(at('2026-03-02T09:00:00Z')?.pausedMs).toBe(3555 * S);
  });
});

describe('frames of several days', () => {
  it('merge into one with shared dictionary codes', () => {
    const a = visits(DAY.slice(0, 2));
    const b = visits(DAY.slice(6));
    const m = mergeFrames([a, b]);
    expect(m?.length).toBe(4);
    const queues = Array.from(m?.queue.codes ?? [], (c) => m?.queue.values[c]);
    expect(queues).toEqual(['support', 'support', 'sales', 'sales']);
    expect(queueReport([sumsOfVisits(m ?? a)], options()).total.offered).toBe(4);
  });
});

describe('zones', () => {
  it('follow daylight saving: the same wall hour is a different UTC hour in summer', () => {
    const berlin = new Zone('Europe/Berlin');
    expect(berlin.offset(t('2026-01-15T12:00:00Z'))).toBe(3600 * S);
    expect(berlin.offset(t('2026-07-15T12:00:00Z'))).toBe(7200 * S);
    // The change at 01:00 UTC on 2026-03-29.
    expect(berlin.offset(t('2026-03-29T00:59:59Z'))).toBe(3600 * S);
    expect(berlin.offset(t('2026-03-29T01:00:00Z'))).toBe(7200 * S);
    expect(berlin.utcOf(t('2026-07-15T14:00:00Z'))).toBe(t('2026-07-15T12:00:00Z'));
  });

  it('give the offset Intl gives at every quarter hour of a year, changes included', () => {
    // Lord Howe moves by half an hour; Santiago and Sydney change in the southern spring.
    const names = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago'];
    for (const name of names) {
      const zone = new Zone(name);
      const offsetName = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
        timeZoneName: 'longOffset',
      });
      let changes = 0;
      let last = Number.NaN;
      for (let at = t('2026-01-01T00:00:00Z'); at < t('2027-01-01T00:00:00Z'); at += 900 * S) {
        const text = offsetName.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
        const m = /^GMT([+-])(\d\d):(\d\d)$/.exec(text ?? '');
        const minutes = m ? (Number(m[2]) * 60 + Number(m[3])) * (m[1] === '-' ? -1 : 1) : 0;
        expect(zone.offset(at), `${name} ${new Date(at).toISOString()}`).toBe(minutes * 60 * S);
        if (minutes !== last && !Number.isNaN(last)) changes++;
        last = minutes;
      }
      expect(changes).toBe(2);
    }
  });
});
