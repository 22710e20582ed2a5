// A station's day as the rows of report tables, as one user may see them.
// Calls (with their visits and rings) are cut by calls/view.ts, the same
// cut as /api/calls: a supervisor gets the calls that visited their queues,
// without the other queues' visits; an operator not monitored is absent.
// Operator intervals: a state interval for an operator the user may see, a
// queue-membership interval only for a queue they may see too. Pure.

import type { CallRecord, OperatorInterval } from '@callboard/tracker';
import { visibleCall } from '../calls/view.js';
import type { Scope } from '../scope.js';
import type { AttemptRow, CallRow, IntervalRow, VisitRow } from './columns.js';
import type { WrapUps } from './wrap-ups.js';

const ms = (iso: string): number => Date.parse(iso);

/** A call's talk: the length of its legs. */
export const callTalkMs = (c: CallRecord): number =>
  c.legs.reduce((sum, l) => sum + (ms(l.to) - ms(l.from)), 0);

/** The calls as the scope sees them (records in, records out, in the same order). */
export function visibleCalls(calls: readonly CallRecord[], scope: Scope): CallRecord[] {
  return calls.flatMap((c) => visibleCall(c, scope) ?? []);
}

export function callRows(calls: readonly CallRecord[]): CallRow[] {
  return calls.map((c) => ({
    id: c.id,
    station: c.station,
    direction: c.direction,
    outcome: c.outcome,
    startedAt: ms(c.startedAt),
    answeredAt: c.answeredAt === null ? null : ms(c.answeredAt),
    endedAt: ms(c.endedAt),
    fromNumber: c.from.number,
    fromName: c.from.name,
    fromOperator: c.from.operator,
    toNumber: c.to.number,
    toOperator: c.to.operator,
    trunk: c.trunk,
    answeredBy: c.answeredBy?.operator ?? null,
    talkMs: callTalkMs(c),
    visits: c.queueVisits.length,
    transfers: c.transfers.length,
    flags: c.flags.length === 0 ? null : c.flags.join(','),
  }));
}

/** Visits, each answered one with its operator's wrap-up after the talk (wrap-ups.ts). */
export function visitRows(calls: readonly CallRecord[], wrapUps: WrapUps): VisitRow[] {
  return calls.flatMap((c) =>
    c.queueVisits.map((v, idx) => ({
      callId: c.id,
      idx,
      station: c.station,
      queue: v.queue,
      joinedAt: ms(v.joinedAt),
      leftAt: ms(v.leftAt),
      position: v.position,
      outcome: v.outcome,
      waitMs: v.waitMs,
      talkMs: v.talkMs,
      wrapUpMs:
        v.outcome === 'answered' && v.answeredBy?.operator != null
          ? wrapUps.after(c.station, v.answeredBy.operator, ms(v.leftAt) + v.talkMs)
          : 0,
      answeredBy: v.answeredBy?.operator ?? null,
      transfer: v.transfer,
      rings: v.attempts.length,
    })),
  );
}

export function attemptRows(calls: readonly CallRecord[]): AttemptRow[] {
  return calls.flatMap((c) =>
    c.queueVisits.flatMap((v, visitIdx) =>
      v.attempts.map((a, idx) => ({
        callId: c.id,
        visitIdx,
        idx,
        station: c.station,
        queue: v.queue,
        operator: a.operator,
        interface: a.interface,
        memberName: a.memberName,
        startedAt: ms(a.startedAt),
        endedAt: ms(a.endedAt),
        result: a.result,
        ringMs: ms(a.endedAt) - ms(a.startedAt),
      })),
    ),
  );
}

export function visibleInterval(i: OperatorInterval, scope: Scope): boolean {
  if (!scope.monitored(i.station, i.operator) || !scope.operator(i.station, i.operator))
    return false;
  return i.kind === 'state' || (i.queue !== null && scope.queue(i.station, i.queue));
}

export function intervalRows(intervals: readonly OperatorInterval[], scope: Scope): IntervalRow[] {
  return intervals
    .filter((i) => visibleInterval(i, scope))
    .map((i) => ({
      station: i.station,
      operator: i.operator,
      name: i.name,
      kind: i.kind,
      state: i.state,
      queue: i.queue,
      reason: i.reason,
      startedAt: ms(i.from),
      endedAt: ms(i.to),
    }));
}
