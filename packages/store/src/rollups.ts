// Keeping the hourly roll-ups (migration 0003) and the data versions equal
// to the base rows, in the writer's transaction:
// - rows stored for the first time (the ingest's every checkpoint) are
//   added to the hours they fall in: the work follows the rows written,
//   not the hours' size;
// - a call written again (a rebuild, a replay) may have moved or changed:
//   the hours of its old and its new rows are recomputed from the base
//   rows, as are the hours of a deleted range;
// - every hour touched gets a new version.
// A call written twice, or a range rebuilt, gives the same roll-ups as the
// rows it leaves.
//
// Writers take one advisory lock for the transaction, so two processes
// (the ingest and a `callboard rebuild`) never recompute an hour from
// each other's half-written rows.

import type { CallRecord, OperatorInterval } from '@callboard/tracker';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Resolve } from './entities.js';
import {
  intervalsOfHour,
  operatorHours,
  queueHours,
  ringsAndAnswersGiven,
  ringsAndAnswersOfHour,
  visitsGiven,
  visitsOfHour,
  type GivenRingsAndAnswers,
  type GivenVisits,
} from './rollup-sql.js';
import type { Database } from './schema.js';

export { ROLLUP_WAIT_EDGES_S } from './rollup-sql.js';

/** A stretch of one station's time that a write touched. */
export interface Span {
  readonly stationId: number;
  readonly from: string;
  readonly to: string;
}

/** One hour of one station's zone, as the instant it starts. */
export interface Bucket {
  readonly stationId: number;
  readonly hour: Date;
}

type Db = Transaction<Database> | Kysely<Database>;

const LOCK = 0x63_62_72_75; // "cbru"

/**
 * Serialises the writers of derived rows until the transaction ends, and
 * turns PostgreSQL's JIT compilation off for the transaction. A write's
 * statements are short, but some are estimated long: `generate_series`
 * over an interval's hours is planned at a thousand rows, so the roll-up
 * additions crossed the JIT threshold and spent 40–50 ms compiling to run
 * a few thousand rows (seen with auto_explain; docs/ingest.md §9).
 */
export async function lockDerived(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${LOCK}), set_config('jit', 'off', true)`.execute(trx);
}

/** The calls among `ids` stored already, with their spans as stored (before they are written again). */
export async function storedCallSpans(trx: Db, ids: readonly string[]): Promise<Map<string, Span>> {
  const out = new Map<string, Span>();
  if (ids.length === 0) return out;
  const rows = await trx
    .selectFrom('calls')
    .select(['id', 'station_id', 'started_at', 'ended_at'])
    .where('id', '=', sql<string>`any(${sql.val([...ids])}::text[])`)
    .execute();
  for (const r of rows)
    out.set(r.id, {
      stationId: r.station_id,
      from: r.started_at.toISOString(),
      to: r.ended_at.toISOString(),
    });
  return out;
}

/**
 * The spans records cover: a call from its start to its end (its visits
 * and rings lie within), an interval from its start to its end.
 */
export function recordSpans(
  calls: readonly CallRecord[],
  intervals: readonly OperatorInterval[],
  stationId: (station: string) => number,
): Span[] {
  return [
    ...calls.map((c) => ({ stationId: stationId(c.station), from: c.startedAt, to: c.endedAt })),
    ...intervals.map((i) => ({ stationId: stationId(i.station), from: i.from, to: i.to })),
  ];
}

/**
 * Adds calls stored for the first time (not before this transaction) to
 * their hours' roll-ups: their visits, rings and answers, from the records
 * as written.
 */
export async function addCalls(
  trx: Db,
  calls: readonly CallRecord[],
  stationId: (station: string) => number,
  resolve: Resolve,
): Promise<void> {
  const v: GivenVisits = {
    stationId: [],
    joinedAt: [],
    queueId: [],
    outcome: [],
    waitMs: [],
    talkMs: [],
    transfer: [],
    rings: [],
  };
  const g: GivenRingsAndAnswers = {
    stationId: [],
    at: [],
    operatorId: [],
    queueId: [],
    kind: [],
    what: [],
    endedAt: [],
    talkMs: [],
  };
  const operator = (s: number, key: string | null | undefined): number | null =>
    key ? resolve({ stationId: s, kind: 'operator', key }) : null;
  for (const c of calls) {
    const s = stationId(c.station);
    for (const visit of c.queueVisits) {
      const queue = resolve({ stationId: s, kind: 'queue', key: visit.queue });
      v.stationId.push(s);
      v.joinedAt.push(visit.joinedAt);
      v.queueId.push(queue);
      v.outcome.push(visit.outcome);
      v.waitMs.push(visit.waitMs);
      v.talkMs.push(visit.talkMs);
      v.transfer.push(visit.transfer);
      v.rings.push(visit.attempts.length);
      const push = (operatorId: number, at: string, kind: 'ring' | 'answer'): void => {
        g.stationId.push(s);
        g.at.push(at);
        g.operatorId.push(operatorId);
        g.queueId.push(queue);
        g.kind.push(kind);
      };
      for (const a of visit.attempts) {
        const o = operator(s, a.operator);
        if (o === null) continue;
        push(o, a.startedAt, 'ring');
        g.what.push(a.result);
        g.endedAt.push(a.endedAt);
        g.talkMs.push(null);
      }
      const answeredBy = operator(s, visit.answeredBy?.operator);
      if (answeredBy !== null) {
        push(answeredBy, visit.joinedAt, 'answer');
        g.what.push(null);
        g.endedAt.push(null);
        g.talkMs.push(visit.talkMs);
      }
    }
  }
  if (v.stationId.length > 0) await queueHours(visitsGiven(v), 'add').execute(trx);
  if (g.stationId.length > 0) await operatorHours(ringsAndAnswersGiven(g), 'add').execute(trx);
}

/**
 * After a write: recomputes the hours `recompute` covers, and gives every
 * hour `touched` covers a new version. (Rows stored for the first time were
 * added as they were written: `addCalls`, and writeIntervals in derived.ts.)
 */
export async function followWrite(
  trx: Db,
  recompute: readonly Span[],
  touched: readonly Span[],
): Promise<void> {
  await recomputeBuckets(trx, await spanBuckets(trx, recompute));
  await bumpVersions(trx, await spanBuckets(trx, touched));
}

/** The hours of their stations' zones the spans cover. */
async function spanBuckets(trx: Db, spans: readonly Span[]): Promise<Bucket[]> {
  if (spans.length === 0) return [];
  const result = await sql<{ station_id: number; hour: Date }>`
    select distinct t.station_id, h.hour
    from unnest(${sql.val(spans.map((s) => s.stationId))}::int[],
                ${sql.val(spans.map((s) => s.from))}::timestamptz[],
                ${sql.val(spans.map((s) => s.to))}::timestamptz[]) as t(station_id, f, u)
    join stations s on s.id = t.station_id
    cross join lateral generate_series(date_trunc('hour', t.f, s.timezone), t.u, interval '1 hour') as h(hour)
  `.execute(trx);
  return result.rows.map((r) => ({ stationId: r.station_id, hour: new Date(r.hour) }));
}

/** Recomputes every hour that may hold rows from `since` on (after a range was deleted). */
export async function refreshSince(trx: Db, since: Date): Promise<void> {
  const rows = await trx
    .selectFrom('derived_hours')
    .select(['station_id', 'hour'])
    .where('hour', '>', new Date(since.getTime() - 3600_000))
    .execute();
  const buckets = rows.map((r) => ({ stationId: r.station_id, hour: r.hour }));
  await recomputeBuckets(trx, buckets);
  await bumpVersions(trx, buckets);
}

// Each hour is recomputed by statements of its own, its start a bound
// value: the planner sees the hour itself and, from the statistics, how
// few of a year's rows it holds, so it reads them through the time indexes
// and finds their calls by key. (With the hours as a column of a joined
// list, it must guess; its guess, half a percent of the table, made it read
// every call of the station for each hour once the history grew.) An
// operator interval has only to overlap the hour: the index on its span
// (migration 0005) finds those, where one on its start or its end would
// read all the history before or after. The plans are checked in
// packages/store/test/rollup-plans.test.ts.

/** Replaces the roll-ups of the buckets with aggregates of the base rows. */
export async function recomputeBuckets(trx: Db, buckets: readonly Bucket[]): Promise<void> {
  if (buckets.length === 0) return;
  const b = bucketsTable(buckets);
  await sql`delete from rollup_queue_hours r using ${b}
            where r.station_id = b.station_id and r.hour = b.hour`.execute(trx);
  await sql`delete from rollup_operator_hours r using ${b}
            where r.station_id = b.station_id and r.hour = b.hour`.execute(trx);
  for (const bucket of buckets) for (const query of hourQueries(bucket)) await query.execute(trx);
}

/** Gives the buckets new versions (their report data changed). */
async function bumpVersions(trx: Db, buckets: readonly Bucket[]): Promise<void> {
  if (buckets.length === 0) return;
  await sql`insert into derived_hours (station_id, hour, version)
            select b.station_id, b.hour, nextval('derived_version') from ${bucketsTable(buckets)}
            on conflict (station_id, hour) do update set version = excluded.version`.execute(trx);
}

/** The statements that recompute one bucket's queue and operator roll-ups. */
function hourQueries(bucket: Bucket): RawBuilder<unknown>[] {
  const b = oneBucket(bucket);
  return [
    queueHours(visitsOfHour(b), 'replace'),
    operatorHours(sql`${ringsAndAnswersOfHour(b)} union all ${intervalsOfHour(b)}`, 'replace'),
  ];
}

/** The plans (EXPLAIN, nothing run) of recomputing a bucket's queue and operator roll-ups. */
export async function explainRefresh(trx: Db, bucket: Bucket): Promise<string[]> {
  const plans: string[] = [];
  for (const query of hourQueries(bucket)) {
    const result = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(trx);
    plans.push(result.rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
  return plans;
}

/** One bucket as a one-row table `b`, its values bound: the planner plans for this very hour. */
function oneBucket(bucket: Bucket): RawBuilder<unknown> {
  return sql`(select ${bucket.stationId}::int as station_id,
                     ${bucket.hour.toISOString()}::timestamptz as hour) as b`;
}

function bucketsTable(buckets: readonly Bucket[]): RawBuilder<unknown> {
  return sql`unnest(${sql.val(buckets.map((x) => x.stationId))}::int[],
                    ${sql.val(buckets.map((x) => x.hour.toISOString()))}::timestamptz[]) as b(station_id, hour)`;
}
