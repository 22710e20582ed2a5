// POST /api/logout: ends the session (and its live sockets) and clears its cookie.

import { audit } from '../audit.js';
import type { App, Ctx } from '../context.js';
import { SESSION_COOKIE } from '../hooks/guard.js';
import { DENIALS } from './schemas.js';
import { Type } from 'typebox';

const schema = {
  tags: ['session'],
  summary: 'Sign out',
  response: { 204: Type.Null(), ...DENIALS },
};

export function logoutRoute(app: App, ctx: Ctx): void {
  app.post('/api/logout', { schema, config: { access: 'signed-in' } }, async (req, reply) => {
    if (!req.auth) return reply.status(204).send(null);
    await ctx.store.sessions.remove(req.auth.session.tokenHash);
    // The session's live sockets close now, not at the hub's next check.
    ctx.live.endSession(req.auth.session.tokenHash);
    req.audited = true;
    await audit(ctx.store, ctx.clock, { user: req.auth.user }, 'logout', 'ok');
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });
}
