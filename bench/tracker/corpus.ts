import { readFileSync } from 'node:fs';
import { AmiParser, type AmiMessage } from '@callboard/ami';
import { freshMessage } from '@callboard/simulator';

interface Timed {
  readonly at: number;
  readonly order: number;
  readonly bytes: Uint8Array;
}

/**
 * The capture's events, `copies` times over, each copy with its own
 * uniqueids, linkedids, channel and bridge names, shifted `spacingMs` after
 * the one before, all interleaved in time order: many calls at once.
 */
export function repeatedTrace(
  path: string,
  copies: number,
  spacingMs: number,
): { chunks: Uint8Array[]; events: number } {
  const messages: AmiMessage[] = [];
  const parser = new AmiParser();
  const take = (item: Parameters<Parameters<AmiParser['push']>[1]>[0]): void => {
    if (item.kind === 'message' && item.message.kind === 'event') messages.push(item.message);
  };
  parser.push(new Uint8Array(readFileSync(path)), take);
  parser.end(take);
  const timed: Timed[] = [];
  let order = 0;
  for (let copy = 0; copy < copies; copy++) {
    let last = 0;
    for (const m of messages) {
      const stamp = Number(m.get('Timestamp'));
      if (Number.isFinite(stamp) && stamp > 0) last = stamp * 1000;
      timed.push({
        at: last + copy * spacingMs,
        order: order++,
        bytes: freshMessage(m, copy, copy * spacingMs),
      });
    }
  }
  timed.sort((a, b) => a.at - b.at || a.order - b.order);
  // Pack into 64 KiB chunks, as a socket would deliver them.
  const chunks: Uint8Array[] = [];
  let chunk = new Uint8Array(64 * 1024);
  let fill = 0;
  for (const t of timed) {
    let from = 0;
    while (from < t.bytes.length) {
      const n = Math.min(chunk.length - fill, t.bytes.length - from);
      chunk.set(t.bytes.subarray(from, from + n), fill);
      fill += n;
      from += n;
      if (fill === chunk.length) {
        chunks.push(chunk);
        chunk = new Uint8Array(64 * 1024);
        fill = 0;
      }
    }
  }
  if (fill > 0) chunks.push(chunk.subarray(0, fill));
  return { chunks, events: timed.length };
}
