// One table of one station's day, as the user may see it: where the day
// lies in the station's zone, whether it is closed, its ETag, and the
// bytes (Arrow IPC, or JSON of the same rows) built on demand. The hourly
// sums also come as a block of days: the days' tables one after another
// in one table, so a browser reads a month in a few tables, not thirty.

import type { OperatorRef, Store } from '@callboard/store';
import type { Scope } from '../scope.js';
import { encodeArrow, ARROW_CONTENT_TYPE } from './arrow.js';
import type { Encoded } from './cache.js';
import { DAY_TABLES, type AnyRow, type Column, type DayTable } from './columns.js';
import { dayStart, plusDays } from './day.js';
import { CLOSE_AFTER_MS, etagOf, inTurn, viewKey, type Answer } from './respond.js';
import { dayRows } from './day-rows.js';

export type ReportFormat = 'arrow' | 'json';

export interface DayRequest {
  readonly table: DayTable;
  readonly station: string;
  /** YYYY-MM-DD in the station's zone. */
  readonly day: string;
  /** The day and this many less one after it (BLOCK_TABLES only; checked by the route). */
  readonly days: number;
  /** The hourly sums' hours start this many minutes past UTC's: 0, 15, 30 or 45 (BLOCK_TABLES only). */
  readonly minute: number;
  readonly format: ReportFormat;
  /** Only these columns, in the table's order (checked by the route); all when absent. */
  readonly columns?: readonly string[] | undefined;
}

/** The tables that come in blocks of days (and in hours from a minute past UTC's), and the longest block. */
export const BLOCK_TABLES: readonly DayTable[] = ['queue-hours', 'operator-hours'];
export const MAX_BLOCK_DAYS = 32;

/** The table's columns, or those of them asked for. */
export function chosenColumns(table: DayTable, names: readonly string[] | undefined): Column[] {
  const all: readonly Column[] = DAY_TABLES[table];
  return names === undefined ? [...all] : all.filter((c) => names.includes(c.name));
}

/** Each row cut to the columns (the JSON form carries no more than the Arrow one). */
function project(rows: readonly AnyRow[], columns: readonly Column[]): AnyRow[] {
  return rows.map((r) => Object.fromEntries(columns.map((c) => [c.name, r[c.name] ?? null])));
}

/**
 * How long after a day its queue visits' data may still change: a call is
 * counted in the day it began, and its wrap-up follows its end.
 */
export const VISITS_SETTLE_MS = CLOSE_AFTER_MS;

/** The stretch whose data version a day's table depends on. */
export function versionRange(
  table: DayTable,
  range: { station: string; since: Date; until: Date },
): { station: string; since: Date; until: Date } {
  return table === 'queue-visits' || table === 'queue-hours'
    ? { ...range, until: new Date(range.until.getTime() + VISITS_SETTLE_MS) }
    : range;
}

/** The rows of a table of a day as the scope sees them (the exports use them too). */
export async function readDayRows(
  store: Store,
  scope: Scope,
  table: DayTable,
  range: { station: string; since: Date; until: Date },
  minuteMs = 0,
): Promise<AnyRow[]> {
  if (table === 'operator-intervals')
    return dayRows(table, { calls: [], intervals: await store.reports.intervals(range) }, scope);
  if (table === 'operator-hours') {
    const [calls, intervals] = await Promise.all([
      store.reports.calls(range),
      store.reports.intervals(range),
    ]);
    return dayRows(table, { calls, intervals }, scope, minuteMs);
  }
  const calls = await store.reports.calls(range);
  const wrapUps =
    table === 'queue-visits' || table === 'queue-hours'
      ? await store.reports.intervals(versionRange(table, range), { state: 'wrap-up' })
      : [];
  return dayRows(table, { calls, intervals: [], wrapUps }, scope, minuteMs);
}

export function encodeRows(
  format: ReportFormat,
  table: string,
  columns: readonly Column[],
  rows: readonly AnyRow[],
  metadata: Readonly<Record<string, string>>,
): Encoded {
  if (format === 'json')
    return {
      body: new TextEncoder().encode(JSON.stringify(rows)),
      type: 'application/json; charset=utf-8',
    };
  return {
    body: encodeArrow(columns, rows, { table, ...metadata }),
    type: ARROW_CONTENT_TYPE,
  };
}

export async function dayAnswer(
  store: Store,
  scope: Scope,
  operators: readonly OperatorRef[],
  zone: string,
  now: number,
  r: DayRequest,
): Promise<Answer> {
  const dayRange = (k: number) => ({
    station: r.station,
    since: new Date(dayStart(plusDays(r.day, k), zone)),
    until: new Date(dayStart(plusDays(r.day, k + 1), zone)),
  });
  const range = { station: r.station, since: dayRange(0).since, until: dayRange(r.days - 1).until };
  const version = await store.reports.version(versionRange(r.table, range));
  const columns = chosenColumns(r.table, r.columns);
  const names = columns.map((c) => c.name).join(',');
  const key = [
    r.table,
    r.station,
    r.day,
    r.days,
    r.minute,
    r.format,
    names,
    viewKey(scope, operators),
    version,
  ];
  const metadata = {
    station: r.station,
    day: r.day,
    days: String(r.days),
    hourMinute: String(r.minute),
    timeZone: zone,
    since: range.since.toISOString(),
    until: range.until.toISOString(),
  };
  return {
    etag: etagOf(key),
    closed: range.until.getTime() + CLOSE_AFTER_MS <= now,
    cacheKey: JSON.stringify(key),
    headers: {
      'x-callboard-time-zone': zone,
      'x-callboard-range': `${metadata.since}/${metadata.until}`,
    },
    // Each day is read in a build turn of its own (two at once over every
    // request): a block of sixteen days is not sixteen days one after another.
    inTurns: true,
    build: async () => {
      // A block is its days' tables in day order: each day read on its own,
      // so the rows are those of the day tables, and no more than two days'
      // calls are held at once.
      const days = await Promise.all(
        Array.from({ length: r.days }, (_, k) =>
          inTurn(() => readDayRows(store, scope, r.table, dayRange(k), r.minute * 60_000)),
        ),
      );
      const rows = days.flat();
      return encodeRows(
        r.format,
        r.table,
        columns,
        r.columns === undefined ? rows : project(rows, columns),
        metadata,
      );
    },
  };
}
