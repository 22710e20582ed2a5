// The server's Arrow IPC tables as frames (frames.ts). Decoding the IPC
// bytes copies nothing; each column is then read straight off its buffers:
// integer columns are the Int32Arrays themselves when the table is one
// batch, dictionary columns keep their index arrays' codes (remapped only
// when batches carry different dictionaries), timestamps become numbers.

import { tableFromIPC, type Data, type DataType, type Table } from 'apache-arrow';
import type {
  AttemptFrame,
  CallFrame,
  Dict,
  HourFrame,
  IntervalFrame,
  QueueHourFrame,
  VisitFrame,
} from './frames.ts';

/** A column's batches, read off the record batches (no Vector made for it). */
function chunks(table: Table, name: string): readonly Data<DataType>[] {
  const k = table.schema.fields.findIndex((f) => f.name === name);
  if (k < 0) throw new Error(`the report data has no column "${name}"`);
  return table.data.flatMap((batch) => {
    const d = batch.children[k];
    return d ? [d] : [];
  });
}

/**
 * The null bitmap of a batch and the bit its row 0 is at (value buffers
 * are sliced to the batch; the bitmap keeps its offset), or null when no
 * row is null. Asked once per batch: Arrow's nullCount is a getter.
 */
function nullsOf(d: Data<DataType>): { readonly bits: Uint8Array; readonly at: number } | null {
  if (d.nullCount === 0) return null;
  const bits = d.nullBitmap;
  return bits && bits.length > 0 ? { bits, at: d.offset } : null;
}

/** Each null row of the batch, set to `none` in `out` (from `start`): a byte of the bitmap at a time. */
function markNulls(
  d: Data<DataType>,
  out: Int32Array | Float64Array,
  start: number,
  none: number,
): void {
  const nulls = nullsOf(d);
  if (nulls === null) return;
  const { bits, at } = nulls;
  for (let i = 0; i < d.length;) {
    const bit = (at + i) & 7;
    const byte = bits[(at + i) >> 3] ?? 0;
    if (bit === 0 && byte === 0xff && i + 8 <= d.length) {
      i += 8;
      continue;
    }
    if ((byte & (1 << bit)) === 0) out[start + i] = none;
    i++;
  }
}

function dictColumn(table: Table, name: string): Dict {
  const parts = chunks(table, name);
  const codes = new Int32Array(table.numRows);
  const values: string[] = [];
  const ids = new Map<string, number>();
  let at = 0;
  for (const d of parts) {
    const dictionary = d.dictionary;
    const words = dictionary ? (dictionary.toArray() as (string | null)[]) : [];
    const remap = Int32Array.from(words, (w) => {
      if (w === null) return -1;
      let id = ids.get(w);
      if (id === undefined) {
        id = values.push(w) - 1;
        ids.set(w, id);
      }
      return id;
    });
    const indices = (d.values as Int8Array | Int16Array | Int32Array).subarray(0, d.length);
    if (remap.every((id, k) => id === k)) {
      // The batch's dictionary is the merged one so far: its indices are the codes.
      codes.set(indices, at);
    } else {
      for (let i = 0; i < d.length; i++) {
        const code = indices[i] ?? -1;
        codes[at + i] = code < 0 ? -1 : (remap[code] ?? -1);
      }
    }
    markNulls(d, codes, at, -1);
    at += d.length;
  }
  return { codes, values };
}

function numbers<A extends Float64Array | Int32Array>(
  table: Table,
  name: string,
  make: (n: number) => A,
): A {
  const parts = chunks(table, name);
  const only = parts[0];
  // One batch of the very type wanted: the buffer itself.
  if (parts.length === 1 && only && only.nullCount === 0) {
    const values: unknown = only.values;
    const probe = make(0);
    if (values instanceof probe.constructor && (values as A).length === only.length)
      return values as A;
  }
  const out = make(table.numRows);
  let at = 0;
  for (const d of parts) {
    if (d.values instanceof BigInt64Array) int64s(d, out, at);
    else {
      const src = d.values as Int8Array | Int16Array | Int32Array | Float64Array;
      const n = d.length;
      for (let i = 0; i < n; i++) out[at + i] = src[i] ?? Number.NaN;
    }
    markNulls(d, out, at, Number.NaN);
    at += d.length;
  }
  return out;
}

/**
 * 64-bit integers (timestamps in ms) into numbers without a BigInt per
 * row: each value read as its two 32-bit halves (little-endian, as Arrow
 * IPC is), exact below 2^53.
 */
function int64s(d: Data<DataType>, out: Float64Array | Int32Array, at: number): void {
  const v = d.values as BigInt64Array;
  const n = d.length;
  const halves = new Int32Array(v.buffer, v.byteOffset, n * 2);
  for (let i = 0; i < n; i++)
    out[at + i] = (halves[2 * i + 1] ?? 0) * 4_294_967_296 + ((halves[2 * i] ?? 0) >>> 0);
}

const times = (t: Table, name: string): Float64Array =>
  numbers(t, name, (n) => new Float64Array(n));
const floats = times;
const ints = (t: Table, name: string): Int32Array => numbers(t, name, (n) => new Int32Array(n));

export function decode(bytes: Uint8Array): Table {
  return tableFromIPC(bytes);
}

export function visitFrame(t: Table): VisitFrame {
  return {
    length: t.numRows,
    station: dictColumn(t, 'station'),
    queue: dictColumn(t, 'queue'),
    outcome: dictColumn(t, 'outcome'),
    answeredBy: dictColumn(t, 'answeredBy'),
    transfer: dictColumn(t, 'transfer'),
    joinedAt: times(t, 'joinedAt'),
    leftAt: times(t, 'leftAt'),
    waitMs: ints(t, 'waitMs'),
    talkMs: ints(t, 'talkMs'),
    wrapUpMs: ints(t, 'wrapUpMs'),
    rings: ints(t, 'rings'),
  };
}

export function attemptFrame(t: Table): AttemptFrame {
  return {
    length: t.numRows,
    station: dictColumn(t, 'station'),
    queue: dictColumn(t, 'queue'),
    operator: dictColumn(t, 'operator'),
    memberName: dictColumn(t, 'memberName'),
    result: dictColumn(t, 'result'),
    startedAt: times(t, 'startedAt'),
    ringMs: ints(t, 'ringMs'),
  };
}

export function intervalFrame(t: Table): IntervalFrame {
  return {
    length: t.numRows,
    station: dictColumn(t, 'station'),
    operator: dictColumn(t, 'operator'),
    name: dictColumn(t, 'name'),
    kind: dictColumn(t, 'kind'),
    state: dictColumn(t, 'state'),
    queue: dictColumn(t, 'queue'),
    reason: dictColumn(t, 'reason'),
    startedAt: times(t, 'startedAt'),
    endedAt: times(t, 'endedAt'),
  };
}

export function callFrame(t: Table): CallFrame {
  return {
    length: t.numRows,
    station: dictColumn(t, 'station'),
    direction: dictColumn(t, 'direction'),
    outcome: dictColumn(t, 'outcome'),
    fromOperator: dictColumn(t, 'fromOperator'),
    toOperator: dictColumn(t, 'toOperator'),
    startedAt: times(t, 'startedAt'),
    talkMs: ints(t, 'talkMs'),
  };
}

export function hourFrame(t: Table): HourFrame {
  return {
    length: t.numRows,
    station: dictColumn(t, 'station'),
    operator: dictColumn(t, 'operator'),
    name: dictColumn(t, 'name'),
    memberName: dictColumn(t, 'memberName'),
    queue: dictColumn(t, 'queue'),
    reason: dictColumn(t, 'reason'),
    hour: times(t, 'hour'),
    answered: ints(t, 'answered'),
    rings: ints(t, 'rings'),
    missed: ints(t, 'missed'),
    loggedInMs: floats(t, 'loggedInMs'),
    offlineMs: floats(t, 'offlineMs'),
    idleMs: floats(t, 'idleMs'),
    ringingMs: floats(t, 'ringingMs'),
    talkingMs: floats(t, 'talkingMs'),
    wrapUpMs: floats(t, 'wrapUpMs'),
    pausedMs: floats(t, 'pausedMs'),
    outbound: ints(t, 'outbound'),
    outboundTalkMs: floats(t, 'outboundTalkMs'),
    internalMade: ints(t, 'internalMade'),
    internalReceived: ints(t, 'internalReceived'),
  };
}

export function queueHourFrame(t: Table): QueueHourFrame {
  return {
    length: t.numRows,
    station: dictColumn(t, 'station'),
    queue: dictColumn(t, 'queue'),
    outcome: dictColumn(t, 'outcome'),
    hour: times(t, 'hour'),
    waitS: ints(t, 'waitS'),
    onTheSecond: ints(t, 'onTheSecond'),
    visits: ints(t, 'visits'),
    waitMs: floats(t, 'waitMs'),
    waitMsMax: ints(t, 'waitMsMax'),
    talkMs: floats(t, 'talkMs'),
    wrapUpMs: floats(t, 'wrapUpMs'),
    transfers: ints(t, 'transfers'),
  };
}
