// /api/directory/servers: list, add, change the AMI address of, and delete
// servers (admins only). The AMI secret is neither taken nor shown: it
// stays in the configuration. A server's name and station do not change;
// one with a journal or operators' interfaces is not deleted.

import { Type } from 'typebox';
import type { App, Ctx } from '../context.js';
import { addServer, changeServer, removeServer } from '../directory/servers.js';
import { ApiError } from '../errors.js';
import { deleteRoute } from './directory-delete.js';
import {
  AmiUser,
  EDIT_ERRORS,
  Host,
  IdParams,
  Port,
  ServerName,
  ServerSchema,
  StationName,
} from './directory-schemas.js';
import { DENIALS } from './schemas.js';

const PATH = '/api/directory/servers';
const config = { access: ['admin'] } as const;
const tags = ['directory'];

export function directoryServersRoute(app: App, ctx: Ctx): void {
  app.get(
    PATH,
    {
      schema: {
        tags,
        summary: 'List servers',
        response: { 200: Type.Object({ servers: Type.Array(ServerSchema) }), ...DENIALS },
      },
      config,
    },
    async () => ({ servers: await ctx.store.directoryEdits.servers() }),
  );
  app.post(
    PATH,
    {
      schema: {
        tags,
        summary: 'Add a server',
        body: Type.Object(
          { name: ServerName, station: StationName, host: Host, port: Port, username: AmiUser },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ server: ServerSchema }), ...EDIT_ERRORS },
      },
      config,
    },
    async (req, reply) => {
      if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
      req.audited = true;
      const server = await addServer(ctx, req.auth.user, req.body);
      return reply.status(201).send({ server });
    },
  );
  app.patch(
    `${PATH}/:id`,
    {
      schema: {
        tags,
        summary: 'Change a server’s AMI address',
        params: IdParams,
        body: Type.Object(
          {
            host: Type.Optional(Host),
            port: Type.Optional(Port),
            username: Type.Optional(AmiUser),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Type.Object({ server: ServerSchema }), ...EDIT_ERRORS },
      },
      config,
    },
    async (req) => {
      if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
      req.audited = true;
      return { server: await changeServer(ctx, req.auth.user, req.params.id, req.body) };
    },
  );
  deleteRoute(app, ctx, PATH, 'Delete a server', removeServer);
}
