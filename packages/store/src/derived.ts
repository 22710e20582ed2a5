// Rows derived from the journal by the tracker: calls (with their visits,
// attempts, legs and transfers) and operator intervals. Writing the same
// call twice changes nothing: its rows are replaced, keyed by the tracker's
// stable id; an interval is keyed by operator, kind, queue and start.

import type { CallRecord, OperatorInterval } from '@callboard/tracker';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { EntityRef, Resolve } from './entities.js';
import { arrayOf, intervalsOf, operatorHours } from './rollup-sql.js';
import type { Database } from './schema.js';

/** The entities a batch of calls and intervals refers to. */
export function entityRefs(
  stationId: (station: string) => number,
  calls: readonly CallRecord[],
  intervals: readonly OperatorInterval[],
): EntityRef[] {
  const refs: EntityRef[] = [];
  for (const c of calls) {
    const s = stationId(c.station);
    const party = (
      p: {
        kind: string;
        operator: string | null;
        number: string | null;
        name: string | null;
      } | null,
    ): void => {
      if (p?.operator) refs.push({ stationId: s, kind: 'operator', key: p.operator, name: p.name });
      else if (p?.kind === 'external' && p.number)
        refs.push({ stationId: s, kind: 'number', key: p.number });
    };
    if (c.direction === 'inbound' && c.from.number)
      refs.push({ stationId: s, kind: 'number', key: c.from.number, name: c.from.name });
    if (c.from.operator)
      refs.push({ stationId: s, kind: 'operator', key: c.from.operator, name: c.from.name });
    if (c.direction === 'outbound' && c.to.number)
      refs.push({ stationId: s, kind: 'number', key: c.to.number });
    if (c.to.operator) refs.push({ stationId: s, kind: 'operator', key: c.to.operator });
    if (c.trunk) refs.push({ stationId: s, kind: 'trunk', key: c.trunk });
    party(c.answeredBy);
    for (const l of c.legs) {
      party(l.a);
      party(l.b);
    }
    for (const t of c.transfers) {
      party(t.by);
      party(t.to.party);
    }
    for (const v of c.queueVisits) {
      refs.push({ stationId: s, kind: 'queue', key: v.queue });
      if (v.answeredBy?.operator)
        refs.push({
          stationId: s,
          kind: 'operator',
          key: v.answeredBy.operator,
          name: v.answeredBy.memberName,
        });
      for (const a of v.attempts)
        if (a.operator)
          refs.push({ stationId: s, kind: 'operator', key: a.operator, name: a.memberName });
    }
  }
  for (const i of intervals) {
    const s = stationId(i.station);
    refs.push({ stationId: s, kind: 'operator', key: i.operator, name: i.name });
    if (i.queue) refs.push({ stationId: s, kind: 'queue', key: i.queue });
  }
  return refs;
}

/** PostgreSQL takes at most 65,535 parameters a statement. */
function chunks<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(60_000 / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

function partyEntity(
  resolve: Resolve,
  stationId: number,
  p: { kind: string; operator: string | null; number: string | null } | null,
): number | null {
  if (p?.operator) return resolve({ stationId, kind: 'operator', key: p.operator });
  if (p?.kind === 'external' && p.number)
    return resolve({ stationId, kind: 'number', key: p.number });
  return null;
}

/** Stores calls; `stored` holds those among them stored already, whose rows are replaced. */
export async function writeCalls(
  trx: Transaction<Database> | Kysely<Database>,
  calls: readonly CallRecord[],
  stationId: (station: string) => number,
  resolve: Resolve,
  serverId: (server: string) => number | undefined,
  stored: ReadonlyMap<string, unknown>,
): Promise<void> {
  if (calls.length === 0) return;
  // A call stored already is replaced: its old rows go (with their visits,
  // rings, legs and transfers), the new ones are inserted.
  if (stored.size > 0)
    await trx
      .deleteFrom('calls')
      .where('id', '=', sql<string>`any(${sql.val([...stored.keys()])}::text[])`)
      .execute();
  const callRows = calls.map((c) => {
    const s = stationId(c.station);
    const { attrs, ...record } = c;
    return {
      id: c.id,
      station_id: s,
      started_at: c.startedAt,
      ended_at: c.endedAt,
      answered_at: c.answeredAt,
      direction: c.direction,
      outcome: c.outcome,
      from_number: c.from.number,
      from_name: c.from.name,
      from_entity_id: c.from.operator
        ? resolve({ stationId: s, kind: 'operator', key: c.from.operator })
        : c.direction === 'inbound' && c.from.number
          ? resolve({ stationId: s, kind: 'number', key: c.from.number })
          : null,
      to_number: c.to.number,
      to_entity_id: c.to.operator
        ? resolve({ stationId: s, kind: 'operator', key: c.to.operator })
        : c.direction === 'outbound' && c.to.number
          ? resolve({ stationId: s, kind: 'number', key: c.to.number })
          : null,
      trunk_id: c.trunk ? resolve({ stationId: s, kind: 'trunk', key: c.trunk }) : null,
      answered_by_id: partyEntity(resolve, s, c.answeredBy),
      flags: sql<string[]>`${sql.val([...c.flags])}::text[]`,
      record: JSON.stringify(record),
      attrs: JSON.stringify(attrs),
    };
  });
  for (const part of chunks(callRows, 17)) await trx.insertInto('calls').values(part).execute();

  const visits = calls.flatMap((c) =>
    c.queueVisits.map((v, idx) => {
      const s = stationId(c.station);
      return {
        call_id: c.id,
        idx,
        queue_id: resolve({ stationId: s, kind: 'queue', key: v.queue }),
        server: v.server,
        caller_uniqueid: v.channel.uniqueid,
        joined_at: v.joinedAt,
        left_at: v.leftAt,
        position: v.position,
        outcome: v.outcome,
        wait_ms: v.waitMs,
        talk_ms: v.talkMs,
        answered_by_id: v.answeredBy?.operator
          ? resolve({ stationId: s, kind: 'operator', key: v.answeredBy.operator })
          : null,
        transfer: v.transfer,
      };
    }),
  );
  for (const part of chunks(visits, 13))
    await trx.insertInto('queue_visits').values(part).execute();

  const attempts = calls.flatMap((c) =>
    c.queueVisits.flatMap((v, visitIdx) =>
      v.attempts.map((a, idx) => ({
        call_id: c.id,
        visit_idx: visitIdx,
        idx,
        operator_id: a.operator
          ? resolve({ stationId: stationId(c.station), kind: 'operator', key: a.operator })
          : null,
        interface: a.interface,
        member_name: a.memberName,
        started_at: a.startedAt,
        ended_at: a.endedAt,
        result: a.result,
      })),
    ),
  );
  for (const part of chunks(attempts, 9))
    await trx.insertInto('agent_attempts').values(part).execute();

  // The interfaces queues rang each operator on, learned per server.
  const interfaces = new Map<
    string,
    { operator_id: number; server_id: number; interface: string }
  >();
  for (const c of calls)
    for (const v of c.queueVisits) {
      const server = serverId(v.server);
      for (const a of v.attempts) {
        if (!a.operator || server === undefined) continue;
        const operator = resolve({
          stationId: stationId(c.station),
          kind: 'operator',
          key: a.operator,
        });
        interfaces.set(`${operator}|${server}|${a.interface}`, {
          operator_id: operator,
          server_id: server,
          interface: a.interface,
        });
      }
    }
  for (const part of chunks([...interfaces.values()], 3))
    await trx
      .insertInto('operator_interfaces')
      .values(part)
      .onConflict((oc) => oc.doNothing())
      .execute();

  const legs = calls.flatMap((c) =>
    c.legs.map((l, idx) => {
      const s = stationId(c.station);
      return {
        call_id: c.id,
        idx,
        a_kind: l.a.kind,
        a_entity_id: partyEntity(resolve, s, l.a),
        a_number: l.a.number,
        b_kind: l.b.kind,
        b_entity_id: partyEntity(resolve, s, l.b),
        b_number: l.b.number,
        started_at: l.from,
        ended_at: l.to,
      };
    }),
  );
  for (const part of chunks(legs, 10)) await trx.insertInto('legs').values(part).execute();

  const transfers = calls.flatMap((c) =>
    c.transfers.map((t, idx) => {
      const s = stationId(c.station);
      return {
        call_id: c.id,
        idx,
        kind: t.kind,
        at: t.at,
        by_id: partyEntity(resolve, s, t.by),
        to_number: t.to.number,
        to_id: partyEntity(resolve, s, t.to.party),
      };
    }),
  );
  for (const part of chunks(transfers, 7)) await trx.insertInto('transfers').values(part).execute();
}

/**
 * Stores intervals; one stored already (same operator, kind, queue and
 * start) is left as it is. Those stored now are added to their hours'
 * roll-ups in the same statement.
 */
export async function writeIntervals(
  trx: Transaction<Database> | Kysely<Database>,
  intervals: readonly OperatorInterval[],
  stationId: (station: string) => number,
  resolve: Resolve,
): Promise<void> {
  if (intervals.length === 0) return;
  const c = {
    station: [] as number[],
    operator: [] as number[],
    kind: [] as string[],
    state: [] as (string | null)[],
    queue: [] as (number | null)[],
    reason: [] as (string | null)[],
    from: [] as string[],
    to: [] as string[],
  };
  for (const i of intervals) {
    const s = stationId(i.station);
    c.station.push(s);
    c.operator.push(resolve({ stationId: s, kind: 'operator', key: i.operator }));
    c.kind.push(i.kind);
    c.state.push(i.state);
    c.queue.push(i.queue ? resolve({ stationId: s, kind: 'queue', key: i.queue }) : null);
    c.reason.push(i.reason);
    c.from.push(i.from);
    c.to.push(i.to);
  }
  const columns = sql.join([
    arrayOf(c.station, 'int'),
    arrayOf(c.operator, 'bigint'),
    arrayOf(c.kind, 'text'),
    arrayOf(c.state, 'text'),
    arrayOf(c.queue, 'bigint'),
    arrayOf(c.reason, 'text'),
    arrayOf(c.from, 'timestamptz'),
    arrayOf(c.to, 'timestamptz'),
  ]);
  await sql`
    with stored as (
      insert into operator_intervals
        (station_id, operator_id, kind, state, queue_id, reason, started_at, ended_at)
      select * from unnest(${columns})
      on conflict (operator_id, kind, coalesce(queue_id, 0), started_at) do nothing
      returning *)
    ${operatorHours(intervalsOf(sql`stored`), 'add')}`.execute(trx);
}
