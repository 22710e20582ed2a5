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
import { yearStation } from './year.js';

/** A call every five minutes for a year, each with a visit, a ring and an operator interval. */
const ROWS = 105_120;
const YEAR_START = new Date('2025-01-01T00:00:00Z');
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
    const year = await yearStation(store);
    station = year.station;
    const { queue, operator } = year;
    const db = store.db.kysely;
    /** The g-th row's time, `offset` after its call's start. */
    const at = (offset: string): string =>
      `'${YEAR_START.toISOString()}'::timestamptz + g * interval '5 minutes' + interval '${offset}'`;
    await sql`insert into calls (id, station_id, started_at, ended_at, direction, outcome, record, attrs)
      select 'c' || g, ${station}, ${sql.raw(at('0 s'))}, ${sql.raw(at('3 minutes'))},
             'inbound', 'answered', '{}', '{}'
      from generate_series(1, ${ROWS}) g`.execute(db);
    await sql`insert into queue_visits (call_id, idx, queue_id, server, caller_uniqueid, joined_at, left_at,
                                        position, outcome, wait_ms, talk_ms, answered_by_id)
      select 'c' || g, 0, ${queue}, 'pbx1', g::text, ${sql.raw(at('0 s'))}, ${sql.raw(at('20 s'))},
             1, 'answered', 20000, 160000, ${operator}
      from generate_series(1, ${ROWS}) g`.execute(db);
    await sql`insert into agent_attempts (call_id, visit_idx, idx, operator_id, interface, member_name,
                                          started_at, ended_at, result)
      select 'c' || g, 0, 0, ${operator}, 'SIP/101', 'Anna', ${sql.raw(at('5 s'))}, ${sql.raw(at('20 s'))}, 'answered'
      from generate_series(1, ${ROWS}) g`.execute(db);
    await sql`insert into operator_intervals (station_id, operator_id, kind, state, started_at, ended_at)
      select ${station}, ${operator}, 'state', 'talking', ${sql.raw(at('20 s'))}, ${sql.raw(at('3 minutes'))}
      from generate_series(1, ${ROWS}) g`.execute(db);
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
