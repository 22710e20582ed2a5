// The tracker over the journal. It reads journal batches in order, feeds
// their messages to the tracker and stores what comes out. Every so often it
// stores a checkpoint — its journal position and the tracker's in-flight
// state — in the same transaction as the calls and intervals finished up to
// there. After a crash or a restart it restores the checkpoint and reads on
// from its position: in-flight calls survive, nothing is stored twice.

import { setImmediate as yieldToIo } from 'node:timers/promises';
import { AmiParser, type AmiMessage, type ParseItem } from '@callboard/ami';
import { decodeEntries, type Store } from '@callboard/store';
import {
  Tracker,
  type CallRecord,
  type DirectoryOperator,
  type Effect,
  type LiveEffect,
  type OperatorInterval,
  type TrackerConfig,
  type TrackerSnapshot,
} from '@callboard/tracker';
import type { Log } from './log.js';
import { ReceiveOrder, type MergeState, type Pending } from './merge.js';
import type { CommittedBatch, ReceivedEntry } from './writer.js';

export interface ProcessorOptions {
  /** The checkpoint's name (one per tracker). */
  readonly name?: string;
  /** Rows between checkpoints (default 200). */
  readonly checkpointRows?: number;
  /** Time between checkpoints (default 2 s). */
  readonly checkpointMs?: number;
  /** How far one server's messages may run ahead of a silent one's (default 2 s). */
  readonly maxSkewMs?: number;
  /**
   * Every effect as the tracker emits it, finished calls included (before
   * they are stored): what a live view follows. After a restart, the
   * effects of the journal replayed since the checkpoint come again.
   */
  readonly onLive?: (effects: readonly Effect[]) => void;
  /** Calls and intervals once they are stored (in the checkpoint's transaction). */
  readonly onStored?: (stored: {
    readonly calls: readonly CallRecord[];
    readonly intervals: readonly OperatorInterval[];
  }) => void;
}

/** What a checkpoint holds: the tracker, and messages read but not yet let through. */
interface CheckpointState {
  readonly tracker: TrackerSnapshot;
  readonly held: MergeState;
}

export interface ProcessorMetrics {
  position: number;
  messages: number;
  /**
   * Journal entries whose bytes the tracker parsed: those read back from the
   * journal or the spool (after a restart, an outage). The others came
   * parsed by the collector that received them.
   */
  parsedEntries: number;
  calls: number;
  intervals: number;
  inFlight: number;
}

export class Processor {
  readonly metrics: ProcessorMetrics = {
    position: 0,
    messages: 0,
    parsedEntries: 0,
    calls: 0,
    intervals: 0,
    inFlight: 0,
  };
  private tracker: Tracker;
  private position = 0;
  private readonly parser = new AmiParser({ banner: false });
  private calls: CallRecord[] = [];
  private intervals: OperatorInterval[] = [];
  private rowsSinceCheckpoint = 0;
  private lastCheckpoint = Date.now();
  private queue: Promise<void> = Promise.resolve();
  /** The checkpoint being written (resolved when none is). */
  private writing: Promise<void> = Promise.resolve();
  private writingNow = false;
  /** The last write's error, until a write succeeds. */
  private failure: unknown;
  private servers = new Map<number, string>();
  private readonly name: string;
  private readonly order: ReceiveOrder;

  private constructor(
    private readonly store: Store,
    private config: TrackerConfig,
    private readonly options: ProcessorOptions,
    private readonly log: Log,
  ) {
    this.name = options.name ?? 'tracker';
    this.tracker = new Tracker(config);
    this.order = new ReceiveOrder(options.maxSkewMs ?? 2000, config.servers ?? []);
  }

  /** Restores the checkpoint (if any) and reads the journal up to its end. */
  static async start(
    store: Store,
    config: TrackerConfig,
    options: ProcessorOptions,
    log: Log,
  ): Promise<Processor> {
    const p = new Processor(store, config, options, log);
    const saved = await store.checkpoint(p.name);
    if (saved) {
      const state = saved.state as CheckpointState;
      p.tracker = Tracker.restore(config, state.tracker);
      p.order.restore(state.held);
      p.position = saved.position;
      log.info(
        { position: saved.position, inFlight: p.tracker.inFlight },
        'tracker restored from its checkpoint',
      );
    }
    await p.catchUp();
    return p;
  }

  /**
   * A new operator directory, in turn with the batches: the tracker carries
   * its in-flight state over (a snapshot restored under the new directory),
   * and messages from then on are read with it.
   */
  setDirectory(directory: readonly DirectoryOperator[]): Promise<void> {
    const done = this.queue.then(() => {
      this.config = { ...this.config, directory };
      this.tracker = Tracker.restore(this.config, this.tracker.snapshot());
    });
    this.queue = done.catch((error: unknown) =>
      this.log.error({ err: error }, 'the tracker could not take the new directory'),
    );
    return done;
  }

  /** Batches just committed by the writer, in journal order. */
  offer(batches: readonly CommittedBatch[]): void {
    this.queue = this.queue
      .then(async () => {
        for (const b of batches) {
          if (b.id <= this.position) continue;
          if (b.id !== this.position + 1) {
            // A batch from the spool, or one this process did not write: read the journal.
            await this.catchUp();
            continue;
          }
          if (!this.servers.has(b.serverId)) this.servers = await this.store.serverNames();
          this.process(b.id, b.serverId, b.entries);
          this.maybeCheckpoint();
          // Let I/O in between batches (the writer's next batch, the sockets): a
          // queue of batches is otherwise one unbroken run of microtasks.
          await yieldToIo();
        }
      })
      .catch((error: unknown) =>
        this.log.error({ err: error }, 'the tracker could not store its results'),
      );
  }

  /** Reads the journal from the current position to its end. */
  async catchUp(): Promise<void> {
    for (;;) {
      const rows = await this.store.readJournal(this.position, 500);
      if (rows.length === 0) return;
      if (rows.some((r) => !this.servers.has(r.serverId)))
        this.servers = await this.store.serverNames();
      for (const row of rows) {
        this.process(row.id, row.serverId, decodeEntries(row));
        this.maybeCheckpoint();
      }
    }
  }

  /**
   * Lets time pass without messages (event time), so calls whose last
   * channel hung up are finished once their grace period is over.
   */
  advance(eventTime: number): void {
    this.queue = this.queue.then(() => this.take(this.tracker.advance(eventTime)));
  }

  /** As `advance`, by `ms` past the latest event time when the queue gets there. */
  idle(ms: number): void {
    this.queue = this.queue.then(() => {
      this.order.release(true, (p) => this.feed(p));
      this.take(this.tracker.advance(this.tracker.now + ms));
    });
  }

  /** The latest event time seen. */
  get now(): number {
    return this.tracker.now;
  }

  /** What is live now, as effects that build it from nothing (Tracker.live); `onLive` follows on. */
  live(): LiveEffect[] {
    return this.tracker.live();
  }

  /** Waits for everything offered, then stores what is pending with a checkpoint. */
  async settle(): Promise<void> {
    await this.queue;
    await this.checkpoint();
  }

  async close(): Promise<void> {
    await this.settle();
  }

  private process(id: number, serverId: number, entries: readonly ReceivedEntry[]): void {
    const server = this.servers.get(serverId) ?? String(serverId);
    for (const e of entries)
      this.order.add({ server, receivedAt: e.receivedAt, bytes: e.bytes, message: e.message });
    this.order.release(false, (p) => this.feed(p));
    this.position = id;
    this.metrics.position = id;
    this.metrics.inFlight = this.tracker.inFlight;
    this.rowsSinceCheckpoint++;
  }

  private feed(p: Pending): void {
    // A message parsed on receipt is exactly what parsing its bytes gives,
    // as long as the parser holds nothing of an earlier entry.
    if (p.message && this.parser.idle) {
      this.track(p.server, p.message, p.receivedAt);
      return;
    }
    this.metrics.parsedEntries++;
    this.parser.push(p.bytes, (item: ParseItem) => {
      if (item.kind === 'message') this.track(p.server, item.message, p.receivedAt);
    });
  }

  private track(server: string, message: AmiMessage, receivedAt: number): void {
    this.metrics.messages++;
    this.take(this.tracker.push({ server, message, receivedAt }));
  }

  private take(effects: readonly Effect[]): void {
    if (effects.length === 0) return;
    for (const e of effects) {
      if (e.kind === 'call-finished') this.calls.push(e.record);
      else if (e.kind === 'operator-interval') this.intervals.push(e.interval);
    }
    this.options.onLive?.(effects);
  }

  private maybeCheckpoint(): void {
    const rows = this.options.checkpointRows ?? 200;
    const ms = this.options.checkpointMs ?? 2000;
    if (this.rowsSinceCheckpoint >= rows || Date.now() - this.lastCheckpoint >= ms)
      this.startCheckpoint();
  }

  /** Stores what is pending with a checkpoint, and waits for it (and any before it). */
  private async checkpoint(): Promise<void> {
    await this.writing;
    this.startCheckpoint();
    await this.writing;
    const failure = this.failure;
    this.failure = undefined;
    if (failure !== undefined)
      throw failure instanceof Error
        ? failure
        : new Error('the tracker could not store its results');
  }

  /**
   * Takes a checkpoint now — the tracker's state at this journal position,
   * with exactly the calls and intervals finished up to it — and stores it
   * in the background: the next batches are tracked (and their live
   * changes sent) while it is written. One write at a time: while one is
   * under way a new one waits for the next chance, so a failed write's
   * calls go back in front of the pending ones before any later state is
   * stored, and a crash can never find a checkpoint past calls it did not
   * store.
   */
  private startCheckpoint(): void {
    if (this.writingNow) return;
    const calls = this.calls;
    const intervals = this.intervals;
    this.calls = [];
    this.intervals = [];
    const checkpoint = {
      name: this.name,
      position: this.position,
      state: {
        tracker: this.tracker.snapshot(),
        held: this.order.snapshot(),
      } satisfies CheckpointState,
    };
    this.rowsSinceCheckpoint = 0;
    this.lastCheckpoint = Date.now();
    this.writingNow = true;
    this.writing = this.store
      .writeDerived({ calls, intervals, checkpoint })
      .then(
        () => {
          this.failure = undefined;
          this.metrics.calls += calls.length;
          this.metrics.intervals += intervals.length;
          if (calls.length > 0 || intervals.length > 0)
            this.options.onStored?.({ calls, intervals });
        },
        (error: unknown) => {
          // Kept: the next checkpoint stores them.
          this.calls = [...calls, ...this.calls];
          this.intervals = [...intervals, ...this.intervals];
          this.failure = error;
          this.log.error({ err: error }, 'the tracker could not store its results; will retry');
        },
      )
      .finally(() => {
        this.writingNow = false;
      });
  }
}
