// GET /api/live, a WebSocket: the live picture as the caller may see it
// (a snapshot), then its changes (deltas), cut by role and scope in
// live/cut.ts. The session cookie is checked at the upgrade like any request
// (hooks/guard.ts); an upgrade from a page of another origin is refused.
// Messages from the client are checked against ClientMessage; anything
// else closes the socket (4400). Without an upgrade the route is not found.

import type { FastifyRequest } from 'fastify';
import { Compile } from 'typebox/compile';
import { Type } from 'typebox';
import type { App, Ctx } from '../context.js';
import { ApiError } from '../errors.js';
import { viewKey, type LiveViewer } from '../live/hub.js';
import { ClientMessage, CLOSE, type ServerMessage } from '../live/messages.js';
import { scopeOf } from '../scope.js';
import { DENIALS } from './schemas.js';

const schema = {
  tags: ['live'],
  summary: 'The live feed (WebSocket): a snapshot, then deltas, cut by role and scope',
  querystring: Type.Object({}, { additionalProperties: false }),
  response: { ...DENIALS },
};

const clientMessage = Compile(ClientMessage);
/** A client sends pings and snapshot requests: a few bytes each. */
export const MAX_CLIENT_MESSAGE = 4096;

export function liveRoute(app: App, ctx: Ctx): void {
  const viewers = new WeakMap<FastifyRequest, LiveViewer>();
  app.get(
    '/api/live',
    {
      websocket: true,
      schema,
      config: { access: 'signed-in' },
      preHandler: async (req) => {
        sameOrigin(req);
        if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
        const refs = await ctx.store.operatorRefs();
        ctx.live.directory(refs);
        const scope = scopeOf(req.auth.user, refs);
        viewers.set(req, {
          scope,
          tokenHash: req.auth.session.tokenHash,
          view: viewKey(scope, refs),
        });
      },
    },
    (socket, req) => {
      const viewer = viewers.get(req);
      if (!viewer) {
        socket.close(CLOSE.sessionEnded, 'sign in first');
        return;
      }
      const connection = ctx.live.join(socket, viewer);
      socket.on('close', () => connection.leave());
      socket.on('message', (data, isBinary) => {
        const message =
          isBinary || !Buffer.isBuffer(data) ? undefined : parse(data.toString('utf8'));
        if (message === undefined || !clientMessage.Check(message)) {
          const error: ServerMessage = {
            type: 'error',
            error: { code: 'invalid', message: 'send {"type":"ping"} or {"type":"snapshot"}' },
          };
          socket.send(JSON.stringify(error));
          socket.close(CLOSE.invalid, 'invalid message');
          return;
        }
        if (message.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
        else connection.snapshot();
      });
    },
  );
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A page of another site must not open the feed with the user's cookie. */
function sameOrigin(req: FastifyRequest): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (host !== req.host) throw new ApiError('forbidden', 'the live feed from another origin');
}
