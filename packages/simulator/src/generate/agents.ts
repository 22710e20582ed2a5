// Operators at work: logging in to their queues when their shift starts
// (QueueMemberAdded) and out when it ends (QueueMemberRemoved), pausing with
// a reason (QueueMemberPause) — on their own schedule or when an AMI action
// says so. app_queue also reports each member's pause device state.

import type { Ctx } from './context.js';
import type { Member, Operator } from './model.js';
import { memberEvent, refreshAvail } from './pbx.js';

const HOUR = 3_600_000;

export function addMember(ctx: Ctx, m: Member, penalty = m.penalty): void {
  if (m.inQueue) return;
  m.inQueue = true;
  m.penalty = penalty;
  m.loginTime = Math.floor(ctx.em.nowMs / 1000);
  m.callsTaken = 0;
  m.lastCall = 0;
  m.paused = false;
  m.reason = '';
  ctx.devices.set(`Queue:${m.queue.cfg.name}_pause_${m.iface}`, 'NOT_INUSE', true);
  memberEvent(ctx, 'QueueMemberAdded', m);
  refreshAvail(ctx, m.queue);
  ctx.flow.freed(m.op);
}

export function removeMember(ctx: Ctx, m: Member): void {
  if (!m.inQueue) return;
  m.inQueue = false;
  memberEvent(ctx, 'QueueMemberRemoved', m);
  refreshAvail(ctx, m.queue);
}

export function pauseMember(ctx: Ctx, m: Member, paused: boolean, reason: string): void {
  if (!m.inQueue) return;
  m.paused = paused;
  m.reason = paused ? reason : '';
  if (paused) m.lastPause = Math.floor(ctx.em.nowMs / 1000);
  ctx.devices.set(
    `Queue:${m.queue.cfg.name}_pause_${m.iface}`,
    paused ? 'INUSE' : 'NOT_INUSE',
    true,
  );
  memberEvent(ctx, 'QueueMemberPause', m);
  refreshAvail(ctx, m.queue);
  if (!paused) ctx.flow.freed(m.op);
}

/** The local hour of day (0..24) at `ms`. */
export function hourOf(ctx: Ctx, ms: number): number {
  const h = (ms / HOUR + ctx.config.utcOffsetHours) % 24;
  return h < 0 ? h + 24 : h;
}

function onShiftAt(ctx: Ctx, op: Operator, ms: number): boolean {
  const h = hourOf(ctx, ms);
  const { start, end } = op.cfg.shift;
  if (start === end) return true;
  return start < end ? h >= start && h < end : h >= start || h < end;
}

/** When the operator's shift next starts or ends after `ms`. */
function nextBoundary(ctx: Ctx, op: Operator, ms: number): number {
  const h = hourOf(ctx, ms);
  const { start, end } = op.cfg.shift;
  if (start === end) return Infinity;
  const wait = (target: number): number => ((target - h + 24) % 24 || 24) * HOUR;
  return ms + Math.min(wait(start), wait(end));
}

/** Starts the operator's day: logged in if on shift now, and the next shift change planned. */
export function startOperator(ctx: Ctx, op: Operator): void {
  if (onShiftAt(ctx, op, ctx.now)) login(ctx, op);
  const at = nextBoundary(ctx, op, ctx.now);
  if (at < Infinity) ctx.timers.at(at + 1, () => shiftChange(ctx, op));
}

function shiftChange(ctx: Ctx, op: Operator): void {
  if (!ctx.live) return;
  if (onShiftAt(ctx, op, ctx.now)) login(ctx, op);
  else logout(ctx, op);
  const at = nextBoundary(ctx, op, ctx.now);
  if (at < Infinity) ctx.timers.at(at + 1, () => shiftChange(ctx, op));
}

function login(ctx: Ctx, op: Operator): void {
  if (op.onShift) return;
  op.onShift = true;
  for (const m of op.members) if (m.cfg.membership === 'dynamic') addMember(ctx, m);
  planPause(ctx, op);
}

function logout(ctx: Ctx, op: Operator): void {
  if (!op.onShift) return;
  if (op.channels.size > 0 || op.reserved) {
    // Nobody logs out in the middle of a call: try again shortly.
    ctx.timers.at(ctx.now + 30_000, () => {
      if (ctx.live && !onShiftAt(ctx, op, ctx.now)) logout(ctx, op);
    });
    return;
  }
  op.onShift = false;
  if (op.paused) setPause(ctx, op, null);
  for (const m of op.members) if (m.cfg.membership === 'dynamic') removeMember(ctx, m);
}

/** Pauses (or unpauses, with null) the operator in every queue. */
export function setPause(ctx: Ctx, op: Operator, reason: string | null): void {
  op.paused = reason === null ? null : { reason };
  for (const m of op.members) pauseMember(ctx, m, reason !== null, reason ?? '');
}

function planPause(ctx: Ctx, op: Operator): void {
  if (op.cfg.pausesPerHour <= 0 || op.cfg.pauseReasons.length === 0) return;
  const at = ctx.now + ctx.rng.exponential(HOUR / op.cfg.pausesPerHour);
  ctx.timers.at(at, () => {
    if (!ctx.live || !op.onShift) return;
    if (op.paused !== null) return planPause(ctx, op);
    const choice = ctx.rng.weighted(op.cfg.pauseReasons);
    if (choice === undefined) return;
    setPause(ctx, op, choice.reason);
    ctx.timers.at(ctx.now + ctx.rng.sample(choice.duration) * 1000, () => {
      if (op.paused?.reason === choice.reason) setPause(ctx, op, null);
      if (ctx.live && op.onShift) planPause(ctx, op);
    });
  });
}
