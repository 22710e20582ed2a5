// Prometheus metrics, read from the running parts when scraped: the ingest
// (per-server AMI messages and connection state, journal lag and spool,
// tracker in-flight calls) and the live feed's client count. One registry
// per server, so two servers in one process (tests) never share figures.

import type { IngestMetrics } from '@callboard/ingest';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { Clock } from './clock.js';

export interface MetricsSource {
  /** The running ingest's figures; absent when the server runs without one. */
  readonly ingest?: (() => IngestMetrics) | undefined;
  /** WebSocket clients connected to the live feed. */
  readonly liveClients?: (() => number) | undefined;
}

export function metricsRegistry(source: MetricsSource, clock: Clock): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'callboard_' });
  const ingest = (): IngestMetrics | undefined => source.ingest?.();
  const perServer = (
    name: string,
    help: string,
    value: (m: IngestMetrics['servers'][string]) => number,
  ): void => {
    new Counter({
      name,
      help,
      labelNames: ['server'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [server, m] of Object.entries(ingest()?.servers ?? {}))
          this.inc({ server }, value(m));
      },
    });
  };
  perServer('callboard_ami_messages_total', 'AMI messages received', (m) => m.messages);
  perServer('callboard_ami_protocol_errors_total', 'AMI input skipped', (m) => m.protocolErrors);
  perServer('callboard_ami_reconnects_total', 'AMI reconnections', (m) => m.reconnects);

  const last = new Map<string, { at: number; messages: number }>();
  new Gauge({
    name: 'callboard_ami_events_per_second',
    help: 'AMI messages a second since the previous scrape (rate() of callboard_ami_messages_total is the same, smoothed)',
    labelNames: ['server'],
    registers: [registry],
    collect() {
      const now = clock();
      this.reset();
      for (const [server, m] of Object.entries(ingest()?.servers ?? {})) {
        const before = last.get(server);
        const seconds = before ? (now - before.at) / 1000 : 0;
        this.set({ server }, seconds > 0 && before ? (m.messages - before.messages) / seconds : 0);
        last.set(server, { at: now, messages: m.messages });
      }
    },
  });
  new Gauge({
    name: 'callboard_ami_connected',
    help: '1 while the AMI connection to the server is logged in',
    labelNames: ['server'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [server, m] of Object.entries(ingest()?.servers ?? {}))
        this.set({ server }, m.connected ? 1 : 0);
    },
  });
  const gauge = (name: string, help: string, value: () => number | undefined): void => {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const v = value();
        if (v !== undefined) this.set(v);
      },
    });
  };
  gauge(
    'callboard_journal_lag_messages',
    'messages journaled, not yet through the tracker',
    () => ingest()?.lag,
  );
  gauge(
    'callboard_journal_spool_bytes',
    'bytes waiting in the disk spool',
    () => ingest()?.journal.spoolBytes,
  );
  gauge(
    'callboard_journal_dropped_messages',
    'messages dropped by a full spool',
    () => ingest()?.journal.droppedMessages,
  );
  gauge(
    'callboard_tracker_in_flight_calls',
    'calls the tracker holds in memory',
    () => ingest()?.tracker.inFlight,
  );
  gauge(
    'callboard_tracker_calls_stored',
    'finished calls stored since start',
    () => ingest()?.tracker.calls,
  );
  gauge(
    'callboard_websocket_clients',
    'clients of the live feed',
    () => source.liveClients?.() ?? 0,
  );
  return registry;
}
