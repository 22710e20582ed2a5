// The wrap-up of an answered queue visit: the answering operator's wrap-up
// interval that begins when the talk ends, give or take a few seconds.
// Worked out here, once per day of report data, so a queue summary needs
// the visits alone (not every operator interval of the period). Pure.

import type { OperatorInterval } from '@callboard/tracker';

/** How far a wrap-up's start may lie from the end of the talk it follows. */
export const WRAP_UP_SLACK_MS = 5000;

interface Starts {
  readonly starts: number[];
  readonly ends: number[];
}

export class WrapUps {
  private readonly byOperator = new Map<string, Starts>();

  /** From the operators' intervals; only wrap-up states are kept. */
  constructor(intervals: readonly OperatorInterval[]) {
    const lists = new Map<string, { from: number; to: number }[]>();
    for (const i of intervals) {
      if (i.kind !== 'state' || i.state !== 'wrap-up') continue;
      const key = `${i.station}\u0000${i.operator}`;
      let list = lists.get(key);
      if (!list) lists.set(key, (list = []));
      list.push({ from: Date.parse(i.from), to: Date.parse(i.to) });
    }
    for (const [key, list] of lists) {
      list.sort((a, b) => a.from - b.from);
      this.byOperator.set(key, { starts: list.map((x) => x.from), ends: list.map((x) => x.to) });
    }
  }

  /** Milliseconds of the wrap-up the operator began at `at` (± the slack); 0 when none. */
  after(station: string, operator: string, at: number): number {
    const list = this.byOperator.get(`${station}\u0000${operator}`);
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
