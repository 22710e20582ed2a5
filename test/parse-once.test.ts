// A message is parsed once: the collector parses what it receives, the
// journal writer keeps the parsed message with its entry, and the tracker
// reads it as it is. Only entries read back from the journal are parsed
// again. Both ways store the same calls and intervals: the largest trace
// journaled as parsed messages and as bytes, and the same with a broken
// entry in the middle (a message cut short: the parser then holds part of
// it, and the next entry must go through the parser to be read as before).

import { describe, expect, it } from 'vitest';
import { JournalWriter, Processor, readCaptures, silentLog, Spool } from '@callboard/ingest';
import { Store } from '@callboard/store';
import type { CallRecord, OperatorInterval } from '@callboard/tracker';
import { tempDirs } from './support/temp-dirs.js';
import { largestCapture } from './support/traces.js';

const temp = tempDirs();

interface Outcome {
  readonly calls: CallRecord[];
  readonly intervals: OperatorInterval[];
  readonly messages: number;
  readonly entries: number;
  readonly parsedEntries: number;
}

const BROKEN = new TextEncoder().encode('Event: Broken\r\nPrivilege: call,all\r\n');

/** The largest trace through writer → tracker → store, as parsed messages or as bytes. */
async function journal(how: 'parsed' | 'bytes', breakAt?: number): Promise<Outcome> {
  const store = await Store.open({ dataDir: temp('callboard-parse-once-db-') });
  try {
    const serverId = await store.server('pbx1', 'main');
    const processor = await Processor.start(store, { servers: ['pbx1'] }, {}, silentLog);
    const writer = new JournalWriter(
      store,
      new Spool(temp('callboard-parse-once-spool-'), 1024 ** 3),
      { batchMessages: 500, batchMs: 60_000, compressionLevel: 1, maxPending: Infinity },
      silentLog,
      (batches) => processor.offer(batches),
    );
    await writer.register(serverId);
    const inputs = readCaptures([{ server: 'pbx1', path: largestCapture() }], () => undefined);
    let entries = 0;
    for (const input of inputs) {
      if (entries === breakAt) {
        writer.add(serverId, BROKEN, input.receivedAt);
        entries++;
      }
      writer.add(
        serverId,
        how === 'parsed' ? input.message : input.message.bytes,
        input.receivedAt,
      );
      entries++;
    }
    await writer.close();
    processor.idle(60_000);
    await processor.settle();
    const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : 1);
    return {
      calls: (await store.calls()).sort(byId),
      intervals: await store.intervals(),
      messages: processor.metrics.messages,
      entries,
      parsedEntries: processor.metrics.parsedEntries,
    };
  } finally {
    await store.close();
  }
}

describe('a received message is parsed once', () => {
  it('reads the collector’s parsed messages without parsing them again, and stores what parsing the bytes gives', async () => {
    const parsed = await journal('parsed');
    const bytes = await journal('bytes');
    expect(parsed.parsedEntries).toBe(0);
    expect(bytes.parsedEntries).toBe(bytes.entries);
    expect(parsed.messages).toBe(bytes.messages);
    expect(parsed.calls.length).toBeGreaterThan(200);
    expect(parsed.calls).toEqual(bytes.calls);
    expect(parsed.intervals).toEqual(bytes.intervals);
  }, 120_000);

  it('after an entry cut short, reads the next entry’s bytes as the parser would', async () => {
    const breakAt = 1000;
    const parsed = await journal('parsed', breakAt);
    const bytes = await journal('bytes', breakAt);
    // The broken entry and the one that completes it: the parser holds
    // part of a message in between, so the parsed message is not taken.
    expect(parsed.parsedEntries).toBe(2);
    expect(parsed.messages).toBe(bytes.messages);
    expect(parsed.calls).toEqual(bytes.calls);
    expect(parsed.intervals).toEqual(bytes.intervals);
  }, 120_000);
});
