// What the live feed sends and accepts (docs/server.md, "Live feed"): the
// wire format, the same for every role; what a message holds is cut by the
// caller's scope (cut.ts). Caller names and numbers come from outside and
// travel as JSON strings, exactly as Asterisk gave them.

import { Type, type Static } from 'typebox';
import type { OperatorStateName } from '@callboard/tracker';

export interface Caller {
  readonly number: string | null;
  readonly name: string | null;
}

/** A caller waiting in a queue. */
export interface WaitingCaller {
  readonly uniqueid: string;
  /** The call they are in (a `calls[].id`). */
  readonly call: string;
  readonly caller: Caller;
  readonly joinedAt: string;
}

export interface QueueView {
  readonly station: string;
  readonly queue: string;
  /** In the order they joined. */
  readonly waiting: readonly WaitingCaller[];
}

/** An operator's membership of one queue, paused or not. */
export interface MembershipView {
  readonly queue: string;
  readonly paused: boolean;
  readonly reason: string | null;
}

export interface OperatorView {
  readonly station: string;
  readonly operator: string;
  /** The directory's id of the operator (what actions take); null while the directory does not have them. */
  readonly id: number | null;
  readonly name: string | null;
  readonly state: OperatorStateName;
  readonly reason: string | null;
  readonly since: string;
  /** The queues they are in that the viewer may see, by name. */
  readonly queues: readonly MembershipView[];
}

export interface CallView {
  readonly id: string;
  readonly station: string;
  readonly startedAt: string;
  readonly from: Caller;
  readonly fromOperator: string | null;
  readonly answeredAt: string | null;
  readonly operators: readonly string[];
  readonly queues: readonly string[];
}

export type LiveChange =
  | ({ readonly kind: 'waiting'; readonly station: string; readonly queue: string } & WaitingCaller)
  | {
      readonly kind: 'waiting-left';
      readonly station: string;
      readonly queue: string;
      readonly uniqueid: string;
      readonly left: string;
    }
  | ({ readonly kind: 'operator' } & OperatorView)
  | { readonly kind: 'call'; readonly call: CallView }
  /** The call finished, was merged into another, or left the viewer's scope. */
  | { readonly kind: 'call-ended'; readonly id: string };

/** The whole picture a client starts from; deltas with `seq` at or below it are already in it. */
export interface SnapshotMessage {
  readonly type: 'snapshot';
  readonly seq: number;
  /** The server's time, to count waits from. */
  readonly now: string;
  readonly queues: readonly QueueView[];
  readonly operators: readonly OperatorView[];
  readonly calls: readonly CallView[];
}

export interface DeltaMessage {
  readonly type: 'delta';
  readonly seq: number;
  readonly changes: readonly LiveChange[];
}

export type ServerMessage =
  | SnapshotMessage
  | DeltaMessage
  | { readonly type: 'pong' }
  | {
      readonly type: 'error';
      readonly error: { readonly code: 'invalid'; readonly message: string };
    };

/** Messages a client may send: a ping, or asking for a fresh snapshot. */
export const ClientMessage = Type.Union([
  Type.Object({ type: Type.Literal('ping') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('snapshot') }, { additionalProperties: false }),
]);
export type ClientMessage = Static<typeof ClientMessage>;

/** Why the server closed the socket (WebSocket close codes 4000–4999 are the application's). */
export const CLOSE = {
  /** The session expired, was ended by a logout, a new password or a disabled user. */
  sessionEnded: 4001,
  /** The client read too slowly: its send buffer passed the limit. */
  tooSlow: 4002,
  /** The user's role, queues or operator changed: reconnect for a new picture. */
  scopeChanged: 4003,
  /** A message that is not one of ClientMessage. */
  invalid: 4400,
  /** The server is stopping. */
  goingAway: 1001,
} as const;
