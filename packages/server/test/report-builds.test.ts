// Report data is built a few days at a time however many are asked at
// once: a browser asks for a month's days together, and unbounded builds
// would queue for the store's few pooled connections past their timeout.
// A block of days is built a day at a time in the same turns, two of its
// days at once, beside the day tables, and never waits on itself. A real
// Fastify server on a real port answers through `answer()`; each build is
// a stand-in that takes a while and counts how many run at once.

import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ReportCache } from '../src/report/cache.js';
import { answer, CONCURRENT_BUILDS, inTurn } from '../src/report/respond.js';

const app = Fastify();
let running = 0;
let most = 0;
let built = 0;
let base = '';

async function aDay(day: string): Promise<string> {
  running++;
  most = Math.max(most, running);
  await new Promise((resolve) => setTimeout(resolve, 20));
  running--;
  built++;
  return day;
}

beforeAll(async () => {
  const cache = new ReportCache();
  app.get<{ Params: { day: string } }>('/day/:day', async (req, reply) =>
    answer(req, reply, cache, {
      etag: `"${req.params.day}"`,
      closed: true,
      cacheKey: req.params.day,
      headers: {},
      build: async () => ({
        body: new TextEncoder().encode(await aDay(req.params.day)),
        type: 'text/plain',
      }),
    }),
  );
  app.get<{ Params: { from: string; days: string } }>('/block/:from/:days', async (req, reply) =>
    answer(req, reply, cache, {
      etag: `"${req.params.from}+${req.params.days}"`,
      closed: true,
      cacheKey: `${req.params.from}+${req.params.days}`,
      headers: {},
      inTurns: true,
      build: async () => {
        const days = Array.from({ length: Number(req.params.days) }, (_, k) =>
          inTurn(() => aDay(`${req.params.from}/${k}`)),
        );
        return {
          body: new TextEncoder().encode((await Promise.all(days)).join()),
          type: 'text/plain',
        };
      },
    }),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(() => app.close());

it('builds at most a few days at once, and answers every one', async () => {
  const days = Array.from({ length: 31 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`);
  const bodies = await Promise.all(
    days.map(async (d) => {
      const res = await fetch(`${base}/day/${d}`);
      expect(res.status).toBe(200);
      return res.text();
    }),
  );
  expect(bodies).toEqual(days);
  expect(built).toBe(31);
  expect(most).toBe(CONCURRENT_BUILDS);
});

it('builds a block two of its days at a time, beside the days, and answers all', async () => {
  built = 0;
  most = 0;
  const alone = await fetch(`${base}/block/2026-09-01/8`);
  expect(await alone.text()).toBe(Array.from({ length: 8 }, (_, k) => `2026-09-01/${k}`).join());
  expect(most).toBe(CONCURRENT_BUILDS);
  // Blocks and days asked at once, more blocks than turns: none waits on itself.
  built = 0;
  most = 0;
  const asked = [
    '/block/2026-08-01/16',
    '/block/2026-08-17/8',
    '/block/2026-08-25/4',
    '/day/2026-08-29',
    '/day/2026-08-30',
  ];
  const answers = await Promise.all(asked.map((p) => fetch(base + p).then((r) => r.status)));
  expect(answers).toEqual([200, 200, 200, 200, 200]);
  expect(built).toBe(30);
  expect(most).toBe(CONCURRENT_BUILDS);
});
