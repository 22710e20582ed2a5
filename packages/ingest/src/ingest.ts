// The running ingest: a collector per configured server, the journal writer
// with its spool, the tracker over the journal, journal retention.

import type { Config } from '@callboard/config';
import { Store } from '@callboard/store';
import type { Effect, LiveEffect } from '@callboard/tracker';
import { clientActions, type AmiActions } from './actions.js';
import { Collector } from './collector.js';
import { readTrackerDirectory } from './directory.js';
import type { Log } from './log.js';
import { Processor, type ProcessorMetrics, type ProcessorOptions } from './processor.js';
import { Spool } from './spool.js';
import { JournalWriter, type WriterMetrics } from './writer.js';

export interface IngestOptions {
  /** Live changes (queue callers, operator states, calls in progress, calls finished). */
  readonly onLive?: (effects: readonly Effect[]) => void;
  /** Calls and intervals once they are stored. */
  readonly onStored?: ProcessorOptions['onStored'];
  /** The wall clock (default Date.now). */
  readonly now?: () => number;
}

export interface IngestMetrics {
  readonly servers: Record<string, Collector['metrics']>;
  readonly journal: WriterMetrics;
  readonly tracker: ProcessorMetrics;
  /** Messages journaled but not yet through the tracker. */
  readonly lag: number;
}

const IDLE_TICK_MS = 1000;
const RETENTION_TICK_MS = 3600_000;

export class Ingest {
  private idleTimer: ReturnType<typeof setInterval> | undefined;
  private retentionTimer: ReturnType<typeof setInterval> | undefined;
  private lastMessages = -1;

  private constructor(
    readonly store: Store,
    private readonly writer: JournalWriter,
    private readonly processor: Processor,
    readonly collectors: readonly Collector[],
    private readonly config: Config,
    private readonly log: Log,
  ) {}

  static async start(config: Config, log: Log, options: IngestOptions = {}): Promise<Ingest> {
    const store = await Store.open({ url: config.database.url, dataDir: config.database.data });
    for (const s of config.stations) await store.station(s.name, s.timezone);
    const ids = new Map<string, number>();
    for (const s of config.servers)
      ids.set(
        s.name,
        await store.server(s.name, s.station, { host: s.host, port: s.port, username: s.username }),
      );
    // The directory speaks for every station.
    if (config.operators.length > 0)
      for (const s of config.stations) await store.directory(s.name, config.operators);
    // The operators as the database has them: the file's, and the API's edits since.
    const directory = await readTrackerDirectory(store);
    const processor = await Processor.start(
      store,
      directory.length > 0 ? { ...config.tracker, directory } : config.tracker,
      {
        ...(options.onLive ? { onLive: options.onLive } : {}),
        ...(options.onStored ? { onStored: options.onStored } : {}),
      },
      log,
    );
    const collectors: Collector[] = [];
    const writer = new JournalWriter(
      store,
      new Spool(config.spool.dir, config.spool.maxBytes),
      config.journal,
      log,
      (batches) => processor.offer(batches),
      (paused) => {
        for (const c of collectors) {
          if (paused) c.client.pause();
          else c.client.resume();
        }
        if (paused) log.warn({}, 'the journal is behind: reading from Asterisk paused');
      },
    );
    for (const s of config.servers) {
      const id = ids.get(s.name) ?? 0;
      await writer.register(id);
      collectors.push(
        new Collector(
          s.name,
          id,
          {
            host: s.host,
            port: s.port,
            username: s.username,
            secret: s.secret.reveal(),
            tls: s.tls,
            auth: s.auth,
          },
          writer,
          log,
          options.now,
        ),
      );
    }
    const ingest = new Ingest(store, writer, processor, collectors, config, log);
    for (const c of collectors) {
      c.start().catch((error: unknown) =>
        log.error(
          { server: c.server, err: error },
          'AMI connection failed; this server is not collected',
        ),
      );
    }
    ingest.idleTimer = setInterval(() => ingest.tick(), IDLE_TICK_MS);
    ingest.retentionTimer = setInterval(() => void ingest.prune(), RETENTION_TICK_MS);
    void ingest.prune();
    return ingest;
  }

  /** Actions on Asterisk, each through the collector of the server it names. */
  actions(): AmiActions {
    return clientActions(new Map(this.collectors.map((c) => [c.server, c.client])));
  }

  /** What is live now (Tracker.live); `onLive` carries the changes that follow. */
  live(): LiveEffect[] {
    return this.processor.live();
  }

  /** The directory's operators changed (through the API): the running tracker takes them. */
  async reloadDirectory(): Promise<void> {
    await this.processor.setDirectory(await readTrackerDirectory(this.store));
  }

  get metrics(): IngestMetrics {
    const journal = this.writer.metrics;
    const tracker = this.processor.metrics;
    return {
      servers: Object.fromEntries(this.collectors.map((c) => [c.server, c.metrics])),
      journal,
      tracker,
      lag: Math.max(0, journal.messages - tracker.messages),
    };
  }

  /** When nothing has come for a second, time still passes for the tracker (calls finish their grace). */
  private tick(): void {
    const messages = this.writer.metrics.messages;
    if (messages === this.lastMessages) this.processor.idle(IDLE_TICK_MS);
    this.lastMessages = messages;
  }

  private async prune(): Promise<void> {
    try {
      const cutoff = new Date(Date.now() - this.config.journal.retentionDays * 86_400_000);
      const processed = (await this.store.checkpoint('tracker'))?.position ?? 0;
      const n = await this.store.pruneJournal(cutoff, processed);
      if (n > 0) this.log.info({ batches: n, before: cutoff.toISOString() }, 'journal retention');
    } catch (error) {
      this.log.warn({ err: error }, 'journal retention failed');
    }
  }

  /** Stops collecting, writes what is gathered, stores a last checkpoint, closes the database. */
  async stop(): Promise<void> {
    clearInterval(this.idleTimer);
    clearInterval(this.retentionTimer);
    await Promise.all(this.collectors.map((c) => c.stop()));
    await this.writer.close();
    await this.processor.close();
    await this.store.close();
  }
}
