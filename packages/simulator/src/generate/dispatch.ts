// Which members a waiting caller rings, as app_queue chooses: only members
// logged in, unpaused, idle (ringinuse=no) and out of wrap-up; of those the
// lowest penalty; then by strategy. Callers are served in queue order, each
// taking the members it rings away from the callers behind it (autofill).

import type { Ctx } from './context.js';
import type { Member, Queue, Visit } from './model.js';
import { available } from './pbx.js';
import { ringMembers } from './ring.js';

function choose(ctx: Ctx, q: Queue, free: readonly Member[]): Member[] {
  if (free.length === 0) return [];
  let low = Infinity;
  for (const m of free) if (m.penalty < low) low = m.penalty;
  const tier = free.filter((m) => m.penalty === low);
  switch (q.cfg.strategy) {
    case 'ringall':
      return tier;
    case 'linear':
      return tier.slice(0, 1);
    case 'random': {
      const m = ctx.rng.pick(tier);
      return m ? [m] : [];
    }
    case 'leastrecent':
      return [tier.reduce((a, b) => (b.lastCall < a.lastCall ? b : a))];
    case 'fewestcalls':
      return [tier.reduce((a, b) => (b.callsTaken < a.callsTaken ? b : a))];
    case 'rrmemory': {
      // The first free member at or after the round's position, in member order.
      const order = (m: Member): number =>
        (q.members.indexOf(m) - q.rrNext + q.members.length) % q.members.length;
      const m = tier.reduce((a, b) => (order(b) < order(a) ? b : a));
      q.rrNext = (q.members.indexOf(m) + 1) % q.members.length;
      return [m];
    }
  }
}

const idle = (v: Visit): boolean => !v.done && v.rings.length === 0 && v.next === null;

/** Offers the queue's waiting callers, in order, to its free members. */
export function dispatch(ctx: Ctx, q: Queue): void {
  if (!q.waiting.some(idle)) return;
  let free = q.members.filter((m) => available(ctx, m));
  for (const visit of [...q.waiting]) {
    if (free.length === 0) return;
    if (!idle(visit)) continue;
    const chosen = choose(ctx, q, free);
    if (chosen.length === 0) return;
    ringMembers(ctx, visit, chosen);
    free = free.filter((m) => !chosen.includes(m));
  }
}
