// What every route is given: the Fastify instance typed with TypeBox, and
// the server's parts (store, clock, log, settings). Route configs say who
// may call them (`access`); requests carry who is calling (`auth`).

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Secret } from '@callboard/config';
import type { AmiActions, Log } from '@callboard/ingest';
import type { Role, Session, Store, User } from '@callboard/store';
import type {} from '@fastify/cookie';
import type {} from '@fastify/rate-limit';
import type {} from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { Registry } from 'prom-client';
import type { Clock } from './clock.js';
import type { LiveHub } from './live/hub.js';

/** Who may call a route: anyone, anyone signed in, or the roles listed. */
export type Access = 'public' | 'signed-in' | readonly Role[];

export interface Auth {
  readonly user: User;
  readonly session: Session;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** `metrics`: a bearer token equal to `server.metricsToken` is let in as well. */
    bearer?: 'metrics';
  }
  interface FastifyRequest {
    auth: Auth | null;
    /** The handler wrote its own audit entry. */
    audited: boolean;
  }
}

export interface LoginLimits {
  /** Login requests from one address in a window. */
  readonly perAddress: { readonly max: number; readonly windowMs: number };
  /** Failed logins of one login name in a window; then it waits out the window. */
  readonly perLogin: { readonly max: number; readonly windowMs: number };
}

export interface Ctx {
  readonly store: Store;
  readonly clock: Clock;
  readonly log: Log;
  readonly sessionTtlMs: number;
  readonly metricsToken: Secret | undefined;
  readonly registry: Registry;
  readonly limits: LoginLimits;
  /** The live feed's connections (routes/live.ts). */
  readonly live: LiveHub;
  /** Actions on Asterisk through the collectors; undefined when there are none. */
  readonly actions: AmiActions | undefined;
  readonly onDirectoryChange: (() => Promise<void>) | undefined;
}

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
