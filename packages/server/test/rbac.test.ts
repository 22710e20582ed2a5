// The RBAC matrix: every route × every kind of caller → the status it gets,
// from one table; and for the data a caller is given, no row outside their
// scope. On PGlite and PostgreSQL, over a real socket.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '@callboard/tracker';
import { DATABASE_KINDS } from '../../../test/support/databases.js';
import { LiveRelay, type LiveChange, type SnapshotMessage } from '@callboard/server';
import { ANN, at, BOB, GUARD } from './fixtures.js';
import {
  Harness,
  PASSWORD,
  PRINCIPALS,
  type Answer,
  type Client,
  type Principal,
} from './harness.js';
import {
  ACTION_ROWS,
  DIRECTORY_ROWS,
  directoryFixture,
  directoryUnchanged,
} from './rbac-directory.js';
import { REPORT_ROWS } from './rbac-report.js';
import { isDelta, isSnapshot, LiveClient } from './live-client.js';
import { livePicture, liveRound, SALES_NUMBERS, SUPPORT_NUMBERS } from './live-fixture.js';

type Statuses = Record<Principal, number>;

const every = (status: number): Statuses =>
  Object.fromEntries(PRINCIPALS.map((p) => [p, status])) as Statuses;
const signedIn = (status: number): Statuses => ({ ...every(status), anonymous: 401 });
const adminOnly = (status: number): Statuses => ({ ...every(403), anonymous: 401, admin: status });

interface Row {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
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
  'GET /api/calls/:id (support)': {
    method: 'GET',
    path: () => `/api/calls/${encodeURIComponent('main/pbx1/support')}`,
    // Outside the view a call is not found, as if it did not exist.
    expect: { ...signedIn(200), 'sup-out': 404 },
    check: (who, a) => {
      const call = (a.json as { call: CallRecord }).call;
      expect(call.id).toBe('main/pbx1/support');
      if (who !== 'admin') expect(JSON.stringify(call)).not.toContain(BOB);
      if (who.startsWith('sup-')) expect(call.attrs.channels).toEqual([]);
    },
  },
  'GET /api/calls/:id (sales)': {
    method: 'GET',
    path: () => `/api/calls/${encodeURIComponent('main/pbx1/sales')}`,
    expect: { ...signedIn(404), admin: 200 },
  },
  'GET /api/report/meta': {
    method: 'GET',
    path: () => '/api/report/meta',
    expect: { ...signedIn(200), operator: 403 },
    check: (who, a) => {
      const meta = a.json as {
        queues: { station: string; name: string }[];
        operators: { operator: string }[];
      };
      const names = meta.queues.map((q) => q.name);
      const operators = meta.operators.map((o) => o.operator);
      if (who === 'sup-out') expect(names).toEqual([]);
      else if (who !== 'admin') expect(names).toEqual(['support']);
      else expect(names).toContain('sales');
      // The monitored operators of the stations in view; the guard (not monitored) never.
      if (who === 'sup-out') expect(operators).toEqual([]);
      else expect(operators).toEqual(expect.arrayContaining([ANN, BOB]));
      expect(operators).not.toContain(GUARD);
    },
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
  ...ACTION_ROWS,
  ...DIRECTORY_ROWS,
  ...REPORT_ROWS,
};

/**
 * The live feed (WebSocket /api/live) × every caller: the upgrade's answer,
 * and what the snapshot (queues, operators, calls of live-fixture.ts) and a
 * round of changes (`kind name`) hold.
 */
interface LiveRow {
  readonly status: 101 | 401;
  readonly queues: readonly string[];
  readonly operators: readonly string[];
  readonly calls: readonly string[];
  readonly changes: readonly string[];
}

const SUPPORT_VIEW: LiveRow = {
  status: 101,
  queues: ['support'],
  operators: [ANN, BOB],
  calls: ['live-both', 'live-support', 'live-support-wait'],
  changes: [
    'call live-support-2',
    'waiting support',
    'waiting-left support',
    'call-ended live-support-2',
    `operator ${ANN}`,
  ],
};

const LIVE: Record<Principal, LiveRow> = {
  anonymous: { status: 401, queues: [], operators: [], calls: [], changes: [] },
  operator: {
    status: 101,
    queues: [],
    operators: [ANN],
    calls: ['live-support'],
    changes: [`operator ${ANN}`],
  },
  'sup-in': SUPPORT_VIEW,
  'sup-noright': SUPPORT_VIEW,
  'sup-out': {
    status: 101,
    queues: [],
    operators: [ANN, BOB],
    calls: [],
    changes: [`operator ${ANN}`],
  },
  admin: {
    status: 101,
    queues: ['sales', 'support'],
    operators: [ANN, BOB],
    calls: ['live-both', 'live-sales', 'live-sales-wait', 'live-support', 'live-support-wait'],
    changes: [
      'call live-sales-2',
      'waiting sales',
      'call live-support-2',
      'waiting support',
      'waiting-left sales',
      'call-ended live-sales-2',
      'waiting-left support',
      'call-ended live-support-2',
      `operator ${ANN}`,
    ],
  },
};

const tail = (id: string): string => id.split('/').pop() ?? '';

function describeChange(c: LiveChange): string {
  switch (c.kind) {
    case 'waiting':
    case 'waiting-left':
      return `${c.kind} ${c.queue}`;
    case 'operator':
      return `operator ${c.operator}`;
    case 'call':
      return `call ${tail(c.call.id)}`;
    case 'call-ended':
      return `call-ended ${tail(c.id)}`;
  }
}

function checkLiveText(who: Principal, text: string): void {
  if (who !== 'anonymous') expect(text).not.toContain(GUARD);
  if (who !== 'admin') for (const n of SALES_NUMBERS) expect(text).not.toContain(n);
  if (who === 'operator' || who === 'sup-out') {
    for (const n of SUPPORT_NUMBERS) expect(text).not.toContain(n);
    expect(text).not.toContain('"support"');
  }
}

describe.each(DATABASE_KINDS)('RBAC matrix on %s', (kind) => {
  let h: Harness;
  const clients = new Map<Principal, Client>();
  const relay = new LiveRelay().from(livePicture);

  beforeAll(async () => {
    h = await Harness.start(kind, { live: relay });
    for (const who of PRINCIPALS) clients.set(who, await h.as(who));
    await directoryFixture(h);
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

  it.each(PRINCIPALS.map((who, i) => ({ who, i, status: LIVE[who].status })))(
    'WS /api/live as $who → $status',
    async ({ who, i }) => {
      const row = LIVE[who];
      const opened = await LiveClient.open(h.url, clients.get(who)?.cookie);
      if (opened.kind === 'refused') {
        expect(opened.status).toBe(row.status);
        return;
      }
      expect(row.status).toBe(101);
      const c = opened.client;
      const snap: SnapshotMessage = await c.next(isSnapshot);
      expect(snap.queues.map((q) => q.queue)).toEqual(row.queues);
      expect(snap.operators.map((o) => o.operator)).toEqual(row.operators);
      expect(snap.calls.map((call) => tail(call.id))).toEqual(row.calls);
      const both = snap.calls.find((call) => tail(call.id) === 'live-both');
      if (who.startsWith('sup-') && both)
        expect(both).toMatchObject({ queues: ['support'], operators: [], answeredAt: null });

      const marker = at(30 + i);
      for (const e of liveRound(marker)) relay.push([e]);
      await c.next(
        (m): m is typeof m =>
          isDelta(m) &&
          m.changes.some(
            (ch) => ch.kind === 'operator' && ch.operator === ANN && ch.since === marker,
          ),
      );
      const deltas = c.messages.filter(isDelta);
      expect(deltas.flatMap((d) => d.changes).map(describeChange)).toEqual(row.changes);
      let seq = snap.seq;
      for (const d of deltas) {
        expect(d.seq).toBeGreaterThan(seq);
        seq = d.seq;
      }
      for (const text of c.texts) checkLiveText(who, text);
      c.close();
    },
  );

  it('changed nothing for the callers it refused', async () => {
    const users = await h.store.users.list();
    expect(users.filter((u) => u.login.startsWith('made-by-')).map((u) => u.login)).toEqual([
      'made-by-admin',
    ]);
    expect(users.find((u) => u.login === 'sup-out')?.displayName).toBe('renamed by admin');
    await directoryUnchanged(h);
  });
});
