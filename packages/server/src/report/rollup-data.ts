// Hourly roll-ups of a station over days of its zone (a quarter, a year),
// as the user may see them: an ETag from the inputs and the data version,
// as a day's tables have. Never immutable: an operator's interval is stored
// when it ends, and its time goes to every hour it covered, so an old hour
// can still change; a client revalidates and gets 304 while it has not.

import type { OperatorRef, Store } from '@callboard/store';
import { ROLLUP_WAIT_EDGES_S } from '@callboard/store';
import type { Scope } from '../scope.js';
import { ROLLUP_TABLES, type RollupTable } from './columns.js';
import { daysRange } from './day.js';
import { encodeRows, type ReportFormat } from './day-data.js';
import { etagOf, viewKey, type Answer } from './respond.js';
import { operatorHourRows, queueHourRows } from './rollup-rows.js';

export interface RollupRequest {
  readonly table: RollupTable;
  readonly station: string;
  readonly from: string;
  readonly to: string;
  readonly format: ReportFormat;
}

export async function rollupAnswer(
  store: Store,
  scope: Scope,
  operators: readonly OperatorRef[],
  zone: string,
  r: RollupRequest,
): Promise<Answer> {
  const { since, until } = daysRange(r.from, r.to, zone);
  const range = { station: r.station, since: new Date(since), until: new Date(until) };
  const version = await store.reports.version(range);
  const key = [
    `rollup/${r.table}`,
    r.station,
    r.from,
    r.to,
    r.format,
    viewKey(scope, operators),
    version,
  ];
  const metadata = {
    station: r.station,
    from: r.from,
    to: r.to,
    timeZone: zone,
    since: range.since.toISOString(),
    until: range.until.toISOString(),
    waitEdgesSeconds: ROLLUP_WAIT_EDGES_S.join(','),
  };
  return {
    etag: etagOf(key),
    closed: false,
    cacheKey: JSON.stringify(key),
    headers: {
      'x-callboard-time-zone': zone,
      'x-callboard-range': `${metadata.since}/${metadata.until}`,
    },
    build: async () => {
      const rows =
        r.table === 'queues'
          ? queueHourRows(await store.reports.queueHours(range), scope)
          : operatorHourRows(await store.reports.operatorHours(range), scope);
      return encodeRows(r.format, `rollup/${r.table}`, ROLLUP_TABLES[r.table], rows, metadata);
    },
  };
}
