// A recorded trace played again as new calls: every uniqueid, linkedid,
// channel and bridge name made unique to the copy, every Timestamp moved on.
// The demo loops a trace this way, and benchmarks multiply one.

import { AmiParser, type AmiMessage } from '@callboard/ami';
import type { TraceEvent } from './replay.js';

const encoder = new TextEncoder();

/** `SIP/trunk-00000066` → the same name with the copy number folded into its counter. */
function renameChannel(name: string, copy: number): string {
  return name.replace(/-([0-9a-f]{8})(;[12])?$/i, (_m, hex: string, half: string | undefined) => {
    // 4,096 copies apart: unique among the channels up at once.
    const n = (parseInt(hex, 16) + (copy % 4096) * 0x100000) >>> 0;
    return `-${n.toString(16).padStart(8, '0')}${half ?? ''}`;
  });
}

/** One message rewritten for copy `copy`, its times moved by `shiftMs`. */
export function freshMessage(m: AmiMessage, copy: number, shiftMs: number): Uint8Array {
  let out = '';
  for (const [key, value] of m.entries()) {
    let v = value;
    if (key === 'Timestamp' && value !== '') v = (Number(value) + shiftMs / 1000).toFixed(6);
    else if (copy !== 0 && /uniqueid$|linkedid$/i.test(key) && value !== '' && value !== 'none')
      v = `${value}-${copy}`;
    else if (/channel$|^newname$|^oldname$/i.test(key) && value !== '' && value !== 'none')
      v = renameChannel(value, copy);
    out += `${key}: ${v}\r\n`;
  }
  return encoder.encode(`${out}\r\n`);
}

/** The trace's events as copy `copy`, `shiftMs` later. */
export function freshCopy(
  events: readonly TraceEvent[],
  copy: number,
  shiftMs: number,
): TraceEvent[] {
  const out: TraceEvent[] = [];
  const parser = new AmiParser({ banner: false });
  for (const e of events) {
    parser.push(e.bytes, (item) => {
      if (item.kind !== 'message') return;
      out.push({
        bytes: freshMessage(item.message, copy, shiftMs),
        at: e.at === undefined ? undefined : e.at + shiftMs,
      });
    });
  }
  return out;
}
