import { sql, type Kysely } from 'kysely';

// The roll-ups recompute an hour at every checkpoint, and must read only
// that hour's rows, whatever the history behind it. Visits and rings have a
// start inside the hour (B-tree indexes on `joined_at` and `started_at`);
// an operator interval only has to overlap it, and a B-tree on its start or
// its end still reads every interval before (or after) the hour. An index
// on the interval as a range (closed at both ends, so an interval of no
// length is a point, not empty) finds the overlapping ones directly.
//
// Building it on a large table takes a while and holds writes to the table
// meanwhile; an admin may build it beforehand, without holding writes, by
// the same statement with `concurrently` (docs/server.md): this one then
// finds it there.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index if not exists operator_intervals_span on operator_intervals
      using gist (tstzrange(started_at, ended_at, '[]'))`.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are not reversed: restore a backup instead'));
}
