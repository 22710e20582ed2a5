// Answered and abandoned calls by how long they waited, and offered,
// answered and abandoned by hour of the day and day of the week (each in
// the queue's own zone): the shapes, filled by queue-report.ts.

/** Bucket edges in seconds: [0,10), [10,20), … [300, ∞). */
export const WAIT_EDGES_S = [0, 10, 20, 30, 45, 60, 90, 120, 180, 300] as const;

export interface WaitBuckets {
  readonly edgesS: readonly number[];
  readonly answered: number[];
  readonly abandoned: number[];
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

/** The wait bucket a wait falls in. */
export function waitBucket(waitMs: number): number {
  let i = 0;
  while (i + 1 < EDGES_MS.length && waitMs >= (EDGES_MS[i + 1] ?? Infinity)) i++;
  return i;
}

const zeros = (n: number): number[] => new Array<number>(n).fill(0);

export function noWaits(): WaitBuckets {
  return {
    edgesS: [...WAIT_EDGES_S],
    answered: zeros(WAIT_EDGES_S.length),
    abandoned: zeros(WAIT_EDGES_S.length),
  };
}

export function noDistribution(): Distribution {
  return {
    byHour: { offered: zeros(24), answered: zeros(24), abandoned: zeros(24) },
    byWeekday: { offered: zeros(7), answered: zeros(7), abandoned: zeros(7) },
  };
}
