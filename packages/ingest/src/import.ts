// Recorded traces into the journal as if they had arrived live, then
// through the tracker into the store: what `callboard import-traces` does.

import type { Store } from '@callboard/store';
import type { TrackerConfig } from '@callboard/tracker';
import { findCaptures, readCaptures } from './captures.js';
import type { Log } from './log.js';
import { Processor } from './processor.js';
import { Spool } from './spool.js';
import { JournalWriter, type CommittedBatch } from './writer.js';

export interface ImportOptions {
  readonly config: TrackerConfig;
  readonly spoolDir: string;
  readonly batchMessages?: number;
  readonly compressionLevel?: number;
}

export interface ImportResult {
  readonly messages: number;
  readonly calls: number;
  readonly intervals: number;
}

/**
 * Journals every `ami-<server>.raw` of the given folders or files as that
 * server (receive times taken from the events), then runs the tracker over
 * the journal until the calls are stored.
 */
export async function importTraces(
  store: Store,
  paths: readonly string[],
  options: ImportOptions,
  log: Log,
): Promise<ImportResult> {
  const captures = findCaptures(paths);
  const stations = options.config.stations ?? {};
  const ids = new Map<string, number>();
  for (const c of captures)
    ids.set(c.server, await store.server(c.server, stations[c.server] ?? c.server));
  const config: TrackerConfig = {
    ...options.config,
    servers: [...new Set([...(options.config.servers ?? []), ...ids.keys()])],
  };
  const processor = await Processor.start(store, config, {}, log);
  const committed: CommittedBatch[] = [];
  const writer = new JournalWriter(
    store,
    new Spool(options.spoolDir, 1024 ** 3),
    {
      batchMessages: options.batchMessages ?? 1000,
      batchMs: 60_000,
      compressionLevel: options.compressionLevel ?? 1,
      maxPending: Infinity,
    },
    log,
    (batches) => committed.push(...batches),
  );
  for (const id of ids.values()) await writer.register(id);
  const inputs = readCaptures(captures, (capture, item) => {
    if (item.kind === 'error')
      log.warn({ file: capture.path, offset: item.offset }, `${item.code}: ${item.detail}`);
  });
  // Written in 100 ms slices, as a live collector would have written them.
  let sliceEnd = -Infinity;
  for (const input of inputs) {
    if (input.receivedAt >= sliceEnd) {
      await writer.flush();
      sliceEnd = Math.floor(input.receivedAt / 100) * 100 + 100;
    }
    writer.add(ids.get(input.server) ?? 0, input.message, input.receivedAt);
  }
  await writer.close();
  const before = { ...processor.metrics };
  processor.offer(committed);
  // The traces are over: let the grace period of their last calls pass.
  processor.idle(60_000);
  await processor.settle();
  return {
    messages: inputs.length,
    calls: processor.metrics.calls - before.calls,
    intervals: processor.metrics.intervals - before.intervals,
  };
}
