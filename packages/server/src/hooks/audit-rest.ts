// The audit log's safety net: a state-changing request by a signed-in user
// whose handler wrote no entry (it was refused, or failed) is written here,
// with the route and the status. Anonymous refusals are not: they are not
// anyone's action, and would let anyone fill the log.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function auditTheRest(ctx: Ctx) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!CHANGES.has(req.method) || req.audited || !req.auth) return;
    const status = reply.statusCode;
    const result = status < 400 ? 'ok' : [401, 403, 429].includes(status) ? 'denied' : 'failed';
    try {
      await audit(
        ctx.store,
        ctx.clock,
        { user: req.auth.user },
        `${req.method} ${req.routeOptions.url ?? req.url}`,
        result,
        {
          status,
          address: req.ip,
        },
      );
    } catch (error) {
      ctx.log.error({ err: error }, 'audit write failed');
    }
  };
}
