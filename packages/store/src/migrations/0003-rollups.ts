import { sql, type Kysely } from 'kysely';

// Hourly roll-ups for reports over long periods, and a data version per
// station-hour. An hour is an hour of the station's zone, kept as the
// instant it starts. The store keeps them: every write of calls or
// intervals recomputes the hours it touched from the base rows, in the
// same transaction (rollups.ts), so they never drift from those rows.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement at a time: PGlite's query() runs a single statement.
  for (const statement of SCHEMA.split(/;\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    await sql.raw(statement).execute(db);
  }
}

const SCHEMA = `
    -- Queue visits by the hour they joined. Waits and talk in milliseconds;
    -- the histograms count visits by wait in (0,5], (5,10], (10,15], (15,20],
    -- (20,30], (30,45], (45,60], (60,90], (90,120], (120,180], (180,300],
    -- (300,600] seconds and over 600 (ROLLUP_WAIT_EDGES_S).
    create table rollup_queue_hours (
      station_id int not null references stations (id),
      hour timestamptz not null,
      queue_id bigint not null references entities (id),
      offered int not null,
      answered int not null,
      abandoned int not null,
      timeout int not null,
      exit_empty int not null,
      exit_key int not null,
      withdraw int not null,
      transferred int not null,
      unknown int not null,
      wait_ms_sum bigint not null,
      wait_ms_max int not null,
      answered_wait_ms_sum bigint not null,
      answered_wait_ms_max int not null,
      abandoned_wait_ms_sum bigint not null,
      talk_ms_sum bigint not null,
      talk_ms_max int not null,
      transfers int not null,
      rings int not null,
      answered_wait_hist int[] not null,
      abandoned_wait_hist int[] not null,
      primary key (station_id, hour, queue_id)
    );
    -- Per operator and hour: with a queue, the rings of that queue (by the
    -- hour they began), the calls answered and their talk (by the hour the
    -- visit joined) and the time logged into it; without one (queue_id
    -- null), the time in each state. Interval time is cut at the hours.
    create table rollup_operator_hours (
      station_id int not null references stations (id),
      hour timestamptz not null,
      operator_id bigint not null references entities (id),
      queue_id bigint references entities (id),
      rings int not null,
      ring_answered int not null,
      ring_no_answer int not null,
      ring_busy int not null,
      ring_rejected int not null,
      ring_unavailable int not null,
      ring_cancelled int not null,
      ring_answered_elsewhere int not null,
      ring_dumped int not null,
      ring_ms bigint not null,
      answered int not null,
      talk_ms bigint not null,
      logged_in_ms bigint not null,
      offline_ms bigint not null,
      idle_ms bigint not null,
      ringing_ms bigint not null,
      talking_ms bigint not null,
      wrap_up_ms bigint not null,
      paused_ms bigint not null
    );
    create unique index rollup_operator_hours_key on rollup_operator_hours (station_id, hour, operator_id, coalesce(queue_id, 0));
    -- Bumped whenever a row of that station-hour is written or removed: the
    -- report data of a day is unchanged while its hours' versions are.
    create sequence derived_version;
    create table derived_hours (
      station_id int not null references stations (id),
      hour timestamptz not null,
      version bigint not null,
      primary key (station_id, hour)
    );
    -- The roll-ups read rings by their start and intervals by their end.
    create index agent_attempts_started_at on agent_attempts (started_at);
    create index operator_intervals_ended_at on operator_intervals (ended_at);
`;

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are not reversed: restore a backup instead'));
}
