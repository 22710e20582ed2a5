// GET /metrics: Prometheus text. For admins signed in, or a scraper that
// sends `Authorization: Bearer <server.metricsToken>`.

import { Type } from 'typebox';
import type { App, Ctx } from '../context.js';
import { DENIALS } from './schemas.js';

const schema = {
  tags: ['server'],
  summary: 'Prometheus metrics',
  produces: ['text/plain'],
  response: { 200: Type.String(), ...DENIALS },
};

export function metricsRoute(app: App, ctx: Ctx): void {
  app.get(
    '/metrics',
    { schema, config: { access: ['admin'], bearer: 'metrics' } },
    async (_req, reply) => {
      const text = await ctx.registry.metrics();
      return reply.type(ctx.registry.contentType).send(text);
    },
  );
}
