// Operator performance as a table: one row per operator and bucket.

import { t } from 'ttag';
import { formatDuration, numberFormat, percentFormat } from '../format.ts';
import type { Language } from '../i18n/i18n.ts';
import type { OperatorRow } from '../report/operators.ts';
import type { Grouping } from '../report/zone.ts';
import { bucketLabel } from './labels.ts';
import type { Column } from './QueueTables.tsx';

export function operatorColumns(grouping: Grouping, language: Language): Column<OperatorRow>[] {
  const num = numberFormat(language);
  const pct = percentFormat(language);
  const count = (f: (r: OperatorRow) => number) => ({
    value: f,
    show: (r: OperatorRow) => num.format(f(r)),
  });
  const time = (f: (r: OperatorRow) => number | null) => ({
    unit: 'seconds' as const,
    value: (r: OperatorRow) => {
      const v = f(r);
      return v === null ? null : Math.round(v / 1000);
    },
    show: (r: OperatorRow) => {
      const v = f(r);
      return v === null ? '—' : formatDuration(v);
    },
  });
  const pauses = (r: OperatorRow): string =>
    Object.entries(r.pausedByReason)
      .sort((a, b) => b[1] - a[1])
      .map(([reason, ms]) => `${reason === '' ? t`no reason` : reason} ${formatDuration(ms)}`)
      .join('; ');
  const columns: Column<OperatorRow>[] = [
    {
      key: 'operator',
      title: () => t`Operator`,
      value: (r) => r.name ?? r.operator,
      show: (r) => r.name ?? r.operator,
    },
    { key: 'device', title: () => t`Device`, value: (r) => r.operator, show: (r) => r.operator },
    { key: 'station', title: () => t`Station`, value: (r) => r.station, show: (r) => r.station },
    {
      key: 'period',
      title: () => t`Period`,
      value: (r) => bucketLabel(r.bucket, grouping, language),
      show: (r) => bucketLabel(r.bucket, grouping, language),
    },
    { key: 'answered', title: () => t`Answered`, ...count((r) => r.answered) },
    { key: 'rings', title: () => t`Rings`, ...count((r) => r.rings) },
    { key: 'missed', title: () => t`Missed rings`, ...count((r) => r.missed) },
    { key: 'talk', title: () => t`Talk time`, ...time((r) => r.talkingMs) },
    { key: 'wrap', title: () => t`Wrap-up`, ...time((r) => r.wrapUpMs) },
    { key: 'aht', title: () => t`AHT`, ...time((r) => r.ahtMs) },
    { key: 'paused', title: () => t`Paused`, ...time((r) => r.pausedMs) },
    { key: 'reasons', title: () => t`Pauses by reason`, value: pauses, show: pauses },
    { key: 'loggedIn', title: () => t`Logged in`, ...time((r) => r.loggedInMs) },
    {
      key: 'occupancy',
      title: () => t`Occupancy`,
      unit: 'share',
      value: (r) => r.occupancy,
      show: (r) => (r.occupancy === null ? '—' : pct.format(r.occupancy)),
    },
    { key: 'outbound', title: () => t`Outbound calls`, ...count((r) => r.outbound) },
    { key: 'outboundTalk', title: () => t`Outbound talk`, ...time((r) => r.outboundTalkMs) },
    { key: 'internalMade', title: () => t`Internal made`, ...count((r) => r.internalMade) },
    {
      key: 'internalReceived',
      title: () => t`Internal received`,
      ...count((r) => r.internalReceived),
    },
  ];
  return columns.filter((c) => c.key !== 'period' || grouping !== 'total');
}

/** The columns as shown: the station only when the rows are of several. */
export function shownOperatorColumns(
  rows: readonly OperatorRow[],
  grouping: Grouping,
  language: Language,
): Column<OperatorRow>[] {
  const several = new Set(rows.map((r) => r.station)).size > 1;
  return operatorColumns(grouping, language).filter((c) => c.key !== 'station' || several);
}
