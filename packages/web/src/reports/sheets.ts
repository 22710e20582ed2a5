// A report as sheets of plain cells, for the exported files: the main
// table first (the CSV file is that sheet alone), then, for the queue
// summary, the counts by wait, by hour and by weekday. Numbers stay
// numbers: durations in seconds, shares of 1, each column saying which.

import { t } from 'ttag';
import type { Language } from '../i18n/i18n.ts';
import type { ReportResult } from '../report/protocol.ts';
import type { Grouping } from '../report/zone.ts';
import { hourCounts, waitCounts, weekdayCounts, type Counts } from './counts.ts';
import { operatorColumns } from './OperatorTable.tsx';
import { queueColumns, type Column } from './QueueTables.tsx';

import type { Sheet } from './sheet.ts';

function tableSheet<R>(name: string, columns: readonly Column<R>[], rows: readonly R[]): Sheet {
  return {
    name,
    header: columns.map((c) => {
      const title = c.title();
      return c.unit === 'seconds' ? t`${title}, s` : title;
    }),
    units: columns.map((c) => c.unit),
    rows: rows.map((r) => columns.map((c) => c.value(r))),
  };
}

function countsSheet(c: Counts): Sheet {
  return {
    name: c.caption,
    header: [c.first, ...c.columns],
    units: [],
    rows: c.rows.map((r) => [r.label, ...r.values]),
  };
}

export function reportSheets(
  result: ReportResult,
  grouping: Grouping,
  language: Language,
): Sheet[] {
  if (result.kind === 'operators')
    return [tableSheet(t`Operators`, operatorColumns(grouping, language), result.rows)];
  return [
    tableSheet(t`Queue summary`, queueColumns(grouping, language), [...result.rows, result.total]),
    countsSheet(waitCounts(result)),
    countsSheet(hourCounts(result)),
    countsSheet(weekdayCounts(result)),
  ];
}
