// The queue summary as tables: one row per queue and bucket with a total,
// then answers and abandons by wait, then the day's shape by hour and by
// weekday. Each queue's row says which zone its hours are in.

import { t } from 'ttag';
import { formatDuration, numberFormat, percentFormat } from '../format.ts';
import type { Language } from '../i18n/i18n.ts';
import type { QueuesResult } from '../report/protocol.ts';
import type { QueueSummaryRow } from '../report/queue-summary.ts';
import type { Grouping } from '../report/zone.ts';
import { Chart } from './Chart.tsx';
import { hourCounts, HOURS, hourLabel, waitCounts, weekdayCounts, type Counts } from './counts.ts';
import { bucketLabel } from './labels.ts';

export interface Column<R> {
  readonly key: string;
  readonly title: () => string;
  readonly value: (r: R) => string | number | null;
  readonly show: (r: R) => string;
  /** What a number in `value` is, for the exported files: seconds, or a share of 1. */
  readonly unit?: 'seconds' | 'share';
}

export function queueColumns(grouping: Grouping, language: Language): Column<QueueSummaryRow>[] {
  const pct = percentFormat(language);
  const num = numberFormat(language);
  const dur = (ms: number | null): string => (ms === null ? '—' : formatDuration(ms));
  const count = (f: (r: QueueSummaryRow) => number) => ({
    value: f,
    show: (r: QueueSummaryRow) => num.format(f(r)),
  });
  const share = (f: (r: QueueSummaryRow) => number | null) => ({
    unit: 'share' as const,
    value: f,
    show: (r: QueueSummaryRow) => {
      const v = f(r);
      return v === null ? '—' : pct.format(v);
    },
  });
  const time = (f: (r: QueueSummaryRow) => number | null) => ({
    unit: 'seconds' as const,
    value: (r: QueueSummaryRow) => {
      const v = f(r);
      return v === null ? null : Math.round(v / 1000);
    },
    show: (r: QueueSummaryRow) => dur(f(r)),
  });
  return [
    {
      key: 'queue',
      title: () => t`Queue`,
      value: (r) => r.queue,
      show: (r) => r.queue || t`All queues`,
    },
    { key: 'station', title: () => t`Station`, value: (r) => r.station, show: (r) => r.station },
    { key: 'zone', title: () => t`Time zone`, value: (r) => r.zone, show: (r) => r.zone },
    {
      key: 'period',
      title: () => t`Period`,
      value: (r) => bucketLabel(r.bucket, grouping, language),
      show: (r) => bucketLabel(r.bucket, grouping, language),
    },
    { key: 'offered', title: () => t`Offered`, ...count((r) => r.offered) },
    { key: 'answered', title: () => t`Answered`, ...count((r) => r.answered) },
    { key: 'abandoned', title: () => t`Abandoned`, ...count((r) => r.abandoned) },
    { key: 'short', title: () => t`Short abandons`, ...count((r) => r.shortAbandoned) },
    { key: 'timeout', title: () => t`Timeouts`, ...count((r) => r.timeout) },
    {
      key: 'other',
      title: () => t`Other exits`,
      ...count((r) => r.exitEmpty + r.exitKey + r.withdraw + r.transferredOut + r.unknown),
    },
    { key: 'sl', title: () => t`Service level`, ...share((r) => r.serviceLevel) },
    { key: 'sl2', title: () => t`Service level with abandons`, ...share((r) => r.serviceLevel2) },
    { key: 'asa', title: () => t`ASA`, ...time((r) => r.asaMs) },
    { key: 'avgWait', title: () => t`Average wait`, ...time((r) => r.avgWaitMs) },
    { key: 'maxWait', title: () => t`Longest wait`, ...time((r) => r.maxWaitMs) },
    { key: 'aht', title: () => t`AHT`, ...time((r) => r.ahtMs) },
    { key: 'transfers', title: () => t`Transfers`, ...count((r) => r.transfers) },
  ];
}

export function ReportTable<R>({
  caption,
  columns,
  rows,
  footer,
  testId,
}: {
  caption: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
  footer?: R;
  testId: string;
}) {
  return (
    <table className="report" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col">
              {c.title()}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {columns.map((c) => (
              <td key={c.key} data-col={c.key}>
                {c.show(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      {footer !== undefined && (
        <tfoot>
          <tr>
            {columns.map((c) => (
              <td key={c.key} data-col={c.key}>
                {c.show(footer)}
              </td>
            ))}
          </tr>
        </tfoot>
      )}
    </table>
  );
}

/** A small table of counts: a label, then one count per column. */
function CountsTable({ counts, language }: { counts: Counts; language: Language }) {
  const num = numberFormat(language);
  return (
    <table className="report" data-testid={counts.testId}>
      <caption>{counts.caption}</caption>
      <thead>
        <tr>
          {[counts.first, ...counts.columns].map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {counts.rows.map((r) => (
          <tr key={r.label}>
            <td>{r.label}</td>
            {r.values.map((v, i) => (
              <td key={i}>{num.format(v)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The summary's columns as shown: the period only when grouped; the zone
 * when a row's hours are not on the viewer's clock (rows in several zones,
 * or a queue elsewhere).
 */
export function shownQueueColumns(
  result: QueuesResult,
  grouping: Grouping,
  language: Language,
): Column<QueueSummaryRow>[] {
  const viewer = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = new Set(result.rows.map((r) => r.zone));
  const elsewhere = zones.size > 1 || [...zones].some((z) => z !== viewer);
  return queueColumns(grouping, language).filter(
    (c) => (c.key !== 'zone' || elsewhere) && (c.key !== 'period' || grouping !== 'total'),
  );
}

export function QueueTables({
  result,
  grouping,
  language,
}: {
  result: QueuesResult;
  grouping: Grouping;
  language: Language;
}) {
  const { byHour } = result.distribution;
  return (
    <>
      <ReportTable
        caption={t`Queue summary`}
        columns={shownQueueColumns(result, grouping, language)}
        rows={result.rows}
        footer={result.total}
        testId="queue-summary"
      />
      <CountsTable counts={waitCounts(result)} language={language} />
      <Chart
        title={t`By hour of the day`}
        x={HOURS}
        xLabel={hourLabel}
        series={[
          { label: t`Offered`, values: byHour.offered, color: '#3e7cb1' },
          { label: t`Answered`, values: byHour.answered, color: '#2f9e44' },
          { label: t`Abandoned`, values: byHour.abandoned, color: '#c92a2a' },
        ]}
        testId="chart-by-hour"
      />
      <CountsTable counts={hourCounts(result)} language={language} />
      <CountsTable counts={weekdayCounts(result)} language={language} />
    </>
  );
}
