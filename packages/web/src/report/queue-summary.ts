// The queue summary: per queue and time bucket (in the queue's own zone),
// what was offered and what became of it, the service level by both of
// Asterisk's definitions, speed of answer, waits, handle time, transfers.
//
//   offered       queue visits that joined in the period
//   abandoned     the caller hung up while waiting, not sooner than the
//                 short-abandon threshold; `shortAbandoned` apart
//   serviceLevel  answered within the queue's threshold / answered
//                 (app_queue's ServicelevelPerf)
//   serviceLevel2 (answered + abandoned within it) / (answered + abandoned),
//                 short abandons included (app_queue's ServicelevelPerf2)
//   asa           mean wait of the answered; aht mean talk + wrap-up
//
// Wrap-up of an answered visit: the answering operator's wrap-up interval
// that begins when the talk ends (within a few seconds).

import type { IntervalFrame, VisitFrame } from './frames.ts';
import { codeFilter, passes, settingsByCode, type ReportOptions } from './options.ts';
import { bucketOf } from './zone.ts';

export interface QueueSummaryRow {
  readonly station: string;
  /** '' on the total row. */
  readonly queue: string;
  readonly zone: string;
  /** Local start of the bucket, read as UTC (0 for the whole period). */
  readonly bucket: number;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly shortAbandoned: number;
  readonly timeout: number;
  readonly exitEmpty: number;
  readonly exitKey: number;
  readonly withdraw: number;
  readonly transferredOut: number;
  readonly unknown: number;
  readonly answeredInSl: number;
  readonly abandonedInSl: number;
  readonly serviceLevel: number | null;
  readonly serviceLevel2: number | null;
  readonly asaMs: number | null;
  readonly avgWaitMs: number | null;
  readonly maxWaitMs: number;
  readonly talkMs: number;
  readonly wrapUpMs: number;
  readonly ahtMs: number | null;
  readonly transfers: number;
}

interface Acc {
  station: string;
  queue: string;
  zone: string;
  bucket: number;
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  timeout: number;
  exitEmpty: number;
  exitKey: number;
  withdraw: number;
  transferredOut: number;
  unknown: number;
  answeredInSl: number;
  abandonedInSl: number;
  waitSum: number;
  answeredWaitSum: number;
  maxWaitMs: number;
  talkMs: number;
  wrapUpMs: number;
  transfers: number;
}

const WRAP_UP_SLACK_MS = 5000;

function newAcc(station: string, queue: string, zone: string, bucket: number): Acc {
  return {
    station,
    queue,
    zone,
    bucket,
    offered: 0,
    answered: 0,
    abandoned: 0,
    shortAbandoned: 0,
    timeout: 0,
    exitEmpty: 0,
    exitKey: 0,
    withdraw: 0,
    transferredOut: 0,
    unknown: 0,
    answeredInSl: 0,
    abandonedInSl: 0,
    waitSum: 0,
    answeredWaitSum: 0,
    maxWaitMs: 0,
    talkMs: 0,
    wrapUpMs: 0,
    transfers: 0,
  };
}

function add(into: Acc, from: Acc): void {
  for (const k of [
    'offered',
    'answered',
    'abandoned',
    'shortAbandoned',
    'timeout',
    'exitEmpty',
    'exitKey',
    'withdraw',
    'transferredOut',
    'unknown',
    'answeredInSl',
    'abandonedInSl',
    'waitSum',
    'answeredWaitSum',
    'talkMs',
    'wrapUpMs',
    'transfers',
  ] as const)
    into[k] += from[k];
  into.maxWaitMs = Math.max(into.maxWaitMs, from.maxWaitMs);
}

function finish(a: Acc): QueueSummaryRow {
  const abandonedAll = a.abandoned + a.shortAbandoned;
  const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);
  return {
    station: a.station,
    queue: a.queue,
    zone: a.zone,
    bucket: a.bucket,
    offered: a.offered,
    answered: a.answered,
    abandoned: a.abandoned,
    shortAbandoned: a.shortAbandoned,
    timeout: a.timeout,
    exitEmpty: a.exitEmpty,
    exitKey: a.exitKey,
    withdraw: a.withdraw,
    transferredOut: a.transferredOut,
    unknown: a.unknown,
    answeredInSl: a.answeredInSl,
    abandonedInSl: a.abandonedInSl,
    serviceLevel: ratio(a.answeredInSl, a.answered),
    serviceLevel2: ratio(a.answeredInSl + a.abandonedInSl, a.answered + abandonedAll),
    asaMs: ratio(a.answeredWaitSum, a.answered),
    avgWaitMs: ratio(a.waitSum, a.offered),
    maxWaitMs: a.maxWaitMs,
    talkMs: a.talkMs,
    wrapUpMs: a.wrapUpMs,
    ahtMs: ratio(a.talkMs + a.wrapUpMs, a.answered),
    transfers: a.transfers,
  };
}

/** Each operator's wrap-up intervals, by start: the handle time's second half. */
class WrapUps {
  private readonly byOperator = new Map<string, { starts: number[]; ends: number[] }>();

  constructor(intervals: IntervalFrame | null) {
    if (!intervals) return;
    const wrap = intervals.state.values.indexOf('wrap-up');
    if (wrap < 0) return;
    // Rows come a day at a time in the order they ended: nearly in start order already.
    const lists: { starts: number[]; ends: number[]; sorted: boolean }[] = [];
    const { codes } = intervals.operator;
    for (let i = 0; i < intervals.length; i++) {
      if (intervals.state.codes[i] !== wrap) continue;
      const op = codes[i] ?? -1;
      if (op < 0) continue;
      let list = lists[op];
      if (!list) lists[op] = list = { starts: [], ends: [], sorted: true };
      const start = intervals.startedAt[i] ?? 0;
      const last = list.starts[list.starts.length - 1];
      if (last !== undefined && start < last) list.sorted = false;
      list.starts.push(start);
      list.ends.push(intervals.endedAt[i] ?? start);
    }
    lists.forEach((list, op) => {
      const name = intervals.operator.values[op];
      if (name === undefined) return;
      if (!list.sorted) {
        const order = list.starts
          .map((_, k) => k)
          .sort((a, b) => (list.starts[a] ?? 0) - (list.starts[b] ?? 0));
        list.starts = order.map((k) => list.starts[k] ?? 0);
        list.ends = order.map((k) => list.ends[k] ?? 0);
      }
      this.byOperator.set(name, { starts: list.starts, ends: list.ends });
    });
  }

  /** The wrap-up the operator began at `at` (give or take a few seconds), in ms. */
  after(operator: string, at: number): number {
    const list = this.byOperator.get(operator);
    if (!list) return 0;
    const s = list.starts;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((s[mid] ?? 0) < at - WRAP_UP_SLACK_MS) lo = mid + 1;
      else hi = mid;
    }
    const start = s[lo];
    if (start === undefined || start > at + WRAP_UP_SLACK_MS) return 0;
    return Math.max(0, (list.ends[lo] ?? start) - start);
  }
}

export function queueSummary(
  visits: VisitFrame,
  intervals: IntervalFrame | null,
  o: ReportOptions,
): { readonly rows: QueueSummaryRow[]; readonly total: QueueSummaryRow } {
  const stations = codeFilter(visits.station.values, o.stations);
  const queues = codeFilter(visits.queue.values, o.queues);
  const operators = codeFilter(visits.answeredBy.values, o.operators);
  const outcome = (name: string): number => visits.outcome.values.indexOf(name);
  const O = {
    answered: outcome('answered'),
    abandoned: outcome('abandoned'),
    timeout: outcome('timeout'),
    exitEmpty: outcome('exit-empty'),
    exitKey: outcome('exit-key'),
    withdraw: outcome('withdraw'),
    transferred: outcome('transferred'),
  };
  const wrapUps = new WrapUps(intervals);
  const settingsOf = settingsByCode(visits.station.values, visits.queue.values, o);
  const accs = new Map<string, Acc>();
  for (let i = 0; i < visits.length; i++) {
    const s = visits.station.codes[i] ?? -1;
    const q = visits.queue.codes[i] ?? -1;
    if (s < 0 || q < 0 || !passes(stations, s) || !passes(queues, q)) continue;
    if (operators !== null && !passes(operators, visits.answeredBy.codes[i] ?? -1)) continue;
    const set = settingsOf(s, q);
    const local = set.zone.local(visits.joinedAt[i] ?? 0);
    if (local < o.since || local >= o.until) continue;
    const bucket = bucketOf(local, o.grouping);
    const key = `${s}\u0000${q}\u0000${bucket}`;
    let a = accs.get(key);
    if (!a) {
      a = newAcc(
        visits.station.values[s] ?? '',
        visits.queue.values[q] ?? '',
        set.zone.name,
        bucket,
      );
      accs.set(key, a);
    }
    const wait = visits.waitMs[i] ?? 0;
    const inSl = wait <= set.serviceLevelS * 1000;
    const out = visits.outcome.codes[i];
    a.offered++;
    a.waitSum += wait;
    if (wait > a.maxWaitMs) a.maxWaitMs = wait;
    if ((visits.transfer.codes[i] ?? -1) >= 0) a.transfers++;
    if (out === O.answered) {
      a.answered++;
      a.answeredWaitSum += wait;
      if (inSl) a.answeredInSl++;
      const talk = visits.talkMs[i] ?? 0;
      a.talkMs += talk;
      const op = visits.answeredBy.values[visits.answeredBy.codes[i] ?? -1];
      if (op !== undefined) a.wrapUpMs += wrapUps.after(op, (visits.leftAt[i] ?? 0) + talk);
    } else if (out === O.abandoned) {
      if (wait < o.shortAbandonMs) a.shortAbandoned++;
      else a.abandoned++;
      if (inSl) a.abandonedInSl++;
    } else if (out === O.timeout) a.timeout++;
    else if (out === O.exitEmpty) a.exitEmpty++;
    else if (out === O.exitKey) a.exitKey++;
    else if (out === O.withdraw) a.withdraw++;
    else if (out === O.transferred) a.transferredOut++;
    else a.unknown++;
  }
  const list = [...accs.values()].sort(
    (x, y) =>
      x.station.localeCompare(y.station) || x.queue.localeCompare(y.queue) || x.bucket - y.bucket,
  );
  const total = newAcc('', '', '', 0);
  for (const a of list) add(total, a);
  return { rows: list.map(finish), total: finish(total) };
}
