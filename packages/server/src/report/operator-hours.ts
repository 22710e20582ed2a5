// A station's day of operator figures summed by UTC hour, so an operator
// report over a month reads a few thousand rows a day instead of every
// state interval, ring and call. It is made of the very rows of the day's
// other tables as the scope sees them (calls by the day they began, state
// intervals by the day they ended), and the browser sums it exactly as it
// sums those rows (packages/web/src/report/operators.ts):
//
//   state interval   its time cut at each UTC hour, to its state's column
//                    (paused time on a row of its reason, '' for none);
//                    a zero-length one leaves a row with nothing but the name
//   answered visit   answered +1, at the hour it left the queue
//   ring             rings +1 (missed +1 when no answer or rejected), at the
//                    hour it began
//   outbound call    outbound +1 and its talk, for the operator who made it;
//   internal call    made +1 and received +1 for either end; at the hour it began
//
// Hours are UTC hours, or hours that begin `minuteMs` past each UTC hour
// (15, 30 or 45 minutes): they are the report's hours in every zone whose
// hours begin there (India and Adelaide 30 minutes past, Nepal, UTC+5:45,
// 15; the browser checks, and reads the rows themselves over a period in
// which a zone's minute changes). Pure.

import type { CallRecord, OperatorInterval } from '@callboard/tracker';
import type { OperatorHourRow } from './columns.js';
import { hourOf } from './day.js';
import { callTalkMs } from './rows.js';
import { order } from '../order.js';

const HOUR_MS = 3_600_000;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Row = Mutable<OperatorHourRow>;

const STATE_COLUMN = {
  offline: 'offlineMs',
  idle: 'idleMs',
  ringing: 'ringingMs',
  talking: 'talkingMs',
  'wrap-up': 'wrapUpMs',
  paused: 'pausedMs',
} as const;

class Hours {
  private readonly rows = new Map<string, Row>();
  private readonly names = new Map<string, string>();

  constructor(readonly minuteMs: number) {}

  row(station: string, operator: string, queue: string | null, reason: string | null, t: number) {
    const hour = hourOf(t, this.minuteMs);
    const key = JSON.stringify([station, operator, queue, reason, hour]);
    let r = this.rows.get(key);
    if (!r) {
      r = {
        station,
        operator,
        name: null,
        memberName: null,
        queue,
        reason,
        hour,
        answered: 0,
        rings: 0,
        missed: 0,
        loggedInMs: 0,
        offlineMs: 0,
        idleMs: 0,
        ringingMs: 0,
        talkingMs: 0,
        wrapUpMs: 0,
        pausedMs: 0,
        outbound: 0,
        outboundTalkMs: 0,
        internalMade: 0,
        internalReceived: 0,
      };
      this.rows.set(key, r);
    }
    return r;
  }

  /** The operator's name in their state intervals (the last one given wins). */
  name(station: string, operator: string, name: string): void {
    this.names.set(`${station}\u0000${operator}`, name);
  }

  /**
   * The rows, an operator's together (the browser's loop mostly meets the
   * accumulator of the row before) and otherwise in the order they were
   * made: the sort is stable, so an operator's first row with rings still
   * holds their first ring's member name.
   */
  done(): OperatorHourRow[] {
    const out = [...this.rows.values()].sort(
      (a, b) => order(a.station, b.station) || order(a.operator, b.operator),
    );
    for (const r of out) r.name = this.names.get(`${r.station}\u0000${r.operator}`) ?? null;
    return out;
  }
}

function addState(h: Hours, i: OperatorInterval): void {
  if (i.kind !== 'state' || i.state === null) return;
  if (i.name !== null) h.name(i.station, i.operator, i.name);
  const reason = i.state === 'paused' ? (i.reason ?? '') : null;
  const column = STATE_COLUMN[i.state];
  let from = Date.parse(i.from);
  const to = Date.parse(i.to);
  if (!(from < to)) {
    h.row(i.station, i.operator, null, reason, from);
    return;
  }
  while (from < to) {
    const end = Math.min(to, hourOf(from, h.minuteMs) + HOUR_MS);
    const r = h.row(i.station, i.operator, null, reason, from);
    r[column] += end - from;
    if (i.state !== 'offline') r.loggedInMs += end - from;
    from = end;
  }
}

function addRings(h: Hours, c: CallRecord): void {
  for (const v of c.queueVisits)
    for (const a of v.attempts) {
      if (a.operator === null) continue;
      const r = h.row(c.station, a.operator, v.queue, null, Date.parse(a.startedAt));
      r.rings++;
      if (a.result === 'no-answer' || a.result === 'rejected') r.missed++;
      if (r.memberName === null && a.memberName !== '') r.memberName = a.memberName;
    }
}

function addAnswers(h: Hours, c: CallRecord): void {
  for (const v of c.queueVisits) {
    const by = v.answeredBy?.operator ?? null;
    if (v.outcome !== 'answered' || by === null) continue;
    h.row(c.station, by, v.queue, null, Date.parse(v.leftAt)).answered++;
  }
}

/** The day's figures by operator and hour, from its calls and intervals as the scope sees them. */
export function operatorHourRows(
  calls: readonly CallRecord[],
  intervals: readonly OperatorInterval[],
  minuteMs = 0,
): OperatorHourRow[] {
  const h = new Hours(minuteMs);
  for (const i of intervals) addState(h, i);
  // Rings before answers: a row's member name is that of its first ring.
  for (const c of calls) addRings(h, c);
  for (const c of calls) addAnswers(h, c);
  for (const c of calls) {
    if (c.direction !== 'outbound' && c.direction !== 'internal') continue;
    const at = Date.parse(c.startedAt);
    const from = c.from.operator;
    const to = c.to.operator;
    if (from !== null) {
      const r = h.row(c.station, from, null, null, at);
      if (c.direction === 'outbound') {
        r.outbound++;
        r.outboundTalkMs += callTalkMs(c);
      } else r.internalMade++;
    }
    if (to !== null && c.direction === 'internal')
      h.row(c.station, to, null, null, at).internalReceived++;
  }
  return h.done();
}
