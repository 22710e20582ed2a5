// The journal writer under a burst while the database is slow: messages
// keep coming while a write is under way, and at most one more write waits
// behind it, taking everything gathered by the time it starts (before the
// fix, every message past a batch queued a write of its own: millions of
// pending promises on a record day, and the process ran out of memory).
// Nothing is lost: the journal holds every message once, in order.

import { describe, expect, it } from 'vitest';
import { JournalWriter, Spool } from '@callboard/ingest';
import { decodeEntries, Store, type JournalBatch } from '@callboard/store';
import { RecordingLog } from './support/recording-log.js';
import { tempDirs } from './support/temp-dirs.js';

const BATCH = 100;
const temp = tempDirs();

describe('the journal writer in a burst', () => {
  it('queues one write behind a slow one, not one per message, and loses nothing', async () => {
    const store = await Store.open({ dataDir: temp('callboard-burst-db-') });
    try {
      const serverId = await store.server('pbx1', 'main');
      // The database is slow: the first write is held until the burst is in.
      const append = store.appendJournal.bind(store);
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const writes: number[] = [];
      store.appendJournal = async (batches: readonly JournalBatch[], level?: number) => {
        writes.push(batches.reduce((n, b) => n + b.entries.length, 0));
        if (writes.length === 1) await held;
        return append(batches, level);
      };
      const committed: number[] = [];
      const writer = new JournalWriter(
        store,
        new Spool(temp('callboard-burst-spool-'), 1024 ** 2),
        { batchMessages: BATCH, batchMs: 50, compressionLevel: 1, maxPending: 1_000_000 },
        new RecordingLog(),
        (batches) => committed.push(...batches.flatMap((b) => b.entries.map((e) => e.seq))),
      );
      await writer.register(serverId);
      const text = (n: number): Uint8Array =>
        new TextEncoder().encode(`Event: Burst\r\nN: ${n}\r\n\r\n`);
      for (let n = 1; n <= BATCH; n++) writer.add(serverId, text(n), n);
      // The first batch is being written (and held); the burst goes on.
      await new Promise((r) => setImmediate(r));
      expect(writes).toEqual([BATCH]);
      for (let n = BATCH + 1; n <= 50 * BATCH; n++) writer.add(serverId, text(n), n);
      // One write waits behind the held one: asking again gives that same write.
      const queued = writer.flush();
      expect(writer.flush()).toBe(queued);
      release();
      await writer.close();
      // The held write, then one with all the rest.
      expect(writes).toEqual([BATCH, 49 * BATCH]);
      const seqs = Array.from({ length: 50 * BATCH }, (_, i) => i + 1);
      expect(committed).toEqual(seqs);
      const rows = await store.readJournal(0, 1000);
      const stored = rows.flatMap((r) => decodeEntries(r).map((e) => e.seq));
      expect(stored).toEqual(seqs);
    } finally {
      await store.close();
    }
  });
});
