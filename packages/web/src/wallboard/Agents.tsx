// Agents by state: available, on a call, in wrap-up, paused — of the whole
// view (the bar above the queues) or of one queue's members (its card).

import { t } from 'ttag';

export interface AgentCounts {
  readonly idle: number;
  readonly talking: number;
  readonly 'wrap-up': number;
  readonly paused: number;
}

export function Agents({
  counts,
  format,
  className,
  testId,
}: {
  counts: AgentCounts;
  format: Intl.NumberFormat;
  className: string;
  testId: string;
}) {
  return (
    <div className={className} data-testid={testId}>
      <span data-state="idle">
        {t`Available`} <b>{format.format(counts.idle)}</b>
      </span>
      <span data-state="talking">
        {t`On a call`} <b>{format.format(counts.talking)}</b>
      </span>
      <span data-state="wrap-up">
        {t`Wrap-up`} <b>{format.format(counts['wrap-up'])}</b>
      </span>
      <span data-state="paused">
        {t`Paused`} <b>{format.format(counts.paused)}</b>
      </span>
    </div>
  );
}
