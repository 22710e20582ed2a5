// Queue visits as the queue reports read them: a row stands for one visit
// (the visits table) or for several alike (the server's queue-hours, summed
// by queue, outcome, hour and whole second of wait). Counts, sums and
// maxima are columns; `classWaitMs` is a wait that every threshold of
// whole seconds classes as it classes each visit of the row: the wait
// itself for a visit, the row's whole seconds plus half of one (or just
// the whole seconds when the waits were exactly that) for a sum.

import type { Dict, QueueHourFrame, VisitFrame } from './frames.ts';

export interface VisitSums {
  readonly length: number;
  readonly station: Dict;
  readonly queue: Dict;
  readonly outcome: Dict;
  /** Who answered, for the operator filter; null when rows are sums (which cannot be filtered so). */
  readonly answeredBy: Dict | null;
  /** When the visits joined (a sum: the UTC hour they joined in). */
  readonly joinedAt: Float64Array;
  /** How many visits a row stands for; null: one each. */
  readonly visits: Int32Array | null;
  readonly classWaitMs: Int32Array | Float64Array;
  readonly waitMs: Int32Array | Float64Array;
  readonly waitMsMax: Int32Array;
  readonly talkMs: Int32Array | Float64Array;
  readonly wrapUpMs: Int32Array | Float64Array;
  readonly transfers: Int32Array;
}

// Plain loops: a callback per row costs more than the rest of the report.
function transfersOf(codes: Int32Array): Int32Array {
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = (codes[i] ?? -1) >= 0 ? 1 : 0;
  return out;
}

function classWaits(h: QueueHourFrame): Float64Array {
  const out = new Float64Array(h.length);
  for (let i = 0; i < h.length; i++)
    out[i] = (h.waitS[i] ?? 0) * 1000 + (h.onTheSecond[i] === 1 ? 0 : 500);
  return out;
}

export function sumsOfVisits(v: VisitFrame): VisitSums {
  return {
    length: v.length,
    station: v.station,
    queue: v.queue,
    outcome: v.outcome,
    answeredBy: v.answeredBy,
    joinedAt: v.joinedAt,
    visits: null,
    classWaitMs: v.waitMs,
    waitMs: v.waitMs,
    waitMsMax: v.waitMs,
    talkMs: v.talkMs,
    wrapUpMs: v.wrapUpMs,
    transfers: transfersOf(v.transfer.codes),
  };
}

export function sumsOfHours(h: QueueHourFrame): VisitSums {
  return {
    length: h.length,
    station: h.station,
    queue: h.queue,
    outcome: h.outcome,
    answeredBy: null,
    joinedAt: h.hour,
    visits: h.visits,
    classWaitMs: classWaits(h),
    waitMs: h.waitMs,
    waitMsMax: h.waitMsMax,
    talkMs: h.talkMs,
    wrapUpMs: h.wrapUpMs,
    transfers: h.transfers,
  };
}
