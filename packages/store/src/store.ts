import type { CallRecord, OperatorInterval } from '@callboard/tracker';
import { sql } from 'kysely';
import { migrate, openDatabase, type DatabaseOptions, type Db } from './db.js';
import { entityRefs } from './derived.js';
import { Entities } from './entities.js';
import {
  readOperatorRefs,
  readOperators,
  writeDirectory,
  type DirectoryEntry,
  type OperatorEntity,
  type OperatorRef,
} from './directory.js';
import { AuditLog } from './audit.js';
import { DirectoryEdits, keepEdited } from './directory-edit.js';
import { Sessions } from './sessions.js';
import { Users } from './users.js';
import { callPages, readCall, readCalls, readIntervals, type TimeRange } from './read.js';
import { encodeEntriesAsync, type JournalBatch, type JournalRow } from './journal.js';
import { ReportReads } from './reports.js';
import { explainRefresh, lockDerived, refreshSince } from './rollups.js';
import { writeRows } from './write-rows.js';

export interface Checkpoint {
  readonly position: number;
  readonly state: unknown;
}

/** What the tracker produced from a stretch of the journal, to store in one transaction. */
export interface Derived {
  readonly calls: readonly CallRecord[];
  readonly intervals: readonly OperatorInterval[];
  /** With it, the checkpoint moves in the same transaction. */
  readonly checkpoint?: {
    readonly name: string;
    readonly position: number;
    readonly state: unknown;
  };
}

/**
 * One storage API over PGlite and PostgreSQL: the same migrations, the same
 * queries. Stations and servers are registered by name; everything else is
 * keyed by their ids.
 */
export class Store {
  private readonly stations = new Map<string, number>();
  private readonly servers = new Map<string, number>();
  private readonly entities: Entities;
  /** Who may log in, and with what role and scope. */
  readonly users: Users;
  readonly sessions: Sessions;
  readonly audit: AuditLog;
  /** The directory as the admin edits it through the API. */
  readonly directoryEdits: DirectoryEdits;
  /** What report data is read from: a station's rows of a stretch, roll-ups, data versions. */
  readonly reports: ReportReads;

  private constructor(readonly db: Db) {
    this.entities = new Entities(db.kysely);
    this.users = new Users(db.kysely);
    this.sessions = new Sessions(db.kysely);
    this.audit = new AuditLog(db.kysely);
    this.directoryEdits = new DirectoryEdits(db.kysely);
    this.reports = new ReportReads(db.kysely);
  }

  /** Opens and migrates. */
  static async open(options: DatabaseOptions = {}): Promise<Store> {
    const db = await openDatabase(options);
    try {
      await migrate(db);
    } catch (error) {
      await db.close();
      throw error;
    }
    return new Store(db);
  }

  get kind(): Db['kind'] {
    return this.db.kind;
  }

  close(): Promise<void> {
    return this.db.close();
  }

  async station(name: string, timezone?: string): Promise<number> {
    const known = this.stations.get(name);
    if (known !== undefined) return known;
    const row = await this.db.kysely
      .insertInto('stations')
      .values({ name, ...(timezone ? { timezone } : {}) })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet(
            timezone ? { timezone: keepEdited<string>('stations', 'timezone') } : { name },
          ),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    this.stations.set(name, row.id);
    return row.id;
  }

  /** Registers a server; its AMI address (from the configuration) unless the API edited it. */
  async server(
    name: string,
    station: string,
    address?: { readonly host: string; readonly port: number; readonly username: string },
  ): Promise<number> {
    const known = this.servers.get(name);
    if (known !== undefined) return known;
    const stationId = await this.station(station);
    const row = await this.db.kysely
      .insertInto('servers')
      .values({ name, station_id: stationId, ...address })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          station_id: stationId,
          ...(address
            ? {
                host: keepEdited<string>('servers', 'host'),
                port: keepEdited<number>('servers', 'port'),
                username: keepEdited<string>('servers', 'username'),
              }
            : {}),
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    this.servers.set(name, row.id);
    return row.id;
  }

  /** Server names by id. */
  async serverNames(): Promise<Map<number, string>> {
    const rows = await this.db.kysely.selectFrom('servers').select(['id', 'name']).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  private async knownServers(): Promise<void> {
    for (const [id, name] of await this.serverNames()) this.servers.set(name, id);
  }

  /**
   * The admin's operator directory for a station: each operator's name,
   * whether it is monitored, and its devices on each of the station's
   * servers. Operators learned from the stream keep their own entries.
   */
  async directory(station: string, operators: readonly DirectoryEntry[]): Promise<void> {
    await writeDirectory(this.db.kysely, await this.station(station), operators);
  }

  /** Operators of a station with their names, monitored flags and interfaces. */
  operators(station: string): Promise<OperatorEntity[]> {
    return readOperators(this.db.kysely, station);
  }

  /** Operators of every station: ids, keys, monitored flags. */
  operatorRefs(): Promise<OperatorRef[]> {
    return readOperatorRefs(this.db.kysely);
  }

  // ---- journal -------------------------------------------------------------

  /** Appends batches, in one transaction; returns their row ids in order. */
  async appendJournal(batches: readonly JournalBatch[], level = 1): Promise<number[]> {
    if (batches.length === 0) return [];
    // Compressed off the event loop, all batches at once.
    const payloads = await Promise.all(batches.map((b) => encodeEntriesAsync(b.entries, level)));
    const rows = batches.map((b, i) => {
      const first = b.entries[0];
      const last = b.entries[b.entries.length - 1];
      if (!first || !last) throw new Error('an empty journal batch');
      return {
        server_id: b.serverId,
        first_seq: first.seq,
        last_seq: last.seq,
        first_at: new Date(first.receivedAt),
        last_at: new Date(last.receivedAt),
        messages: b.entries.length,
        payload: payloads[i] ?? new Uint8Array(0),
      };
    });
    const out = await this.db.kysely.insertInto('journal').values(rows).returning('id').execute();
    return out.map((r) => r.id);
  }

  /** Journal rows after `position`, in order. */
  async readJournal(position: number, limit: number): Promise<JournalRow[]> {
    const rows = await this.db.kysely
      .selectFrom('journal')
      .selectAll()
      .where('id', '>', position)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      serverId: r.server_id,
      firstSeq: r.first_seq,
      lastSeq: r.last_seq,
      firstAt: r.first_at,
      lastAt: r.last_at,
      messages: r.messages,
      payload: r.payload,
    }));
  }

  /** The last sequence number journaled for a server (0 when none). */
  async lastSeq(serverId: number): Promise<number> {
    const row = await this.db.kysely
      .selectFrom('journal')
      .select((eb) => eb.fn.max('last_seq').as('seq'))
      .where('server_id', '=', serverId)
      .executeTakeFirst();
    return Number(row?.seq ?? 0);
  }

  /** Ids of a server's journal rows, by their last sequence number (those the journal holds). */
  async journalIds(serverId: number, lastSeqs: readonly number[]): Promise<Map<number, number>> {
    if (lastSeqs.length === 0) return new Map();
    const rows = await this.db.kysely
      .selectFrom('journal')
      .select(['id', 'last_seq'])
      .where('server_id', '=', serverId)
      .where('last_seq', 'in', [...lastSeqs])
      .execute();
    return new Map(rows.map((r) => [Number(r.last_seq), r.id]));
  }

  /** The first journal row received at or after `at` (its id minus one is where to start reading). */
  async journalPositionAt(at: Date): Promise<number> {
    const row = await this.db.kysely
      .selectFrom('journal')
      .select('id')
      .where('last_at', '>=', at)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (row) return row.id - 1;
    const last = await this.db.kysely
      .selectFrom('journal')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return Number(last?.id ?? 0);
  }

  /**
   * Drops journal batches received before `before`, but none past `processed`
   * (the tracker's checkpoint): what was not interpreted yet is kept.
   */
  async pruneJournal(before: Date, processed: number): Promise<number> {
    const result = await this.db.kysely
      .deleteFrom('journal')
      .where('last_at', '<', before)
      .where('id', '<=', processed)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  // ---- checkpoints and derived rows -----------------------------------------

  async checkpoint(name: string): Promise<Checkpoint | undefined> {
    const row = await this.db.kysely
      .selectFrom('checkpoints')
      .select(['position', 'state'])
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? { position: row.position, state: row.state } : undefined;
  }

  /** Stores calls and intervals (idempotently) and moves the checkpoint, all or nothing. */
  async writeDerived(derived: Derived): Promise<void> {
    const stationNames = new Set([
      ...derived.calls.map((c) => c.station),
      ...derived.intervals.map((i) => i.station),
    ]);
    for (const s of stationNames) await this.station(s);
    const stationId = (name: string): number => {
      const id = this.stations.get(name);
      if (id === undefined) throw new Error(`station ${name} was not registered`);
      return id;
    };
    const resolve = await this.entities.resolve(
      entityRefs(stationId, derived.calls, derived.intervals),
    );
    const servers = new Set(derived.calls.flatMap((c) => c.queueVisits.map((v) => v.server)));
    if ([...servers].some((name) => !this.servers.has(name))) await this.knownServers();
    await this.db.kysely.transaction().execute(async (trx) => {
      await writeRows(trx, derived, stationId, resolve, (name) => this.servers.get(name));
      const cp = derived.checkpoint;
      if (cp) {
        await trx
          .insertInto('checkpoints')
          .values({
            name: cp.name,
            position: cp.position,
            state: JSON.stringify(cp.state),
            updated_at: new Date(),
          })
          // The state once: the tracker's in-flight calls, often hundreds of kilobytes.
          .onConflict((oc) =>
            oc.column('name').doUpdateSet((eb) => ({
              position: eb.ref('excluded.position'),
              state: eb.ref('excluded.state'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
    });
  }

  /** Stored calls that started in [since, until), as records, in end order. */
  calls(range: TimeRange = {}): Promise<CallRecord[]> {
    return readCalls(this.db.kysely, range);
  }

  /** Stored calls in start order, a page at a time (a year never sits in memory at once). */
  /** One stored call by its id. */
  call(id: string): Promise<CallRecord | undefined> {
    return readCall(this.db.kysely, id);
  }

  callPages(range: TimeRange = {}, pageSize = 1000): AsyncGenerator<CallRecord[]> {
    return callPages(this.db.kysely, range, pageSize);
  }

  /** Stored operator intervals that began in [since, until), in start order. */
  intervals(range: TimeRange = {}): Promise<OperatorInterval[]> {
    return readIntervals(this.db.kysely, range);
  }

  /** Deletes the calls that started at or after `since`, and the intervals that began then. */
  async deleteDerived(since: Date): Promise<void> {
    await this.db.kysely.transaction().execute(async (trx) => {
      await lockDerived(trx);
      await trx.deleteFrom('calls').where('started_at', '>=', since).execute();
      await trx.deleteFrom('operator_intervals').where('started_at', '>=', since).execute();
      await refreshSince(trx, since);
    });
  }

  /** Forgets a checkpoint (rebuilds start from their own position). */
  async dropCheckpoint(name: string): Promise<void> {
    await this.db.kysely.deleteFrom('checkpoints').where('name', '=', name).execute();
  }

  /**
   * The plan PostgreSQL chooses for a report's time-range read of a table
   * (calls by start, queue visits by join, operator intervals by start): for
   * the docs, and for the test that keeps it an index range scan.
   */
  async explainRange(table: RangeTable, since: Date, until: Date): Promise<string> {
    const column = RANGE_COLUMNS[table];
    const result = await sql<{ 'QUERY PLAN': string }>`explain select * from ${sql.table(
      table,
    )} where ${sql.ref(column)} >= ${since} and ${sql.ref(column)} < ${until}`.execute(
      this.db.kysely,
    );
    return result.rows.map((r) => r['QUERY PLAN']).join('\n');
  }

  /** The plans of recomputing one hour's roll-ups of a station (EXPLAIN; nothing is run). */
  explainRollup(stationId: number, hour: Date): Promise<string[]> {
    return explainRefresh(this.db.kysely, { stationId, hour });
  }
}

/** The tables reports read by time, and the time they are read by. */
const RANGE_COLUMNS = {
  calls: 'started_at',
  queue_visits: 'joined_at',
  operator_intervals: 'started_at',
} as const;
export type RangeTable = keyof typeof RANGE_COLUMNS;
