// The queue summary's small tables of counts — answers and abandons by
// wait, the shape of the day by hour and by weekday — as plain data, for
// the page and for the exported files alike.

import { t } from 'ttag';
import type { QueuesResult } from '../report/protocol.ts';
import { WEEKDAYS } from './labels.ts';

export interface Counts {
  readonly testId: string;
  readonly caption: string;
  /** The first column's title; the row labels are under it. */
  readonly first: string;
  readonly columns: readonly string[];
  readonly rows: readonly { readonly label: string; readonly values: readonly number[] }[];
}

export const HOURS = Array.from({ length: 24 }, (_, h) => h);

export const hourLabel = (h: number): string => `${String(h).padStart(2, '0')}:00`;

export function waitCounts(result: QueuesResult): Counts {
  const edges = result.waits.edgesS;
  return {
    testId: 'wait-buckets',
    caption: t`Answered and abandoned by wait`,
    first: t`Wait`,
    columns: [t`Answered`, t`Abandoned`],
    rows: edges.map((e, i) => {
      const next = edges[i + 1];
      return {
        label: next === undefined ? `${e} s +` : `${e}–${next} s`,
        values: [result.waits.answered[i] ?? 0, result.waits.abandoned[i] ?? 0],
      };
    }),
  };
}

export function hourCounts(result: QueuesResult): Counts {
  const { byHour } = result.distribution;
  return {
    testId: 'by-hour',
    caption: t`By hour of the day`,
    first: t`Hour`,
    columns: [t`Offered`, t`Answered`, t`Abandoned`],
    rows: HOURS.filter((h) => (byHour.offered[h] ?? 0) > 0).map((h) => ({
      label: hourLabel(h),
      values: [byHour.offered[h] ?? 0, byHour.answered[h] ?? 0, byHour.abandoned[h] ?? 0],
    })),
  };
}

export function weekdayCounts(result: QueuesResult): Counts {
  const { byWeekday } = result.distribution;
  return {
    testId: 'by-weekday',
    caption: t`By day of the week`,
    first: t`Day`,
    columns: [t`Offered`, t`Answered`, t`Abandoned`],
    rows: WEEKDAYS().map((label, d) => ({
      label,
      values: [byWeekday.offered[d] ?? 0, byWeekday.answered[d] ?? 0, byWeekday.abandoned[d] ?? 0],
    })),
  };
}
