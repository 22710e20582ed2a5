// Who may act on whom, in one pure function over the caller's Scope:
//
//   operator    only themselves (their own operator entity): pause, unpause,
//               join and leave queues of their station
//   supervisor  `pause-others` to pause, `change-membership` to add or
//               remove; always in a named queue of their scope, on an
//               operator they may see
//   admin       anyone, anywhere
//
// The answer is an ApiError to throw, or null to go on.

import type { OperatorRow } from '@callboard/store';
import { ApiError } from '../errors.js';
import type { Scope } from '../scope.js';
import { RIGHT_FOR, type MemberRequest } from './request.js';

/** Before the operator is looked up: the role and the right. */
export function mayAsk(scope: Scope, selfId: number | null, r: MemberRequest): ApiError | null {
  switch (scope.role) {
    case 'admin':
      return null;
    case 'operator':
      if (selfId === null)
        return new ApiError('forbidden', 'your user is not linked to an operator of the directory');
      return r.operatorId === undefined || r.operatorId === selfId
        ? null
        : new ApiError('forbidden', 'an operator acts on themselves only');
    case 'supervisor':
      if (!scope.can(RIGHT_FOR[r.kind]))
        return new ApiError('forbidden', `this needs the right "${RIGHT_FOR[r.kind]}"`);
      if (r.queue === undefined)
        return new ApiError('forbidden', 'a supervisor acts in a named queue of their scope');
      if (r.operatorId === undefined)
        return new ApiError('invalid', 'body.operatorId: required', 'body.operatorId');
      return null;
  }
}

/** With the operator known: the queue's and the operator's scope. */
export function mayAct(scope: Scope, operator: OperatorRow, r: MemberRequest): ApiError | null {
  if (scope.role !== 'supervisor') return null;
  if (r.queue === undefined || !scope.queue(operator.station, r.queue))
    return new ApiError('forbidden', `the queue "${r.queue ?? ''}" is outside your scope`);
  return null;
}

/** Whether the caller may know the operator exists (else: 404, as if absent). */
export function maySee(scope: Scope, operator: OperatorRow): boolean {
  return scope.role === 'admin' || scope.operator(operator.station, operator.key);
}
