// Operator performance: per operator and time bucket (in the report's
// zone), calls answered from queues, rings missed, time in each state
// (an interval split where buckets end), pause time by reason, logged-in
// time, handle time and occupancy; and outbound and internal calls.
//
//   loggedInMs  every state but offline
//   ahtMs       (talking + wrap-up) / answered
//   occupancy   (ringing + talking + wrap-up) / (idle + ringing + talking + wrap-up)
//   missed      rings not answered: no answer or rejected (busy is the phone in use)

import type { AttemptFrame, CallFrame, IntervalFrame, VisitFrame } from './frames.ts';
import { codeFilter, passes, type ReportOptions } from './options.ts';
import { bucketOf, nextBucket } from './zone.ts';

export interface OperatorRow {
  readonly station: string;
  readonly operator: string;
  readonly name: string | null;
  readonly bucket: number;
  readonly answered: number;
  readonly rings: number;
  readonly missed: number;
  readonly talkingMs: number;
  readonly wrapUpMs: number;
  readonly idleMs: number;
  readonly ringingMs: number;
  readonly pausedMs: number;
  readonly pausedByReason: Readonly<Record<string, number>>;
  readonly loggedInMs: number;
  readonly ahtMs: number | null;
  readonly occupancy: number | null;
  readonly outbound: number;
  readonly outboundTalkMs: number;
  readonly internalMade: number;
  readonly internalReceived: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Acc = Mutable<Omit<OperatorRow, 'ahtMs' | 'occupancy' | 'pausedByReason'>> & {
  pausedByReason: Record<string, number>;
};

export interface OperatorFrames {
  readonly visits: VisitFrame | null;
  readonly attempts: AttemptFrame | null;
  readonly intervals: IntervalFrame | null;
  readonly calls: CallFrame | null;
}

export function operatorReport(f: OperatorFrames, o: ReportOptions): OperatorRow[] {
  const accs = new Map<string, Acc>();
  const names = new Map<string, string>();
  const acc = (station: string, operator: string, bucket: number): Acc => {
    const key = `${station}\u0000${operator}\u0000${bucket}`;
    let a = accs.get(key);
    if (!a) {
      a = {
        station,
        operator,
        name: null,
        bucket,
        answered: 0,
        rings: 0,
        missed: 0,
        talkingMs: 0,
        wrapUpMs: 0,
        idleMs: 0,
        ringingMs: 0,
        pausedMs: 0,
        pausedByReason: {},
        loggedInMs: 0,
        outbound: 0,
        outboundTalkMs: 0,
        internalMade: 0,
        internalReceived: 0,
      };
      accs.set(key, a);
    }
    return a;
  };
  const inRange = (t: number): boolean => {
    const local = o.zone.local(t);
    return local >= o.since && local < o.until;
  };
  const bucket = (t: number): number => bucketOf(o.zone.local(t), o.grouping);
  const since = o.zone.utcOf(o.since);
  const until = o.zone.utcOf(o.until);

  const iv = f.intervals;
  if (iv) {
    const st = codeFilter(iv.station.values, o.stations);
    const op = codeFilter(iv.operator.values, o.operators);
    const stateKind = iv.kind.values.indexOf('state');
    for (let i = 0; i < iv.length; i++) {
      if (iv.kind.codes[i] !== stateKind) continue;
      const s = iv.station.codes[i] ?? -1;
      const p = iv.operator.codes[i] ?? -1;
      if (!passes(st, s) || !passes(op, p)) continue;
      const station = iv.station.values[s] ?? '';
      const operator = iv.operator.values[p] ?? '';
      const name = iv.name.values[iv.name.codes[i] ?? -1];
      if (name !== undefined) names.set(`${station}\u0000${operator}`, name);
      const state = iv.state.values[iv.state.codes[i] ?? -1] ?? '';
      const reason = iv.reason.values[iv.reason.codes[i] ?? -1] ?? '';
      let from = Math.max(iv.startedAt[i] ?? 0, since);
      const to = Math.min(iv.endedAt[i] ?? 0, until);
      while (from < to) {
        const b = bucket(from);
        const end = Math.min(to, o.zone.utcOf(nextBucket(b, o.grouping)));
        const ms = Math.max(0, end - from);
        const a = acc(station, operator, b);
        if (state !== 'offline') a.loggedInMs += ms;
        if (state === 'talking') a.talkingMs += ms;
        else if (state === 'wrap-up') a.wrapUpMs += ms;
        else if (state === 'idle') a.idleMs += ms;
        else if (state === 'ringing') a.ringingMs += ms;
        else if (state === 'paused') {
          a.pausedMs += ms;
          a.pausedByReason[reason] = (a.pausedByReason[reason] ?? 0) + ms;
        }
        if (end <= from) break;
        from = end;
      }
    }
  }

  const v = f.visits;
  if (v) {
    const st = codeFilter(v.station.values, o.stations);
    const qs = codeFilter(v.queue.values, o.queues);
    const op = codeFilter(v.answeredBy.values, o.operators);
    const A = v.outcome.values.indexOf('answered');
    for (let i = 0; i < v.length; i++) {
      if (v.outcome.codes[i] !== A) continue;
      const at = v.leftAt[i] ?? 0;
      const p = v.answeredBy.codes[i] ?? -1;
      const s = v.station.codes[i] ?? -1;
      if (p < 0 || !inRange(at) || !passes(st, s) || !passes(qs, v.queue.codes[i] ?? -1)) continue;
      if (!passes(op, p)) continue;
      acc(v.station.values[s] ?? '', v.answeredBy.values[p] ?? '', bucket(at)).answered++;
    }
  }

  const t = f.attempts;
  if (t) {
    const st = codeFilter(t.station.values, o.stations);
    const qs = codeFilter(t.queue.values, o.queues);
    const op = codeFilter(t.operator.values, o.operators);
    const missed = new Set([
      t.result.values.indexOf('no-answer'),
      t.result.values.indexOf('rejected'),
    ]);
    missed.delete(-1);
    for (let i = 0; i < t.length; i++) {
      const at = t.startedAt[i] ?? 0;
      const p = t.operator.codes[i] ?? -1;
      const s = t.station.codes[i] ?? -1;
      if (p < 0 || !inRange(at) || !passes(st, s) || !passes(qs, t.queue.codes[i] ?? -1)) continue;
      if (!passes(op, p)) continue;
      const station = t.station.values[s] ?? '';
      const operator = t.operator.values[p] ?? '';
      const member = t.memberName.values[t.memberName.codes[i] ?? -1];
      const key = `${station}\u0000${operator}`;
      if (member !== undefined && member !== '' && !names.has(key)) names.set(key, member);
      const a = acc(station, operator, bucket(at));
      a.rings++;
      if (missed.has(t.result.codes[i] ?? -1)) a.missed++;
    }
  }

  const c = f.calls;
  if (c) {
    const st = codeFilter(c.station.values, o.stations);
    const op = codeFilter([...c.fromOperator.values, ...c.toOperator.values], o.operators);
    const OUT = c.direction.values.indexOf('outbound');
    const INT = c.direction.values.indexOf('internal');
    const fromN = c.fromOperator.values.length;
    for (let i = 0; i < c.length; i++) {
      const at = c.startedAt[i] ?? 0;
      const s = c.station.codes[i] ?? -1;
      if (!inRange(at) || !passes(st, s)) continue;
      const dir = c.direction.codes[i];
      const station = c.station.values[s] ?? '';
      const from = c.fromOperator.codes[i] ?? -1;
      const to = c.toOperator.codes[i] ?? -1;
      if (from >= 0 && passes(op, from) && (dir === OUT || dir === INT)) {
        const a = acc(station, c.fromOperator.values[from] ?? '', bucket(at));
        if (dir === OUT) {
          a.outbound++;
          a.outboundTalkMs += c.talkMs[i] ?? 0;
        } else a.internalMade++;
      }
      if (to >= 0 && passes(op, fromN + to) && dir === INT)
        acc(station, c.toOperator.values[to] ?? '', bucket(at)).internalReceived++;
    }
  }

  return [...accs.values()]
    .map((a) => {
      const busy = a.ringingMs + a.talkingMs + a.wrapUpMs;
      const available = busy + a.idleMs;
      return {
        ...a,
        name: names.get(`${a.station}\u0000${a.operator}`) ?? null,
        ahtMs: a.answered === 0 ? null : (a.talkingMs + a.wrapUpMs) / a.answered,
        occupancy: available === 0 ? null : busy / available,
      };
    })
    .sort(
      (x, y) =>
        x.station.localeCompare(y.station) ||
        (x.name ?? x.operator).localeCompare(y.name ?? y.operator) ||
        x.bucket - y.bucket,
    );
}
