// Operator states and the intervals the tracker reports them in.

export const OPERATOR_STATES = [
  'offline',
  'idle',
  'ringing',
  'talking',
  'wrap-up',
  'paused',
] as const;
export type OperatorStateName = (typeof OPERATOR_STATES)[number];

/** A closed interval: an operator's state, or their membership of one queue. */
export interface OperatorInterval {
  readonly kind: 'state' | 'queue';
  readonly station: string;
  readonly operator: string;
  readonly name: string | null;
  /** For `state` intervals. */
  readonly state: OperatorStateName | null;
  /** For `queue` intervals: the queue they were logged into. */
  readonly queue: string | null;
  /** Pause reason (state `paused`). */
  readonly reason: string | null;
  readonly from: string;
  readonly to: string;
}
