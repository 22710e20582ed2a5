import type { CallRecord } from './record.js';
import type { OperatorInterval, OperatorStateName } from './operator-types.js';

/** A call finished: its record, ready to store. */
export interface CallFinished {
  readonly kind: 'call-finished';
  readonly record: CallRecord;
}

/** An operator's state interval closed. */
export interface IntervalClosed {
  readonly kind: 'operator-interval';
  readonly interval: OperatorInterval;
}

/** A caller joined or left a queue's waiting list (live). */
export interface QueueWaiting {
  readonly kind: 'queue-waiting';
  readonly station: string;
  readonly server: string;
  readonly queue: string;
  readonly uniqueid: string;
  /** The call the caller belongs to (its `call-progress` id). */
  readonly call: string;
  readonly caller: { readonly number: string | null; readonly name: string | null };
  /** Join time; `left` is set when the caller left the list. */
  readonly joinedAt: string;
  readonly left: string | null;
}

/** An operator's state changed (live). */
export interface OperatorStateChanged {
  readonly kind: 'operator-state';
  readonly station: string;
  readonly operator: string;
  readonly name: string | null;
  readonly state: OperatorStateName;
  readonly reason: string | null;
  readonly since: string;
  /** The queues they are in (by name), each paused or not: sent again when one changes. */
  readonly queues: readonly QueueMembershipView[];
}

/** An operator's membership of one queue (live). */
export interface QueueMembershipView {
  readonly queue: string;
  readonly paused: boolean;
  /** The pause reason, when paused with one. */
  readonly reason: string | null;
}

/** A call started, was answered or changed parties (live). */
export interface CallProgress {
  readonly kind: 'call-progress';
  readonly station: string;
  readonly call: string;
  readonly startedAt: string;
  readonly from: { readonly number: string | null; readonly name: string | null };
  /** The operator who made the call, when an operator's phone did. */
  readonly fromOperator: string | null;
  readonly answeredAt: string | null;
  /** Operators on the call now. */
  readonly operators: readonly string[];
  /** The queues the call joined so far, in order (a queue again when it came back to it). */
  readonly queues: readonly string[];
  /**
   * `server/linkedid` of every channel group in the call so far: a call
   * merged into this one (a transfer) is gone from the live view.
   */
  readonly linkedids: readonly string[];
}

/** The changes a live view follows (finished calls end a call in progress). */
export type LiveEffect = QueueWaiting | OperatorStateChanged | CallProgress;

export type Effect = CallFinished | IntervalClosed | LiveEffect;
