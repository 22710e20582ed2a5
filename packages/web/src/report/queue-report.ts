// The queue reports in one pass over the visits (or their hourly sums):
// the summary per queue and bucket, the wait buckets and the distribution
// by hour and weekday. A visit counts when it passes the filters and
// joined within the period on its queue's own clock. One loop rather than
// one per report: a report is read once, in a worker started for it, where
// every loop first runs unoptimised.
//
// (Sums of an hour join at the hour's start: on the queue's clock that is
// the start of one of its hours when the sums' hours begin at the minute
// past UTC's that the zone's do: hourMinute in zone.ts.)

import { codeFilter, passes, type QueueSettings, type ReportOptions } from './options.ts';
import { add, finish, newAcc, type Acc, type QueueSummaryRow } from './queue-summary.ts';
import type { VisitSums } from './visit-sums.ts';
import {
  noDistribution,
  noWaits,
  waitBucket,
  type Distribution,
  type WaitBuckets,
} from './waits.ts';
import { bucketOf, dayOfWeek, hourOfDay } from './zone.ts';

export interface QueueReport {
  readonly rows: QueueSummaryRow[];
  readonly total: QueueSummaryRow;
  readonly waits: WaitBuckets;
  readonly distribution: Distribution;
}

/** The codes of the outcomes the summary counts apart (-1: no row has it). */
function outcomeCodes(values: readonly string[]) {
  const code = (name: string): number => values.indexOf(name);
  return {
    answered: code('answered'),
    abandoned: code('abandoned'),
    timeout: code('timeout'),
    exitEmpty: code('exit-empty'),
    exitKey: code('exit-key'),
    withdraw: code('withdraw'),
    transferred: code('transferred'),
  };
}

interface Pair {
  readonly station: string;
  readonly queue: string;
  readonly settings: QueueSettings;
}

/** What the frames of a report are summed into: a queue has one id in every frame. */
class Totals {
  readonly accs = new Map<number, Acc>();
  readonly waits = noWaits();
  readonly distribution = noDistribution();
  readonly pairs: Pair[] = [];
  private readonly ids = new Map<string, number>();

  /** Per (station code, queue code) of a frame: its queue's id, -1 when the filters leave it out. */
  pairsOf(v: VisitSums, o: ReportOptions): Int32Array {
    const stations = codeFilter(v.station.values, o.stations);
    const queues = codeFilter(v.queue.values, o.queues);
    const nQ = v.queue.values.length;
    const out = new Int32Array(v.station.values.length * nQ).fill(-1);
    v.station.values.forEach((station, s) => {
      if (!passes(stations, s)) return;
      v.queue.values.forEach((queue, q) => {
        if (!passes(queues, q)) return;
        const key = `${station}\u0000${queue}`;
        let id = this.ids.get(key);
        if (id === undefined) {
          id = this.pairs.push({ station, queue, settings: o.queue(station, queue) }) - 1;
          this.ids.set(key, id);
        }
        out[s * nQ + q] = id;
      });
    });
    return out;
  }
}

/** One frame (a day) summed into the totals. */
function addFrame(v: VisitSums, o: ReportOptions, t: Totals): void {
  const answeredBy = v.answeredBy;
  const operators = codeFilter(answeredBy?.values ?? [], o.operators);
  if (operators !== null && answeredBy === null)
    throw new Error('sums of visits cannot be filtered by operator');
  const O = outcomeCodes(v.outcome.values);
  const pairs = t.pairsOf(v, o);
  const nQ = v.queue.values.length;
  const { waits } = t;
  const { byHour, byWeekday } = t.distribution;
  // A number per queue and bucket (every bucket starts on a whole hour): no string per row.
  let a: Acc | null = null;
  let lastKey = Number.NaN;
  let pair: Pair | null = null;
  let lastPair = -1;
  // Rows of a queue and hour come together (the server sends sums so): their clock is read once.
  let lastJoined = Number.NaN;
  let local = Number.NaN;
  let bucket = 0;
  let hour = 0;
  let weekday = 0;
  for (let i = 0; i < v.length; i++) {
    const s = v.station.codes[i] ?? -1;
    const q = v.queue.codes[i] ?? -1;
    if (s < 0 || q < 0) continue;
    const p = pairs[s * nQ + q] ?? -1;
    if (p < 0) continue;
    if (p !== lastPair || pair === null) {
      lastPair = p;
      pair = t.pairs[p] ?? null;
      lastJoined = Number.NaN;
      if (pair === null) continue;
    }
    if (operators !== null && !passes(operators, answeredBy?.codes[i] ?? -1)) continue;
    const set = pair.settings;
    const joined = v.joinedAt[i] ?? 0;
    if (joined !== lastJoined) {
      lastJoined = joined;
      local = set.zone.local(joined);
      bucket = bucketOf(local, o.grouping);
      hour = hourOfDay(local);
      weekday = dayOfWeek(local);
    }
    if (!(local >= o.since && local < o.until)) continue;
    const key = (bucket / 3_600_000) * 1_048_576 + p;
    if (a === null || key !== lastKey) {
      lastKey = key;
      a = t.accs.get(key) ?? null;
      if (a === null) {
        a = newAcc(pair.station, pair.queue, set.zone.name, bucket);
        t.accs.set(key, a);
      }
    }
    const n = v.visits === null ? 1 : (v.visits[i] ?? 0);
    const wait = v.waitMs[i] ?? 0;
    const classWait = v.classWaitMs[i] ?? 0;
    const inSl = classWait <= set.serviceLevelS * 1000 ? n : 0;
    const out = v.outcome.codes[i];
    a.offered += n;
    a.waitSum += wait;
    const max = v.waitMsMax[i] ?? 0;
    if (max > a.maxWaitMs) a.maxWaitMs = max;
    a.transfers += v.transfers[i] ?? 0;
    byHour.offered[hour] = (byHour.offered[hour] ?? 0) + n;
    byWeekday.offered[weekday] = (byWeekday.offered[weekday] ?? 0) + n;
    if (out === O.answered) {
      a.answered += n;
      a.answeredWaitSum += wait;
      a.answeredInSl += inSl;
      a.talkMs += v.talkMs[i] ?? 0;
      a.wrapUpMs += v.wrapUpMs[i] ?? 0;
      const b = waitBucket(classWait);
      waits.answered[b] = (waits.answered[b] ?? 0) + n;
      byHour.answered[hour] = (byHour.answered[hour] ?? 0) + n;
      byWeekday.answered[weekday] = (byWeekday.answered[weekday] ?? 0) + n;
    } else if (out === O.abandoned) {
      if (classWait < o.shortAbandonMs) a.shortAbandoned += n;
      else a.abandoned += n;
      a.abandonedInSl += inSl;
      const b = waitBucket(classWait);
      waits.abandoned[b] = (waits.abandoned[b] ?? 0) + n;
      byHour.abandoned[hour] = (byHour.abandoned[hour] ?? 0) + n;
      byWeekday.abandoned[weekday] = (byWeekday.abandoned[weekday] ?? 0) + n;
    } else if (out === O.timeout) a.timeout += n;
    else if (out === O.exitEmpty) a.exitEmpty += n;
    else if (out === O.exitKey) a.exitKey += n;
    else if (out === O.withdraw) a.withdraw += n;
    else if (out === O.transferred) a.transferredOut += n;
    else a.unknown += n;
  }
}

/** The queue reports of a period's frames (days of visits, or of their hourly sums). */
export function queueReport(frames: readonly VisitSums[], o: ReportOptions): QueueReport {
  const t = new Totals();
  for (const v of frames) addFrame(v, o, t);
  const list = [...t.accs.values()].sort(
    (x, y) =>
      x.station.localeCompare(y.station) || x.queue.localeCompare(y.queue) || x.bucket - y.bucket,
  );
  const total = newAcc('', '', '', 0);
  for (const x of list) add(total, x);
  return {
    rows: list.map(finish),
    total: finish(total),
    waits: t.waits,
    distribution: t.distribution,
  };
}
