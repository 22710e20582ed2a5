// Report rows as columns: what the worker makes of the server's Arrow
// tables, and what every aggregation reads. Strings are dictionary codes
// (an Int32Array of indices into `values`, -1 for none), times epoch
// milliseconds in Float64Arrays, durations milliseconds in Int32Arrays.
// Frames of several days are merged into one with shared dictionaries, so
// a code means the same queue in every row of a period.

export interface Dict {
  readonly codes: Int32Array;
  readonly values: readonly string[];
}

export interface VisitFrame {
  readonly length: number;
  readonly station: Dict;
  readonly queue: Dict;
  readonly outcome: Dict;
  readonly answeredBy: Dict;
  readonly transfer: Dict;
  readonly joinedAt: Float64Array;
  readonly leftAt: Float64Array;
  readonly waitMs: Int32Array;
  readonly talkMs: Int32Array;
  /** The answering operator's wrap-up after the talk (worked out by the server). */
  readonly wrapUpMs: Int32Array;
  readonly rings: Int32Array;
}

export interface AttemptFrame {
  readonly length: number;
  readonly station: Dict;
  readonly queue: Dict;
  readonly operator: Dict;
  readonly memberName: Dict;
  readonly result: Dict;
  readonly startedAt: Float64Array;
  readonly ringMs: Int32Array;
}

export interface IntervalFrame {
  readonly length: number;
  readonly station: Dict;
  readonly operator: Dict;
  readonly name: Dict;
  readonly kind: Dict;
  readonly state: Dict;
  readonly queue: Dict;
  readonly reason: Dict;
  readonly startedAt: Float64Array;
  readonly endedAt: Float64Array;
}

export interface CallFrame {
  readonly length: number;
  readonly station: Dict;
  readonly direction: Dict;
  readonly outcome: Dict;
  readonly fromOperator: Dict;
  readonly toOperator: Dict;
  readonly startedAt: Float64Array;
  readonly talkMs: Int32Array;
}

/** A day of operator figures summed per UTC hour by the server (its operator-hours table). */
export interface HourFrame {
  readonly length: number;
  readonly station: Dict;
  readonly operator: Dict;
  readonly name: Dict;
  readonly memberName: Dict;
  readonly queue: Dict;
  readonly reason: Dict;
  readonly hour: Float64Array;
  readonly answered: Int32Array;
  readonly rings: Int32Array;
  readonly missed: Int32Array;
  readonly loggedInMs: Float64Array;
  readonly offlineMs: Float64Array;
  readonly idleMs: Float64Array;
  readonly ringingMs: Float64Array;
  readonly talkingMs: Float64Array;
  readonly wrapUpMs: Float64Array;
  readonly pausedMs: Float64Array;
  readonly outbound: Int32Array;
  readonly outboundTalkMs: Float64Array;
  readonly internalMade: Int32Array;
  readonly internalReceived: Int32Array;
}

/** A day of queue visits summed per queue, outcome, UTC hour and whole second of wait (queue-hours). */
export interface QueueHourFrame {
  readonly length: number;
  readonly station: Dict;
  readonly queue: Dict;
  readonly outcome: Dict;
  readonly hour: Float64Array;
  readonly waitS: Int32Array;
  readonly onTheSecond: Int32Array;
  readonly visits: Int32Array;
  readonly waitMs: Float64Array;
  readonly waitMsMax: Int32Array;
  readonly talkMs: Float64Array;
  readonly wrapUpMs: Float64Array;
  readonly transfers: Int32Array;
}

export type FrameKind = 'visits' | 'attempts' | 'intervals' | 'calls';
export interface Frames {
  readonly visits: VisitFrame;
  readonly attempts: AttemptFrame;
  readonly intervals: IntervalFrame;
  readonly calls: CallFrame;
}

/** The code of a value in a dictionary, or -1 when no row has it. */
export function codeOf(dict: Dict, value: string): number {
  return dict.values.indexOf(value);
}

/** A column's value at a row (null for none). */
export function valueAt(dict: Dict, row: number): string | null {
  const code = dict.codes[row] ?? -1;
  return code < 0 ? null : (dict.values[code] ?? null);
}

type Column = Dict | Float64Array | Int32Array;

function isDict(c: Column): c is Dict {
  return !(c instanceof Float64Array) && !(c instanceof Int32Array);
}

/** Frames of the same kind (days of a period) as one, dictionaries merged. */
export function mergeFrames<F extends { readonly length: number }>(frames: readonly F[]): F | null {
  const first = frames[0];
  if (first === undefined) return null;
  if (frames.length === 1) return first;
  const length = frames.reduce((n, f) => n + f.length, 0);
  const out: Record<string, unknown> = { length };
  for (const key of Object.keys(first)) {
    if (key === 'length') continue;
    const columns = frames.map((f) => (f as unknown as Record<string, Column>)[key]);
    const c0 = columns[0];
    if (c0 === undefined) continue;
    if (c0 instanceof Float64Array || c0 instanceof Int32Array) {
      const merged = c0 instanceof Float64Array ? new Float64Array(length) : new Int32Array(length);
      let at = 0;
      for (const c of columns) {
        if (c === undefined || isDict(c)) continue;
        merged.set(c, at);
        at += c.length;
      }
      out[key] = merged;
    } else {
      const values: string[] = [];
      const ids = new Map<string, number>();
      const codes = new Int32Array(length);
      let at = 0;
      for (const c of columns) {
        if (c === undefined || !isDict(c)) continue;
        const remap = new Int32Array(c.values.length);
        c.values.forEach((v, i) => {
          let id = ids.get(v);
          if (id === undefined) {
            id = values.length;
            values.push(v);
            ids.set(v, id);
          }
          remap[i] = id;
        });
        if (remap.every((id, k) => id === k)) codes.set(c.codes, at);
        else
          for (let i = 0; i < c.codes.length; i++) {
            const code = c.codes[i] ?? -1;
            codes[at + i] = code < 0 ? -1 : (remap[code] ?? -1);
          }
        at += c.codes.length;
      }
      out[key] = { codes, values };
    }
  }
  return out as F;
}
