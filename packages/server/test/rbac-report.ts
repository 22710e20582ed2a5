// The RBAC matrix's rows for report data and exports: admins and
// supervisors only, and in what a caller is given — decoded from the Arrow
// — no row outside their scope: a supervisor sees only their queues (a call
// that visited another queue cut to the visible part), nobody sees the
// operator who is not monitored.

import { tableFromIPC } from 'apache-arrow';
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import { BOB, GUARD, STATION } from './fixtures.js';
import { PRINCIPALS, type Answer, type Harness, type Principal } from './harness.js';

type Statuses = Record<Principal, number>;

interface MatrixRow {
  readonly method: 'GET';
  readonly path: (h: Harness) => string;
  readonly expect: Statuses;
  readonly check?: (who: Principal, answer: Answer) => void;
}

/** Admins and supervisors: 200; operators 403; anonymous 401. */
const REPORTERS: Statuses = {
  ...(Object.fromEntries(PRINCIPALS.map((p) => [p, 200])) as Statuses),
  anonymous: 401,
  operator: 403,
};

const DAY = '2026-03-02';

/** The rows of an Arrow answer as plain objects. */
export function arrowRows(answer: Answer): Record<string, unknown>[] {
  return tableFromIPC(answer.bytes)
    .toArray()
    .map((r: { toJSON(): Record<string, unknown> }) => r.toJSON());
}

const callName = (id: unknown): string => String(id).split('/').pop() ?? '';

/** The calls each caller may see (as in rbac.test.ts; admins never see the guard's direct call). */
const VISIBLE: Record<Principal, string[]> = {
  anonymous: [],
  operator: [],
  'sup-in': ['both', 'evil', 'guard-queue', 'support'],
  'sup-out': [],
  'sup-noright': ['both', 'evil', 'guard-queue', 'support'],
  admin: ['both', 'evil', 'guard-queue', 'sales', 'support'],
};

function noneOutside(who: Principal, rows: Record<string, unknown>[]): void {
  const text = JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  expect(text).not.toContain(GUARD);
  if (who.startsWith('sup-')) {
    expect(text).not.toContain(BOB);
    expect(text).not.toContain('"sales"');
  }
}

function check(key: 'callId' | 'id' | null) {
  return (who: Principal, answer: Answer): void => {
    expect(answer.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const rows = arrowRows(answer);
    noneOutside(who, rows);
    if (key === null) return;
    const calls = [...new Set(rows.map((r) => callName(r[key])))].sort();
    if (key === 'id') expect(calls).toEqual(VISIBLE[who]);
    else for (const c of calls) expect(VISIBLE[who]).toContain(c);
  };
}

const report = (table: string): MatrixRow => ({
  method: 'GET',
  path: () => `/api/report/${table}?station=${STATION}&day=${DAY}`,
  expect: REPORTERS,
  check: check(table === 'calls' ? 'id' : table.startsWith('operator-') ? null : 'callId'),
});

/** Only the queues the caller may see. */
function queuesSeen(who: Principal, answer: Answer): void {
  const rows = arrowRows(answer);
  noneOutside(who, rows);
  const queues = [...new Set(rows.map((r) => r.queue))].sort();
  expect(queues).toEqual(
    who === 'admin' ? ['sales', 'support'] : who === 'sup-out' ? [] : ['support'],
  );
}

export const REPORT_ROWS: Record<string, MatrixRow> = {
  'GET /api/report/calls': report('calls'),
  'GET /api/report/queue-visits': report('queue-visits'),
  'GET /api/report/agent-attempts': report('agent-attempts'),
  'GET /api/report/operator-intervals': report('operator-intervals'),
  'GET /api/report/operator-hours': report('operator-hours'),
  'GET /api/report/queue-hours': { ...report('queue-hours'), check: queuesSeen },
  'GET /api/report/rollup/queues': {
    method: 'GET',
    path: () => `/api/report/rollup/queues?station=${STATION}&from=${DAY}&to=${DAY}`,
    expect: REPORTERS,
    check: queuesSeen,
  },
  'GET /api/report/rollup/operators': {
    method: 'GET',
    path: () => `/api/report/rollup/operators?station=${STATION}&from=${DAY}&to=${DAY}`,
    expect: REPORTERS,
    check: (who, answer) => {
      const rows = arrowRows(answer);
      if (who !== 'sup-out') expect(rows.length).toBeGreaterThan(0);
      const text = JSON.stringify(rows);
      expect(text).not.toContain(GUARD);
      if (who.startsWith('sup-')) expect(text).not.toContain('"sales"');
    },
  },
  'GET /api/export/calls (csv)': {
    method: 'GET',
    path: () => `/api/export/calls?station=${STATION}&day=${DAY}&format=csv`,
    expect: REPORTERS,
    check: (who, answer) => {
      expect(answer.text).not.toContain(GUARD);
      const records = parse<Record<string, string>>(answer.text, { columns: true });
      const ids = records.map((r) => callName(r.id)).sort();
      expect(ids).toEqual(VISIBLE[who]);
    },
  },
};
