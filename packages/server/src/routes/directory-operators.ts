// /api/directory/operators: list, add, change and delete operators (admins
// only): name, monitored, interfaces per server of their station. The key
// does not change; an operator in calls or linked to a user is not deleted
// (mark them not monitored instead).

import { Type } from 'typebox';
import type { App, Ctx } from '../context.js';
import { addOperator, changeOperator, removeOperator } from '../directory/operators.js';
import { ApiError } from '../errors.js';
import { deleteRoute } from './directory-delete.js';
import {
  EDIT_ERRORS,
  IdParams,
  Interfaces,
  OperatorKey,
  OperatorSchema,
  PeopleText,
  StationName,
} from './directory-schemas.js';
import { DENIALS } from './schemas.js';

const PATH = '/api/directory/operators';
const config = { access: ['admin'] } as const;
const tags = ['directory'];

export function directoryOperatorsRoute(app: App, ctx: Ctx): void {
  app.get(
    PATH,
    {
      schema: {
        tags,
        summary: 'List operators with their interfaces',
        querystring: Type.Object(
          { station: Type.Optional(StationName) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ operators: Type.Array(OperatorSchema) }), ...DENIALS },
      },
      config,
    },
    async (req) => ({
      operators: await ctx.store.directoryEdits.operators(
        req.query.station === undefined ? {} : { station: req.query.station },
      ),
    }),
  );
  app.post(
    PATH,
    {
      schema: {
        tags,
        summary: 'Add an operator',
        body: Type.Object(
          {
            station: StationName,
            key: OperatorKey,
            name: PeopleText,
            monitored: Type.Boolean({ default: true }),
            interfaces: Type.Optional(Interfaces),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ operator: OperatorSchema }), ...EDIT_ERRORS },
      },
      config,
    },
    async (req, reply) => {
      if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
      req.audited = true;
      const operator = await addOperator(ctx, req.auth.user, {
        ...req.body,
        interfaces: req.body.interfaces ?? [],
      });
      return reply.status(201).send({ operator });
    },
  );
  app.patch(
    `${PATH}/:id`,
    {
      schema: {
        tags,
        summary: 'Change an operator',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(PeopleText),
            monitored: Type.Optional(Type.Boolean()),
            interfaces: Type.Optional(Interfaces),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Type.Object({ operator: OperatorSchema }), ...EDIT_ERRORS },
      },
      config,
    },
    async (req) => {
      if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
      req.audited = true;
      return { operator: await changeOperator(ctx, req.auth.user, req.params.id, req.body) };
    },
  );
  deleteRoute(app, ctx, PATH, 'Delete an operator', removeOperator);
}
