// The directory as an admin edits it: stations, servers (AMI address, never
// the secret), operators with their interfaces per server, queues with their
// settings, pause reasons. Every change marks the row `edited`, so the
// configuration written again at the next start leaves it as it is. A row
// still referred to (by calls, the journal, a user) is not deleted.

import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface StationRow {
  readonly id: number;
  readonly name: string;
  readonly timezone: string;
}

export interface ServerRow {
  readonly id: number;
  readonly name: string;
  readonly station: string;
  readonly host: string | null;
  readonly port: number | null;
  readonly username: string | null;
}

export interface InterfaceRow {
  readonly server: string;
  readonly interface: string;
}

export interface OperatorRow {
  readonly id: number;
  readonly station: string;
  readonly key: string;
  readonly name: string | null;
  readonly monitored: boolean;
  readonly interfaces: InterfaceRow[];
}

export interface QueueRow {
  readonly id: number;
  readonly station: string;
  readonly name: string;
  /** Null: the station's zone. */
  readonly timezone: string | null;
  readonly serviceLevelSeconds: number;
}

export interface PauseReasonRow {
  readonly id: number;
  readonly code: string;
  readonly label: string;
}

/** Why an edit did not happen. */
export type EditRefusal =
  | { readonly refused: 'duplicate' }
  | { readonly refused: 'not-found' }
  | { readonly refused: 'in-use' }
  | { readonly refused: 'no-station'; readonly station: string }
  | { readonly refused: 'no-server'; readonly server: string };

export type Edited<T> = { readonly refused: null; readonly row: T } | EditRefusal;

/** A queue's service-level threshold when the directory says none. */
export const DEFAULT_SERVICE_LEVEL_SECONDS = 20;

/** PostgreSQL's foreign_key_violation, from either driver. */
function inUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23503';
}

export class DirectoryEdits {
  constructor(private readonly db: Kysely<Database>) {}

  // ---- stations --------------------------------------------------------------

  async stations(): Promise<StationRow[]> {
    return this.db
      .selectFrom('stations')
      .select(['id', 'name', 'timezone'])
      .orderBy('name')
      .execute();
  }

  async addStation(name: string, timezone: string): Promise<Edited<StationRow>> {
    const row = await this.db
      .insertInto('stations')
      .values({ name, timezone, edited: true })
      .onConflict((oc) => oc.column('name').doNothing())
      .returning(['id', 'name', 'timezone'])
      .executeTakeFirst();
    return row ? { refused: null, row } : { refused: 'duplicate' };
  }

  async changeStation(id: number, change: { timezone: string }): Promise<Edited<StationRow>> {
    const row = await this.db
      .updateTable('stations')
      .set({ timezone: change.timezone, edited: true })
      .where('id', '=', id)
      .returning(['id', 'name', 'timezone'])
      .executeTakeFirst();
    return row ? { refused: null, row } : { refused: 'not-found' };
  }

  removeStation(id: number): Promise<EditRefusal | null> {
    return this.remove(() =>
      this.db.deleteFrom('stations').where('id', '=', id).executeTakeFirst(),
    );
  }

  // ---- servers ---------------------------------------------------------------

  private serverQuery() {
    return this.db
      .selectFrom('servers as v')
      .innerJoin('stations as s', 's.id', 'v.station_id')
      .select(['v.id', 'v.name', 's.name as station', 'v.host', 'v.port', 'v.username']);
  }

  servers(): Promise<ServerRow[]> {
    return this.serverQuery().orderBy('v.name').execute();
  }

  async addServer(server: Omit<ServerRow, 'id'>): Promise<Edited<ServerRow>> {
    const stationId = await this.stationId(server.station);
    if (stationId === undefined) return { refused: 'no-station', station: server.station };
    const row = await this.db
      .insertInto('servers')
      .values({
        name: server.name,
        station_id: stationId,
        host: server.host,
        port: server.port,
        username: server.username,
        edited: true,
      })
      .onConflict((oc) => oc.column('name').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row ? this.serverById(row.id) : { refused: 'duplicate' };
  }

  async changeServer(
    id: number,
    change: Partial<Pick<ServerRow, 'host' | 'port' | 'username'>>,
  ): Promise<Edited<ServerRow>> {
    const row = await this.db
      .updateTable('servers')
      .set({ ...change, edited: true })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    return row ? this.serverById(id) : { refused: 'not-found' };
  }

  removeServer(id: number): Promise<EditRefusal | null> {
    return this.remove(() => this.db.deleteFrom('servers').where('id', '=', id).executeTakeFirst());
  }

  private async serverById(id: number): Promise<Edited<ServerRow>> {
    const row = await this.serverQuery().where('v.id', '=', id).executeTakeFirst();
    return row ? { refused: null, row } : { refused: 'not-found' };
  }

  // ---- operators -------------------------------------------------------------

  /** Operators of every station (or one), with their interfaces. */
  async operators(
    filter: { readonly id?: number; readonly station?: string } = {},
  ): Promise<OperatorRow[]> {
    let q = this.db
      .selectFrom('entities as e')
      .innerJoin('stations as s', 's.id', 'e.station_id')
      .leftJoin('operator_interfaces as i', 'i.operator_id', 'e.id')
      .leftJoin('servers as v', 'v.id', 'i.server_id')
      .select([
        'e.id',
        's.name as station',
        'e.key',
        'e.name',
        'e.monitored',
        'v.name as server',
        'i.interface',
      ])
      .where('e.kind', '=', 'operator');
    if (filter.id !== undefined) q = q.where('e.id', '=', filter.id);
    if (filter.station !== undefined) q = q.where('s.name', '=', filter.station);
    const rows = await q
      .orderBy('s.name')
      .orderBy('e.key')
      .orderBy('v.name')
      .orderBy('i.interface')
      .execute();
    const out = new Map<number, OperatorRow & { interfaces: InterfaceRow[] }>();
    for (const r of rows) {
      let op = out.get(r.id);
      if (!op) {
        op = {
          id: r.id,
          station: r.station,
          key: r.key,
          name: r.name,
          monitored: r.monitored,
          interfaces: [],
        };
        out.set(r.id, op);
      }
      if (r.server !== null && r.interface !== null)
        op.interfaces.push({ server: r.server, interface: r.interface });
    }
    return [...out.values()];
  }

  async addOperator(op: Omit<OperatorRow, 'id'>): Promise<Edited<OperatorRow>> {
    const stationId = await this.stationId(op.station);
    if (stationId === undefined) return { refused: 'no-station', station: op.station };
    const servers = await this.stationServers(stationId, op.interfaces);
    if ('refused' in servers) return servers;
    const id = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('entities')
        .values({
          station_id: stationId,
          kind: 'operator',
          key: op.key,
          name: op.name,
          monitored: op.monitored,
          edited: true,
        })
        .onConflict((oc) => oc.columns(['station_id', 'kind', 'key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) return undefined;
      await writeInterfaces(trx, row.id, op.interfaces, servers.ids);
      return row.id;
    });
    return id === undefined ? { refused: 'duplicate' } : this.operatorById(id);
  }

  async changeOperator(
    id: number,
    change: Partial<Pick<OperatorRow, 'name' | 'monitored' | 'interfaces'>>,
  ): Promise<Edited<OperatorRow>> {
    const before = await this.db
      .selectFrom('entities')
      .select('station_id')
      .where('id', '=', id)
      .where('kind', '=', 'operator')
      .executeTakeFirst();
    if (!before) return { refused: 'not-found' };
    const interfaces = change.interfaces;
    const servers =
      interfaces === undefined
        ? undefined
        : await this.stationServers(before.station_id, interfaces);
    if (servers !== undefined && 'refused' in servers) return servers;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('entities')
        .set({
          edited: true,
          ...(change.name === undefined ? {} : { name: change.name }),
          ...(change.monitored === undefined ? {} : { monitored: change.monitored }),
        })
        .where('id', '=', id)
        .execute();
      if (interfaces !== undefined && servers !== undefined) {
        await trx.deleteFrom('operator_interfaces').where('operator_id', '=', id).execute();
        await writeInterfaces(trx, id, interfaces, servers.ids);
      }
    });
    return this.operatorById(id);
  }

  removeOperator(id: number): Promise<EditRefusal | null> {
    return this.remove(() =>
      this.db
        .deleteFrom('entities')
        .where('id', '=', id)
        .where('kind', '=', 'operator')
        .executeTakeFirst(),
    );
  }

  private async operatorById(id: number): Promise<Edited<OperatorRow>> {
    const [row] = await this.operators({ id });
    return row ? { refused: null, row } : { refused: 'not-found' };
  }

  /** The ids of the servers named, each of which must be the station's. */
  private async stationServers(
    stationId: number,
    interfaces: readonly InterfaceRow[],
  ): Promise<{ readonly ids: ReadonlyMap<string, number> } | EditRefusal> {
    const rows = await this.db
      .selectFrom('servers')
      .select(['id', 'name'])
      .where('station_id', '=', stationId)
      .execute();
    const ids = new Map(rows.map((r) => [r.name, r.id]));
    const missing = interfaces.find((i) => !ids.has(i.server));
    return missing ? { refused: 'no-server', server: missing.server } : { ids };
  }

  // ---- queues ----------------------------------------------------------------

  async queues(filter: { readonly id?: number } = {}): Promise<QueueRow[]> {
    let q = this.db
      .selectFrom('entities as e')
      .innerJoin('stations as s', 's.id', 'e.station_id')
      .leftJoin('queue_settings as qs', 'qs.queue_id', 'e.id')
      .select([
        'e.id',
        's.name as station',
        'e.key as name',
        'qs.timezone',
        'qs.service_level_seconds',
      ])
      .where('e.kind', '=', 'queue');
    if (filter.id !== undefined) q = q.where('e.id', '=', filter.id);
    const rows = await q.orderBy('s.name').orderBy('e.key').execute();
    return rows.map((r) => ({
      id: r.id,
      station: r.station,
      name: r.name,
      timezone: r.timezone,
      serviceLevelSeconds: r.service_level_seconds ?? DEFAULT_SERVICE_LEVEL_SECONDS,
    }));
  }

  async addQueue(queue: Omit<QueueRow, 'id'>): Promise<Edited<QueueRow>> {
    const stationId = await this.stationId(queue.station);
    if (stationId === undefined) return { refused: 'no-station', station: queue.station };
    const id = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('entities')
        .values({ station_id: stationId, kind: 'queue', key: queue.name, edited: true })
        .onConflict((oc) => oc.columns(['station_id', 'kind', 'key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) return undefined;
      await trx
        .insertInto('queue_settings')
        .values({
          queue_id: row.id,
          timezone: queue.timezone,
          service_level_seconds: queue.serviceLevelSeconds,
        })
        .execute();
      return row.id;
    });
    return id === undefined ? { refused: 'duplicate' } : this.queueById(id);
  }

  async changeQueue(
    id: number,
    change: Partial<Pick<QueueRow, 'timezone' | 'serviceLevelSeconds'>>,
  ): Promise<Edited<QueueRow>> {
    const [before] = await this.queues({ id });
    if (!before) return { refused: 'not-found' };
    const settings = {
      timezone: change.timezone === undefined ? before.timezone : change.timezone,
      service_level_seconds: change.serviceLevelSeconds ?? before.serviceLevelSeconds,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('entities').set({ edited: true }).where('id', '=', id).execute();
      await trx
        .insertInto('queue_settings')
        .values({ queue_id: id, ...settings })
        .onConflict((oc) => oc.column('queue_id').doUpdateSet(settings))
        .execute();
    });
    return this.queueById(id);
  }

  removeQueue(id: number): Promise<EditRefusal | null> {
    return this.remove(() =>
      this.db
        .deleteFrom('entities')
        .where('id', '=', id)
        .where('kind', '=', 'queue')
        .executeTakeFirst(),
    );
  }

  private async queueById(id: number): Promise<Edited<QueueRow>> {
    const [row] = await this.queues({ id });
    return row ? { refused: null, row } : { refused: 'not-found' };
  }

  // ---- pause reasons ---------------------------------------------------------

  pauseReasons(): Promise<PauseReasonRow[]> {
    return this.db
      .selectFrom('pause_reasons')
      .select(['id', 'code', 'label'])
      .orderBy('code')
      .execute();
  }

  async addPauseReason(reason: Omit<PauseReasonRow, 'id'>): Promise<Edited<PauseReasonRow>> {
    const row = await this.db
      .insertInto('pause_reasons')
      .values(reason)
      .onConflict((oc) => oc.column('code').doNothing())
      .returning(['id', 'code', 'label'])
      .executeTakeFirst();
    return row ? { refused: null, row } : { refused: 'duplicate' };
  }

  async changePauseReason(
    id: number,
    change: Partial<Omit<PauseReasonRow, 'id'>>,
  ): Promise<Edited<PauseReasonRow>> {
    if (change.code !== undefined) {
      const taken = await this.db
        .selectFrom('pause_reasons')
        .select('id')
        .where('code', '=', change.code)
        .where('id', '<>', id)
        .executeTakeFirst();
      if (taken) return { refused: 'duplicate' };
    }
    const row = await this.db
      .updateTable('pause_reasons')
      .set(change)
      .where('id', '=', id)
      .returning(['id', 'code', 'label'])
      .executeTakeFirst();
    return row ? { refused: null, row } : { refused: 'not-found' };
  }

  removePauseReason(id: number): Promise<EditRefusal | null> {
    return this.remove(() =>
      this.db.deleteFrom('pause_reasons').where('id', '=', id).executeTakeFirst(),
    );
  }

  // ---- shared ----------------------------------------------------------------

  private async stationId(name: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('stations')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirst();
    return row?.id;
  }

  private async remove(
    run: () => Promise<{ readonly numDeletedRows: bigint }>,
  ): Promise<EditRefusal | null> {
    try {
      const result = await run();
      return result.numDeletedRows > 0n ? null : { refused: 'not-found' };
    } catch (error) {
      if (inUse(error)) return { refused: 'in-use' };
      throw error;
    }
  }
}

async function writeInterfaces(
  trx: Kysely<Database>,
  operatorId: number,
  interfaces: readonly InterfaceRow[],
  serverIds: ReadonlyMap<string, number>,
): Promise<void> {
  const rows = interfaces.flatMap((i) => {
    const serverId = serverIds.get(i.server);
    return serverId === undefined
      ? []
      : [{ operator_id: operatorId, server_id: serverId, interface: i.interface }];
  });
  if (rows.length > 0)
    await trx
      .insertInto('operator_interfaces')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/**
 * The value an upsert writes to a column: the row's own when the API has
 * edited the row, else the incoming one (the configuration, at a start).
 */
export const keepEdited = <T>(table: 'stations' | 'entities' | 'servers', column: string) =>
  sql<T>`case when ${sql.ref(`${table}.edited`)} then ${sql.ref(`${table}.${column}`)} else ${sql.ref(`excluded.${column}`)} end`;
