// GET /api/users: every user (admins only).

import { Type } from 'typebox';
import type { App, Ctx } from '../context.js';
import { publicUser } from '../users/public.js';
import { DENIALS, UserSchema } from './schemas.js';

const schema = {
  tags: ['users'],
  summary: 'List users',
  response: { 200: Type.Object({ users: Type.Array(UserSchema) }), ...DENIALS },
};

export function usersListRoute(app: App, ctx: Ctx): void {
  app.get('/api/users', { schema, config: { access: ['admin'] } }, async () => ({
    users: (await ctx.store.users.list()).map(publicUser),
  }));
}
