// Transfers made by the operator who answered (as AMI BlindTransfer and the
// Atxfer feature do them): blind into another queue, blind to a colleague's
// extension, or attended: the caller is held, the operator consults the
// colleague through a Local channel pair, then hangs up and the bridges merge.

import type { Ctx, Talk } from './context.js';
import { line } from './emit.js';
import type { Operator } from './model.js';
import { complete } from './connect.js';
import { endCaller, queueAppData } from './inbound.js';
import {
  bridgeCreate,
  bridgeDestroy,
  bridgeEnter,
  bridgeLeave,
  bridgeLines,
  channelEvent,
  connectedLine,
  dial,
  dialEndVars,
  dialStartVars,
  remoteHangup,
  varSet,
  unpeer,
  hangup,
  newexten,
  newstate,
  refreshPhone,
} from './pbx.js';
import { attended } from './attended.js';
import { ringPhone } from './phone.js';
import { queueStartVars } from './queue-vars.js';

/** An operator on shift with nothing on their phone, not the one transferring. */
function colleague(ctx: Ctx, not: Operator): Operator | undefined {
  const free = [...ctx.operators.values()].filter(
    (o) => o !== not && o.onShift && !o.reserved && o.channels.size === 0,
  );
  return ctx.rng.pick(free);
}

export function transfer(ctx: Ctx, talk: Talk): void {
  const t = ctx.config.transfers;
  const r = ctx.rng.next() * (t.blindToQueue + t.blindToExtension + t.attended);
  const target = colleague(ctx, talk.op);
  const queues = [...ctx.queues.values()].filter((q) => q !== talk.visit?.queue);
  const queue = ctx.rng.pick(queues);
  if (r < t.blindToQueue && queue !== undefined) {
    blind(ctx, talk, queue.cfg.extension, false);
    newexten(ctx, talk.call.caller, { priority: 1 }, 'Queue', queueAppData(queue));
    queueStartVars(ctx, talk.call.caller);
    ctx.flow.join(talk.call, queue);
  } else if (r < t.blindToQueue + t.blindToExtension && target !== undefined) {
    blind(ctx, talk, target.cfg.extension, true);
    toExtension(ctx, talk, target);
  } else if (target !== undefined) {
    attended(ctx, talk, target);
  } else {
    ctx.flow.hangup(talk, 'caller');
  }
}

/**
 * A Redirect action on a talking caller: like a blind transfer (to a queue's
 * extension or an operator's), without the BlindTransfer event. False when
 * the extension is neither.
 */
export function redirect(ctx: Ctx, talk: Talk, exten: string): boolean {
  const queue = [...ctx.queues.values()].find(
    (q) => q.cfg.extension === exten || q.cfg.name === exten,
  );
  const target = ctx.operators.get(exten);
  if (
    queue === undefined &&
    (target === undefined || target === talk.op || target.channels.size > 0)
  )
    return false;
  blind(ctx, talk, exten, target !== undefined && queue === undefined, false);
  if (queue !== undefined) {
    newexten(ctx, talk.call.caller, { priority: 1 }, 'Queue', queueAppData(queue));
    queueStartVars(ctx, talk.call.caller);
    ctx.flow.join(talk.call, queue);
  } else if (target !== undefined) toExtension(ctx, talk, target);
  return true;
}

/** BlindTransfer: the caller leaves the bridge for the dialled extension; the operator is done. */
function blind(ctx: Ctx, talk: Talk, exten: string, early: boolean, announce = true): void {
  const { call, phone, bridge, op } = talk;
  const caller = call.caller;
  const appData = talk.visit ? queueAppData(talk.visit.queue) : '';
  const at = { context: ctx.config.contexts.internal, exten, priority: 1 };
  channelEvent(ctx, 'Unhold', phone);
  // The caller's first step in the new extension still shows the application it left.
  if (early) newexten(ctx, caller, at, 'Queue', appData);
  if (announce)
    ctx.em.event(
      'BlindTransfer',
      line('Result', 'Success') +
        phone.snap('Transferer') +
        caller.snap('Transferee') +
        bridgeLines(bridge) +
        line('IsExternal', 'Yes') +
        line('Context', ctx.config.contexts.internal) +
        line('Extension', exten),
    );
  if (talk.visit) talk.visit.truth.transfer = 'blind';
  complete(ctx, talk, 'transfer');
  unpeer(ctx, phone);
  bridgeLeave(ctx, bridge, phone);
  op.channels.delete(phone);
  refreshPhone(ctx, op);
  if (!early) newexten(ctx, caller, at, 'Queue', appData);
  unpeer(ctx, caller);
  bridgeLeave(ctx, bridge, caller);
  varSet(ctx, caller, 'BLINDTRANSFER', phone.name);
  bridgeDestroy(ctx, bridge);
  hangup(ctx, phone, 16);
  call.talk = null;
  ctx.flow.freed(op);
}

function toExtension(ctx: Ctx, talk: Talk, target: Operator): void {
  const caller = talk.call.caller;
  target.reserved = true;
  newexten(ctx, caller, { priority: 2 }, 'Dial', `${target.device},20,tT`);
  dialStartVars(ctx, caller);
  const ch = ringPhone(ctx, caller, target);
  newstate(ctx, ch, 5);
  connectedLine(ctx, caller, target.cfg.extension, target.cfg.name);
  dial(ctx, 'DialState', caller, ch, 'RINGING');
  const at = ctx.now + ctx.rng.sample(target.cfg.answerDelay) * 1000;
  talk.call.timers.push(
    ctx.timers.at(Math.min(at, ctx.now + 15_000), () => {
      newstate(ctx, ch, 6);
      ch.set({ exten: '' });
      dial(ctx, 'DialEnd', caller, ch, 'ANSWER');
      const b = bridgeCreate(ctx);
      newexten(ctx, ch, { priority: 1 }, 'AppDial', '(Outgoing Line)');
      bridgeEnter(ctx, b, ch);
      refreshPhone(ctx, target);
      bridgeEnter(ctx, b, caller);
      target.reserved = false;
      const answeredAt = ctx.em.nowMs;
      const talkMs = ctx.rng.sample(ctx.config.callers.talk) * 1000;
      talk.call.timers.push(
        ctx.timers.at(ctx.now + talkMs, () => {
          remoteHangup(ctx, caller, 16);
          unpeer(ctx, caller, ch);
          bridgeLeave(ctx, b, caller);
          bridgeLeave(ctx, b, ch);
          dialEndVars(ctx, caller, 'ANSWER', ctx.em.nowMs - answeredAt, ctx.em.nowMs - answeredAt);
          bridgeDestroy(ctx, b);
          target.channels.delete(ch);
          refreshPhone(ctx, target);
          hangup(ctx, ch, 16);
          target.lastCallEndMs = ctx.em.nowMs;
          endCaller(ctx, talk.call, 16);
          ctx.flow.freed(target);
        }),
      );
    }),
  );
}
