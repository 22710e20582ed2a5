// Reports in the browser: 30 days × 20,000 calls a day in PostgreSQL, the
// web server with the built app, and Debian's Chromium (playwright-core).
// For the queue summary and the operator report it prints the time from
// the data being in the browser's cache (a fresh page, a new worker) to
// the report on screen, with the worker's read, decode and aggregation
// times (a table is decoded as soon as it is read, while the others are
// still being read: "read" is the wait that decoding did not hide); and
// the same reports from JSON of the same rows (`?source=json`), the naive
// way, in the same run, with the bytes each sent over the wire. The app
// reads both reports from the server's hourly sums (queue-hours,
// operator-hours; closed days in blocks); `?source=rows` is the report
// from every Arrow row, as the app read it before, printed too: the
// Arrow-against-JSON figure for the very same rows. The three must give
// the same tables, or the run fails. The days are one simulated day moved
// by whole days, each call and each operator by up to 20 minutes more, so
// no two days are alike.
//
// Run: npm run bench:report-browser [-- --calls N --days N --zone Z]
// (`--zone Asia/Kolkata`: a station and a browser whose hours begin at
// half past UTC's). Needs `npm run build` (the bench script runs it) and
// Debian's chromium (CHROMIUM_PATH). PostgreSQL is PG_TEST_URL; a fresh
// database is made for the run and dropped afterwards.

import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { silentLog } from '@callboard/ingest';
import { buildApp, hashPassword } from '@callboard/server';
import { Store } from '@callboard/store';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { freshPostgres } from '../../test/support/databases.js';
import { repoRoot } from '../../test/support/traces.js';
import {
  DAY_MS,
  jitterMs,
  movedCall,
  movedInterval,
  oneDay,
  storeCallsDirect,
} from '../support/month.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '20000' },
    days: { type: 'string', default: '30' },
    rounds: { type: 'string', default: '5' },
    // The station's zone and the browser's: Asia/Kolkata for hours from half past UTC's.
    zone: { type: 'string', default: 'UTC' },
  },
});
const ZONE = values.zone;
const CALLS = Number(values.calls);
const DAYS = Number(values.days);
const ROUNDS = Number(values.rounds);
const START = Date.UTC(2026, 9, 1);
const TARGET_MS = 300;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const mib = (n: number): string => `${(n / 2 ** 20).toFixed(1)} MiB`;
const dayName = (k: number): string => new Date(START + k * DAY_MS).toISOString().slice(0, 10);

let t0 = performance.now();
const day = oneDay(CALLS, START);
console.log(
  `one day: ${fmt(day.calls.length)} calls, ${fmt(day.intervals.length)} operator intervals, made in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const database = await freshPostgres();
const store = await Store.open({ url: database.url });
await store.station('pbx1', ZONE);
t0 = performance.now();
// Each day's calls and each operator's day moved by up to 20 minutes: no two days alike.
const JITTER_MS = 20 * 60_000;
for (let k = 0; k < DAYS; k++) {
  await storeCallsDirect(
    store,
    'pbx1',
    day.calls.map((c) => movedCall(c, k, jitterMs(`${c.id}/${k}`, JITTER_MS))),
  );
  await store.writeDerived({
    calls: [],
    intervals: day.intervals.map((i) =>
      movedInterval(i, k, jitterMs(`${i.operator}/${k}`, JITTER_MS)),
    ),
  });
}
console.log(`stored ${DAYS} days in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// Every day of the month is closed by the server's clock: immutable, kept by the browser.
const now = START + (DAYS + 3) * DAY_MS;
const app = await buildApp({
  store,
  log: silentLog,
  clock: () => now,
  webRoot: join(repoRoot, 'packages/web/dist'),
});
await app.listen({ host: '127.0.0.1', port: 0 });
const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
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
  new Date(now),
);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});

interface Run {
  readonly renderedMs: number;
  readonly loadMs: number;
  readonly decodeMs: number;
  readonly aggregateMs: number;
  readonly fromCache: number;
  readonly fetched: number;
}

async function signIn(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel('Login').fill('bench');
  await page.getByLabel('Password').fill('bench password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}

async function run(page: Page, kind: string, source: string): Promise<Run> {
  const path = `/reports?report=${kind}&from=${dayName(0)}&to=${dayName(DAYS - 1)}${source === 'arrow' ? '' : `&source=${source}`}`;
  await page.goto(url + path);
  const body = page.locator('.report-body[data-rendered-ms]');
  await body.waitFor({ timeout: 600_000 });
  const n = async (a: string): Promise<number> => Number(await body.getAttribute(a));
  return {
    renderedMs: await n('data-rendered-ms'),
    loadMs: await n('data-load-ms'),
    decodeMs: await n('data-decode-ms'),
    aggregateMs: await n('data-aggregate-ms'),
    fromCache: await n('data-from-cache'),
    fetched: await n('data-fetched'),
  };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

console.log(
  `\nreports in Chromium over ${DAYS} days × ${fmt(day.calls.length)} calls, zone ${ZONE} (median of ${ROUNDS} fresh pages with the data in the browser's cache):`,
);
type Source = 'arrow' | 'rows' | 'json';
interface Result {
  readonly runs: Partial<Record<Source, Run>>;
  readonly wire: Record<Source, number>;
}
const results: Record<string, Result> = {};
const work = (r: Run): number => r.decodeMs + r.aggregateMs;
const ratio = (a: number, b: number): number => a / Math.max(1, b);
for (const kind of ['queues', 'operators']) {
  const per: Partial<Record<Source, Run>> = {};
  const wire: Record<Source, number> = { arrow: 0, rows: 0, json: 0 };
  const tables: Partial<Record<Source, string>> = {};
  const firsts: Partial<Record<Source, Run>> = {};
  const sources: readonly Source[] = ['arrow', 'rows', 'json'];
  for (const source of sources) {
    const context = await browser.newContext({ timezoneId: ZONE, locale: 'en-US' });
    const page = await signIn(context);
    // The first page fetches the month (counting what crossed the wire); then every page reads the cache.
    page.on('requestfinished', (req) => {
      if (!req.url().includes('/api/report/')) return;
      void req.sizes().then((s) => (wire[source] += s.responseBodySize));
    });
    const cold = await run(page, kind, source);
    if (cold.fetched === 0) throw new Error('the first page fetched nothing');
    firsts[source] = cold;
    tables[source] = (await page.locator('.report-body table').allInnerTexts()).join('\n');
    const warm: Run[] = [];
    for (let r = 0; r < ROUNDS; r++) warm.push(await run(page, kind, source));
    if (warm.some((w) => w.fetched > 0)) throw new Error('a warm page fetched from the server');
    per[source] = {
      renderedMs: median(warm.map((w) => w.renderedMs)),
      loadMs: median(warm.map((w) => w.loadMs)),
      decodeMs: median(warm.map((w) => w.decodeMs)),
      aggregateMs: median(warm.map((w) => w.aggregateMs)),
      fromCache: warm[0]?.fromCache ?? 0,
      fetched: 0,
    };
    await context.close();
  }
  // Timed or not, a report is worth nothing unless its figures are right: the three agree.
  for (const source of sources)
    if (!tables[source] || tables[source] !== tables.json)
      throw new Error(`${kind}: the tables from ${source} differ from those from JSON of the rows`);
  results[kind] = { runs: per, wire };
  const line = (name: string, r: Run): string =>
    `    ${name.padEnd(5)} cache → rendered ${fmt(r.renderedMs).padStart(6)} ms   (read ${fmt(r.loadMs)} ms, decode ${fmt(r.decodeMs)} ms, aggregate ${fmt(r.aggregateMs)} ms; ${r.fromCache} tables)`;
  console.log(`  ${kind === 'queues' ? 'queue summary' : 'operator report'}:`);
  for (const source of sources) {
    const r = per[source];
    if (r) console.log(line(source, r));
  }
  // The first page of each: nothing in the browser or the server's memory, every table built.
  console.log(
    `    first page, built by the server and fetched: ${sources
      .map((x) => `${x} ${fmt(firsts[x]?.renderedMs ?? 0)} ms (${firsts[x]?.fetched ?? 0} tables)`)
      .join(', ')}`,
  );
  const json = per.json;
  for (const source of sources.filter((x) => x !== 'json')) {
    const r = per[source];
    if (!r || !json) continue;
    console.log(
      `    ${source} against json: on the wire (br) ${mib(wire[source])} against ${mib(wire.json)} → ${ratio(wire.json, wire[source]).toFixed(1)}× smaller;` +
        ` decode + aggregate ${fmt(work(r))} ms against ${fmt(work(json))} ms → ${ratio(work(json), work(r)).toFixed(1)}× faster`,
    );
  }
}

console.log('\ntargets (the app, `arrow`, against JSON of the rows):');
for (const [kind, r] of Object.entries(results)) {
  const arrow = r.runs.arrow;
  const json = r.runs.json;
  if (!arrow || !json) throw new Error('a run is missing');
  const speed = ratio(work(json), work(arrow));
  const smaller = ratio(r.wire.json, r.wire.arrow);
  const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  console.log(
    `  ${kind}: ≤ ${TARGET_MS} ms from cache to rendered: ${verdict(arrow.renderedMs <= TARGET_MS)} (${fmt(arrow.renderedMs)} ms);` +
      ` ≥ 10× smaller on the wire: ${verdict(smaller >= 10)} (${smaller.toFixed(1)}×);` +
      ` ≥ 20× faster to decode and aggregate: ${verdict(speed >= 20)} (${speed.toFixed(1)}×)`,
  );
}

await browser.close();
await app.close();
await store.close();
await database.drop();
