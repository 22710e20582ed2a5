// Live changes for the wallboard: emitted as they happen, when enabled.

import type { Ctx } from './context.js';
import type { Channel, VisitState } from './state.js';
import { iso } from './time.js';

export function liveQueueWaiting(ctx: Ctx, ch: Channel, visit: VisitState, left: boolean): void {
  if (!ctx.cfg.live) return;
  ctx.out.push({
    kind: 'queue-waiting',
    station: ctx.cfg.stationOf(ch.server),
    server: ch.server,
    queue: visit.queue,
    uniqueid: visit.callerUniqueid,
    caller: { number: ch.callerNum, name: ch.callerName },
    joinedAt: iso(visit.joinedAt),
    left: left && visit.leftAt !== null ? iso(visit.leftAt) : null,
  });
}
