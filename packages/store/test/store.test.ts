import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayCaptures } from '@callboard/cli';
import { Store, decodeEntries } from '@callboard/store';
import type { CallRecord } from '@callboard/tracker';
import { sql } from 'kysely';
import { DATABASE_KINDS, fresh, type TestDatabase } from '../../../test/support/databases.js';
import { tracesDir } from '../../../test/support/traces.js';

describe.each(DATABASE_KINDS)('store on %s', (kind) => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = await fresh(kind);
    store = await Store.open({ url: database.url });
  });

  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('runs on the database it was given', () => {
    expect(store.kind).toBe(kind);
  });

  it('compresses a call’s JSONB with lz4 where the server has it, and stores it whole either way', async () => {
    const columns = await sql<{ attname: string; attcompression: string }>`
      select attname, attcompression from pg_attribute
      where attrelid = 'calls'::regclass and attname in ('record', 'attrs')
      order by attname`.execute(store.db.kysely);
    // pg_attribute.attcompression: 'l' is lz4; '' is the server's default (pglz).
    const expected = kind === 'postgres' ? 'l' : '';
    expect(columns.rows).toEqual([
      { attname: 'attrs', attcompression: expected },
      { attname: 'record', attcompression: expected },
    ]);
    // One of the calls the next test stores: writing it twice changes nothing.
    const { calls } = replayCaptures([join(tracesDir, '14-local-members-transfers')]);
    const big = calls.reduce((a, c) =>
      JSON.stringify(c).length > JSON.stringify(a).length ? c : a,
    );
    await store.writeDerived({ calls: [big], intervals: [] });
    const stored = await sql<{ method: string | null; size: number }>`
      select pg_column_compression(attrs) as method, pg_column_size(attrs) as size
      from calls where id = ${big.id}`.execute(store.db.kysely);
    expect(stored.rows[0]?.size).toBeLessThan(JSON.stringify(big.attrs).length / 2);
    expect(stored.rows[0]?.method).toBe(kind === 'postgres' ? 'lz4' : 'pglz');
    expect(await store.call(big.id)).toEqual(big);
  });

  it('stores calls and reads them back as the same records, idempotently', async () => {
    const { calls, intervals } = replayCaptures([join(tracesDir, '14-local-members-transfers')]);
    await store.writeDerived({ calls, intervals });
    await store.writeDerived({ calls, intervals });
    const back = await store.calls();
    expect(back.map((c) => c.id).sort()).toEqual(calls.map((c) => c.id).sort());
    for (const call of calls) expect(back.find((c) => c.id === call.id)).toEqual(call);
    const rows = await store.db.kysely
      .selectFrom('queue_visits')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(calls.reduce((n, c) => n + c.queueVisits.length, 0));
    const intervalRows = await store.db.kysely
      .selectFrom('operator_intervals')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(intervalRows.n)).toBe(intervals.length);
  });

  it('stores text from outside in the rows of legs, rings and transfers as it came', async () => {
    // Caller numbers and names are the caller's to choose; a member name is
    // the admin's. Quotes, braces, commas, backslashes, the word NULL, control
    // characters, JSON and letters beyond Latin must all arrive as they were.
    const hostile = ['"{},\\\'NULL', 'NULL', '', ' a\tb\n', '{"x":1}', 'ОПЕР\u{1F4DE}'];
    const { calls } = replayCaptures([join(tracesDir, '14-local-members-transfers')]);
    const base = calls.find(
      (c) => c.transfers.length > 0 && c.queueVisits.some((v) => v.attempts.length > 0),
    );
    if (!base) throw new Error('trace 14 has a transferred queue call');
    let k = 0;
    const odd = (): string => hostile[k++ % hostile.length] ?? '';
    const party = <P extends CallRecord['legs'][number]['a'] | null>(p: P): P =>
      p && { ...p, number: odd() };
    const call: CallRecord = {
      ...base,
      id: `${base.id}-hostile`,
      legs: base.legs.map((l) => ({ ...l, a: party(l.a), b: party(l.b) })),
      transfers: base.transfers.map((t) => ({ ...t, to: { ...t.to, number: odd() } })),
      queueVisits: base.queueVisits.map((v) => ({
        ...v,
        attempts: v.attempts.map((a) => ({ ...a, memberName: odd() })),
      })),
    };
    await store.writeDerived({ calls: [call], intervals: [] });
    const db = store.db.kysely;
    const legs = await db
      .selectFrom('legs')
      .select(['a_number', 'b_number'])
      .where('call_id', '=', call.id)
      .orderBy('idx')
      .execute();
    expect(legs).toEqual(call.legs.map((l) => ({ a_number: l.a.number, b_number: l.b.number })));
    const transfers = await db
      .selectFrom('transfers')
      .select('to_number')
      .where('call_id', '=', call.id)
      .orderBy('idx')
      .execute();
    expect(transfers.map((t) => t.to_number)).toEqual(call.transfers.map((t) => t.to.number));
    const rings = await db
      .selectFrom('agent_attempts')
      .select('member_name')
      .where('call_id', '=', call.id)
      .orderBy(['visit_idx', 'idx'])
      .execute();
    expect(rings.map((r) => r.member_name)).toEqual(
      call.queueVisits.flatMap((v) => v.attempts.map((a) => a.memberName)),
    );
    expect(rings.length).toBeGreaterThan(0);
    expect(await store.call(call.id)).toEqual(call);
  });

  it('journals batches compactly and reads them back byte for byte', async () => {
    const serverId = await store.server('pbx9', 'station9');
    const encoder = new TextEncoder();
    const entries = Array.from({ length: 500 }, (_, i) => ({
      seq: 101 + i,
      receivedAt: 1_795_704_250_000 + i * 7,
      bytes: encoder.encode(
        `Event: VarSet\r\nChannel: SIP/trunk-${i}\r\nVariable: X\r\nValue: ${'Ж'.repeat(i % 7)}\r\n\r\n`,
      ),
    }));
    const [id] = await store.appendJournal([{ serverId, entries }]);
    const [row] = await store.readJournal((id ?? 1) - 1, 10);
    expect(row?.messages).toBe(500);
    expect(row?.firstSeq).toBe(101);
    expect(row?.payload.length).toBeLessThan(entries.reduce((n, e) => n + e.bytes.length, 0) / 5);
    const back = row ? decodeEntries(row) : [];
    expect(back.map((e) => [e.seq, e.receivedAt, Buffer.from(e.bytes).toString()])).toEqual(
      entries.map((e) => [e.seq, e.receivedAt, Buffer.from(e.bytes).toString()]),
    );
    expect(await store.lastSeq(serverId)).toBe(600);
  });

  it('moves the checkpoint with the rows it covers', async () => {
    await store.writeDerived({
      calls: [],
      intervals: [],
      checkpoint: { name: 'tracker', position: 42, state: { calls: 3 } },
    });
    expect(await store.checkpoint('tracker')).toEqual({ position: 42, state: { calls: 3 } });
  });

  it('keeps the operator directory: names, monitored flags, interfaces on every server', async () => {
    await store.server('pbx1', 'pbx1');
    await store.server('pbx2', 'pbx1');
    await store.directory('pbx1', [
      { key: 'ivan', name: 'Ivan Petrov', devices: ['SIP/agent101'], monitored: true },
      { key: 'boss', name: 'The Boss', devices: ['SIP/boss'], monitored: false },
    ]);
    await store.directory('pbx1', [
      { key: 'boss', name: 'The Boss', devices: ['SIP/boss'], monitored: false },
    ]);
    const ops = await store.operators('pbx1');
    expect(ops.find((o) => o.key === 'boss')).toMatchObject({
      name: 'The Boss',
      monitored: false,
      interfaces: [
        { server: 'pbx1', interface: 'SIP/boss' },
        { server: 'pbx2', interface: 'SIP/boss' },
      ],
    });
    expect(ops.find((o) => o.key === 'ivan')?.monitored).toBe(true);
  });

  it('learns the interfaces queues rang each operator on', async () => {
    const { calls } = replayCaptures([join(tracesDir, '13-local-members-answered')]);
    await store.writeDerived({ calls, intervals: [] });
    const rung = new Set(
      calls.flatMap((c) =>
        c.queueVisits.flatMap((v) =>
          v.attempts.flatMap((a) =>
            a.operator ? [`${a.operator} ${v.server} ${a.interface}`] : [],
          ),
        ),
      ),
    );
    expect(rung.size).toBeGreaterThan(0);
    const station = calls[0]?.station ?? '';
    const learned = (await store.operators(station)).flatMap((o) =>
      o.interfaces.map((i) => `${o.key} ${i.server} ${i.interface}`),
    );
    for (const r of rung) expect(learned).toContain(r);
  });

  it('prunes journal batches past retention, never one the tracker has not read', async () => {
    const serverId = await store.server('pbx8', 'station8');
    const old = new Date('2020-01-01T00:00:00Z').getTime();
    const batch = (
      at: number,
      seq: number,
    ): { serverId: number; entries: { seq: number; receivedAt: number; bytes: Uint8Array }[] } => ({
      serverId,
      entries: [{ seq, receivedAt: at, bytes: new TextEncoder().encode('Event: X\r\n\r\n') }],
    });
    const ids = await store.appendJournal([
      batch(old, 1),
      batch(old + 1000, 2),
      batch(Date.now(), 3),
    ]);
    const [first, second, third] = ids;
    // The tracker has read only the first batch: the second, old as it is, stays.
    const pruned = await store.pruneJournal(new Date('2021-01-01T00:00:00Z'), first ?? 0);
    expect(pruned).toBe(1);
    const left = (await store.readJournal((first ?? 1) - 1, 10)).map((r) => r.id);
    expect(left).toEqual([second, third]);
  });
});
