// A month of a call center for the report benchmarks: one day made by the
// synthetic call center through the tracker (calls and operator
// intervals), and its copies shifted by whole days with fresh ids (and,
// where days must not be byte for byte alike, each call and operator moved
// by its own few minutes a day).

import type { Store } from '@callboard/store';
import type { CallRecord, OperatorInterval } from '@callboard/tracker';
import { sql } from 'kysely';
import { simulated } from '../../test/support/simulated.js';

export const DAY_MS = 86_400_000;

export interface Day {
  readonly calls: CallRecord[];
  readonly intervals: OperatorInterval[];
}

/** One day of `calls` calls starting at `start`, as the tracker sees it. */
export function oneDay(calls: number, start: number): Day {
  const day = simulated(calls, start, DAY_MS);
  const end = start + DAY_MS;
  return {
    calls: day.calls.filter((c) => Date.parse(c.startedAt) < end),
    intervals: day.intervals.filter((i) => Date.parse(i.to) <= end && Date.parse(i.from) >= start),
  };
}

const shift = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();

/**
 * Up to `maxMs` either way, the same for the same key: FNV-1a of the key,
 * in whole seconds. Days moved so differ in which hour and second things
 * happen, as real days do, so a table of many days does not compress as
 * copies of one.
 */
export function jitterMs(key: string, maxMs: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return Math.round((((h >>> 0) / 2 ** 32) * 2 - 1) * (maxMs / 1000)) * 1000;
}

/** The call `k` days (and `extraMs`) later, under a fresh id. */
export function movedCall(c: CallRecord, k: number, extraMs = 0): CallRecord {
  const ms = k * DAY_MS + extraMs;
  const s = (iso: string): string => shift(iso, ms);
  const sn = (iso: string | null): string | null => (iso === null ? null : s(iso));
  return {
    ...c,
    id: `${c.id}/d${k}`,
    startedAt: s(c.startedAt),
    endedAt: s(c.endedAt),
    answeredAt: sn(c.answeredAt),
    pbxAnsweredAt: sn(c.pbxAnsweredAt),
    legs: c.legs.map((l) => ({ ...l, from: s(l.from), to: s(l.to) })),
    transfers: c.transfers.map((t) => ({ ...t, at: s(t.at) })),
    queueVisits: c.queueVisits.map((v) => ({
      ...v,
      joinedAt: s(v.joinedAt),
      leftAt: s(v.leftAt),
      attempts: v.attempts.map((a) => ({ ...a, startedAt: s(a.startedAt), endedAt: s(a.endedAt) })),
    })),
    attrs: { channels: [] },
  };
}

/** The interval `k` days (and `extraMs`) later. */
export function movedInterval(i: OperatorInterval, k: number, extraMs = 0): OperatorInterval {
  const ms = k * DAY_MS + extraMs;
  return { ...i, from: shift(i.from, ms), to: shift(i.to, ms) };
}

/**
 * Calls written straight into the calls table (report data reads the
 * records from there): the store's own write path, with every visit, ring
 * and roll-up, would take most of a benchmark's run.
 */
export async function storeCallsDirect(
  store: Store,
  station: string,
  calls: readonly CallRecord[],
): Promise<void> {
  const stationId = await store.station(station);
  for (let i = 0; i < calls.length; i += 3000) {
    const rows = calls.slice(i, i + 3000).map((c) => {
      const { attrs, ...record } = c;
      return {
        id: record.id,
        station_id: stationId,
        started_at: record.startedAt,
        ended_at: record.endedAt,
        answered_at: record.answeredAt,
        direction: record.direction,
        outcome: record.outcome,
        from_number: record.from.number,
        from_name: record.from.name,
        to_number: record.to.number,
        flags: sql<string[]>`${sql.val([...record.flags])}::text[]`,
        record: JSON.stringify(record),
        attrs: JSON.stringify(attrs),
      };
    });
    await store.db.kysely.insertInto('calls').values(rows).execute();
  }
}
