// A member answers: the other rings are cancelled, the caller leaves the
// queue (QueueCallerLeave, AgentConnect) and is bridged with the member;
// for a Local member the phone and the `;2` half share a second bridge.
// The talk ends when one side hangs up (AgentComplete with the reason).

import type { Ctx, InboundCall, Talk } from './context.js';
import { line } from './emit.js';
import type { Ring } from './model.js';
import { endCaller, leave } from './inbound.js';
import {
  bridgeCreate,
  bridgeDestroy,
  bridgeEnter,
  bridgeLeave,
  channelEvent,
  connectedLine,
  dialEndVars,
  remoteHangup,
  unpeer,
  dial,
  hangup,
  newexten,
  newstate,
  refreshPhone,
  varSet,
} from './pbx.js';
import { memberVars, queueVars, waitVars } from './queue-vars.js';
import { cancelRings } from './ring.js';

export function answer(ctx: Ctx, call: InboundCall, ring: Ring): void {
  const { visit, member: m, phone, dest, two } = ring;
  const caller = call.caller;
  const q = visit.queue;
  ring.timer = null;
  const i = visit.rings.indexOf(ring);
  if (i >= 0) visit.rings.splice(i, 1);
  newstate(ctx, phone, 6);
  refreshPhone(ctx, m.op);
  if (two !== null) {
    phone.set({ exten: '' });
    dial(ctx, 'DialEnd', two, phone, 'ANSWER');
    newstate(ctx, dest, 6);
  }
  dial(ctx, 'DialEnd', caller, dest, 'ANSWER');
  cancelRings(ctx, visit, ring);
  if (q.cfg.strategy === 'ringall') connectedLine(ctx, caller, m.op.cfg.extension, m.op.cfg.name);
  channelEvent(ctx, 'MusicOnHoldStop', caller);
  let inner = null;
  if (two !== null) {
    ctx.devices.set(dest.device, 'INUSE', true);
    newstate(ctx, two, 6);
    inner = bridgeCreate(ctx);
    newexten(ctx, phone, { priority: 1 }, 'AppDial', '(Outgoing Line)');
    bridgeEnter(ctx, inner, phone);
    bridgeEnter(ctx, inner, two);
  }
  const waitMs = ctx.em.nowMs - visit.joinedMs;
  memberVars(ctx, caller, m);
  memberVars(ctx, dest, m);
  varSet(ctx, caller, 'QEHOLDTIME', Math.floor(waitMs / 1000));
  varSet(ctx, caller, 'QEORIGINALPOS', visit.originalPosition);
  queueVars(ctx, caller, q);
  leave(ctx, visit);
  waitVars(ctx, caller, waitMs, waitMs, 0);
  ctx.em.event(
    'AgentConnect',
    caller.snap() +
      dest.snap('Dest') +
      line('Queue', q.cfg.name) +
      line('Interface', m.iface) +
      line('MemberName', m.op.cfg.name) +
      line('HoldTime', Math.floor(waitMs / 1000)) +
      line('RingTime', Math.floor((ctx.em.nowMs - ring.startedMs) / 1000)),
  );
  const bridge = bridgeCreate(ctx);
  bridgeEnter(ctx, bridge, dest);
  bridgeEnter(ctx, bridge, caller);
  varSet(ctx, dest, 'BRIDGEPEER', caller.name);
  varSet(ctx, caller, 'BRIDGEPEER', dest.name);
  visit.truth.outcome = 'answered';
  visit.truth.operator = m.op.device;
  visit.truth.memberName = m.op.cfg.name;
  call.truth.answered = true;
  q.stats.holdS += Math.floor(waitMs / 1000);
  if (waitMs <= q.cfg.serviceLevel * 1000) q.stats.inSl++;
  m.inCall = true;
  const talk: Talk = {
    call,
    op: m.op,
    member: m,
    visit,
    phone,
    peer: dest,
    two,
    bridge,
    inner,
    answeredMs: ctx.em.nowMs,
    end: null,
  };
  call.talk = talk;
  const talkMs = ctx.rng.sample(ctx.config.callers.talk) * 1000;
  const t = ctx.config.transfers;
  const transfers =
    two === null && ctx.rng.chance(t.blindToQueue + t.blindToExtension + t.attended);
  talk.end = transfers
    ? ctx.timers.at(ctx.now + talkMs * ctx.rng.between(0.2, 0.8), () => ctx.flow.transfer(talk))
    : ctx.timers.at(ctx.now + talkMs, () =>
        ctx.flow.hangup(talk, ctx.rng.chance(ctx.config.callers.agentHangsUp) ? 'agent' : 'caller'),
      );
}

/** AgentComplete, and the member's books: calls taken, last call, wrap-up from now. */
export function complete(ctx: Ctx, talk: Talk, reason: 'caller' | 'agent' | 'transfer'): void {
  const { visit, member: m, call } = talk;
  if (visit === null || m === null) return;
  const talkS = Math.floor((ctx.em.nowMs - talk.answeredMs) / 1000);
  ctx.em.event(
    'AgentComplete',
    call.caller.snap() +
      talk.peer.snap('Dest') +
      line('Queue', visit.queue.cfg.name) +
      line('Interface', m.iface) +
      line('MemberName', m.op.cfg.name) +
      line('HoldTime', Math.floor((visit.truth.waitMs ?? 0) / 1000)) +
      line('TalkTime', talkS) +
      line('Reason', reason),
  );
  visit.queue.stats.completed++;
  visit.queue.stats.talkS += talkS;
  m.callsTaken++;
  m.lastCall = Math.floor(ctx.em.nowMs / 1000);
  m.inCall = false;
  talk.op.lastCallEndMs = ctx.em.nowMs;
}

/** One side hangs up; everything of the talk goes, the caller last. */
export function endTalk(ctx: Ctx, talk: Talk, by: 'caller' | 'agent'): void {
  const { call, phone, peer, two, bridge, inner, op } = talk;
  const caller = call.caller;
  if (by === 'caller') {
    remoteHangup(ctx, caller);
    unpeer(ctx, caller);
    complete(ctx, talk, 'caller');
    unpeer(ctx, peer);
    bridgeLeave(ctx, bridge, caller);
    bridgeLeave(ctx, bridge, peer);
    if (talk.visit) queueVars(ctx, caller, talk.visit.queue);
    bridgeDestroy(ctx, bridge);
    if (two !== null && inner !== null) {
      channelEvent(ctx, 'HangupRequest', two, line('Cause', 16));
      hangup(ctx, peer, 16);
      unpeer(ctx, two, phone);
      bridgeLeave(ctx, inner, two);
      bridgeLeave(ctx, inner, phone);
      dialEndVars(
        ctx,
        two,
        'ANSWER',
        ctx.em.nowMs - talk.answeredMs,
        ctx.em.nowMs - talk.answeredMs,
      );
      ctx.devices.set(peer.device, 'NOT_INUSE', true);
      bridgeDestroy(ctx, inner);
      op.channels.delete(phone);
      refreshPhone(ctx, op);
      channelEvent(ctx, 'SoftHangupRequest', two, line('Cause', 16));
      hangup(ctx, two, 16);
      ctx.devices.set(peer.device, 'NOT_INUSE', true);
      hangup(ctx, phone, 16);
    } else {
      op.channels.delete(phone);
      refreshPhone(ctx, op);
      hangup(ctx, phone, 16);
    }
  } else {
    remoteHangup(ctx, phone, 16);
    if (two !== null && inner !== null) {
      unpeer(ctx, phone, two);
      bridgeLeave(ctx, inner, phone);
      bridgeLeave(ctx, inner, two);
      dialEndVars(
        ctx,
        two,
        'ANSWER',
        ctx.em.nowMs - talk.answeredMs,
        ctx.em.nowMs - talk.answeredMs,
      );
      bridgeDestroy(ctx, inner);
      op.channels.delete(phone);
      refreshPhone(ctx, op);
      hangup(ctx, phone, 16);
      channelEvent(ctx, 'SoftHangupRequest', two, line('Cause', 16));
      channelEvent(ctx, 'HangupRequest', peer, line('Cause', 16));
      complete(ctx, talk, 'agent');
      hangup(ctx, two, 16);
      ctx.devices.set(peer.device, 'NOT_INUSE', true);
      bridgeLeave(ctx, bridge, peer);
      hangup(ctx, peer, 16);
      bridgeLeave(ctx, bridge, caller);
      bridgeDestroy(ctx, bridge);
      ctx.devices.set(peer.device, 'NOT_INUSE', true);
    } else {
      complete(ctx, talk, 'agent');
      unpeer(ctx, phone, caller);
      bridgeLeave(ctx, bridge, phone);
      bridgeLeave(ctx, bridge, caller);
      bridgeDestroy(ctx, bridge);
      op.channels.delete(phone);
      refreshPhone(ctx, op);
      hangup(ctx, phone, 16);
    }
  }
  call.talk = null;
  if (by === 'agent' && talk.visit) queueVars(ctx, caller, talk.visit.queue);
  endCaller(ctx, call, 16);
  ctx.flow.freed(op);
}
