import { readFileSync } from 'node:fs';
import { AmiParser, type AmiMessage } from '@callboard/ami';

const encoder = new TextEncoder();

interface Timed {
  readonly at: number;
  readonly order: number;
  readonly bytes: Uint8Array;
}

/** `SIP/trunk-00000066` → the same name with the copy number folded into its counter. */
function renameChannel(name: string, copy: number): string {
  return name.replace(/-([0-9a-f]{8})(;[12])?$/i, (_m, hex: string, half: string | undefined) => {
    const n = (parseInt(hex, 16) + copy * 0x100000) >>> 0;
    return `-${n.toString(16).padStart(8, '0')}${half ?? ''}`;
  });
}

function rewrite(m: AmiMessage, copy: number, shiftMs: number): Uint8Array {
  let out = '';
  for (const [key, value] of m.entries()) {
    let v = value;
    if (key === 'Timestamp' && value !== '') v = (Number(value) + shiftMs / 1000).toFixed(6);
    else if (/uniqueid$|linkedid$/i.test(key) && value !== '' && value !== 'none')
      v = `${value}${copy === 0 ? '' : `-${copy}`}`;
    else if (/channel$|^newname$|^oldname$/i.test(key) && value !== '' && value !== 'none')
      v = renameChannel(value, copy);
    out += `${key}: ${v}\r\n`;
  }
  return encoder.encode(`${out}\r\n`);
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
        bytes: rewrite(m, copy, copy * spacingMs),
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
