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
import { toCsv } from './csv.ts';
import { bucketLabel, WEEKDAYS } from './labels.ts';

export interface Column<R> {
  readonly key: string;
  readonly title: () => string;
  readonly value: (r: R) => string | number | null;
  readonly show: (r: R) => string;
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);

export function queueColumns(grouping: Grouping, language: Language): Column<QueueSummaryRow>[] {
  const pct = percentFormat(language);
  const num = numberFormat(language);
  const dur = (ms: number | null): string => (ms === null ? '—' : formatDuration(ms));
  const count = (f: (r: QueueSummaryRow) => number) => ({
    value: f,
    show: (r: QueueSummaryRow) => num.format(f(r)),
  });
  const share = (f: (r: QueueSummaryRow) => number | null) => ({
    value: f,
    show: (r: QueueSummaryRow) => {
      const v = f(r);
      return v === null ? '—' : pct.format(v);
    },
  });
  const time = (f: (r: QueueSummaryRow) => number | null) => ({
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

export function tableCsv<R>(columns: readonly Column<R>[], rows: readonly R[]): string {
  return toCsv(
    columns.map((c) => c.title()),
    rows.map((r) => columns.map((c) => c.value(r))),
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
  const zones = new Set(result.rows.map((r) => r.zone));
  const columns = queueColumns(grouping, language).filter(
    (c) => (c.key !== 'zone' || zones.size > 1) && (c.key !== 'period' || grouping !== 'total'),
  );
  const num = numberFormat(language);
  const edges = result.waits.edgesS;
  return (
    <>
      <ReportTable
        caption={t`Queue summary`}
        columns={columns}
        rows={result.rows}
        footer={result.total}
        testId="queue-summary"
      />
      <table className="report" data-testid="wait-buckets">
        <caption>{t`Answered and abandoned by wait`}</caption>
        <thead>
          <tr>
            <th scope="col">{t`Wait`}</th>
            <th scope="col">{t`Answered`}</th>
            <th scope="col">{t`Abandoned`}</th>
          </tr>
        </thead>
        <tbody>
          {edges.map((e, i) => {
            const next = edges[i + 1];
            return (
              <tr key={e}>
                <td>{next === undefined ? `${e} s +` : `${e}–${next} s`}</td>
                <td>{num.format(result.waits.answered[i] ?? 0)}</td>
                <td>{num.format(result.waits.abandoned[i] ?? 0)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Chart
        title={t`By hour of the day`}
        x={HOURS}
        xLabel={(h) => `${String(h).padStart(2, '0')}:00`}
        series={[
          { label: t`Offered`, values: result.distribution.byHour.offered, color: '#3e7cb1' },
          { label: t`Answered`, values: result.distribution.byHour.answered, color: '#2f9e44' },
          { label: t`Abandoned`, values: result.distribution.byHour.abandoned, color: '#c92a2a' },
        ]}
        testId="chart-by-hour"
      />
      <table className="report" data-testid="by-hour">
        <caption>{t`By hour of the day`}</caption>
        <thead>
          <tr>
            <th scope="col">{t`Hour`}</th>
            <th scope="col">{t`Offered`}</th>
            <th scope="col">{t`Answered`}</th>
            <th scope="col">{t`Abandoned`}</th>
          </tr>
        </thead>
        <tbody>
          {result.distribution.byHour.offered.map((n, h) =>
            n === 0 ? null : (
              <tr key={h}>
                <td>{`${String(h).padStart(2, '0')}:00`}</td>
                <td>{num.format(n)}</td>
                <td>{num.format(result.distribution.byHour.answered[h] ?? 0)}</td>
                <td>{num.format(result.distribution.byHour.abandoned[h] ?? 0)}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      <table className="report" data-testid="by-weekday">
        <caption>{t`By day of the week`}</caption>
        <thead>
          <tr>
            <th scope="col">{t`Day`}</th>
            <th scope="col">{t`Offered`}</th>
            <th scope="col">{t`Answered`}</th>
            <th scope="col">{t`Abandoned`}</th>
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS().map((name, d) => (
            <tr key={name}>
              <td>{name}</td>
              <td>{num.format(result.distribution.byWeekday.offered[d] ?? 0)}</td>
              <td>{num.format(result.distribution.byWeekday.answered[d] ?? 0)}</td>
              <td>{num.format(result.distribution.byWeekday.abandoned[d] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
