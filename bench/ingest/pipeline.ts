// One record day through the durable ingest, as production wires it: every
// message parsed and handed to the JournalWriter as a collector would
// (`writer.add(serverId, message, receivedAt)`), committed batches offered to
// the Processor, which runs the tracker and stores calls, intervals and its
// checkpoints in the Store. The feeder waits whenever the writer asks the
// collectors to pause or the tracker lags too far behind the journal, so
// memory stays bounded. Used by bench/ingest (npm run bench:ingest).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as yieldToIo, setTimeout as sleep } from 'node:timers/promises';
import type { AmiMessage } from '@callboard/ami';
import { configSchema } from '@callboard/config';
import { JournalWriter, Processor, Spool, type Log } from '@callboard/ingest';
import { sql } from 'kysely';
import type { Store } from '@callboard/store';
import type { TrackerConfig } from '@callboard/tracker';
import { BackendCpu, GcPauses } from './cpu.js';
import type { DayFile } from './day-file.js';

/** Messages handed to the writer between two looks at the back-pressure. */
const BLOCK = 2000;
/**
 * Messages journaled but not yet through the tracker, past which the feeder
 * waits. A live day never gets near it (a record day is about 520 messages
 * a second); a feeder as fast as a file needs some, to keep the journal's
 * writes and the tracker both busy. More than this only holds more parsed
 * messages in memory for longer, which costs garbage collection.
 */
export const MAX_LAG = 20_000;
/** How often the peak memory is sampled (ms). */
const RSS_EVERY_MS = 100;

export const SERVER = 'pbx1';
export const STATION = 'main';
/** The tracker as a configuration naming one server on one station gives it. */
export const TRACKER_CONFIG: TrackerConfig = {
  servers: [SERVER],
  stations: { [SERVER]: STATION },
};

export interface IngestResult {
  readonly kind: Store['kind'];
  /** First message handed to the writer → last call stored. */
  readonly seconds: number;
  /** CPU time of this process over the run (the database server's is not in it). */
  readonly cpuSeconds: number;
  /** The main thread's garbage-collection pauses over the run. */
  readonly gcPauses: number;
  readonly gcSeconds: number;
  /** CPU time of the PostgreSQL backends serving the run (none for PGlite). */
  readonly databaseCpuSeconds: number | undefined;
  readonly events: number;
  readonly rawBytes: number;
  readonly callsStored: number;
  readonly intervalsStored: number;
  readonly journalRows: number;
  readonly journalPayloadBytes: number;
  /** The journal table on disk, indexes and TOAST included. */
  readonly journalTableBytes: number;
  readonly peakRss: number;
  readonly peakLag: number;
  readonly peakInFlight: number;
  readonly journalWrites: number;
  readonly checkpoints: number;
  readonly spooledBatches: number;
  readonly droppedMessages: number;
}

/** A log that keeps warnings and errors, so a failed write fails the benchmark. */
function keepingLog(problems: string[]): Log {
  const keep = (fields: object, message: string): void => {
    const err = (fields as { err?: unknown }).err;
    problems.push(`${message}${err instanceof Error ? `: ${err.message}` : ''}`);
  };
  return { info: () => undefined, warn: keep, error: keep };
}

/**
 * `bytes`: the writer is handed each message's bytes, not the message, as
 * the collector did before the parsed message went along with its entry;
 * the tracker's side then parses every message again (the previous version).
 */
export async function ingestDay(
  store: Store,
  day: DayFile,
  hand: 'messages' | 'bytes' = 'messages',
): Promise<IngestResult> {
  const problems: string[] = [];
  const log = keepingLog(problems);
  const serverId = await store.server(SERVER, STATION);
  // Counted: journal transactions and checkpoint transactions.
  let journalWrites = 0;
  let checkpoints = 0;
  const append = store.appendJournal.bind(store);
  store.appendJournal = (batches, level) => {
    journalWrites++;
    return append(batches, level);
  };
  const derive = store.writeDerived.bind(store);
  store.writeDerived = (derived) => {
    checkpoints++;
    return derive(derived);
  };

  const processor = await Processor.start(store, TRACKER_CONFIG, {}, log);
  const spoolDir = mkdtempSync(join(tmpdir(), 'callboard-bench-spool-'));
  let paused = false;
  const writer = new JournalWriter(
    store,
    new Spool(spoolDir, 1024 ** 3),
    configSchema.parse({}).journal,
    log,
    (batches) => processor.offer(batches),
    (p) => (paused = p),
  );
  await writer.register(serverId);

  let rawBytes = 0;
  let peakRss = process.memoryUsage.rss();
  let peakLag = 0;
  let peakInFlight = 0;
  const lag = (): number => writer.metrics.messages - processor.metrics.messages;
  const sampling = setInterval(
    () => (peakRss = Math.max(peakRss, process.memoryUsage.rss())),
    RSS_EVERY_MS,
  );
  const watch = (): void => {
    peakLag = Math.max(peakLag, lag());
    peakInFlight = Math.max(peakInFlight, processor.metrics.inFlight);
    if (problems.length > 0) throw new Error(`the ingest failed: ${problems.join('; ')}`);
  };
  const add = (message: AmiMessage, receivedAt: number): void => {
    rawBytes += message.byteLength;
    writer.add(serverId, hand === 'messages' ? message : message.bytes, receivedAt);
  };

  const cursor = day.cursor();
  const backends = await new BackendCpu(store).start();
  const gc = new GcPauses().start();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    while (cursor.fill(BLOCK, add)) {
      watch();
      while (paused || lag() > MAX_LAG) {
        await sleep(1);
        watch();
      }
      await yieldToIo();
    }
    await writer.close();
    // The day is over: let the grace period of its last calls pass.
    processor.idle(60_000);
    await processor.settle();
    watch();
  } finally {
    gc.stop();
    clearInterval(sampling);
    rmSync(spoolDir, { recursive: true, force: true });
  }
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const databaseCpuSeconds = await backends.stop();

  const counts = await sql<{
    calls: number;
    intervals: number;
    rows: number;
    payload: number;
    table: number;
  }>`select (select count(*)::int from calls) as calls,
            (select count(*)::int from operator_intervals) as intervals,
            (select count(*)::int from journal) as rows,
            (select coalesce(sum(octet_length(payload)), 0)::float8 from journal) as payload,
            pg_total_relation_size('journal')::float8 as "table"`.execute(store.db.kysely);
  const c = counts.rows[0];
  if (!c) throw new Error('no counts');
  return {
    kind: store.kind,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    gcPauses: gc.count,
    gcSeconds: gc.seconds,
    databaseCpuSeconds,
    events: writer.metrics.messages,
    rawBytes,
    callsStored: c.calls,
    intervalsStored: c.intervals,
    journalRows: c.rows,
    journalPayloadBytes: c.payload,
    journalTableBytes: c.table,
    peakRss,
    peakLag,
    peakInFlight,
    journalWrites,
    checkpoints,
    spooledBatches: writer.metrics.spooledBatches,
    droppedMessages: writer.metrics.droppedMessages,
  };
}
