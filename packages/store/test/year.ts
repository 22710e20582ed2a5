// What the tests of a year's volume share: a station with one queue and one
// operator to hang a year of rows on.

import type { Store } from '@callboard/store';

export interface YearStation {
  readonly station: number;
  readonly queue: number;
  readonly operator: number;
}

/** Station `s1`, with the queue `support` and the operator `SIP/101`. */
export async function yearStation(store: Store): Promise<YearStation> {
  const station = await store.station('s1');
  const entity = async (kind: 'queue' | 'operator', key: string): Promise<number> => {
    const row = await store.db.kysely
      .insertInto('entities')
      .values({ station_id: station, kind, key })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  return {
    station,
    queue: await entity('queue', 'support'),
    operator: await entity('operator', 'SIP/101'),
  };
}
