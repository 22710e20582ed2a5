// Calls an operator places from the phone: out through the trunk (the
// dialplan sets the company number as caller ID, so only the channel name
// tells who called), or to a colleague's extension.

import type { Channel } from './channel.js';
import type { Ctx } from './context.js';
import { line } from './emit.js';
import type { Operator } from './model.js';
import type { TruthCall } from './truth.js';
import {
  bridgeCreate,
  bridgeDestroy,
  bridgeEnter,
  bridgeLeave,
  callerId,
  channelEvent,
  connectedLine,
  dial,
  dialEndVars,
  dialStartVars,
  remoteHangup,
  unpeer,
  varSet,
  hangup,
  memberEvent,
  newChannel,
  newexten,
  newstate,
  refreshAvail,
  refreshPhone,
  refreshTrunk,
} from './pbx.js';

const peerOf = (device: string): string => device.slice(device.indexOf('/') + 1);

/** The phone goes off hook: chan_sip reports it in use before the channel exists. */
function offHook(ctx: Ctx, op: Operator, exten: string, linkedid: string | null = null): Channel {
  ctx.devices.set(op.device, 'INUSE');
  for (const m of op.members) if (m.inQueue) memberEvent(ctx, 'QueueMemberStatus', m);
  for (const m of op.members) if (m.inQueue) refreshAvail(ctx, m.queue);
  const ch = newChannel(ctx, ctx.ids.sipChannel(op.device), linkedid, {
    state: 0,
    cidNum: op.cfg.extension,
    cidName: op.cfg.name,
    context: ctx.config.contexts.internal,
    exten,
    device: op.device,
  });
  op.channels.add(ch);
  varSet(ctx, ch, 'SIPCALLID', `${ctx.rng.hex(32)}@127.0.0.1:5160`);
  newstate(ctx, ch, 4);
  return ch;
}

function truthOf(ctx: Ctx, kind: 'outbound' | 'internal', ch: Channel, to: string): TruthCall {
  return {
    kind,
    linkedid: ch.linkedid,
    from: ch.cidNum,
    to,
    startedAt: ctx.em.nowMs,
    endedAt: null,
    visits: [],
    answered: false,
  };
}

interface Leg {
  readonly a: Channel;
  readonly aOp: Operator;
  readonly b: Channel;
  readonly bOp: Operator | null;
  readonly truth: TruthCall;
}

function finish(ctx: Ctx, leg: Leg): void {
  leg.truth.endedAt = ctx.em.nowMs;
  ctx.finished(leg.truth);
  ctx.flow.freed(leg.aOp);
  if (leg.bOp) ctx.flow.freed(leg.bOp);
}

function drop(ctx: Ctx, ch: Channel, op: Operator | null, cause: number): void {
  if (op) {
    op.channels.delete(ch);
    refreshPhone(ctx, op);
  } else {
    ctx.trunk.delete(ch);
    refreshTrunk(ctx);
  }
  hangup(ctx, ch, cause);
}

function answered(ctx: Ctx, leg: Leg, talkS: number): void {
  const { a, b, bOp } = leg;
  leg.truth.answered = true;
  newstate(ctx, b, 6);
  if (bOp) refreshPhone(ctx, bOp);
  else refreshTrunk(ctx);
  b.set({ exten: '' });
  dial(ctx, 'DialEnd', a, b, 'ANSWER');
  newstate(ctx, a, 6);
  const bridge = bridgeCreate(ctx);
  newexten(ctx, b, { priority: 1 }, 'AppDial', '(Outgoing Line)');
  bridgeEnter(ctx, bridge, b);
  bridgeEnter(ctx, bridge, a);
  const answeredAt = ctx.em.nowMs;
  ctx.timers.at(ctx.now + talkS * 1000, () => {
    remoteHangup(ctx, a, 16);
    unpeer(ctx, a, b);
    bridgeLeave(ctx, bridge, a);
    bridgeLeave(ctx, bridge, b);
    dialEndVars(ctx, a, 'ANSWER', ctx.em.nowMs - answeredAt, ctx.em.nowMs - leg.truth.startedAt);
    bridgeDestroy(ctx, bridge);
    channelEvent(ctx, 'SoftHangupRequest', a, line('Cause', 16));
    drop(ctx, b, bOp, 16);
    drop(ctx, a, leg.aOp, 16);
    finish(ctx, leg);
  });
}

function unanswered(ctx: Ctx, leg: Leg): void {
  dial(ctx, 'DialEnd', leg.a, leg.b, 'NOANSWER');
  drop(ctx, leg.b, leg.bOp, 16);
  dialEndVars(ctx, leg.a, 'NOANSWER', 0, ctx.em.nowMs - leg.truth.startedAt);
  channelEvent(ctx, 'SoftHangupRequest', leg.a, line('Cause', 16));
  drop(ctx, leg.a, leg.aOp, 16);
  finish(ctx, leg);
}

/** The operator dials an outside number through the trunk. */
export function outbound(ctx: Ctx, op: Operator, number: string): TruthCall {
  const cfg = ctx.config;
  const a = offHook(ctx, op, number);
  newexten(ctx, a, { priority: 1 }, 'NoOp', `Outbound call from ${op.cfg.extension} to ${number}`);
  newexten(ctx, a, { priority: 2 }, 'Set', `CALLERID(all)="Call Center" <${cfg.numbers.company}>`);
  callerId(ctx, a, cfg.numbers.company, 'Call Center');
  newexten(ctx, a, { priority: 3 }, 'Dial', `SIP/${cfg.trunk.name}/${number},60,T`);
  dialStartVars(ctx, a);
  const b = newChannel(ctx, ctx.ids.sipChannel(`SIP/${cfg.trunk.name}`), a.linkedid, {
    state: 0,
    cidNum: '<unknown>',
    cidName: '<unknown>',
    context: cfg.trunk.context,
    exten: 's',
    device: `SIP/${cfg.trunk.name}`,
  });
  b.outgoing = true;
  ctx.trunk.add(b);
  b.set({ cidNum: number, clNum: cfg.numbers.company, clName: 'Call Center' });
  newexten(ctx, b, { exten: number, priority: 1 }, 'AppDial', '(Outgoing Line)');
  callerId(ctx, b, number, '<unknown>');
  ctx.em.event('NewConnectedLine', b.snap());
  refreshTrunk(ctx);
  dial(ctx, 'DialBegin', a, b, `${cfg.trunk.name}/${number}`);
  newstate(ctx, b, 5);
  dial(ctx, 'DialState', a, b, 'RINGING');
  const leg: Leg = { a, aOp: op, b, bOp: null, truth: truthOf(ctx, 'outbound', a, number) };
  const ringS = ctx.rng.sample(cfg.outbound.ring);
  if (ctx.rng.chance(cfg.outbound.answer))
    ctx.timers.at(ctx.now + ringS * 1000, () =>
      answered(ctx, leg, ctx.rng.sample(cfg.outbound.talk)),
    );
  else ctx.timers.at(ctx.now + Math.max(ringS, 20) * 1000, () => unanswered(ctx, leg));
  return leg.truth;
}

/** The operator dials a colleague's extension. */
export function internal(ctx: Ctx, op: Operator, target: Operator): TruthCall {
  const cfg = ctx.config;
  const ext = target.cfg.extension;
  const a = offHook(ctx, op, ext);
  newexten(ctx, a, { priority: 1 }, 'NoOp', `Internal call ${op.cfg.extension} -> ${ext}`);
  newexten(ctx, a, { priority: 2 }, 'Dial', `${target.device},20,tT`);
  dialStartVars(ctx, a);
  const b = newChannel(ctx, ctx.ids.sipChannel(target.device), a.linkedid, {
    state: 0,
    cidNum: ext,
    cidName: target.cfg.name,
    context: cfg.contexts.internal,
    exten: 's',
    device: target.device,
  });
  target.channels.add(b);
  b.set({ clNum: op.cfg.extension, clName: op.cfg.name });
  newexten(ctx, b, { exten: ext, priority: 1 }, 'AppDial', '(Outgoing Line)');
  ctx.em.event('NewConnectedLine', b.snap());
  refreshPhone(ctx, target);
  dial(ctx, 'DialBegin', a, b, peerOf(target.device));
  connectedLine(ctx, a, ext, target.cfg.name);
  newstate(ctx, b, 5);
  ctx.devices.set(target.device, 'RINGING', true);
  dial(ctx, 'DialState', a, b, 'RINGING');
  const leg: Leg = { a, aOp: op, b, bOp: target, truth: truthOf(ctx, 'internal', a, ext) };
  const delay = ctx.rng.sample(target.cfg.answerDelay);
  if (ctx.rng.chance(cfg.internal.answer) && delay < 20)
    ctx.timers.at(ctx.now + delay * 1000, () =>
      answered(ctx, leg, ctx.rng.sample(cfg.internal.talk)),
    );
  else ctx.timers.at(ctx.now + 20_000, () => unanswered(ctx, leg));
  return leg.truth;
}
