// Stored calls as one user may see them: read in start order a page at a
// time, each cut to the user's view (view.ts), until `limit` are found.

import type { Store } from '@callboard/store';
import type { CallRecord } from '@callboard/tracker';
import type { Scope } from '../scope.js';
import { visibleCall } from './view.js';

export interface CallFilter {
  readonly since?: Date;
  readonly until?: Date;
  readonly station?: string;
  /** Only calls that visited this queue (and, cut to the view, still show the visit). */
  readonly queue?: string;
  readonly limit: number;
}

export interface CallPage {
  readonly calls: CallRecord[];
  /** More calls match after the last one (ask again with `since` past its start). */
  readonly more: boolean;
}

const PAGE = 500;

export async function readVisibleCalls(
  store: Store,
  scope: Scope,
  filter: CallFilter,
): Promise<CallPage> {
  const calls: CallRecord[] = [];
  const range = {
    ...(filter.since ? { since: filter.since } : {}),
    ...(filter.until ? { until: filter.until } : {}),
  };
  for await (const page of store.callPages(range, PAGE)) {
    for (const call of page) {
      if (filter.station !== undefined && call.station !== filter.station) continue;
      const seen = visibleCall(call, scope);
      if (!seen) continue;
      if (filter.queue !== undefined && !seen.queueVisits.some((v) => v.queue === filter.queue))
        continue;
      if (calls.length === filter.limit) return { calls, more: true };
      calls.push(seen);
    }
  }
  return { calls, more: false };
}
