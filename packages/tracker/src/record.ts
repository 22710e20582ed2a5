// The call record: what the tracker emits for each finished call. It is a
// documented, versioned JSON format (docs/call-record.md); times are ISO-8601
// UTC with milliseconds, durations are milliseconds.

export const CALL_RECORD_VERSION = 1;

export const DIRECTIONS = ['inbound', 'outbound', 'internal'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const CALL_OUTCOMES = [
  'answered',
  'abandoned',
  'timeout',
  'exit-empty',
  'exit-key',
  'withdraw',
  'busy',
  'no-answer',
  'failed',
  'unanswered',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const VISIT_OUTCOMES = [
  'answered',
  'abandoned',
  'timeout',
  'exit-empty',
  'exit-key',
  'withdraw',
  'transferred',
  'unknown',
] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

export const ATTEMPT_RESULTS = [
  'answered',
  'no-answer',
  'busy',
  'rejected',
  'unavailable',
  'cancelled',
  'answered-elsewhere',
  'dumped',
] as const;
export type AttemptResult = (typeof ATTEMPT_RESULTS)[number];

export const PARTY_KINDS = ['external', 'operator', 'extension'] as const;
/** What a party of a call is: the outside caller or callee, an operator, another internal phone. */
export type PartyKind = (typeof PARTY_KINDS)[number];

/** One side of a conversation: a channel and who is behind it. */
export interface Party {
  readonly kind: PartyKind;
  /** The operator's key (their device, e.g. `SIP/agent101`) when the party is an operator. */
  readonly operator: string | null;
  readonly name: string | null;
  readonly number: string | null;
  readonly server: string;
  readonly channel: string;
  readonly uniqueid: string;
}

/** Two parties connected (bridged, possibly through Local channels) from `from` to `to`. */
export interface Leg {
  readonly a: Party;
  readonly b: Party;
  readonly from: string;
  readonly to: string;
}

/** Who answered a queue call: the member as the queue knows it. */
export interface Member {
  readonly operator: string | null;
  readonly interface: string;
  readonly memberName: string;
}

export interface Attempt extends Member {
  readonly startedAt: string;
  readonly endedAt: string;
  readonly result: AttemptResult;
  /** The channel the queue rang (a phone, or the Local channel of a Local member). */
  readonly channel: string;
}

export interface QueueVisit {
  readonly queue: string;
  readonly server: string;
  /** The caller channel that joined; its uniqueid is queue_log's callid. */
  readonly channel: { readonly uniqueid: string; readonly name: string };
  readonly joinedAt: string;
  readonly leftAt: string;
  /** Position on joining (1 = first). */
  readonly position: number;
  readonly outcome: VisitOutcome;
  readonly waitMs: number;
  readonly talkMs: number;
  readonly answeredBy: Member | null;
  readonly attempts: readonly Attempt[];
  /** A transfer that ended this visit's conversation, when there was one. */
  readonly transfer: 'blind' | 'attended' | null;
}

export interface Transfer {
  readonly kind: 'blind' | 'attended';
  readonly at: string;
  /** The party that made the transfer. */
  readonly by: Party | null;
  /** Where the call went: the party reached, or the dialled extension. */
  readonly to: {
    readonly number: string | null;
    readonly context: string | null;
    readonly party: Party | null;
  };
}

export const CALL_FLAGS = [
  /** Some channel's Hangup never came: it was closed after a gap in the stream. */
  'gap',
  /** Still open when the stream ended. */
  'unfinished',
  /** Two servers' halves were joined by the caller-number/time heuristic, not by a shared id. */
  'linked-by-heuristic',
  /** A feature code or other service call, not a conversation. */
  'service',
] as const;
export type CallFlag = (typeof CALL_FLAGS)[number];

export interface ChannelAttrs {
  readonly server: string;
  readonly uniqueid: string;
  readonly name: string;
  readonly linkedids: readonly string[];
  readonly callerId: { readonly number: string | null; readonly name: string | null };
  readonly connectedLine: { readonly number: string | null; readonly name: string | null };
  readonly accountCode: string | null;
  readonly createdAt: string;
  readonly answeredAt: string | null;
  readonly endedAt: string | null;
  readonly hangupCause: string | null;
  readonly hangupCauseText: string | null;
  /** Context and extension as the channel moved through the dialplan (changes only). */
  readonly dialplan: readonly {
    readonly at: string;
    readonly context: string;
    readonly exten: string;
    readonly app?: string;
  }[];
  readonly variables: Readonly<Record<string, string>>;
}

export interface CallRecord {
  readonly version: typeof CALL_RECORD_VERSION;
  /** Stable: the same input gives the same id. */
  readonly id: string;
  readonly station: string;
  readonly servers: readonly string[];
  /** `server/linkedid` of every linkedid the call's channels carried. */
  readonly linkedids: readonly string[];
  readonly direction: Direction;
  /** Who called: the number and name the call began with, and the operator when an operator called. */
  readonly from: {
    readonly number: string | null;
    readonly name: string | null;
    readonly operator: string | null;
  };
  /** What was dialled (the DID of an inbound call), and the operator when an operator was called directly. */
  readonly to: { readonly number: string | null; readonly operator: string | null };
  /** The trunk the call came in on or went out through. */
  readonly trunk: string | null;
  readonly startedAt: string;
  /** When a person (operator, extension or outside callee) first answered. */
  readonly answeredAt: string | null;
  /** When the PBX answered the first channel (what CDR calls answer: an IVR or a queue answers too). */
  readonly pbxAnsweredAt: string | null;
  readonly endedAt: string;
  readonly outcome: CallOutcome;
  readonly answeredBy: Party | null;
  readonly legs: readonly Leg[];
  readonly queueVisits: readonly QueueVisit[];
  readonly transfers: readonly Transfer[];
  readonly flags: readonly CallFlag[];
  readonly attrs: { readonly channels: readonly ChannelAttrs[] };
}
