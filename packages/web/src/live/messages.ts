// The live feed's messages: the server's own wire types (imported as types
// only — nothing of the server is bundled), and its close codes.

export type {
  Caller,
  CallView,
  DeltaMessage,
  LiveChange,
  MembershipView,
  OperatorView,
  QueueView,
  ServerMessage,
  SnapshotMessage,
  WaitingCaller,
} from '@callboard/server/live-messages';
export type { OperatorStateName } from '@callboard/tracker';

/** Close codes the server uses (4000–4999); the server's CLOSE in live/messages.ts. */
export const CLOSE = { sessionEnded: 4001, tooSlow: 4002, scopeChanged: 4003 } as const;
