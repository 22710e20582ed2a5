// Reading derived rows back: calls as the tracker's records (stored whole,
// read back whole), operator intervals with their entities' keys.

import type { CallRecord, OperatorInterval } from '@callboard/tracker';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** [since, until): either end may be open. */
export interface TimeRange {
  readonly since?: Date;
  readonly until?: Date;
}

function record(r: { record: unknown; attrs: unknown }): CallRecord {
  return {
    ...(r.record as Omit<CallRecord, 'attrs'>),
    attrs: r.attrs as CallRecord['attrs'],
  };
}

export async function readCalls(db: Kysely<Database>, range: TimeRange): Promise<CallRecord[]> {
  let q = db.selectFrom('calls').select(['record', 'attrs']);
  if (range.since) q = q.where('started_at', '>=', range.since);
  if (range.until) q = q.where('started_at', '<', range.until);
  const rows = await q.orderBy('ended_at').orderBy('id').execute();
  return rows.map(record);
}

/** One call by its id, or undefined. */
export async function readCall(db: Kysely<Database>, id: string): Promise<CallRecord | undefined> {
  const row = await db
    .selectFrom('calls')
    .select(['record', 'attrs'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? record(row) : undefined;
}

/** Keyset paging on (started_at, id): each page is one indexed range scan. */
export async function* callPages(
  db: Kysely<Database>,
  range: TimeRange,
  pageSize: number,
): AsyncGenerator<CallRecord[]> {
  let after: { startedAt: Date; id: string } | undefined;
  for (;;) {
    let q = db.selectFrom('calls').select(['id', 'started_at', 'record', 'attrs']);
    if (range.since) q = q.where('started_at', '>=', range.since);
    if (range.until) q = q.where('started_at', '<', range.until);
    if (after) {
      const key = after;
      q = q.where((eb) =>
        eb(eb.refTuple('started_at', 'id'), '>', eb.tuple(key.startedAt, key.id)),
      );
    }
    const rows = await q.orderBy('started_at').orderBy('id').limit(pageSize).execute();
    if (rows.length === 0) return;
    yield rows.map(record);
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = { startedAt: last.started_at, id: last.id };
  }
}

export async function readIntervals(
  db: Kysely<Database>,
  range: TimeRange,
): Promise<OperatorInterval[]> {
  let q = db
    .selectFrom('operator_intervals as i')
    .innerJoin('stations as s', 's.id', 'i.station_id')
    .innerJoin('entities as o', 'o.id', 'i.operator_id')
    .leftJoin('entities as q', 'q.id', 'i.queue_id')
    .select([
      'i.kind',
      's.name as station',
      'o.key as operator',
      'o.name',
      'i.state',
      'q.key as queue',
      'i.reason',
      'i.started_at',
      'i.ended_at',
    ]);
  if (range.since) q = q.where('i.started_at', '>=', range.since);
  if (range.until) q = q.where('i.started_at', '<', range.until);
  const rows = await q.orderBy('i.started_at').orderBy('o.key').orderBy('i.kind').execute();
  return rows.map((r) => ({
    kind: r.kind,
    station: r.station,
    operator: r.operator,
    name: r.name,
    state: r.state,
    queue: r.queue,
    reason: r.reason,
    from: r.started_at.toISOString(),
    to: r.ended_at.toISOString(),
  }));
}
