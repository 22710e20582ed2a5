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
// that begins when the talk ends (within a few seconds), as the server
// worked it out for each visit. The rows and their accumulators; the
// visits are summed into them by queue-report.ts.

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

export interface Acc {
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

export function newAcc(station: string, queue: string, zone: string, bucket: number): Acc {
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

export function add(into: Acc, from: Acc): void {
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

export function finish(a: Acc): QueueSummaryRow {
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
