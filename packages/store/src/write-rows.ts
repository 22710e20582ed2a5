// One write of derived rows, in the caller's transaction, with the hourly
// roll-ups following them (rollups.ts): calls and intervals stored for the
// first time are added to their hours; the hours of a call written again,
// where it was and where it is, are recomputed; every hour touched gets a
// new version. The advisory lock keeps two writers (the ingest, a rebuild)
// from reading each other's half-written rows.

import type { CallRecord, OperatorInterval } from '@callboard/tracker';
import type { Transaction } from 'kysely';
import { writeCalls, writeIntervals } from './derived.js';
import type { Resolve } from './entities.js';
import { addCalls, followWrite, lockDerived, recordSpans, storedCallSpans } from './rollups.js';
import type { Database } from './schema.js';

export async function writeRows(
  trx: Transaction<Database>,
  rows: { readonly calls: readonly CallRecord[]; readonly intervals: readonly OperatorInterval[] },
  stationId: (station: string) => number,
  resolve: Resolve,
  serverId: (server: string) => number | undefined,
): Promise<void> {
  const { calls, intervals } = rows;
  await lockDerived(trx);
  const before = await storedCallSpans(
    trx,
    calls.map((c) => c.id),
  );
  await writeCalls(trx, calls, stationId, resolve, serverId, before);
  await writeIntervals(trx, intervals, stationId, resolve);
  await addCalls(
    trx,
    calls.filter((c) => !before.has(c.id)),
    stationId,
    resolve,
  );
  const again = calls.filter((c) => before.has(c.id));
  await followWrite(
    trx,
    [...before.values(), ...recordSpans(again, [], stationId)],
    [...before.values(), ...recordSpans(calls, intervals, stationId)],
  );
}
