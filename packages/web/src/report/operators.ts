// Operator performance: per operator and time bucket (in the report's
// zone), calls answered from queues, rings missed, time in each state
// (an interval split where buckets end), pause time by reason, logged-in
// time, handle time and occupancy; and outbound and internal calls.
//
//   loggedInMs  every state but offline
//   ahtMs       (talking + wrap-up) / answered
//   occupancy   (ringing + talking + wrap-up) / (idle + ringing + talking + wrap-up)
//   missed      rings not answered: no answer or rejected (busy is the phone in use)

import type { AttemptFrame, CallFrame, Dict, IntervalFrame, VisitFrame } from './frames.ts';
import { OperatorAccs, type Acc, type OperatorRow } from './operator-acc.ts';
import { codeFilter, passes, type ReportOptions } from './options.ts';
import { bucketOf, nextBucket } from './zone.ts';

export interface OperatorFrames {
  readonly visits: VisitFrame | null;
  readonly attempts: AttemptFrame | null;
  readonly intervals: IntervalFrame | null;
  readonly calls: CallFrame | null;
}

export type { OperatorRow };

export function operatorReport(f: OperatorFrames, o: ReportOptions): OperatorRow[] {
  const accs = new OperatorAccs();
  const { names } = accs;
  const stationsOf = (d: Dict): Int32Array => accs.stationsOf(d);
  const operatorsOf = (d: Dict): Int32Array => accs.operatorsOf(d);
  const who = (s: number, p: number): number => accs.who(s, p);
  const acc = (s: number, p: number, bucket: number): Acc => accs.acc(s, p, bucket);
  /** The local time of an instant in the period, or NaN outside it. */
  const localIn = (t: number): number => {
    const local = o.zone.local(t);
    return local >= o.since && local < o.until ? local : Number.NaN;
  };
  const bucket = (t: number): number => bucketOf(o.zone.local(t), o.grouping);
  const since = o.zone.utcOf(o.since);
  const until = o.zone.utcOf(o.until);

  const iv = f.intervals;
  if (iv) {
    const st = codeFilter(iv.station.values, o.stations);
    const op = codeFilter(iv.operator.values, o.operators);
    const sIds = stationsOf(iv.station);
    const pIds = operatorsOf(iv.operator);
    const stateKind = iv.kind.values.indexOf('state');
    const S = (name: string): number => iv.state.values.indexOf(name);
    const [OFFLINE, TALKING, WRAP, IDLE, RINGING, PAUSED] = [
      S('offline'),
      S('talking'),
      S('wrap-up'),
      S('idle'),
      S('ringing'),
      S('paused'),
    ];
    for (let i = 0; i < iv.length; i++) {
      if (iv.kind.codes[i] !== stateKind) continue;
      const sc = iv.station.codes[i] ?? -1;
      const pc = iv.operator.codes[i] ?? -1;
      if (sc < 0 || pc < 0 || !passes(st, sc) || !passes(op, pc)) continue;
      const s = sIds[sc] ?? 0;
      const p = pIds[pc] ?? 0;
      const name = iv.name.values[iv.name.codes[i] ?? -1];
      if (name !== undefined) names.set(who(s, p), name);
      const state = iv.state.codes[i] ?? -1;
      let from = Math.max(iv.startedAt[i] ?? 0, since);
      const to = Math.min(iv.endedAt[i] ?? 0, until);
      while (from < to) {
        const b = bucket(from);
        const end = Math.min(to, o.zone.utcOf(nextBucket(b, o.grouping)));
        const ms = Math.max(0, end - from);
        const a = acc(s, p, b);
        if (state !== OFFLINE) a.loggedInMs += ms;
        if (state === TALKING) a.talkingMs += ms;
        else if (state === WRAP) a.wrapUpMs += ms;
        else if (state === IDLE) a.idleMs += ms;
        else if (state === RINGING) a.ringingMs += ms;
        else if (state === PAUSED) {
          const reason = iv.reason.values[iv.reason.codes[i] ?? -1] ?? '';
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
    const sIds = stationsOf(v.station);
    const pIds = operatorsOf(v.answeredBy);
    const A = v.outcome.values.indexOf('answered');
    for (let i = 0; i < v.length; i++) {
      if (v.outcome.codes[i] !== A) continue;
      const p = v.answeredBy.codes[i] ?? -1;
      const s = v.station.codes[i] ?? -1;
      if (p < 0 || s < 0 || !passes(st, s) || !passes(qs, v.queue.codes[i] ?? -1)) continue;
      if (!passes(op, p)) continue;
      const local = localIn(v.leftAt[i] ?? 0);
      if (Number.isNaN(local)) continue;
      acc(sIds[s] ?? 0, pIds[p] ?? 0, bucketOf(local, o.grouping)).answered++;
    }
  }

  const t = f.attempts;
  if (t) {
    const st = codeFilter(t.station.values, o.stations);
    const qs = codeFilter(t.queue.values, o.queues);
    const op = codeFilter(t.operator.values, o.operators);
    const sIds = stationsOf(t.station);
    const pIds = operatorsOf(t.operator);
    const missed = new Set([
      t.result.values.indexOf('no-answer'),
      t.result.values.indexOf('rejected'),
    ]);
    missed.delete(-1);
    for (let i = 0; i < t.length; i++) {
      const p = t.operator.codes[i] ?? -1;
      const s = t.station.codes[i] ?? -1;
      if (p < 0 || s < 0 || !passes(st, s) || !passes(qs, t.queue.codes[i] ?? -1)) continue;
      if (!passes(op, p)) continue;
      const local = localIn(t.startedAt[i] ?? 0);
      if (Number.isNaN(local)) continue;
      const id = who(sIds[s] ?? 0, pIds[p] ?? 0);
      if (!names.has(id)) {
        const member = t.memberName.values[t.memberName.codes[i] ?? -1];
        if (member !== undefined && member !== '') names.set(id, member);
      }
      const a = acc(sIds[s] ?? 0, pIds[p] ?? 0, bucketOf(local, o.grouping));
      a.rings++;
      if (missed.has(t.result.codes[i] ?? -1)) a.missed++;
    }
  }

  const c = f.calls;
  if (c) {
    const st = codeFilter(c.station.values, o.stations);
    const op = codeFilter([...c.fromOperator.values, ...c.toOperator.values], o.operators);
    const sIds = stationsOf(c.station);
    const fromIds = operatorsOf(c.fromOperator);
    const toIds = operatorsOf(c.toOperator);
    const OUT = c.direction.values.indexOf('outbound');
    const INT = c.direction.values.indexOf('internal');
    const fromN = c.fromOperator.values.length;
    for (let i = 0; i < c.length; i++) {
      const s = c.station.codes[i] ?? -1;
      if (s < 0 || !passes(st, s)) continue;
      const local = localIn(c.startedAt[i] ?? 0);
      if (Number.isNaN(local)) continue;
      const b = bucketOf(local, o.grouping);
      const dir = c.direction.codes[i];
      const from = c.fromOperator.codes[i] ?? -1;
      const to = c.toOperator.codes[i] ?? -1;
      if (from >= 0 && passes(op, from) && (dir === OUT || dir === INT)) {
        const a = acc(sIds[s] ?? 0, fromIds[from] ?? 0, b);
        if (dir === OUT) {
          a.outbound++;
          a.outboundTalkMs += c.talkMs[i] ?? 0;
        } else a.internalMade++;
      }
      if (to >= 0 && passes(op, fromN + to) && dir === INT)
        acc(sIds[s] ?? 0, toIds[to] ?? 0, b).internalReceived++;
    }
  }

  return accs.rows();
}
