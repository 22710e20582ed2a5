// The server as `callboard start` runs it: from the configuration's
// `server` section, over the ingest's store. Listens, then makes the first
// admin when there is no user.

import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Config } from '@callboard/config';
import type { Log } from '@callboard/ingest';
import type { Store } from '@callboard/store';
import { buildApp, type AppOptions } from './app.js';
import { ensureFirstAdmin, type FirstAdmin } from './auth/first-admin.js';
import { systemClock, type Clock } from './clock.js';
import type { App } from './context.js';
import type { MetricsSource } from './metrics.js';

export interface RunningServer {
  /** Where to reach it: a wildcard host is shown as 127.0.0.1. */
  readonly url: string;
  readonly app: App;
  /** Set on the first start only. */
  readonly firstAdmin: FirstAdmin | undefined;
  close(): Promise<void>;
}

export interface ServeParts {
  readonly store: Store;
  readonly log: Log;
  readonly metrics?: MetricsSource;
  readonly clock?: Clock;
  readonly options?: Partial<AppOptions>;
}

export async function serve(config: Config, parts: ServeParts): Promise<RunningServer> {
  const clock = parts.clock ?? systemClock;
  const s = config.server;
  const app = await buildApp({
    store: parts.store,
    log: parts.log,
    clock,
    ...(parts.metrics ? { metrics: parts.metrics } : {}),
    metricsToken: s.metricsToken,
    trustProxy: s.trustProxy,
    ...(s.tls ? { https: { cert: readFileSync(s.tls.cert), key: readFileSync(s.tls.key) } } : {}),
    ...parts.options,
  });
  try {
    await app.listen({ host: s.host, port: s.port });
  } catch (error) {
    await app.close();
    throw error;
  }
  // After listening: a start that cannot listen makes no admin whose password nobody saw.
  const firstAdmin = await ensureFirstAdmin(parts.store, clock, s.adminPassword);
  const address = app.server.address() as AddressInfo;
  const host = ['0.0.0.0', '::'].includes(s.host) ? '127.0.0.1' : s.host;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${s.tls ? 'https' : 'http'}://${shown}:${address.port}`,
    app,
    firstAdmin,
    close: () => app.close(),
  };
}
