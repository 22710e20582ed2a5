// What `callboard simulate replay` plays: each PATH (a trace folder or one raw
// capture) is a group of servers recorded together, one per `ami-<server>.raw`,
// with what each server said of itself in the recording (its banner, its
// version, its queues at login).

import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AmiParser, type ParseItem } from '@callboard/ami';
import { findCaptures } from '@callboard/ingest';
import {
  DEFAULT_BANNER,
  recordedAnswer,
  traceEvents,
  type Reply,
  type TraceEvent,
} from '@callboard/simulator';

/** The Asterisk the shared traces were recorded on, for a capture with no log beside it. */
export const RECORDED_ASTERISK_VERSION = '20.20.1';

export interface ServerTrace {
  /** The server's name: `pbx1` for `ami-pbx1.raw` (prefixed with its group when two groups share it). */
  readonly name: string;
  readonly path: string;
  /** The events the server sent of its own accord, as recorded. */
  readonly events: readonly TraceEvent[];
  /** The capture's first line, `Asterisk Call Manager/9.0.0`. */
  readonly banner: string;
  readonly asteriskVersion: string;
  /** The recorder's first QueueStatus answer: the queues as they were at login. */
  readonly queueStatus: Reply | undefined;
}

export interface TraceGroup {
  /** The folder's (or, for a capture file, its folder's) name. */
  readonly label: string;
  readonly servers: readonly ServerTrace[];
}

/** Reads every capture of every path; a server name used by two groups is prefixed with its group. */
export function loadTraces(paths: readonly string[]): TraceGroup[] {
  const groups = paths.map((path) => {
    const captures = findCaptures([path]);
    const label = basename(statSync(path).isDirectory() ? path : dirname(path));
    return { label, captures };
  });
  const count = new Map<string, number>();
  for (const g of groups)
    for (const c of g.captures) count.set(c.server, (count.get(c.server) ?? 0) + 1);
  return groups.map(({ label, captures }) => ({
    label,
    servers: captures.map((c) =>
      readServer((count.get(c.server) ?? 0) > 1 ? `${label}/${c.server}` : c.server, c),
    ),
  }));
}

function readServer(name: string, capture: { server: string; path: string }): ServerTrace {
  const file = readFileSync(capture.path);
  const raw = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  const { banner, queueStatusId } = scan(raw);
  return {
    name,
    path: capture.path,
    events: traceEvents(raw),
    banner: banner ?? DEFAULT_BANNER,
    asteriskVersion: versionFromLog(join(dirname(capture.path), `messages-${capture.server}.log`)),
    queueStatus: queueStatusId === undefined ? undefined : recordedAnswer(raw, queueStatusId),
  };
}

/** The banner, and the ActionID of the first QueueStatus answer the recorder got. */
function scan(raw: Uint8Array): { banner: string | undefined; queueStatusId: string | undefined } {
  let banner: string | undefined;
  let queueStatusId: string | undefined;
  const parser = new AmiParser();
  const take = (item: ParseItem): void => {
    if (item.kind === 'banner') banner = item.text;
    else if (
      item.kind === 'message' &&
      queueStatusId === undefined &&
      item.message.name === 'QueueStatusComplete'
    )
      queueStatusId = item.message.get('ActionID');
  };
  parser.push(raw, take);
  parser.end(take);
  return { banner, queueStatusId };
}

/** Asterisk's log opens with `Asterisk 20.20.1 built by …`. */
function versionFromLog(path: string): string {
  if (!existsSync(path)) return RECORDED_ASTERISK_VERSION;
  const head = new Uint8Array(4096);
  const fd = openSync(path, 'r');
  let length: number;
  try {
    length = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const text = new TextDecoder().decode(head.subarray(0, length));
  return /\bAsterisk (\d+\.\d+[^\s]*) built by\b/.exec(text)?.[1] ?? RECORDED_ASTERISK_VERSION;
}
