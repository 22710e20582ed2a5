// The variables app_queue sets on a caller (and on the member's channel)
// as a queue call moves on: its statistics, the member who answered, the
// wait. Asterisk 20 sends each as a VarSet.

import type { Channel } from './channel.js';
import type { Ctx } from './context.js';
import type { Member, Queue } from './model.js';
import { varSet } from './pbx.js';

/** QUEUENAME … QUEUESRVLEVELPERF, as `setqueuevar` sets them. */
export function queueVars(ctx: Ctx, ch: Channel, q: Queue): void {
  const s = q.stats;
  const done = s.completed + s.abandoned;
  varSet(ctx, ch, 'QUEUENAME', q.cfg.name);
  varSet(ctx, ch, 'QUEUEMAX', 0);
  varSet(ctx, ch, 'QUEUESTRATEGY', q.cfg.strategy);
  varSet(ctx, ch, 'QUEUECALLS', q.waiting.length);
  varSet(ctx, ch, 'QUEUEHOLDTIME', s.completed === 0 ? 0 : Math.round(s.holdS / s.completed));
  varSet(ctx, ch, 'QUEUETALKTIME', s.completed === 0 ? 0 : Math.round(s.talkS / s.completed));
  varSet(ctx, ch, 'QUEUECOMPLETED', s.completed);
  varSet(ctx, ch, 'QUEUEABANDONED', s.abandoned);
  varSet(ctx, ch, 'QUEUESRVLEVEL', q.cfg.serviceLevel);
  varSet(ctx, ch, 'QUEUESRVLEVELPERF', done === 0 ? '0.0' : ((100 * s.inSl) / done).toFixed(1));
}

/** Empty timing variables set as Queue() starts. */
export function queueStartVars(ctx: Ctx, ch: Channel): void {
  for (const v of [
    'ANSWEREDTIME',
    'ANSWEREDTIME_MS',
    'DIALEDTIME',
    'DIALEDTIME_MS',
    'QUEUEWAIT',
    'QUEUEWAIT_MS',
  ])
    varSet(ctx, ch, v, '');
}

/** MEMBERINTERFACE … MEMBERREALTIME, set on both sides when a member answers. */
export function memberVars(ctx: Ctx, ch: Channel, m: Member): void {
  varSet(ctx, ch, 'MEMBERINTERFACE', m.iface);
  varSet(ctx, ch, 'MEMBERNAME', m.op.cfg.name);
  varSet(ctx, ch, 'MEMBERCALLS', m.callsTaken);
  varSet(ctx, ch, 'MEMBERLASTCALL', m.lastCall);
  varSet(ctx, ch, 'MEMBERPENALTY', m.penalty);
  varSet(ctx, ch, 'MEMBERDYNAMIC', m.cfg.membership === 'dynamic' ? 1 : 0);
  varSet(ctx, ch, 'MEMBERREALTIME', 0);
}

/** The waits app_queue sets when a caller leaves the queue. */
export function waitVars(
  ctx: Ctx,
  ch: Channel,
  waitMs: number,
  dialledMs: number,
  answeredMs: number,
): void {
  varSet(ctx, ch, 'QUEUEWAIT', Math.floor(waitMs / 1000));
  varSet(ctx, ch, 'QUEUEWAIT_MS', Math.floor(waitMs));
  varSet(ctx, ch, 'DIALEDTIME', Math.floor(dialledMs / 1000));
  varSet(ctx, ch, 'DIALEDTIME_MS', Math.floor(dialledMs));
  varSet(ctx, ch, 'ANSWEREDTIME', Math.floor(answeredMs / 1000));
  varSet(ctx, ch, 'ANSWEREDTIME_MS', Math.floor(answeredMs));
}
