// DELETE /api/directory/<kind>/:id, the same for every kind of row (admins
// only): the row goes unless something still refers to it (409); audited
// by the kind's own remove function.

import type { User } from '@callboard/store';
import { Type } from 'typebox';
import type { App, Ctx } from '../context.js';
import { ApiError } from '../errors.js';
import { EDIT_ERRORS, IdParams } from './directory-schemas.js';

export function deleteRoute(
  app: App,
  ctx: Ctx,
  path: string,
  summary: string,
  remove: (ctx: Ctx, user: User, id: number) => Promise<void>,
): void {
  app.delete(
    `${path}/:id`,
    {
      schema: {
        tags: ['directory'],
        summary,
        params: IdParams,
        response: { 204: Type.Null(), ...EDIT_ERRORS },
      },
      config: { access: ['admin'] },
    },
    async (req, reply) => {
      if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
      req.audited = true;
      await remove(ctx, req.auth.user, req.params.id);
      return reply.status(204).send(null);
    },
  );
}
