// The operator directory: operators as the admin names them (with the
// `monitored` flag), and the interfaces each has on each server — given by
// the admin, or learned from the queues that rang them.

import type { Kysely } from 'kysely';
import { keepEdited } from './directory-edit.js';
import type { Database } from './schema.js';

/** An operator as the admin's directory gives it. */
export interface DirectoryEntry {
  readonly key: string;
  readonly name: string;
  readonly devices: readonly string[];
  readonly monitored: boolean;
}

/** An operator entity: Callboard's id, its key, and where it has phones. */
export interface OperatorEntity {
  readonly id: number;
  readonly key: string;
  readonly name: string | null;
  readonly monitored: boolean;
  readonly interfaces: { server: string; interface: string }[];
}

export async function writeDirectory(
  db: Kysely<Database>,
  stationId: number,
  operators: readonly DirectoryEntry[],
): Promise<void> {
  const servers = await db
    .selectFrom('servers')
    .select('id')
    .where('station_id', '=', stationId)
    .execute();
  await db.transaction().execute(async (trx) => {
    for (const op of operators) {
      const row = await trx
        .insertInto('entities')
        .values({
          station_id: stationId,
          kind: 'operator',
          key: op.key,
          name: op.name,
          monitored: op.monitored,
        })
        .onConflict((oc) =>
          oc
            .columns(['station_id', 'kind', 'key'])
            // An operator the API edited stays as edited.
            .doUpdateSet({
              name: keepEdited<string>('entities', 'name'),
              monitored: keepEdited<boolean>('entities', 'monitored'),
            }),
        )
        .returning(['id', 'edited'])
        .executeTakeFirstOrThrow();
      if (row.edited) continue;
      const rows = servers.flatMap((s) =>
        op.devices.map((device) => ({ operator_id: row.id, server_id: s.id, interface: device })),
      );
      if (rows.length > 0)
        await trx
          .insertInto('operator_interfaces')
          .values(rows)
          .onConflict((oc) => oc.doNothing())
          .execute();
    }
  });
}

export async function readOperators(
  db: Kysely<Database>,
  station: string,
): Promise<OperatorEntity[]> {
  const rows = await db
    .selectFrom('entities as e')
    .innerJoin('stations as s', 's.id', 'e.station_id')
    .leftJoin('operator_interfaces as i', 'i.operator_id', 'e.id')
    .leftJoin('servers as v', 'v.id', 'i.server_id')
    .select(['e.id', 'e.key', 'e.name', 'e.monitored', 'v.name as server', 'i.interface'])
    .where('s.name', '=', station)
    .where('e.kind', '=', 'operator')
    .orderBy('e.key')
    .orderBy('v.name')
    .orderBy('i.interface')
    .execute();
  const out = new Map<number, OperatorEntity>();
  for (const r of rows) {
    let op = out.get(r.id);
    if (!op) {
      op = { id: r.id, key: r.key, name: r.name, monitored: r.monitored, interfaces: [] };
      out.set(r.id, op);
    }
    if (r.server !== null && r.interface !== null)
      op.interfaces.push({ server: r.server, interface: r.interface });
  }
  return [...out.values()];
}

/** An operator entity of any station: what scopes and views check operators against. */
export interface OperatorRef {
  readonly id: number;
  readonly station: string;
  readonly key: string;
  readonly name: string | null;
  readonly monitored: boolean;
}

export async function readOperatorRefs(db: Kysely<Database>): Promise<OperatorRef[]> {
  return db
    .selectFrom('entities as e')
    .innerJoin('stations as s', 's.id', 'e.station_id')
    .select(['e.id', 's.name as station', 'e.key', 'e.name', 'e.monitored'])
    .where('e.kind', '=', 'operator')
    .orderBy('s.name')
    .orderBy('e.key')
    .execute();
}
