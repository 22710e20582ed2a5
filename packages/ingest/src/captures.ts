import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AmiParser, type AmiMessage, type ParseItem } from '@callboard/ami';
import type { TrackerInput } from '@callboard/tracker';

export interface Capture {
  readonly server: string;
  readonly path: string;
}

/**
 * The captures named by the arguments: a file is one server's capture (named
 * by the file: `ami-pbx1.raw` → `pbx1`); a folder gives every `ami-*.raw` in it.
 */
export function findCaptures(paths: readonly string[]): Capture[] {
  const out: Capture[] = [];
  for (const path of paths) {
    if (statSync(path).isDirectory()) {
      const files = readdirSync(path)
        .filter((f) => /^ami-.+\.raw$/.test(f))
        .sort();
      if (files.length === 0) throw new Error(`${path}: no ami-*.raw capture in this folder`);
      for (const f of files) out.push({ server: serverOf(f), path: join(path, f) });
    } else {
      out.push({ server: serverOf(basename(path)), path });
    }
  }
  return out;
}

function serverOf(file: string): string {
  return /^ami-(.+)\.raw$/.exec(file)?.[1] ?? file.replace(/\.[^.]*$/, '');
}

interface Timed {
  readonly input: TrackerInput;
  readonly at: number;
  readonly order: number;
}

/**
 * Every message of the captures, in time order across servers (each
 * server's own order kept): what the tracker would have heard live.
 */
export function readCaptures(
  captures: readonly Capture[],
  onError: (capture: Capture, item: ParseItem) => void,
): TrackerInput[] {
  const timed: Timed[] = [];
  let order = 0;
  for (const capture of captures) {
    const bytes = readFileSync(capture.path);
    const messages: AmiMessage[] = [];
    const parser = new AmiParser();
    const take = (item: ParseItem): void => {
      if (item.kind === 'message') messages.push(item.message);
      else if (item.kind === 'error') onError(capture, item);
    };
    parser.push(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), take);
    parser.end(take);
    let last = 0;
    for (const message of messages) {
      const stamp = Number(message.get('Timestamp'));
      if (Number.isFinite(stamp) && stamp > 0) last = Math.round(stamp * 1000);
      timed.push({
        input: { server: capture.server, message, receivedAt: last },
        at: last,
        order: order++,
      });
    }
  }
  // Within one server, a message without a Timestamp keeps its place (it takes the time before
  // it); at the same time, servers go in name order, as the ingest's merge takes them.
  timed.sort(
    (a, b) =>
      a.at - b.at ||
      (a.input.server < b.input.server
        ? -1
        : a.input.server > b.input.server
          ? 1
          : a.order - b.order),
  );
  return timed.map((t) => t.input);
}
