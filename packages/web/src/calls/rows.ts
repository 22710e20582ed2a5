// The call log's rows: a call record flattened to what a list shows and
// searches, and the filter the list applies. Pure.

import type { CallRecord } from '../api/types.ts';

export interface CallRow {
  readonly id: string;
  readonly startedAt: number;
  readonly direction: string;
  readonly fromNumber: string;
  readonly fromName: string;
  readonly to: string;
  readonly queues: readonly string[];
  readonly outcome: string;
  /** Time in queues before the answer or the end. */
  readonly waitMs: number;
  /** Conversation time of every leg the caller was on. */
  readonly talkMs: number;
  readonly operator: string;
}

export function toRow(c: CallRecord): CallRow {
  const queues = [...new Set(c.queueVisits.map((v) => v.queue))];
  let talk = 0;
  for (const leg of c.legs) talk += Math.max(0, Date.parse(leg.to) - Date.parse(leg.from));
  const by = c.answeredBy;
  return {
    id: c.id,
    startedAt: Date.parse(c.startedAt),
    direction: c.direction,
    fromNumber: c.from.number ?? '',
    fromName: c.from.name ?? '',
    to: c.to.number ?? '',
    queues,
    outcome: c.outcome,
    waitMs: c.queueVisits.reduce((sum, v) => sum + v.waitMs, 0),
    talkMs: talk,
    operator: by ? (by.name ?? by.operator ?? by.number ?? '') : '',
  };
}

export interface CallFilter {
  /** Part of a number or a caller name. */
  readonly text: string;
  readonly queue: string;
  readonly outcome: string;
  /** Part of an operator's name or key. */
  readonly operator: string;
}

export const NO_FILTER: CallFilter = { text: '', queue: '', outcome: '', operator: '' };

export function matches(row: CallRow, f: CallFilter): boolean {
  const text = f.text.trim().toLowerCase();
  if (
    text !== '' &&
    !row.fromNumber.toLowerCase().includes(text) &&
    !row.fromName.toLowerCase().includes(text) &&
    !row.to.toLowerCase().includes(text)
  )
    return false;
  if (f.queue !== '' && !row.queues.includes(f.queue)) return false;
  if (f.outcome !== '' && row.outcome !== f.outcome) return false;
  const op = f.operator.trim().toLowerCase();
  if (op !== '' && !row.operator.toLowerCase().includes(op)) return false;
  return true;
}
