// Live changes for the wallboard: emitted as they happen, when enabled.

import type { Ctx } from './context.js';
import { isEndpoint, type Call, type Channel, type VisitState } from './state.js';
import { iso } from './time.js';

/** A caller joined a queue's waiting list (`leftAt` null) or left it. */
export function liveQueueWaiting(
  ctx: Ctx,
  ch: Channel,
  visit: VisitState,
  leftAt: number | null,
): void {
  if (!ctx.cfg.live) return;
  ctx.out.push({
    kind: 'queue-waiting',
    station: ctx.cfg.stationOf(ch.server),
    server: ch.server,
    queue: visit.queue,
    uniqueid: visit.callerUniqueid,
    caller: { number: ch.callerNum, name: ch.callerName },
    joinedAt: iso(visit.joinedAt),
    left: leftAt === null ? null : iso(leftAt),
  });
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

/** A call started, was answered, or its operators changed. */
export function liveCall(ctx: Ctx, call: Call): void {
  if (!ctx.cfg.live) return;
  const origin = originOf(call);
  if (!origin) return;
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
  ctx.out.push({
    kind: 'call-progress',
    station,
    call: `${station}/${origin.server}/${origin.linkedids[0] ?? origin.uniqueid}`,
    startedAt: iso(origin.createdAt),
    from: { number: origin.firstCallerNum, name: origin.firstCallerName },
    answeredAt: answeredAt === null ? null : iso(answeredAt),
    operators: [...operators].sort(),
  });
}
