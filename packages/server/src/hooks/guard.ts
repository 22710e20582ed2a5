// Who is calling, and may they: the session from the cookie, the route's
// `access`, and CSRF for state-changing requests — before the body is read
// or validated, so an anonymous caller learns nothing about a route's input.
//
// CSRF: a state-changing request (POST, PUT, PATCH, DELETE) from another
// origin (its Origin header names another host) is refused; one made with a
// session must carry that session's CSRF token in `x-csrf-token`. The login
// itself has no session yet: it takes JSON only, which a form on another
// site cannot send without the browser asking first.

import type { FastifyRequest } from 'fastify';
import { findSession } from '../auth/login.js';
import { sameSecret } from '../auth/tokens.js';
import type { Ctx } from '../context.js';
import { ApiError } from '../errors.js';

export const SESSION_COOKIE = 'callboard_session';
export const CSRF_HEADER = 'x-csrf-token';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function guard(ctx: Ctx) {
  return async (req: FastifyRequest): Promise<void> => {
    req.auth = null;
    req.audited = false;
    const token = req.cookies[SESSION_COOKIE];
    if (token !== undefined && token !== '')
      req.auth = (await findSession(ctx.store, ctx.clock, token)) ?? null;
    const { access, bearer } = req.routeOptions.config;
    // No access declared: the not-found handler (every route declares one, see app.ts).
    if (access === undefined) return;
    const changes = CHANGES.has(req.method);
    if (changes) checkOrigin(req);
    if (access === 'public') return;
    if (bearer === 'metrics' && ctx.metricsToken && bearerMatches(req, ctx.metricsToken.reveal()))
      return;
    if (!req.auth) throw new ApiError('unauthenticated', 'sign in first (POST /api/login)');
    if (access !== 'signed-in' && !access.includes(req.auth.user.role))
      throw new ApiError('forbidden', `for ${access.join(' or ')} only`);
    if (changes) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, req.auth.session.csrfToken))
        throw new ApiError('csrf', `the session's CSRF token is missing from ${CSRF_HEADER}`);
    }
  };
}

function checkOrigin(req: FastifyRequest): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (host !== req.host) throw new ApiError('csrf', 'a state-changing request from another origin');
}

function bearerMatches(req: FastifyRequest, token: string): boolean {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') === true && sameSecret(header.slice(7), token);
}
