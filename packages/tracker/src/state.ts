// The tracker's in-flight state: channels, the calls they belong to, queue
// visits. Plain data; the handlers in the other files change it.

import type { AttemptResult, CallFlag, Member } from './record.js';

export interface DialplanStep {
  readonly at: number;
  readonly context: string;
  readonly exten: string;
  readonly app?: string;
}

export interface Channel {
  readonly key: string;
  readonly server: string;
  readonly uniqueid: string;
  name: string;
  linkedid: string;
  readonly linkedids: string[];
  call: Call;
  readonly createdAt: number;
  upAt: number | null;
  hungupAt: number | null;
  cause: string | null;
  causeText: string | null;
  callerNum: string | null;
  callerName: string | null;
  /** Caller id when the channel was created (a dialplan may change it later, e.g. to the company number). */
  readonly firstCallerNum: string | null;
  readonly firstCallerName: string | null;
  connectedNum: string | null;
  connectedName: string | null;
  accountCode: string | null;
  context: string;
  exten: string;
  readonly firstContext: string;
  readonly firstExten: string;
  readonly dialplan: DialplanStep[];
  readonly variables: Map<string, string>;
  /** Key of the bridge the channel is in. */
  bridge: string | null;
  /** For Local channels: the key of the other half of the pair. */
  partner: string | null;
  /** For inter-server trunk channels linked to the other server's half. */
  remote: string | null;
  readonly local: boolean;
  readonly device: string;
  /** The channel that dialled this one. */
  dialedBy: string | null;
  /** Worst outcome of the dials that reached this channel (BUSY, CHANUNAVAIL, …). */
  dialStatus: string | null;
  /** The extension this channel dialled out to, when it dialled. */
  dialed: string | null;
  /** An inter-server trunk channel: the server at the other end, and whether the call came in on it. */
  relay: { readonly server: string; readonly incoming: boolean } | null;
}

export interface AttemptState {
  readonly member: Member;
  readonly channel: string;
  readonly destKey: string;
  readonly startedAt: number;
  endedAt: number | null;
  result: AttemptResult | null;
}

export interface VisitState {
  readonly queue: string;
  readonly server: string;
  readonly callerKey: string;
  readonly callerUniqueid: string;
  readonly callerName: string;
  readonly joinedAt: number;
  readonly position: number;
  leftAt: number | null;
  abandonedAt: number | null;
  queueStatus: string | null;
  connectedAt: number | null;
  completedAt: number | null;
  /** When the answering member's part ended early (a transfer made from the member's side). */
  talkEndedAt: number | null;
  answeredBy: Member | null;
  memberKey: string | null;
  readonly attempts: AttemptState[];
  transfer: 'blind' | 'attended' | null;
  dtmf: boolean;
}

export interface TransferState {
  readonly kind: 'blind' | 'attended';
  readonly at: number;
  readonly byKey: string | null;
  readonly extension: string | null;
  readonly context: string | null;
  /** The channel the transfer connected the call to (attended), to resolve into a party. */
  readonly targetKey: string | null;
}

export interface OpenLeg {
  readonly a: string;
  readonly b: string;
  readonly from: number;
}

export interface ClosedLeg extends OpenLeg {
  readonly to: number;
}

/** A call: a group of channels, merged as linkedids, bridges and transfers join them. */
export interface Call {
  readonly seq: number;
  /** Union–find: the call this one was merged into. */
  parent: Call | null;
  readonly channels: Set<Channel>;
  /** Channels not hung up yet. */
  open: number;
  readonly visits: VisitState[];
  readonly transfers: TransferState[];
  readonly openLegs: Map<string, OpenLeg>;
  readonly closedLegs: ClosedLeg[];
  readonly flags: Set<CallFlag>;
  /** When the last channel hung up; the call is emitted after the grace period. */
  quietSince: number | null;
  lastEventAt: number;
  /** The call has been emitted (its channels may still be referenced by late events). */
  done: boolean;
}

export function newCall(seq: number, at: number): Call {
  return {
    seq,
    parent: null,
    channels: new Set(),
    open: 0,
    visits: [],
    transfers: [],
    openLegs: new Map(),
    closedLegs: [],
    flags: new Set(),
    quietSince: null,
    lastEventAt: at,
    done: false,
  };
}

/** The call a call was merged into, following the chain (with path halving). */
export function rootOf(call: Call): Call {
  let c = call;
  while (c.parent !== null) {
    if (c.parent.parent !== null) c.parent = c.parent.parent;
    c = c.parent;
  }
  return c;
}

/** Merges two calls; returns the surviving root. */
export function mergeCalls(x: Call, y: Call): Call {
  let a = rootOf(x);
  let b = rootOf(y);
  if (a === b) return a;
  // The older call survives, so a call's identity does not move to a newcomer.
  if (b.seq < a.seq) [a, b] = [b, a];
  b.parent = a;
  for (const ch of b.channels) {
    ch.call = a;
    a.channels.add(ch);
  }
  b.channels.clear();
  a.open += b.open;
  b.open = 0;
  a.visits.push(...b.visits);
  a.transfers.push(...b.transfers);
  for (const [k, leg] of b.openLegs) a.openLegs.set(k, leg);
  a.closedLegs.push(...b.closedLegs);
  for (const f of b.flags) a.flags.add(f);
  a.lastEventAt = Math.max(a.lastEventAt, b.lastEventAt);
  a.quietSince = a.open > 0 ? null : Math.max(a.quietSince ?? 0, b.quietSince ?? 0);
  b.visits.length = 0;
  b.transfers.length = 0;
  b.openLegs.clear();
  b.closedLegs.length = 0;
  return a;
}

/** Whether a channel is a conversation endpoint, not a relay (Local halves, trunks to a server we watch). */
export function isEndpoint(ch: Channel): boolean {
  return !ch.local && ch.relay === null;
}
