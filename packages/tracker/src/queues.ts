// Queue visits and agent attempts, from app_queue's events.
//
// Asterisk 20 sends QueueCallerAbandon for every exit that is not an answer
// (a caller hanging up, a queue timeout, leaving an emptied queue, a
// withdraw): app_queue calls record_abandoned() on all of them. What really
// happened is in QUEUESTATUS, set on the caller channel right after
// QueueCallerLeave (TIMEOUT, LEAVEEMPTY, WITHDRAW, …); a caller who hung up
// gets none. Exit with a key sends neither QueueCallerAbandon nor QUEUESTATUS.

import type { AmiMessage } from '@callboard/ami';
import { channelKey, type Ctx } from './context.js';
import { findChannel, join, updateSnapshot } from './channels.js';
import { interfaceDevice } from './names.js';
import type { AttemptResult, Member } from './record.js';
import { rootOf, type AttemptState, type Channel, type VisitState } from './state.js';
import { liveCall, liveQueueWaiting } from './live.js';

export function visitsOf(ch: Channel): VisitState[] {
  return rootOf(ch.call).visits.filter((v) => v.callerKey === ch.key);
}

/** The caller's visit of a queue still open, else its latest visit of the queue. */
function visitFor(ch: Channel, queue: string): VisitState | undefined {
  const mine = visitsOf(ch).filter((v) => v.queue === queue);
  return mine.find((v) => v.leftAt === null) ?? mine[mine.length - 1];
}

export function callerJoin(ctx: Ctx, ch: Channel, m: AmiMessage, at: number): void {
  updateSnapshot(ctx, ch, m, at);
  const queue = m.get('Queue') ?? '';
  const visit: VisitState = {
    queue,
    server: ch.server,
    callerKey: ch.key,
    callerUniqueid: ch.uniqueid,
    callerName: ch.name,
    joinedAt: at,
    position: Number(m.get('Position') ?? '0') || 0,
    leftAt: null,
    abandonedAt: null,
    queueStatus: null,
    connectedAt: null,
    completedAt: null,
    talkEndedAt: null,
    answeredBy: null,
    memberKey: null,
    attempts: [],
    transfer: null,
    dtmf: false,
  };
  rootOf(ch.call).visits.push(visit);
  liveQueueWaiting(ctx, ch, visit, null);
  liveCall(ctx, rootOf(ch.call));
}

export function callerLeave(ctx: Ctx, ch: Channel, m: AmiMessage, at: number): void {
  const visit = visitFor(ch, m.get('Queue') ?? '');
  if (!visit || visit.leftAt !== null) return;
  visit.leftAt = at;
  liveQueueWaiting(ctx, ch, visit, at);
}

export function callerAbandon(ch: Channel, m: AmiMessage, at: number): void {
  const visit = visitFor(ch, m.get('Queue') ?? '');
  if (visit && visit.abandonedAt === null) visit.abandonedAt = at;
}

/** QUEUESTATUS set on the caller after it left a queue: the reason it left. */
export function queueStatus(ch: Channel, value: string): void {
  const left = visitsOf(ch).filter(
    (v) => v.leftAt !== null && v.queueStatus === null && v.connectedAt === null,
  );
  const visit = left[left.length - 1];
  if (visit) visit.queueStatus = value;
}

export function memberOf(ctx: Ctx, ch: Channel, m: AmiMessage): Member {
  const iface = m.get('Interface') ?? '';
  const name = m.get('MemberName') ?? '';
  const station = ctx.cfg.stationOf(ch.server);
  const op =
    ctx.directory.operatorOf(station, interfaceDevice(iface)) ??
    ctx.directory.learnMember(station, iface, name, null);
  return { operator: op.key, interface: iface, memberName: name };
}

export function agentCalled(ctx: Ctx, server: string, m: AmiMessage, at: number): void {
  const caller = findChannel(ctx, server, m);
  if (!caller) return;
  const visit = visitFor(caller, m.get('Queue') ?? '');
  const destUid = m.get('DestUniqueid');
  if (!visit || destUid === undefined) return;
  const dest = ctx.channels.get(channelKey(server, destUid));
  if (dest) join(ctx, caller.call, dest.call);
  visit.attempts.push({
    member: memberOf(ctx, caller, m),
    channel: m.get('DestChannel') ?? '',
    destKey: channelKey(server, destUid),
    startedAt: at,
    endedAt: null,
    result: null,
  });
}

function attemptFor(
  ctx: Ctx,
  server: string,
  m: AmiMessage,
): { visit: VisitState; attempt: AttemptState } | undefined {
  const caller = findChannel(ctx, server, m);
  const destUid = m.get('DestUniqueid');
  if (!caller || destUid === undefined) return undefined;
  const key = channelKey(server, destUid);
  const queue = m.get('Queue');
  for (const visit of visitsOf(caller).reverse()) {
    if (queue !== undefined && visit.queue !== queue) continue;
    for (let i = visit.attempts.length - 1; i >= 0; i--) {
      const attempt = visit.attempts[i] as AttemptState;
      if (attempt.destKey === key) return { visit, attempt };
    }
  }
  return undefined;
}

function settle(attempt: AttemptState, result: AttemptResult, at: number): void {
  if (attempt.result !== null) return;
  attempt.result = result;
  attempt.endedAt = at;
}

export function agentRingNoAnswer(ctx: Ctx, server: string, m: AmiMessage, at: number): void {
  const found = attemptFor(ctx, server, m);
  if (!found) return;
  const dest = ctx.channels.get(found.attempt.destKey);
  settle(found.attempt, ringFailure(ctx, dest) ?? 'no-answer', at);
}

export function agentDump(ctx: Ctx, server: string, m: AmiMessage, at: number): void {
  const found = attemptFor(ctx, server, m);
  if (found) settle(found.attempt, 'dumped', at);
}

export function agentConnect(ctx: Ctx, server: string, m: AmiMessage, at: number): void {
  const found = attemptFor(ctx, server, m);
  if (!found) return;
  const { visit, attempt } = found;
  settle(attempt, 'answered', at);
  visit.connectedAt = at;
  visit.leftAt ??= at;
  visit.answeredBy = attempt.member;
  visit.memberKey = attempt.destKey;
  for (const other of visit.attempts) {
    if (other !== attempt && other.result === null) settle(other, 'answered-elsewhere', at);
  }
}

export function agentComplete(ctx: Ctx, server: string, m: AmiMessage, at: number): void {
  const caller = findChannel(ctx, server, m);
  if (!caller) return;
  const queue = m.get('Queue');
  const visit = visitsOf(caller)
    .reverse()
    .find((v) => v.queue === queue && v.connectedAt !== null && v.completedAt === null);
  if (!visit) return;
  visit.completedAt = at;
  // The member channel may have changed (a Local pair optimised away).
  const destUid = m.get('DestUniqueid');
  if (destUid !== undefined) visit.memberKey = channelKey(server, destUid);
}

/** Why a rung channel did not answer, when its dial or hangup says more than "no answer". */
export function ringFailure(ctx: Ctx, dest: Channel | undefined): AttemptResult | null {
  if (!dest) return null;
  const statuses = [
    dest.dialStatus,
    dest.partner ? ctx.channels.get(dest.partner)?.dialStatus : null,
  ];
  if (statuses.includes('BUSY')) return 'busy';
  if (statuses.includes('CHANUNAVAIL') || statuses.includes('CONGESTION')) return 'unavailable';
  if (dest.cause === '17') return 'busy';
  if (dest.cause === '21') return 'rejected';
  return null;
}

/** A DialEnd: remember how the dial ended on the dialled channel (and its Local partner). */
export function dialEnd(ctx: Ctx, server: string, m: AmiMessage, at: number): void {
  const dest = findChannel(ctx, server, m, 'Dest');
  const status = m.get('DialStatus');
  if (!dest || status === undefined) return;
  updateSnapshot(ctx, dest, m, at, 'Dest');
  if (status !== 'CANCEL' || dest.dialStatus === null) dest.dialStatus = status;
  // A Local member's phone is dialled from its ;2 half: carry the outcome to ;1, which the queue rang.
  const source = findChannel(ctx, server, m);
  if (
    source?.local === true &&
    source.partner !== null &&
    status !== 'CANCEL' &&
    status !== 'ANSWER'
  ) {
    const one = ctx.channels.get(source.partner);
    if (one) one.dialStatus = status;
  }
  // Attempts refine "no answer" into busy, unavailable or rejected when the dial says so.
  for (const visit of rootOf(dest.call).visits) {
    for (const attempt of visit.attempts) {
      if (attempt.destKey !== dest.key && attempt.destKey !== dest.partner) continue;
      if (attempt.result === 'no-answer')
        attempt.result = ringFailure(ctx, ctx.channels.get(attempt.destKey)) ?? 'no-answer';
    }
  }
}

/** The rung channel hung up: an attempt still open ends here. */
export function attemptChannelGone(ctx: Ctx, ch: Channel, at: number): void {
  for (const visit of rootOf(ch.call).visits) {
    for (const attempt of visit.attempts) {
      if (attempt.destKey !== ch.key || attempt.result !== null) continue;
      // Cause 26 is "answered elsewhere": another member of a ringall queue took the call.
      settle(
        attempt,
        ringFailure(ctx, ch) ?? (ch.cause === '26' ? 'answered-elsewhere' : 'cancelled'),
        at,
      );
    }
  }
}

/** Attempts still ringing when the visit ended without an answer were cancelled. */
export function closeAttempts(visit: VisitState, end: number): void {
  for (const attempt of visit.attempts) {
    if (attempt.result !== null) continue;
    attempt.result = visit.connectedAt !== null ? 'answered-elsewhere' : 'cancelled';
    attempt.endedAt = Math.max(attempt.startedAt, Math.min(end, visit.leftAt ?? end));
  }
}
