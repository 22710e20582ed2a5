// Operator state over time, from queue membership (QueueMember*), pauses,
// the phone's device state (DeviceStateChange) and the calls themselves
// (wrap-up after a queue call).
//
// The state of an operator at any moment, first match wins:
//   ringing  — the phone rings;        talking — the phone is in use;
//   offline  — in no queue, or the phone is unavailable;
//   paused   — paused in every queue they are in (the reason of the last pause);
//   wrap-up  — within the queue's wrap-up time after a queue call;
//   idle     — otherwise.

import type { Effect, OperatorStateChanged } from './effects.js';
import type { OperatorStateName } from './operator-types.js';
import { iso } from './time.js';

/** Asterisk device states (DeviceStateChange `State`, QueueMember `Status` numbers). */
const DEVICE_BY_NUMBER = [
  'UNKNOWN',
  'NOT_INUSE',
  'INUSE',
  'BUSY',
  'INVALID',
  'UNAVAILABLE',
  'RINGING',
  'RINGINUSE',
  'ONHOLD',
];

export function deviceState(value: string): string {
  return /^\d+$/.test(value) ? (DEVICE_BY_NUMBER[Number(value)] ?? 'UNKNOWN') : value.toUpperCase();
}

interface QueueMembership {
  readonly since: number;
  paused: boolean;
  reason: string | null;
  pausedAt: number;
}

export interface OperatorStatesSnapshot {
  readonly ops: readonly (Omit<OperatorRecord, 'queues'> & {
    readonly queues: readonly [string, QueueMembership][];
  })[];
  readonly devices: readonly [string, string][];
}

/** A state interval that has ended, held back until time moves past its end. */
interface Ended {
  readonly state: OperatorStateName;
  readonly reason: string | null;
  readonly name: string | null;
  readonly from: number;
  readonly to: number;
}

interface OperatorRecord {
  readonly station: string;
  readonly operator: string;
  name: string | null;
  readonly queues: Map<string, QueueMembership>;
  device: string;
  wrapUntil: number;
  state: OperatorStateName;
  reason: string | null;
  since: number;
  /** The state interval that ended at `since`, not yet emitted (see `update`). */
  ended?: Ended | null;
}

export class OperatorStates {
  private readonly ops = new Map<string, OperatorRecord>();
  /** Device states seen before the device was known to be an operator's. */
  private readonly devices = new Map<string, string>();

  constructor(
    private readonly out: Effect[],
    private readonly live: boolean,
  ) {}

  /** Plain data, for a checkpoint. */
  snapshot(): OperatorStatesSnapshot {
    return {
      ops: [...this.ops.values()].map((op) => ({
        ...op,
        queues: [...op.queues.entries()].map(([q, m]) => [q, { ...m }]),
      })),
      devices: [...this.devices.entries()],
    };
  }

  /** Back to the state a snapshot was taken in. */
  restore(snapshot: OperatorStatesSnapshot): void {
    this.ops.clear();
    this.devices.clear();
    for (const op of snapshot.ops) {
      this.ops.set(`${op.station}|${op.operator}`, {
        ...op,
        queues: new Map(op.queues.map(([q, m]) => [q, { ...m }])),
      });
    }
    for (const [k, v] of snapshot.devices) this.devices.set(k, v);
  }

  get size(): number {
    return this.ops.size;
  }

  /** Every operator's state now, as the live changes that set it. */
  current(): OperatorStateChanged[] {
    return [...this.ops.values()].map((op) => stateChanged(op));
  }

  private get(
    station: string,
    operator: string,
    name: string | null,
    at: number,
    device?: string,
  ): OperatorRecord {
    const key = `${station}|${operator}`;
    let op = this.ops.get(key);
    if (!op) {
      op = {
        station,
        operator,
        name,
        queues: new Map(),
        device: this.devices.get(`${station}|${device ?? operator}`) ?? 'UNKNOWN',
        wrapUntil: 0,
        state: 'offline',
        reason: null,
        since: at,
      };
      this.ops.set(key, op);
    }
    if (name !== null) op.name = name;
    return op;
  }

  /** A member seen in a queue (QueueMember, QueueMemberAdded, …Status, …Pause): logged in, with its pause. */
  member(
    station: string,
    operator: string,
    name: string | null,
    queue: string,
    at: number,
    paused: boolean | null,
    reason: string | null,
    device: string | null,
  ): void {
    const op = this.get(station, operator, name, at, device ?? undefined);
    let m = op.queues.get(queue);
    const joined = !m;
    const before = { paused: m?.paused, reason: m?.reason ?? '' };
    if (!m) {
      m = { since: at, paused: false, reason: null, pausedAt: at };
      op.queues.set(queue, m);
    }
    if (paused !== null && paused !== m.paused) {
      m.paused = paused;
      m.pausedAt = at;
      m.reason = paused ? reason : null;
    } else if (paused === true && reason !== null && reason !== '') {
      m.reason = reason;
    }
    if (device !== null) op.device = device;
    this.update(op, at, joined || m.paused !== before.paused || (m.reason ?? '') !== before.reason);
  }

  removed(station: string, operator: string, queue: string, at: number): void {
    const op = this.ops.get(`${station}|${operator}`);
    const m = op?.queues.get(queue);
    if (!op || !m) return;
    op.queues.delete(queue);
    this.closeQueue(op, queue, m, at);
    this.update(op, at, true);
  }

  /** The phone's device state changed; applies to the operator when the device is theirs. */
  device(
    station: string,
    device: string,
    state: string,
    at: number,
    operator: string | undefined,
  ): void {
    this.devices.set(`${station}|${device}`, state);
    if (operator === undefined) return;
    const op = this.ops.get(`${station}|${operator}`);
    if (!op) return;
    op.device = state;
    this.update(op, at);
  }

  /** A queue call ended for this operator: wrap-up for the queue's wrap-up time. */
  wrapUp(station: string, operator: string, until: number, at: number): void {
    const op = this.ops.get(`${station}|${operator}`);
    if (!op || until <= at) return;
    op.wrapUntil = Math.max(op.wrapUntil, until);
    this.update(op, at);
  }

  /** Time passed: wrap-ups that ran out end. */
  advance(at: number): void {
    for (const op of this.ops.values()) {
      if (op.wrapUntil > 0 && op.wrapUntil <= at) this.update(op, op.wrapUntil);
      if (op.ended && op.ended.to < at) this.emitEnded(op);
    }
  }

  /** The stream ended: every open interval closes at `at`. */
  end(at: number): void {
    for (const op of this.ops.values()) {
      this.emitEnded(op);
      this.closeState(op, at);
      for (const [queue, m] of op.queues) this.closeQueue(op, queue, m, at);
      op.queues.clear();
    }
    this.ops.clear();
  }

  /** The state again; `membership` when the queues (or a pause in one) changed: said live either way. */
  private update(op: OperatorRecord, at: number, membership = false): void {
    const [state, reason] = this.compute(op, at);
    if (state === op.state && reason === op.reason) {
      if (membership && this.live) this.out.push(stateChanged(op));
      return;
    }
    // An ended interval is held back until time moves on: a state that lasts
    // no time at all and goes back to the one before (answers to resync
    // actions that disagree for an instant, a queue's and a phone's view of
    // the same call) leaves that state's interval whole, not cut in two.
    const ended = op.ended;
    if (op.since < at) {
      this.emitEnded(op);
      op.ended = {
        state: op.state,
        reason: op.reason,
        name: op.name,
        from: op.since,
        to: at,
      };
      op.since = at;
    } else if (ended && ended.to === at && ended.state === state && ended.reason === reason) {
      op.ended = null;
      op.since = ended.from;
    } else {
      op.since = at;
    }
    op.state = state;
    op.reason = reason;
    if (this.live) this.out.push(stateChanged(op));
  }

  private compute(op: OperatorRecord, at: number): [OperatorStateName, string | null] {
    const d = op.device;
    if (d === 'RINGING') return ['ringing', null];
    if (d === 'INUSE' || d === 'BUSY' || d === 'ONHOLD' || d === 'RINGINUSE')
      return ['talking', null];
    if (op.queues.size === 0 || d === 'UNAVAILABLE' || d === 'INVALID') return ['offline', null];
    const queues = [...op.queues.values()];
    if (queues.every((q) => q.paused)) {
      const last = queues.reduce((a, b) => (b.pausedAt > a.pausedAt ? b : a));
      return ['paused', last.reason];
    }
    if (op.wrapUntil > at) return ['wrap-up', null];
    return ['idle', null];
  }

  private closeState(op: OperatorRecord, at: number): void {
    if (at > op.since) this.emitState(op, { ...op, from: op.since, to: at });
  }

  private emitEnded(op: OperatorRecord): void {
    if (op.ended) this.emitState(op, op.ended);
    op.ended = null;
  }

  private emitState(op: OperatorRecord, e: Ended): void {
    this.out.push({
      kind: 'operator-interval',
      interval: {
        kind: 'state',
        station: op.station,
        operator: op.operator,
        name: e.name,
        state: e.state,
        queue: null,
        reason: e.reason,
        from: iso(e.from),
        to: iso(e.to),
      },
    });
  }

  private closeQueue(op: OperatorRecord, queue: string, m: QueueMembership, at: number): void {
    if (at <= m.since) return;
    this.out.push({
      kind: 'operator-interval',
      interval: {
        kind: 'queue',
        station: op.station,
        operator: op.operator,
        name: op.name,
        state: null,
        queue,
        reason: null,
        from: iso(m.since),
        to: iso(at),
      },
    });
  }
}

function stateChanged(op: OperatorRecord): OperatorStateChanged {
  return {
    kind: 'operator-state',
    station: op.station,
    operator: op.operator,
    name: op.name,
    state: op.state,
    reason: op.reason,
    since: iso(op.since),
    queues: [...op.queues.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([queue, m]) => ({
        queue,
        paused: m.paused,
        reason: m.paused && m.reason ? m.reason : null,
      })),
  };
}
