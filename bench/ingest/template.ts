// A recorded message compiled once, so that fresh copies of it cost a few
// byte copies instead of a parse: the same rewriting as `freshMessage` of
// @callboard/simulator (uniqueids and linkedids suffixed with the copy
// number, channel counters moved on, Timestamps shifted), checked byte for
// byte against `freshMessage` before a run (`checkTemplates`). Used by
// bench/ingest (npm run bench:ingest); nothing here runs on its own.

import type { AmiMessage } from '@callboard/ami';
import { freshMessage } from '@callboard/simulator';

const encoder = new TextEncoder();

/** A part of a message that changes from copy to copy. */
type Hole =
  /** `Timestamp`: the value plus the copy's shift, to the microsecond. */
  | { readonly kind: 'time'; readonly seconds: number }
  /** After a uniqueid or linkedid: `-<copy>` (nothing for copy 0). */
  | { readonly kind: 'copy' }
  /** A channel counter: 8 hex digits, 4,096 copies apart (as `freshMessage` does). */
  | { readonly kind: 'counter'; readonly value: number };

/** What `freshMessage` does to one field, as parts. */
function fieldParts(key: string, value: string, out: (text: string | Hole) => void): void {
  out(`${key}: `);
  if (key === 'Timestamp' && value !== '') {
    out({ kind: 'time', seconds: Number(value) });
  } else if (/uniqueid$|linkedid$/i.test(key) && value !== '' && value !== 'none') {
    out(value);
    out({ kind: 'copy' });
  } else if (/channel$|^newname$|^oldname$/i.test(key) && value !== '' && value !== 'none') {
    const m = /-([0-9a-f]{8})(;[12])?$/i.exec(value);
    if (m) {
      out(`${value.slice(0, m.index)}-`);
      out({ kind: 'counter', value: parseInt(m[1] ?? '0', 16) });
      out(m[2] ?? '');
    } else {
      out(value);
    }
  } else {
    out(value);
  }
  out('\r\n');
}

const TIME = 0;
const COPY = 1;
const COUNTER = 2;

/** One message, ready to be written as any copy. */
export class MessageTemplate {
  /** The constant bytes between the holes: one more than there are holes. */
  private readonly consts: Uint8Array[] = [];
  private readonly kinds: number[] = [];
  /** A time hole's seconds, a counter hole's value. */
  private readonly args: number[] = [];
  /** Bytes a copy can take at most. */
  readonly maxLength: number;

  constructor(message: AmiMessage) {
    let text = '';
    const out = (p: string | Hole): void => {
      if (typeof p === 'string') {
        text += p;
        return;
      }
      this.consts.push(encoder.encode(text));
      text = '';
      this.kinds.push(p.kind === 'time' ? TIME : p.kind === 'copy' ? COPY : COUNTER);
      this.args.push(p.kind === 'time' ? p.seconds : p.kind === 'counter' ? p.value : 0);
    };
    for (const [key, value] of message.entries()) fieldParts(key, value, out);
    out('\r\n');
    this.consts.push(encoder.encode(text));
    let constant = 0;
    for (const p of this.consts) constant += p.length;
    this.maxLength = constant + this.kinds.length * 32;
  }

  /** Writes copy `copy`, shifted `shiftMs`, at `at` in `out`; returns the end. */
  write(copy: number, shiftMs: number, out: Uint8Array, at: number): number {
    const consts = this.consts;
    const kinds = this.kinds;
    let n = at;
    for (let k = 0; k < kinds.length; k++) {
      const c = consts[k] as Uint8Array;
      out.set(c, n);
      n += c.length;
      const kind = kinds[k];
      if (kind === COUNTER) {
        const v = ((this.args[k] as number) + (copy % 4096) * 0x100000) >>> 0;
        for (let shift = 28; shift >= 0; shift -= 4) out[n++] = HEX[(v >>> shift) & 15] as number;
      } else if (kind === COPY) {
        if (copy !== 0) {
          const suffix = copySuffix(copy);
          out.set(suffix, n);
          n += suffix.length;
        }
      } else {
        n = ascii(((this.args[k] as number) + shiftMs / 1000).toFixed(6), out, n);
      }
    }
    const last = consts[kinds.length] as Uint8Array;
    out.set(last, n);
    return n + last.length;
  }
}

/** `-<copy>`, made once per copy. */
const suffixes: Uint8Array[] = [];
function copySuffix(copy: number): Uint8Array {
  return (suffixes[copy] ??= encoder.encode(`-${copy}`));
}

const HEX = encoder.encode('0123456789abcdef');

function ascii(text: string, out: Uint8Array, at: number): number {
  for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
  return at + text.length;
}

/**
 * Throws unless every template writes exactly what `freshMessage` makes of
 * its message, for each of the given copies.
 */
export function checkTemplates(
  messages: readonly AmiMessage[],
  templates: readonly MessageTemplate[],
  copies: readonly { copy: number; shiftMs: number }[],
): void {
  const out = new Uint8Array(1 << 20);
  for (const { copy, shiftMs } of copies) {
    messages.forEach((m, i) => {
      const expected = freshMessage(m, copy, shiftMs);
      const end = templates[i]?.write(copy, shiftMs, out, 0) ?? 0;
      const got = out.subarray(0, end);
      if (got.length !== expected.length || got.some((b, j) => b !== expected[j]))
        throw new Error(`template of message ${i} differs from freshMessage for copy ${copy}`);
    });
  }
}
