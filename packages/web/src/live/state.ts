// The live picture in the page: a snapshot, then deltas applied in order.
// A delta whose sequence number the snapshot already covers is skipped. A
// delta may skip numbers: the server numbers every change but sends each
// viewer only those in their scope, and a WebSocket loses nothing while it
// is open (a reconnect starts from a fresh snapshot). Pure: a state and a
// message in, a new state out.

import type {
  CallView,
  LiveChange,
  OperatorView,
  ServerMessage,
  WaitingCaller,
} from './messages.ts';

export interface LiveState {
  readonly seq: number;
  /** Server time minus page time, to count waits on the server's clock. */
  readonly skewMs: number;
  /** `station\u0000queue` → waiting callers in join order. */
  readonly queues: ReadonlyMap<
    string,
    { station: string; queue: string; waiting: readonly WaitingCaller[] }
  >;
  /** `station\u0000operator` → state. */
  readonly operators: ReadonlyMap<string, OperatorView>;
  readonly calls: ReadonlyMap<string, CallView>;
}

export const EMPTY: LiveState = {
  seq: -1,
  skewMs: 0,
  queues: new Map(),
  operators: new Map(),
  calls: new Map(),
};

const key = (a: string, b: string): string => `${a}\u0000${b}`;

export function apply(s: LiveState, m: ServerMessage, pageNow: number): LiveState {
  if (m.type === 'snapshot')
    return {
      seq: m.seq,
      skewMs: Date.parse(m.now) - pageNow,
      queues: new Map(m.queues.map((q) => [key(q.station, q.queue), { ...q }])),
      operators: new Map(m.operators.map((o) => [key(o.station, o.operator), o])),
      calls: new Map(m.calls.map((c) => [c.id, c])),
    };
  if (m.type !== 'delta' || s.seq < 0 || m.seq <= s.seq) return s;
  const queues = new Map(s.queues);
  const operators = new Map(s.operators);
  const calls = new Map(s.calls);
  for (const c of m.changes) change(c, queues, operators, calls);
  return { ...s, seq: m.seq, queues, operators, calls };
}

function change(
  c: LiveChange,
  queues: Map<string, { station: string; queue: string; waiting: readonly WaitingCaller[] }>,
  operators: Map<string, OperatorView>,
  calls: Map<string, CallView>,
): void {
  switch (c.kind) {
    case 'waiting': {
      const k = key(c.station, c.queue);
      const q = queues.get(k) ?? { station: c.station, queue: c.queue, waiting: [] };
      const entry: WaitingCaller = {
        uniqueid: c.uniqueid,
        call: c.call,
        caller: c.caller,
        joinedAt: c.joinedAt,
      };
      queues.set(k, {
        ...q,
        waiting: [...q.waiting.filter((w) => w.uniqueid !== c.uniqueid), entry],
      });
      return;
    }
    case 'waiting-left': {
      const k = key(c.station, c.queue);
      const q = queues.get(k);
      if (q) queues.set(k, { ...q, waiting: q.waiting.filter((w) => w.uniqueid !== c.uniqueid) });
      return;
    }
    case 'operator': {
      operators.set(key(c.station, c.operator), {
        station: c.station,
        operator: c.operator,
        id: c.id,
        name: c.name,
        state: c.state,
        reason: c.reason,
        since: c.since,
        queues: c.queues,
      });
      return;
    }
    case 'call':
      calls.set(c.call.id, c.call);
      return;
    case 'call-ended':
      calls.delete(c.id);
      return;
  }
}
