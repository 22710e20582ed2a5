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
}

/** A call started, was answered or changed parties (live). */
export interface CallProgress {
  readonly kind: 'call-progress';
  readonly station: string;
  readonly call: string;
  readonly startedAt: string;
  readonly from: { readonly number: string | null; readonly name: string | null };
  readonly answeredAt: string | null;
  /** Operators on the call now. */
  readonly operators: readonly string[];
}

export type Effect =
  CallFinished | IntervalClosed | QueueWaiting | OperatorStateChanged | CallProgress;
