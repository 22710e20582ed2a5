// app_queue ringing members for a waiting caller: the member's channel is
// created and dialled (AgentCalled, DialBegin, DialState RINGING); it ends
// in an answer, a ring that runs out (AgentRingNoAnswer, DialEnd NOANSWER
// then CANCEL), a busy phone (DialEnd BUSY, cause 17) or a cancel when the
// caller leaves or another member answers (cause 26). A Local member
// (`Local/101@from-queue/n`) is a Local pair whose `;2` half dials the phone.

import type { Channel } from './channel.js';
import type { Ctx } from './context.js';
import { line } from './emit.js';
import type { Member, Ring, Visit } from './model.js';
import {
  callerId,
  channelEvent,
  connectedLine,
  dial,
  dialEndVars,
  dialStartVars,
  hangup,
  newChannel,
  newexten,
  newstate,
  refreshPhone,
  varSet,
} from './pbx.js';

const peerOf = (device: string): string => device.slice(device.indexOf('/') + 1);

function phoneChannel(ctx: Ctx, m: Member, linkedid: string): Channel {
  const op = m.op;
  const phone = newChannel(ctx, ctx.ids.sipChannel(op.device), linkedid, {
    state: 0,
    cidNum: op.cfg.extension,
    cidName: op.cfg.name,
    context: ctx.config.contexts.internal,
    exten: 's',
    device: op.device,
  });
  op.channels.add(phone);
  varSet(ctx, phone, 'SIPCALLID', `${ctx.rng.hex(32)}@127.0.0.1:5160`);
  return phone;
}

function ringDevice(ctx: Ctx, visit: Visit, m: Member, ringall: boolean): Ring {
  const caller = visit.caller;
  const phone = phoneChannel(ctx, m, caller.linkedid);
  phone.set({ clNum: caller.cidNum, clName: caller.cidName });
  newexten(ctx, phone, { exten: caller.exten, priority: 1 }, 'AppQueue', '(Outgoing Line)');
  ctx.em.event('NewConnectedLine', phone.snap());
  varSet(ctx, phone, 'DIALEDPEERNUMBER', peerOf(m.op.device));
  refreshPhone(ctx, m.op);
  agentCalled(ctx, visit, m, phone);
  dial(ctx, 'DialBegin', caller, phone, m.iface);
  if (!ringall) connectedLine(ctx, caller, m.op.cfg.extension, m.op.cfg.name);
  return { visit, member: m, dest: phone, phone, two: null, startedMs: ctx.em.nowMs, timer: null };
}

function ringLocal(ctx: Ctx, visit: Visit, m: Member, ringall: boolean): Ring {
  const caller = visit.caller;
  const ext = m.op.cfg.extension;
  const context = ctx.config.contexts.queueMembers;
  const base = ctx.ids.localPair(ext, context);
  const device = `Local/${ext}@${context}`;
  const init = { cidNum: '<unknown>', cidName: '<unknown>', context, exten: ext, device };
  const one = newChannel(ctx, `${base};1`, caller.linkedid, { ...init, state: 0 });
  const two = newChannel(ctx, `${base};2`, caller.linkedid, { ...init, state: 4 });
  one.set({ cidNum: caller.exten });
  newexten(ctx, one, { priority: 1 }, 'AppQueue', '(Outgoing Line)');
  callerId(ctx, one, caller.exten, '<unknown>');
  one.set({ clNum: caller.cidNum, clName: caller.cidName });
  newexten(ctx, one, { exten: caller.exten, priority: 1 }, 'AppQueue', '(Outgoing Line)');
  ctx.em.event('NewConnectedLine', one.snap());
  varSet(ctx, one, 'DIALEDPEERNUMBER', `${ext}@${context}/n`);
  varSet(ctx, two, 'DIALEDPEERNUMBER', `${ext}@${context}/n`);
  two.set({ clNum: caller.exten, clName: '<unknown>' });
  callerId(ctx, two, caller.cidNum, caller.cidName);
  ctx.em.event('NewConnectedLine', two.snap());
  ctx.em.event(
    'LocalBridge',
    one.snap('LocalOne') +
      two.snap('LocalTwo') +
      line('Context', context) +
      line('Exten', ext) +
      line('LocalOptimization', 'No'),
  );
  agentCalled(ctx, visit, m, one);
  dial(ctx, 'DialBegin', caller, one, m.iface);
  newexten(ctx, two, { priority: 1 }, 'NoOp', `Queue  rings member ${ext}`);
  newexten(ctx, two, { priority: 2 }, 'Dial', `${m.op.device},,tT`);
  dialStartVars(ctx, two);
  const phone = phoneChannel(ctx, m, caller.linkedid);
  varSet(ctx, phone, 'DIALEDPEERNUMBER', peerOf(m.op.device));
  phone.set({ clNum: caller.cidNum, clName: caller.cidName });
  newexten(ctx, phone, { exten: ext, priority: 1 }, 'AppDial', '(Outgoing Line)');
  ctx.em.event('NewConnectedLine', phone.snap());
  refreshPhone(ctx, m.op);
  dial(ctx, 'DialBegin', two, phone, peerOf(m.op.device));
  connectedLine(ctx, two, m.op.cfg.extension, m.op.cfg.name);
  if (!ringall) connectedLine(ctx, caller, m.op.cfg.extension, m.op.cfg.name);
  return { visit, member: m, dest: one, phone, two, startedMs: ctx.em.nowMs, timer: null };
}

function agentCalled(ctx: Ctx, visit: Visit, m: Member, dest: Channel): void {
  ctx.em.event(
    'AgentCalled',
    visit.caller.snap() +
      dest.snap('Dest') +
      line('Queue', m.queue.cfg.name) +
      line('Interface', m.iface) +
      line('MemberName', m.op.cfg.name),
  );
}

/** Rings these members for the visit (all at once for ringall) and plans how each ring ends. */
export function ringMembers(ctx: Ctx, visit: Visit, members: readonly Member[]): void {
  const ringall = visit.queue.cfg.strategy === 'ringall';
  const rings = members.map((m) =>
    m.cfg.kind === 'local' ? ringLocal(ctx, visit, m, ringall) : ringDevice(ctx, visit, m, ringall),
  );
  for (const r of rings) {
    newstate(ctx, r.phone, 5);
    ctx.devices.set(r.member.op.device, 'RINGING', true);
    if (r.two !== null) {
      newstate(ctx, r.dest, 5);
      callerId(ctx, r.dest, r.member.op.cfg.extension, r.member.op.cfg.name);
      ctx.devices.set(r.dest.device, 'INUSE', true);
      dial(ctx, 'DialState', r.two, r.phone, 'RINGING');
    }
    dial(ctx, 'DialState', visit.caller, r.dest, 'RINGING');
    visit.rings.push(r);
  }
  const endMs = Math.min(ctx.now + visit.queue.cfg.ringTimeout * 1000, visit.deadlineMs);
  for (const r of rings) {
    const op = r.member.op.cfg;
    // A Local member's phone saying busy reaches the caller through the pair: not modelled, it rings out.
    if (r.two === null && ctx.rng.chance(op.reject)) {
      r.timer = ctx.timers.at(ctx.now + ctx.rng.between(400, 3000), () => busy(ctx, r));
    } else if (!ctx.rng.chance(op.noAnswer)) {
      const at = ctx.now + ctx.rng.sample(op.answerDelay) * 1000;
      if (at < endMs) r.timer = ctx.timers.at(at, () => ctx.flow.answer(r));
    }
  }
  visit.next = ctx.timers.at(endMs, () => ringsTimedOut(ctx, visit, true));
}

function dropRing(visit: Visit, r: Ring): void {
  const i = visit.rings.indexOf(r);
  if (i >= 0) visit.rings.splice(i, 1);
  if (r.timer) r.timer.cancelled = true;
}

/** The member's channels go after a ring that did not connect. */
function tearDown(ctx: Ctx, r: Ring, cause: number): void {
  const op = r.member.op;
  if (r.two === null) {
    op.channels.delete(r.phone);
    refreshPhone(ctx, op);
    hangup(ctx, r.phone, cause);
    return;
  }
  channelEvent(ctx, 'HangupRequest', r.two, line('Cause', 0));
  hangup(ctx, r.dest, 0);
  ctx.devices.set(r.dest.device, 'NOT_INUSE', true);
  dial(ctx, 'DialEnd', r.two, r.phone, 'CANCEL');
  dialEndVars(ctx, r.two, 'CANCEL', 0, ctx.em.nowMs - r.startedMs);
  op.channels.delete(r.phone);
  refreshPhone(ctx, op);
  hangup(ctx, r.phone, cause === 26 ? 16 : cause);
  channelEvent(ctx, 'SoftHangupRequest', r.two, line('Cause', 16));
  hangup(ctx, r.two, 0);
  ctx.devices.set(r.dest.device, 'NOT_INUSE', true);
}

/** The phone answers busy (or rejects): this ring is over, the round goes on. */
function busy(ctx: Ctx, r: Ring): void {
  const visit = r.visit;
  dropRing(visit, r);
  dial(ctx, 'DialEnd', visit.caller, r.dest, 'BUSY');
  rna(ctx, r);
  tearDown(ctx, r, 17);
  ctx.flow.freed(r.member.op);
  if (visit.rings.length === 0 && !visit.done) retryLater(ctx, visit);
}

function rna(ctx: Ctx, r: Ring): void {
  const visit = r.visit;
  visit.truth.missed.push(r.member.op.cfg.name);
  ctx.em.event(
    'AgentRingNoAnswer',
    visit.caller.snap() +
      r.dest.snap('Dest') +
      line('Queue', visit.queue.cfg.name) +
      line('Interface', r.member.iface) +
      line('MemberName', r.member.op.cfg.name) +
      line('RingTime', Math.round(ctx.em.nowMs - r.startedMs)),
  );
}

function retryLater(ctx: Ctx, visit: Visit): void {
  if (visit.next) visit.next.cancelled = true;
  const at = ctx.now + visit.queue.cfg.retry * 1000;
  // Past the queue timeout, the timeout's own timer ends the visit.
  visit.next =
    at < visit.deadlineMs
      ? ctx.timers.at(at, () => {
          visit.next = null;
          ctx.flow.dispatch(visit.queue);
        })
      : null;
}

/** The round's ring time ran out (or the queue timed out): every member still ringing missed it. */
export function ringsTimedOut(ctx: Ctx, visit: Visit, retry: boolean): void {
  for (const r of [...visit.rings]) {
    dropRing(visit, r);
    rna(ctx, r);
    dial(ctx, 'DialEnd', visit.caller, r.dest, 'NOANSWER');
    dial(ctx, 'DialEnd', visit.caller, r.dest, 'CANCEL');
    tearDown(ctx, r, 16);
    ctx.flow.freed(r.member.op);
  }
  if (retry && !visit.done) retryLater(ctx, visit);
}

/** The caller left or another member answered: the remaining rings are cancelled. */
export function cancelRings(ctx: Ctx, visit: Visit, answered: Ring | null = null): void {
  for (const r of [...visit.rings]) {
    if (r === answered) continue;
    dropRing(visit, r);
    dial(ctx, 'DialEnd', visit.caller, r.dest, 'CANCEL');
    if (answered !== null && r === visit.rings[0])
      connectedLine(ctx, visit.caller, visit.caller.clNum, visit.caller.clName);
    dial(ctx, 'DialEnd', visit.caller, r.dest, 'CANCEL');
    tearDown(ctx, r, answered === null ? 16 : 26);
    ctx.flow.freed(r.member.op);
  }
}
