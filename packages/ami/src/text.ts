// Byte-range decoding for the parser and messages. AMI is ASCII almost
// everywhere; caller names are the exception and arrive as raw UTF-8.

const utf8 = new TextDecoder('utf-8');
const fromCharCode = String.fromCharCode;

/** Ranges up to this length are built from char codes; longer ones go to TextDecoder. */
const SHORT = 64;
const scratch: number[][] = [];

/** Decodes `bytes[start, end)` as UTF-8 (invalid sequences become U+FFFD). */
export function decodeRange(bytes: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n <= 0) return '';
  if (n > SHORT) return utf8.decode(bytes.subarray(start, end));
  // One array per length, reused: the codes only live until fromCharCode returns.
  const codes = (scratch[n] ??= new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const b = bytes[start + i] as number;
    if (b >= 0x80) return utf8.decode(bytes.subarray(start, end));
    codes[i] = b;
  }
  // eslint-disable-next-line prefer-spread -- apply on a small array is the fastest way here
  return fromCharCode.apply(null, codes);
}

/** True when `bytes[start, end)` equals `name`, ignoring ASCII case. */
export function equalsIgnoreCase(
  bytes: Uint8Array,
  start: number,
  end: number,
  name: string,
): boolean {
  const n = end - start;
  if (n !== name.length) return false;
  for (let i = 0; i < n; i++) {
    let a = bytes[start + i] as number;
    let b = name.charCodeAt(i);
    if (a === b) continue;
    if (a >= 0x41 && a <= 0x5a) a |= 0x20;
    if (b >= 0x41 && b <= 0x5a) b |= 0x20;
    if (a !== b) return false;
  }
  return true;
}

/** True when `bytes[start, end)` equals the ASCII `text` exactly. */
export function equalsAscii(bytes: Uint8Array, start: number, end: number, text: string): boolean {
  const n = end - start;
  if (n !== text.length) return false;
  for (let i = 0; i < n; i++) {
    if (bytes[start + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}

/** True when `bytes[start, end)` begins with the ASCII `text` exactly. */
export function startsWithAscii(
  bytes: Uint8Array,
  start: number,
  end: number,
  text: string,
): boolean {
  return end - start >= text.length && equalsAscii(bytes, start, start + text.length, text);
}

/** True when `bytes[start, end)` ends with the ASCII `text` exactly. */
export function endsWithAscii(
  bytes: Uint8Array,
  start: number,
  end: number,
  text: string,
): boolean {
  return end - start >= text.length && equalsAscii(bytes, end - text.length, end, text);
}

/** `bytes[start, end)` as a decimal number (digits, an optional sign and point), or NaN. */
export function parseDecimal(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let sign = 1;
  if (i < end && bytes[i] === 0x2d) {
    sign = -1;
    i++;
  }
  if (i >= end) return NaN;
  let int = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = (bytes[i] as number) - 0x30;
    if (c < 0 || c > 9) break;
    int = int * 10 + c;
    digits++;
  }
  let frac = 0;
  let scale = 1;
  if (i < end && bytes[i] === 0x2e) {
    for (i++; i < end; i++) {
      const c = (bytes[i] as number) - 0x30;
      if (c < 0 || c > 9) return NaN;
      frac = frac * 10 + c;
      scale *= 10;
      digits++;
    }
  }
  if (i !== end || digits === 0) return NaN;
  return sign * (int + frac / scale);
}
