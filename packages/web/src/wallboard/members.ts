// Queue membership on the wallboard, pure: how a queue's members stand
// (available, on a call, wrap-up, paused in that queue) and what the
// signed-in user may do to a member. The server decides every action
// (docs/server.md, "Actions on Asterisk"); this only hides the buttons it
// would refuse.

import type { Me } from '../api/types.ts';
import type { MembershipView, OperatorView } from '../live/messages.ts';

export type MemberStanding = 'idle' | 'talking' | 'wrap-up' | 'paused' | 'offline';

/** A member as one queue sees them: on a call first, then paused in that queue. */
export function standing(op: OperatorView, m: MembershipView): MemberStanding {
  if (op.state === 'talking' || op.state === 'ringing') return 'talking';
  if (m.paused || op.state === 'paused') return 'paused';
  if (op.state === 'offline') return 'offline';
  return op.state;
}

export type MemberCounts = Readonly<Record<MemberStanding, number>>;

/** The queue's members by standing. */
export function memberCounts(
  operators: readonly OperatorView[],
  station: string,
  queue: string,
): MemberCounts {
  const counts: Record<MemberStanding, number> = {
    idle: 0,
    talking: 0,
    'wrap-up': 0,
    paused: 0,
    offline: 0,
  };
  for (const op of operators) {
    if (op.station !== station) continue;
    const m = op.queues.find((q) => q.queue === queue);
    if (m) counts[standing(op, m)]++;
  }
  return counts;
}

/** What the user may do in one queue of a station. */
export interface QueueRights {
  readonly pause: boolean;
  readonly membership: boolean;
}

export const NO_RIGHTS: QueueRights = { pause: false, membership: false };

/** As the server's authorize.ts: an admin anything; a supervisor with the right, in a queue of theirs. */
export function rightsIn(me: Me, station: string, queue: string): QueueRights {
  const u = me.user;
  switch (u.role) {
    case 'admin':
      return { pause: true, membership: true };
    case 'operator':
      return NO_RIGHTS;
    case 'supervisor': {
      const mine = u.queues.includes(queue) || u.queues.includes(`${station}/${queue}`);
      if (!mine) return NO_RIGHTS;
      return {
        pause: u.rights.includes('pause-others'),
        membership: u.rights.includes('change-membership'),
      };
    }
  }
}
