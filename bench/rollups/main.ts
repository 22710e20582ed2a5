// What a live checkpoint costs the hourly roll-ups on a busy hour: an hour
// of a record day (12,500 calls, from the synthetic call center) is
// stored, then checkpoints of a few calls each go into that same hour, as
// the ingest writes them live (a checkpoint every 2 s). The store adds such
// calls to their hours' roll-ups; the baseline, in the same run, is the
// previous version's way, still the store's way for a call written again:
// recompute each hour a checkpoint touches from the base rows. It is timed
// by writing the same few calls again. On PostgreSQL and PGlite.
//
// Run: npm run bench:rollups [-- --calls-per-hour N --checkpoints N --size N]
// The PostgreSQL server is PG_TEST_URL (default postgres://postgres@127.0.0.1:5432/test);
// a fresh database is made for the run and dropped afterwards.

import { parseArgs } from 'node:util';
import { Store } from '@callboard/store';
import type { CallRecord, OperatorInterval } from '@callboard/tracker';
import { freshPglite, freshPostgres, type TestDatabase } from '../../test/support/databases.js';
import { simulated } from '../../test/support/simulated.js';

const { values } = parseArgs({
  options: {
    'calls-per-hour': { type: 'string', default: '12500' },
    checkpoints: { type: 'string', default: '60' },
    size: { type: 'string', default: '3' },
  },
});
const PER_HOUR = Number(values['calls-per-hour']);
const CHECKPOINTS = Number(values.checkpoints);
const SIZE = Number(values.size);
const HOUR = 3_600_000;
const START = Date.UTC(2026, 9, 5, 9);
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

// One busy hour; the calls that finish last are kept for the live checkpoints.
let t0 = performance.now();
const hour = simulated(PER_HOUR * 24, START, HOUR);
const inHour = (iso: string): boolean => Date.parse(iso) < START + HOUR;
// The first PER_HOUR calls to end (the center runs busier than that), and
// the intervals that closed before the last of them.
const calls = hour.calls
  .filter((c) => inHour(c.startedAt) && inHour(c.endedAt))
  .sort((a, b) => Date.parse(a.endedAt) - Date.parse(b.endedAt))
  .slice(0, PER_HOUR);
const until = Date.parse(calls.at(-1)?.endedAt ?? '');
const intervals = hour.intervals.filter((i) => Date.parse(i.to) <= until);
const live = calls.splice(calls.length - CHECKPOINTS * SIZE);
console.log(
  `an hour of ${fmt(calls.length + live.length)} calls and ${fmt(intervals.length)} operator intervals, ` +
    `made by the synthetic call center in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
    `then ${CHECKPOINTS} checkpoints of ${SIZE} calls into the same hour`,
);

const quantile = (xs: readonly number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

async function timed(store: Store, batches: readonly (readonly CallRecord[])[]): Promise<number[]> {
  const ms: number[] = [];
  for (const batch of batches) {
    const t = performance.now();
    await store.writeDerived({ calls: batch, intervals: [] });
    ms.push(performance.now() - t);
  }
  return ms;
}

async function run(db: TestDatabase): Promise<void> {
  const store = await Store.open({ url: db.url });
  try {
    const station = 'main';
    await store.station(station, 'UTC');
    const mine = <T extends { station: string }>(xs: readonly T[]): T[] =>
      xs.map((x) => ({ ...x, station }));
    t0 = performance.now();
    for (let k = 0; k < calls.length; k += 1000)
      await store.writeDerived({ calls: mine(calls.slice(k, k + 1000)), intervals: [] });
    await store.writeDerived({ calls: [], intervals: mine<OperatorInterval>(intervals) });
    const fill = performance.now() - t0;
    const batches: CallRecord[][] = [];
    for (let k = 0; k < live.length; k += SIZE) batches.push(mine(live.slice(k, k + SIZE)));
    const added = await timed(store, batches);
    const recomputed = await timed(store, batches);
    const line = (name: string, xs: readonly number[]): string =>
      `  ${name.padEnd(46)} median ${quantile(xs, 0.5).toFixed(1).padStart(7)} ms   p95 ${quantile(xs, 0.95).toFixed(1).padStart(7)} ms`;
    console.log(`\n${db.kind} (the hour stored in ${(fill / 1000).toFixed(1)} s):`);
    console.log(line('a checkpoint, its calls added', added));
    console.log(line('the same, its hour recomputed (before)', recomputed));
    console.log(
      `  adding is ${(quantile(recomputed, 0.5) / quantile(added, 0.5)).toFixed(1)}× quicker at the median`,
    );
  } finally {
    await store.close();
    await db.drop();
  }
}

await run(await freshPostgres());
await run(freshPglite());
