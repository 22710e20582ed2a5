// A customer call from the trunk: the dialplan answers it and sends it to a
// queue (from-trunk: NoOp, Answer, Queue); it waits with music on hold
// until a member answers, the caller gives up (QueueCallerAbandon after a
// HangupRequest) or the queue times out (QueueCallerAbandon too, then
// QUEUESTATUS=TIMEOUT and the dialplan goes on: a message, or another queue).

import type { Ctx, InboundCall } from './context.js';
import { line } from './emit.js';
import type { Queue, Visit } from './model.js';
import {
  channelEvent,
  hangup,
  remoteHangup,
  newChannel,
  newexten,
  newstate,
  refreshTrunk,
  varSet,
} from './pbx.js';
import { queueStartVars, queueVars, waitVars } from './queue-vars.js';
import { cancelRings, ringsTimedOut } from './ring.js';

const IP = '127.0.0.1';

/** A call arrives on the trunk for the queue's DID. */
export function arrive(ctx: Ctx, q: Queue, from?: string): InboundCall {
  const number = from ?? ctx.rng.digits(ctx.config.numbers.callers);
  const name = ctx.ids.sipChannel(`SIP/${ctx.config.trunk.name}`);
  // chan_sip counts the INVITE in use before the channel exists.
  refreshTrunk(ctx, true);
  const ch = newChannel(ctx, name, null, {
    state: 0,
    cidNum: number,
    cidName: '<unknown>',
    context: ctx.config.trunk.context,
    exten: q.cfg.did,
    device: `SIP/${ctx.config.trunk.name}`,
  });
  ctx.trunk.add(ch);
  varSet(ctx, ch, 'SIPURI', `sip:${number}@${IP}:5060`);
  varSet(ctx, ch, 'SIPDOMAIN', IP);
  varSet(ctx, ch, 'SIPCALLID', `${ctx.rng.hex(8)}-${ctx.rng.int(1000, 99999)}@${IP}`);
  ch.setVar('CDR(dst)', q.cfg.did);
  newstate(ctx, ch, 4);
  newexten(ctx, ch, { priority: 1 }, 'NoOp', `Inbound ${q.cfg.name} call from ${number}`);
  newexten(ctx, ch, { priority: 2 }, 'Answer', '');
  newstate(ctx, ch, 6);
  const call: InboundCall = {
    truth: {
      kind: 'inbound',
      linkedid: ch.linkedid,
      from: number,
      to: q.cfg.did,
      startedAt: ctx.em.nowMs,
      endedAt: null,
      visits: [],
      answered: false,
    },
    caller: ch,
    visit: null,
    talk: null,
    timers: [],
  };
  ctx.calls.add(call);
  // The lab dialplan's Answer() lets half a second of audio settle before Queue().
  call.timers.push(
    ctx.timers.at(ctx.now + 500, () => {
      newexten(ctx, ch, { priority: 3 }, 'Queue', queueAppData(q));
      queueStartVars(ctx, ch);
      ctx.flow.join(call, q);
    }),
  );
  return call;
}

export const queueAppData = (q: Queue): string =>
  `${q.cfg.name},t,,,${q.cfg.maxWait > 0 ? q.cfg.maxWait : ''}`;

/** QueueCallerJoin: the caller waits, with music on hold, and is offered to members. */
export function join(ctx: Ctx, call: InboundCall, q: Queue): void {
  const ch = call.caller;
  if (q.waiting.length === 0) ctx.devices.set(`Queue:${q.cfg.name}`, 'RINGING');
  const position = q.waiting.length + 1;
  ctx.em.event(
    'QueueCallerJoin',
    ch.snap() + line('Queue', q.cfg.name) + line('Position', position) + line('Count', position),
  );
  const joinedMs = ctx.em.nowMs;
  const visit: Visit = {
    queue: q,
    caller: ch,
    joinedMs,
    originalPosition: q.waiting.length + 1,
    truth: {
      queue: q.cfg.name,
      uniqueid: ch.uniqueid,
      joinedAt: joinedMs,
      leftAt: null,
      outcome: 'waiting',
      operator: null,
      memberName: null,
      waitMs: null,
      missed: [],
      transfer: null,
    },
    rings: [],
    deadlineMs: q.cfg.maxWait > 0 ? ctx.now + q.cfg.maxWait * 1000 : Infinity,
    patience: null,
    next: null,
    deadline: null,
    done: false,
  };
  q.waiting.push(visit);
  call.visit = visit;
  call.truth.visits.push(visit.truth);
  channelEvent(ctx, 'MusicOnHoldStart', ch, line('Class', 'default'));
  const patience = ctx.rng.sample(ctx.config.callers.patience) * 1000;
  if (ctx.now + patience < visit.deadlineMs)
    visit.patience = ctx.timers.at(ctx.now + patience, () => abandon(ctx, call, visit));
  else if (visit.deadlineMs < Infinity)
    visit.deadline = ctx.timers.at(visit.deadlineMs, () => timeout(ctx, call, visit));
  ctx.flow.dispatch(q);
}

/** QueueCallerLeave: the caller is out of the queue (answered, gone or timed out). */
export function leave(ctx: Ctx, visit: Visit): void {
  const q = visit.queue;
  const i = q.waiting.indexOf(visit);
  if (i >= 0) q.waiting.splice(i, 1);
  visit.done = true;
  for (const t of [visit.patience, visit.next, visit.deadline]) if (t) t.cancelled = true;
  if (q.waiting.length === 0) ctx.devices.set(`Queue:${q.cfg.name}`, 'NOT_INUSE');
  ctx.em.event(
    'QueueCallerLeave',
    visit.caller.snap() +
      line('Queue', q.cfg.name) +
      line('Position', i + 1) +
      line('Count', q.waiting.length),
  );
  visit.truth.leftAt = ctx.em.nowMs;
  visit.truth.waitMs = ctx.em.nowMs - visit.joinedMs;
  varSet(ctx, visit.caller, 'QUEUEPOSITION', i + 1);
}

function callerAbandons(ctx: Ctx, visit: Visit, hungUp: boolean): void {
  const q = visit.queue;
  const waitMs = ctx.em.nowMs - visit.joinedMs;
  if (hungUp) waitVars(ctx, visit.caller, waitMs, waitMs, 0);
  varSet(ctx, visit.caller, 'ABANDONED', 'TRUE');
  q.stats.abandoned++;
  queueVars(ctx, visit.caller, q);
  ctx.em.event(
    'QueueCallerAbandon',
    visit.caller.snap() +
      line('Queue', q.cfg.name) +
      line('Position', q.waiting.indexOf(visit) + 1) +
      line('OriginalPosition', visit.originalPosition) +
      line('HoldTime', Math.floor(waitMs / 1000)),
  );
  if (!hungUp) waitVars(ctx, visit.caller, waitMs, waitMs, 0);
}

/** The caller hangs up while waiting. */
export function abandon(ctx: Ctx, call: InboundCall, visit: Visit): void {
  if (visit.done) return;
  remoteHangup(ctx, call.caller);
  channelEvent(ctx, 'MusicOnHoldStop', call.caller);
  cancelRings(ctx, visit);
  callerAbandons(ctx, visit, true);
  queueVars(ctx, call.caller, visit.queue);
  leave(ctx, visit);
  visit.truth.outcome = 'abandoned';
  endCaller(ctx, call, 0);
  ctx.flow.dispatch(visit.queue);
}

/** The queue's timeout: Queue() returns with QUEUESTATUS=TIMEOUT and the dialplan goes on. */
export function timeout(ctx: Ctx, call: InboundCall, visit: Visit): void {
  if (visit.done) return;
  ringsTimedOut(ctx, visit, false);
  callerAbandons(ctx, visit, false);
  channelEvent(ctx, 'MusicOnHoldStop', call.caller);
  queueVars(ctx, call.caller, visit.queue);
  leave(ctx, visit);
  visit.truth.outcome = 'timeout';
  varSet(ctx, call.caller, 'QUEUESTATUS', 'TIMEOUT');
  const q = visit.queue;
  const ch = call.caller;
  newexten(ctx, ch, { priority: 4 }, 'NoOp', 'QUEUESTATUS=TIMEOUT');
  const next =
    typeof q.cfg.onTimeout === 'object' ? ctx.queues.get(q.cfg.onTimeout.overflow) : undefined;
  newexten(ctx, ch, { priority: 5 }, 'GotoIf', next ? '1?ovf' : '1?vm');
  ctx.flow.dispatch(q);
  if (next) {
    newexten(ctx, ch, { priority: 7 }, 'Queue', queueAppData(next));
    queueStartVars(ctx, ch);
    ctx.flow.join(call, next);
    return;
  }
  newexten(ctx, ch, { priority: 7 }, 'Playback', 'queue-timeout-message');
  call.timers.push(
    ctx.timers.at(ctx.now + 2600, () => {
      newexten(ctx, ch, { priority: 8 }, 'Wait', '4');
      call.timers.push(
        ctx.timers.at(ctx.now + 4000, () => {
          newexten(ctx, ch, { priority: 9 }, 'Hangup', '');
          endCaller(ctx, call, 16);
        }),
      );
    }),
  );
}

/** The caller's channel goes: SoftHangupRequest, the trunk's state, Hangup; the call is over. */
export function endCaller(ctx: Ctx, call: InboundCall, cause: number): void {
  const ch = call.caller;
  channelEvent(ctx, 'SoftHangupRequest', ch, line('Cause', 16));
  ctx.trunk.delete(ch);
  refreshTrunk(ctx);
  hangup(ctx, ch, cause);
  for (const t of call.timers) t.cancelled = true;
  call.truth.endedAt = ctx.em.nowMs;
  ctx.calls.delete(call);
  ctx.finished(call.truth);
}
