// The hourly sums in blocks of days (GET /api/report/queue-hours and
// operator-hours with `days`): a block is its days' tables one after
// another, in Arrow and JSON alike, cut to the caller's view; closed only
// when its last day is; and only the sums come so. Four days of the
// synthetic call center at a station in India, whose midnights fall on the
// half hour of UTC. On PGlite and PostgreSQL, over a socket.

import { tableFromIPC, type Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../../test/support/databases.js';
import { simulated } from '../../../test/support/simulated.js';
import { Harness, type Client } from './harness.js';

const DAY_MS = 86_400_000;
const DAYS = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'];

function rowsOf(table: Table): Record<string, unknown>[] {
  return table.toArray().map((r: { toJSON(): Record<string, unknown> }) => r.toJSON());
}

async function rows(c: Client, path: string): Promise<Record<string, unknown>[]> {
  const a = await c.send('GET', path);
  expect(a.status, a.text).toBe(200);
  return rowsOf(tableFromIPC(a.bytes));
}

describe.each(DATABASE_KINDS)('report data in blocks of days on %s', (kind) => {
  let h: Harness;
  let admin: Client;
  let sup: Client;

  beforeAll(async () => {
    h = await Harness.start(kind);
    h.clock.now = Date.UTC(2026, 11, 1, 12);
    await h.store.station('pbx1', 'Asia/Kolkata');
    // From the evening before the first day (Kolkata) to past the last one.
    const made = simulated(600, Date.UTC(2026, 10, 19, 12), 5 * DAY_MS);
    await h.store.writeDerived(made);
    admin = await h.as('admin');
    sup = await h.as('sup-in');
  }, 120_000);
  afterAll(async () => {
    await h.close();
  });

  const path = (table: string, day: string, extra = '') =>
    `/api/report/${table}?station=pbx1&day=${day}${extra}`;

  for (const table of ['queue-hours', 'operator-hours'])
    it(`${table}: a block equals its days' tables one after another`, async () => {
      // By UTC hours, and by Kolkata's own (from half past each UTC hour).
      for (const c of [admin, sup])
        for (const minute of ['', '&minute=30']) {
          const days = await Promise.all(DAYS.map((d) => rows(c, path(table, d, minute))));
          // Every day has rows of its own: the block is not one day's table.
          for (const d of days) expect(d.length).toBeGreaterThan(0);
          const first = DAYS[0] ?? '';
          const block = await rows(c, path(table, first, `&days=${DAYS.length}${minute}`));
          expect(block).toEqual(days.flat());
          const hours = new Set(block.map((r) => Number(r.hour) % 3_600_000));
          expect(hours).toEqual(new Set([minute === '' ? 0 : 1_800_000]));
          const json = await c.send('GET', path(table, first, `&days=4${minute}&format=json`));
          expect(json.json).toEqual(block);
        }
      // The supervisor's block holds their queue only; the admin's more.
      const mine = await rows(sup, path(table, DAYS[0] ?? '', '&days=4'));
      expect(new Set(mine.map((r) => r.queue).filter((q) => q !== null))).toEqual(
        new Set(['support']),
      );
      const all = await rows(admin, path(table, DAYS[0] ?? '', '&days=4'));
      expect(new Set(all.map((r) => r.queue)).size).toBeGreaterThan(2);
    });

  it('a block of closed days is immutable with its own ETag; one that reaches today is not', async () => {
    const one = await admin.send('GET', path('queue-hours', '2026-11-20'));
    const block = await admin.send('GET', path('queue-hours', '2026-11-20', '&days=4'));
    expect(block.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(block.headers.get('etag')).not.toBe(one.headers.get('etag'));
    expect(tableFromIPC(block.bytes).schema.metadata.get('days')).toBe('4');
    const again = await admin.send('GET', path('queue-hours', '2026-11-20', '&days=4'), undefined, {
      'if-none-match': block.headers.get('etag') ?? '',
    });
    expect(again.status).toBe(304);
    // Kolkata's 1 December began at 18:30 UTC on 30 November: still open.
    const open = await admin.send('GET', path('operator-hours', '2026-11-29', '&days=3'));
    expect(open.status).toBe(200);
    expect(open.headers.get('cache-control')).toBe('private, no-cache');
  });

  it('only the sums come in blocks, of 1 to 32 days, and by hours from a quarter past', async () => {
    for (const [p, status] of [
      [path('queue-visits', '2026-11-20', '&days=2'), 400],
      [path('operator-intervals', '2026-11-20', '&days=2'), 400],
      [path('queue-hours', '2026-11-20', '&days=33'), 400],
      [path('queue-hours', '2026-11-20', '&days=0'), 400],
      [path('queue-hours', '2026-11-20', '&days=two'), 400],
      [path('queue-visits', '2026-11-20', '&days=1'), 200],
      [path('calls', '2026-11-20', '&minute=30'), 400],
      [path('queue-hours', '2026-11-20', '&minute=20'), 400],
      [path('queue-hours', '2026-11-20', '&minute=60'), 400],
      [path('queue-hours', '2026-11-20', '&days=4&minute=30'), 200],
      [path('operator-hours', '2026-11-01', '&days=32'), 200],
    ] as const) {
      const a = await admin.send('GET', p);
      expect(a.status, p).toBe(status);
      if (status === 400) expect(a.text).toMatch(/querystring\.(days|minute)/);
    }
  });
});
