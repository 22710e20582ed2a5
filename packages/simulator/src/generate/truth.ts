// What really happened in a generated stream, call by call: the ground
// truth a test holds the tracker's records against.

export type TruthOutcome = 'answered' | 'abandoned' | 'timeout' | 'waiting';

export interface TruthVisit {
  readonly queue: string;
  /** The caller channel's uniqueid (queue_log's callid). */
  readonly uniqueid: string;
  /** ms since the epoch, as the QueueCallerJoin's Timestamp says. */
  readonly joinedAt: number;
  leftAt: number | null;
  outcome: TruthOutcome;
  /** The operator who answered: their phone (`SIP/101`) and member name. */
  operator: string | null;
  memberName: string | null;
  waitMs: number | null;
  /** Members rung and not answered (no answer or busy), by member name. */
  missed: string[];
  transfer: 'blind' | 'attended' | null;
}

export type TruthKind = 'inbound' | 'outbound' | 'internal';

export interface TruthCall {
  readonly kind: TruthKind;
  /** The first channel's uniqueid, which every channel of the call carries as linkedid. */
  readonly linkedid: string;
  readonly from: string;
  readonly to: string;
  readonly startedAt: number;
  endedAt: number | null;
  readonly visits: TruthVisit[];
  /** Whether a person answered (an operator, a colleague, the outside callee). */
  answered: boolean;
}
