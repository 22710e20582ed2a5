// A year of rows for the tests that check plans at a year's volume: one
// call every five minutes, each with a queue visit, a ring and an operator
// interval, on station `s1` with the queue `support` and the operator
// `SIP/101`. A spread the planner's statistics see as a year.

import { sql } from 'kysely';
import type { Store } from '@callboard/store';

export const YEAR_ROWS = 105_120;
export const YEAR_START = new Date('2025-01-01T00:00:00Z');

/** Fills the year (statistics not gathered); returns the station's id. */
export async function fillYear(store: Store): Promise<number> {
  const db = store.db.kysely;
  const station = await store.station('s1');
  const entity = async (kind: 'queue' | 'operator', key: string): Promise<number> => {
    const row = await db
      .insertInto('entities')
      .values({ station_id: station, kind, key })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const queue = await entity('queue', 'support');
  const operator = await entity('operator', 'SIP/101');
  /** The g-th call's start plus `offset`. */
  const at = (offset: string): ReturnType<typeof sql.raw> =>
    sql.raw(
      `'${YEAR_START.toISOString()}'::timestamptz + g * interval '5 minutes' + interval '${offset}'`,
    );
  await sql`insert into calls (id, station_id, started_at, ended_at, direction, outcome, record, attrs)
    select 'c' || g, ${station}, ${at('0 s')}, ${at('3 minutes')}, 'inbound', 'answered', '{}', '{}'
    from generate_series(1, ${YEAR_ROWS}) g`.execute(db);
  await sql`insert into queue_visits (call_id, idx, queue_id, server, caller_uniqueid, joined_at, left_at,
                                      position, outcome, wait_ms, talk_ms, answered_by_id)
    select 'c' || g, 0, ${queue}, 'pbx1', g::text, ${at('0 s')}, ${at('20 s')},
           1, 'answered', 20000, 160000, ${operator}
    from generate_series(1, ${YEAR_ROWS}) g`.execute(db);
  await sql`insert into agent_attempts (call_id, visit_idx, idx, operator_id, interface, member_name,
                                        started_at, ended_at, result)
    select 'c' || g, 0, 0, ${operator}, 'SIP/101', 'Anna', ${at('5 s')}, ${at('20 s')}, 'answered'
    from generate_series(1, ${YEAR_ROWS}) g`.execute(db);
  await sql`insert into operator_intervals (station_id, operator_id, kind, state, started_at, ended_at)
    select ${station}, ${operator}, 'state', 'talking', ${at('0 s')}, ${at('3 minutes')}
    from generate_series(1, ${YEAR_ROWS}) g`.execute(db);
  return station;
}
