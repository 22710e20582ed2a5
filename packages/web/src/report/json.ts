// The naive way, kept as the browser benchmark's baseline: the same rows as
// JSON (`?format=json`), parsed into objects and turned into the same
// frames, strings looked up in a Map row by row.

import type {
  AttemptFrame,
  CallFrame,
  Dict,
  HourFrame,
  IntervalFrame,
  QueueHourFrame,
  VisitFrame,
} from './frames.ts';

type Row = Readonly<Record<string, unknown>>;

function dict(rows: readonly Row[], name: string): Dict {
  const codes = new Int32Array(rows.length);
  const values: string[] = [];
  const ids = new Map<string, number>();
  rows.forEach((r, i) => {
    const v = r[name];
    if (typeof v !== 'string') {
      codes[i] = -1;
      return;
    }
    let id = ids.get(v);
    if (id === undefined) {
      id = values.push(v) - 1;
      ids.set(v, id);
    }
    codes[i] = id;
  });
  return { codes, values };
}

const f64 = (rows: readonly Row[], name: string): Float64Array =>
  Float64Array.from(rows, (r) => (typeof r[name] === 'number' ? r[name] : Number.NaN));
const i32 = (rows: readonly Row[], name: string): Int32Array =>
  Int32Array.from(rows, (r) => (typeof r[name] === 'number' ? r[name] : 0));

export function parseRows(bytes: Uint8Array): Row[] {
  return JSON.parse(new TextDecoder().decode(bytes)) as Row[];
}

export function visitFrameJson(rows: readonly Row[]): VisitFrame {
  return {
    length: rows.length,
    station: dict(rows, 'station'),
    queue: dict(rows, 'queue'),
    outcome: dict(rows, 'outcome'),
    answeredBy: dict(rows, 'answeredBy'),
    transfer: dict(rows, 'transfer'),
    joinedAt: f64(rows, 'joinedAt'),
    leftAt: f64(rows, 'leftAt'),
    waitMs: i32(rows, 'waitMs'),
    talkMs: i32(rows, 'talkMs'),
    wrapUpMs: i32(rows, 'wrapUpMs'),
    rings: i32(rows, 'rings'),
  };
}

export function attemptFrameJson(rows: readonly Row[]): AttemptFrame {
  return {
    length: rows.length,
    station: dict(rows, 'station'),
    queue: dict(rows, 'queue'),
    operator: dict(rows, 'operator'),
    memberName: dict(rows, 'memberName'),
    result: dict(rows, 'result'),
    startedAt: f64(rows, 'startedAt'),
    ringMs: i32(rows, 'ringMs'),
  };
}

export function intervalFrameJson(rows: readonly Row[]): IntervalFrame {
  return {
    length: rows.length,
    station: dict(rows, 'station'),
    operator: dict(rows, 'operator'),
    name: dict(rows, 'name'),
    kind: dict(rows, 'kind'),
    state: dict(rows, 'state'),
    queue: dict(rows, 'queue'),
    reason: dict(rows, 'reason'),
    startedAt: f64(rows, 'startedAt'),
    endedAt: f64(rows, 'endedAt'),
  };
}

export function callFrameJson(rows: readonly Row[]): CallFrame {
  return {
    length: rows.length,
    station: dict(rows, 'station'),
    direction: dict(rows, 'direction'),
    outcome: dict(rows, 'outcome'),
    fromOperator: dict(rows, 'fromOperator'),
    toOperator: dict(rows, 'toOperator'),
    startedAt: f64(rows, 'startedAt'),
    talkMs: i32(rows, 'talkMs'),
  };
}

export function hourFrameJson(rows: readonly Row[]): HourFrame {
  return {
    length: rows.length,
    station: dict(rows, 'station'),
    operator: dict(rows, 'operator'),
    name: dict(rows, 'name'),
    memberName: dict(rows, 'memberName'),
    queue: dict(rows, 'queue'),
    reason: dict(rows, 'reason'),
    hour: f64(rows, 'hour'),
    answered: i32(rows, 'answered'),
    rings: i32(rows, 'rings'),
    missed: i32(rows, 'missed'),
    loggedInMs: f64(rows, 'loggedInMs'),
    offlineMs: f64(rows, 'offlineMs'),
    idleMs: f64(rows, 'idleMs'),
    ringingMs: f64(rows, 'ringingMs'),
    talkingMs: f64(rows, 'talkingMs'),
    wrapUpMs: f64(rows, 'wrapUpMs'),
    pausedMs: f64(rows, 'pausedMs'),
    outbound: i32(rows, 'outbound'),
    outboundTalkMs: f64(rows, 'outboundTalkMs'),
    internalMade: i32(rows, 'internalMade'),
    internalReceived: i32(rows, 'internalReceived'),
  };
}

export function queueHourFrameJson(rows: readonly Row[]): QueueHourFrame {
  return {
    length: rows.length,
    station: dict(rows, 'station'),
    queue: dict(rows, 'queue'),
    outcome: dict(rows, 'outcome'),
    hour: f64(rows, 'hour'),
    waitS: i32(rows, 'waitS'),
    onTheSecond: i32(rows, 'onTheSecond'),
    visits: i32(rows, 'visits'),
    waitMs: f64(rows, 'waitMs'),
    waitMsMax: i32(rows, 'waitMsMax'),
    talkMs: f64(rows, 'talkMs'),
    wrapUpMs: f64(rows, 'wrapUpMs'),
    transfers: i32(rows, 'transfers'),
  };
}
