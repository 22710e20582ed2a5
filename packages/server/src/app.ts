// The HTTP application: plugins (cookies, rate limits, OpenAPI), the hooks
// that decide who may do what, the one error mapping, and every route.
// Listening is elsewhere (server.ts): tests and the CLI both start here.

import type { Secret } from '@callboard/config';
import type { Log } from '@callboard/ingest';
import type { Store } from '@callboard/store';
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

export interface AppOptions {
  readonly store: Store;
  readonly log: Log;
  readonly clock?: Clock;
  readonly metrics?: MetricsSource;
  readonly metricsToken?: Secret | undefined;
  /** How long a session lasts (default 12 hours). */
  readonly sessionTtlMs?: number;
  readonly limits?: LoginLimits;
  /** Believe X-Forwarded-For and -Proto (behind a reverse proxy). */
  readonly trustProxy?: boolean;
  /** Serve HTTPS: PEM key and certificate. */
  readonly https?: { readonly key: string | Buffer; readonly cert: string | Buffer };
}

export const DEFAULT_LIMITS: LoginLimits = {
  perAddress: { max: 20, windowMs: 60_000 },
  perLogin: { max: 5, windowMs: 15 * 60_000 },
};

export async function buildApp(options: AppOptions): Promise<App> {
  const clock = options.clock ?? systemClock;
  const ctx: Ctx = {
    store: options.store,
    clock,
    log: options.log,
    sessionTtlMs: options.sessionTtlMs ?? 12 * 3600_000,
    metricsToken: options.metricsToken,
    registry: metricsRegistry(options.metrics ?? {}, clock),
    limits: options.limits ?? DEFAULT_LIMITS,
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
  await app.ready();
  return app;
}
