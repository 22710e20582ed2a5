import { sql, type Kysely } from 'kysely';

// The directory an admin edits through the API: a server's AMI address
// (never its secret, which stays in the configuration), queue settings,
// pause reasons. `edited` marks a row the API has changed: the
// configuration file, written again at every start, no longer overwrites it.

export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement at a time: PGlite's query() runs a single statement.
  for (const statement of SCHEMA.split(/;\s*\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    await sql.raw(statement).execute(db);
  }
}

const SCHEMA = `
    alter table stations add column edited boolean not null default false;
    alter table servers add column host text;
    alter table servers add column port int check (port between 1 and 65535);
    alter table servers add column username text;
    alter table servers add column edited boolean not null default false;
    alter table entities add column edited boolean not null default false;
    -- A queue's own settings; without a row, the station's zone and 20 seconds.
    create table queue_settings (
      queue_id bigint primary key references entities (id) on delete cascade,
      -- An IANA zone; null: the station's.
      timezone text,
      service_level_seconds int not null default 20 check (service_level_seconds >= 0)
    );
    -- The reasons an operator may give for a pause: the code goes to Asterisk.
    create table pause_reasons (
      id serial primary key,
      code text not null unique,
      label text not null
    );
`;

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are not reversed: restore a backup instead'));
}
