// Keeping the hourly roll-ups (migration 0003) and the data versions equal
// to the base rows. A write of calls or intervals names the spans of time
// it touched, old rows (a call written again) and new ones alike; the
// hours of the station's zone those spans cover are recomputed from the
// base rows, in the writer's transaction, and their versions bumped. A
// call written twice, or a range rebuilt, gives the same roll-ups as the
// rows it leaves.
//
// Writers take one advisory lock for the transaction, so two processes
// (the ingest and a `callboard rebuild`) never recompute an hour from
// each other's half-written rows.

import type { CallRecord, OperatorInterval } from '@callboard/tracker';
import { ATTEMPT_RESULTS, OPERATOR_STATES, VISIT_OUTCOMES } from '@callboard/tracker';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from './schema.js';

/** Upper edges (seconds) of the wait histograms' buckets; the last bucket is open. */
export const ROLLUP_WAIT_EDGES_S = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600] as const;

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

/** Serialises the writers of derived rows until the transaction ends. */
export async function lockDerived(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${LOCK})`.execute(trx);
}

/** The spans of calls as stored now (before they are written again). */
export async function storedCallSpans(trx: Db, ids: readonly string[]): Promise<Span[]> {
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('calls')
    .select(['station_id', 'started_at', 'ended_at'])
    .where('id', '=', sql<string>`any(${sql.val([...ids])}::text[])`)
    .execute();
  return rows.map((r) => ({
    stationId: r.station_id,
    from: r.started_at.toISOString(),
    to: r.ended_at.toISOString(),
  }));
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

/** Recomputes the hours the spans cover. */
export async function refreshSpans(trx: Db, spans: readonly Span[]): Promise<void> {
  if (spans.length === 0) return;
  const result = await sql<{ station_id: number; hour: Date }>`
    select distinct t.station_id, h.hour
    from unnest(${sql.val(spans.map((s) => s.stationId))}::int[],
                ${sql.val(spans.map((s) => s.from))}::timestamptz[],
                ${sql.val(spans.map((s) => s.to))}::timestamptz[]) as t(station_id, f, u)
    join stations s on s.id = t.station_id
    cross join lateral generate_series(date_trunc('hour', t.f, s.timezone), t.u, interval '1 hour') as h(hour)
  `.execute(trx);
  await refreshBuckets(
    trx,
    result.rows.map((r) => ({ stationId: r.station_id, hour: new Date(r.hour) })),
  );
}

/** Recomputes every hour that may hold rows from `since` on (after a range was deleted). */
export async function refreshSince(trx: Db, since: Date): Promise<void> {
  const rows = await trx
    .selectFrom('derived_hours')
    .select(['station_id', 'hour'])
    .where('hour', '>', new Date(since.getTime() - 3600_000))
    .execute();
  await refreshBuckets(
    trx,
    rows.map((r) => ({ stationId: r.station_id, hour: r.hour })),
  );
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

/** Replaces the roll-ups of the buckets with aggregates of the base rows, and bumps their versions. */
export async function refreshBuckets(trx: Db, buckets: readonly Bucket[]): Promise<void> {
  if (buckets.length === 0) return;
  const b = bucketsTable(buckets);
  await sql`delete from rollup_queue_hours r using ${b}
            where r.station_id = b.station_id and r.hour = b.hour`.execute(trx);
  await sql`delete from rollup_operator_hours r using ${b}
            where r.station_id = b.station_id and r.hour = b.hour`.execute(trx);
  for (const bucket of buckets) {
    await queueHours(oneBucket(bucket)).execute(trx);
    await operatorHours(oneBucket(bucket)).execute(trx);
  }
  await sql`insert into derived_hours (station_id, hour, version)
            select b.station_id, b.hour, nextval('derived_version') from ${b}
            on conflict (station_id, hour) do update set version = excluded.version`.execute(trx);
}

/** The plans (EXPLAIN, nothing run) of recomputing a bucket's queue and operator roll-ups. */
export async function explainRefresh(trx: Db, bucket: Bucket): Promise<string[]> {
  const b = oneBucket(bucket);
  const plans: string[] = [];
  for (const query of [queueHours(b), operatorHours(b)]) {
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

const column = (name: string): string => name.replaceAll('-', '_');

function histogram(outcome: string): string {
  const edges = [-1, ...ROLLUP_WAIT_EDGES_S.map((s) => s * 1000), Number.MAX_SAFE_INTEGER];
  const counts = edges
    .slice(1)
    .map(
      (hi, k) =>
        `count(*) filter (where v.outcome = '${outcome}' and v.wait_ms > ${edges[k] ?? -1} and v.wait_ms <= ${hi})::int`,
    );
  return `array[${counts.join(', ')}]`;
}

function queueHours(b: RawBuilder<unknown>): RawBuilder<unknown> {
  const outcomes = VISIT_OUTCOMES.map((o) => column(o));
  const counts = VISIT_OUTCOMES.map((o) => `count(*) filter (where v.outcome = '${o}')::int`).join(
    ',\n      ',
  );
  return sql`
    insert into rollup_queue_hours (station_id, hour, queue_id, offered, ${sql.raw(outcomes.join(', '))},
      wait_ms_sum, wait_ms_max, answered_wait_ms_sum, answered_wait_ms_max, abandoned_wait_ms_sum,
      talk_ms_sum, talk_ms_max, transfers, rings, answered_wait_hist, abandoned_wait_hist)
    select b.station_id, b.hour, v.queue_id, count(*)::int,
      ${sql.raw(counts)},
      sum(v.wait_ms), max(v.wait_ms),
      coalesce(sum(v.wait_ms) filter (where v.outcome = 'answered'), 0),
      coalesce(max(v.wait_ms) filter (where v.outcome = 'answered'), 0),
      coalesce(sum(v.wait_ms) filter (where v.outcome = 'abandoned'), 0),
      sum(v.talk_ms), max(v.talk_ms),
      count(*) filter (where v.transfer is not null)::int,
      sum(r.n)::int,
      ${sql.raw(histogram('answered'))},
      ${sql.raw(histogram('abandoned'))}
    from ${b}
    join queue_visits v on v.joined_at >= b.hour and v.joined_at < b.hour + interval '1 hour'
    join calls c on c.id = v.call_id and c.station_id = b.station_id
    cross join lateral (select count(*) as n from agent_attempts a
                        where a.call_id = v.call_id and a.visit_idx = v.idx) r
    group by b.station_id, b.hour, v.queue_id`;
}

function operatorHours(b: RawBuilder<unknown>): RawBuilder<unknown> {
  const ms = (interval: string): string => `extract(epoch from ${interval}) * 1000`;
  const rings = ATTEMPT_RESULTS.map((r) => `ring_${column(r)}`).join(', ');
  const ringCounts = ATTEMPT_RESULTS.map(
    (r) => `count(*) filter (where f.kind = 'ring' and f.what = '${r}')::int`,
  ).join(', ');
  const states = OPERATOR_STATES.map((s) => `${column(s)}_ms`).join(', ');
  const stateSums = OPERATOR_STATES.map(
    (s) =>
      `coalesce(round(sum(f.ms) filter (where f.kind = 'state' and f.what = '${s}')), 0)::bigint`,
  ).join(', ');
  const clipped = ms(
    `least(i.ended_at, b.hour + interval '1 hour') - greatest(i.started_at, b.hour)`,
  );
  return sql`
    insert into rollup_operator_hours (station_id, hour, operator_id, queue_id, rings, ${sql.raw(rings)},
      ring_ms, answered, talk_ms, logged_in_ms, ${sql.raw(states)})
    select f.station_id, f.hour, f.operator_id, f.queue_id,
      count(*) filter (where f.kind = 'ring')::int, ${sql.raw(ringCounts)},
      coalesce(round(sum(f.ms) filter (where f.kind = 'ring')), 0)::bigint,
      count(*) filter (where f.kind = 'answer')::int,
      coalesce(round(sum(f.ms) filter (where f.kind = 'answer')), 0)::bigint,
      coalesce(round(sum(f.ms) filter (where f.kind = 'member'
        or (f.kind = 'state' and f.what <> 'offline'))), 0)::bigint,
      ${sql.raw(stateSums)}
    from (
      select b.station_id, b.hour, a.operator_id, v.queue_id, 'ring' as kind, a.result as what,
             ${sql.raw(ms('a.ended_at - a.started_at'))} as ms
      from ${b}
      join agent_attempts a on a.started_at >= b.hour and a.started_at < b.hour + interval '1 hour'
      join queue_visits v on v.call_id = a.call_id and v.idx = a.visit_idx
      join calls c on c.id = a.call_id and c.station_id = b.station_id
      where a.operator_id is not null
      union all
      select b.station_id, b.hour, v.answered_by_id, v.queue_id, 'answer', null, v.talk_ms
      from ${b}
      join queue_visits v on v.joined_at >= b.hour and v.joined_at < b.hour + interval '1 hour'
      join calls c on c.id = v.call_id and c.station_id = b.station_id
      where v.answered_by_id is not null
      union all
      select b.station_id, b.hour, i.operator_id, i.queue_id,
             case i.kind when 'queue' then 'member' else 'state' end, i.state,
             ${sql.raw(clipped)}
      from ${b}
      join operator_intervals i on i.station_id = b.station_id
        and tstzrange(i.started_at, i.ended_at, '[]') && tstzrange(b.hour, b.hour + interval '1 hour')
        and i.ended_at > b.hour and i.started_at < b.hour + interval '1 hour'
    ) f
    group by f.station_id, f.hour, f.operator_id, f.queue_id`;
}
