// The RBAC matrix: every route × every kind of caller → the status it gets,
// from one table; and for the data a caller is given, no row outside their
// scope. On PGlite and PostgreSQL, over a real socket.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '@callboard/tracker';
import { DATABASE_KINDS } from '../../../test/support/databases.js';
import { ANN, BOB, GUARD } from './fixtures.js';
import {
  Harness,
  PASSWORD,
  PRINCIPALS,
  type Answer,
  type Client,
  type Principal,
} from './harness.js';

type Statuses = Record<Principal, number>;

const every = (status: number): Statuses =>
  Object.fromEntries(PRINCIPALS.map((p) => [p, status])) as Statuses;
const signedIn = (status: number): Statuses => ({ ...every(status), anonymous: 401 });
const adminOnly = (status: number): Statuses => ({ ...every(403), anonymous: 401, admin: status });

interface Row {
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly path: (h: Harness) => string;
  readonly body?: (who: Principal) => unknown;
  readonly expect: Statuses;
  /** The request ends the session: give it a session of its own. */
  readonly ownSession?: boolean;
  /** What an allowed answer may hold. */
  readonly check?: (who: Principal, answer: Answer) => void;
}

/** The calls each caller may see, by fixture name (see calls.ts). */
const VISIBLE: Record<Principal, string[]> = {
  anonymous: [],
  operator: ['both', 'evil', 'guard-queue', 'support'],
  'sup-in': ['both', 'evil', 'guard-queue', 'support'],
  'sup-out': [],
  'sup-noright': ['both', 'evil', 'guard-queue', 'support'],
  admin: ['both', 'evil', 'guard-queue', 'sales', 'support'],
};

function callsIn(answer: Answer): CallRecord[] {
  return (answer.json as { calls: CallRecord[] }).calls;
}

/** No row outside the caller's scope, and exactly the calls they may see. */
function checkCalls(queue?: 'support') {
  return (who: Principal, answer: Answer): void => {
    const calls = callsIn(answer);
    // Every fixture call but "sales" visited support.
    const expected = VISIBLE[who].filter((n) => queue === undefined || n !== 'sales');
    expect(calls.map((c) => c.id.split('/').pop() ?? '').sort()).toEqual(expected);
    for (const c of calls) {
      const text = JSON.stringify(c);
      expect(text).not.toContain(GUARD);
      if (who === 'operator') {
        expect(text).toContain(ANN);
        expect(text).not.toContain(BOB);
      }
      if (who.startsWith('sup-')) {
        expect(c.queueVisits.map((v) => v.queue)).toEqual(['support']);
        expect(text).not.toContain(BOB);
        expect(c.attrs.channels).toEqual([]);
      }
    }
  };
}

const ROWS: Record<string, Row> = {
  'GET /api/health': { method: 'GET', path: () => '/api/health', expect: every(200) },
  'GET /api/openapi.json': { method: 'GET', path: () => '/api/openapi.json', expect: every(200) },
  'POST /api/login': {
    method: 'POST',
    path: () => '/api/login',
    body: (who) => ({ login: who === 'anonymous' ? 'nobody' : who, password: PASSWORD }),
    expect: { ...every(200), anonymous: 401 },
    ownSession: true,
    check: (who, a) => expect((a.json as { user: { login: string } }).user.login).toBe(who),
  },
  'POST /api/logout': {
    method: 'POST',
    path: () => '/api/logout',
    expect: signedIn(204),
    ownSession: true,
  },
  'GET /api/me': {
    method: 'GET',
    path: () => '/api/me',
    expect: signedIn(200),
    check: (who, a) => expect((a.json as { user: { login: string } }).user.login).toBe(who),
  },
  'GET /metrics': { method: 'GET', path: () => '/metrics', expect: adminOnly(200) },
  'GET /api/calls': {
    method: 'GET',
    path: () => '/api/calls',
    expect: signedIn(200),
    check: checkCalls(),
  },
  'GET /api/calls?queue=support': {
    method: 'GET',
    path: () => '/api/calls?queue=support',
    expect: { ...signedIn(200), 'sup-out': 403 },
    check: checkCalls('support'),
  },
  'GET /api/calls?queue=sales': {
    method: 'GET',
    path: () => '/api/calls?queue=sales',
    expect: { ...signedIn(403), operator: 200, admin: 200 },
    check: (who, a) =>
      expect(callsIn(a).map((c) => c.id.split('/').pop())).toEqual(
        who === 'admin' ? ['sales', 'both'] : [],
      ),
  },
  'GET /api/users': { method: 'GET', path: () => '/api/users', expect: adminOnly(200) },
  'POST /api/users': {
    method: 'POST',
    path: () => '/api/users',
    body: (who) => ({
      login: `made-by-${who}`,
      role: 'supervisor',
      queues: ['support'],
      password: PASSWORD,
    }),
    expect: adminOnly(201),
  },
  'PATCH /api/users/:id': {
    method: 'PATCH',
    path: (h) => `/api/users/${h.ids['sup-out']}`,
    body: (who) => ({ displayName: `renamed by ${who}` }),
    expect: adminOnly(200),
  },
};

describe.each(DATABASE_KINDS)('RBAC matrix on %s', (kind) => {
  let h: Harness;
  const clients = new Map<Principal, Client>();

  beforeAll(async () => {
    h = await Harness.start(kind);
    for (const who of PRINCIPALS) clients.set(who, await h.as(who));
  });
  afterAll(async () => {
    await h.close();
  });

  const cells = Object.entries(ROWS).flatMap(([route, row]) =>
    PRINCIPALS.map((who) => ({ route, row, who, status: row.expect[who] })),
  );

  it.each(cells)('$route as $who → $status', async ({ row, who, status }) => {
    const client = row.ownSession ? await h.as(who) : clients.get(who);
    if (!client) throw new Error(`no client for ${who}`);
    const answer = await client.send(row.method, row.path(h), row.body?.(who));
    expect(answer.status, answer.text).toBe(status);
    if (status >= 400)
      expect((answer.json as { error: { code: string } }).error.code).toMatch(/\w/);
    else row.check?.(who, answer);
  });

  it('changed nothing for the callers it refused', async () => {
    const users = await h.store.users.list();
    expect(users.filter((u) => u.login.startsWith('made-by-')).map((u) => u.login)).toEqual([
      'made-by-admin',
    ]);
    expect(users.find((u) => u.login === 'sup-out')?.displayName).toBe('renamed by admin');
  });
});
