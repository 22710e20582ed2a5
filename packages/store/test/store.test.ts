import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayCaptures } from '@callboard/cli';
import { Store, decodeEntries } from '@callboard/store';
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
});
