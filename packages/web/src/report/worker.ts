// The report worker: fetches (or reads from the browser's cache) the days
// of report data a question needs, decodes the Arrow tables into frames,
// and aggregates; the page only renders the answer. Decoded days are kept
// in memory for the next question.

import {
  attemptFrame,
  callFrame,
  decode,
  hourFrame,
  intervalFrame,
  queueHourFrame,
  visitFrame,
} from './arrow.ts';
import {
  mergeFrames,
  type AttemptFrame,
  type CallFrame,
  type HourFrame,
  type IntervalFrame,
  type QueueHourFrame,
  type VisitFrame,
} from './frames.ts';
import {
  attemptFrameJson,
  callFrameJson,
  hourFrameJson,
  intervalFrameJson,
  parseRows,
  queueHourFrameJson,
  visitFrameJson,
} from './json.ts';
import { spansOf, type Span } from './blocks.ts';
import { Loader } from './loader.ts';
import { operatorDay } from './operator-day.ts';
import { operatorReportFromHours } from './operator-hours.ts';
import { operatorReport } from './operators.ts';
import type { ReportOptions } from './options.ts';
import type { FromWorker, Meta, ReportQuery, ReportResult, Timings, ToWorker } from './protocol.ts';
import { queueReport } from './queue-report.ts';
import { sumsOfHours, sumsOfVisits } from './visit-sums.ts';
import { hourMinute, isoDay, Zone } from './zone.ts';

// Each table with the columns its frame reads: the rest is never fetched.
const TABLES = {
  visits: {
    path: 'queue-visits',
    frame: visitFrame,
    json: visitFrameJson,
    columns:
      'station,queue,joinedAt,leftAt,outcome,waitMs,talkMs,wrapUpMs,answeredBy,transfer,rings',
  },
  attempts: {
    path: 'agent-attempts',
    frame: attemptFrame,
    json: attemptFrameJson,
    columns: 'station,queue,operator,memberName,startedAt,result,ringMs',
  },
  intervals: {
    path: 'operator-intervals',
    frame: intervalFrame,
    json: intervalFrameJson,
    columns: null,
  },
  calls: {
    path: 'calls',
    frame: callFrame,
    json: callFrameJson,
    columns: 'station,direction,outcome,startedAt,fromOperator,toOperator,talkMs',
  },
  queueHours: {
    path: 'queue-hours',
    frame: queueHourFrame,
    json: queueHourFrameJson,
    columns: null,
    sums: true,
  },
  hours: {
    path: 'operator-hours',
    frame: hourFrame,
    json: hourFrameJson,
    columns: null,
    sums: true,
  },
} as const;
type TableName = keyof typeof TABLES;
interface FrameOf {
  visits: VisitFrame;
  attempts: AttemptFrame;
  intervals: IntervalFrame;
  calls: CallFrame;
  hours: HourFrame;
  queueHours: QueueHourFrame;
}

const DAY_MS = 86_400_000;
const KEEP_DAYS = 400;
/** A day is closed (its tables never change) this long after it ended: the server's rule. */
const CLOSE_AFTER_MS = 6 * 3_600_000;

// ICU loads its collation (rows are sorted with localeCompare) and its
// zone data on first use, milliseconds each: done here, as the worker
// starts with the page, rather than inside the first report asked.
'a'.localeCompare('b');
new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Moscow', hour: 'numeric' }).format(0);

let loader = new Loader('callboard-report');
const decoded = new Map<string, FrameOf[TableName]>();
const zones = new Map<string, Zone>();

function zone(name: string): Zone {
  let z = zones.get(name);
  if (!z) zones.set(name, (z = new Zone(name)));
  return z;
}

/**
 * The station days (in the station's zone) that hold every row the period
 * can need: the day before (calls that began before the period) and, for
 * operators, the day after (intervals are stored when they end). A queue
 * visit is in the day its call began, never after the period.
 */
function stationDays(stationZone: Zone, clocks: readonly Zone[], q: ReportQuery, now: number) {
  const from = Date.parse(`${q.fromDay}T00:00:00Z`);
  const to = Date.parse(`${q.toDay}T00:00:00Z`) + DAY_MS;
  let first = Infinity;
  let last = -Infinity;
  for (const z of clocks) {
    first = Math.min(first, z.utcOf(from));
    last = Math.max(last, z.utcOf(to));
  }
  const start = Date.parse(`${isoDay(stationZone.local(first))}T00:00:00Z`) - DAY_MS;
  const after = q.kind === 'operators' ? DAY_MS : 0;
  const end = Math.min(stationZone.local(last) + after, stationZone.local(now) + DAY_MS);
  const days: string[] = [];
  for (let d = start; d < end; d += DAY_MS) days.push(isoDay(d));
  return days;
}

type Source = NonNullable<ReportQuery['source']>;

/** The tables a report reads. */
function tablesFor(kind: ReportQuery['kind'], byHours: boolean, oneDay: boolean): TableName[] {
  if (kind === 'queues') return byHours ? ['queueHours'] : ['visits'];
  if (!byHours) return ['visits', 'attempts', 'intervals', 'calls'];
  return oneDay ? ['hours', 'intervals'] : ['hours'];
}

interface Counts {
  bytes: number;
  fromCache: number;
  fetched: number;
  loadMs: number;
  decodeMs: number;
}

/** The server's hourly sums: asked for in blocks of closed days, and by the report zone's minute. */
const isSums = (table: TableName): boolean => 'sums' in TABLES[table];

/** A table's days as the spans it is read in: the hourly sums of closed days in blocks. */
function spans(table: TableName, days: readonly string[], stationZone: Zone, now: number): Span[] {
  if (!isSums(table)) return days.map((day) => ({ day, days: 1 }));
  return spansOf(days, isoDay(stationZone.local(now - CLOSE_AFTER_MS) - DAY_MS));
}

function pathOf(
  table: TableName,
  station: string,
  span: Span,
  minuteMs: number,
  source: Source,
): string {
  const params = new URLSearchParams({ station, day: span.day });
  if (span.days > 1) params.set('days', String(span.days));
  if (minuteMs > 0 && isSums(table)) params.set('minute', String(minuteMs / 60_000));
  if (source === 'json') params.set('format', 'json');
  const columns = TABLES[table].columns;
  if (columns !== null) params.set('columns', columns);
  return `/api/report/${TABLES[table].path}?${params.toString()}`;
}

/**
 * The frames of the tables' days: the ones not decoded yet read at once
 * (from the cache or the server, in parallel), each decoded as soon as its
 * bytes are in, while the others are still being read. `decodeMs` counts
 * the decoding, `loadMs` the rest of the wait: reading not hidden by it.
 */
async function load(
  wanted: readonly { readonly table: TableName; readonly path: string }[],
  source: Source,
  t: Counts,
): Promise<Map<string, FrameOf[TableName]>> {
  const missing = wanted.filter((w) => !decoded.has(w.path));
  const t0 = performance.now();
  let decoding = 0;
  await Promise.all(
    missing.map(async (w) => {
      const got = await loader.table(w.path);
      const d0 = performance.now();
      t.bytes += got.bytes.byteLength;
      if (got.fromCache) t.fromCache++;
      else t.fetched++;
      const spec = TABLES[w.table];
      decoded.set(
        w.path,
        source === 'json' ? spec.json(parseRows(got.bytes)) : spec.frame(decode(got.bytes)),
      );
      if (decoded.size > KEEP_DAYS * 6) {
        const oldest = decoded.keys().next().value;
        if (oldest !== undefined) decoded.delete(oldest);
      }
      decoding += performance.now() - d0;
    }),
  );
  t.decodeMs += decoding;
  t.loadMs += performance.now() - t0 - decoding;
  return new Map(
    wanted
      .map((w) => [w.path, decoded.get(w.path)] as const)
      .flatMap(([p, f]) => (f ? [[p, f] as const] : [])),
  );
}

async function report(
  meta: Meta,
  q: ReportQuery,
): Promise<{ result: ReportResult; timings: Timings }> {
  const counts: Counts = { bytes: 0, fromCache: 0, fetched: 0, loadMs: 0, decodeMs: 0 };
  const stations = meta.stations.filter(
    (s) => q.stations.length === 0 || q.stations.includes(s.name),
  );
  const stationZone = new Map(stations.map((s) => [s.name, s.timezone]));
  const settings = new Map(
    meta.queues.map((x) => [
      `${x.station}\u0000${x.name}`,
      {
        zone: zone(x.timezone ?? stationZone.get(x.station) ?? q.zone),
        serviceLevelS: x.serviceLevelSeconds,
      },
    ]),
  );
  const clocks = [zone(q.zone), ...new Set([...settings.values()].map((s) => s.zone))];
  const since = Date.parse(`${q.fromDay}T00:00:00Z`);
  const until = Date.parse(`${q.toDay}T00:00:00Z`) + DAY_MS;
  const source = q.source ?? 'arrow';
  // From the server's hourly sums when every clock's hours begin at the
  // same minute past UTC's all through the period (hourMinute: 0 for most
  // zones, 30 for India); the intervals too for a day's operator timeline.
  // Queue sums class waits by whole seconds, and know no answering operator.
  const minuteOf = (zones: readonly Zone[]): number | null => {
    let minute: number | null = null;
    for (const z of zones) {
      const m = hourMinute(z, since, until);
      if (m === null || (minute !== null && m !== minute)) return null;
      minute = m;
    }
    return minute;
  };
  const queueSumsFit =
    q.operators.length === 0 &&
    Number.isInteger(q.shortAbandonS) &&
    meta.queues.every((x) => Number.isInteger(x.serviceLevelSeconds));
  const minute =
    source !== 'arrow'
      ? null
      : q.kind === 'operators'
        ? minuteOf([zone(q.zone)])
        : queueSumsFit
          ? minuteOf([...clocks, ...stations.map((s) => zone(s.timezone))])
          : null;
  const byHours = minute !== null;
  const oneDay = q.fromDay === q.toDay;
  const tables = tablesFor(q.kind, byHours, oneDay);
  const got: { [K in TableName]: FrameOf[K][] } = {
    visits: [],
    attempts: [],
    intervals: [],
    calls: [],
    hours: [],
    queueHours: [],
  };
  const now = Date.now();
  const wanted = stations.flatMap((s) => {
    const days = stationDays(zone(s.timezone), clocks, q, now);
    return tables.flatMap((table) =>
      spans(table, days, zone(s.timezone), now).map((span) => ({
        table,
        path: pathOf(table, s.name, span, minute ?? 0, source),
      })),
    );
  });
  const frames = await load(wanted, source, counts);
  for (const w of wanted) {
    const frame = frames.get(w.path);
    if (frame && frame.length > 0) (got[w.table] as FrameOf[TableName][]).push(frame);
  }
  const t1 = performance.now();
  const options: ReportOptions = {
    since,
    until,
    grouping: q.grouping,
    queue: (station, queue) =>
      settings.get(`${station}\u0000${queue}`) ?? {
        zone: zone(stationZone.get(station) ?? q.zone),
        serviceLevelS: 20,
      },
    zone: zone(q.zone),
    shortAbandonMs: q.shortAbandonS * 1000,
    ...(q.stations.length > 0 ? { stations: new Set(q.stations) } : {}),
    ...(q.queues.length > 0 ? { queues: new Set(q.queues) } : {}),
    ...(q.operators.length > 0 ? { operators: new Set(q.operators) } : {}),
  };
  let result: ReportResult;
  if (q.kind === 'queues') {
    // Day by day: a queue's ids are shared by the days, so nothing is merged.
    const sums = byHours ? got.queueHours.map(sumsOfHours) : got.visits.map(sumsOfVisits);
    result = { kind: 'queues', ...queueReport(sums, options) };
  } else {
    const intervals = mergeFrames(got.intervals);
    result = {
      kind: 'operators',
      rows: byHours
        ? operatorReportFromHours(got.hours, options)
        : operatorReport(
            {
              visits: mergeFrames(got.visits),
              intervals,
              attempts: mergeFrames(got.attempts),
              calls: mergeFrames(got.calls),
            },
            options,
          ),
      timeline: oneDay
        ? {
            day: q.fromDay,
            zone: q.zone,
            from: options.zone.utcOf(options.since),
            to: options.zone.utcOf(options.until),
            lanes: operatorDay(intervals, options),
          }
        : null,
    };
  }
  const t2 = performance.now();
  return { result, timings: { ...counts, aggregateMs: t2 - t1 } };
}

const post = (m: FromWorker): void => postMessage(m);

addEventListener('message', (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  if (m.type === 'user') {
    loader = new Loader(m.cacheName);
    decoded.clear();
    return;
  }
  report(m.meta, m.query).then(
    ({ result, timings }) => post({ type: 'report', id: m.id, result, timings }),
    (error: unknown) =>
      post({
        type: 'error',
        id: m.id,
        message: error instanceof Error ? error.message : String(error),
      }),
  );
});
