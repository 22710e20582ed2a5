// Headers on every answer: the API's JSON is data, never a page — no
// sniffing, no framing, no scripts, no caching of what a role may see
// (the web app's files, web.ts, say their own policy and caching).

import type { FastifyReply, FastifyRequest } from 'fastify';

export function securityHeaders(
  _req: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  void reply.header('x-content-type-options', 'nosniff');
  void reply.header('x-frame-options', 'DENY');
  void reply.header('referrer-policy', 'no-referrer');
  // The web app's page sets its own policy (web.ts); everything else is data.
  if (!reply.hasHeader('content-security-policy'))
    void reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  return Promise.resolve(payload);
}
