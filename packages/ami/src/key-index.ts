// Finding a field by key without scanning the message each time. The first
// lookup in a message hashes each of its keys (ASCII case folded) into one
// table shared by all messages; later lookups in the same message probe it.
// The table belongs to the last message looked into: a tracker reads one
// message's fields, then the next message's, so it is rarely rebuilt twice.

const SLOTS = 128;
const MASK = SLOTS - 1;
/** Messages with more fields than this are scanned instead. */
export const MAX_INDEXED_FIELDS = 64;

const table = new Int32Array(SLOTS);
let owner: object | null = null;

const fold = (c: number): number => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c);

export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = end - start;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + fold(bytes[i] as number)) | 0;
  return h & MASK;
}

export function hashString(text: string): number {
  let h = text.length;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + fold(text.charCodeAt(i))) | 0;
  return h & MASK;
}

export interface Indexable {
  /** Hash of the key of field `i`. */
  keyHash(i: number): number;
  /** Whether fields `i` and `j` have the same key (any case). */
  sameKey(i: number, j: number): boolean;
  keyIs(i: number, name: string): boolean;
}

/** Index of the first field named `name` in `message` (of `size` fields), or -1. */
export function lookup(message: Indexable, size: number, name: string): number {
  if (owner !== message) build(message, size);
  for (let h = hashString(name), probes = 0; probes < SLOTS; h = (h + 1) & MASK, probes++) {
    const slot = table[h] as number;
    if (slot === 0) return -1;
    if (message.keyIs(slot - 1, name)) return slot - 1;
  }
  return -1;
}

function build(message: Indexable, size: number): void {
  owner = message;
  table.fill(0);
  for (let i = 0; i < size; i++) {
    let h = message.keyHash(i);
    for (;;) {
      const slot = table[h] as number;
      if (slot === 0) {
        table[h] = i + 1;
        break;
      }
      if (message.sameKey(slot - 1, i)) break; // a repeat: the first one stays
      h = (h + 1) & MASK;
    }
  }
}
