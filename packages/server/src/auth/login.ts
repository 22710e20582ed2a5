// Logging in and out, apart from HTTP: a login and password in, a new
// session (its token for the cookie, its CSRF token) out. Whether the login
// exists, is disabled or the password is wrong, the answer is the same and
// takes the same time.

import type { Session, Store, User } from '@callboard/store';
import type { Clock } from '../clock.js';
import { burnPasswordCheck, verifyPassword } from './password.js';
import { hashToken, newToken } from './tokens.js';

export interface Opened {
  readonly user: User;
  /** Goes into the cookie; the database keeps only its hash. */
  readonly token: string;
  readonly session: Session;
}

export async function openSession(
  store: Store,
  clock: Clock,
  ttlMs: number,
  login: string,
  password: string,
): Promise<Opened | undefined> {
  const user = await store.users.byLogin(login.trim().toLowerCase());
  if (!user || user.disabled) {
    await burnPasswordCheck(password);
    return undefined;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return undefined;
  const now = clock();
  const token = newToken();
  const session: Session = {
    tokenHash: hashToken(token),
    userId: user.id,
    csrfToken: newToken(),
    createdAt: new Date(now),
    expiresAt: new Date(now + ttlMs),
  };
  await store.sessions.add(session);
  // Ended sessions are swept as new ones open (an index range delete).
  await store.sessions.prune(new Date(now));
  return { user, token, session };
}

/** The live session a cookie's token opens, with its user. */
export function findSession(
  store: Store,
  clock: Clock,
  token: string,
): Promise<{ session: Session; user: User } | undefined> {
  return store.sessions.find(hashToken(token), new Date(clock()));
}
