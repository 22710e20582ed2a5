// Writing the audit log: who acted (a user, the command line, the system),
// what, when by the clock, the result and details — never a password.

import type { AuditEntry, Store, User } from '@callboard/store';
import type { Clock } from './clock.js';

/** Who acts: a signed-in user, or `cli` / `system` (no user). */
export type Actor = { readonly user: User } | { readonly name: 'cli' | 'system' };

export function audit(
  store: Store,
  clock: Clock,
  actor: Actor | { readonly login: string },
  action: string,
  result: AuditEntry['result'],
  details: Record<string, unknown> = {},
): Promise<void> {
  const who =
    'user' in actor
      ? { userId: actor.user.id, actor: actor.user.login }
      : 'name' in actor
        ? { userId: null, actor: actor.name }
        : { userId: null, actor: actor.login };
  return store.audit.write({ at: new Date(clock()), ...who, action, result, details });
}
