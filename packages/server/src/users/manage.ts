// Adding and changing users: the rules both the API and `callboard user`
// keep. A role carries only what it uses — an operator user is one operator
// entity; a supervisor has queues and rights; an admin has everything — and
// the last enabled admin cannot be disabled or demoted. A new password ends
// the user's sessions, and so does disabling. Every change is audited.

import { RIGHTS, type Right, type Role, type Store, type User } from '@callboard/store';
import { audit, type Actor } from '../audit.js';
import { generatePassword, hashPassword } from '../auth/password.js';
import type { Clock } from '../clock.js';
import { ApiError } from '../errors.js';

export const LOGIN_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$';
export const MIN_PASSWORD = 8;

export interface UserFields {
  readonly displayName: string;
  readonly role: Role;
  readonly operatorId: number | null;
  readonly queues: readonly string[];
  readonly rights: readonly Right[];
}

export interface NewUserInput extends Partial<UserFields> {
  readonly login: string;
  readonly role: Role;
  /** Without one, a password is made and returned once. */
  readonly password?: string | undefined;
}

export type UserChangeInput = Partial<UserFields> & {
  readonly password?: string | undefined;
  readonly disabled?: boolean | undefined;
};

export function addUser(
  store: Store,
  clock: Clock,
  actor: Actor,
  input: NewUserInput,
): Promise<{ user: User; generatedPassword?: string }> {
  return failuresAudited(store, clock, actor, 'user.add', { login: input.login }, () =>
    add(store, clock, actor, input),
  );
}

export function changeUser(
  store: Store,
  clock: Clock,
  actor: Actor,
  id: number,
  change: UserChangeInput,
): Promise<User> {
  return failuresAudited(store, clock, actor, 'user.change', { id }, () =>
    change_(store, clock, actor, id, change),
  );
}

/** A refused change is audited as failed, with the reason. */
async function failuresAudited<T>(
  store: Store,
  clock: Clock,
  actor: Actor,
  action: string,
  details: Record<string, unknown>,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiError)
      await audit(store, clock, actor, action, 'failed', { ...details, reason: error.message });
    throw error;
  }
}

async function add(
  store: Store,
  clock: Clock,
  actor: Actor,
  input: NewUserInput,
): Promise<{ user: User; generatedPassword?: string }> {
  const login = input.login.trim().toLowerCase();
  if (!new RegExp(LOGIN_PATTERN).test(login))
    throw new ApiError('invalid', 'letters, digits and . _ @ - only (64 at most)', 'body.login');
  const fields: UserFields = {
    displayName: input.displayName ?? login,
    role: input.role,
    operatorId: input.operatorId ?? null,
    queues: input.queues ?? [],
    rights: input.rights ?? [],
  };
  await checkFields(store, fields);
  const generated = input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? generated ?? '';
  checkPassword(password);
  const user = await store.users.add(
    { login, ...fields, passwordHash: await hashPassword(password) },
    new Date(clock()),
  );
  if (!user) throw new ApiError('conflict', `the login "${login}" is taken`, 'body.login');
  await audit(store, clock, actor, 'user.add', 'ok', { id: user.id, login, ...fields });
  return generated === undefined ? { user } : { user, generatedPassword: generated };
}

async function change_(
  store: Store,
  clock: Clock,
  actor: Actor,
  id: number,
  change: UserChangeInput,
): Promise<User> {
  const before = await store.users.byId(id);
  if (!before) throw new ApiError('not_found', `no user ${id}`);
  const role = change.role ?? before.role;
  // A role change drops what the new role does not use, unless it is given again.
  const keep = role === before.role;
  const fields: UserFields = {
    displayName: change.displayName ?? before.displayName,
    role,
    operatorId:
      change.operatorId !== undefined
        ? change.operatorId
        : keep || role === 'operator'
          ? before.operatorId
          : null,
    queues: change.queues ?? (keep || role === 'supervisor' ? before.queues : []),
    rights: change.rights ?? (keep || role === 'supervisor' ? before.rights : []),
  };
  await checkFields(store, fields);
  if (change.password !== undefined) checkPassword(change.password);
  const disabled = change.disabled ?? before.disabled;
  if (before.role === 'admin' && !before.disabled && (fields.role !== 'admin' || disabled)) {
    const admins = (await store.users.list()).filter((u) => u.role === 'admin' && !u.disabled);
    if (admins.length <= 1)
      throw new ApiError('conflict', 'this is the last admin: make another one first');
  }
  const user = await store.users.update(
    id,
    {
      ...fields,
      disabled,
      ...(change.password === undefined
        ? {}
        : { passwordHash: await hashPassword(change.password) }),
    },
    new Date(clock()),
  );
  if (!user) throw new ApiError('not_found', `no user ${id}`);
  if (change.password !== undefined || (disabled && !before.disabled))
    await store.sessions.removeForUser(id);
  const changed = Object.keys(change).filter((k) => k !== 'password');
  await audit(store, clock, actor, 'user.change', 'ok', {
    id,
    login: user.login,
    changed: change.password === undefined ? changed : [...changed, 'password'],
    ...fields,
    disabled,
  });
  return user;
}

async function checkFields(store: Store, f: UserFields): Promise<void> {
  if (f.displayName.trim() === '' || f.displayName.length > 200)
    throw new ApiError('invalid', 'a name of 1 to 200 characters', 'body.displayName');
  for (const r of f.rights)
    if (!RIGHTS.includes(r)) throw new ApiError('invalid', `no right "${r}"`, 'body.rights');
  if (f.role !== 'supervisor' && f.queues.length > 0)
    throw new ApiError('invalid', 'only a supervisor has a list of queues', 'body.queues');
  if (f.role !== 'supervisor' && f.rights.length > 0)
    throw new ApiError('invalid', 'only a supervisor has rights one by one', 'body.rights');
  if (f.role === 'operator') {
    if (f.operatorId === null)
      throw new ApiError('invalid', 'an operator user needs an operator', 'body.operatorId');
    const ops = await store.operatorRefs();
    if (!ops.some((o) => o.id === f.operatorId))
      throw new ApiError('invalid', `no operator ${f.operatorId}`, 'body.operatorId');
  } else if (f.operatorId !== null) {
    throw new ApiError('invalid', 'only an operator user is an operator', 'body.operatorId');
  }
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD || password.length > 1024)
    throw new ApiError(
      'invalid',
      `a password of ${MIN_PASSWORD} to 1024 characters`,
      'body.password',
    );
}
