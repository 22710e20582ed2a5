// Hourly roll-ups as rows of report tables, cut to the scope: a queue's
// hours for a queue the user may see; an operator's state hours for an
// operator they may see, an operator's hours in a queue only when they may
// see the queue too. Column names are the stored ones in camelCase. Pure.

import type { OperatorHour, QueueHour } from '@callboard/store';
import type { Scope } from '../scope.js';
import type { AnyRow, Value } from './columns.js';

const camel = (name: string): string =>
  name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

function row(hour: QueueHour | OperatorHour): AnyRow {
  const out: Record<string, Value> = {};
  const entries: [string, unknown][] = Object.entries(hour);
  for (const [k, v] of entries) {
    if (v instanceof Date) out[camel(k)] = v.getTime();
    else if (typeof v === 'string' || typeof v === 'number' || v === null) out[camel(k)] = v;
    else if (Array.isArray(v)) out[camel(k)] = v.map((n: unknown) => Number(n));
  }
  return out;
}

export function queueHourRows(hours: readonly QueueHour[], scope: Scope): AnyRow[] {
  return hours.filter((h) => scope.queue(h.station, h.queue)).map(row);
}

export function operatorHourRows(hours: readonly OperatorHour[], scope: Scope): AnyRow[] {
  return hours
    .filter(
      (h) =>
        scope.monitored(h.station, h.operator) &&
        scope.operator(h.station, h.operator) &&
        (h.queue === null || scope.queue(h.station, h.queue)),
    )
    .map(row);
}
