// PATCH /api/users/:id: change a user's name, role, scope, rights, password
// or disabled flag (admins only). A new password or disabling ends the
// user's sessions; the last admin stays an admin.

import { Type } from 'typebox';
import type { App, Ctx } from '../context.js';
import { ApiError } from '../errors.js';
import { changeUser, MIN_PASSWORD } from '../users/manage.js';
import { publicUser } from '../users/public.js';
import { DENIALS, ErrorSchema, RightSchema, RoleSchema, UserSchema } from './schemas.js';

const schema = {
  tags: ['users'],
  summary: 'Change a user',
  params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
  body: Type.Object(
    {
      displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      role: Type.Optional(RoleSchema),
      operatorId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
      queues: Type.Optional(
        Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 1000 }),
      ),
      rights: Type.Optional(Type.Array(RightSchema, { uniqueItems: true })),
      password: Type.Optional(Type.String({ minLength: MIN_PASSWORD, maxLength: 1024 })),
      disabled: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  response: {
    200: Type.Object({ user: UserSchema }),
    400: ErrorSchema,
    404: ErrorSchema,
    409: ErrorSchema,
    ...DENIALS,
  },
};

export function usersUpdateRoute(app: App, ctx: Ctx): void {
  app.patch('/api/users/:id', { schema, config: { access: ['admin'] } }, async (req) => {
    if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
    req.audited = true;
    const user = await changeUser(
      ctx.store,
      ctx.clock,
      { user: req.auth.user },
      req.params.id,
      req.body,
    );
    return { user: publicUser(user) };
  });
}
