// Every checkpoint recomputes the hourly roll-ups of the hours it touched.
// With a year of rows behind them, that must read the hour's rows alone —
// visits and rings through their time indexes, operator intervals through
// the index on their span — and never the station's whole history. Checked
// on both databases, with the planner's statistics fresh, and without any
// (a table filled faster than they follow: a first import, a catch-up).

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '@callboard/store';
import { DATABASE_KINDS, fresh, type TestDatabase } from '../../../test/support/databases.js';
import { fillYear } from './year.js';

const HOUR = new Date('2025-07-20T10:00:00Z');

/** Tables the roll-ups read, which must never be read whole. */
const WHOLE_READ = /Seq Scan on (calls|queue_visits|agent_attempts|operator_intervals)\b/;

describe.each(DATABASE_KINDS)('the roll-ups of one hour on %s', (kind) => {
  let database: TestDatabase;
  let store: Store;
  let station: number;

  beforeAll(async () => {
    database = await fresh(kind);
    store = await Store.open({ url: database.url });
    station = await fillYear(store);
  }, 180_000);

  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  const check = (plans: string[]): void => {
    const [queue, operator] = plans;
    if (process.env.SHOW_PLANS) console.log(`${kind}:\n${plans.join('\n\n')}`);
    expect(queue).toMatch(/queue_visits_joined_at/);
    expect(operator).toMatch(/agent_attempts_started_at/);
    expect(operator).toMatch(/queue_visits_joined_at/);
    expect(operator).toMatch(/operator_intervals_span/);
    for (const plan of plans) expect(plan).not.toMatch(WHOLE_READ);
  };

  it('reads the hour alone while the statistics lag behind the rows', async () => {
    check(await store.explainRollup(station, HOUR));
  });

  it('reads the hour alone with the statistics fresh', async () => {
    await sql`analyze`.execute(store.db.kysely);
    check(await store.explainRollup(station, HOUR));
  });
});
