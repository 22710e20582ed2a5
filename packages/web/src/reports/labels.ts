// How a time bucket reads: its local start (a wall-clock time read as
// UTC) formatted for the user's language; and groupings, weekdays and
// operators' states in words.

import { t } from 'ttag';
import type { Language } from '../i18n/i18n.ts';
import type { Grouping } from '../report/zone.ts';

export function bucketLabel(bucket: number, grouping: Grouping, language: Language): string {
  const f = (o: Intl.DateTimeFormatOptions): string =>
    new Intl.DateTimeFormat(language, { ...o, timeZone: 'UTC' }).format(bucket);
  switch (grouping) {
    case 'hour':
      return f({ day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
    case 'day':
      return f({ year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' });
    case 'week': {
      const day = f({ year: 'numeric', month: '2-digit', day: '2-digit' });
      return t`week of ${day}`;
    }
    case 'month':
      return f({ year: 'numeric', month: 'long' });
    case 'total':
      return t`whole period`;
  }
}

export function groupingLabel(g: Grouping): string {
  switch (g) {
    case 'hour':
      return t`by hour`;
    case 'day':
      return t`by day`;
    case 'week':
      return t`by week`;
    case 'month':
      return t`by month`;
    case 'total':
      return t`whole period`;
  }
}

export const WEEKDAYS = (): string[] => [t`Mon`, t`Tue`, t`Wed`, t`Thu`, t`Fri`, t`Sat`, t`Sun`];

/** An operator's state as the wallboard names it (an unknown one as it is). */
export function operatorStateLabel(state: string): string {
  switch (state) {
    case 'offline':
      return t`offline`;
    case 'idle':
      return t`available`;
    case 'ringing':
      return t`ringing`;
    case 'talking':
      return t`on a call`;
    case 'wrap-up':
      return t`wrap-up`;
    case 'paused':
      return t`paused`;
    default:
      return state;
  }
}
