// What report data is read from: one station's calls of a stretch (the
// records without their channel detail), its operator intervals, its
// hourly roll-ups with the entities' keys, and the data version of a
// stretch (the highest version of its hours, rollups.ts). The server cuts
// and encodes them; nothing here knows who asks.

import type { CallRecord, OperatorInterval, OperatorStateName } from '@callboard/tracker';
import type { Kysely } from 'kysely';
import type { Database, RollupOperatorHoursTable, RollupQueueHoursTable } from './schema.js';

/** [since, until) of one station. */
export interface StationRange {
  readonly station: string;
  readonly since: Date;
  readonly until: Date;
}

type Counts<T> = Omit<T, 'station_id' | 'hour' | 'queue_id' | 'operator_id'>;

export interface QueueHour extends Counts<RollupQueueHoursTable> {
  readonly station: string;
  readonly hour: Date;
  readonly queue: string;
}

export interface OperatorHour extends Counts<RollupOperatorHoursTable> {
  readonly station: string;
  readonly hour: Date;
  readonly operator: string;
  readonly name: string | null;
  /** Null: the operator's states; a queue: its rings, answers and logged-in time. */
  readonly queue: string | null;
}

export class ReportReads {
  constructor(private readonly db: Kysely<Database>) {}

  /** The station's IANA zone, or undefined when there is no such station. */
  async stationZone(station: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('stations')
      .select('timezone')
      .where('name', '=', station)
      .executeTakeFirst();
    return row?.timezone;
  }

  /** Calls that started in the range, in start order, without channel detail. */
  async calls(r: StationRange): Promise<CallRecord[]> {
    const rows = await this.db
      .selectFrom('calls as c')
      .innerJoin('stations as s', 's.id', 'c.station_id')
      .select('c.record')
      .where('s.name', '=', r.station)
      .where('c.started_at', '>=', r.since)
      .where('c.started_at', '<', r.until)
      .orderBy('c.started_at')
      .orderBy('c.id')
      .execute();
    return rows.map((row) => ({
      ...(row.record as Omit<CallRecord, 'attrs'>),
      attrs: { channels: [] },
    }));
  }

  /**
   * Operator intervals that ended in the range (they are stored when they
   * end), in end order; only state intervals in `only.state` when given.
   */
  async intervals(
    r: StationRange,
    only: { readonly state?: OperatorStateName } = {},
  ): Promise<OperatorInterval[]> {
    let q = this.db
      .selectFrom('operator_intervals as i')
      .innerJoin('stations as s', 's.id', 'i.station_id')
      .innerJoin('entities as o', 'o.id', 'i.operator_id')
      .leftJoin('entities as q', 'q.id', 'i.queue_id')
      .select([
        'i.kind',
        'o.key as operator',
        'o.name',
        'i.state',
        'q.key as queue',
        'i.reason',
        'i.started_at',
        'i.ended_at',
      ])
      .where('s.name', '=', r.station)
      .where('i.ended_at', '>=', r.since)
      .where('i.ended_at', '<', r.until);
    if (only.state !== undefined)
      q = q.where('i.kind', '=', 'state').where('i.state', '=', only.state);
    const rows = await q
      .orderBy('i.ended_at')
      .orderBy('o.key')
      .orderBy('i.kind')
      .orderBy('q.key')
      .execute();
    return rows.map((row) => ({
      kind: row.kind,
      station: r.station,
      operator: row.operator,
      name: row.name,
      state: row.state,
      queue: row.queue,
      reason: row.reason,
      from: row.started_at.toISOString(),
      to: row.ended_at.toISOString(),
    }));
  }

  /** The data version of the range: it changes whenever a row in it is written or removed. */
  async version(r: StationRange): Promise<number> {
    const row = await this.db
      .selectFrom('derived_hours as d')
      .innerJoin('stations as s', 's.id', 'd.station_id')
      .select((eb) => eb.fn.max('d.version').as('v'))
      .where('s.name', '=', r.station)
      .where('d.hour', '>=', r.since)
      .where('d.hour', '<', r.until)
      .executeTakeFirst();
    return Number(row?.v ?? 0);
  }

  /** Hourly queue roll-ups of hours that began in the range, by hour and queue. */
  async queueHours(r: StationRange): Promise<QueueHour[]> {
    const rows = await this.db
      .selectFrom('rollup_queue_hours as h')
      .innerJoin('stations as s', 's.id', 'h.station_id')
      .innerJoin('entities as q', 'q.id', 'h.queue_id')
      .selectAll('h')
      .select('q.key as queue')
      .where('s.name', '=', r.station)
      .where('h.hour', '>=', r.since)
      .where('h.hour', '<', r.until)
      .orderBy('h.hour')
      .orderBy('q.key')
      .execute();
    return rows.map(({ station_id: _s, queue_id: _q, ...row }) => ({ ...row, station: r.station }));
  }

  /** Hourly operator roll-ups of hours that began in the range, by hour, operator and queue. */
  async operatorHours(r: StationRange): Promise<OperatorHour[]> {
    const rows = await this.db
      .selectFrom('rollup_operator_hours as h')
      .innerJoin('stations as s', 's.id', 'h.station_id')
      .innerJoin('entities as o', 'o.id', 'h.operator_id')
      .leftJoin('entities as q', 'q.id', 'h.queue_id')
      .selectAll('h')
      .select(['o.key as operator', 'o.name', 'q.key as queue'])
      .where('s.name', '=', r.station)
      .where('h.hour', '>=', r.since)
      .where('h.hour', '<', r.until)
      .orderBy('h.hour')
      .orderBy('o.key')
      .orderBy('q.key', (ob) => ob.nullsFirst())
      .execute();
    return rows.map(({ station_id: _s, queue_id: _q, operator_id: _o, ...row }) => ({
      ...row,
      station: r.station,
    }));
  }
}
