import { AmiMessage, FIELD_STRIDE } from './message.js';
import { findLF, wordView, type WordView } from './scan.js';
import { decodeRange, endsWithAscii, equalsIgnoreCase, startsWithAscii } from './text.js';

export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

export const PARSE_ERROR_CODES = [
  'malformed-line',
  'line-too-long',
  'message-too-long',
  'truncated',
] as const;
export type ParseErrorCode = (typeof PARSE_ERROR_CODES)[number];

export interface ParseBanner {
  readonly kind: 'banner';
  readonly text: string;
  readonly offset: number;
}
export interface ParseMessage {
  readonly kind: 'message';
  readonly message: AmiMessage;
}
/** Bytes that could not be read as a message; the parser resumes at the next message boundary. */
export interface ParseError {
  readonly kind: 'error';
  readonly code: ParseErrorCode;
  readonly detail: string;
  /** Stream offset of the offending line (or of the message that could not end). */
  readonly offset: number;
}
export type ParseItem = ParseBanner | ParseMessage | ParseError;

export interface ParserOptions {
  /** A message longer than this is reported and skipped (default 1 MiB). */
  readonly maxMessageBytes?: number;
  /** A line longer than this is reported and its message skipped (default 1 MiB). */
  readonly maxLineBytes?: number;
  /** Read the first line of the stream as the `Asterisk Call Manager/x.y.z` banner (default true). */
  readonly banner?: boolean;
}

const enum Mode {
  Normal,
  /** After `Response: Follows`: `Privilege`/`ActionID` lines, then raw output. */
  FollowsHeader,
  FollowsOutput,
  /** `--END COMMAND--` seen; the message ends at the next blank line. */
  FollowsDone,
  /** Discarding bytes up to the next blank line after an error. */
  Skip,
}

const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;
const END_COMMAND = '--END COMMAND--';
const BANNER_PREFIX = 'Asterisk Call Manager';
const EMPTY = new Uint8Array(0);
/** Offsets in one pool of field offsets: 64 KiB, room for the fields of a few hundred events. */
const POOL_INTS = 16 * 1024;

/**
 * Streaming AMI parser: feed it byte chunks as they arrive, it calls `emit`
 * for each banner, message and error, in stream order. The result does not
 * depend on where the chunks are split. It never throws on bad input: a bad
 * line, an over-long line or message, or bytes cut off at the end become an
 * error item, and parsing resumes at the next message boundary (a blank
 * line, or a line opening a new `Event:`/`Response:` after a bad one).
 *
 * Messages refer to the chunk bytes without copying; chunks must not be
 * modified after they are pushed.
 */
export class AmiParser {
  private readonly maxMessage: number;
  private readonly maxLine: number;

  private buf: Uint8Array = EMPTY;
  private view: WordView | null = null;
  /** Valid bytes in buf (buf may be a carry buffer with spare room). */
  private len = 0;
  /** buf is our own carry buffer, so bytes may be appended past len. */
  private own = false;
  /** Stream offset of buf[0]. */
  private base = 0;
  /** Start of the message being read. */
  private msgStart = 0;
  /** Start of the first line not yet complete. */
  private pos = 0;

  // A partial line scanned so far, resumed on the next chunk.
  private scanned = -1;
  private colon = -1;
  private keyBad = false;

  /**
   * Field offsets, written straight into a pool that the messages read from
   * (each message its own stretch of it): one allocation for hundreds of
   * messages, and none on the collected heap for each one.
   */
  private fields: Int32Array = new Int32Array(POOL_INTS);
  /** Where the message being read has its fields in the pool. */
  private fieldsAt = 0;
  private nf = 0;
  private mode = Mode.Normal;
  private bannerPending: boolean;
  /** In Skip mode: the skipped bytes end inside a line. */
  private skipMidLine = false;
  private bad: { code: ParseErrorCode; detail: string; offset: number } | null = null;

  constructor(options: ParserOptions = {}) {
    this.maxMessage = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.bannerPending = options.banner ?? true;
  }

  /** Stream offset up to which every byte has been turned into items. */
  get consumed(): number {
    return this.base + this.msgStart;
  }

  /** Nothing of a message is held: every byte pushed has been turned into items. */
  get idle(): boolean {
    return (
      this.msgStart >= this.len &&
      this.nf === 0 &&
      this.mode === Mode.Normal &&
      this.bad === null &&
      !this.bannerPending
    );
  }

  push(chunk: Uint8Array, emit: (item: ParseItem) => void): void {
    if (chunk.length === 0) return;
    if (this.msgStart >= this.len) {
      this.take(chunk);
      this.scan(emit);
      return;
    }
    // A message was cut by the chunk's start: finish it in the carry buffer
    // with only the bytes it still needs (up to its blank line), then read
    // the rest of the chunk where it lies instead of copying it all.
    const cut = this.mode === Mode.Normal ? messageEnd(chunk) : -1;
    if (cut > 0 && cut < chunk.length) {
      this.append(chunk.subarray(0, cut));
      this.scan(emit);
      if (this.msgStart >= this.len && this.mode === Mode.Normal && this.nf === 0) {
        this.take(chunk.subarray(cut));
        this.scan(emit);
        return;
      }
      chunk = chunk.subarray(cut);
    }
    this.append(chunk);
    this.scan(emit);
  }

  /** Reads on from a fresh chunk: nothing of the stream before it is pending. */
  private take(chunk: Uint8Array): void {
    this.base += this.len;
    this.buf = chunk;
    this.view = wordView(chunk);
    this.len = chunk.length;
    this.own = false;
    this.msgStart = 0;
    this.pos = 0;
    this.scanned = -1;
  }

  /** The stream has ended: whatever is left is reported as truncated. */
  end(emit: (item: ParseItem) => void): void {
    const buf = this.buf;
    let rest = false;
    for (let i = this.msgStart; i < this.len; i++) {
      const c = buf[i];
      if (c !== CR && c !== LF) {
        rest = true;
        break;
      }
    }
    if (this.mode !== Mode.Skip && (rest || this.nf > 0 || this.bad)) {
      const offset = this.bad?.offset ?? this.base + this.msgStart;
      emit(error('truncated', offset, 'the stream ended inside a message'));
    }
    this.base += this.len;
    this.buf = EMPTY;
    this.view = null;
    this.len = this.msgStart = this.pos = 0;
    this.own = false;
    this.resetMessage();
  }

  private append(chunk: Uint8Array): void {
    const need = this.len - this.msgStart + chunk.length;
    if (this.own && this.buf.length - this.len >= chunk.length) {
      this.buf.set(chunk, this.len);
      this.len += chunk.length;
      return;
    }
    const shift = this.msgStart;
    const next = new Uint8Array(Math.max(4096, need * 2));
    next.set(this.buf.subarray(shift, this.len));
    next.set(chunk, this.len - shift);
    const f = this.fields;
    for (let i = this.fieldsAt, n = i + this.nf * FIELD_STRIDE; i < n; i++) {
      const v = f[i] as number;
      if (v >= 0) f[i] = v - shift;
    }
    if (this.scanned >= 0) this.scanned -= shift;
    if (this.colon >= 0) this.colon -= shift;
    this.pos -= shift;
    this.msgStart = 0;
    this.base += shift;
    this.buf = next;
    this.view = wordView(next);
    this.len = need;
    this.own = true;
  }

  private scan(emit: (item: ParseItem) => void): void {
    const buf = this.buf;
    const len = this.len;
    const maxLine = this.maxLine;
    let pos = this.pos;
    while (pos < len) {
      if (this.mode === Mode.Skip) {
        this.pos = pos;
        if (!this.skip()) return;
        pos = this.pos;
        continue;
      }
      const lineStart = pos;
      let i = lineStart;
      let colon = -1;
      let keyBad = false;
      if (this.scanned >= 0) {
        i = this.scanned;
        colon = this.colon;
        keyBad = this.keyBad;
        this.scanned = -1;
      }
      let nl = -1;
      if (colon < 0) {
        // The key is short: scanned here, and checked for printable ASCII on the way.
        for (; i < len; i++) {
          const c = buf[i] as number;
          // Letters and most punctuation sort above ':' and below DEL: the usual key byte.
          if (c > COLON && c < 0x7f) continue;
          if (c === COLON) {
            colon = i;
            break;
          }
          if (c === LF) {
            nl = i;
            break;
          }
          if ((c < SPACE || c > 0x7e) && (c !== CR || (i + 1 < len && buf[i + 1] !== LF))) {
            keyBad = true;
          }
        }
      }
      if (colon >= 0) {
        nl = findLF(buf, i > colon ? i : colon + 1, len, this.view);
      }
      if (nl < 0) {
        this.pos = pos;
        this.incomplete(emit, lineStart, colon, keyBad);
        return;
      }
      let end = nl;
      if (end > lineStart && buf[end - 1] === CR) end--;
      pos = nl + 1;
      if (nl - lineStart > maxLine || nl - this.msgStart >= this.maxMessage) {
        this.pos = pos;
        this.tooLong(
          emit,
          lineStart,
          nl - lineStart > maxLine,
          nl - this.msgStart >= this.maxMessage,
        );
        // A blank line that overflows still ends its message; any other line starts a skip.
        if (end === lineStart && (this.mode as Mode) === Mode.Skip) this.mode = Mode.Normal;
        this.skipMidLine = false;
        this.msgStart = pos;
        continue;
      }
      if (
        colon > lineStart &&
        !keyBad &&
        this.nf > 0 &&
        this.mode === Mode.Normal &&
        this.bad === null
      ) {
        // The common case: one more field of a message.
        this.addField(lineStart, colon, valueStart(buf, colon, end), end);
      } else {
        this.pos = pos;
        this.line(emit, lineStart, end, colon, keyBad);
        pos = this.pos;
      }
    }
    this.pos = pos;
  }

  /**
   * No line end yet: remember how far the line was read, unless the line or
   * the message is already certainly too long. The checks match the ones made
   * on whole lines, so the outcome does not depend on where chunks end.
   */
  private incomplete(
    emit: (item: ParseItem) => void,
    lineStart: number,
    colon: number,
    keyBad: boolean,
  ): void {
    const len = this.len;
    const partial = len - lineStart;
    const mayBeBlank = partial === 0 || (partial === 1 && this.buf[lineStart] === CR);
    const lineLong = partial > this.maxLine;
    const messageLong = !mayBeBlank && len - this.msgStart >= this.maxMessage;
    if (!lineLong && !messageLong) {
      // A CR that ends the chunk inside a key is judged when the next byte comes.
      this.scanned = colon < 0 && partial > 0 && this.buf[len - 1] === CR ? len - 1 : len;
      this.colon = colon;
      this.keyBad = keyBad;
      return;
    }
    this.tooLong(emit, lineStart, lineLong, messageLong);
    this.skipMidLine = true;
    this.pos = this.msgStart = len;
  }

  /** Reports the limit crossed first (in stream order) and enters skip mode. */
  private tooLong(
    emit: (item: ParseItem) => void,
    lineStart: number,
    lineLong: boolean,
    messageLong: boolean,
  ): void {
    const lineFirst =
      lineLong && (!messageLong || lineStart + this.maxLine + 1 <= this.msgStart + this.maxMessage);
    if (lineFirst)
      this.fail(emit, 'line-too-long', lineStart, `a line longer than ${this.maxLine} bytes`);
    else this.failTooLong(emit);
  }

  /** Skip mode: discard lines up to and including the next blank one. False when out of bytes. */
  private skip(): boolean {
    const buf = this.buf;
    const len = this.len;
    while (this.pos < len) {
      const start = this.pos;
      const nl = findLF(buf, start, len, this.view);
      if (nl < 0) {
        if (!this.skipMidLine && len - start === 1 && buf[start] === CR) {
          this.msgStart = start; // may be the first half of a blank "\r\n"
          return false;
        }
        this.skipMidLine = true;
        this.pos = this.msgStart = len;
        return false;
      }
      const blank = !this.skipMidLine && (nl === start || (nl === start + 1 && buf[start] === CR));
      this.skipMidLine = false;
      this.pos = this.msgStart = nl + 1;
      if (blank) {
        this.mode = Mode.Normal;
        return true;
      }
    }
    return false;
  }

  private line(
    emit: (item: ParseItem) => void,
    start: number,
    end: number,
    colon: number,
    keyBad: boolean,
  ): void {
    const buf = this.buf;
    if (end === start) {
      if (this.mode === Mode.FollowsOutput) {
        this.addField(-1, -1, start, start);
        return;
      }
      if (this.nf === 0 && this.bad === null) {
        this.msgStart = this.pos; // a stray blank line between messages
        return;
      }
      this.finish(emit);
      return;
    }
    if (this.bannerPending) {
      this.bannerPending = false;
      if (colon < 0 || startsWithAscii(buf, start, end, BANNER_PREFIX)) {
        emit({ kind: 'banner', text: decodeRange(buf, start, end), offset: this.base + start });
        this.msgStart = this.pos;
        return;
      }
    }
    switch (this.mode) {
      case Mode.FollowsHeader:
        if (
          colon > start &&
          (equalsIgnoreCase(buf, start, colon, 'Privilege') ||
            equalsIgnoreCase(buf, start, colon, 'ActionID'))
        ) {
          this.addKeyValue(start, end, colon);
          return;
        }
        this.mode = Mode.FollowsOutput;
        this.output(start, end);
        return;
      case Mode.FollowsOutput:
        if (!(opensMessage(buf, start, end) && this.lastOutputBlank())) {
          this.output(start, end);
          return;
        }
        // A new message after a blank line: the command output lost its end marker.
        this.bad = {
          code: 'malformed-line',
          offset: this.base + this.msgStart,
          detail: 'command output without --END COMMAND--',
        };
        this.finish(emit);
        this.msgStart = start;
        break;
      default:
        break;
    }
    if (this.bad !== null && opensMessage(buf, start, end)) {
      this.finish(emit); // reports the bad message; this line starts the next one
      this.msgStart = start;
    }
    if (colon <= start || keyBad) {
      this.bad ??= {
        code: 'malformed-line',
        offset: this.base + start,
        detail:
          colon < 0 ? 'a line without "Key: Value"' : 'a key that is empty or not printable ASCII',
      };
      return;
    }
    this.addKeyValue(start, end, colon);
    if (
      this.nf === 1 &&
      this.mode === Mode.Normal &&
      equalsIgnoreCase(buf, start, colon, 'Response') &&
      equalsIgnoreCase(buf, valueStart(buf, colon, end), end, 'Follows')
    ) {
      this.mode = Mode.FollowsHeader;
    }
  }

  private lastOutputBlank(): boolean {
    if (this.nf === 0) return false;
    const at = this.fieldsAt + (this.nf - 1) * FIELD_STRIDE;
    const f = this.fields;
    return f[at] === -1 && f[at + 2] === f[at + 3];
  }

  private output(start: number, end: number): void {
    const buf = this.buf;
    if (endsWithAscii(buf, start, end, END_COMMAND)) {
      const cut = end - END_COMMAND.length;
      if (cut > start) this.addField(-1, -1, start, cut);
      this.mode = Mode.FollowsDone;
      return;
    }
    this.addField(-1, -1, start, end);
  }

  private addKeyValue(start: number, end: number, colon: number): void {
    this.addField(start, colon, valueStart(this.buf, colon, end), end);
  }

  private addField(ks: number, ke: number, vs: number, ve: number): void {
    let f = this.fields;
    let at = this.fieldsAt + this.nf * FIELD_STRIDE;
    if (at + FIELD_STRIDE > f.length) {
      f = this.newPool();
      at = this.nf * FIELD_STRIDE;
    }
    f[at] = ks;
    f[at + 1] = ke;
    f[at + 2] = vs;
    f[at + 3] = ve;
    this.nf++;
  }

  /**
   * A fresh pool, the message being read moved to its start: messages
   * already emitted keep the old one. A message with more fields than a pool
   * holds gets a pool of its own size and more.
   */
  private newPool(): Int32Array {
    const used = this.nf * FIELD_STRIDE;
    const next = new Int32Array(Math.max(POOL_INTS, used * 2 + FIELD_STRIDE));
    next.set(this.fields.subarray(this.fieldsAt, this.fieldsAt + used));
    this.fields = next;
    this.fieldsAt = 0;
    return next;
  }

  private finish(emit: (item: ParseItem) => void): void {
    const bad = this.bad;
    if (bad !== null) {
      emit(error(bad.code, bad.offset, bad.detail));
    } else if (this.nf > 0) {
      const message = new AmiMessage(
        this.buf,
        this.fields,
        this.fieldsAt,
        this.nf,
        this.msgStart,
        this.pos,
        this.base + this.msgStart,
      );
      this.fieldsAt += this.nf * FIELD_STRIDE;
      emit({ kind: 'message', message });
    }
    this.resetMessage();
    this.msgStart = this.pos;
  }

  private fail(
    emit: (item: ParseItem) => void,
    code: ParseErrorCode,
    at: number,
    detail: string,
  ): void {
    emit(error(code, this.base + at, detail));
    this.resetMessage();
    this.mode = Mode.Skip;
  }

  private failTooLong(emit: (item: ParseItem) => void): void {
    this.fail(
      emit,
      'message-too-long',
      this.msgStart,
      `a message longer than ${this.maxMessage} bytes`,
    );
  }

  private resetMessage(): void {
    this.nf = 0;
    this.bad = null;
    this.mode = Mode.Normal;
    this.scanned = -1;
    this.colon = -1;
    this.keyBad = false;
  }
}

/** Where the first blank line within the chunk ends (LF LF or LF CR LF), or -1 in its first 16 KiB. */
function messageEnd(chunk: Uint8Array): number {
  const limit = Math.min(chunk.length, 16 * 1024);
  let i = 0;
  for (;;) {
    i = findLF(chunk, i, limit, null);
    if (i < 0) return -1;
    if (i >= 1 && chunk[i - 1] === LF) return i + 1;
    if (i >= 2 && chunk[i - 1] === CR && chunk[i - 2] === LF) return i + 1;
    i++;
  }
}

function valueStart(buf: Uint8Array, colon: number, end: number): number {
  const v = colon + 1;
  return v < end && buf[v] === SPACE ? v + 1 : v;
}

/** A line that can only begin a message: lets the parser resync right after garbage. */
function opensMessage(buf: Uint8Array, start: number, end: number): boolean {
  return (
    startsWithAscii(buf, start, end, 'Event: ') || startsWithAscii(buf, start, end, 'Response: ')
  );
}

function error(code: ParseErrorCode, offset: number, detail: string): ParseError {
  return { kind: 'error', code, offset, detail };
}

/** Parses a whole byte sequence at once. */
export function parseAll(bytes: Uint8Array, options?: ParserOptions): ParseItem[] {
  const out: ParseItem[] = [];
  const parser = new AmiParser(options);
  const emit = (item: ParseItem): void => {
    out.push(item);
  };
  parser.push(bytes, emit);
  parser.end(emit);
  return out;
}

/**
 * One item as one JSON text, the contract of `callboard ami-dump`: a message
 * with its keys in wire order (a repeated key as the array of its values),
 * `{"_banner": …}`, or `{"_error": "<code>: <detail>", "offset": N}`.
 */
export function itemToJson(item: ParseItem): string {
  switch (item.kind) {
    case 'banner':
      return JSON.stringify({ _banner: item.text });
    case 'message':
      return item.message.toJsonText();
    case 'error':
      return JSON.stringify({ _error: `${item.code}: ${item.detail}`, offset: item.offset });
  }
}
