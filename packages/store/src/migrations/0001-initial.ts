import { sql, type Kysely } from 'kysely';

// The first schema. Times are timestamptz (UTC on the wire, the station's
// zone is applied when reporting). Ids of rows the store makes are bigint.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement at a time: PGlite's query() runs a single statement.
  for (const statement of SCHEMA.split(/;\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    await sql.raw(statement).execute(db);
  }
}

const SCHEMA = `
    create table stations (
      id serial primary key,
      name text not null unique,
      timezone text not null default 'UTC'
    );
    create table servers (
      id serial primary key,
      station_id int not null references stations (id),
      name text not null unique
    );
    -- Callboard's own ids for operators, queues, trunks and outside numbers:
    -- the same key on two stations is two entities.
    create table entities (
      id bigserial primary key,
      station_id int not null references stations (id),
      kind text not null check (kind in ('operator', 'queue', 'trunk', 'number')),
      key text not null,
      name text,
      monitored boolean not null default true,
      attrs jsonb not null default '{}',
      unique (station_id, kind, key)
    );
    -- An operator may have interfaces (phones, Local members) on several servers.
    create table operator_interfaces (
      operator_id bigint not null references entities (id) on delete cascade,
      server_id int not null references servers (id),
      interface text not null,
      primary key (operator_id, server_id, interface)
    );
    -- The raw AMI stream, in compressed batches, before anything interprets it.
    create table journal (
      id bigserial primary key,
      server_id int not null references servers (id),
      first_seq bigint not null,
      last_seq bigint not null,
      first_at timestamptz not null,
      last_at timestamptz not null,
      messages int not null,
      payload bytea not null
    );
    create index journal_server_seq on journal (server_id, last_seq);
    create index journal_last_at on journal (last_at);
    -- Where the tracker is in the journal, with its in-flight state.
    create table checkpoints (
      name text primary key,
      position bigint not null,
      state jsonb not null,
      updated_at timestamptz not null default now()
    );
    create table calls (
      id text primary key,
      station_id int not null references stations (id),
      started_at timestamptz not null,
      ended_at timestamptz not null,
      answered_at timestamptz,
      direction text not null,
      outcome text not null,
      from_number text,
      from_name text,
      from_entity_id bigint references entities (id),
      to_number text,
      to_entity_id bigint references entities (id),
      trunk_id bigint references entities (id),
      answered_by_id bigint references entities (id),
      flags text[] not null default '{}',
      record jsonb not null,
      attrs jsonb not null
    );
    create index calls_started_at on calls (started_at);
    create index calls_station_started_at on calls (station_id, started_at);
    create table queue_visits (
      call_id text not null references calls (id) on delete cascade,
      idx int not null,
      queue_id bigint not null references entities (id),
      server text not null,
      caller_uniqueid text not null,
      joined_at timestamptz not null,
      left_at timestamptz not null,
      position int not null,
      outcome text not null,
      wait_ms int not null,
      talk_ms int not null,
      answered_by_id bigint references entities (id),
      transfer text,
      primary key (call_id, idx)
    );
    create index queue_visits_joined_at on queue_visits (joined_at);
    create index queue_visits_queue_joined_at on queue_visits (queue_id, joined_at);
    create table agent_attempts (
      call_id text not null,
      visit_idx int not null,
      idx int not null,
      operator_id bigint references entities (id),
      interface text not null,
      member_name text not null,
      started_at timestamptz not null,
      ended_at timestamptz not null,
      result text not null,
      primary key (call_id, visit_idx, idx),
      foreign key (call_id, visit_idx) references queue_visits (call_id, idx) on delete cascade
    );
    create index agent_attempts_operator_started_at on agent_attempts (operator_id, started_at);
    create table legs (
      call_id text not null references calls (id) on delete cascade,
      idx int not null,
      a_kind text not null,
      a_entity_id bigint references entities (id),
      a_number text,
      b_kind text not null,
      b_entity_id bigint references entities (id),
      b_number text,
      started_at timestamptz not null,
      ended_at timestamptz not null,
      primary key (call_id, idx)
    );
    create table transfers (
      call_id text not null references calls (id) on delete cascade,
      idx int not null,
      kind text not null,
      at timestamptz not null,
      by_id bigint references entities (id),
      to_number text,
      to_id bigint references entities (id),
      primary key (call_id, idx)
    );
    create table operator_intervals (
      station_id int not null references stations (id),
      operator_id bigint not null references entities (id),
      kind text not null check (kind in ('state', 'queue')),
      state text,
      queue_id bigint references entities (id),
      reason text,
      started_at timestamptz not null,
      ended_at timestamptz not null
    );
    -- Written again after a restart, an interval changes nothing.
    create unique index operator_intervals_key on operator_intervals (operator_id, kind, coalesce(queue_id, 0), started_at);
    create index operator_intervals_started_at on operator_intervals (started_at);
`;

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are not reversed: restore a backup instead'));
}
