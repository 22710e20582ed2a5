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

import { AmiMessage } from '@callboard/ami';
import type { JournalBatch, JournalEntry, Store } from '@callboard/store';
import { Copies } from './copies.js';
import type { Log } from './log.js';
import type { Spool } from './spool.js';

/**
 * A journal entry as this process received it: with the message the
 * collector parsed from its bytes, so the tracker need not read them
 * again. Entries read back from the journal or the spool have none.
 */
export interface ReceivedEntry extends JournalEntry {
  readonly message?: AmiMessage;
}

export interface CommittedBatch {
  readonly id: number;
  readonly serverId: number;
  readonly entries: readonly ReceivedEntry[];
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
  private pending: { serverId: number; entry: ReceivedEntry }[] = [];
  private readonly seqs = new Map<number, number>();
  private readonly copies = new Copies();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** A write is queued behind the one under way and has not taken the pending messages yet. */
  private flushQueued = false;
  private retry: ReturnType<typeof setInterval> | undefined;
  private draining: Promise<void> | undefined;
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

  /**
   * Sequence numbers continue from what the journal and the spool (batches
   * a previous process could not write) already hold for the server.
   */
  async register(serverId: number): Promise<void> {
    if (!this.seqs.has(serverId))
      this.seqs.set(
        serverId,
        Math.max(await this.store.lastSeq(serverId), this.spool.lastSeq(serverId)),
      );
  }

  /**
   * One message as received: parsed, or its bytes. Bytes are copied. A
   * parsed message is kept as it is, with its entry, for the tracker: the
   * parser never changes bytes it has read a message from, and a socket
   * hands over a new buffer for every read.
   */
  add(serverId: number, received: AmiMessage | Uint8Array, receivedAt: number): void {
    if (this.closed) return;
    const seq = (this.seqs.get(serverId) ?? 0) + 1;
    this.seqs.set(serverId, seq);
    const entry: ReceivedEntry =
      received instanceof AmiMessage
        ? { seq, receivedAt, bytes: received.bytes, message: received }
        : { seq, receivedAt, bytes: this.copies.copy(received) };
    this.pending.push({ serverId, entry });
    this.metrics.messages++;
    if (this.pending.length >= this.options.batchMessages) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.batchMs);
    const max = this.options.maxPending ?? this.options.batchMessages * 20;
    if (!this.pressed && this.pending.length > max) {
      this.pressed = true;
      this.onPressure(true);
    }
  }

  /**
   * Writes what is gathered now; resolves when it is in the journal (or the
   * spool). While a write is under way at most one more waits behind it,
   * and it takes everything gathered by the time it starts: a burst during
   * a slow write becomes one more write, not a queued write per message.
   */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.flushQueued) return this.flushing;
    this.flushQueued = true;
    this.flushing = this.flushing
      .then(() => {
        this.flushQueued = false;
        return this.write();
      })
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
    await this.draining;
  }

  private async write(): Promise<void> {
    if (this.pending.length === 0) return;
    const taken = this.pending;
    this.pending = [];
    if (this.pressed) {
      this.pressed = false;
      this.onPressure(false);
    }
    const batches = toBatches(taken, Math.max(1, this.options.batchMessages));
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

  /**
   * Tries the spool every `retryMs`, one drain at a time. A drain runs beside
   * the writes, not in their queue: while the database does not answer (a
   * lost network fails a write only after the connect timeout), gathered
   * batches still go to the spool at once. The order holds: a write goes to
   * the database only when the spool is empty, a drain takes the spool's
   * oldest batches, a write while it is not empty goes behind them.
   */
  private startRetry(): void {
    if (this.retry !== undefined) return;
    this.retry = setInterval(() => {
      this.draining ??= this.drainSpool()
        .catch((error: unknown) => this.log.error({ err: error }, 'the spool could not be drained'))
        .finally(() => (this.draining = undefined));
    }, this.options.retryMs ?? 1000);
  }

  /** Moves spooled batches into the journal, oldest first. */
  private async drainSpool(): Promise<void> {
    for (;;) {
      const items = this.spool.peek(50);
      if (items.length === 0) break;
      try {
        const held = await journaledAlready(this.store, items);
        const rest = items.filter((it) => !held.has(it.file));
        const ids = await this.store.appendJournal(
          rest.map((i) => i.batch),
          this.options.compressionLevel,
        );
        rest.forEach((it, i) => held.set(it.file, ids[i] ?? 0));
        this.spool.remove(items.map((i) => i.file));
        this.metrics.batches += items.length;
        this.metrics.spoolBytes = this.spool.bytes;
        this.onCommitted(
          items.map((it) => ({
            id: held.get(it.file) ?? 0,
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

/**
 * The spooled batches the journal holds already, with their journal ids. A
 * write that failed because its connection died may have been committed all
 * the same (the answer was lost, not the write); such a batch is spooled as
 * well, and must not be journaled twice. A server's sequence numbers only
 * grow, so a batch at or below the journal's last one of its server is in.
 */
async function journaledAlready(
  store: Store,
  items: readonly { readonly file: string; readonly batch: JournalBatch }[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const lastOf = (b: JournalBatch): number => b.entries[b.entries.length - 1]?.seq ?? 0;
  for (const serverId of new Set(items.map((i) => i.batch.serverId))) {
    const last = await store.lastSeq(serverId);
    const known = items.filter((i) => i.batch.serverId === serverId && lastOf(i.batch) <= last);
    if (known.length === 0) continue;
    const ids = await store.journalIds(
      serverId,
      known.map((i) => lastOf(i.batch)),
    );
    // One the journal no longer holds (pruned) is in all the same: id 0, which
    // the tracker skips (it has read that far).
    for (const i of known) out.set(i.file, ids.get(lastOf(i.batch)) ?? 0);
  }
  return out;
}

/**
 * Gathered messages as batches per server, in the order their first message
 * came, each of at most `max` messages: when writes fall behind, what piled
 * up meanwhile is still written (in one transaction) as batches of the
 * usual size, which the tracker then takes one at a time.
 */
function toBatches(
  taken: readonly { serverId: number; entry: ReceivedEntry }[],
  max: number,
): { serverId: number; entries: ReceivedEntry[] }[] {
  const byServer = new Map<number, ReceivedEntry[]>();
  for (const t of taken) {
    const list = byServer.get(t.serverId);
    if (list) list.push(t.entry);
    else byServer.set(t.serverId, [t.entry]);
  }
  const out: { serverId: number; entries: ReceivedEntry[] }[] = [];
  for (const [serverId, entries] of byServer)
    for (let i = 0; i < entries.length; i += max)
      out.push({ serverId, entries: entries.slice(i, i + max) });
  return out;
}
