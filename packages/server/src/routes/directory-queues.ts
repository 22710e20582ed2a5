// /api/directory/queues: list, add, change and delete queues (admins
// only): name and station (fixed once made), time zone (null: the
// station's), service-level threshold. A queue with visits is not deleted.

import { DEFAULT_SERVICE_LEVEL_SECONDS } from '@callboard/store';
import { Type } from 'typebox';
import type { App, Ctx } from '../context.js';
import { addQueue, changeQueue, removeQueue } from '../directory/queues.js';
import { ApiError } from '../errors.js';
import { deleteRoute } from './directory-delete.js';
import {
  EDIT_ERRORS,
  IdParams,
  QueueName,
  QueueSchema,
  ServiceLevel,
  StationName,
  Zone,
} from './directory-schemas.js';
import { DENIALS } from './schemas.js';

const PATH = '/api/directory/queues';
const config = { access: ['admin'] } as const;
const tags = ['directory'];

export function directoryQueuesRoute(app: App, ctx: Ctx): void {
  app.get(
    PATH,
    {
      schema: {
        tags,
        summary: 'List queues with their settings',
        response: { 200: Type.Object({ queues: Type.Array(QueueSchema) }), ...DENIALS },
      },
      config,
    },
    async () => ({ queues: await ctx.store.directoryEdits.queues() }),
  );
  app.post(
    PATH,
    {
      schema: {
        tags,
        summary: 'Add a queue',
        body: Type.Object(
          {
            station: StationName,
            name: QueueName,
            timezone: Type.Optional(Type.Union([Zone, Type.Null()])),
            serviceLevelSeconds: Type.Optional(ServiceLevel),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ queue: QueueSchema }), ...EDIT_ERRORS },
      },
      config,
    },
    async (req, reply) => {
      if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
      req.audited = true;
      const queue = await addQueue(ctx, req.auth.user, {
        station: req.body.station,
        name: req.body.name,
        timezone: req.body.timezone ?? null,
        serviceLevelSeconds: req.body.serviceLevelSeconds ?? DEFAULT_SERVICE_LEVEL_SECONDS,
      });
      return reply.status(201).send({ queue });
    },
  );
  app.patch(
    `${PATH}/:id`,
    {
      schema: {
        tags,
        summary: 'Change a queue’s time zone or service level',
        params: IdParams,
        body: Type.Object(
          {
            timezone: Type.Optional(Type.Union([Zone, Type.Null()])),
            serviceLevelSeconds: Type.Optional(ServiceLevel),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Type.Object({ queue: QueueSchema }), ...EDIT_ERRORS },
      },
      config,
    },
    async (req) => {
      if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
      req.audited = true;
      return { queue: await changeQueue(ctx, req.auth.user, req.params.id, req.body) };
    },
  );
  deleteRoute(app, ctx, PATH, 'Delete a queue', removeQueue);
}
