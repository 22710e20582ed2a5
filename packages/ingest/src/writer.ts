// The journal writer: every message received is stamped (server, receive
// time, sequence number) and appended to the journal before anything
// interprets it. Messages are written in batches, every `batchMs` or
// `batchMessages`, whichever comes first.
//
// The trade-off: a batch is durable once its transaction commits. If the
// process dies, the messages of the batch being gathered (at most batchMs or
// batchMessages of them) are lost with it; Asterisk does not send them
// again, and the resync after the next login closes the channels they
// would have closed. A smaller batchMs loses less and writes more rows.
//
// While the database refuses writes, batches go to the disk spool, in order,
// and are drained into the journal when it is back. A full spool drops the
// batch and says so: an error in the log and the `droppedMessages` metric.

import type { JournalBatch, JournalEntry, Store } from '@callboard/store';
import type { Log } from './log.js';
import type { Spool } from './spool.js';

export interface CommittedBatch {
  readonly id: number;
  readonly serverId: number;
  readonly entries: readonly JournalEntry[];
}

export interface WriterOptions {
  readonly batchMessages: number;
  readonly batchMs: number;
  readonly compressionLevel: number;
  /** Gathered messages past which collectors are asked to pause reading (default 20 batches). */
  readonly maxPending?: number;
  /** How often the spool is tried again while the database is away (default 1 s). */
  readonly retryMs?: number;
}

export interface WriterMetrics {
  messages: number;
  batches: number;
  spooledBatches: number;
  droppedMessages: number;
  spoolBytes: number;
}

export class JournalWriter {
  readonly metrics: WriterMetrics = {
    messages: 0,
    batches: 0,
    spooledBatches: 0,
    droppedMessages: 0,
    spoolBytes: 0,
  };
  private pending: { serverId: number; entry: JournalEntry }[] = [];
  private readonly seqs = new Map<number, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private retry: ReturnType<typeof setInterval> | undefined;
  private pressed = false;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly spool: Spool,
    private readonly options: WriterOptions,
    private readonly log: Log,
    /** Told of every batch once it is in the journal, in journal order. */
    private readonly onCommitted: (batches: readonly CommittedBatch[]) => void,
    /** Told to pause (true) or resume (false) reading when gathered messages pile up. */
    private readonly onPressure: (paused: boolean) => void = () => undefined,
  ) {
    this.metrics.spoolBytes = spool.bytes;
    if (!spool.empty) this.startRetry();
  }

  /** Sequence numbers continue from what the journal already holds for the server. */
  async register(serverId: number): Promise<void> {
    if (!this.seqs.has(serverId)) this.seqs.set(serverId, await this.store.lastSeq(serverId));
  }

  /** One message as received; the bytes are copied. */
  add(serverId: number, bytes: Uint8Array, receivedAt: number): void {
    if (this.closed) return;
    const seq = (this.seqs.get(serverId) ?? 0) + 1;
    this.seqs.set(serverId, seq);
    this.pending.push({ serverId, entry: { seq, receivedAt, bytes: bytes.slice() } });
    this.metrics.messages++;
    if (this.pending.length >= this.options.batchMessages) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.batchMs);
    const max = this.options.maxPending ?? this.options.batchMessages * 20;
    if (!this.pressed && this.pending.length > max) {
      this.pressed = true;
      this.onPressure(true);
    }
  }

  /** Writes what is gathered now; resolves when it is in the journal (or the spool). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing
      .then(() => this.write())
      .catch((error: unknown) => {
        this.log.error({ err: error }, 'journal write failed');
      });
    return this.flushing;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    clearInterval(this.retry);
    await this.flushing;
  }

  private async write(): Promise<void> {
    if (this.pending.length === 0) return;
    const taken = this.pending;
    this.pending = [];
    if (this.pressed) {
      this.pressed = false;
      this.onPressure(false);
    }
    const batches = toBatches(taken);
    if (this.spool.empty) {
      try {
        const ids = await this.store.appendJournal(batches, this.options.compressionLevel);
        this.metrics.batches += batches.length;
        this.onCommitted(
          batches.map((b, i) => ({ id: ids[i] ?? 0, serverId: b.serverId, entries: b.entries })),
        );
        return;
      } catch (error) {
        this.log.warn(
          { err: error },
          'the database refuses journal writes: keeping batches in the spool',
        );
      }
    }
    for (const b of batches) {
      if (this.spool.put(b, this.options.compressionLevel)) {
        this.metrics.spooledBatches++;
      } else {
        this.metrics.droppedMessages += b.entries.length;
        this.log.error(
          { server: b.serverId, messages: b.entries.length, spoolBytes: this.spool.bytes },
          'THE SPOOL IS FULL: AMI messages are being dropped until the database is back',
        );
      }
    }
    this.metrics.spoolBytes = this.spool.bytes;
    this.startRetry();
  }

  private startRetry(): void {
    if (this.retry !== undefined) return;
    this.retry = setInterval(() => {
      this.flushing = this.flushing.then(() => this.drainSpool());
    }, this.options.retryMs ?? 1000);
  }

  /** Moves spooled batches into the journal, oldest first. */
  private async drainSpool(): Promise<void> {
    for (;;) {
      const items = this.spool.peek(50);
      if (items.length === 0) break;
      try {
        const ids = await this.store.appendJournal(
          items.map((i) => i.batch),
          this.options.compressionLevel,
        );
        this.spool.remove(items.map((i) => i.file));
        this.metrics.batches += items.length;
        this.metrics.spoolBytes = this.spool.bytes;
        this.onCommitted(
          items.map((it, i) => ({
            id: ids[i] ?? 0,
            serverId: it.batch.serverId,
            entries: it.batch.entries,
          })),
        );
      } catch {
        return; // still away; try again later
      }
    }
    clearInterval(this.retry);
    this.retry = undefined;
    this.log.info({}, 'the spool is drained: journal writes go to the database again');
  }
}

/** Gathered messages as one batch per server, in the order their first message came. */
function toBatches(taken: readonly { serverId: number; entry: JournalEntry }[]): JournalBatch[] {
  const byServer = new Map<number, JournalEntry[]>();
  for (const t of taken) {
    const list = byServer.get(t.serverId);
    if (list) list.push(t.entry);
    else byServer.set(t.serverId, [t.entry]);
  }
  return [...byServer.entries()].map(([serverId, entries]) => ({ serverId, entries }));
}
