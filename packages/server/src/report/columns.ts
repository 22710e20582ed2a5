// The columns of report data, as data: one table per kind of row, each
// column a name and a kind. The Arrow encoding (arrow.ts), the JSON and the
// exports (export.ts) are all read off these tables, and the row types are
// derived from them. A web app in a Web Worker aggregates these rows.
//
//   id    Utf8: a value nearly every row has its own (a call id)
//   dict  Utf8, dictionary-encoded: queues, operators, outcomes, numbers, names
//   time  Timestamp (milliseconds, UTC); in JSON epoch milliseconds
//   int   Int32 (counts, durations in milliseconds under 24 days)
//   big   Float64 (sums of milliseconds, exact below 2^53)
//   hist  FixedSizeList<Int32> of the wait histogram (ROLLUP_WAIT_EDGES_S)

export type ColumnKind = 'id' | 'dict' | 'time' | 'int' | 'big' | 'hist';

export interface Column {
  readonly name: string;
  readonly kind: ColumnKind;
  /** The value may be null (unknown, none). */
  readonly null?: true;
}

type ValueOf<K extends ColumnKind> = K extends 'id' | 'dict'
  ? string
  : K extends 'hist'
    ? readonly number[]
    : number;

/** A row of a table of columns: each column's value, null where the column allows it. */
export type RowOf<C extends readonly Column[]> = {
  readonly [K in C[number] as K['name']]: K extends { null: true }
    ? ValueOf<K['kind']> | null
    : ValueOf<K['kind']>;
};

export type Value = string | number | readonly number[] | null;
export type AnyRow = Readonly<Record<string, Value>>;

const d = (name: string, nullable = false): Column =>
  nullable ? { name, kind: 'dict', null: true } : { name, kind: 'dict' };

export const CALL_COLUMNS = [
  { name: 'id', kind: 'id' },
  { name: 'station', kind: 'dict' },
  { name: 'direction', kind: 'dict' },
  { name: 'outcome', kind: 'dict' },
  { name: 'startedAt', kind: 'time' },
  { name: 'answeredAt', kind: 'time', null: true },
  { name: 'endedAt', kind: 'time' },
  { name: 'fromNumber', kind: 'dict', null: true },
  { name: 'fromName', kind: 'dict', null: true },
  { name: 'fromOperator', kind: 'dict', null: true },
  { name: 'toNumber', kind: 'dict', null: true },
  { name: 'toOperator', kind: 'dict', null: true },
  { name: 'trunk', kind: 'dict', null: true },
  { name: 'answeredBy', kind: 'dict', null: true },
  { name: 'talkMs', kind: 'int' },
  { name: 'visits', kind: 'int' },
  { name: 'transfers', kind: 'int' },
  { name: 'flags', kind: 'dict', null: true },
] as const satisfies readonly Column[];

export const VISIT_COLUMNS = [
  { name: 'callId', kind: 'id' },
  { name: 'idx', kind: 'int' },
  { name: 'station', kind: 'dict' },
  { name: 'queue', kind: 'dict' },
  { name: 'joinedAt', kind: 'time' },
  { name: 'leftAt', kind: 'time' },
  { name: 'position', kind: 'int' },
  { name: 'outcome', kind: 'dict' },
  { name: 'waitMs', kind: 'int' },
  { name: 'talkMs', kind: 'int' },
  /** The answering operator's wrap-up after the talk (wrap-ups.ts); 0 when none. */
  { name: 'wrapUpMs', kind: 'int' },
  { name: 'answeredBy', kind: 'dict', null: true },
  { name: 'transfer', kind: 'dict', null: true },
  { name: 'rings', kind: 'int' },
] as const satisfies readonly Column[];

export const ATTEMPT_COLUMNS = [
  { name: 'callId', kind: 'id' },
  { name: 'visitIdx', kind: 'int' },
  { name: 'idx', kind: 'int' },
  { name: 'station', kind: 'dict' },
  { name: 'queue', kind: 'dict' },
  { name: 'operator', kind: 'dict', null: true },
  { name: 'interface', kind: 'dict' },
  { name: 'memberName', kind: 'dict' },
  { name: 'startedAt', kind: 'time' },
  { name: 'endedAt', kind: 'time' },
  { name: 'result', kind: 'dict' },
  { name: 'ringMs', kind: 'int' },
] as const satisfies readonly Column[];

export const INTERVAL_COLUMNS = [
  { name: 'station', kind: 'dict' },
  { name: 'operator', kind: 'dict' },
  { name: 'name', kind: 'dict', null: true },
  { name: 'kind', kind: 'dict' },
  { name: 'state', kind: 'dict', null: true },
  { name: 'queue', kind: 'dict', null: true },
  { name: 'reason', kind: 'dict', null: true },
  { name: 'startedAt', kind: 'time' },
  { name: 'endedAt', kind: 'time' },
] as const satisfies readonly Column[];

const ints = (names: readonly string[]): Column[] => names.map((name) => ({ name, kind: 'int' }));
const bigs = (names: readonly string[]): Column[] => names.map((name) => ({ name, kind: 'big' }));

export const ROLLUP_QUEUE_COLUMNS: readonly Column[] = [
  d('station'),
  { name: 'hour', kind: 'time' },
  d('queue'),
  ...ints(['offered', 'answered', 'abandoned', 'timeout', 'exitEmpty', 'exitKey', 'withdraw']),
  ...ints(['transferred', 'unknown']),
  ...bigs(['waitMsSum']),
  ...ints(['waitMsMax']),
  ...bigs(['answeredWaitMsSum']),
  ...ints(['answeredWaitMsMax']),
  ...bigs(['abandonedWaitMsSum', 'talkMsSum']),
  ...ints(['talkMsMax', 'transfers', 'rings']),
  { name: 'answeredWaitHist', kind: 'hist' },
  { name: 'abandonedWaitHist', kind: 'hist' },
];

export const ROLLUP_OPERATOR_COLUMNS: readonly Column[] = [
  d('station'),
  { name: 'hour', kind: 'time' },
  d('operator'),
  d('name', true),
  d('queue', true),
  ...ints(['rings', 'ringAnswered', 'ringNoAnswer', 'ringBusy', 'ringRejected']),
  ...ints(['ringUnavailable', 'ringCancelled', 'ringAnsweredElsewhere', 'ringDumped']),
  ...bigs(['ringMs']),
  ...ints(['answered']),
  ...bigs(['talkMs', 'loggedInMs', 'offlineMs', 'idleMs', 'ringingMs', 'talkingMs']),
  ...bigs(['wrapUpMs', 'pausedMs']),
];

/**
 * A station's day summed per operator and UTC hour (operator-hours.ts):
 * with a queue, the rings of that queue and the calls answered from it;
 * without, the time in each state (paused time under its reason, `''` for
 * none) and the outbound and internal calls. `name` is the operator's name
 * in the day's state intervals, `memberName` the first queue member name
 * their rings gave.
 */
export const OPERATOR_HOUR_COLUMNS = [
  { name: 'station', kind: 'dict' },
  { name: 'operator', kind: 'dict' },
  { name: 'name', kind: 'dict', null: true },
  { name: 'memberName', kind: 'dict', null: true },
  { name: 'queue', kind: 'dict', null: true },
  { name: 'reason', kind: 'dict', null: true },
  { name: 'hour', kind: 'time' },
  { name: 'answered', kind: 'int' },
  { name: 'rings', kind: 'int' },
  { name: 'missed', kind: 'int' },
  { name: 'loggedInMs', kind: 'big' },
  { name: 'offlineMs', kind: 'big' },
  { name: 'idleMs', kind: 'big' },
  { name: 'ringingMs', kind: 'big' },
  { name: 'talkingMs', kind: 'big' },
  { name: 'wrapUpMs', kind: 'big' },
  { name: 'pausedMs', kind: 'big' },
  { name: 'outbound', kind: 'int' },
  { name: 'outboundTalkMs', kind: 'big' },
  { name: 'internalMade', kind: 'int' },
  { name: 'internalReceived', kind: 'int' },
] as const satisfies readonly Column[];

/**
 * A station's day of queue visits summed per queue, outcome, UTC hour of
 * joining and whole second of wait (queue-hours.ts): `waitS` the wait's
 * whole seconds, `onTheSecond` 1 when the wait was exactly that, so any
 * threshold of whole seconds classes the row's visits as it would each.
 */
export const QUEUE_HOUR_COLUMNS = [
  { name: 'station', kind: 'dict' },
  { name: 'queue', kind: 'dict' },
  { name: 'outcome', kind: 'dict' },
  { name: 'hour', kind: 'time' },
  { name: 'waitS', kind: 'int' },
  { name: 'onTheSecond', kind: 'int' },
  { name: 'visits', kind: 'int' },
  { name: 'waitMs', kind: 'big' },
  { name: 'waitMsMax', kind: 'int' },
  { name: 'talkMs', kind: 'big' },
  { name: 'wrapUpMs', kind: 'big' },
  { name: 'transfers', kind: 'int' },
] as const satisfies readonly Column[];

export type CallRow = RowOf<typeof CALL_COLUMNS>;
export type VisitRow = RowOf<typeof VISIT_COLUMNS>;
export type AttemptRow = RowOf<typeof ATTEMPT_COLUMNS>;
export type IntervalRow = RowOf<typeof INTERVAL_COLUMNS>;
export type OperatorHourRow = RowOf<typeof OPERATOR_HOUR_COLUMNS>;
export type QueueHourRow = RowOf<typeof QUEUE_HOUR_COLUMNS>;

/** The tables of a day, by their name in the URL. */
export const DAY_TABLES = {
  calls: CALL_COLUMNS,
  'queue-visits': VISIT_COLUMNS,
  'agent-attempts': ATTEMPT_COLUMNS,
  'operator-intervals': INTERVAL_COLUMNS,
  'operator-hours': OPERATOR_HOUR_COLUMNS,
  'queue-hours': QUEUE_HOUR_COLUMNS,
} as const satisfies Record<string, readonly Column[]>;
export type DayTable = keyof typeof DAY_TABLES;
export const DAY_TABLE_NAMES = Object.keys(DAY_TABLES) as DayTable[];

export const ROLLUP_TABLES = {
  queues: ROLLUP_QUEUE_COLUMNS,
  operators: ROLLUP_OPERATOR_COLUMNS,
} as const;
export type RollupTable = keyof typeof ROLLUP_TABLES;
