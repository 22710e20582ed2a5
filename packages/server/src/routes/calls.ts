// GET /api/calls: stored call records that started in [since, until), in
// start order, as the caller may see them (calls/view.ts). A supervisor who
// names a queue outside their scope is refused rather than given nothing.

import { Type } from 'typebox';
import { readVisibleCalls } from '../calls/read.js';
import type { App, Ctx } from '../context.js';
import { ApiError } from '../errors.js';
import { scopeOf } from '../scope.js';
import { DENIALS, ErrorSchema } from './schemas.js';

const schema = {
  tags: ['calls'],
  summary: 'Call records, filtered by role and scope',
  querystring: Type.Object(
    {
      since: Type.Optional(Type.String({ format: 'date-time' })),
      until: Type.Optional(Type.String({ format: 'date-time' })),
      station: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      queue: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    },
    { additionalProperties: false },
  ),
  response: {
    200: Type.Object({
      calls: Type.Array(
        Type.Unknown({ description: 'a call record (docs/call-record.md), cut to the view' }),
      ),
      more: Type.Boolean({ description: 'more calls match: ask again from the last one on' }),
    }),
    400: ErrorSchema,
    ...DENIALS,
  },
};

export function callsRoute(app: App, ctx: Ctx): void {
  app.get('/api/calls', { schema, config: { access: 'signed-in' } }, async (req) => {
    if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
    const { since, until, station, queue, limit } = req.query;
    const range = {
      since: since === undefined ? undefined : new Date(since),
      until: until === undefined ? undefined : new Date(until),
    };
    if (range.since && range.until && range.until <= range.since)
      throw new ApiError('invalid', 'querystring.until: must be after since', 'querystring.until');
    const scope = scopeOf(req.auth.user, await ctx.store.operatorRefs());
    if (queue !== undefined && scope.role === 'supervisor' && !scope.reaches(queue, station))
      throw new ApiError('forbidden', `the queue "${queue}" is outside your scope`);
    return readVisibleCalls(ctx.store, scope, {
      ...(range.since ? { since: range.since } : {}),
      ...(range.until ? { until: range.until } : {}),
      ...(station === undefined ? {} : { station }),
      ...(queue === undefined ? {} : { queue }),
      limit,
    });
  });
}
