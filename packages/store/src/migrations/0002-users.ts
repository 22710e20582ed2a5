import { sql, type Kysely } from 'kysely';

// Users, their sessions and the audit log of what they did. A session's
// token is random and kept only as its SHA-256: a copy of the database lets
// nobody in. Rights and roles are checked here as well as in the code, so a
// hand-made row cannot hold a role the server does not know.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement at a time: PGlite's query() runs a single statement.
  for (const statement of SCHEMA.split(/;\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    await sql.raw(statement).execute(db);
  }
}

const SCHEMA = `
    create table users (
      id serial primary key,
      login text not null unique,
      display_name text not null,
      -- scrypt$N$r$p$salt$hash (base64url), see packages/server/src/auth/password.ts
      password_hash text not null,
      role text not null check (role in ('operator', 'supervisor', 'admin')),
      -- The operator entity an operator user is.
      operator_id bigint references entities (id),
      -- A supervisor's queues: a queue name (on every station) or station/queue.
      queues text[] not null default '{}',
      rights text[] not null default '{}'
        check (rights <@ array['change-membership', 'pause-others', 'listen-recordings']::text[]),
      disabled boolean not null default false,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (role <> 'operator' or operator_id is not null)
    );
    create table sessions (
      token_hash text primary key,
      user_id int not null references users (id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null,
      expires_at timestamptz not null
    );
    create index sessions_user_id on sessions (user_id);
    create index sessions_expires_at on sessions (expires_at);
    create table audit_log (
      id bigserial primary key,
      at timestamptz not null,
      user_id int references users (id),
      -- Who, as they were known then: a login, or cli / system.
      actor text not null,
      action text not null,
      result text not null check (result in ('ok', 'denied', 'failed')),
      details jsonb not null default '{}'
    );
    create index audit_log_at on audit_log (at);
`;

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are not reversed: restore a backup instead'));
}
