// AMI events in → WebSocket out: generated call-center traffic written at
// 1,000 events/s over TCP to the real ingest (PGlite), through the tracker
// and the server to 50 live clients (a fifth admins, the rest supervisors
// of one queue each). Prints the latency from an event's write to each
// client's receipt of the change it caused, p50 and p99, against the
// target; then the same run with the naive fan-out (each change cut and
// serialised per client instead of once per view) as the baseline.
// Run: npm run bench:live [-- events clients [postgres]]
// With `postgres`, the database is a fresh one on PG_TEST_URL (default
// postgres://postgres@127.0.0.1:5432/test), dropped afterwards; else PGlite.

import { defaultGeneratorConfig, generate, scaleTo } from '@callboard/simulator';
import { freshPostgres, type TestDatabase } from '../../test/support/databases.js';
import { run, type RunResult } from './pipeline.js';

const EVENTS = Number(process.argv[2] ?? 25_000);
const CLIENTS = Number(process.argv[3] ?? 50);
const POSTGRES = process.argv[4] === 'postgres';
const RATE = 1000;
/** The journal's batch window: the time a message may wait to be written with others. */
const BATCH_MS = 5;
const TARGET_P99_MS = 20;

const config = scaleTo(defaultGeneratorConfig(), 20_000);
const queues = config.queues.map((q) => q.name);
// 09:00 on a weekday: a busy morning.
const day = generate({
  config,
  seed: 7,
  startMs: Date.UTC(2026, 10, 26, 9),
  durationMs: 6 * 3600_000,
});
const events = [];
for (const e of day.events) {
  events.push(e);
  if (events.length >= EVENTS) break;
}
const decoder = new TextDecoder();
const joins = new Map<number, { queue: string; uniqueid: string }>();
events.forEach((e, i) => {
  const text = decoder.decode(e.bytes);
  if (!text.startsWith('Event: QueueCallerJoin\r\n')) return;
  const queue = /\r\nQueue: (.*)\r\n/.exec(text)?.[1];
  const uniqueid = /\r\nUniqueid: (.*)\r\n/.exec(text)?.[1];
  if (queue !== undefined && uniqueid !== undefined) joins.set(i, { queue, uniqueid });
});

const pct = (xs: Float64Array, p: number): number =>
  xs.length === 0 ? NaN : (xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN);
const ms = (x: number): string => `${x.toFixed(1).padStart(6)} ms`;

function print(title: string, r: RunResult): void {
  console.log(
    `  ${title.padEnd(22)} p50 ${ms(pct(r.latencies, 50))}  p99 ${ms(pct(r.latencies, 99))}  max ${ms(r.latencies.at(-1) ?? NaN)}` +
      `  (${r.latencies.length.toLocaleString('en-US')} receipts, ${r.missing} missing, ${r.closed} closed; ` +
      `${(EVENTS / r.writeSeconds).toFixed(0)} events/s written; ${r.messages.toLocaleString('en-US')} messages, ` +
      `${(r.bytes / 2 ** 20).toFixed(1)} MiB to the clients)`,
  );
}

console.log(
  `live feed: ${EVENTS.toLocaleString('en-US')} generated AMI events at ${RATE}/s over TCP → ingest (${POSTGRES ? 'PostgreSQL' : 'PGlite'}, journal batch ${BATCH_MS} ms) → ` +
    `server → ${CLIENTS} WebSocket clients in ${1 + queues.length} views; ${joins.size} queue joins timed to their 'waiting' change`,
);
const common = { events, joins, queues, clients: CLIENTS, rate: RATE, batchMs: BATCH_MS };
const once = async (fanout: 'per-scope' | 'per-client'): Promise<RunResult> => {
  const db: TestDatabase | undefined = POSTGRES ? await freshPostgres() : undefined;
  try {
    return await run({ ...common, fanout, databaseUrl: db?.url });
  } finally {
    await db?.drop();
  }
};
const scoped = await once('per-scope');
print('once per view', scoped);
const naive = await once('per-client');
print('baseline: per client', naive);
const p99 = pct(scoped.latencies, 99);
console.log(
  `  target p99 <= ${TARGET_P99_MS} ms: ${p99 <= TARGET_P99_MS ? 'met' : 'NOT met'} (${p99.toFixed(1)} ms); ` +
    `the baseline's p99 is ${(pct(naive.latencies, 99) / p99).toFixed(2)}x`,
);
