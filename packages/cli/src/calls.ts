// `callboard calls`: stored calls, in start order, as the tracker's records
// (JSON lines) or as one flat CSV row per call.

import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import type { Store } from '@callboard/store';
import type { CallRecord } from '@callboard/tracker';

export const CALL_FORMATS = ['jsonl', 'csv'] as const;
export type CallFormat = (typeof CALL_FORMATS)[number];

const COLUMNS = [
  'id',
  'station',
  'direction',
  'outcome',
  'started_at',
  'answered_at',
  'ended_at',
  'duration_s',
  'from_number',
  'from_name',
  'to_number',
  'trunk',
  'queues',
  'wait_s',
  'talk_s',
  'answered_by',
  'transfers',
  'flags',
] as const;

export async function printCalls(
  store: Store,
  range: { since?: Date; until?: Date },
  format: CallFormat,
  out: Writable,
): Promise<number> {
  let count = 0;
  if (format === 'csv') await write(out, stringify([COLUMNS]));
  for await (const page of store.callPages(range)) {
    count += page.length;
    const text =
      format === 'jsonl'
        ? page.map((c) => `${JSON.stringify(c)}\n`).join('')
        : stringify(page.map(csvRow));
    await write(out, text);
  }
  return count;
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

const seconds = (ms: number): number => Math.round(ms / 100) / 10;

function csvRow(c: CallRecord): (string | number)[] {
  const visits = c.queueVisits;
  const answered = visits.find((v) => v.answeredBy !== null);
  return [
    c.id,
    c.station,
    c.direction,
    c.outcome,
    c.startedAt,
    c.answeredAt ?? '',
    c.endedAt,
    seconds(Date.parse(c.endedAt) - Date.parse(c.startedAt)),
    cell(c.from.number),
    cell(c.from.name),
    cell(c.to.number),
    cell(c.trunk),
    cell(visits.map((v) => v.queue).join(' ')),
    visits.length === 0 ? '' : seconds(visits.reduce((s, v) => s + v.waitMs, 0)),
    visits.length === 0 ? '' : seconds(visits.reduce((s, v) => s + v.talkMs, 0)),
    cell(answered?.answeredBy?.memberName ?? c.answeredBy?.name ?? c.answeredBy?.operator ?? null),
    c.transfers.map((t) => t.kind).join(' '),
    c.flags.join(' '),
  ];
}

/**
 * Text from outside (caller names and numbers) made safe for spreadsheets:
 * a cell that would start a formula gets a leading apostrophe. A phone
 * number such as +74951234567 is left as it is.
 */
export function cell(text: string | null): string {
  if (text === null) return '';
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d[\d ()-]*$/.test(text)) return `'${text}`;
  return text;
}
