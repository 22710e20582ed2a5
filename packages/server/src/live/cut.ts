// The live picture as one viewer may see it, asking scope.ts and nothing
// else: a queue's waiting callers only for a queue in scope; an operator's
// state only when the scope shows that operator (an operator user: only
// themselves; nobody: an operator not monitored), with their memberships of
// the queues in scope only; a call only when it went through a queue in
// scope (supervisor) or the viewer is on it (operator).
//
// A supervisor whose call also went through a queue outside their scope
// sees the call with only their queues, and without who is on it or when it
// was answered: those may belong to the other queue's stretch.

import type { Scope } from '../scope.js';
import type { CallView, LiveChange, OperatorView, QueueView, SnapshotMessage } from './messages.js';
import type { CallState, LiveModel, ModelChange } from './model.js';
import { order } from '../order.js';

export function cutCall(scope: Scope, call: CallState): CallView | null {
  const { station } = call;
  const shown = (op: string): boolean => scope.monitored(station, op);
  const hidden =
    call.operators.some((op) => !shown(op)) ||
    (call.fromOperator !== null && !shown(call.fromOperator));
  const fromHidden = call.fromOperator !== null && !shown(call.fromOperator);
  const base: CallView = {
    id: call.id,
    station,
    startedAt: call.startedAt,
    from: fromHidden ? { number: null, name: null } : call.from,
    fromOperator: fromHidden ? null : call.fromOperator,
    answeredAt: call.answeredAt,
    operators: call.operators.filter(shown),
    queues: call.queues.filter((q) => scope.queue(station, q)),
  };
  switch (scope.role) {
    case 'admin':
      // A call an operator not monitored made or took directly is nobody's business.
      return hidden && base.queues.length === 0 ? null : base;
    case 'supervisor': {
      if (base.queues.length === 0) return null;
      const whole = base.queues.length === call.queues.length;
      return whole ? base : { ...base, operators: [], answeredAt: null };
    }
    case 'operator': {
      const self = scope.self;
      if (self === null || self.station !== station) return null;
      const on = call.operators.includes(self.key) || call.fromOperator === self.key;
      return on ? { ...base, operators: [self.key], queues: [] } : null;
    }
  }
}

/**
 * The operator as the viewer may see them, with only their memberships of
 * queues in scope (a supervisor's queues; an operator user sees no queue).
 */
export function cutOperator(scope: Scope, op: OperatorView): OperatorView | null {
  if (!scope.operator(op.station, op.operator)) return null;
  const queues = op.queues.filter((m) => scope.queue(op.station, m.queue));
  return queues.length === op.queues.length ? op : { ...op, queues };
}

/** One change as the viewer may see it; null when it is none of their business. */
export function cutChange(scope: Scope, change: ModelChange): LiveChange | null {
  switch (change.kind) {
    case 'waiting': {
      const { station, queue } = change.queue;
      return scope.queue(station, queue)
        ? { kind: 'waiting', station, queue, ...change.entry }
        : null;
    }
    case 'waiting-left': {
      const { station, queue } = change.queue;
      return scope.queue(station, queue)
        ? { kind: 'waiting-left', station, queue, uniqueid: change.uniqueid, left: change.left }
        : null;
    }
    case 'operator': {
      const operator = cutOperator(scope, change.operator);
      return operator ? { kind: 'operator', ...operator } : null;
    }
    case 'call': {
      const after = cutCall(scope, change.after);
      if (after) return { kind: 'call', call: after };
      const before = change.before && cutCall(scope, change.before);
      return before ? { kind: 'call-ended', id: before.id } : null;
    }
    case 'call-ended':
      return cutCall(scope, change.before) ? { kind: 'call-ended', id: change.before.id } : null;
  }
}

/** The whole picture as the viewer may see it. */
export function snapshotFor(scope: Scope, model: LiveModel, now: string): SnapshotMessage {
  const queues: QueueView[] = [];
  for (const q of model.queues.values())
    if (scope.queue(q.station, q.queue))
      queues.push({ station: q.station, queue: q.queue, waiting: [...q.waiting.values()] });
  const calls: CallView[] = [];
  for (const c of model.calls.values()) {
    const view = cutCall(scope, c);
    if (view) calls.push(view);
  }
  return {
    type: 'snapshot',
    seq: model.seq,
    now,
    queues: queues.sort((a, b) => order(a.station, b.station) || order(a.queue, b.queue)),
    operators: [...model.operators.values()]
      .flatMap((op) => cutOperator(scope, op) ?? [])
      .sort((a, b) => order(a.station, b.station) || order(a.operator, b.operator)),
    calls: calls.sort((a, b) => order(a.startedAt, b.startedAt) || order(a.id, b.id)),
  };
}
