// What every report is asked with: the period (wall-clock times), the grouping
// of time, the filters, and per queue its zone and service-level threshold.

import type { Grouping, Zone } from './zone.ts';

export interface QueueSettings {
  readonly zone: Zone;
  /** Answered (or abandoned) within this many seconds counts toward the service level. */
  readonly serviceLevelS: number;
}

export interface ReportOptions {
  /**
   * The period as wall-clock times (milliseconds read as UTC): each queue's
   * figures in the queue's zone ("today" is today there), operators' in `zone`.
   */
  readonly since: number;
  readonly until: number;
  readonly grouping: Grouping;
  /** A queue's zone and threshold (queues the directory does not know get the defaults). */
  readonly queue: (station: string, queue: string) => QueueSettings;
  /** Operators' rows are bucketed in this zone. */
  readonly zone: Zone;
  /** Abandoned sooner than this is a short abandon, counted apart. */
  readonly shortAbandonMs: number;
  readonly stations?: ReadonlySet<string>;
  readonly queues?: ReadonlySet<string>;
  readonly operators?: ReadonlySet<string>;
}

/** A filter over dictionary codes: null lets every code through. */
export function codeFilter(
  values: readonly string[],
  wanted: ReadonlySet<string> | undefined,
): Uint8Array | null {
  if (wanted === undefined || wanted.size === 0) return null;
  const keep = new Uint8Array(values.length);
  values.forEach((v, i) => {
    if (wanted.has(v)) keep[i] = 1;
  });
  return keep;
}

export function passes(filter: Uint8Array | null, code: number): boolean {
  return filter === null || (code >= 0 && filter[code] === 1);
}
