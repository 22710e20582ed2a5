// GET /api/me: who is signed in, what they reach, and the CSRF token (a
// reloaded page gets it here again).

import { Type } from 'typebox';
import type { App, Ctx } from '../context.js';
import { ApiError } from '../errors.js';
import { scopeOf } from '../scope.js';
import { publicUser } from '../users/public.js';
import { DENIALS, UserSchema } from './schemas.js';

const schema = {
  tags: ['session'],
  summary: 'The signed-in user',
  response: {
    200: Type.Object({
      user: UserSchema,
      csrfToken: Type.String(),
      operator: Type.Union([
        Type.Object({ station: Type.String(), key: Type.String() }),
        Type.Null(),
      ]),
    }),
    ...DENIALS,
  },
};

export function meRoute(app: App, ctx: Ctx): void {
  app.get('/api/me', { schema, config: { access: 'signed-in' } }, async (req) => {
    if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
    const scope = scopeOf(req.auth.user, await ctx.store.operatorRefs());
    return {
      user: publicUser(req.auth.user),
      csrfToken: req.auth.session.csrfToken,
      operator: scope.self,
    };
  });
}
