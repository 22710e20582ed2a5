import type { OperatorInterval } from '@callboard/tracker';
// The tables, as Kysely sees them. Migrations (./migrations) create them;
// this file must follow every migration.

import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T extends object> = JSONColumnType<T, string, string>;

export const ENTITY_KINDS = ['operator', 'queue', 'trunk', 'number'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface StationsTable {
  id: Generated<number>;
  name: string;
  timezone: ColumnType<string, string | undefined, string>;
  /** Changed through the API: the configuration no longer overwrites it (0004). */
  edited: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ServersTable {
  id: Generated<number>;
  station_id: number;
  name: string;
  /** The AMI address as the directory knows it (0004); the secret is only in the configuration. */
  host: string | null;
  port: number | null;
  username: string | null;
  edited: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface EntitiesTable {
  id: Generated<number>;
  station_id: number;
  kind: EntityKind;
  key: string;
  name: string | null;
  monitored: ColumnType<boolean, boolean | undefined, boolean>;
  attrs: ColumnType<Record<string, unknown>, string | undefined, string>;
  edited: ColumnType<boolean, boolean | undefined, boolean>;
}

/** A queue's settings from the directory (0004). */
export interface QueueSettingsTable {
  queue_id: number;
  timezone: string | null;
  service_level_seconds: ColumnType<number, number | undefined, number>;
}

/** Reasons for a pause (0004): the code goes to Asterisk, the label to people. */
export interface PauseReasonsTable {
  id: Generated<number>;
  code: string;
  label: string;
}

export interface OperatorInterfacesTable {
  operator_id: number;
  server_id: number;
  interface: string;
}

export interface JournalTable {
  id: Generated<number>;
  server_id: number;
  first_seq: number;
  last_seq: number;
  first_at: Timestamp;
  last_at: Timestamp;
  messages: number;
  /** A batch of raw AMI messages, compressed (see journal.ts). */
  payload: Uint8Array;
}

export interface CheckpointsTable {
  name: string;
  /** The last journal row whose effects are stored. */
  position: number;
  state: ColumnType<unknown, string, string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CallsTable {
  id: string;
  station_id: number;
  started_at: Timestamp;
  ended_at: Timestamp;
  answered_at: Timestamp | null;
  direction: string;
  outcome: string;
  from_number: string | null;
  from_name: string | null;
  from_entity_id: number | null;
  to_number: string | null;
  to_entity_id: number | null;
  trunk_id: number | null;
  answered_by_id: number | null;
  flags: string[];
  /** The call record without its channel attributes. */
  record: Json<object>;
  /** Channel attributes (caller ids, dialplan, variables): free-form. */
  attrs: Json<object>;
}

export interface QueueVisitsTable {
  call_id: string;
  idx: number;
  queue_id: number;
  server: string;
  caller_uniqueid: string;
  joined_at: Timestamp;
  left_at: Timestamp;
  position: number;
  outcome: string;
  wait_ms: number;
  talk_ms: number;
  answered_by_id: number | null;
  transfer: string | null;
}

export interface AgentAttemptsTable {
  call_id: string;
  visit_idx: number;
  idx: number;
  operator_id: number | null;
  interface: string;
  member_name: string;
  started_at: Timestamp;
  ended_at: Timestamp;
  result: string;
}

export interface LegsTable {
  call_id: string;
  idx: number;
  a_kind: string;
  a_entity_id: number | null;
  a_number: string | null;
  b_kind: string;
  b_entity_id: number | null;
  b_number: string | null;
  started_at: Timestamp;
  ended_at: Timestamp;
}

export interface TransfersTable {
  call_id: string;
  idx: number;
  kind: string;
  at: Timestamp;
  by_id: number | null;
  to_number: string | null;
  to_id: number | null;
}

export interface OperatorIntervalsTable {
  station_id: number;
  operator_id: number;
  kind: OperatorInterval['kind'];
  state: OperatorInterval['state'];
  queue_id: number | null;
  reason: string | null;
  started_at: Timestamp;
  ended_at: Timestamp;
}

/** Queue visits of one station-hour, by the hour they joined (0003). Waits and talk in ms. */
export interface RollupQueueHoursTable {
  station_id: number;
  hour: Timestamp;
  queue_id: number;
  offered: number;
  answered: number;
  abandoned: number;
  timeout: number;
  exit_empty: number;
  exit_key: number;
  withdraw: number;
  transferred: number;
  unknown: number;
  wait_ms_sum: number;
  wait_ms_max: number;
  answered_wait_ms_sum: number;
  answered_wait_ms_max: number;
  abandoned_wait_ms_sum: number;
  talk_ms_sum: number;
  talk_ms_max: number;
  transfers: number;
  rings: number;
  /** Visits by wait, in the buckets of ROLLUP_WAIT_EDGES_S (rollups.ts). */
  answered_wait_hist: number[];
  abandoned_wait_hist: number[];
}

/** One operator's station-hour (0003): per queue, or (queue_id null) their states. Times in ms. */
export interface RollupOperatorHoursTable {
  station_id: number;
  hour: Timestamp;
  operator_id: number;
  queue_id: number | null;
  rings: number;
  ring_answered: number;
  ring_no_answer: number;
  ring_busy: number;
  ring_rejected: number;
  ring_unavailable: number;
  ring_cancelled: number;
  ring_answered_elsewhere: number;
  ring_dumped: number;
  ring_ms: number;
  answered: number;
  talk_ms: number;
  logged_in_ms: number;
  offline_ms: number;
  idle_ms: number;
  ringing_ms: number;
  talking_ms: number;
  wrap_up_ms: number;
  paused_ms: number;
}

/** The data version of a station-hour (0003): bumped when a row of that hour changes. */
export interface DerivedHoursTable {
  station_id: number;
  hour: Timestamp;
  version: number;
}

export const ROLES = ['operator', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A supervisor's rights, each granted on its own. */
export const RIGHTS = ['change-membership', 'pause-others', 'listen-recordings'] as const;
export type Right = (typeof RIGHTS)[number];

export interface UsersTable {
  id: Generated<number>;
  login: string;
  display_name: string;
  password_hash: string;
  role: Role;
  operator_id: number | null;
  queues: ColumnType<string[], unknown, unknown>;
  rights: ColumnType<Right[], unknown, unknown>;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export const AUDIT_RESULTS = ['ok', 'denied', 'failed'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  user_id: number | null;
  actor: string;
  action: string;
  result: AuditResult;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface Database {
  stations: StationsTable;
  servers: ServersTable;
  entities: EntitiesTable;
  operator_interfaces: OperatorInterfacesTable;
  journal: JournalTable;
  checkpoints: CheckpointsTable;
  calls: CallsTable;
  queue_visits: QueueVisitsTable;
  agent_attempts: AgentAttemptsTable;
  legs: LegsTable;
  transfers: TransfersTable;
  operator_intervals: OperatorIntervalsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  queue_settings: QueueSettingsTable;
  pause_reasons: PauseReasonsTable;
  rollup_queue_hours: RollupQueueHoursTable;
  rollup_operator_hours: RollupOperatorHoursTable;
  derived_hours: DerivedHoursTable;
}
