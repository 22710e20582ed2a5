// Asterisk's small moves, each as the events it sends: a channel is born,
// steps through the dialplan, sets a variable, dials, is bridged, hangs up;
// a phone's device state changes and app_queue reports its members.

import { Channel, type ChannelInit, type ChannelState } from './channel.js';
import type { Bridge, Ctx } from './context.js';
import { line } from './emit.js';
import { memberBody, phoneState, type Member, type Operator, type Queue } from './model.js';

export const CAUSE_TEXT: Readonly<Record<number, string>> = {
  0: 'Unknown',
  16: 'Normal Clearing',
  17: 'User busy',
  21: 'Call Rejected',
  26: 'Answered elsewhere',
};

export function newChannel(
  ctx: Ctx,
  name: string,
  linkedid: string | null,
  init: ChannelInit,
): Channel {
  const uniqueid = ctx.ids.uniqueid(ctx.em.nowMs);
  const ch = new Channel(name, uniqueid, linkedid ?? uniqueid, init, ctx.config.channelVariables);
  ctx.channels.set(name, ch);
  ctx.em.event('Newchannel', ch.snap());
  return ch;
}

export function varSet(ctx: Ctx, ch: Channel, name: string, value: string | number): void {
  ch.setVar(name, String(value));
  ctx.em.event('VarSet', ch.snap() + line('Variable', name) + line('Value', value));
}

export function newexten(
  ctx: Ctx,
  ch: Channel,
  at: { context?: string; exten?: string; priority: number },
  app: string,
  data: string,
): void {
  ch.set({ context: at.context ?? ch.context, exten: at.exten ?? ch.exten, priority: at.priority });
  ctx.em.event(
    'Newexten',
    ch.snap() + line('Extension', ch.exten) + line('Application', app) + line('AppData', data),
  );
}

export function newstate(ctx: Ctx, ch: Channel, state: ChannelState): void {
  ch.set({ state });
  ctx.em.event('Newstate', ch.snap());
}

export function connectedLine(ctx: Ctx, ch: Channel, num: string, name: string): void {
  ch.set({ clNum: num, clName: name });
  ctx.em.event('NewConnectedLine', ch.snap());
}

export function callerId(ctx: Ctx, ch: Channel, num: string, name: string): void {
  ch.set({ cidNum: num, cidName: name });
  ctx.em.event(
    'NewCallerid',
    ch.snap() + line('CID-CallingPres', '0 (Presentation Allowed, Not Screened)'),
  );
}

export function channelEvent(
  ctx: Ctx,
  name:
    | 'HangupRequest'
    | 'SoftHangupRequest'
    | 'MusicOnHoldStart'
    | 'MusicOnHoldStop'
    | 'Hold'
    | 'Unhold',
  ch: Channel,
  extra = '',
): void {
  ctx.em.event(name, ch.snap() + extra);
}

/** Hangup: the channel is gone; its device state follows. */
export function hangup(ctx: Ctx, ch: Channel, cause: number): void {
  ch.hungUp = true;
  ctx.em.event(
    'Hangup',
    ch.snap() + line('Cause', cause) + line('Cause-txt', CAUSE_TEXT[cause] ?? 'Unknown'),
  );
  if (ctx.channels.get(ch.name) === ch) ctx.channels.delete(ch.name);
}

export function dial(
  ctx: Ctx,
  event: 'DialBegin' | 'DialState' | 'DialEnd',
  from: Channel | null,
  dest: Channel,
  value: string,
): void {
  ctx.em.event(
    event,
    (from === null ? '' : from.snap()) +
      dest.snap('Dest') +
      line(event === 'DialBegin' ? 'DialString' : 'DialStatus', value),
  );
}

const bridgeLines = (b: Bridge, prefix = ''): string =>
  line(`${prefix}BridgeUniqueid`, b.id) +
  line(`${prefix}BridgeType`, 'basic') +
  line(`${prefix}BridgeTechnology`, 'simple_bridge') +
  line(`${prefix}BridgeCreator`, '<unknown>') +
  line(`${prefix}BridgeName`, '<unknown>') +
  line(`${prefix}BridgeNumChannels`, b.channels.length) +
  line(`${prefix}BridgeVideoSourceMode`, 'none');

export { bridgeLines };

export function bridgeCreate(ctx: Ctx): Bridge {
  const b: Bridge = { id: ctx.rng.uuid(), channels: [] };
  ctx.em.event('BridgeCreate', bridgeLines(b));
  return b;
}

export function bridgeEnter(ctx: Ctx, b: Bridge, ch: Channel): void {
  b.channels.push(ch);
  ctx.em.event('BridgeEnter', bridgeLines(b) + ch.snap());
}

export function bridgeLeave(ctx: Ctx, b: Bridge, ch: Channel): void {
  const i = b.channels.indexOf(ch);
  if (i >= 0) b.channels.splice(i, 1);
  ctx.em.event('BridgeLeave', bridgeLines(b) + ch.snap());
}

export function bridgeDestroy(ctx: Ctx, b: Bridge): void {
  ctx.em.event('BridgeDestroy', bridgeLines(b));
}

/** app_queue's report of one member. */
export function memberEvent(
  ctx: Ctx,
  name:
    | 'QueueMemberStatus'
    | 'QueueMemberAdded'
    | 'QueueMemberRemoved'
    | 'QueueMemberPause'
    | 'QueueMemberPenalty',
  m: Member,
): void {
  ctx.em.event(name, memberBody(m, ctx.devices.get(m.op.device)));
}

/** Whether a member may be rung by its queue now. */
export function available(ctx: Ctx, m: Member): boolean {
  return (
    m.inQueue &&
    !m.paused &&
    !m.op.reserved &&
    m.op.channels.size === 0 &&
    ctx.now >= m.op.lastCallEndMs + m.queue.cfg.wrapUp * 1000
  );
}

/** `Queue:<name>_avail`: NOT_INUSE while some member is logged in, unpaused and idle. */
export function refreshAvail(ctx: Ctx, q: Queue): void {
  const any = q.members.some(
    (m) => m.inQueue && !m.paused && ctx.devices.get(m.op.device) === 'NOT_INUSE',
  );
  ctx.devices.set(`Queue:${q.cfg.name}_avail`, any ? 'NOT_INUSE' : 'INUSE');
}

/** The phone's device state after its channels changed, and app_queue's word on each membership. */
export function refreshPhone(ctx: Ctx, op: Operator, repeat = false): void {
  const state = phoneState(op);
  const changed = ctx.devices.get(op.device) !== state;
  if (!changed && !repeat) return;
  ctx.devices.set(op.device, state, true);
  if (!changed) return;
  for (const m of op.members) if (m.inQueue) memberEvent(ctx, 'QueueMemberStatus', m);
  for (const m of op.members) if (m.inQueue) refreshAvail(ctx, m.queue);
}

/** The trunk's device state from its channels: calls in are in use; calls out ring until answered. */
export function refreshTrunk(ctx: Ctx, arriving = false): void {
  let inUse = arriving;
  let ringing = false;
  for (const ch of ctx.trunk) {
    if (ch.outgoing && ch.state !== 6) ringing = true;
    else inUse = true;
  }
  const state =
    inUse && ringing ? 'RINGINUSE' : inUse ? 'INUSE' : ringing ? 'RINGING' : 'NOT_INUSE';
  ctx.devices.set(`SIP/${ctx.config.trunk.name}`, state);
}

/** The RTP statistics chan_sip sets on a channel whose media ends. */
export function rtpQos(ctx: Ctx, ch: Channel): void {
  const n = ctx.rng.int(50, 3000);
  varSet(
    ctx,
    ch,
    'RTPAUDIOQOS',
    `ssrc=${ctx.rng.int(1, 2 ** 31)};themssrc=${ctx.rng.int(1, 2 ** 31)};lp=0;rxjitter=0.000000;rxcount=${n};txjitter=0.000000;txcount=${n};rlp=0;rtt=0.000000;rxmes=87.800000;txmes=87.800000`,
  );
  const zero = (k: string): string =>
    ['min', 'max', 'avg', 'stdev'].map((p) => `${p}${k}=000.000000;`).join('');
  varSet(ctx, ch, 'RTPAUDIOQOSJITTER', zero('rxjitter') + zero('txjitter'));
  varSet(ctx, ch, 'RTPAUDIOQOSLOSS', zero('rxlost') + zero('txlost'));
  varSet(ctx, ch, 'RTPAUDIOQOSRTT', zero('rtt'));
  varSet(ctx, ch, 'RTPAUDIOQOSMES', zero('rxmes') + zero('txmes'));
}

/** The far end of a SIP channel hangs up (a BYE): media statistics, then HangupRequest. */
export function remoteHangup(ctx: Ctx, ch: Channel, cause: number | null = null): void {
  rtpQos(ctx, ch);
  channelEvent(ctx, 'HangupRequest', ch, cause === null ? '' : line('Cause', cause));
}

/** A bridged channel's peer variables cleared as it leaves. */
export function unpeer(ctx: Ctx, ...channels: Channel[]): void {
  for (const ch of channels) {
    varSet(ctx, ch, 'BRIDGEPEER', '');
    varSet(ctx, ch, 'BRIDGEPVTCALLID', '');
  }
}

/** app_dial's variables, cleared as Dial() starts. */
export function dialStartVars(ctx: Ctx, ch: Channel): void {
  for (const v of [
    'DIALSTATUS',
    'DIALEDPEERNUMBER',
    'DIALEDPEERNAME',
    'ANSWEREDTIME',
    'DIALEDTIME',
    'RINGTIME',
  ])
    varSet(ctx, ch, v, '');
}

/** app_dial's variables as Dial() returns. */
export function dialEndVars(
  ctx: Ctx,
  ch: Channel,
  status: string,
  answeredMs: number,
  dialledMs: number,
): void {
  varSet(ctx, ch, 'ANSWEREDTIME', Math.floor(answeredMs / 1000));
  varSet(ctx, ch, 'DIALEDTIME', Math.floor(dialledMs / 1000));
  varSet(ctx, ch, 'DIALSTATUS', status);
}
