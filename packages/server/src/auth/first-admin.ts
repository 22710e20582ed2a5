// The first start: with no user at all, an admin is made — with the
// configured `server.adminPassword`, or a new password that the caller
// prints once. Nothing happens once any user exists.

import type { Secret } from '@callboard/config';
import type { Store } from '@callboard/store';
import type { Clock } from '../clock.js';
import { ApiError } from '../errors.js';
import { addUser } from '../users/manage.js';

export const FIRST_ADMIN = 'admin';

export interface FirstAdmin {
  readonly login: string;
  /** Set when the password was made here: show it once, it is kept nowhere else. */
  readonly generatedPassword: string | undefined;
}

export async function ensureFirstAdmin(
  store: Store,
  clock: Clock,
  password: Secret | undefined,
): Promise<FirstAdmin | undefined> {
  if ((await store.users.count()) > 0) return undefined;
  try {
    const { user, generatedPassword } = await addUser(
      store,
      clock,
      { name: 'system' },
      {
        login: FIRST_ADMIN,
        displayName: 'Administrator',
        role: 'admin',
        password: password?.reveal(),
      },
    );
    return { login: user.login, generatedPassword };
  } catch (error) {
    // Another process made it meanwhile.
    if (error instanceof ApiError && error.code === 'conflict') return undefined;
    throw error;
  }
}
