// Callboard's own ids for the things calls refer to: operators (by their
// key, the phone device), queues (by name), trunks (by device) and outside
// numbers — per station, so the same number on two stations is two entities.

import { sql, type Kysely } from 'kysely';
import type { Database, EntityKind } from './schema.js';

export interface EntityRef {
  readonly stationId: number;
  readonly kind: EntityKind;
  readonly key: string;
  readonly name?: string | null;
}

/** An entity's id by its station, kind and key. */
export type Resolve = (ref: Omit<EntityRef, 'name'>) => number;

const refKey = (r: { stationId: number; kind: string; key: string }): string =>
  `${r.stationId}|${r.kind}|${r.key}`;

/**
 * Resolves references to ids, creating entities on first sight. Ids are
 * cached; new entities are committed on their own, before the rows that
 * refer to them, so a failed write never leaves a cached id behind.
 */
export class Entities {
  private readonly ids = new Map<string, number>();

  constructor(private readonly db: Kysely<Database>) {}

  async resolve(
    refs: Iterable<EntityRef>,
  ): Promise<(ref: { stationId: number; kind: EntityKind; key: string }) => number> {
    const missing = new Map<string, EntityRef>();
    for (const r of refs) {
      const k = refKey(r);
      if (!this.ids.has(k) && !missing.has(k)) missing.set(k, r);
    }
    const list = [...missing.values()];
    for (let i = 0; i < list.length; i += 1000) {
      const chunk = list.slice(i, i + 1000);
      const rows = await this.db
        .insertInto('entities')
        .values(
          chunk.map((r) => ({
            station_id: r.stationId,
            kind: r.kind,
            key: r.key,
            name: r.name ?? null,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['station_id', 'kind', 'key'])
            .doUpdateSet({ name: sql`coalesce(excluded.name, entities.name)` }),
        )
        .returning(['id', 'station_id', 'kind', 'key'])
        .execute();
      for (const row of rows)
        this.ids.set(refKey({ stationId: row.station_id, kind: row.kind, key: row.key }), row.id);
    }
    return (ref) => {
      const id = this.ids.get(refKey(ref));
      if (id === undefined) throw new Error(`entity ${refKey(ref)} was not resolved`);
      return id;
    };
  }
}
