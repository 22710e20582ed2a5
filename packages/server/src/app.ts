// The HTTP application: plugins (cookies, rate limits, OpenAPI), the hooks
// that decide who may do what, the one error mapping, and every route.
// Listening is elsewhere (server.ts): tests and the CLI both start here.

import type { Secret } from '@callboard/config';
import type { AmiActions, Log } from '@callboard/ingest';
import type { Store } from '@callboard/store';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import fastify from 'fastify';
import { clockStore } from './auth/limit-store.js';
import { systemClock, type Clock } from './clock.js';
import type { App, Ctx, LoginLimits } from './context.js';
import { ApiError } from './errors.js';
import { auditTheRest } from './hooks/audit-rest.js';
import { guard, SESSION_COOKIE } from './hooks/guard.js';
import { securityHeaders } from './hooks/headers.js';
import { errorHandler, notFound } from './http-errors.js';
import { metricsRegistry, type MetricsSource } from './metrics.js';
import { ROUTES } from './routes/index.js';
import { LiveHub, type LiveHubOptions } from './live/hub.js';
import { NO_LIVE, type LiveSource } from './live/source.js';
import { MAX_CLIENT_MESSAGE } from './routes/live.js';
import websocket from '@fastify/websocket';
import { serveWebApp } from './web.js';

export interface AppOptions {
  readonly store: Store;
  readonly log: Log;
  readonly clock?: Clock;
  readonly metrics?: MetricsSource;
  readonly metricsToken?: Secret | undefined;
  /** How long a session lasts (default 12 hours). */
  readonly sessionTtlMs?: number;
  readonly limits?: LoginLimits;
  /** The tracker's live changes (the ingest's, through a LiveRelay); without it nothing is live. */
  readonly live?: LiveSource;
  /** The live feed's limits, and its fan-out (the benchmark's baseline). */
  readonly liveOptions?: Pick<LiveHubOptions, 'maxBufferedBytes' | 'recheckMs' | 'fanout'>;
  /** Actions on Asterisk (the ingest's collectors); without it, actions answer 503. */
  readonly actions?: AmiActions;
  /** Told after the directory's operators change, so the running tracker can follow. */
  readonly onDirectoryChange?: () => Promise<void>;
  /** Believe X-Forwarded-For and -Proto (behind a reverse proxy). */
  readonly trustProxy?: boolean;
  /** Serve HTTPS: PEM key and certificate. */
  readonly https?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  /** The web app's built files (packages/web/dist), served at `/` beside the API. */
  readonly webRoot?: string;
}

export const DEFAULT_LIMITS: LoginLimits = {
  perAddress: { max: 20, windowMs: 60_000 },
  perLogin: { max: 5, windowMs: 15 * 60_000 },
};

export async function buildApp(options: AppOptions): Promise<App> {
  const clock = options.clock ?? systemClock;
  const live = new LiveHub(options.live ?? NO_LIVE, {
    store: options.store,
    clock,
    log: options.log,
    ...options.liveOptions,
  });
  const ctx: Ctx = {
    store: options.store,
    clock,
    log: options.log,
    sessionTtlMs: options.sessionTtlMs ?? 12 * 3600_000,
    metricsToken: options.metricsToken,
    registry: metricsRegistry({ ...options.metrics, liveClients: () => live.clients }, clock),
    limits: options.limits ?? DEFAULT_LIMITS,
    live,
    actions: options.actions,
    onDirectoryChange: options.onDirectoryChange,
  };
  const common = {
    logger: false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 64 * 1024,
    // Unknown fields are refused with their name, not silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array' as const } },
  };
  const base = options.https
    ? fastify({ ...common, https: { key: options.https.key, cert: options.https.cert } })
    : fastify(common);
  // Over HTTPS only the raw server differs; routes use the request and reply API, the same on both.
  const app = base.withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  app.decorateRequest('auth', null);
  app.decorateRequest('audited', false);
  await app.register(cookie);
  // Only the routes that ask (`compress: {}`: report data, exports), br or gzip by Accept-Encoding.
  await app.register(compress, { global: false, encodings: ['br', 'gzip'] });
  await app.register(websocket, {
    options: { maxPayload: MAX_CLIENT_MESSAGE },
    // Live sockets close with 1001 (going away), and the hub stops following the tracker.
    preClose: (done) => {
      live.close();
      app.websocketServer.close();
      done();
    },
  });
  await app.register(rateLimit, {
    global: false,
    store: clockStore(clock),
    errorResponseBuilder: (_req, c) =>
      new ApiError('rate_limited', `too many requests: try again in ${c.after}`),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Callboard API', version: '0.1.0' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
      security: [{ session: [] }],
    },
  });
  app.addHook('onRoute', (route) => {
    if (route.config?.access === undefined)
      throw new Error(`${String(route.method)} ${route.url} does not say who may call it`);
  });
  app.addHook('onRequest', guard(ctx));
  app.addHook('onResponse', auditTheRest(ctx));
  app.addHook('onSend', securityHeaders);
  app.setErrorHandler(errorHandler(ctx.log));
  app.setNotFoundHandler(notFound);
  for (const route of ROUTES) route(app, ctx);
  if (options.webRoot !== undefined) await serveWebApp(app, options.webRoot);
  await app.ready();
  return app;
}
