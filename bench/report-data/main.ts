// A month of report data: 20,000 calls a day for 30 days in PostgreSQL,
// served by the web server as Arrow IPC (GET /api/report/calls, one request
// a day) beside the baseline of the same rows as JSON (format=json), in the
// same run. Prints the month's bytes (raw, gzip, br) and the server's time
// for both. The day is made once by the synthetic call center through the
// tracker; the other days are copies of its calls shifted by whole days,
// with fresh ids.
//
// Run: npm run bench:report-data [-- --calls N --days N]
// The PostgreSQL server is PG_TEST_URL (default postgres://postgres@127.0.0.1:5432/test);
// a fresh database is made for the run and dropped afterwards.

import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { silentLog } from '@callboard/ingest';
import { buildApp, hashPassword } from '@callboard/server';
import { Store } from '@callboard/store';
import { freshPostgres } from '../../test/support/databases.js';
import { DAY_MS, movedCall, oneDay, storeCallsDirect } from '../support/month.js';

const { values } = parseArgs({
  options: { calls: { type: 'string', default: '20000' }, days: { type: 'string', default: '30' } },
});
const CALLS = Number(values.calls);
const DAYS = Number(values.days);
const START = Date.UTC(2026, 9, 1);
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const mib = (n: number): string => `${(n / 2 ** 20).toFixed(2)} MiB`;

// One day through the tracker.
let t0 = performance.now();
const day = oneDay(CALLS, START);
console.log(
  `one day: ${fmt(day.calls.length)} calls generated and tracked in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

// The month in PostgreSQL: the calls table only, which the report of calls reads.
// One day more: the warm-up day (the code's first run is not timed).
const database = await freshPostgres();
const store = await Store.open({ url: database.url });
await store.station('pbx1', 'UTC');
t0 = performance.now();
for (let k = 0; k <= DAYS; k++)
  await storeCallsDirect(
    store,
    'pbx1',
    day.calls.map((c) => movedCall(c, k)),
  );
console.log(
  `stored ${DAYS} days (${fmt(day.calls.length * DAYS)} calls) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

// The server, signed in as an admin; its clock is past the month, so every day is closed.
const app = await buildApp({ store, log: silentLog, clock: () => START + (DAYS + 3) * DAY_MS });
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address() as AddressInfo;
await store.users.add(
  {
    login: 'bench',
    displayName: 'bench',
    passwordHash: await hashPassword('bench password'),
    role: 'admin',
    operatorId: null,
    queues: [],
    rights: [],
  },
  new Date(START + (DAYS + 3) * DAY_MS),
);

interface Got {
  readonly status: number;
  readonly bytes: number;
  readonly ms: number;
  readonly cookie: string | undefined;
}

function get(
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  body?: string,
): Promise<Got> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Uint8Array) => (bytes += chunk.length));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          bytes,
          ms: performance.now() - started,
          cookie: res.headers['set-cookie']?.[0]?.split(';')[0],
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const login = await get(
  '/api/login',
  { 'content-type': 'application/json' },
  'POST',
  JSON.stringify({ login: 'bench', password: 'bench password' }),
);
const cookie = login.cookie ?? '';
const dayName = (k: number): string => new Date(START + k * DAY_MS).toISOString().slice(0, 10);

const ENCODINGS = ['identity', 'gzip', 'br', 'cached'] as const;
type Totals = Record<(typeof ENCODINGS)[number], { bytes: number; ms: number }>;

/**
 * Each day asked four times in a row: built (the first ask), then gzip, br
 * and identity again, which the server answers from its cache of closed
 * days (compressing the cached bytes for the first two).
 */
async function month(format: 'arrow' | 'json'): Promise<Totals> {
  const totals = Object.fromEntries(ENCODINGS.map((e) => [e, { bytes: 0, ms: 0 }])) as Totals;
  for (let k = 0; k < DAYS; k++)
    for (const e of ENCODINGS) {
      const r = await get(`/api/report/calls?station=pbx1&day=${dayName(k)}&format=${format}`, {
        cookie,
        'accept-encoding': e === 'cached' ? 'identity' : e,
      });
      if (r.status !== 200) throw new Error(`${format} ${dayName(k)}: ${r.status}`);
      totals[e].bytes += r.bytes;
      totals[e].ms += r.ms;
    }
  return totals;
}

// The database's pages warm for both: every day read once before timing.
for (let k = 0; k < DAYS; k++)
  await store.reports.calls({
    station: 'pbx1',
    since: new Date(START + k * DAY_MS),
    until: new Date(START + (k + 1) * DAY_MS),
  });

for (const format of ['arrow', 'json'])
  await get(`/api/report/calls?station=pbx1&day=${dayName(DAYS)}&format=${format}`, { cookie });

console.log(
  `a month of calls (${DAYS} requests, one a day), server time summed over requests on 127.0.0.1:`,
);
for (const format of ['arrow', 'json'] as const) {
  const t = await month(format);
  console.log(
    `  ${format.padEnd(5)}  raw ${mib(t.identity.bytes).padStart(10)}  gzip ${mib(t.gzip.bytes).padStart(10)}  br ${mib(t.br.bytes).padStart(10)}` +
      `  |  built ${fmt(t.identity.ms).padStart(6)} ms  then from the cache: gzip ${fmt(t.gzip.ms).padStart(6)} ms  br ${fmt(t.br.ms).padStart(6)} ms  raw ${fmt(t.cached.ms).padStart(5)} ms`,
  );
}

await app.close();
await store.close();
await database.drop();
