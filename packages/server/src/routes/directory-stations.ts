// /api/directory/stations: list, add, change the time zone of, and delete
// stations (admins only). A station's name does not change; one still
// referred to (servers, operators, calls) is not deleted.

import { Type } from 'typebox';
import type { App, Ctx } from '../context.js';
import { addStation, changeStation, removeStation } from '../directory/stations.js';
import { ApiError } from '../errors.js';
import { deleteRoute } from './directory-delete.js';
import { EDIT_ERRORS, IdParams, StationName, StationSchema, Zone } from './directory-schemas.js';
import { DENIALS } from './schemas.js';

const PATH = '/api/directory/stations';
const config = { access: ['admin'] } as const;
const tags = ['directory'];

export function directoryStationsRoute(app: App, ctx: Ctx): void {
  app.get(
    PATH,
    {
      schema: {
        tags,
        summary: 'List stations',
        response: { 200: Type.Object({ stations: Type.Array(StationSchema) }), ...DENIALS },
      },
      config,
    },
    async () => ({ stations: await ctx.store.directoryEdits.stations() }),
  );
  app.post(
    PATH,
    {
      schema: {
        tags,
        summary: 'Add a station',
        body: Type.Object({ name: StationName, timezone: Zone }, { additionalProperties: false }),
        response: { 201: Type.Object({ station: StationSchema }), ...EDIT_ERRORS },
      },
      config,
    },
    async (req, reply) => {
      if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
      req.audited = true;
      const station = await addStation(ctx, req.auth.user, req.body);
      return reply.status(201).send({ station });
    },
  );
  app.patch(
    `${PATH}/:id`,
    {
      schema: {
        tags,
        summary: 'Change a station’s time zone',
        params: IdParams,
        body: Type.Object({ timezone: Zone }, { additionalProperties: false }),
        response: { 200: Type.Object({ station: StationSchema }), ...EDIT_ERRORS },
      },
      config,
    },
    async (req) => {
      if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
      req.audited = true;
      return { station: await changeStation(ctx, req.auth.user, req.params.id, req.body) };
    },
  );
  deleteRoute(app, ctx, PATH, 'Delete a station', removeStation);
}
