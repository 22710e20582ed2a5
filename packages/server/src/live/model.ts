// The live picture, a pure reducer over the tracker's effects: operators'
// states and queues, callers waiting per queue, calls in progress; and the
// directory's ids of the operators (`identify`). It starts from the
// tracker's picture (Tracker.live) and follows the effects from there. Each
// effect that changes something moves `seq` on and yields the change with
// what was there before, so a viewer whose scope cuts a call can tell a call
// that came into view from one that left it (cut.ts).

import type { Effect, LiveEffect } from '@callboard/tracker';
import type { CallView, OperatorView, WaitingCaller } from './messages.js';

export interface QueueState {
  readonly station: string;
  readonly queue: string;
  /** By uniqueid, in the order they joined. */
  readonly waiting: Map<string, WaitingCaller>;
}

/** A call in progress, with the channel groups (`server/linkedid`) that make it up. */
export interface CallState extends CallView {
  readonly linkedids: readonly string[];
}

export type ModelChange =
  | { readonly kind: 'waiting'; readonly queue: QueueState; readonly entry: WaitingCaller }
  | {
      readonly kind: 'waiting-left';
      readonly queue: QueueState;
      readonly uniqueid: string;
      readonly left: string;
    }
  | { readonly kind: 'operator'; readonly operator: OperatorView }
  | { readonly kind: 'call'; readonly before: CallState | undefined; readonly after: CallState }
  | { readonly kind: 'call-ended'; readonly before: CallState };

export class LiveModel {
  seq = 0;
  readonly queues = new Map<string, QueueState>();
  readonly operators = new Map<string, OperatorView>();
  readonly calls = new Map<string, CallState>();
  /** `server/linkedid` → the call it is part of. */
  private readonly byLinkedid = new Map<string, string>();
  /** The directory's operator ids by station and key (`identify`). */
  private ids = new Map<string, number>();

  /** A model holding the picture (Tracker.live). */
  static from(picture: readonly LiveEffect[]): LiveModel {
    const model = new LiveModel();
    for (const e of picture) model.apply(e);
    return model;
  }

  /**
   * The directory's operators (ids by station and key): returns the
   * operators whose id changed (one came into the directory, or left it).
   */
  identify(refs: readonly { id: number; station: string; key: string }[]): ModelChange[] {
    this.ids = new Map(refs.map((r) => [key(r.station, r.key), r.id]));
    const changes: ModelChange[] = [];
    for (const [k, before] of this.operators) {
      const id = this.ids.get(k) ?? null;
      if (id === before.id) continue;
      const operator = { ...before, id };
      this.operators.set(k, operator);
      changes.push({ kind: 'operator', operator });
    }
    if (changes.length > 0) this.seq++;
    return changes;
  }

  /** One effect; returns what changed (nothing for effects a live view does not show). */
  apply(effect: Effect): ModelChange[] {
    const changes = this.changesOf(effect);
    if (changes.length > 0) this.seq++;
    return changes;
  }

  private changesOf(e: Effect): ModelChange[] {
    switch (e.kind) {
      case 'queue-waiting': {
        const queue = this.queue(e.station, e.queue);
        if (e.left === null) {
          const entry: WaitingCaller = {
            uniqueid: e.uniqueid,
            call: e.call,
            caller: e.caller,
            joinedAt: e.joinedAt,
          };
          queue.waiting.set(e.uniqueid, entry);
          return [{ kind: 'waiting', queue, entry }];
        }
        if (!queue.waiting.delete(e.uniqueid)) return [];
        return [{ kind: 'waiting-left', queue, uniqueid: e.uniqueid, left: e.left }];
      }
      case 'operator-state': {
        const k = key(e.station, e.operator);
        const operator: OperatorView = {
          station: e.station,
          operator: e.operator,
          id: this.ids.get(k) ?? null,
          name: e.name,
          state: e.state,
          reason: e.reason,
          since: e.since,
          queues: e.queues,
        };
        this.operators.set(k, operator);
        return [{ kind: 'operator', operator }];
      }
      case 'call-progress': {
        const changes: ModelChange[] = [];
        // Calls merged into this one (a transfer joined them) leave the view.
        for (const l of e.linkedids) {
          const other = this.byLinkedid.get(l);
          if (other !== undefined && other !== e.call) changes.push(...this.end(other));
        }
        const before = this.calls.get(e.call);
        const after: CallState = {
          id: e.call,
          station: e.station,
          startedAt: e.startedAt,
          from: e.from,
          fromOperator: e.fromOperator,
          answeredAt: e.answeredAt,
          operators: e.operators,
          queues: e.queues,
          linkedids: e.linkedids,
        };
        this.calls.set(e.call, after);
        for (const l of e.linkedids) this.byLinkedid.set(l, e.call);
        changes.push({ kind: 'call', before, after });
        return changes;
      }
      case 'call-finished': {
        const ids = new Set([e.record.id]);
        for (const l of e.record.linkedids) {
          const id = this.byLinkedid.get(l);
          if (id !== undefined) ids.add(id);
        }
        return [...ids].flatMap((id) => this.end(id));
      }
      case 'operator-interval':
        return [];
    }
  }

  private end(id: string): ModelChange[] {
    const before = this.calls.get(id);
    if (!before) return [];
    this.calls.delete(id);
    for (const l of before.linkedids) if (this.byLinkedid.get(l) === id) this.byLinkedid.delete(l);
    return [{ kind: 'call-ended', before }];
  }

  private queue(station: string, queue: string): QueueState {
    const k = key(station, queue);
    let q = this.queues.get(k);
    if (!q) {
      q = { station, queue, waiting: new Map() };
      this.queues.set(k, q);
    }
    return q;
  }
}

function key(station: string, name: string): string {
  return JSON.stringify([station, name]);
}
