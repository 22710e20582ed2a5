// What one user may see: a function of the user (and the operator
// directory) to predicates on queues and operators. Every route that sends
// rows, counts or live events asks these predicates; nothing else decides.
//
//   admin       every queue; every monitored operator
//   supervisor  the queues listed (`queue` on every station, `station/queue`
//               on one); every monitored operator; rights one by one
//   operator    no queue (no reports); only themselves
//
// An operator marked not monitored is invisible to everyone.

import type { OperatorRef, Right, Role, User } from '@callboard/store';

export interface OperatorId {
  readonly station: string;
  readonly key: string;
}

export interface Scope {
  readonly role: Role;
  /** The same for every user whose view is the same (a cache key for report data). */
  readonly key: string;
  /** The operator an operator user is (null when the directory does not have them). */
  readonly self: OperatorId | null;
  /** Whether the user may see the queue's rows, counts and live events. */
  queue(station: string, queue: string): boolean;
  /** Whether the user may see the operator in lists and live state. */
  operator(station: string, operator: string): boolean;
  /** False for an operator marked not monitored: absent from every view. */
  monitored(station: string, operator: string): boolean;
  /** Whether a queue of this name may be visible on the station, or on some station. */
  reaches(queue: string, station?: string): boolean;
  /** Whether the user holds a right (an admin holds every right). */
  can(right: Right): boolean;
}

export function scopeOf(user: User, operators: readonly OperatorRef[]): Scope {
  const unmonitored = new Set(
    operators.filter((o) => !o.monitored).map((o) => refKey(o.station, o.key)),
  );
  const monitored = (station: string, operator: string): boolean =>
    !unmonitored.has(refKey(station, operator));
  const queues = new Set(user.queues);
  const selfRef =
    user.role === 'operator' ? operators.find((o) => o.id === user.operatorId) : undefined;
  const self = selfRef ? { station: selfRef.station, key: selfRef.key } : null;
  const base = { role: user.role, self, monitored };
  switch (user.role) {
    case 'admin':
      return {
        ...base,
        key: 'admin',
        queue: () => true,
        reaches: () => true,
        operator: monitored,
        can: () => true,
      };
    case 'supervisor':
      return {
        ...base,
        key: `supervisor:${JSON.stringify([...queues].sort())}`,
        queue: (station, queue) => queues.has(queue) || queues.has(`${station}/${queue}`),
        reaches: (queue, station) =>
          station === undefined
            ? [...queues].some((q) => q === queue || q.endsWith(`/${queue}`))
            : queues.has(queue) || queues.has(`${station}/${queue}`),
        operator: monitored,
        can: (right) => user.rights.includes(right),
      };
    case 'operator': {
      const isSelf = (station: string, operator: string): boolean =>
        self !== null && self.station === station && self.key === operator;
      return {
        ...base,
        key: `operator:${JSON.stringify(self)}`,
        queue: () => false,
        reaches: () => false,
        operator: isSelf,
        // Their own workplace shows them, monitored or not.
        monitored: (station, operator) => isSelf(station, operator) || monitored(station, operator),
        can: () => false,
      };
    }
  }
}

function refKey(station: string, key: string): string {
  return JSON.stringify([station, key]);
}
