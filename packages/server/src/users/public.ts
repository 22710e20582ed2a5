// A user as the API and the command line show it: never the password hash.
// The type is the response schema's, so the two cannot drift apart.

import type { User } from '@callboard/store';
import type { Static } from 'typebox';
import type { UserSchema } from '../routes/schemas.js';

export type PublicUser = Static<typeof UserSchema>;

export function publicUser(u: User): PublicUser {
  return {
    id: u.id,
    login: u.login,
    displayName: u.displayName,
    role: u.role,
    operatorId: u.operatorId,
    queues: [...u.queues],
    rights: [...u.rights],
    disabled: u.disabled,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}
