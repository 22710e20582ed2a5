import { internKey } from './intern.js';
import { setOwn } from './record.js';
import { decodeRange, equalsAscii, equalsIgnoreCase, parseDecimal } from './text.js';

const wholeDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const HEAD_FIELDS = 3;
/** Where each key was found last, by message name (see `indexOf`); bounded. */
const hints = new Map<string, Map<string, number>>();
const MAX_HINTED_NAMES = 512;
const MAX_HINTED_KEYS = 64;

/** Key given to the lines of a legacy `Response: Follows` command output. */
export const OUTPUT_KEY = 'Output';

/** Field offsets are stored four to a field: key start, key end, value start, value end. */
export const FIELD_STRIDE = 4;

/** What kind of message its first key says it is. */
export type MessageKind = 'event' | 'response' | 'action' | 'other';

/** A JSON view of one message: keys in wire order, a repeated key as the array of its values. */
export type MessageObject = Record<string, string | string[]>;

/**
 * One AMI message: a block of `Key: Value` lines. It keeps the bytes it was
 * parsed from and the offsets of each key and value; strings are decoded only
 * when asked for. Keys keep their spelling and order; lookups ignore case;
 * repeated keys are all kept. Values are returned as sent: fields that
 * Asterisk C-escapes are unescaped by the typed layer (`toEvent`), not here.
 */
export class AmiMessage {
  private readonly buf: Uint8Array;
  /** Offsets of this message's fields, from `first` on (a pool that the parser shares between messages). */
  private readonly offs: Int32Array;
  private readonly first: number;
  private readonly count: number;
  private readonly from: number;
  private readonly to: number;
  private cachedName: string | undefined;
  /** This message's name's entry in `hints`, once looked up. */
  private hintTable: Map<string, number> | null | undefined;
  /** Byte offset of the message in the stream it was parsed from. */
  readonly offset: number;

  /**
   * @internal Built by the parser: the `count` fields' offsets into `bytes`
   * are `fields[first …]`, `FIELD_STRIDE` to a field.
   */
  constructor(
    bytes: Uint8Array,
    fields: Int32Array,
    first: number,
    count: number,
    start: number,
    end: number,
    offset: number,
  ) {
    this.buf = bytes;
    this.offs = fields;
    this.first = first;
    this.count = count;
    this.from = start;
    this.to = end;
    this.offset = offset;
  }

  /** Where field `i`'s four offsets start in `offs`. */
  private at(i: number): number {
    return this.first + i * FIELD_STRIDE;
  }

  /** Number of fields (lines), repeated keys counted each time. */
  get size(): number {
    return this.count;
  }

  /** The raw bytes of the message as received, terminating blank line included. */
  get bytes(): Uint8Array {
    return this.buf.subarray(this.from, this.to);
  }

  /** The length of `bytes`, without making a view of them. */
  get byteLength(): number {
    return this.to - this.from;
  }

  get kind(): MessageKind {
    if (this.size === 0) return 'other';
    if (this.keyIs(0, 'Event')) return 'event';
    if (this.keyIs(0, 'Response')) return 'response';
    if (this.keyIs(0, 'Action')) return 'action';
    return 'other';
  }

  /** The event name, response status or action name: the value of the first field. */
  get name(): string {
    if (this.cachedName !== undefined) return this.cachedName;
    // Names repeat from message to message: shared strings, as keys are.
    const name =
      this.size === 0
        ? ''
        : internKey(
            this.buf,
            this.offs[this.at(0) + 2] as number,
            this.offs[this.at(0) + 3] as number,
          );
    this.cachedName = name;
    return name;
  }

  /** Key of field `i`, in its original spelling. */
  key(i: number): string {
    const f = this.offs;
    const ks = f[this.at(i)] as number;
    if (ks < 0) return OUTPUT_KEY;
    return internKey(this.buf, ks, f[this.at(i) + 1] as number);
  }

  /** Value of field `i`, decoded as UTF-8. */
  value(i: number): string {
    const f = this.offs;
    return decodeRange(this.buf, f[this.at(i) + 2] as number, f[this.at(i) + 3] as number);
  }

  /** Index of the first field named `name` (any case) at or after `from`, or -1. */
  indexOf(name: string, from = 0): number {
    const n = this.size;
    if (from !== 0 || n <= HEAD_FIELDS) return this.scan(name, from);
    // The header (Event, Privilege, Timestamp) is quicker to look through.
    for (let i = 0; i < HEAD_FIELDS; i++) if (this.keyIs(i, name)) return i;
    // Asterisk writes each kind of message with its fields in the same order:
    // try where this key was in the last message of this name, then look.
    let known = this.hintTable ?? (this.hintTable = hints.get(this.name) ?? null);
    const hint = known?.get(name);
    if (hint !== undefined && hint < n && this.keyIs(hint, name) && !this.earlier(name, hint))
      return hint;
    const i = this.scan(name, HEAD_FIELDS);
    if (i >= 0) {
      if (!known && hints.size < MAX_HINTED_NAMES)
        hints.set(this.name, (known = this.hintTable = new Map<string, number>()));
      if (known && known.size < MAX_HINTED_KEYS) known.set(name, i);
    }
    return i;
  }

  /** True when the first value of `name` is exactly `text` (ASCII), read without decoding it. */
  valueIs(name: string, text: string): boolean {
    const i = this.indexOf(name);
    if (i < 0) return false;
    const f = this.offs;
    return equalsAscii(this.buf, f[this.at(i) + 2] as number, f[this.at(i) + 3] as number, text);
  }

  private scan(name: string, from: number): number {
    for (let i = from, n = this.size; i < n; i++) {
      if (this.keyIs(i, name)) return i;
    }
    return -1;
  }

  /** True when `name` is the key of a field before `end` (a hint must be the first occurrence). */
  private earlier(name: string, end: number): boolean {
    const f = this.offs;
    const len = name.length;
    for (let i = HEAD_FIELDS; i < end; i++) {
      const ks = f[this.at(i)] as number;
      if ((f[this.at(i) + 1] as number) - ks === len && this.keyIs(i, name)) return true;
    }
    return false;
  }

  /**
   * The first value of `name`, as a string shared with earlier messages that
   * had the same value: for values that repeat (variable names, states).
   */
  getShared(name: string): string | undefined {
    const i = this.indexOf(name);
    if (i < 0) return undefined;
    const f = this.offs;
    return internKey(this.buf, f[this.at(i) + 2] as number, f[this.at(i) + 3] as number);
  }

  /**
   * The first value of `name` read as a decimal number (`1795704250.922541`,
   * `-3`), without making a string of it; NaN when absent or not a number.
   */
  getNumber(name: string): number {
    const i = this.indexOf(name);
    if (i < 0) return NaN;
    const f = this.offs;
    return parseDecimal(this.buf, f[this.at(i) + 2] as number, f[this.at(i) + 3] as number);
  }

  has(name: string): boolean {
    return this.indexOf(name) >= 0;
  }

  /** First value of `name` (any case), or undefined. */
  get(name: string): string | undefined {
    const i = this.indexOf(name);
    return i < 0 ? undefined : this.value(i);
  }

  /** Every value of `name` (any case), in order. */
  getAll(name: string): string[] {
    const out: string[] = [];
    for (let i = this.indexOf(name); i >= 0; i = this.indexOf(name, i + 1)) out.push(this.value(i));
    return out;
  }

  /** Fields as `[key, value]` pairs in wire order. */
  entries(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    const text = this.wholeText();
    const f = this.offs;
    const buf = this.buf;
    const base = this.from;
    const ascii = text !== undefined && text.length === this.to - base;
    // UTF-16 offset of byte `pos`: one unit per lead byte, two for a 4-byte sequence.
    let pos = base;
    let units = 0;
    const unitAt = (byte: number): number => {
      while (pos < byte) {
        const c = buf[pos++] as number;
        if ((c & 0xc0) !== 0x80) units++;
        if (c >= 0xf0) units++;
      }
      return units;
    };
    for (let i = 0, n = this.size; i < n; i++) {
      const at = this.at(i);
      const vs = f[at + 2] as number;
      const ve = f[at + 3] as number;
      let value: string;
      if (text === undefined) value = this.value(i);
      else if (ascii) value = text.slice(vs - base, ve - base);
      else value = text.slice(unitAt(vs), unitAt(ve));
      out.push([this.key(i), value]);
    }
    return out;
  }

  /**
   * Keys in first-seen order, each with its value, or with the array of its
   * values when the key occurs more than once. Keys that differ only in case
   * are kept apart, as they were sent.
   */
  toObject(): MessageObject {
    const out: MessageObject = {};
    for (const [k, v] of this.entries()) {
      if (!Object.hasOwn(out, k)) {
        if (k === '__proto__') setOwn<string | string[]>(out, k, v);
        else out[k] = v;
        continue;
      }
      const prev = out[k];
      if (Array.isArray(prev)) prev.push(v);
      else if (prev !== undefined) out[k] = [prev, v];
    }
    return out;
  }

  /**
   * The whole message as one string when it is valid UTF-8: one decoder call
   * instead of one per field. Values cut from it share its memory, so this
   * serves whole-message reads, not single fields kept for long.
   */
  private wholeText(): string | undefined {
    try {
      return wholeDecoder.decode(this.buf.subarray(this.from, this.to));
    } catch {
      return undefined; // invalid UTF-8: decoded field by field, with replacement characters
    }
  }

  /** JSON text of `toObject()` with keys in wire order (integer-like keys included). */
  toJsonText(): string {
    const order: string[] = [];
    const values = new Map<string, string[]>();
    for (const [k, v] of this.entries()) {
      const list = values.get(k);
      if (list) list.push(v);
      else {
        order.push(k);
        values.set(k, [v]);
      }
    }
    const parts = order.map((k) => {
      const list = values.get(k) ?? [];
      return `${JSON.stringify(k)}:${JSON.stringify(list.length === 1 ? list[0] : list)}`;
    });
    return `{${parts.join(',')}}`;
  }

  /** @internal */
  keyIs(i: number, name: string): boolean {
    const f = this.offs;
    const ks = f[this.at(i)] as number;
    if (ks < 0) return name.length === OUTPUT_KEY.length && name.toLowerCase() === 'output';
    return equalsIgnoreCase(this.buf, ks, f[this.at(i) + 1] as number, name);
  }
}
