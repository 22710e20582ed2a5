// Report data against the stored rows: a day of the shared traces, served
// as Arrow IPC and decoded here with apache-arrow, equals what the tables
// hold (read with SQL, not with the server's code). Then the caching (ETag,
// 304, immutable closed days), compression, the hourly roll-ups, and the
// exports' guard against formulas. On PGlite and PostgreSQL, over a socket.

import { join } from 'node:path';
import { tableFromIPC, type Table } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayCaptures } from '@callboard/cli';
import { DATABASE_KINDS } from '../../../test/support/databases.js';
import { tracesDir } from '../../../test/support/traces.js';
import { safeFileName } from '../src/report/export.js';
import { call, caller, GUARD, STATION, visit } from './fixtures.js';
import { Harness, type Client } from './harness.js';

const TRACES = ['06-attended-transfer', '10-load-mixed', '15-local-members-load'];
const ZONE = 'Europe/Moscow';
const DAY = '2026-11-26';
const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());

function rowsOf(table: Table): Record<string, unknown>[] {
  return table.toArray().map((r: { toJSON(): Record<string, unknown> }) => r.toJSON());
}

async function arrow(c: Client, path: string): Promise<Table> {
  const a = await c.send('GET', path);
  expect(a.status, a.text).toBe(200);
  return tableFromIPC(a.bytes);
}

describe.each(DATABASE_KINDS)('report data on %s', (kind) => {
  let h: Harness;
  let admin: Client;
  let sup: Client;
  const replayed = TRACES.map((f) => replayCaptures([join(tracesDir, f)]));

  beforeAll(async () => {
    h = await Harness.start(kind);
    // December: the traces' day has closed.
    h.clock.now = Date.UTC(2026, 11, 1, 12);
    await h.store.station('pbx1', ZONE);
    for (const r of replayed)
      await h.store.writeDerived({ calls: r.calls, intervals: r.intervals });
    admin = await h.as('admin');
    sup = await h.as('sup-in');
  });
  afterAll(async () => {
    await h.close();
  });

  const q = `station=pbx1&day=${DAY}`;
  const db = () => h.store.db.kysely;
  const since = new Date('2026-11-25T21:00:00Z'); // midnight in Moscow
  const until = new Date('2026-11-26T21:00:00Z');

  it('a day of calls decodes and equals the stored rows', async () => {
    const t = await arrow(admin, `/api/report/calls?${q}`);
    expect(String(t.schema.fields.find((f) => f.name === 'outcome')?.type)).toBe(
      'Dictionary<Int8, Utf8>',
    );
    // A call id is plain text: nearly every row has its own.
    expect(String(t.schema.fields.find((f) => f.name === 'id')?.type)).toBe('Utf8');
    expect(t.schema.metadata.get('timeZone')).toBe(ZONE);
    const stored = await sql<Record<string, unknown>>`
      select c.id, c.direction, c.outcome, c.started_at, c.answered_at, c.ended_at,
             c.from_number, c.from_name, t.key as trunk, (select count(*) from queue_visits v where v.call_id = c.id) as visits
      from calls c join stations s on s.id = c.station_id left join entities t on t.id = c.trunk_id
      where s.name = 'pbx1' and c.started_at >= ${since} and c.started_at < ${until}
      order by c.started_at, c.id`.execute(db());
    expect(stored.rows.length).toBe(replayed.reduce((n, r) => n + r.calls.length, 0));
    expect(
      rowsOf(t).map((r) => ({
        id: r.id,
        direction: r.direction,
        outcome: r.outcome,
        started_at: r.startedAt,
        answered_at: r.answeredAt,
        ended_at: r.endedAt,
        from_number: r.fromNumber,
        from_name: r.fromName,
        trunk: r.trunk,
        visits: r.visits,
      })),
    ).toEqual(
      stored.rows.map((r) => ({
        ...r,
        started_at: ms(r.started_at as Date),
        answered_at: ms(r.answered_at as Date | null),
        ended_at: ms(r.ended_at as Date),
        visits: Number(r.visits),
      })),
    );
  });

  it('queue visits and agent attempts equal the stored rows', async () => {
    const visits = rowsOf(await arrow(admin, `/api/report/queue-visits?${q}`));
    const v = await sql<Record<string, unknown>>`
      select v.call_id, v.idx, q.key as queue, v.joined_at, v.left_at, v.position, v.outcome,
             v.wait_ms, v.talk_ms, o.key as answered_by, v.transfer
      from queue_visits v join calls c on c.id = v.call_id join stations s on s.id = c.station_id
      join entities q on q.id = v.queue_id left join entities o on o.id = v.answered_by_id
      where s.name = 'pbx1' and c.started_at >= ${since} and c.started_at < ${until}
      order by c.started_at, c.id, v.idx`.execute(db());
    expect(v.rows.length).toBeGreaterThan(300);
    expect(
      visits.map((r) => ({
        call_id: r.callId,
        idx: r.idx,
        queue: r.queue,
        joined_at: r.joinedAt,
        left_at: r.leftAt,
        position: r.position,
        outcome: r.outcome,
        wait_ms: r.waitMs,
        talk_ms: r.talkMs,
        answered_by: r.answeredBy,
        transfer: r.transfer,
      })),
    ).toEqual(
      v.rows.map((r) => ({
        ...r,
        joined_at: ms(r.joined_at as Date),
        left_at: ms(r.left_at as Date),
      })),
    );
    const attempts = rowsOf(await arrow(admin, `/api/report/agent-attempts?${q}`));
    const a = await sql<Record<string, unknown>>`
      select a.call_id, a.visit_idx, a.idx, o.key as operator, a.interface, a.member_name,
             a.started_at, a.ended_at, a.result
      from agent_attempts a join calls c on c.id = a.call_id join stations s on s.id = c.station_id
      left join entities o on o.id = a.operator_id
      where s.name = 'pbx1' and c.started_at >= ${since} and c.started_at < ${until}
      order by c.started_at, c.id, a.visit_idx, a.idx`.execute(db());
    expect(a.rows.length).toBeGreaterThan(300);
    expect(
      attempts.map((r) => ({
        call_id: r.callId,
        visit_idx: r.visitIdx,
        idx: r.idx,
        operator: r.operator,
        interface: r.interface,
        member_name: r.memberName,
        started_at: r.startedAt,
        ended_at: r.endedAt,
        result: r.result,
      })),
    ).toEqual(
      a.rows.map((r) => ({
        ...r,
        started_at: ms(r.started_at as Date),
        ended_at: ms(r.ended_at as Date),
      })),
    );
  });

  it('operator intervals that ended in the day equal the stored rows', async () => {
    const got = rowsOf(await arrow(admin, `/api/report/operator-intervals?${q}`));
    const i = await sql<Record<string, unknown>>`
      select o.key as operator, i.kind, i.state, q.key as queue, i.reason, i.started_at, i.ended_at
      from operator_intervals i join stations s on s.id = i.station_id
      join entities o on o.id = i.operator_id left join entities q on q.id = i.queue_id
      where s.name = 'pbx1' and i.ended_at >= ${since} and i.ended_at < ${until}
      order by i.ended_at, o.key, i.kind, q.key`.execute(db());
    expect(i.rows.length).toBeGreaterThan(500);
    expect(
      got.map((r) => ({
        operator: r.operator,
        kind: r.kind,
        state: r.state,
        queue: r.queue,
        reason: r.reason,
        started_at: r.startedAt,
        ended_at: r.endedAt,
      })),
    ).toEqual(
      i.rows.map((r) => ({
        ...r,
        started_at: ms(r.started_at as Date),
        ended_at: ms(r.ended_at as Date),
      })),
    );
  });

  it('each answered visit carries the wrap-up its operator began as the talk ended', async () => {
    // The recorded queues have no wrap-up time: give a few answered calls one
    // (1 s after the talk, which the 5 s slack takes; one 9 s after, which it does not).
    const answered = replayed
      .flatMap((r) => r.calls)
      .flatMap((c) => c.queueVisits.map((v) => ({ c, v })))
      .filter(({ v }) => v.outcome === 'answered' && v.answeredBy?.operator != null)
      .slice(0, 12);
    expect(answered.length).toBe(12);
    const wraps = answered.map(({ c, v }, k) => {
      const from = Date.parse(v.leftAt) + v.talkMs + (k === 0 ? 9000 : 1000);
      return {
        kind: 'state' as const,
        station: c.station,
        operator: v.answeredBy?.operator ?? '',
        name: null,
        state: 'wrap-up' as const,
        queue: null,
        reason: null,
        from: new Date(from).toISOString(),
        to: new Date(from + 10_000 + k * 1000).toISOString(),
      };
    });
    await h.store.writeDerived({ calls: [], intervals: wraps });
    const visits = rowsOf(await arrow(admin, `/api/report/queue-visits?${q}`));
    // Worked out here in SQL: the answering operator's wrap-up state that
    // began within 5 s of the talk's end (the visit's end plus its talk).
    const w = await sql<{ call_id: string; idx: number; wrap_up_ms: number | string | null }>`
      select v.call_id, v.idx,
        (select extract(epoch from (i.ended_at - i.started_at)) * 1000
           from operator_intervals i
          where i.operator_id = v.answered_by_id and i.kind = 'state' and i.state = 'wrap-up'
            and i.started_at between v.left_at + (v.talk_ms - 5000) * interval '1 millisecond'
                                 and v.left_at + (v.talk_ms + 5000) * interval '1 millisecond'
          order by i.started_at limit 1) as wrap_up_ms
      from queue_visits v join calls c on c.id = v.call_id join stations s on s.id = c.station_id
      where s.name = 'pbx1' and c.started_at >= ${since} and c.started_at < ${until}
        and v.outcome = 'answered'
      order by c.started_at, c.id, v.idx`.execute(db());
    const expected = new Map(
      w.rows.map((r) => [`${r.call_id}/${r.idx}`, Math.round(Number(r.wrap_up_ms ?? 0))]),
    );
    const got = new Map(
      visits
        .filter((v) => v.outcome === 'answered')
        .map((v) => [`${String(v.callId)}/${String(v.idx)}`, v.wrapUpMs]),
    );
    expect(got).toEqual(expected);
    expect([...got.values()].filter((ms) => Number(ms) > 0).length).toBe(11);
    // Visits not answered have none.
    expect(visits.filter((v) => v.outcome !== 'answered' && v.wrapUpMs !== 0)).toEqual([]);
  });

  it('sends only the columns asked for, in Arrow and JSON alike; an unknown one is a 400', async () => {
    const all = rowsOf(await arrow(admin, `/api/report/queue-visits?${q}`));
    const cut = await arrow(admin, `/api/report/queue-visits?${q}&columns=waitMs,queue,outcome`);
    expect(cut.schema.fields.map((f) => f.name)).toEqual(['queue', 'outcome', 'waitMs']);
    const pick = (r: Record<string, unknown>) => ({
      queue: r.queue,
      outcome: r.outcome,
      waitMs: r.waitMs,
    });
    expect(rowsOf(cut)).toEqual(all.map(pick));
    const json = await admin.send(
      'GET',
      `/api/report/queue-visits?${q}&columns=waitMs,queue,outcome&format=json`,
    );
    expect(JSON.parse(json.text)).toEqual(all.map(pick));
    const bad = await admin.send('GET', `/api/report/queue-visits?${q}&columns=queue,secret`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('queue-visits has no column \\"secret\\"');
    const malformed = await admin.send('GET', `/api/report/queue-visits?${q}&columns=queue;drop`);
    expect(malformed.status).toBe(400);
  });

  it('a supervisor gets their queues only, a call of several queues cut to theirs', async () => {
    const visits = rowsOf(await arrow(sup, `/api/report/queue-visits?${q}`));
    expect(visits.length).toBeGreaterThan(0);
    expect(new Set(visits.map((v) => v.queue))).toEqual(new Set(['support']));
    const calls = rowsOf(await arrow(sup, `/api/report/calls?${q}`));
    expect(calls.map((c) => c.id).sort()).toEqual([...new Set(visits.map((v) => v.callId))].sort());
    const attempts = rowsOf(await arrow(sup, `/api/report/agent-attempts?${q}`));
    expect(new Set(attempts.map((a) => a.queue))).toEqual(new Set(['support']));
  });

  it('a closed day: strong ETag, immutable, 304 on a match; a write changes the ETag', async () => {
    const path = `/api/report/calls?${q}`;
    const first = await admin.send('GET', path);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(first.headers.get('vary')).toMatch(/Cookie/);
    expect(first.headers.get('x-callboard-time-zone')).toBe(ZONE);
    const again = await admin.send('GET', path, undefined, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);
    // Another view of the same day has another ETag.
    const other = await sup.send('GET', path, undefined, { 'if-none-match': etag });
    expect(other.status).toBe(200);
    const r = replayed[1];
    const one = r?.calls[0];
    if (!one) throw new Error('no call');
    await h.store.writeDerived({ calls: [{ ...one, outcome: 'failed' }], intervals: [] });
    const changed = await admin.send('GET', path, undefined, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const row = rowsOf(tableFromIPC(changed.bytes)).find((c) => c.id === one.id);
    expect(row?.outcome).toBe('failed');
    await h.store.writeDerived({ calls: [one], intervals: [] });
  });

  it('today is revalidated', async () => {
    const today = await admin.send('GET', `/api/report/calls?station=pbx1&day=2026-12-01`);
    expect(today.status).toBe(200);
    expect(today.headers.get('cache-control')).toBe('private, no-cache');
    expect(tableFromIPC(today.bytes).numRows).toBe(0);
  });

  it('compresses by Accept-Encoding (br, gzip) and JSON holds the same rows', async () => {
    const path = `/api/report/agent-attempts?${q}`;
    const plain = await admin.send('GET', path, undefined, { 'accept-encoding': 'identity' });
    for (const encoding of ['br', 'gzip']) {
      const a = await admin.send('GET', path, undefined, { 'accept-encoding': encoding });
      expect(a.headers.get('content-encoding')).toBe(encoding);
      expect(a.bytes).toEqual(plain.bytes);
    }
    const json = await admin.send('GET', `${path}&format=json`);
    expect(json.json).toEqual(rowsOf(tableFromIPC(plain.bytes)));
  });

  it('hourly roll-ups as Arrow equal the store’s, cut to the scope', async () => {
    const path = `/api/report/rollup/queues?station=pbx1&from=${DAY}&to=${DAY}`;
    const t = await arrow(admin, path);
    expect(t.schema.metadata.get('waitEdgesSeconds')).toBe(
      '5,10,15,20,30,45,60,90,120,180,300,600',
    );
    const stored = await h.store.reports.queueHours({ station: 'pbx1', since, until });
    const got = rowsOf(t);
    expect(got.map((r) => [r.hour, r.queue, r.offered, r.answered, r.waitMsSum])).toEqual(
      stored.map((s) => [s.hour.getTime(), s.queue, s.offered, s.answered, s.wait_ms_sum]),
    );
    expect(got.map((r) => [...(r.answeredWaitHist as Iterable<number>)])).toEqual(
      stored.map((s) => s.answered_wait_hist),
    );
    const mine = rowsOf(await arrow(sup, path));
    expect(new Set(mine.map((r) => r.queue))).toEqual(new Set(['support']));
    const ops = rowsOf(
      await arrow(sup, `/api/report/rollup/operators?station=pbx1&from=${DAY}&to=${DAY}`),
    );
    expect(ops.length).toBeGreaterThan(0);
    for (const o of ops) expect([null, 'support']).toContain(o.queue);
  });

  it('bad requests are refused with the field', async () => {
    for (const [path, status] of [
      [`/api/report/calls?station=pbx1&day=2026-02-30`, 400],
      [`/api/report/calls?station=pbx1&day=26-11-2026`, 400],
      [`/api/report/calls?station=pbx1&day=${DAY}&extra=1`, 400],
      [`/api/report/legs?station=pbx1&day=${DAY}`, 400],
      [`/api/report/calls?station=nowhere&day=${DAY}`, 404],
      [`/api/report/rollup/queues?station=pbx1&from=2025-01-01&to=${DAY}`, 400],
      [`/api/export/calls?station=pbx1&day=${DAY}&format=pdf`, 400],
    ] as const) {
      const a = await admin.send('GET', path);
      expect(a.status, path).toBe(status);
    }
  });
});

describe('exports', () => {
  let h: Harness;
  let admin: Client;
  const NAME = '=HYPERLINK("http://evil.example","click")';

  beforeAll(async () => {
    h = await Harness.start('pglite');
    const c = caller('+79871234567', NAME);
    await h.store.writeDerived({
      calls: [
        call('formula', {
          startedAt: '2026-03-03T10:00:00.000Z',
          endedAt: '2026-03-03T10:02:00.000Z',
          from: { number: c.number, name: NAME, operator: null },
          queueVisits: [
            visit('support', '2026-03-03T10:00:05.000Z', '2026-03-03T10:00:30.000Z', null, []),
          ],
        }),
      ],
      intervals: [
        {
          kind: 'state',
          station: STATION,
          operator: GUARD,
          name: 'Guard',
          state: 'idle',
          queue: null,
          reason: null,
          from: '2026-03-03T09:00:00.000Z',
          to: '2026-03-03T10:00:00.000Z',
        },
      ],
    });
    admin = await h.as('admin');
  });
  afterAll(async () => {
    await h.close();
  });

  it('CSV: a text that a spreadsheet would run gets an apostrophe; a safe file name', async () => {
    const a = await admin.send(
      'GET',
      `/api/export/calls?station=${STATION}&day=2026-03-02&to=2026-03-03&format=csv`,
    );
    expect(a.status, a.text).toBe(200);
    expect(a.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(a.headers.get('content-disposition')).toBe(
      'attachment; filename="main_calls_2026-03-02_2026-03-03.csv"',
    );
    const { parse } = await import('csv-parse/sync');
    const rows = parse<Record<string, string>>(a.text, { columns: true });
    const row = rows.find((r) => r.id?.endsWith('/formula'));
    expect(row?.fromName).toBe(`'${NAME}`);
    expect(row?.fromNumber).toBe("'+79871234567");
    expect(row?.startedAt).toBe('2026-03-03T10:00:00.000Z');
    expect(rows.length).toBe(6);
  });

  it('XLSX: the name is a text cell, never a formula', async () => {
    const a = await admin.send(
      'GET',
      `/api/export/calls?station=${STATION}&day=2026-03-03&format=xlsx`,
    );
    expect(a.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(a.bytes.slice().buffer);
    const sheet = book.getWorksheet('calls');
    const header = (sheet?.getRow(1).values ?? []) as unknown[];
    const col = header.indexOf('fromName');
    const cell = sheet?.getRow(2).getCell(col);
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.value).toBe(NAME);
  });

  it('an operator not monitored is absent from the intervals', async () => {
    const a = await admin.send(
      'GET',
      `/api/report/operator-intervals?station=${STATION}&day=2026-03-03`,
    );
    expect(tableFromIPC(a.bytes).numRows).toBe(0);
    const rows = await h.store.reports.intervals({
      station: STATION,
      since: new Date('2026-03-03T00:00:00Z'),
      until: new Date('2026-03-04T00:00:00Z'),
    });
    expect(rows.map((r) => r.operator)).toEqual([GUARD]);
  });

  it('file names keep to safe characters', () => {
    expect(safeFileName(['a"b; c\r\n', 'calls', '2026-03-03'], 'csv')).toBe(
      'a-b-c-_calls_2026-03-03.csv',
    );
    expect(safeFileName(['../..'], 'xlsx')).toBe('report.xlsx');
  });
});
