// The server's Arrow IPC tables as frames (frames.ts). Decoding the IPC
// bytes copies nothing; each column is then read straight off its buffers:
// integer columns are the Int32Arrays themselves when the table is one
// batch, dictionary columns keep their index arrays' codes (remapped only
// when batches carry different dictionaries), timestamps become numbers.

import { tableFromIPC, type Data, type DataType, type Table, type Vector } from 'apache-arrow';
import type {
  AttemptFrame,
  CallFrame,
  Dict,
  HourFrame,
  IntervalFrame,
  QueueHourFrame,
  VisitFrame,
} from './frames.ts';

function chunks(table: Table, name: string): readonly Data<DataType>[] {
  const v: Vector<DataType> | null = table.getChild(name);
  if (!v) throw new Error(`the report data has no column "${name}"`);
  return v.data;
}

/** Row i of a batch is not null. (Value buffers are sliced to the batch; the null bitmap keeps its offset.) */
function isValid(d: Data<DataType>, i: number): boolean {
  if (d.nullCount === 0) return true;
  const bitmap = d.nullBitmap;
  if (!bitmap || bitmap.length === 0) return true;
  const at = d.offset + i;
  return ((bitmap[at >> 3] ?? 0) & (1 << (at & 7))) !== 0;
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
    const indices = d.values as Int8Array | Int16Array | Int32Array;
    const identity = remap.every((id, k) => id === k);
    if (identity && d.nullCount === 0) {
      // The batch's dictionary is the merged one so far: its indices are the codes.
      codes.set(indices.subarray(0, d.length), at);
    } else {
      for (let i = 0; i < d.length; i++) {
        const code = isValid(d, i) ? (indices[i] ?? -1) : -1;
        codes[at + i] = code < 0 ? -1 : (remap[code] ?? -1);
      }
    }
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
    if (d.values instanceof BigInt64Array) {
      at += int64s(d, out, at);
      continue;
    }
    const src = d.values as ArrayLike<number | bigint>;
    for (let i = 0; i < d.length; i++) {
      const v = isValid(d, i) ? src[i] : undefined;
      out[at + i] = v === undefined ? Number.NaN : Number(v);
    }
    at += d.length;
  }
  return out;
}

/**
 * 64-bit integers (timestamps in ms) into numbers without a BigInt per
 * row: each value read as its two 32-bit halves (little-endian, as Arrow
 * IPC is), exact below 2^53.
 */
function int64s(d: Data<DataType>, out: Float64Array | Int32Array, at: number): number {
  const v = d.values as BigInt64Array;
  const halves = new Int32Array(v.buffer, v.byteOffset, d.length * 2);
  for (let i = 0; i < d.length; i++) {
    out[at + i] = isValid(d, i)
      ? (halves[2 * i + 1] ?? 0) * 4_294_967_296 + ((halves[2 * i] ?? 0) >>> 0)
      : Number.NaN;
  }
  return d.length;
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
