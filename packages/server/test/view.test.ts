// The view of a call per role, without a database: who sees which call,
// and what of it (docs/server.md, "What each role sees").

import { describe, expect, it } from 'vitest';
import { scopeOf, visibleCall, type Scope } from '@callboard/server';
import type { OperatorRef, Right, Role, User } from '@callboard/store';
import type { CallRecord } from '@callboard/tracker';
import { testCalls } from './calls.js';
import { ANN, BOB, GUARD, STATION } from './fixtures.js';

const OPERATORS: OperatorRef[] = [
  { id: 1, station: STATION, key: ANN, name: 'Ann', monitored: true },
  { id: 2, station: STATION, key: BOB, name: 'Bob', monitored: true },
  { id: 3, station: STATION, key: GUARD, name: 'Guard', monitored: false },
];

function user(
  role: Role,
  more: { queues?: string[]; rights?: Right[]; operatorId?: number } = {},
): User {
  const t = new Date(0);
  return {
    id: 1,
    login: role,
    displayName: role,
    passwordHash: '',
    role,
    operatorId: more.operatorId ?? null,
    queues: more.queues ?? [],
    rights: more.rights ?? [],
    disabled: false,
    createdAt: t,
    updatedAt: t,
  };
}

const scope = (u: User): Scope => scopeOf(u, OPERATORS);
const view = (s: Scope): Map<string, CallRecord> =>
  new Map(
    testCalls().flatMap((c) => {
      const v = visibleCall(c, s);
      return v ? [[c.id.split('/').pop() ?? '', v] as const] : [];
    }),
  );
/** Every operator key a record mentions anywhere. */
const operatorsIn = (c: CallRecord): string[] =>
  [...JSON.stringify(c).matchAll(/SIP\/(101|102|guard)/g)].map((m) => m[0]);

describe('the scope of a user', () => {
  it('gives a supervisor their queues, by name on every station or as station/queue', () => {
    const s = scope(
      user('supervisor', { queues: ['support', 'east/sales'], rights: ['pause-others'] }),
    );
    expect([
      s.queue(STATION, 'support'),
      s.queue('east', 'support'),
      s.queue(STATION, 'sales'),
    ]).toEqual([true, true, false]);
    expect([
      s.queue('east', 'sales'),
      s.reaches('sales'),
      s.reaches('sales', STATION),
      s.reaches('billing'),
    ]).toEqual([true, true, false, false]);
    expect([s.can('pause-others'), s.can('change-membership'), s.can('listen-recordings')]).toEqual(
      [true, false, false],
    );
    expect([s.operator(STATION, ANN), s.operator(STATION, GUARD)]).toEqual([true, false]);
  });

  it('gives an operator no queue and only themselves', () => {
    const s = scope(user('operator', { operatorId: 1 }));
    expect(s.self).toEqual({ station: STATION, key: ANN });
    expect([
      s.queue(STATION, 'support'),
      s.operator(STATION, ANN),
      s.operator(STATION, BOB),
      s.can('pause-others'),
    ]).toEqual([false, true, false, false]);
  });

  it('gives an admin everything but the operators not monitored', () => {
    const s = scope(user('admin'));
    expect([
      s.queue('any', 'thing'),
      s.operator(STATION, BOB),
      s.operator(STATION, GUARD),
      s.can('listen-recordings'),
    ]).toEqual([true, true, false, true]);
  });

  it('gives the same key to users whose view is the same', () => {
    const a = scope(user('supervisor', { queues: ['b', 'a'] }));
    const b = scope(user('supervisor', { queues: ['a', 'b'], rights: ['pause-others'] }));
    expect(a.key).toBe(b.key);
    expect(a.key).not.toBe(scope(user('supervisor', { queues: ['a'] })).key);
  });
});

describe('the view of a call', () => {
  it('shows an admin every call but the guard’s own, and the guard nowhere', () => {
    const v = view(scope(user('admin')));
    expect([...v.keys()].sort()).toEqual(['both', 'evil', 'guard-queue', 'sales', 'support']);
    for (const c of v.values()) expect(operatorsIn(c)).not.toContain(GUARD);
    const gq = v.get('guard-queue');
    expect(gq?.answeredBy).toBeNull();
    expect(gq?.legs).toEqual([]);
    expect(gq?.queueVisits[0]?.answeredBy).toBeNull();
    expect(gq?.queueVisits[0]?.attempts.map((a) => a.operator)).toEqual([ANN]);
    // The caller's channel stays; the guard's goes.
    expect(gq?.attrs.channels.map((c) => c.name.split('-')[0])).toEqual(['SIP/trunk']);
    // Whole otherwise: the support call is as stored, channels included.
    const support = testCalls().find((c) => c.id.endsWith('/support'));
    expect(v.get('support')).toEqual(support);
  });

  it('shows a supervisor only calls that visited their queues, cut to those queues', () => {
    const v = view(scope(user('supervisor', { queues: ['support'] })));
    expect([...v.keys()].sort()).toEqual(['both', 'evil', 'guard-queue', 'support']);
    for (const c of v.values()) {
      expect(c.queueVisits.map((q) => q.queue).every((q) => q === 'support')).toBe(true);
      expect(c.attrs.channels).toEqual([]);
    }
    // Sales took the call after support: the sales part (its visit, Bob's leg, the answer) is cut.
    const both = v.get('both');
    expect(both?.queueVisits).toHaveLength(1);
    expect(both?.legs).toEqual([]);
    expect([both?.answeredBy, both?.answeredAt]).toEqual([null, null]);
    expect(both && operatorsIn(both)).not.toContain(BOB);
    expect(view(scope(user('supervisor', { queues: ['billing'] }))).size).toBe(0);
  });

  it('shows an operator only calls they took part in, with only their part', () => {
    const v = view(scope(user('operator', { operatorId: 1 })));
    // Ann rang in "both" (no answer): her ring is hers to see; the guard's direct call is not shown.
    expect([...v.keys()].sort()).toEqual(['both', 'evil', 'guard-queue', 'support']);
    const both = v.get('both');
    expect(both?.queueVisits.map((q) => q.queue)).toEqual(['support']);
    expect([both?.legs, both?.answeredBy]).toEqual([[], null]);
    for (const c of v.values()) {
      expect(operatorsIn(c)).not.toContain(BOB);
      expect(operatorsIn(c)).not.toContain(GUARD);
    }
    expect(view(scope(user('operator', { operatorId: 2 }))).size).toBe(2);
    // An operator user whose operator is not in the directory sees nothing.
    expect(view(scope(user('operator', { operatorId: 99 }))).size).toBe(0);
  });
});
