// The RBAC matrix's rows for actions on Asterisk and the directory, with
// the fixture they act on. The matrix's server has no AMI connection: an
// action the caller may take answers 503 (allowed, nothing sent), one they
// may not 401 or 403. Every directory route is the admin's, but for the
// list of pause reasons, which supervisors read too (the wallboard's pause).

import { expect } from 'vitest';
import type { Edited } from '@callboard/store';
import { ANN, BOB, DIRECTORY, STATION } from './fixtures.js';
import { PRINCIPALS, type Answer, type Harness, type Principal } from './harness.js';

type Statuses = Record<Principal, number>;

interface MatrixRow {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: (h: Harness) => string;
  readonly body?: (who: Principal) => unknown;
  readonly expect: Statuses;
  readonly check?: (who: Principal, answer: Answer) => void;
}

const statuses = (status: number): Statuses =>
  Object.fromEntries(PRINCIPALS.map((p) => [p, status])) as Statuses;
const adminOnly = (status: number): Statuses => ({
  ...statuses(403),
  anonymous: 401,
  admin: status,
});
/** Allowed: the API got as far as Asterisk, which is not connected here. */
const SENT = 503;

/** Ids the rows refer to, found or made before the matrix runs. */
const ids = {
  ann: 0,
  bob: 0,
  station: 0,
  server: 0,
  queue: 0,
  operator: 0,
  reason: 0,
  doomed: { station: 0, server: 0, operator: 0, queue: 0, reason: 0 },
};

const SERVER = 'pbx1';

function made<T>(r: Edited<T>): T {
  if (r.refused !== null) throw new Error(`fixture: ${r.refused}`);
  return r.row;
}

export async function directoryFixture(h: Harness): Promise<void> {
  const d = h.store.directoryEdits;
  ids.server = await h.store.server(SERVER, STATION);
  // Written again with a server on the station: the operators get their interfaces there.
  await h.store.directory(STATION, DIRECTORY);
  const refs = await h.store.operatorRefs();
  ids.ann = refs.find((r) => r.key === ANN)?.id ?? 0;
  ids.bob = refs.find((r) => r.key === BOB)?.id ?? 0;
  ids.operator = ids.bob;
  ids.station = (await d.stations()).find((s) => s.name === STATION)?.id ?? 0;
  ids.queue = (await d.queues()).find((q) => q.name === 'support')?.id ?? 0;
  ids.reason = made(await d.addPauseReason({ code: 'lunch', label: 'Lunch' })).id;
  ids.doomed = {
    station: made(await d.addStation('doomed', 'UTC')).id,
    server: made(
      await d.addServer({
        name: 'doomed',
        station: STATION,
        host: '127.0.0.1',
        port: 5038,
        username: 'u',
      }),
    ).id,
    operator: made(
      await d.addOperator({
        station: STATION,
        key: 'doomed',
        name: 'Doomed',
        monitored: true,
        interfaces: [],
      }),
    ).id,
    queue: made(
      await d.addQueue({
        station: STATION,
        name: 'doomed',
        timezone: null,
        serviceLevelSeconds: 20,
      }),
    ).id,
    reason: made(await d.addPauseReason({ code: 'doomed', label: 'Doomed' })).id,
  };
}

/** What the refused callers tried left no trace; the admin's edits are there. */
export async function directoryUnchanged(h: Harness): Promise<void> {
  const d = h.store.directoryEdits;
  const made = (names: string[]): string[] => names.filter((n) => n.startsWith('made-by-'));
  expect(made((await d.stations()).map((s) => s.name))).toEqual(['made-by-admin']);
  expect(made((await d.servers()).map((s) => s.name))).toEqual(['made-by-admin']);
  expect(made((await d.operators()).map((o) => o.key))).toEqual(['made-by-admin']);
  expect(made((await d.queues()).map((q) => q.name))).toEqual(['made-by-admin']);
  expect(made((await d.pauseReasons()).map((p) => p.code))).toEqual(['made-by-admin']);
  expect((await d.stations()).find((s) => s.id === ids.station)?.timezone).toBe('Europe/Berlin');
  expect((await d.pauseReasons()).map((p) => p.code)).not.toContain('doomed');
  const log = await h.store.audit.read({ limit: 1000 });
  const acted = log.filter((e) => e.action.startsWith('ami.'));
  // Every action was audited: refused ones as denied, allowed ones as failed (no connection).
  for (const who of ['operator', 'sup-in', 'sup-out', 'sup-noright', 'admin'])
    expect(acted.some((e) => e.actor === who)).toBe(true);
  expect(acted.filter((e) => e.result === 'ok')).toEqual([]);
}

const action = (
  path: string,
  body: (who: Principal) => unknown,
  expected: Partial<Statuses>,
): MatrixRow => ({
  method: 'POST',
  path: () => path,
  body,
  expect: { ...statuses(403), anonymous: 401, ...expected },
});

export const ACTION_ROWS: Record<string, MatrixRow> = {
  'POST /api/actions/pause (Ann, support)': action(
    '/api/actions/pause',
    () => ({ operatorId: ids.ann, queue: 'support', paused: true, reason: 'lunch' }),
    { operator: SENT, 'sup-in': SENT, admin: SENT },
  ),
  'POST /api/actions/pause (Bob, support)': action(
    '/api/actions/pause',
    () => ({ operatorId: ids.bob, queue: 'support', paused: false }),
    { 'sup-in': SENT, admin: SENT },
  ),
  'POST /api/actions/queue-add (Ann, support)': action(
    '/api/actions/queue-add',
    () => ({ operatorId: ids.ann, queue: 'support' }),
    { operator: SENT, 'sup-in': SENT, admin: SENT },
  ),
  'POST /api/actions/queue-remove (Bob, support)': action(
    '/api/actions/queue-remove',
    () => ({ operatorId: ids.bob, queue: 'support' }),
    { 'sup-in': SENT, admin: SENT },
  ),
  'POST /api/actions/queue-remove (Ann, sales)': action(
    '/api/actions/queue-remove',
    () => ({ operatorId: ids.ann, queue: 'sales' }),
    // sales is outside every supervisor's scope; Ann may leave it herself.
    { operator: SENT, admin: SENT },
  ),
};

/** Admins and supervisors, whatever their queues and rights. */
const staff = (status: number): Statuses => ({
  ...adminOnly(status),
  'sup-in': status,
  'sup-out': status,
  'sup-noright': status,
});

const crud = (
  resource: string,
  create: (who: Principal) => unknown,
  change: unknown,
  id: () => number,
  doomed: () => number,
  list: Pick<MatrixRow, 'expect' | 'check'> = { expect: adminOnly(200) },
): Record<string, MatrixRow> => {
  const base = `/api/directory/${resource}`;
  return {
    [`GET ${base}`]: { method: 'GET', path: () => base, ...list },
    [`POST ${base}`]: { method: 'POST', path: () => base, body: create, expect: adminOnly(201) },
    [`PATCH ${base}/:id`]: {
      method: 'PATCH',
      path: () => `${base}/${id()}`,
      body: () => change,
      expect: adminOnly(200),
    },
    [`DELETE ${base}/:id`]: {
      method: 'DELETE',
      path: () => `${base}/${doomed()}`,
      expect: adminOnly(204),
    },
  };
};

export const DIRECTORY_ROWS: Record<string, MatrixRow> = {
  ...crud(
    'stations',
    (who) => ({ name: `made-by-${who}`, timezone: 'UTC' }),
    { timezone: 'Europe/Berlin' },
    () => ids.station,
    () => ids.doomed.station,
  ),
  ...crud(
    'servers',
    (who) => ({
      name: `made-by-${who}`,
      station: STATION,
      host: '127.0.0.1',
      port: 5038,
      username: 'u',
    }),
    { port: 5039 },
    () => ids.server,
    () => ids.doomed.server,
  ),
  ...crud(
    'operators',
    (who) => ({ station: STATION, key: `made-by-${who}`, name: who }),
    { name: 'Bob Renamed' },
    () => ids.operator,
    () => ids.doomed.operator,
  ),
  ...crud(
    'queues',
    (who) => ({ station: STATION, name: `made-by-${who}`, serviceLevelSeconds: 30 }),
    { serviceLevelSeconds: 25 },
    () => ids.queue,
    () => ids.doomed.queue,
  ),
  ...crud(
    'pause-reasons',
    (who) => ({ code: `made-by-${who}`, label: who }),
    { label: 'Lunch break' },
    () => ids.reason,
    () => ids.doomed.reason,
    {
      expect: staff(200),
      check: (_who, answer) =>
        expect(
          (answer.json as { pauseReasons: { code: string; label: string }[] }).pauseReasons,
        ).toContainEqual(expect.objectContaining({ code: 'lunch' })),
    },
  ),
};
