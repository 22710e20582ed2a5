// Rows to Arrow IPC (the stream format, one record batch): each column
// built straight into its buffers from the column table (columns.ts).
// Strings of a `dict` column are dictionary-encoded with the narrowest
// indices that hold the dictionary (Int8, Int16 or Int32);
// times are Timestamp(ms, UTC). Pure: rows in, bytes out.

import {
  Dictionary,
  Field,
  FixedSizeList,
  Float64,
  Int16,
  Int32,
  Int8,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableToIPC,
  TimestampMillisecond,
  Utf8,
  makeVector,
  type Data,
} from 'apache-arrow';
import { ROLLUP_WAIT_EDGES_S } from '@callboard/store';
import type { AnyRow, Column } from './columns.js';

export const ARROW_CONTENT_TYPE = 'application/vnd.apache.arrow.stream';

const HIST_SIZE = ROLLUP_WAIT_EDGES_S.length + 1;

/** Validity bitmap (LSB first) and null count of a column; undefined bitmap when none is null. */
function validity(values: readonly unknown[]): { bitmap: Uint8Array | undefined; nulls: number } {
  let nulls = 0;
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  values.forEach((v, i) => {
    if (v === null) nulls++;
    else bitmap[i >> 3] = (bitmap[i >> 3] ?? 0) | (1 << (i & 7));
  });
  return { bitmap: nulls === 0 ? undefined : bitmap, nulls };
}

const asString = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const asNumber = (v: unknown): number | null => (typeof v === 'number' ? v : null);

const encoder = new TextEncoder();

/** A Utf8 column: every string's bytes in one buffer, and their offsets. */
function utf8(values: readonly (string | null)[]): Data<Utf8> {
  const offsets = new Int32Array(values.length + 1);
  let bytes = new Uint8Array(Math.max(64, values.length * 16));
  let end = 0;
  values.forEach((v, i) => {
    if (v !== null && v !== '') {
      // UTF-8 takes at most 3 bytes for each UTF-16 unit.
      if (end + v.length * 3 > bytes.length) {
        const grown = new Uint8Array(Math.max(bytes.length * 2, end + v.length * 3));
        grown.set(bytes.subarray(0, end));
        bytes = grown;
      }
      end += encoder.encodeInto(v, bytes.subarray(end)).written;
    }
    offsets[i + 1] = end;
  });
  const { bitmap, nulls } = validity(values);
  return makeData({
    type: new Utf8(),
    length: values.length,
    nullCount: nulls,
    ...(bitmap ? { nullBitmap: bitmap } : {}),
    valueOffsets: offsets,
    data: bytes.subarray(0, end),
  });
}

/** The narrowest index type for a dictionary of `size` words: 1, 2 or 4 bytes a row. */
function indexType(size: number): {
  type: Int8 | Int16 | Int32;
  array: (n: number) => Int8Array | Int16Array | Int32Array;
} {
  if (size <= 0x7f) return { type: new Int8(), array: (n) => new Int8Array(n) };
  if (size <= 0x7fff) return { type: new Int16(), array: (n) => new Int16Array(n) };
  return { type: new Int32(), array: (n) => new Int32Array(n) };
}

function dictionary(values: readonly (string | null)[], id: number): Data {
  const index = new Map<string, number>();
  const words: string[] = [];
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    if (v === null) return;
    let k = index.get(v);
    if (k === undefined) {
      k = words.length;
      index.set(v, k);
      words.push(v);
    }
    codes[i] = k;
  });
  const { type, array } = indexType(words.length);
  const indices = array(values.length);
  indices.set(codes);
  const { bitmap, nulls } = validity(values);
  return makeData({
    type: new Dictionary(new Utf8(), type, id, false),
    length: values.length,
    nullCount: nulls,
    ...(bitmap ? { nullBitmap: bitmap } : {}),
    data: indices,
    dictionary: makeVector(utf8(words)),
  });
}

/** The values into `array` (nulls left 0), with the validity of the column. */
function fill<A extends Int32Array | Float64Array | BigInt64Array>(
  values: readonly (number | null)[],
  array: A,
): { data: A; length: number; nullCount: number; nullBitmap?: Uint8Array } {
  values.forEach((v, i) => {
    if (v === null) return;
    if (array instanceof BigInt64Array) array[i] = BigInt(Math.round(v));
    else array[i] = v;
  });
  const { bitmap, nulls } = validity(values);
  return {
    data: array,
    length: values.length,
    nullCount: nulls,
    ...(bitmap ? { nullBitmap: bitmap } : {}),
  };
}

function histogram(values: readonly unknown[]): Data {
  const flat = new Int32Array(values.length * HIST_SIZE);
  values.forEach((v, i) => {
    if (Array.isArray(v)) v.forEach((n, k) => (flat[i * HIST_SIZE + k] = Number(n)));
  });
  const item = new Field('bucket', new Int32(), false);
  return makeData({
    type: new FixedSizeList(HIST_SIZE, item),
    length: values.length,
    nullCount: 0,
    child: makeData({ type: new Int32(), length: flat.length, nullCount: 0, data: flat }),
  });
}

function columnData(column: Column, rows: readonly AnyRow[], id: number): Data {
  const raw = rows.map((r) => r[column.name] ?? null);
  const n = rows.length;
  switch (column.kind) {
    case 'id':
      return utf8(raw.map(asString));
    case 'dict':
      return dictionary(raw.map(asString), id);
    case 'time':
      return makeData({
        type: new TimestampMillisecond('UTC'),
        ...fill(raw.map(asNumber), new BigInt64Array(n)),
      });
    case 'int':
      return makeData({ type: new Int32(), ...fill(raw.map(asNumber), new Int32Array(n)) });
    case 'big':
      return makeData({ type: new Float64(), ...fill(raw.map(asNumber), new Float64Array(n)) });
    case 'hist':
      return histogram(raw);
  }
}

/** The rows as one Arrow IPC stream; `metadata` goes on the schema. */
export function encodeArrow(
  columns: readonly Column[],
  rows: readonly AnyRow[],
  metadata: Readonly<Record<string, string>>,
): Uint8Array {
  const data = columns.map((c, i) => columnData(c, rows, i));
  const fields = columns.map(
    (c, i) => new Field(c.name, data[i]?.type ?? new Utf8(), c.null === true),
  );
  const schema = new Schema(fields, new Map(Object.entries(metadata)));
  const struct = makeData({
    type: new Struct(fields),
    length: rows.length,
    nullCount: 0,
    children: data,
  });
  return tableToIPC(new Table(new RecordBatch(schema, struct)), 'stream');
}
