// A database outage in the middle of the stream. The running ingest
// collects a multi-call trace over a real TCP AMI connection into a fresh
// PostgreSQL database reached through a TCP proxy; mid-stream the proxy
// cuts every connection and refuses (the server is down) or holds (the
// network is lost) new ones, while the stream goes on into the disk spool;
// then the database comes back. Nothing is lost: the journal holds every
// message exactly once, in order, with gapless sequence numbers, and the
// stored calls are exactly those `replay` gets from the uninterrupted
// capture. When even the spool is full, the drop is loud (an error logged
// and the `droppedMessages` metric) and what fit is drained afterwards.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { AmiParser } from '@callboard/ami';
import { replayCaptures } from '@callboard/cli';
import { loadConfig } from '@callboard/config';
import {
  findCaptures,
  Ingest,
  JournalWriter,
  readCaptures,
  Spool,
  type CommittedBatch,
} from '@callboard/ingest';
import { traceEvents } from '@callboard/simulator';
import { decodeEntries, Store, type JournalEntry } from '@callboard/store';
import { Tracker, type OperatorInterval } from '@callboard/tracker';
import { freshPostgres, type TestDatabase } from './support/databases.js';
import { RecordingLog } from './support/recording-log.js';
import { TcpProxy, type CutMode } from './support/tcp-proxy.js';
import { TraceFeed } from './support/trace-feed.js';
import { readBytes, tracesDir } from './support/traces.js';

const TRACE = join(tracesDir, '10-load-mixed');
const events = traceEvents(readBytes(join(TRACE, 'ami-pbx1.raw')));
/** The trace's 11 minutes in under 7 s. */
const SPEED = 100;
const SECRET = 'outage-secret';
const decoder = new TextDecoder();

/** Waits until `test` holds, polling; fails with `why()` after `timeoutMs`. */
async function until(
  test: () => boolean | Promise<boolean>,
  timeoutMs: number,
  why: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${why()}`);
    await sleep(25);
  }
}

/** Bytes of the spool's batch files on disk. */
function diskBytes(dir: string): number {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.batch'))
    .reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

/**
 * Messages in the spool's batch files, and how many of them have a sequence
 * number up to `journaledUpTo`: written to the journal too, by a write whose
 * answer was lost.
 */
function spooledMessages(dir: string, journaledUpTo: number): { all: number; twice: number } {
  let all = 0;
  let twice = 0;
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.batch'))) {
    const raw = readFileSync(join(dir, f));
    const { firstSeq, messages } = JSON.parse(
      raw.subarray(0, raw.indexOf(10)).toString('utf8'),
    ) as {
      firstSeq: number;
      messages: number;
    };
    all += messages;
    twice += Math.max(0, Math.min(journaledUpTo, firstSeq + messages - 1) - firstSeq + 1);
  }
  return { all, twice };
}

/** Messages in the journal table. */
async function journaledMessages(store: Store): Promise<number> {
  const row = await store.db.kysely
    .selectFrom('journal')
    .select((eb) => eb.fn.sum<number>('messages').as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Every journal entry of a server, in journal order. */
async function journal(store: Store, serverId: number): Promise<JournalEntry[]> {
  const out: JournalEntry[] = [];
  for (let position = 0; ;) {
    const rows = await store.readJournal(position, 500);
    if (rows.length === 0) return out;
    for (const row of rows) {
      if (row.serverId === serverId) out.push(...decodeEntries(row));
      position = row.id;
    }
  }
}

/** The events of journal entries that Asterisk sent of its own accord (not answers to actions). */
function streamEvents(entries: readonly JournalEntry[]): string[] {
  const out: string[] = [];
  const parser = new AmiParser({ banner: false });
  for (const e of entries)
    parser.push(e.bytes, (item) => {
      if (item.kind === 'message' && item.message.kind === 'event' && !item.message.has('ActionID'))
        out.push(decoder.decode(item.message.bytes));
    });
  return out;
}

/** A fresh database, and a proxy in front of it. */
async function proxiedDatabase(): Promise<{
  database: TestDatabase;
  proxy: TcpProxy;
  url: string;
}> {
  const database = await freshPostgres();
  const direct = new URL(database.url ?? '');
  const proxy = await TcpProxy.start(direct.hostname, Number(direct.port || 5432));
  const via = new URL(direct);
  via.port = String(proxy.port);
  return { database, proxy, url: via.toString() };
}

/**
 * The operator intervals the capture closes, tracked as `replay` does but
 * without its end; time moves on past the last event (as it does for the
 * running ingest once the stream is quiet), so a state that ended with the
 * last event is in.
 */
function closedIntervals(): OperatorInterval[] {
  const captures = findCaptures([TRACE]);
  const tracker = new Tracker({ live: false, servers: captures.map((c) => c.server) });
  const out: OperatorInterval[] = [];
  for (const input of readCaptures(captures, () => undefined))
    for (const e of tracker.push(input)) if (e.kind === 'operator-interval') out.push(e.interval);
  for (const e of tracker.advance(tracker.now + 1))
    if (e.kind === 'operator-interval') out.push(e.interval);
  return out;
}

const sortedJson = (rows: readonly object[]): string[] => rows.map((r) => JSON.stringify(r)).sort();

const byId = <T extends { id: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * How the database goes away: its server refuses connections; the network is
 * lost (connections hang); or a write's answer is lost before the connection
 * dies, so the writer cannot know the write was committed.
 */
type Outage = CutMode | 'lost answer';

describe.each<Outage>(['refuse', 'hold', 'lost answer'])(
  'PostgreSQL cut mid-stream (%s)',
  (outage) => {
    it('spools the stream on disk, catches up when the database is back, loses nothing', async ({
      onTestFinished,
    }) => {
      const expected = replayCaptures([TRACE]);
      const { database, proxy, url } = await proxiedDatabase();
      const dir = mkdtempSync(join(tmpdir(), 'callboard-outage-'));
      onTestFinished(async () => {
        await proxy.close();
        await database.drop();
        rmSync(dir, { recursive: true, force: true });
      });
      const spoolDir = join(dir, 'spool');
      const feed = new TraceFeed(events, SPEED, SECRET);
      const amiPort = await feed.listen();
      onTestFinished(() => feed.close());
      // The test's own view of the database, past the proxy.
      const store = await Store.open({ url: database.url });
      onTestFinished(() => store.close());
      const file = join(dir, 'callboard.yaml');
      writeFileSync(
        file,
        [
          'database:',
          `  url: ${url}`,
          'spool:',
          `  dir: ${spoolDir}`,
          'stations:',
          '  pbx1:',
          '    servers:',
          '      pbx1:',
          '        host: 127.0.0.1',
          `        port: ${amiPort}`,
          '        username: callboard',
          `        secret: ${SECRET}`,
          '',
        ].join('\n'),
      );
      const log = new RecordingLog();
      const finished = new Set<string>();
      const ingest = await Ingest.start(loadConfig(file, {}), log, {
        onLive: (effects) => {
          for (const e of effects) if (e.kind === 'call-finished') finished.add(e.record.id);
        },
      });
      let stopped = false;
      onTestFinished(async () => {
        if (!stopped) await ingest.stop();
      });
      const metrics = (): string => JSON.stringify(ingest.metrics);
      const at = (share: number): number => Math.floor(events.length * share);
      const [cutAt, midAt, restoreAt] = [at(0.3), at(0.45), at(0.6)] as const;

      await feed.resynced;
      await sleep(20); // the resync answers go out before the stream begins
      await feed.play(0, cutAt);
      if (outage === 'lost answer') {
        proxy.mute();
        const before = await journaledMessages(store);
        const playing = feed.play(cutAt, midAt);
        // A write commits; its answer is lost; then the connection dies.
        await until(async () => (await journaledMessages(store)) > before, 30_000, metrics);
        proxy.cut('refuse');
        await playing;
      } else {
        proxy.cut(outage);
        await feed.play(cutAt, midAt);
      }
      await until(() => ingest.metrics.journal.spooledBatches > 0, 30_000, metrics);
      const early = diskBytes(spoolDir);
      expect(early).toBeGreaterThan(0);
      // The database is still away: the stream goes on into the spool, and all
      // of it is kept (in the journal from before the cut, or on disk).
      await feed.play(midAt, restoreAt);
      const serverId = await store.server('pbx1', 'pbx1');
      /** Messages kept, each once, and how many are both in the journal and on disk. */
      const kept = async (): Promise<{ once: number; twice: number }> => {
        const spooled = spooledMessages(spoolDir, await store.lastSeq(serverId));
        const once = spooled.all - spooled.twice + (await journaledMessages(store));
        return { once, twice: spooled.twice };
      };
      await until(
        async () => (await kept()).once >= ingest.metrics.journal.messages,
        30_000,
        metrics,
      );
      expect(diskBytes(spoolDir)).toBeGreaterThan(early);
      const { once, twice } = await kept();
      expect(once).toBe(ingest.metrics.journal.messages);
      // A write whose answer is lost is both in the journal and on disk. Made
      // to happen here; in the other outages it may happen too (a write under
      // way when the connection goes: a timing the test does not steer), and
      // then it must be a batch the journal holds, which the drain skips.
      if (outage === 'lost answer') expect(twice).toBeGreaterThan(0);
      expect(ingest.metrics.journal.spooledBatches).toBeGreaterThan(1);
      proxy.restore();
      await feed.play(restoreAt, events.length);
      await until(
        () =>
          ingest.metrics.journal.spoolBytes === 0 &&
          ingest.metrics.lag === 0 &&
          expected.calls.every((c) => finished.has(c.id)),
        30_000,
        () => `${finished.size} of ${expected.calls.length} calls finished; ${metrics()}`,
      );
      await ingest.stop();
      stopped = true;

      expect(diskBytes(spoolDir)).toBe(0);
      const journaled = ingest.metrics.journal;
      expect(journaled.droppedMessages).toBe(0);
      expect(ingest.metrics.servers.pbx1?.reconnects).toBe(0);
      expect(log.at('warn').map((l) => l.message)).toContain(
        'the database refuses journal writes: keeping batches in the spool',
      );
      const drained = log.lines.filter(
        (l) => l.message === 'the spool is drained: journal writes go to the database again',
      );
      expect(drained).toHaveLength(1);
      // The journal: every message once, in order, sequence numbers without a gap.
      const entries = await journal(store, await store.server('pbx1', 'pbx1'));
      expect(entries.length).toBe(journaled.messages);
      expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
      expect(streamEvents(entries)).toEqual(events.map((e) => decoder.decode(e.bytes)));
      // The calls: exactly what the tracker makes of the uninterrupted capture.
      expect(byId(await store.calls())).toEqual(byId(expected.calls));
      // Operator intervals: those the stream itself closed. (`replay` also closes,
      // at the end of the capture, those still open: operators still logged in.)
      const closed = closedIntervals();
      expect(closed.length).toBeGreaterThan(expected.intervals.length / 2);
      expect(sortedJson(await store.intervals())).toEqual(sortedJson(closed));
    }, 60_000);
  },
);

describe('a full spool while PostgreSQL is away', () => {
  it('drops loudly, and drains what fit when the database is back', async () => {
    const { database, proxy, url } = await proxiedDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'callboard-spool-full-'));
    const store = await Store.open({ url });
    const log = new RecordingLog();
    const committed: CommittedBatch[] = [];
    const maxBytes = 64 * 1024;
    const spool = new Spool(dir, maxBytes);
    const writer = new JournalWriter(
      store,
      spool,
      { batchMessages: 100, batchMs: 10, compressionLevel: 1, retryMs: 50 },
      log,
      (batches) => committed.push(...batches),
    );
    const serverId = await store.server('pbx1', 'pbx1');
    const added: Uint8Array[] = [];
    const add = async (from: number, to: number): Promise<void> => {
      for (const e of events.slice(from, to)) {
        writer.add(serverId, e.bytes, Date.now());
        added.push(e.bytes);
      }
      await writer.flush();
    };
    try {
      await writer.register(serverId);
      await add(0, 500);
      proxy.cut('refuse');
      // Past what the spool can hold, a stretch at a time.
      let at = 500;
      while (writer.metrics.droppedMessages === 0 && at < events.length) {
        await add(at, at + 200);
        at += 200;
      }
      await add(at, at + 1000);
      at += 1000;
      expect(writer.metrics.droppedMessages).toBeGreaterThan(0);
      expect(writer.metrics.spooledBatches).toBeGreaterThan(0);
      expect(spool.bytes).toBeLessThanOrEqual(maxBytes);
      const loud = log.at('error').filter((l) => l.message.startsWith('THE SPOOL IS FULL'));
      expect(loud.length).toBeGreaterThan(0);
      const reported = loud.reduce(
        (n, l) => n + Number((l.fields as { messages?: number }).messages),
        0,
      );
      expect(reported).toBe(writer.metrics.droppedMessages);

      proxy.restore();
      await until(
        () => spool.empty,
        30_000,
        () => JSON.stringify(writer.metrics),
      );
      await add(at, at + 300);
      await writer.close();
      expect(writer.metrics.spoolBytes).toBe(0);
    } finally {
      await store.close();
    }
    try {
      const direct = await Store.open({ url: database.url });
      try {
        const entries = await journal(direct, serverId);
        // What was journaled is what was added, less the dropped batches: in order, each once.
        expect(entries.length).toBe(added.length - writer.metrics.droppedMessages);
        const seqs = entries.map((e) => e.seq);
        expect(seqs.every((s, i) => i === 0 || s > (seqs[i - 1] ?? 0))).toBe(true);
        for (const e of entries)
          expect(decoder.decode(e.bytes)).toBe(decoder.decode(added[e.seq - 1]));
        // The last ones, after the drain, went to the database directly.
        expect(seqs[seqs.length - 1]).toBe(added.length);
        expect(committed.reduce((n, b) => n + b.entries.length, 0)).toBe(entries.length);
      } finally {
        await direct.close();
      }
    } finally {
      await proxy.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
