// The tracker's in-flight state as plain data, for checkpoints: everything
// needed to carry on exactly as if the process had never stopped. Calls
// refer to channels by key and channels to calls by number; a call merged
// into another is written as a pointer to the call that absorbed it.

import type { Ctx } from './context.js';
import type { DirectorySnapshot } from './directory.js';
import type { OperatorStatesSnapshot } from './operator-state.js';
import type { CallFlag } from './record.js';
import {
  rootOf,
  type Call,
  type Channel,
  type ClosedLeg,
  type OpenLeg,
  type TransferState,
  type VisitState,
} from './state.js';

export const SNAPSHOT_VERSION = 1;

type ChannelData = Omit<Channel, 'call' | 'variables'> & {
  readonly call: number;
  readonly variables: [string, string][];
};

interface CallData {
  readonly seq: number;
  readonly open: number;
  readonly visits: VisitState[];
  readonly transfers: TransferState[];
  readonly openLegs: [string, OpenLeg][];
  readonly closedLegs: ClosedLeg[];
  readonly flags: CallFlag[];
  readonly quietSince: number | null;
  readonly lastEventAt: number;
}

export interface TrackerSnapshot {
  readonly version: typeof SNAPSHOT_VERSION;
  readonly seq: number;
  readonly now: number;
  readonly servers: string[];
  readonly channels: ChannelData[];
  readonly calls: CallData[];
  readonly quiet: number[];
  /** `server|linkedid` → the number of the call it leads to. */
  readonly byLinkedid: [string, number][];
  readonly bridges: [string, string[]][];
  readonly relays: string[];
  readonly channelLists: [string, string[]][];
  readonly directory: DirectorySnapshot;
  readonly operators: OperatorStatesSnapshot;
  readonly lastTime: [string, number][];
  readonly nextSweep: number;
  readonly nextReapScan: number;
}

export function takeSnapshot(
  ctx: Ctx,
  extra: Pick<TrackerSnapshot, 'lastTime' | 'nextSweep' | 'nextReapScan'>,
): TrackerSnapshot {
  const calls = [...ctx.calls].filter((c) => c.parent === null && !c.done);
  return {
    version: SNAPSHOT_VERSION,
    seq: ctx.seq,
    now: ctx.now,
    servers: [...ctx.servers],
    channels: [...ctx.channels.values()].map(({ call, variables, ...rest }) => ({
      ...rest,
      linkedids: [...rest.linkedids],
      dialplan: [...rest.dialplan],
      call: rootOf(call).seq,
      variables: [...variables.entries()],
    })),
    calls: calls.map((c) => ({
      seq: c.seq,
      open: c.open,
      visits: c.visits.map((v) => ({ ...v, attempts: v.attempts.map((a) => ({ ...a })) })),
      transfers: [...c.transfers],
      openLegs: [...c.openLegs.entries()],
      closedLegs: [...c.closedLegs],
      flags: [...c.flags],
      quietSince: c.quietSince,
      lastEventAt: c.lastEventAt,
    })),
    quiet: [...ctx.quiet].map((c) => rootOf(c).seq),
    byLinkedid: [...ctx.byLinkedid.entries()]
      .map(([k, c]): [string, Call] => [k, rootOf(c)])
      .filter(([, c]) => !c.done)
      .map(([k, c]) => [k, c.seq]),
    bridges: [...ctx.bridges.entries()].map(([k, members]) => [k, [...members]]),
    relays: [...ctx.relays].map((c) => c.key),
    channelLists: [...ctx.channelLists.entries()].map(([k, list]) => [k, [...list]]),
    directory: ctx.directory.snapshot(),
    operators: ctx.operators.snapshot(),
    ...extra,
  };
}

/** Fills an empty tracker context from a snapshot. */
export function restoreSnapshot(ctx: Ctx, snapshot: TrackerSnapshot): void {
  // Snapshots are read back from storage: check what the type promises.
  const version = (snapshot as { readonly version: unknown }).version;
  if (version !== SNAPSHOT_VERSION) {
    throw new Error(
      `tracker snapshot version ${JSON.stringify(version)} is not ${SNAPSHOT_VERSION}`,
    );
  }
  ctx.seq = snapshot.seq;
  ctx.now = snapshot.now;
  for (const s of snapshot.servers) ctx.servers.add(s);
  const calls = new Map<number, Call>();
  for (const c of snapshot.calls) {
    const call: Call = {
      seq: c.seq,
      parent: null,
      channels: new Set(),
      open: c.open,
      visits: c.visits.map((v) => ({ ...v, attempts: v.attempts.map((a) => ({ ...a })) })),
      transfers: [...c.transfers],
      openLegs: new Map(c.openLegs),
      closedLegs: [...c.closedLegs],
      flags: new Set(c.flags),
      quietSince: c.quietSince,
      lastEventAt: c.lastEventAt,
      done: false,
    };
    calls.set(c.seq, call);
    ctx.calls.add(call);
  }
  for (const data of snapshot.channels) {
    const call = calls.get(data.call);
    if (!call)
      throw new Error(`tracker snapshot: channel ${data.key} refers to missing call ${data.call}`);
    const { variables, ...rest } = data;
    const ch: Channel = {
      ...rest,
      linkedids: [...rest.linkedids],
      dialplan: [...rest.dialplan],
      call,
      variables: new Map(variables),
    };
    call.channels.add(ch);
    ctx.channels.set(ch.key, ch);
    let byUid = ctx.byUniqueid.get(ch.server);
    if (!byUid) ctx.byUniqueid.set(ch.server, (byUid = new Map<string, Channel>()));
    byUid.set(ch.uniqueid, ch);
    if (ch.hungupAt === null) ctx.byName.set(`${ch.server}|${ch.name}`, ch);
  }
  for (const seq of snapshot.quiet) {
    const call = calls.get(seq);
    if (call) ctx.quiet.add(call);
  }
  for (const [k, seq] of snapshot.byLinkedid) {
    const call = calls.get(seq);
    if (call) ctx.byLinkedid.set(k, call);
  }
  for (const [k, members] of snapshot.bridges) ctx.bridges.set(k, new Set(members));
  for (const key of snapshot.relays) {
    const ch = ctx.channels.get(key);
    if (ch) ctx.relays.add(ch);
  }
  for (const [k, list] of snapshot.channelLists) ctx.channelLists.set(k, new Set(list));
  ctx.directory.restore(snapshot.directory);
  ctx.operators.restore(snapshot.operators);
}
