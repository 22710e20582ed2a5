// The hourly roll-ups equal aggregates computed here, in JavaScript, from
// the rows the store gives back — after a write, after the same calls are
// written again with other times, and after a range is deleted and written
// again as `callboard rebuild` does. The station's zone is half an hour off
// UTC, so an hour of the zone is not an hour of UTC. On PGlite and PostgreSQL.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayCaptures } from '@callboard/cli';
import { ROLLUP_WAIT_EDGES_S, Store } from '@callboard/store';
import { VISIT_OUTCOMES, type CallRecord, type OperatorInterval } from '@callboard/tracker';
import { sql } from 'kysely';
import { lockDerived } from '../src/rollups.js';
import { DATABASE_KINDS, fresh, type TestDatabase } from '../../../test/support/databases.js';
import { tracesDir } from '../../../test/support/traces.js';

const ZONE = 'Asia/Kolkata';
const HOUR = 3600_000;

/** The start of the zone's hour holding `ms` (the zone's offset is whole minutes). */
function hourOf(ms: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d\d):(\d\d)/.exec(name ?? '');
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
  return Math.floor((ms + offset) / HOUR) * HOUR - offset;
}

const t = (iso: string): number => Date.parse(iso);
type Sums = Record<string, number | number[]>;

function bucketOf(waitMs: number): number {
  const i = ROLLUP_WAIT_EDGES_S.findIndex((edge) => waitMs <= edge * 1000);
  return i === -1 ? ROLLUP_WAIT_EDGES_S.length : i;
}

function expectedQueues(calls: readonly CallRecord[]): Map<string, Sums> {
  const out = new Map<string, Sums>();
  for (const c of calls)
    for (const v of c.queueVisits) {
      const key = `${hourOf(t(v.joinedAt))}|${v.queue}`;
      const s = out.get(key) ?? {
        offered: 0,
        ...Object.fromEntries(VISIT_OUTCOMES.map((o) => [o.replaceAll('-', '_'), 0])),
        wait_ms_sum: 0,
        wait_ms_max: 0,
        answered_wait_ms_sum: 0,
        answered_wait_ms_max: 0,
        abandoned_wait_ms_sum: 0,
        talk_ms_sum: 0,
        talk_ms_max: 0,
        rings: 0,
        transfers: 0,
        answered_wait_hist: new Array<number>(ROLLUP_WAIT_EDGES_S.length + 1).fill(0),
        abandoned_wait_hist: new Array<number>(ROLLUP_WAIT_EDGES_S.length + 1).fill(0),
      };
      const add = (k: string, n: number): void => void (s[k] = Number(s[k] ?? 0) + n);
      add('offered', 1);
      add(v.outcome.replaceAll('-', '_'), 1);
      add('wait_ms_sum', v.waitMs);
      s.wait_ms_max = Math.max(Number(s.wait_ms_max), v.waitMs);
      if (v.outcome === 'answered') {
        add('answered_wait_ms_sum', v.waitMs);
        s.answered_wait_ms_max = Math.max(Number(s.answered_wait_ms_max), v.waitMs);
      }
      if (v.outcome === 'abandoned') add('abandoned_wait_ms_sum', v.waitMs);
      add('talk_ms_sum', v.talkMs);
      s.talk_ms_max = Math.max(Number(s.talk_ms_max), v.talkMs);
      add('rings', v.attempts.length);
      if (v.transfer !== null) add('transfers', 1);
      const hist = v.outcome === 'answered' ? s.answered_wait_hist : s.abandoned_wait_hist;
      if (Array.isArray(hist) && (v.outcome === 'answered' || v.outcome === 'abandoned'))
        hist[bucketOf(v.waitMs)] = (hist[bucketOf(v.waitMs)] ?? 0) + 1;
      out.set(key, s);
    }
  return out;
}

function expectedOperators(
  calls: readonly CallRecord[],
  intervals: readonly OperatorInterval[],
): Map<string, Sums> {
  const out = new Map<string, Sums>();
  const add = (key: string, k: string, n: number): void => {
    const s = out.get(key) ?? {};
    s[k] = Number(s[k] ?? 0) + n;
    out.set(key, s);
  };
  for (const c of calls)
    for (const v of c.queueVisits) {
      for (const a of v.attempts) {
        if (a.operator === null) continue;
        const key = `${hourOf(t(a.startedAt))}|${a.operator}|${v.queue}`;
        add(key, 'rings', 1);
        add(key, `ring_${a.result.replaceAll('-', '_')}`, 1);
        add(key, 'ring_ms', t(a.endedAt) - t(a.startedAt));
      }
      if (v.answeredBy?.operator) {
        const key = `${hourOf(t(v.joinedAt))}|${v.answeredBy.operator}|${v.queue}`;
        add(key, 'answered', 1);
        add(key, 'talk_ms', v.talkMs);
      }
    }
  for (const i of intervals) {
    const from = t(i.from);
    const to = t(i.to);
    for (let h = hourOf(from); h < to; h += HOUR) {
      const ms = Math.min(to, h + HOUR) - Math.max(from, h);
      if (ms <= 0) continue;
      const key = `${h}|${i.operator}|${i.kind === 'queue' ? (i.queue ?? '') : ''}`;
      if (i.kind === 'queue') add(key, 'logged_in_ms', ms);
      else {
        add(key, `${(i.state ?? '').replaceAll('-', '_')}_ms`, ms);
        if (i.state !== 'offline') add(key, 'logged_in_ms', ms);
      }
    }
  }
  return out;
}

/** The stored roll-ups, with only the fields the expectation names. */
async function stored(
  store: Store,
  expectQ: Map<string, Sums>,
  expectO: Map<string, Sums>,
): Promise<{ queues: Map<string, Sums>; operators: Map<string, Sums> }> {
  const range = { station: 'pbx1', since: new Date(0), until: new Date(Date.UTC(2100, 0)) };
  const pick = (row: object, like: Sums | undefined, fallback: Sums): Sums =>
    Object.fromEntries(
      Object.keys(like ?? fallback).map((k) => [k, (row as Record<string, number | number[]>)[k]]),
    ) as Sums;
  const queues = new Map<string, Sums>();
  for (const r of await store.reports.queueHours(range)) {
    const key = `${r.hour.getTime()}|${r.queue}`;
    queues.set(key, pick(r, expectQ.get(key), { offered: 0 }));
  }
  const operators = new Map<string, Sums>();
  for (const r of await store.reports.operatorHours(range)) {
    const key = `${r.hour.getTime()}|${r.operator}|${r.queue ?? ''}`;
    const row = pick(r, expectO.get(key), { rings: 0 });
    // Columns the expectation leaves out are zero.
    const all = r as unknown as Record<string, unknown>;
    const rest = Object.entries(all).filter(
      ([k, v]) => typeof v === 'number' && !(k in row) && k !== 'hour',
    );
    for (const [k, v] of rest) expect(v, `${key} ${k}`).toBe(0);
    operators.set(key, row);
  }
  return { queues, operators };
}

async function check(store: Store): Promise<number> {
  const calls = await store.calls();
  const intervals = await store.intervals();
  const expectQ = expectedQueues(calls);
  const expectO = expectedOperators(calls, intervals);
  const got = await stored(store, expectQ, expectO);
  expect(Object.fromEntries(got.queues)).toEqual(Object.fromEntries(expectQ));
  expect(Object.fromEntries(got.operators)).toEqual(Object.fromEntries(expectO));
  return expectQ.size;
}

const shift = (iso: string, ms: number): string => new Date(t(iso) + ms).toISOString();

/** The same call, an hour and a half later (a fixed tracker would move it). */
function later(c: CallRecord): CallRecord {
  const s = (iso: string): string => shift(iso, 1.5 * HOUR);
  return {
    ...c,
    startedAt: s(c.startedAt),
    endedAt: s(c.endedAt),
    queueVisits: c.queueVisits.map((v) => ({
      ...v,
      joinedAt: s(v.joinedAt),
      leftAt: s(v.leftAt),
      attempts: v.attempts.map((a) => ({ ...a, startedAt: s(a.startedAt), endedAt: s(a.endedAt) })),
    })),
  };
}

describe.each(DATABASE_KINDS)('hourly roll-ups on %s', (kind) => {
  let database: TestDatabase;
  let store: Store;
  const { calls, intervals } = replayCaptures([join(tracesDir, '10-load-mixed')]);
  const range = { station: 'pbx1', since: new Date(0), until: new Date(Date.UTC(2100, 0)) };

  beforeAll(async () => {
    database = await fresh(kind);
    store = await Store.open({ url: database.url });
    await store.station('pbx1', ZONE);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('equal the base rows when written as the ingest writes: a few rows a checkpoint, some again after a restart', async () => {
    // Calls and intervals in the order they finish, a checkpoint every 7; the
    // 21st also stores the one before it again (a restart from an older
    // checkpoint), so rows added and hours recomputed meet in one write, and
    // the checkpoints after it add to hours recomputed.
    const rows = [
      ...calls.map((c) => ({ at: t(c.endedAt), call: c, interval: undefined })),
      ...intervals.map((i) => ({ at: t(i.to), call: undefined, interval: i })),
    ].sort((a, b) => a.at - b.at);
    let previous: typeof rows = [];
    let writes = 0;
    for (let k = 0; k < rows.length; k += 7) {
      const now = rows.slice(k, k + 7);
      const batch = writes === 20 ? [...previous, ...now] : now;
      await store.writeDerived({
        calls: batch.flatMap((r) => (r.call ? [r.call] : [])),
        intervals: batch.flatMap((r) => (r.interval ? [r.interval] : [])),
      });
      previous = now;
      writes++;
    }
    expect(writes).toBeGreaterThan(50);
    expect(await check(store)).toBeGreaterThan(1);
  });

  it('are written with JIT compilation off in the writing transaction only', async () => {
    const jit = async (db: Parameters<typeof lockDerived>[0]): Promise<string | undefined> =>
      (await sql<{ jit: string }>`show jit`.execute(db)).rows[0]?.jit;
    const outside = await jit(store.db.kysely);
    expect(outside).toBe('on');
    const inside = await store.db.kysely.transaction().execute(async (trx) => {
      await lockDerived(trx);
      return jit(trx);
    });
    expect(inside).toBe('off');
    expect(await jit(store.db.kysely)).toBe(outside);
  });

  it('equal the base rows after a write, and the same write again', async () => {
    await store.writeDerived({ calls: calls.slice(0, 120), intervals: intervals.slice(0, 300) });
    await store.writeDerived({ calls: calls.slice(100), intervals: intervals.slice(250) });
    expect(await check(store)).toBeGreaterThan(1);
    const version = await store.reports.version(range);
    await store.writeDerived({ calls, intervals });
    expect(await check(store)).toBeGreaterThan(1);
    expect(await store.reports.version(range)).toBeGreaterThan(version);
  });

  it('follow calls written again at other times: the hours they left are recomputed', async () => {
    const moved = calls.filter((_, i) => i % 3 === 0).map(later);
    await store.writeDerived({ calls: moved, intervals: [] });
    const n = await check(store);
    const hours = new Set((await store.reports.queueHours(range)).map((r) => r.hour.getTime()));
    expect(hours.size).toBeGreaterThan(1);
    expect(n).toBeGreaterThan(2);
  });

  it('follow a range deleted and written again, as a rebuild does', async () => {
    const all = await store.calls();
    const since = new Date(
      all.map((c) => t(c.startedAt)).sort((a, b) => a - b)[Math.floor(all.length / 2)] ?? 0,
    );
    await store.deleteDerived(since);
    await check(store);
    await store.writeDerived({
      calls: calls.filter((c) => t(c.startedAt) >= since.getTime()),
      intervals: intervals.filter((i) => t(i.from) >= since.getTime()),
    });
    await check(store);
    await store.deleteDerived(new Date(0));
    expect(await store.reports.queueHours(range)).toEqual([]);
    expect(await store.reports.operatorHours(range)).toEqual([]);
  });
});
