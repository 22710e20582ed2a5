// One collector per server: an AMI connection whose every message goes to
// the journal, stamped with its server and receive time (the writer adds the
// sequence number). Small and boring on purpose.

import { AmiClient, type AmiClientOptions } from '@callboard/ami-client';
import type { Log } from './log.js';
import type { JournalWriter } from './writer.js';

/** What the collector asks after every login, so the tracker can close what vanished meanwhile. */
export const RESYNC_ACTIONS = [
  { Action: 'CoreShowChannels' },
  { Action: 'QueueStatus' },
  { Action: 'DeviceStateList' },
] as const;

export interface CollectorMetrics {
  connected: boolean;
  messages: number;
  protocolErrors: number;
  reconnects: number;
}

export class Collector {
  readonly client: AmiClient;
  readonly metrics: CollectorMetrics = {
    connected: false,
    messages: 0,
    protocolErrors: 0,
    reconnects: 0,
  };

  constructor(
    readonly server: string,
    private readonly serverId: number,
    options: AmiClientOptions,
    writer: JournalWriter,
    log: Log,
    now: () => number = Date.now,
  ) {
    this.client = new AmiClient({ ...options, name: server, resync: RESYNC_ACTIONS, now });
    this.client.on('message', (message, meta) => {
      this.metrics.messages++;
      writer.add(this.serverId, message, meta.receivedAt);
    });
    this.client.on('protocolError', (error) => {
      this.metrics.protocolErrors++;
      log.warn(
        { server, offset: error.offset, code: error.code },
        `bad AMI input skipped: ${error.detail}`,
      );
    });
    this.client.on('connected', (info) => {
      this.metrics.connected = true;
      if (info.connection > 1) this.metrics.reconnects++;
      log.info({ server, banner: info.banner, downSince: info.downSince }, 'AMI connected');
    });
    this.client.on('disconnected', (info) => {
      this.metrics.connected = false;
      log.warn({ server, reason: info.reason, retryInMs: info.reconnectInMs }, 'AMI disconnected');
    });
    this.client.on('warning', (e) => log.warn({ server }, e.message));
  }

  /** Connects; resolves after the first login (a refused login rejects). */
  start(): Promise<void> {
    return this.client.connect();
  }

  stop(): Promise<void> {
    return this.client.close();
  }
}
