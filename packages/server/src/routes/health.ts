// GET /api/health: is the server up and its database answering. No sign-in,
// and nothing in it that a stranger should not know.

import { Type } from 'typebox';
import type { App, Ctx } from '../context.js';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  database: Type.Union([Type.Literal('ok'), Type.Literal('down')]),
});
const schema = { tags: ['server'], summary: 'Health', response: { 200: Health, 503: Health } };

export function healthRoute(app: App, ctx: Ctx): void {
  app.get('/api/health', { schema, config: { access: 'public' } }, async (_req, reply) => {
    try {
      await ctx.store.users.count();
      return { status: 'ok' as const, database: 'ok' as const };
    } catch (error) {
      ctx.log.warn({ err: error }, 'health: the database does not answer');
      return reply.status(503).send({ status: 'unavailable', database: 'down' });
    }
  });
}
