// Every trace through collector's journal → tracker → store, on PGlite and
// on PostgreSQL: the stored calls are the records `replay` prints.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayCaptures } from '@callboard/cli';
import { importTraces, silentLog } from '@callboard/ingest';
import { Store } from '@callboard/store';
import { DATABASE_KINDS, fresh, type TestDatabase } from './support/databases.js';
import { traceCaptures, tracesDir } from './support/traces.js';

const folders = [...new Set(traceCaptures().map((c) => c.folder))];

describe.each(DATABASE_KINDS)('import-traces on %s', (kind) => {
  let database: TestDatabase;
  let store: Store;
  const spool = mkdtempSync(join(tmpdir(), 'callboard-spool-'));

  beforeAll(async () => {
    database = await fresh(kind);
    store = await Store.open({ url: database.url });
  });

  afterAll(async () => {
    await store.close();
    await database.drop();
    rmSync(spool, { recursive: true, force: true });
  });

  it.each(folders)('stores %s exactly as replay sees it', async (folder) => {
    const dir = join(tracesDir, folder);
    const expected = replayCaptures([dir]).calls;
    const result = await importTraces(store, [dir], { config: {}, spoolDir: spool }, silentLog);
    expect(result.calls).toBe(expected.length);
    const ids = new Set(expected.map((c) => c.id));
    const all = await store.calls();
    const stored = all.filter((c) => ids.has(c.id));
    const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : 1);
    expect(stored.sort(byId)).toEqual([...expected].sort(byId));
  });
});
