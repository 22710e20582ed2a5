// Answered and abandoned calls by how long they waited, and offered,
// answered and abandoned by hour of the day and day of the week (each in
// the queue's own zone).

import type { ReportOptions } from './options.ts';
import { visitLocals } from './select.ts';
import type { VisitSums } from './visit-sums.ts';
import { dayOfWeek, hourOfDay } from './zone.ts';

/** Bucket edges in seconds: [0,10), [10,20), … [300, ∞). */
export const WAIT_EDGES_S = [0, 10, 20, 30, 45, 60, 90, 120, 180, 300] as const;

export interface WaitBuckets {
  readonly edgesS: readonly number[];
  readonly answered: readonly number[];
  readonly abandoned: readonly number[];
}

export interface Distribution {
  /** Index 0–23. */
  readonly byHour: {
    readonly offered: number[];
    readonly answered: number[];
    readonly abandoned: number[];
  };
  /** Index 0 (Monday) – 6 (Sunday). */
  readonly byWeekday: {
    readonly offered: number[];
    readonly answered: number[];
    readonly abandoned: number[];
  };
}

const EDGES_MS = Float64Array.from(WAIT_EDGES_S, (s) => s * 1000);

function bucketIndex(waitMs: number): number {
  let i = 0;
  while (i + 1 < EDGES_MS.length && waitMs >= (EDGES_MS[i + 1] ?? Infinity)) i++;
  return i;
}

export function waitBuckets(
  v: VisitSums,
  o: ReportOptions,
  locals: Float64Array = visitLocals(v, o),
): WaitBuckets {
  const answered = new Array<number>(WAIT_EDGES_S.length).fill(0);
  const abandoned = new Array<number>(WAIT_EDGES_S.length).fill(0);
  const A = v.outcome.values.indexOf('answered');
  const X = v.outcome.values.indexOf('abandoned');
  for (let i = 0; i < v.length; i++) {
    if (Number.isNaN(locals[i])) continue;
    const out = v.outcome.codes[i];
    const n = v.visits === null ? 1 : (v.visits[i] ?? 0);
    const b = bucketIndex(v.classWaitMs[i] ?? 0);
    if (out === A) answered[b] = (answered[b] ?? 0) + n;
    else if (out === X) abandoned[b] = (abandoned[b] ?? 0) + n;
  }
  return { edgesS: [...WAIT_EDGES_S], answered, abandoned };
}

export function distribution(
  v: VisitSums,
  o: ReportOptions,
  locals: Float64Array = visitLocals(v, o),
): Distribution {
  const zeros = (n: number): number[] => new Array<number>(n).fill(0);
  const byHour = { offered: zeros(24), answered: zeros(24), abandoned: zeros(24) };
  const byWeekday = { offered: zeros(7), answered: zeros(7), abandoned: zeros(7) };
  const A = v.outcome.values.indexOf('answered');
  const X = v.outcome.values.indexOf('abandoned');
  for (let i = 0; i < v.length; i++) {
    const local = locals[i] ?? Number.NaN;
    if (Number.isNaN(local)) continue;
    const h = hourOfDay(local);
    const d = dayOfWeek(local);
    const out = v.outcome.codes[i];
    const n = v.visits === null ? 1 : (v.visits[i] ?? 0);
    byHour.offered[h] = (byHour.offered[h] ?? 0) + n;
    byWeekday.offered[d] = (byWeekday.offered[d] ?? 0) + n;
    if (out === A) {
      byHour.answered[h] = (byHour.answered[h] ?? 0) + n;
      byWeekday.answered[d] = (byWeekday.answered[d] ?? 0) + n;
    } else if (out === X) {
      byHour.abandoned[h] = (byHour.abandoned[h] ?? 0) + n;
      byWeekday.abandoned[d] = (byWeekday.abandoned[d] ?? 0) + n;
    }
  }
  return { byHour, byWeekday };
}
