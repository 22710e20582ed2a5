// The journal: the raw AMI stream of each server, in batches, compressed.
// A batch's payload is deflate(raw) of its entries, each
//   varint(ms since the batch's first receive time) varint(length) bytes
// so a message's sequence number is the batch's first_seq plus its place.

import { deflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';

export interface JournalEntry {
  /** The server's sequence number of the message. */
  readonly seq: number;
  /** Receive time, ms since the epoch. */
  readonly receivedAt: number;
  /** The message's raw bytes, as received. */
  readonly bytes: Uint8Array;
}

export interface JournalBatch {
  readonly serverId: number;
  readonly entries: readonly JournalEntry[];
}

/** A stored batch, as read back. */
export interface JournalRow {
  readonly id: number;
  readonly serverId: number;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly firstAt: Date;
  readonly lastAt: Date;
  readonly messages: number;
  readonly payload: Uint8Array;
}

/** Writes `value` as a varint at `at`; returns the end. */
function varint(out: Uint8Array, at: number, value: number): number {
  let v = Math.max(0, Math.floor(value));
  let n = at;
  while (v >= 0x80) {
    out[n++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  out[n++] = v;
  return n;
}

/** A batch's entries framed, before compression (sequence numbers must follow one another). */
function frameEntries(entries: readonly JournalEntry[]): Uint8Array {
  const first = entries[0];
  if (!first) throw new Error('an empty journal batch');
  let size = 0;
  for (const e of entries) size += e.bytes.length + 20;
  const raw = new Uint8Array(size);
  let at = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as JournalEntry;
    if (e.seq !== first.seq + i) throw new Error(`journal entries out of sequence at ${e.seq}`);
    at = varint(raw, at, e.receivedAt - first.receivedAt);
    at = varint(raw, at, e.bytes.length);
    raw.set(e.bytes, at);
    at += e.bytes.length;
  }
  return raw.subarray(0, at);
}

/** Compresses a batch's entries (sequence numbers must follow one another). */
export function encodeEntries(entries: readonly JournalEntry[], level = 1): Uint8Array {
  return deflateRawSync(frameEntries(entries), { level });
}

/**
 * As `encodeEntries`, the same bytes, but compressed on libuv's thread pool:
 * the event loop (the tracker) goes on meanwhile.
 */
export function encodeEntriesAsync(
  entries: readonly JournalEntry[],
  level = 1,
): Promise<Uint8Array> {
  const raw = frameEntries(entries);
  // One output chunk as large as the input: compressed in one go on the pool,
  // not 16 KiB at a time with a turn of the event loop between each.
  const chunkSize = Math.max(64 * 1024, raw.length + 1024);
  return new Promise((resolve, reject) => {
    deflateRaw(raw, { level, chunkSize }, (error, out) => (error ? reject(error) : resolve(out)));
  });
}

/** The entries of a stored batch. */
export function decodeEntries(
  row: Pick<JournalRow, 'firstSeq' | 'firstAt' | 'messages' | 'payload'>,
): JournalEntry[] {
  const raw = inflateRawSync(row.payload);
  const out: JournalEntry[] = [];
  const base = row.firstAt.getTime();
  let at = 0;
  const read = (): number => {
    let v = 0;
    let scale = 1;
    for (;;) {
      const b = raw[at++];
      if (b === undefined) throw new Error('a truncated journal batch');
      v += (b & 0x7f) * scale;
      if (b < 0x80) return v;
      scale *= 0x80;
    }
  };
  for (let i = 0; i < row.messages; i++) {
    const delta = read();
    const length = read();
    out.push({
      seq: row.firstSeq + i,
      receivedAt: base + delta,
      bytes: raw.subarray(at, at + length),
    });
    at += length;
  }
  return out;
}
