// POST /api/users: a new user (admins only). Without a password one is made
// and returned in this answer only.

import { Type } from 'typebox';
import type { App, Ctx } from '../context.js';
import { ApiError } from '../errors.js';
import { addUser, LOGIN_PATTERN, MIN_PASSWORD } from '../users/manage.js';
import { publicUser } from '../users/public.js';
import { DENIALS, ErrorSchema, RightSchema, RoleSchema, UserSchema } from './schemas.js';

const schema = {
  tags: ['users'],
  summary: 'Add a user',
  body: Type.Object(
    {
      login: Type.String({ pattern: LOGIN_PATTERN }),
      displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      role: RoleSchema,
      operatorId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
      queues: Type.Optional(
        Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 1000 }),
      ),
      rights: Type.Optional(Type.Array(RightSchema, { uniqueItems: true })),
      password: Type.Optional(Type.String({ minLength: MIN_PASSWORD, maxLength: 1024 })),
    },
    { additionalProperties: false },
  ),
  response: {
    201: Type.Object({
      user: UserSchema,
      password: Type.Optional(
        Type.String({ description: 'the password made for the user: shown once' }),
      ),
    }),
    400: ErrorSchema,
    409: ErrorSchema,
    ...DENIALS,
  },
};

export function usersCreateRoute(app: App, ctx: Ctx): void {
  app.post('/api/users', { schema, config: { access: ['admin'] } }, async (req, reply) => {
    if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
    req.audited = true;
    const { user, generatedPassword } = await addUser(
      ctx.store,
      ctx.clock,
      { user: req.auth.user },
      req.body,
    );
    return reply.status(201).send({
      user: publicUser(user),
      ...(generatedPassword === undefined ? {} : { password: generatedPassword }),
    });
  });
}
