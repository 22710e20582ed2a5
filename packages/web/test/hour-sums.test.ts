// The reports from the server's hourly sums are the reports from every
// row: two and a half days of the simulated call center through the
// tracker (a few waits set to whole seconds, right on the thresholds),
// stored in PostgreSQL, served by the server as Arrow to an admin and to a
// supervisor of one queue, decoded and aggregated by the worker's own code.
// The operator report from operator-hours, the queue summary, wait buckets
// and distribution from queue-hours; in zones a whole number of hours from
// UTC (one changing its clocks in the period), every grouping, with
// filters and thresholds; and zones that are not (India, Nepal, Adelaide,
// Newfoundland), which the sums by UTC hour do not fit and the sums by
// hours from their minute past UTC's do.

import type { AddressInfo } from 'node:net';
import { silentLog } from '@callboard/ingest';
import { buildApp } from '@callboard/server';
import { Store } from '@callboard/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPostgres, type TestDatabase } from '../../../test/support/databases.js';
import { simulated } from '../../../test/support/simulated.js';
import {
  attemptFrame,
  callFrame,
  decode,
  hourFrame,
  intervalFrame,
  queueHourFrame,
  visitFrame,
} from '../src/report/arrow.ts';
import { mergeFrames } from '../src/report/frames.ts';
import { operatorReportFromHours } from '../src/report/operator-hours.ts';
import type { ReportOptions } from '../src/report/options.ts';
import { operatorReport } from '../src/report/operators.ts';
import { queueReport } from '../src/report/queue-report.ts';
import { sumsOfHours, sumsOfVisits } from '../src/report/visit-sums.ts';
import { hourMinute, Zone, type Grouping } from '../src/report/zone.ts';
import { addUsers, PASSWORD } from './browser.ts';

const DAY_MS = 86_400_000;
// Europe/Berlin moves its clocks on 2026-03-29.
const START = Date.parse('2026-03-27T09:00:00Z');
const DAYS = ['2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30'];
const STATION = 'pbx1';

let database: TestDatabase;
let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let base = '';
const raw = simulated(3000, START, 2.5 * DAY_MS);
// Waits right on the thresholds the test asks with (whole seconds: 5, 15, 20, 30).
const EXACT_S = [5, 15, 20, 30, 10, 45];
let k = 0;
const data = {
  intervals: raw.intervals,
  calls: raw.calls.map((c) => ({
    ...c,
    queueVisits: c.queueVisits.map((v) =>
      k++ % 7 === 0 ? { ...v, waitMs: (EXACT_S[k % EXACT_S.length] ?? 5) * 1000 } : v,
    ),
  })),
};

async function cookieOf(login: string): Promise<string> {
  const res = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const set = res.headers.getSetCookie().find((c) => c.startsWith('callboard_session='));
  if (!set) throw new Error('no session cookie');
  return set.split(';')[0] ?? '';
}

async function table(cookie: string, name: string, day: string, extra = ''): Promise<Uint8Array> {
  const res = await fetch(`${base}/api/report/${name}?station=${STATION}&day=${day}${extra}`, {
    headers: { cookie },
  });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

async function framesOf(login: string) {
  const cookie = await cookieOf(login);
  const all = (name: string) => Promise.all(DAYS.map((d) => table(cookie, name, d)));
  const [visits, attempts, intervals, calls, hours, queueHours] = await Promise.all([
    all('queue-visits'),
    all('agent-attempts'),
    all('operator-intervals'),
    all('calls'),
    all('operator-hours'),
    all('queue-hours'),
  ]);
  return {
    rows: {
      visits: mergeFrames(visits.map((b) => visitFrame(decode(b)))),
      attempts: mergeFrames(attempts.map((b) => attemptFrame(decode(b)))),
      intervals: mergeFrames(intervals.map((b) => intervalFrame(decode(b)))),
      calls: mergeFrames(calls.map((b) => callFrame(decode(b)))),
    },
    hours: hours.map((b) => hourFrame(decode(b))),
    queueHours: queueHours.map((b) => queueHourFrame(decode(b))),
    visitRows: visits.reduce((n, b) => n + decode(b).numRows, 0),
    queueHourRows: queueHours.reduce((n, b) => n + decode(b).numRows, 0),
    hourRows: hours.reduce((n, b) => n + decode(b).numRows, 0),
    intervalRows: intervals.reduce((n, b) => n + decode(b).numRows, 0),
  };
}

/** The hourly sums with hours that begin `minute` minutes past UTC's. */
async function hoursFrom(login: string, minute: number) {
  const cookie = await cookieOf(login);
  const all = (name: string) =>
    Promise.all(DAYS.map((d) => table(cookie, name, d, `&minute=${minute}`)));
  const [hours, queueHours] = await Promise.all([all('operator-hours'), all('queue-hours')]);
  return {
    hours: hours.map((b) => hourFrame(decode(b))),
    queueHours: queueHours.map((b) => queueHourFrame(decode(b))),
  };
}

function options(zone: string, grouping: Grouping, over: Partial<ReportOptions> = {}) {
  const z = new Zone(zone);
  return {
    since: Date.parse('2026-03-27T00:00:00Z'),
    until: Date.parse('2026-03-30T00:00:00Z'),
    grouping,
    zone: z,
    queue: () => ({ zone: z, serviceLevelS: 20 }),
    shortAbandonMs: 5000,
    ...over,
  } satisfies ReportOptions;
}

beforeAll(async () => {
  database = await freshPostgres();
  store = await Store.open({ url: database.url });
  await store.station(STATION, 'Asia/Vladivostok');
  await store.writeDerived(data);
  await addUsers(
    store,
    [
      { login: 'boss', role: 'admin' },
      { login: 'lead', role: 'supervisor', queues: ['support'] },
    ],
    null,
  );
  app = await buildApp({ store, log: silentLog, clock: () => START + 10 * DAY_MS });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await app.close();
  await store.close();
  await database.drop();
});

const QUEUE_CLOCKS: Readonly<Record<string, { zone: string; sl: number }>> = {
  support: { zone: 'Europe/Berlin', sl: 20 },
  sales: { zone: 'Asia/Vladivostok', sl: 30 },
};

describe('the queue reports from hourly sums', () => {
  it('equal the reports from every visit, for an admin and for a supervisor of one queue', async () => {
    for (const login of ['boss', 'lead']) {
      const f = await framesOf(login);
      expect(f.queueHourRows * 3).toBeLessThan(f.visitRows);
      const visits = f.rows.visits;
      // The sums day by day, as the worker reads them; the rows merged into one frame.
      const sums = f.queueHours.map(sumsOfHours);
      if (!visits || sums.length < 2) throw new Error('no visits');
      const zones = new Map<string, Zone>();
      const zoneOf = (name: string): Zone => {
        let z = zones.get(name);
        if (!z) zones.set(name, (z = new Zone(name)));
        return z;
      };
      for (const grouping of ['hour', 'day', 'week', 'month', 'total'] as const)
        for (const shortAbandonMs of [0, 5000, 15_000])
          for (const over of [
            {},
            { queues: new Set(visits.queue.values.slice(0, 1)) },
            { stations: new Set(['elsewhere']) },
            { since: Date.parse('2026-03-29T00:00:00Z') },
          ] satisfies Partial<ReportOptions>[]) {
            const o: ReportOptions = {
              ...options('UTC', grouping, over),
              shortAbandonMs,
              queue: (_s, q) => {
                const c = QUEUE_CLOCKS[q] ?? { zone: 'America/New_York', sl: 15 };
                return { zone: zoneOf(c.zone), serviceLevelS: c.sl };
              },
            };
            for (const z of zones.values()) expect(hourMinute(z, o.since, o.until)).toBe(0);
            const fromRows = queueReport([sumsOfVisits(visits)], o);
            expect(queueReport(sums, o), `${login} ${grouping}`).toEqual(fromRows);
            if (over.stations === undefined) expect(fromRows.total.offered).toBeGreaterThan(0);
          }
      // The comparison covers every kind of figure, and waits right on the thresholds.
      const all = queueReport([sumsOfVisits(visits)], {
        ...options('UTC', 'total'),
        queue: () => ({ zone: zoneOf('UTC'), serviceLevelS: 20 }),
      }).total;
      expect(all.answered).toBeGreaterThan(100);
      expect(all.abandoned + all.shortAbandoned).toBeGreaterThan(0);
      expect(all.answeredInSl).toBeGreaterThan(0);
      expect(all.wrapUpMs).toBeGreaterThan(0);
      expect(visits.waitMs.some((w) => w === 20_000)).toBe(true);
      expect(visits.waitMs.some((w) => w === 5000)).toBe(true);
    }
  }, 300_000);

  it('cannot be filtered by the answering operator', async () => {
    const sums = (await framesOf('boss')).queueHours.map(sumsOfHours);
    const o = { ...options('UTC', 'total'), operators: new Set(['anyone']) };
    expect(() => queueReport(sums, o)).toThrow(/operator/);
  }, 120_000);
});

describe('the operator report from hourly sums', () => {
  it('equals the report from every row, for an admin and for a supervisor of one queue', async () => {
    for (const login of ['boss', 'lead']) {
      const f = await framesOf(login);
      // Far fewer rows than the intervals alone.
      expect(f.hourRows * 3).toBeLessThan(f.intervalRows);
      const queues = f.rows.visits?.queue.values ?? [];
      const operators = f.rows.intervals?.operator.values ?? [];
      expect(queues.length).toBeGreaterThan(0);
      for (const zone of ['UTC', 'Europe/Berlin', 'Asia/Vladivostok', 'America/New_York'])
        for (const grouping of ['hour', 'day', 'week', 'total'] as const) {
          const filters: Partial<ReportOptions>[] = [
            {},
            { queues: new Set(queues.slice(0, 1)) },
            { operators: new Set(operators.slice(0, 3)) },
            { stations: new Set(['elsewhere']) },
            { since: Date.parse('2026-03-29T00:00:00Z') },
          ];
          for (const over of filters) {
            const o = options(zone, grouping, over);
            expect(hourMinute(o.zone, o.since, o.until)).toBe(0);
            const fromRows = operatorReport(f.rows, o);
            expect(operatorReportFromHours(f.hours, o), `${login} ${zone} ${grouping}`).toEqual(
              fromRows,
            );
            if (over.stations === undefined) expect(fromRows.length).toBeGreaterThan(0);
          }
        }
      // The comparison covers every kind of figure.
      const total = operatorReport(f.rows, options('UTC', 'total'));
      const sum = (k: 'answered' | 'missed' | 'pausedMs' | 'outbound' | 'internalMade') =>
        total.reduce((n, r) => n + r[k], 0);
      expect(sum('answered')).toBeGreaterThan(100);
      expect(sum('missed')).toBeGreaterThan(0);
      expect(sum('pausedMs')).toBeGreaterThan(0);
      expect(total.some((r) => Object.keys(r.pausedByReason).length > 1)).toBe(true);
      if (login === 'boss') {
        expect(sum('outbound')).toBeGreaterThan(0);
        expect(sum('internalMade')).toBeGreaterThan(0);
      }
      expect(total.some((r) => r.name !== null)).toBe(true);
    }
  }, 300_000);

  it('in a zone not a whole number of hours from UTC: sums by its own hours, not UTC hours', async () => {
    const f = await framesOf('boss');
    if (!f.rows.visits) throw new Error('no visits');
    const visits = [sumsOfVisits(f.rows.visits)];
    for (const [zone, minute] of [
      ['Asia/Kolkata', 30],
      ['Asia/Kathmandu', 15],
      ['Australia/Adelaide', 30],
      ['America/St_Johns', 30],
    ] as const) {
      const at = options(zone, 'hour');
      expect(hourMinute(at.zone, at.since, at.until)).toBe(minute * 60_000);
      // Summed by UTC hour, its half hours land in the wrong buckets.
      expect(operatorReportFromHours(f.hours, at)).not.toEqual(operatorReport(f.rows, at));
      const mine = await hoursFrom('boss', minute);
      for (const grouping of ['hour', 'day', 'total'] as const) {
        const o = options(zone, grouping);
        expect(operatorReportFromHours(mine.hours, o), `${zone} ${grouping}`).toEqual(
          operatorReport(f.rows, o),
        );
        const fromRows = queueReport(visits, o);
        expect(fromRows.total.offered).toBeGreaterThan(0);
        expect(queueReport(mine.queueHours.map(sumsOfHours), o), `${zone} ${grouping}`).toEqual(
          fromRows,
        );
      }
    }
  }, 300_000);

  it('knows when no minute holds all through the period', () => {
    // Lord Howe moves its clocks by half an hour on 5 April 2026 (UTC+11 → +10:30).
    const z = new Zone('Australia/Lord_Howe');
    expect(
      hourMinute(z, Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-04-01T00:00:00Z')),
    ).toBe(0);
    expect(
      hourMinute(z, Date.parse('2026-04-10T00:00:00Z'), Date.parse('2026-05-01T00:00:00Z')),
    ).toBe(30 * 60_000);
    expect(
      hourMinute(z, Date.parse('2026-04-01T00:00:00Z'), Date.parse('2026-04-10T00:00:00Z')),
    ).toBe(null);
  });
});
