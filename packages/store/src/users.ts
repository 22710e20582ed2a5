// Callboard's users: who may log in, with which role, and what a role
// reaches — an operator user is one operator entity; a supervisor has a
// list of queues and separate rights. Passwords arrive here already hashed.

import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, Right, Role, UsersTable } from './schema.js';

export interface User {
  readonly id: number;
  readonly login: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly role: Role;
  /** The operator entity an operator user is. */
  readonly operatorId: number | null;
  /** A supervisor's queues: `queue` (on every station) or `station/queue`. */
  readonly queues: readonly string[];
  readonly rights: readonly Right[];
  readonly disabled: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewUser {
  readonly login: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly role: Role;
  readonly operatorId: number | null;
  readonly queues: readonly string[];
  readonly rights: readonly Right[];
}

export type UserChange = Partial<Omit<NewUser, 'login'> & { disabled: boolean }>;

const textArray = (values: readonly string[]) => sql<string[]>`${sql.val([...values])}::text[]`;

export function userFromRow(r: Selectable<UsersTable>): User {
  return {
    id: r.id,
    login: r.login,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    role: r.role,
    operatorId: r.operator_id,
    queues: r.queues,
    rights: r.rights,
    disabled: r.disabled,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export class Users {
  constructor(private readonly db: Kysely<Database>) {}

  /** Adds a user; undefined when the login is taken. */
  async add(user: NewUser, at: Date): Promise<User | undefined> {
    const row = await this.db
      .insertInto('users')
      .values({
        login: user.login,
        display_name: user.displayName,
        password_hash: user.passwordHash,
        role: user.role,
        operator_id: user.operatorId,
        queues: textArray(user.queues),
        rights: textArray(user.rights),
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.column('login').doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? userFromRow(row) : undefined;
  }

  /** Changes the given fields; undefined when there is no such user. */
  async update(id: number, change: UserChange, at: Date): Promise<User | undefined> {
    const row = await this.db
      .updateTable('users')
      .set({
        updated_at: at,
        ...(change.displayName === undefined ? {} : { display_name: change.displayName }),
        ...(change.passwordHash === undefined ? {} : { password_hash: change.passwordHash }),
        ...(change.role === undefined ? {} : { role: change.role }),
        ...(change.operatorId === undefined ? {} : { operator_id: change.operatorId }),
        ...(change.queues === undefined ? {} : { queues: textArray(change.queues) }),
        ...(change.rights === undefined ? {} : { rights: textArray(change.rights) }),
        ...(change.disabled === undefined ? {} : { disabled: change.disabled }),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? userFromRow(row) : undefined;
  }

  async byId(id: number): Promise<User | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? userFromRow(row) : undefined;
  }

  async byLogin(login: string): Promise<User | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('login', '=', login)
      .executeTakeFirst();
    return row ? userFromRow(row) : undefined;
  }

  /** Every user, by login. */
  async list(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('login').execute();
    return rows.map(userFromRow);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
