import { decodeRange, equalsAscii } from './text.js';

// Keys repeat from message to message ("Channel", "Uniqueid", …), and so do
// event names and variable names: decoding each once and handing out the
// same string saves an allocation per field. The cache is bounded: past its
// size, strings are decoded as usual.

const MAX_KEYS = 4096;
const MAX_KEY_LENGTH = 64;
const cache = new Map<number, string>();

/** The key `bytes[start, end)` as a string, shared with every earlier key of the same bytes. */
export function internKey(bytes: Uint8Array, start: number, end: number): string {
  const n = end - start;
  if (n > MAX_KEY_LENGTH) return decodeRange(bytes, start, end);
  let h = 0x811c9dc5 ^ n;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  h &= 0x3fffffff; // small integers stay unboxed as Map keys
  const hit = cache.get(h);
  if (hit !== undefined && equalsAscii(bytes, start, end, hit)) return hit;
  const key = decodeRange(bytes, start, end);
  if (hit === undefined && cache.size < MAX_KEYS) cache.set(h, key);
  return key;
}
