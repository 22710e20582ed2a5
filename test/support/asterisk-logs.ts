// Asterisk's own records of a trace: queue_log and the CDR (Master.csv).

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

export interface QueueLogLine {
  readonly server: string;
  readonly at: number;
  readonly callid: string;
  readonly queue: string;
  readonly agent: string;
  readonly event: string;
  readonly data: readonly string[];
}

/** Every `queue_log-<server>` of a trace folder: `epoch|callid|queue|agent|EVENT|data…`. */
export function queueLog(folder: string): QueueLogLine[] {
  const out: QueueLogLine[] = [];
  for (const file of readdirSync(folder)
    .filter((f) => f.startsWith('queue_log-'))
    .sort()) {
    const server = file.slice('queue_log-'.length);
    for (const line of readFileSync(join(folder, file), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const [at = '0', callid = '', queue = '', agent = '', event = '', ...data] = line.split('|');
      out.push({ server, at: Number(at) * 1000, callid, queue, agent, event, data });
    }
  }
  return out;
}

export interface CdrRow {
  readonly server: string;
  readonly src: string;
  readonly dst: string;
  readonly channel: string;
  readonly dstChannel: string;
  readonly lastApp: string;
  /** Milliseconds since the epoch; the lab's Asterisk wrote CDR times in UTC. */
  readonly start: number;
  readonly answer: number | null;
  readonly end: number;
  readonly disposition: string;
  readonly uniqueid: string;
  readonly linkedid: string;
}

const utc = (text: string): number | null =>
  text === '' ? null : Date.parse(`${text.replace(' ', 'T')}Z`);

/**
 * Every `cdr-<server>.csv` (cdr_csv with newcdrcolumns: …, uniqueid,
 * userfield, peeraccount, linkedid, sequence).
 */
export function cdr(folder: string): CdrRow[] {
  const out: CdrRow[] = [];
  for (const file of readdirSync(folder)
    .filter((f) => /^cdr-.+\.csv$/.test(f))
    .sort()) {
    const server = file.slice('cdr-'.length, -'.csv'.length);
    const path = join(folder, file);
    if (!existsSync(path)) continue;
    const rows = csvRows(readFileSync(path, 'utf8'));
    for (const r of rows) {
      out.push({
        server,
        src: r[1] ?? '',
        dst: r[2] ?? '',
        channel: r[5] ?? '',
        dstChannel: r[6] ?? '',
        lastApp: r[7] ?? '',
        start: utc(r[9] ?? '') ?? 0,
        answer: utc(r[10] ?? ''),
        end: utc(r[11] ?? '') ?? 0,
        disposition: r[14] ?? '',
        uniqueid: r[16] ?? '',
        linkedid: r[19] ?? '',
      });
    }
  }
  return out;
}

export interface CelLinkedidEnd {
  readonly server: string;
  readonly linkedid: string;
  /** Milliseconds since the epoch (CEL has microseconds). */
  readonly at: number;
}

/** The LINKEDID_END events of every `cel-<server>.csv`: when Asterisk saw the last channel of a linkedid go. */
export function linkedidEnds(folder: string): CelLinkedidEnd[] {
  const out: CelLinkedidEnd[] = [];
  for (const file of readdirSync(folder)
    .filter((f) => /^cel-.+\.csv$/.test(f))
    .sort()) {
    const server = file.slice('cel-'.length, -'.csv'.length);
    const rows = csvRows(readFileSync(join(folder, file), 'utf8'));
    for (const r of rows) {
      if (r[0] !== 'LINKEDID_END') continue;
      out.push({ server, linkedid: r[16] ?? '', at: Number(r[1]) * 1000 });
    }
  }
  return out;
}

function csvRows(text: string): string[][] {
  const rows: string[][] = parse(text, { relax_column_count: true });
  return rows;
}
