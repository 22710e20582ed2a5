// /api/directory/pause-reasons: list, add, change and delete pause reasons:
// the code Asterisk is sent, the label people read. Admins and supervisors
// list them (the wallboard's pause offers them); only admins edit them.

import { Type } from 'typebox';
import type { App, Ctx } from '../context.js';
import {
  addPauseReason,
  changePauseReason,
  removePauseReason,
} from '../directory/pause-reasons.js';
import { ApiError } from '../errors.js';
import { deleteRoute } from './directory-delete.js';
import {
  EDIT_ERRORS,
  IdParams,
  PauseCode,
  PauseReasonSchema,
  PeopleText,
} from './directory-schemas.js';
import { DENIALS } from './schemas.js';

const PATH = '/api/directory/pause-reasons';
const config = { access: ['admin'] } as const;
const readConfig = { access: ['admin', 'supervisor'] } as const;
const tags = ['directory'];

export function directoryPauseReasonsRoute(app: App, ctx: Ctx): void {
  app.get(
    PATH,
    {
      schema: {
        tags,
        summary: 'List pause reasons',
        response: { 200: Type.Object({ pauseReasons: Type.Array(PauseReasonSchema) }), ...DENIALS },
      },
      config: readConfig,
    },
    async () => ({ pauseReasons: await ctx.store.directoryEdits.pauseReasons() }),
  );
  app.post(
    PATH,
    {
      schema: {
        tags,
        summary: 'Add a pause reason',
        body: Type.Object({ code: PauseCode, label: PeopleText }, { additionalProperties: false }),
        response: { 201: Type.Object({ pauseReason: PauseReasonSchema }), ...EDIT_ERRORS },
      },
      config,
    },
    async (req, reply) => {
      if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
      req.audited = true;
      const pauseReason = await addPauseReason(ctx, req.auth.user, req.body);
      return reply.status(201).send({ pauseReason });
    },
  );
  app.patch(
    `${PATH}/:id`,
    {
      schema: {
        tags,
        summary: 'Change a pause reason',
        params: IdParams,
        body: Type.Object(
          { code: Type.Optional(PauseCode), label: Type.Optional(PeopleText) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Type.Object({ pauseReason: PauseReasonSchema }), ...EDIT_ERRORS },
      },
      config,
    },
    async (req) => {
      if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
      req.audited = true;
      return {
        pauseReason: await changePauseReason(ctx, req.auth.user, req.params.id, req.body),
      };
    },
  );
  deleteRoute(app, ctx, PATH, 'Delete a pause reason', removePauseReason);
}
