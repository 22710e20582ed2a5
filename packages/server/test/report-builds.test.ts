// Report data is built a few days at a time however many are asked at
// once: a browser asks for a month's days together, and unbounded builds
// would queue for the store's few pooled connections past their timeout.
// A real Fastify server on a real port answers through `answer()`; each
// build is a stand-in that takes a while and counts how many run at once.

import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ReportCache } from '../src/report/cache.js';
import { answer, CONCURRENT_BUILDS } from '../src/report/respond.js';

const app = Fastify();
let running = 0;
let most = 0;
let built = 0;
let base = '';

beforeAll(async () => {
  const cache = new ReportCache();
  app.get<{ Params: { day: string } }>('/day/:day', async (req, reply) =>
    answer(req, reply, cache, {
      etag: `"${req.params.day}"`,
      closed: true,
      cacheKey: req.params.day,
      headers: {},
      build: async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running--;
        built++;
        return { body: new TextEncoder().encode(req.params.day), type: 'text/plain' };
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
