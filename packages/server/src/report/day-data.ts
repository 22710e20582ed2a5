// One table of one station's day, as the user may see it: where the day
// lies in the station's zone, whether it is closed, its ETag, and the
// bytes (Arrow IPC, or JSON of the same rows) built on demand.

import type { OperatorRef, Store } from '@callboard/store';
import type { Scope } from '../scope.js';
import { encodeArrow, ARROW_CONTENT_TYPE } from './arrow.js';
import type { Encoded } from './cache.js';
import { DAY_TABLES, type AnyRow, type Column, type DayTable } from './columns.js';
import { dayStart, nextDay } from './day.js';
import { CLOSE_AFTER_MS, etagOf, viewKey, type Answer } from './respond.js';
import { dayRows } from './rows.js';

export type ReportFormat = 'arrow' | 'json';

export interface DayRequest {
  readonly table: DayTable;
  readonly station: string;
  /** YYYY-MM-DD in the station's zone. */
  readonly day: string;
  readonly format: ReportFormat;
}

/** The rows of a table of a day as the scope sees them (the exports use them too). */
export async function readDayRows(
  store: Store,
  scope: Scope,
  table: DayTable,
  range: { station: string; since: Date; until: Date },
): Promise<AnyRow[]> {
  const source =
    table === 'operator-intervals'
      ? { calls: [], intervals: await store.reports.intervals(range) }
      : { calls: await store.reports.calls(range), intervals: [] };
  return dayRows(table, source, scope);
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
  const since = dayStart(r.day, zone);
  const until = dayStart(nextDay(r.day), zone);
  const range = { station: r.station, since: new Date(since), until: new Date(until) };
  const version = await store.reports.version(range);
  const key = [r.table, r.station, r.day, r.format, viewKey(scope, operators), version];
  const metadata = {
    station: r.station,
    day: r.day,
    timeZone: zone,
    since: range.since.toISOString(),
    until: range.until.toISOString(),
  };
  return {
    etag: etagOf(key),
    closed: until + CLOSE_AFTER_MS <= now,
    cacheKey: JSON.stringify(key),
    headers: {
      'x-callboard-time-zone': zone,
      'x-callboard-range': `${metadata.since}/${metadata.until}`,
    },
    build: async () =>
      encodeRows(
        r.format,
        r.table,
        DAY_TABLES[r.table],
        await readDayRows(store, scope, r.table, range),
        metadata,
      ),
  };
}
