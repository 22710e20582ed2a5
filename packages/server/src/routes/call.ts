// GET /api/calls/:id: one stored call as the caller may see it (cut to the
// view, calls/view.ts). A call outside the view is "not found", the same as
// one that does not exist: its existence is not for everyone to learn.

import { Type } from 'typebox';
import { visibleCall } from '../calls/view.js';
import type { App, Ctx } from '../context.js';
import { ApiError } from '../errors.js';
import { scopeOf } from '../scope.js';
import { DENIALS, ErrorSchema } from './schemas.js';

const schema = {
  tags: ['calls'],
  summary: 'One call record, cut to the view',
  params: Type.Object(
    { id: Type.String({ minLength: 1, maxLength: 600 }) },
    { additionalProperties: false },
  ),
  response: {
    200: Type.Object({
      call: Type.Unknown({ description: 'a call record (docs/call-record.md), cut to the view' }),
    }),
    400: ErrorSchema,
    404: ErrorSchema,
    ...DENIALS,
  },
};

export function callRoute(app: App, ctx: Ctx): void {
  app.get('/api/calls/:id', { schema, config: { access: 'signed-in' } }, async (req) => {
    if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
    const stored = await ctx.store.call(req.params.id);
    const scope = scopeOf(req.auth.user, await ctx.store.operatorRefs());
    const seen = stored ? visibleCall(stored, scope) : undefined;
    if (!seen) throw new ApiError('not_found', 'no such call');
    return { call: seen };
  });
}
