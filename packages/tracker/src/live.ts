// Live changes for the wallboard: emitted as they happen, when enabled, and
// the whole picture at any moment (`livePicture`), so a view that starts
// late — a client connecting, a process restored from a checkpoint — begins
// from what is true now and follows the changes from there.

import type { Ctx } from './context.js';
import type { CallProgress, LiveEffect, QueueWaiting } from './effects.js';
import { isEndpoint, rootOf, type Call, type Channel, type VisitState } from './state.js';
import { iso } from './time.js';

/** A caller joined a queue's waiting list (`leftAt` null) or left it. */
export function liveQueueWaiting(
  ctx: Ctx,
  ch: Channel,
  visit: VisitState,
  leftAt: number | null,
): void {
  if (!ctx.cfg.live) return;
  ctx.out.push(waitingOf(ctx, ch, visit, leftAt));
}

function waitingOf(ctx: Ctx, ch: Channel, visit: VisitState, leftAt: number | null): QueueWaiting {
  const station = ctx.cfg.stationOf(ch.server);
  const call = rootOf(ch.call);
  const origin = originOf(call) ?? ch;
  return {
    kind: 'queue-waiting',
    station,
    server: ch.server,
    queue: visit.queue,
    uniqueid: visit.callerUniqueid,
    call: callId(ctx, origin),
    caller: { number: ch.callerNum, name: ch.callerName },
    joinedAt: iso(visit.joinedAt),
    left: leftAt === null ? null : iso(leftAt),
  };
}

/** The call's first channel (its caller), as far as the call is known now. */
function originOf(call: Call): Channel | undefined {
  let first: Channel | undefined;
  for (const ch of call.channels) {
    if (!isEndpoint(ch)) continue;
    if (
      !first ||
      ch.createdAt < first.createdAt ||
      (ch.createdAt === first.createdAt && ch.key < first.key)
    )
      first = ch;
  }
  return first;
}

function callId(ctx: Ctx, origin: Channel): string {
  const station = ctx.cfg.stationOf(origin.server);
  return `${station}/${origin.server}/${origin.linkedids[0] ?? origin.uniqueid}`;
}

/** A call started, was answered, joined a queue, or its operators changed. */
export function liveCall(ctx: Ctx, call: Call): void {
  if (!ctx.cfg.live) return;
  const progress = progressOf(ctx, call);
  if (progress) ctx.out.push(progress);
}

function progressOf(ctx: Ctx, call: Call): CallProgress | undefined {
  const origin = originOf(call);
  if (!origin) return undefined;
  let answeredAt: number | null = null;
  for (const leg of [...call.closedLegs, ...call.openLegs.values()]) {
    if (
      (leg.a === origin.key || leg.b === origin.key) &&
      (answeredAt === null || leg.from < answeredAt)
    )
      answeredAt = leg.from;
  }
  const station = ctx.cfg.stationOf(origin.server);
  const operators = new Set<string>();
  for (const leg of call.openLegs.values()) {
    for (const key of [leg.a, leg.b]) {
      const ch = ctx.channels.get(key);
      const op = ch ? ctx.directory.operatorOf(station, ch.device) : undefined;
      if (op) operators.add(op.key);
    }
  }
  const linkedids = new Set<string>();
  for (const ch of call.channels) for (const l of ch.linkedids) linkedids.add(`${ch.server}/${l}`);
  return {
    kind: 'call-progress',
    station,
    call: callId(ctx, origin),
    startedAt: iso(origin.createdAt),
    from: { number: origin.firstCallerNum, name: origin.firstCallerName },
    fromOperator: ctx.directory.operatorOf(station, origin.device)?.key ?? null,
    answeredAt: answeredAt === null ? null : iso(answeredAt),
    operators: [...operators].sort(),
    queues: [...call.visits].sort((a, b) => a.joinedAt - b.joinedAt).map((v) => v.queue),
    linkedids: [...linkedids].sort(),
  };
}

/**
 * What is live now, as the effects that build it from nothing: every
 * operator's state, every caller waiting in a queue, every call in
 * progress. Computed from the in-flight state, so it holds after a restore.
 */
export function livePicture(ctx: Ctx): LiveEffect[] {
  const out: LiveEffect[] = [...ctx.operators.current()];
  for (const call of ctx.calls) {
    if (call.parent !== null || call.done) continue;
    const progress = progressOf(ctx, call);
    if (progress) out.push(progress);
    for (const visit of call.visits) {
      const caller = ctx.channels.get(visit.callerKey);
      if (visit.leftAt === null && caller) out.push(waitingOf(ctx, caller, visit, null));
    }
  }
  return out;
}
