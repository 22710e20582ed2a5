// The record day: 150,000 calls with the event counts of a real Asterisk
// (the largest recorded trace, copied as fresh calls) through journal →
// tracker → PostgreSQL, then the same through PGlite, beside the tracker
// alone and the other baselines in the same run; prints seconds, events/s,
// calls/s, journal size, memory and whether the target (the day into
// PostgreSQL in at most 60 s) is met. The day's messages are made and
// written to a temporary file before anything is timed; every run reads them
// from there, as a collector reads a socket (day-file.ts).
//
// Run: npm run bench:ingest [-- --calls N | --quick] [-- --only baselines,postgres,pglite]
// (`postgres-before` in --only: the day into PostgreSQL as the previous
// version took it, the tracker parsing every message the collector had parsed.)
// The PostgreSQL server is PG_TEST_URL (default postgres://postgres@127.0.0.1:5432/test);
// a fresh database is made for the run and dropped afterwards.

import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { configSchema } from '@callboard/config';
import { Store } from '@callboard/store';
import { Tracker } from '@callboard/tracker';
import { sql } from 'kysely';
import { freshPostgres } from '../../test/support/databases.js';
import { largestCapture } from '../../test/support/traces.js';
import { compressAlone, feedAlone, trackerAlone, type TrackerResult } from './baseline.js';
import { captureEvents, RecordDay } from './corpus.js';
import { DayFile } from './day-file.js';
import { ingestDay, SERVER, TRACKER_CONFIG, type IngestResult } from './pipeline.js';
import { fmt, mib, printIngest, secs } from './print.js';

const RECORD_DAY_CALLS = 150_000;
/** A record day's calls come over twelve busy hours. */
const BUSY_MS = 12 * 3600_000;
const TARGET_SECONDS = 60;
const QUICK_CALLS = 2_000;

const { values } = parseArgs({
  options: {
    calls: { type: 'string' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: 'baselines,postgres,pglite' },
  },
});
const wanted = Number(values.calls ?? (values.quick ? QUICK_CALLS : RECORD_DAY_CALLS));
if (!Number.isInteger(wanted) || wanted < 1) throw new Error('--calls: a positive whole number');
const only = new Set(values.only.split(','));

// The trace, and how many calls one copy of it makes.
const capture = largestCapture();
const messages = captureEvents(capture);
const probe = new Tracker(TRACKER_CONFIG);
let callsPerCopy = 0;
for (const message of messages)
  for (const e of probe.push({ server: SERVER, message, receivedAt: 0 }))
    if (e.kind === 'call-finished') callsPerCopy++;
for (const e of probe.advance(probe.now + 60_000)) if (e.kind === 'call-finished') callsPerCopy++;

// One copy every `spacing`: the record day's rate of calls, whatever the size of the run.
const copies = Math.ceil(wanted / callsPerCopy);
const spacingMs = Math.round((callsPerCopy * BUSY_MS) / RECORD_DAY_CALLS);
const made = new RecordDay(messages, copies, spacingMs);
const calls = copies * callsPerCopy;
console.log(
  `record day: ${capture.split('/').slice(-2).join('/')} (${callsPerCopy} calls, ${fmt(made.eventsPerCopy)} events, ` +
    `${(made.spanMs / 1000).toFixed(0)} s) × ${fmt(copies)} fresh copies, one every ${(spacingMs / 1000).toFixed(1)} s`,
);
console.log(
  `  = ${fmt(calls)} calls, ${fmt(made.events)} events (${(made.events / calls).toFixed(0)} a call) over ` +
    `${(made.dayMs / 3600_000).toFixed(1)} h of Asterisk time (${((calls / made.dayMs) * 1000).toFixed(2)} calls/s); ` +
    `copies checked byte for byte against freshMessage`,
);
const dayDir = mkdtempSync(join(tmpdir(), 'callboard-bench-day-'));
process.on('exit', () => rmSync(dayDir, { recursive: true, force: true }));
const dayPath = join(dayDir, 'day.bin');
const { file: day, written } = DayFile.write(made, dayPath);
console.log(
  `  made and written to a file before the run (not timed): ${secs(written.seconds).trim()}, ${mib(written.bytes)} MiB`,
);

const journal = configSchema.parse({}).journal;
let tracked: TrackerResult | undefined;
/** The journal's compression alone: encoding the day minus reading and parsing it. */
let deflateSeconds: number | undefined;
if (only.has('baselines')) {
  console.log('\nbaselines, same corpus, same run:');
  const feed = feedAlone(day);
  console.log(
    `  feed alone (read + parse)               ${secs(feed.seconds)}  ${fmt(feed.events / feed.seconds).padStart(11)} events/s  ` +
      `${mib(feed.rawBytes)} MiB of AMI`,
  );
  const packed = compressAlone(day, journal.batchMessages, journal.compressionLevel);
  console.log(
    `  journal encoding alone (feed + deflate) ${secs(packed.seconds)}  ${fmt(packed.events / packed.seconds).padStart(11)} events/s  ` +
      `${fmt(packed.batches)} batches of ${fmt(journal.batchMessages)} at level ${journal.compressionLevel}: ` +
      `${mib(packed.compressedBytes)} MiB (${(packed.rawBytes / packed.compressedBytes).toFixed(1)} : 1)`,
  );
  deflateSeconds = packed.seconds - feed.seconds;
  const twice = trackerAlone(day, true);
  tracked = trackerAlone(day);
  console.log(
    `  tracker alone (feed + parse + track)    ${secs(tracked.seconds)}  ${fmt(tracked.events / tracked.seconds).padStart(11)} events/s  ` +
      `${fmt(tracked.calls / tracked.seconds)} calls/s, ${fmt(tracked.calls)} calls; ` +
      `in flight: ${fmt(tracked.peakInFlight)} at the peak, ${fmt(tracked.meanInFlight)} on average`,
  );
  console.log(
    `    the same, parsing twice (before)      ${secs(twice.seconds)}  ${fmt(twice.events / twice.seconds).padStart(11)} events/s  ` +
      `the tracker's side parsed the bytes again; ${fmt(twice.calls)} calls`,
  );
}

/** The day into a fresh PostgreSQL database, the writer handed messages or (as before) bytes. */
async function intoPostgres(hand: 'messages' | 'bytes'): Promise<IngestResult> {
  const db = await freshPostgres();
  try {
    const store = await Store.open({ url: db.url });
    try {
      const version = await sql<{
        v: string;
      }>`select current_setting('server_version') as v`.execute(store.db.kysely);
      const result = await ingestDay(store, day, hand);
      const how =
        hand === 'bytes'
          ? ', the writer handed bytes and the tracker parsing them again (before)'
          : '';
      printIngest(
        `PostgreSQL ${version.rows[0]?.v ?? ''} (a fresh database${how})`,
        result,
        tracked,
      );
      return result;
    } finally {
      await store.close();
    }
  } finally {
    await db.drop();
  }
}

const before = only.has('postgres-before') ? await intoPostgres('bytes') : undefined;
const postgres = only.has('postgres') ? await intoPostgres('messages') : undefined;

if (only.has('pglite')) {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-bench-pglite-'));
  try {
    const store = await Store.open({ dataDir: dir });
    try {
      printIngest(
        'PGlite (in this process, a temporary folder)',
        await ingestDay(store, day),
        tracked,
      );
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`\npeak RSS of the whole run: ${mib(process.resourceUsage().maxRSS * 1024)} MiB`);
if (postgres) {
  const verdict = postgres.seconds <= TARGET_SECONDS ? 'met' : 'NOT met';
  if (calls >= RECORD_DAY_CALLS) {
    console.log(
      `target: the record day into PostgreSQL in ≤ ${TARGET_SECONDS} s: ${verdict} (${secs(postgres.seconds).trim()}` +
        `${tracked ? `; the tracker alone takes ${secs(tracked.seconds).trim()}` : ''}` +
        `${before ? `; before, with the tracker parsing again: ${secs(before.seconds).trim()}` : ''})`,
    );
  } else {
    const full = (postgres.seconds / calls) * RECORD_DAY_CALLS;
    console.log(
      `target (${fmt(RECORD_DAY_CALLS)} calls into PostgreSQL in ≤ ${TARGET_SECONDS} s): not measured, this run has ${fmt(calls)} calls; ` +
        `at this rate the record day would take about ${full.toFixed(0)} s`,
    );
  }
  console.log(cpuBudget(postgres));
}

/**
 * What the run asked of the machine's cores, beside what they give in the
 * target's time: the parts no design avoids (the tracker, one thread; the
 * journal's compression) named with their figures from the baselines.
 */
function cpuBudget(r: IngestResult): string {
  const cores = availableParallelism();
  const used = r.cpuSeconds + (r.databaseCpuSeconds ?? 0);
  const parts = [
    `this process ${secs(r.cpuSeconds).trim()}`,
    ...(r.databaseCpuSeconds === undefined
      ? []
      : [`PostgreSQL's backends ${secs(r.databaseCpuSeconds).trim()}`]),
  ].join(' + ');
  const floor = tracked
    ? `; of it, the tracker alone needs ${secs(tracked.seconds).trim()} on one thread` +
      (deflateSeconds === undefined
        ? ''
        : ` and the journal's compression ${secs(deflateSeconds).trim()}`)
    : '';
  return (
    `CPU: the run used ${secs(used).trim()} of CPU (${parts}); ${cores} cores give ` +
    `${secs(cores * TARGET_SECONDS).trim()} in ${TARGET_SECONDS} s${floor}`
  );
}
