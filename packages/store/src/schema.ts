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
}

export interface ServersTable {
  id: Generated<number>;
  station_id: number;
  name: string;
}

export interface EntitiesTable {
  id: Generated<number>;
  station_id: number;
  kind: EntityKind;
  key: string;
  name: string | null;
  monitored: ColumnType<boolean, boolean | undefined, boolean>;
  attrs: ColumnType<Record<string, unknown>, string | undefined, string>;
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
}
