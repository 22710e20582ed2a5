// `callboard rebuild --since DATE`: the tracker run again over the journal
// (after a tracker fix) and the calls and intervals from DATE on replaced.
// The run starts `lookbackMs` before DATE, so that calls in flight at DATE
// are rebuilt whole; calls that started before DATE are left as they are,
// and calls still in flight at the end of the journal are left to the live
// tracker.

import { AmiParser } from '@callboard/ami';
import { decodeEntries, type Store } from '@callboard/store';
import {
  Tracker,
  type CallRecord,
  type OperatorInterval,
  type TrackerConfig,
} from '@callboard/tracker';
import type { Log } from './log.js';
import { ReceiveOrder } from './merge.js';

export interface RebuildResult {
  readonly messages: number;
  readonly calls: number;
  readonly intervals: number;
}

export async function rebuild(
  store: Store,
  config: TrackerConfig,
  since: Date,
  log: Log,
  lookbackMs = 6 * 3600_000,
): Promise<RebuildResult> {
  const servers = await store.serverNames();
  const tracker = new Tracker({
    ...config,
    live: false,
    servers: [...new Set([...(config.servers ?? []), ...servers.values()])],
  });
  const order = new ReceiveOrder(2000, [...servers.values()]);
  const parser = new AmiParser({ banner: false });
  const calls: CallRecord[] = [];
  const intervals: OperatorInterval[] = [];
  let messages = 0;
  const take = (effects: ReturnType<Tracker['push']>): void => {
    for (const e of effects) {
      if (e.kind === 'call-finished' && Date.parse(e.record.startedAt) >= since.getTime())
        calls.push(e.record);
      else if (e.kind === 'operator-interval' && Date.parse(e.interval.from) >= since.getTime())
        intervals.push(e.interval);
    }
  };
  const feed = (p: { server: string; receivedAt: number; bytes: Uint8Array }): void =>
    parser.push(p.bytes, (item) => {
      if (item.kind !== 'message') return;
      messages++;
      take(tracker.push({ server: p.server, message: item.message, receivedAt: p.receivedAt }));
    });
  let position = await store.journalPositionAt(new Date(since.getTime() - lookbackMs));
  log.info({ since: since.toISOString(), from: position }, 'rebuilding from the journal');
  for (;;) {
    const rows = await store.readJournal(position, 500);
    if (rows.length === 0) break;
    for (const row of rows) {
      const server = servers.get(row.serverId) ?? String(row.serverId);
      for (const e of decodeEntries(row))
        order.add({ server, receivedAt: e.receivedAt, bytes: e.bytes });
      order.release(false, feed);
      position = row.id;
    }
  }
  order.release(true, feed);
  take(tracker.advance(tracker.now + 60_000));
  await store.deleteDerived(since);
  for (let i = 0; i < Math.max(calls.length, intervals.length); i += 1000) {
    await store.writeDerived({
      calls: calls.slice(i, i + 1000),
      intervals: intervals.slice(i, i + 1000),
    });
  }
  return { messages, calls: calls.length, intervals: intervals.length };
}
