// The statements behind the hourly roll-ups (rollups.ts). Each is an
// aggregate over rows of one shape, grouped by station, hour and key:
// - over the rows of whole hours (`hourRows`), it replaces those hours;
// - over rows just stored (given from the records written, or returned by
//   the statement that stores intervals), it adds them to what the hours
//   hold: counts and sums add, maxima take the greater, histograms add
//   bucket by bucket. Those read no table but the stations: the planner's
//   guesses about tables growing under a bulk load cannot make them scan.
// Both give the same roll-ups for the same rows: a time is rounded to the
// millisecond row by row before it is summed, never after.

import { ATTEMPT_RESULTS, OPERATOR_STATES, VISIT_OUTCOMES } from '@callboard/tracker';
import { sql, type RawBuilder } from 'kysely';

/** Upper edges (seconds) of the wait histograms' buckets; the last bucket is open. */
export const ROLLUP_WAIT_EDGES_S = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600] as const;

/** Replace the hours' rows (they were deleted first), or add to them. */
export type Merge = 'replace' | 'add';

const column = (name: string): string => name.replaceAll('-', '_');
const ms = (interval: string): string => `round(extract(epoch from ${interval}) * 1000)`;

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

/** `set` clauses adding the proposed row to the stored one (`r`). */
function adding(sums: readonly string[], maxima: readonly string[], arrays: readonly string[]) {
  return [
    ...sums.map((c) => `${c} = r.${c} + excluded.${c}`),
    ...maxima.map((c) => `${c} = greatest(r.${c}, excluded.${c})`),
    ...arrays.map(
      (c) => `${c} = array(select x + y from unnest(r.${c}, excluded.${c})
                       with ordinality as u(x, y, k) order by k)`,
    ),
  ].join(',\n      ');
}

// ---- queue hours: one row per queue visit, by the hour it joined ----

const QUEUE_SUMS = [
  'offered',
  ...VISIT_OUTCOMES.map(column),
  'wait_ms_sum',
  'answered_wait_ms_sum',
  'abandoned_wait_ms_sum',
  'talk_ms_sum',
  'transfers',
  'rings',
];
const QUEUE_MAXIMA = ['wait_ms_max', 'answered_wait_ms_max', 'talk_ms_max'];
const QUEUE_ARRAYS = ['answered_wait_hist', 'abandoned_wait_hist'];

/** The visits' columns the queue aggregates read, `n` being the visit's rings. */
const VISIT_COLUMNS = sql`v.queue_id, v.outcome, v.wait_ms, v.talk_ms, v.transfer, r.n`;
const RINGS = sql`cross join lateral (select count(*) as n from agent_attempts a
                    where a.call_id = v.call_id and a.visit_idx = v.idx) r`;

/** The visits that joined in the hour of `b` (a one-row table of station_id, hour). */
export function visitsOfHour(b: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    select b.station_id, b.hour, ${VISIT_COLUMNS}
    from ${b}
    join queue_visits v on v.joined_at >= b.hour and v.joined_at < b.hour + interval '1 hour'
    join calls c on c.id = v.call_id and c.station_id = b.station_id
    ${RINGS}`;
}

/** Visits given one array per column, one element per visit (the rows just stored). */
export interface GivenVisits {
  readonly stationId: number[];
  readonly joinedAt: string[];
  readonly queueId: number[];
  readonly outcome: string[];
  readonly waitMs: number[];
  readonly talkMs: number[];
  readonly transfer: (string | null)[];
  readonly rings: number[];
}

/** Values bound as one array parameter of `type` (a column for `unnest`). */
export const arrayOf = (values: readonly unknown[], type: string): RawBuilder<unknown> =>
  sql`${sql.val([...values])}::${sql.raw(type)}[]`;

/** Given visits, each in the hour of its station's zone it joined: no table but stations is read. */
export function visitsGiven(v: GivenVisits): RawBuilder<unknown> {
  return sql`
    select v.station_id, date_trunc('hour', v.joined_at, s.timezone) as hour,
           v.queue_id, v.outcome, v.wait_ms, v.talk_ms, v.transfer, v.n
    from unnest(${arrayOf(v.stationId, 'int')}, ${arrayOf(v.joinedAt, 'timestamptz')},
                ${arrayOf(v.queueId, 'bigint')}, ${arrayOf(v.outcome, 'text')}, ${arrayOf(v.waitMs, 'int')},
                ${arrayOf(v.talkMs, 'int')}, ${arrayOf(v.transfer, 'text')}, ${arrayOf(v.rings, 'int')})
         as v(station_id, joined_at, queue_id, outcome, wait_ms, talk_ms, transfer, n)
    join stations s on s.id = v.station_id`;
}

export function queueHours(rows: RawBuilder<unknown>, merge: Merge): RawBuilder<unknown> {
  const outcomes = VISIT_OUTCOMES.map(column);
  const counts = VISIT_OUTCOMES.map((o) => `count(*) filter (where v.outcome = '${o}')::int`);
  return sql`
    insert into rollup_queue_hours as r (station_id, hour, queue_id, offered, ${sql.raw(outcomes.join(', '))},
      wait_ms_sum, wait_ms_max, answered_wait_ms_sum, answered_wait_ms_max, abandoned_wait_ms_sum,
      talk_ms_sum, talk_ms_max, transfers, rings, answered_wait_hist, abandoned_wait_hist)
    select v.station_id, v.hour, v.queue_id, count(*)::int,
      ${sql.raw(counts.join(',\n      '))},
      sum(v.wait_ms), max(v.wait_ms),
      coalesce(sum(v.wait_ms) filter (where v.outcome = 'answered'), 0),
      coalesce(max(v.wait_ms) filter (where v.outcome = 'answered'), 0),
      coalesce(sum(v.wait_ms) filter (where v.outcome = 'abandoned'), 0),
      sum(v.talk_ms), max(v.talk_ms),
      count(*) filter (where v.transfer is not null)::int,
      sum(v.n)::int,
      ${sql.raw(histogram('answered'))},
      ${sql.raw(histogram('abandoned'))}
    from (${rows}) v
    group by v.station_id, v.hour, v.queue_id
    ${merge === 'add' ? sql.raw(`on conflict (station_id, hour, queue_id) do update set\n      ${adding(QUEUE_SUMS, QUEUE_MAXIMA, QUEUE_ARRAYS)}`) : sql``}`;
}

// ---- operator hours: rings by the hour they began, answers by the hour
// their visit joined, interval time cut at the hours ----

const OPERATOR_SUMS = [
  'rings',
  ...ATTEMPT_RESULTS.map((r) => `ring_${column(r)}`),
  'ring_ms',
  'answered',
  'talk_ms',
  'logged_in_ms',
  ...OPERATOR_STATES.map((s) => `${column(s)}_ms`),
];

/** Rows are (station_id, hour, operator_id, queue_id, kind, what, ms). */
export function ringsAndAnswersOfHour(b: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
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
    where v.answered_by_id is not null`;
}

/**
 * Rings and answers given one array per column: a ring from `at` to
 * `endedAt`, an answer at `at` (its visit's join) with `talkMs`.
 */
export interface GivenRingsAndAnswers {
  readonly stationId: number[];
  readonly at: string[];
  readonly operatorId: number[];
  readonly queueId: number[];
  readonly kind: ('ring' | 'answer')[];
  readonly what: (string | null)[];
  readonly endedAt: (string | null)[];
  readonly talkMs: (number | null)[];
}

export function ringsAndAnswersGiven(g: GivenRingsAndAnswers): RawBuilder<unknown> {
  return sql`
    select g.station_id, date_trunc('hour', g.at, s.timezone), g.operator_id, g.queue_id, g.kind,
           g.what, coalesce(${sql.raw(ms('g.ended_at - g.at'))}, g.talk_ms)
    from unnest(${arrayOf(g.stationId, 'int')}, ${arrayOf(g.at, 'timestamptz')},
                ${arrayOf(g.operatorId, 'bigint')}, ${arrayOf(g.queueId, 'bigint')}, ${arrayOf(g.kind, 'text')},
                ${arrayOf(g.what, 'text')}, ${arrayOf(g.endedAt, 'timestamptz')}, ${arrayOf(g.talkMs, 'int')})
         as g(station_id, at, operator_id, queue_id, kind, what, ended_at, talk_ms)
    join stations s on s.id = g.station_id`;
}

const CLIPPED = ms(
  `least(i.ended_at, b.hour + interval '1 hour') - greatest(i.started_at, b.hour)`,
);
const INTERVAL_COLUMNS = sql`i.operator_id, i.queue_id,
    case i.kind when 'queue' then 'member' else 'state' end, i.state, ${sql.raw(CLIPPED)}`;

/** An operator interval has only to overlap the hour (the span index, migration 0005). */
export function intervalsOfHour(b: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    select b.station_id, b.hour, ${INTERVAL_COLUMNS}
    from ${b}
    join operator_intervals i on i.station_id = b.station_id
      and tstzrange(i.started_at, i.ended_at, '[]') && tstzrange(b.hour, b.hour + interval '1 hour')
      and i.ended_at > b.hour and i.started_at < b.hour + interval '1 hour'`;
}

/** The intervals of `source` (rows shaped as operator_intervals), in every hour they overlap. */
export function intervalsOf(source: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    select i.station_id, b.hour, ${INTERVAL_COLUMNS}
    from ${source} i
    join stations s on s.id = i.station_id
    cross join lateral generate_series(date_trunc('hour', i.started_at, s.timezone), i.ended_at,
                                       interval '1 hour') as b(hour)
    where i.ended_at > b.hour and i.started_at < b.hour + interval '1 hour'`;
}

export function operatorHours(rows: RawBuilder<unknown>, merge: Merge): RawBuilder<unknown> {
  const rings = ATTEMPT_RESULTS.map((r) => `ring_${column(r)}`).join(', ');
  const ringCounts = ATTEMPT_RESULTS.map(
    (r) => `count(*) filter (where f.kind = 'ring' and f.what = '${r}')::int`,
  ).join(', ');
  const states = OPERATOR_STATES.map((s) => `${column(s)}_ms`).join(', ');
  const stateSums = OPERATOR_STATES.map(
    (s) => `coalesce(sum(f.ms) filter (where f.kind = 'state' and f.what = '${s}'), 0)::bigint`,
  ).join(', ');
  return sql`
    insert into rollup_operator_hours as r (station_id, hour, operator_id, queue_id, rings, ${sql.raw(rings)},
      ring_ms, answered, talk_ms, logged_in_ms, ${sql.raw(states)})
    select f.station_id, f.hour, f.operator_id, f.queue_id,
      count(*) filter (where f.kind = 'ring')::int, ${sql.raw(ringCounts)},
      coalesce(sum(f.ms) filter (where f.kind = 'ring'), 0)::bigint,
      count(*) filter (where f.kind = 'answer')::int,
      coalesce(sum(f.ms) filter (where f.kind = 'answer'), 0)::bigint,
      coalesce(sum(f.ms) filter (where f.kind = 'member'
        or (f.kind = 'state' and f.what <> 'offline')), 0)::bigint,
      ${sql.raw(stateSums)}
    from (${rows}) f (station_id, hour, operator_id, queue_id, kind, what, ms)
    group by f.station_id, f.hour, f.operator_id, f.queue_id
    ${merge === 'add' ? sql.raw(`on conflict (station_id, hour, operator_id, coalesce(queue_id, 0)) do update set\n      ${adding(OPERATOR_SUMS, [], [])}`) : sql``}`;
}
