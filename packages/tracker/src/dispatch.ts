// What each AMI event does to the tracker's state, by event name. Events
// not named here are ignored (RTCP reports, music on hold, …).

import { unescapeC, type AmiMessage } from '@callboard/ami';
import {
  bridgeDestroy,
  bridgeEnter,
  bridgeLeave,
  bridgeMerge,
  channelGone,
  recomputeLegs,
} from './bridges.js';
import {
  addDialplanStep,
  createChannel,
  findChannel,
  hangup,
  join,
  storeVariable,
  updateSnapshot,
} from './channels.js';
import type { Ctx } from './context.js';
import { linkByVariable, tryLink } from './linking.js';
import { deviceChanged, memberRemoved, memberSeen } from './members.js';
import {
  agentCalled,
  agentComplete,
  agentConnect,
  agentDump,
  agentRingNoAnswer,
  attemptChannelGone,
  callerAbandon,
  callerJoin,
  callerLeave,
  dialEnd,
  queueStatus,
  visitsOf,
} from './queues.js';
import {
  coreShowChannel,
  coreShowChannelsComplete,
  queueEntry,
  queueStatusComplete,
} from './resync.js';
import { attendedTransfer, blindTransfer } from './transfers.js';

export type Handler = (ctx: Ctx, server: string, m: AmiMessage, at: number) => void;

/** A handler for events about one known channel (named by Uniqueid). */
const onChannel =
  (
    handle: (
      ctx: Ctx,
      ch: NonNullable<ReturnType<typeof findChannel>>,
      m: AmiMessage,
      at: number,
    ) => void,
  ): Handler =>
  (ctx, server, m, at) => {
    const ch = findChannel(ctx, server, m);
    if (ch) handle(ctx, ch, m, at);
  };

const snapshot = onChannel((ctx, ch, m, at) => updateSnapshot(ctx, ch, m, at));

function newChannel(ctx: Ctx, server: string, m: AmiMessage, at: number): void {
  const ch = createChannel(ctx, server, m, at);
  if (ch?.relay) tryLink(ctx, ch);
}

const hangupHandler = onChannel((ctx, ch, m, at) => {
  hangup(ctx, ch, m, at);
  attemptChannelGone(ctx, ch, at);
  channelGone(ctx, ch, at);
});

const newexten = onChannel((ctx, ch, m, at) => {
  updateSnapshot(ctx, ch, m, at);
  addDialplanStep(
    ch,
    m.get('Context') ?? ch.context,
    m.get('Exten') ?? m.get('Extension') ?? ch.exten,
    m.get('Application'),
    at,
  );
});

const rename: Handler = (ctx, server, m) => {
  const ch = findChannel(ctx, server, m);
  const to = m.get('Newname');
  if (!ch || to === undefined) return;
  ctx.byName.delete(`${server}|${ch.name}`);
  ch.name = to;
  ctx.byName.set(`${server}|${to}`, ch);
};

const varSet = onChannel((ctx, ch, m) => {
  const name = m.getShared('Variable');
  if (name === undefined) return;
  const value = m.get('Value') ?? '';
  // VarSet values are C-escaped (main/stasis_channels.c varset_to_ami).
  storeVariable(ctx, ch, name, value.includes('\\') ? unescapeC(value) : value);
  if (name === 'QUEUESTATUS') queueStatus(ch, value);
  if (
    ctx.cfg.crossServerVariable !== null &&
    name === ctx.cfg.crossServerVariable &&
    value !== ''
  ) {
    linkByVariable(ctx, ch, value);
  }
});

const dialBegin: Handler = (ctx, server, m, at) => {
  const caller = findChannel(ctx, server, m);
  const dest = findChannel(ctx, server, m, 'Dest');
  if (!dest) return;
  updateSnapshot(ctx, dest, m, at, 'Dest');
  const dialString = m.get('DialString') ?? '';
  const number = dialString.slice(dialString.lastIndexOf('/') + 1);
  if (caller) {
    join(ctx, caller.call, dest.call);
    dest.dialedBy = caller.key;
    caller.dialed ??= number || null;
  }
  dest.dialed = number || dest.dialed;
  if (dest.relay) tryLink(ctx, dest);
};

const localBridge: Handler = (ctx, server, m, at) => {
  const one = findChannel(ctx, server, m, 'LocalOne');
  const two = findChannel(ctx, server, m, 'LocalTwo');
  if (!one || !two) return;
  one.partner = two.key;
  two.partner = one.key;
  recomputeLegs(ctx, join(ctx, one.call, two.call), at);
};

const pickup: Handler = (ctx, server, m) => {
  const ch = findChannel(ctx, server, m);
  const target = findChannel(ctx, server, m, 'Target');
  if (ch && target) join(ctx, ch.call, target.call);
};

const dtmf = onChannel((_ctx, ch) => {
  for (const v of visitsOf(ch)) if (v.leftAt === null) v.dtmf = true;
});

/** After a queue call, the member wraps up for the queue's configured wrap-up time. */
const complete: Handler = (ctx, server, m, at) => {
  agentComplete(ctx, server, m, at);
  const queue = m.get('Queue') ?? '';
  const wrap = ctx.cfg.wrapUpMs(queue);
  const iface = m.get('Interface');
  if (wrap <= 0 || iface === undefined) return;
  const station = ctx.cfg.stationOf(server);
  const op = ctx.directory.learnMember(station, iface, m.get('MemberName') ?? null, null);
  ctx.operators.wrapUp(station, op.key, at + wrap, at);
};

export const HANDLERS: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ['Newchannel', newChannel],
  ['Hangup', hangupHandler],
  ['Newstate', snapshot],
  ['NewCallerid', snapshot],
  ['NewConnectedLine', snapshot],
  ['NewAccountCode', snapshot],
  ['Newexten', newexten],
  ['Rename', rename],
  ['VarSet', varSet],
  ['DialBegin', dialBegin],
  ['DialEnd', dialEnd],
  ['BridgeEnter', onChannel(bridgeEnter)],
  ['BridgeLeave', onChannel(bridgeLeave)],
  ['BridgeMerge', bridgeMerge],
  ['BridgeDestroy', (ctx, server, m) => bridgeDestroy(ctx, server, m)],
  ['LocalBridge', localBridge],
  ['Pickup', pickup],
  ['QueueCallerJoin', onChannel(callerJoin)],
  ['QueueCallerLeave', onChannel(callerLeave)],
  ['QueueCallerAbandon', onChannel((_ctx, ch, m, at) => callerAbandon(ch, m, at))],
  ['AgentCalled', agentCalled],
  ['AgentRingNoAnswer', agentRingNoAnswer],
  ['AgentConnect', agentConnect],
  ['AgentComplete', complete],
  ['AgentDump', agentDump],
  ['BlindTransfer', blindTransfer],
  ['AttendedTransfer', attendedTransfer],
  ['DTMFEnd', dtmf],
  ['QueueMember', memberSeen],
  ['QueueMemberAdded', memberSeen],
  ['QueueMemberStatus', memberSeen],
  ['QueueMemberPause', memberSeen],
  ['QueueMemberPenalty', memberSeen],
  ['QueueMemberRinginuse', memberSeen],
  ['QueueMemberRemoved', memberRemoved],
  ['DeviceStateChange', deviceChanged],
  ['CoreShowChannel', (ctx, server, m) => coreShowChannel(ctx, server, m)],
  ['CoreShowChannelsComplete', coreShowChannelsComplete],
  ['QueueEntry', (ctx, server, m) => queueEntry(ctx, server, m)],
  ['QueueStatusComplete', queueStatusComplete],
]);
