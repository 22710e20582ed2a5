// A real server on a real socket over a fresh database (PGlite or
// PostgreSQL), with the fixture calls stored, one user of each kind, a
// clock the test moves, and a fetch client that keeps its cookie and CSRF
// token as a browser would.

import type { AddressInfo } from 'node:net';
import { silentLog } from '@callboard/ingest';
import { buildApp, type AppOptions, type LoginLimits } from '@callboard/server';
import { Store, type Right, type Role } from '@callboard/store';
import { fresh, type TestDatabase } from '../../../test/support/databases.js';
import { testCalls } from './calls.js';
import { ANN, DIRECTORY, STATION } from './fixtures.js';

export const PASSWORD = 'correct horse battery';

/** Who calls, in the RBAC matrix. */
export const PRINCIPALS = [
  'anonymous',
  'operator',
  'sup-in',
  'sup-out',
  'sup-noright',
  'admin',
] as const;
export type Principal = (typeof PRINCIPALS)[number];

const USERS: Record<
  Exclude<Principal, 'anonymous'>,
  { role: Role; queues?: string[]; rights?: Right[] }
> = {
  operator: { role: 'operator' },
  'sup-in': {
    role: 'supervisor',
    queues: ['support'],
    rights: ['change-membership', 'pause-others', 'listen-recordings'],
  },
  'sup-out': {
    role: 'supervisor',
    queues: ['billing'],
    rights: ['change-membership', 'pause-others', 'listen-recordings'],
  },
  'sup-noright': { role: 'supervisor', queues: [`${STATION}/support`] },
  admin: { role: 'admin' },
};

export const LOOSE_LIMITS: LoginLimits = {
  perAddress: { max: 10_000, windowMs: 60_000 },
  perLogin: { max: 10_000, windowMs: 60_000 },
};

export class TestClock {
  now = Date.UTC(2026, 2, 2, 12);
  readonly read = (): number => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
  /** The body as it came (report data is binary: Arrow IPC, XLSX). */
  readonly bytes: Uint8Array;
}

export class Client {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(readonly base: string) {}

  async send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('callboard_session='));
    if (set) this.cookie = set.split(';')[0];
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json, bytes };
  }

  async login(login: string, password = PASSWORD): Promise<Answer> {
    const a = await this.send('POST', '/api/login', { login, password });
    const token = (a.json as { csrfToken?: unknown } | undefined)?.csrfToken;
    if (typeof token === 'string') this.csrf = token;
    return a;
  }
}

export class Harness {
  private constructor(
    readonly store: Store,
    readonly url: string,
    readonly clock: TestClock,
    readonly ids: Record<Exclude<Principal, 'anonymous'>, number>,
    private readonly stop: () => Promise<void>,
  ) {}

  static async start(
    kind: 'pglite' | 'postgres',
    options: Partial<AppOptions> = {},
  ): Promise<Harness> {
    const database: TestDatabase = await fresh(kind);
    const store = await Store.open({ url: database.url });
    await store.station(STATION);
    await store.directory(STATION, DIRECTORY);
    await store.writeDerived({ calls: testCalls(), intervals: [] });
    const ann = (await store.operatorRefs()).find((o) => o.key === ANN);
    const clock = new TestClock();
    const ids = {} as Record<Exclude<Principal, 'anonymous'>, number>;
    const { hashPassword } = await import('@callboard/server');
    const hash = await hashPassword(PASSWORD);
    for (const [login, u] of Object.entries(USERS)) {
      const user = await store.users.add(
        {
          login,
          displayName: login,
          passwordHash: hash,
          role: u.role,
          operatorId: u.role === 'operator' ? (ann?.id ?? null) : null,
          queues: u.queues ?? [],
          rights: u.rights ?? [],
        },
        new Date(clock.now),
      );
      if (user) ids[login as Exclude<Principal, 'anonymous'>] = user.id;
    }
    const app = await buildApp({
      store,
      log: silentLog,
      clock: clock.read,
      limits: LOOSE_LIMITS,
      ...options,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    return new Harness(store, `http://127.0.0.1:${port}`, clock, ids, async () => {
      await app.close();
      await store.close();
      await database.drop();
    });
  }

  client(): Client {
    return new Client(this.url);
  }

  /** A client signed in as the principal (anonymous: not signed in). */
  async as(who: Principal): Promise<Client> {
    const c = this.client();
    if (who !== 'anonymous') {
      const a = await c.login(who);
      if (a.status !== 200) throw new Error(`login ${who}: ${a.status} ${a.text}`);
    }
    return c;
  }

  close(): Promise<void> {
    return this.stop();
  }
}
