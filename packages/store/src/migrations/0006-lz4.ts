import { sql, type Kysely } from 'kysely';

// A call's record and channel detail are JSONB of several kilobytes, over
// the size at which PostgreSQL compresses a value out of line (TOAST).
// Its default compressor, pglz, costs the server a large share of writing
// a call; lz4 does the same work for less CPU. Only values written from
// now on use it: nothing is rewritten, so this is quick on any history. A
// server built without lz4 (and PGlite) keeps pglz.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    do $$
    begin
      alter table calls alter column record set compression lz4;
      alter table calls alter column attrs set compression lz4;
      alter table checkpoints alter column state set compression lz4;
    exception when feature_not_supported then
      null;
    end $$`.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are not reversed: restore a backup instead'));
}
