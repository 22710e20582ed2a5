// Reports read calls, queue visits and operator intervals by time range.
// With a year of rows in the tables, a day's or a week's read must be an
// index range scan, never a scan of the whole table, on both databases.

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store, type RangeTable } from '@callboard/store';
import { DATABASE_KINDS, fresh, type TestDatabase } from '../../../test/support/databases.js';
import { fillYear, YEAR_START } from './year.js';

describe.each(DATABASE_KINDS)('time-range reads on %s', (kind) => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = await fresh(kind);
    store = await Store.open({ url: database.url });
    await fillYear(store);
    await sql`analyze`.execute(store.db.kysely);
  }, 180_000);

  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  const day = (d: number): Date => new Date(YEAR_START.getTime() + d * 86_400_000);
  const cases: [RangeTable, string][] = [
    ['calls', 'calls_started_at'],
    ['queue_visits', 'queue_visits_joined_at'],
    ['operator_intervals', 'operator_intervals_started_at'],
  ];

  it.each(cases)('reads a day of %s through %s', async (table, index) => {
    const plan = await store.explainRange(table, day(200), day(201));
    if (process.env.SHOW_PLANS) console.log(`${kind}: ${plan}`);
    expect(plan).toMatch(new RegExp(`Index Scan using ${index}|Bitmap Index Scan on ${index}`));
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it.each(cases)('reads a week of %s through %s', async (table, index) => {
    const plan = await store.explainRange(table, day(100), day(107));
    expect(plan).toMatch(new RegExp(`Index Scan using ${index}|Bitmap Index Scan on ${index}`));
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it('still reads the whole year by scanning it (the plan answers the question asked)', async () => {
    const plan = await store.explainRange('calls', day(-1), day(400));
    expect(plan).toMatch(/Seq Scan on calls/);
  });
});
