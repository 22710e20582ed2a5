// The rows of one table of a station's day, as one user may see them: the
// tables of rows (rows.ts) and the hourly sums made of them
// (operator-hours.ts, queue-hours.ts). Pure.

import type { CallRecord, OperatorInterval } from '@callboard/tracker';
import type { Scope } from '../scope.js';
import type {
  AttemptRow,
  CallRow,
  DayTable,
  IntervalRow,
  OperatorHourRow,
  QueueHourRow,
  VisitRow,
} from './columns.js';
import { operatorHourRows } from './operator-hours.js';
import { queueHourRows } from './queue-hours.js';
import {
  attemptRows,
  callRows,
  intervalRows,
  visibleCalls,
  visibleInterval,
  visitRows,
} from './rows.js';
import { WrapUps } from './wrap-ups.js';

/** What a day's rows are built from. */
export interface DaySource {
  readonly calls: readonly CallRecord[];
  readonly intervals: readonly OperatorInterval[];
  /** The wrap-ups that may follow the calls' visits (queue-visits only). */
  readonly wrapUps?: readonly OperatorInterval[];
}

/** The rows of one table of a day, cut to the scope; the hourly sums' hours start `minuteMs` past UTC's. */
export function dayRows(
  table: DayTable,
  source: DaySource,
  scope: Scope,
  minuteMs = 0,
): CallRow[] | VisitRow[] | AttemptRow[] | IntervalRow[] | OperatorHourRow[] | QueueHourRow[] {
  switch (table) {
    case 'calls':
      return callRows(visibleCalls(source.calls, scope));
    case 'queue-visits':
      return visitRows(visibleCalls(source.calls, scope), new WrapUps(source.wrapUps ?? []));
    case 'agent-attempts':
      return attemptRows(visibleCalls(source.calls, scope));
    case 'operator-intervals':
      return intervalRows(source.intervals, scope);
    case 'queue-hours':
      return queueHourRows(
        visitRows(visibleCalls(source.calls, scope), new WrapUps(source.wrapUps ?? [])),
        minuteMs,
      );
    case 'operator-hours':
      return operatorHourRows(
        visibleCalls(source.calls, scope),
        source.intervals.filter((i) => visibleInterval(i, scope)),
        minuteMs,
      );
  }
}
