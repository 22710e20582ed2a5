// A month of a call center for the report benchmarks: one day made by the
// synthetic call center through the tracker (calls and operator
// intervals), and its copies shifted by whole days with fresh ids.

import { AmiParser } from '@callboard/ami';
import { defaultGeneratorConfig, generate, scaleTo } from '@callboard/simulator';
import type { Store } from '@callboard/store';
import { Tracker, type CallRecord, type OperatorInterval } from '@callboard/tracker';
import { sql } from 'kysely';

export const DAY_MS = 86_400_000;

export interface Day {
  readonly calls: CallRecord[];
  readonly intervals: OperatorInterval[];
}

/** One day of `calls` calls starting at `start`, as the tracker sees it. */
export function oneDay(calls: number, start: number): Day {
  const config = scaleTo(defaultGeneratorConfig(), calls);
  const tracker = new Tracker({
    live: false,
    queues: Object.fromEntries(config.queues.map((q) => [q.name, { wrapUpSeconds: q.wrapUp }])),
  });
  const parser = new AmiParser({ banner: false });
  const out: CallRecord[] = [];
  const intervals: OperatorInterval[] = [];
  const take = (effects: ReturnType<Tracker['push']>): void => {
    for (const fx of effects) {
      if (fx.kind === 'call-finished') out.push(fx.record);
      else if (fx.kind === 'operator-interval') intervals.push(fx.interval);
    }
  };
  let last = start;
  for (const e of generate({ config, seed: 1, startMs: start, durationMs: DAY_MS }).events) {
    last = e.at;
    parser.push(e.bytes, (item) => {
      if (item.kind === 'message')
        take(tracker.push({ server: 'pbx1', message: item.message, receivedAt: e.at }));
    });
  }
  take(tracker.advance(last + 60_000));
  const end = start + DAY_MS;
  return {
    calls: out.filter((c) => Date.parse(c.startedAt) < end),
    intervals: intervals.filter((i) => Date.parse(i.to) <= end && Date.parse(i.from) >= start),
  };
}

const shift = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();

/** The call `k` days later, under a fresh id. */
export function movedCall(c: CallRecord, k: number): CallRecord {
  const ms = k * DAY_MS;
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

/** The interval `k` days later. */
export function movedInterval(i: OperatorInterval, k: number): OperatorInterval {
  return { ...i, from: shift(i.from, k * DAY_MS), to: shift(i.to, k * DAY_MS) };
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
