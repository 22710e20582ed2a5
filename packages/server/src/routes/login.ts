// POST /api/login: a login and password in; the session cookie, the user
// and the session's CSRF token out. Limited per address (every attempt) and
// per login (failed attempts); every attempt is audited.

import { Type } from 'typebox';
import { audit } from '../audit.js';
import { openSession } from '../auth/login.js';
import type { App, Ctx } from '../context.js';
import { ApiError } from '../errors.js';
import { SESSION_COOKIE } from '../hooks/guard.js';
import { publicUser } from '../users/public.js';
import { ErrorSchema, UserSchema } from './schemas.js';

const schema = {
  tags: ['session'],
  summary: 'Sign in',
  description:
    'Sets the HttpOnly session cookie; state-changing requests then send csrfToken in x-csrf-token.',
  body: Type.Object(
    {
      login: Type.String({ minLength: 1, maxLength: 64 }),
      password: Type.String({ minLength: 1, maxLength: 1024 }),
    },
    { additionalProperties: false },
  ),
  response: {
    200: Type.Object({ user: UserSchema, csrfToken: Type.String() }),
    401: ErrorSchema,
    429: ErrorSchema,
  },
};

export function loginRoute(app: App, ctx: Ctx): void {
  const { perAddress, perLogin } = ctx.limits;
  const failures = app.createRateLimit({
    keyGenerator: (req) => `login:${loginOf(req.body)}`,
    max: perLogin.max,
    timeWindow: perLogin.windowMs,
  });
  app.post(
    '/api/login',
    {
      schema,
      config: {
        access: 'public',
        rateLimit: { max: perAddress.max, timeWindow: perAddress.windowMs },
      },
    },
    async (req, reply) => {
      req.audited = true;
      const login = loginOf(req.body);
      const who = { login };
      const details = { address: req.ip };
      const limit = await failures(req, { increment: false });
      if (!limit.isAllowed && limit.remaining === 0) {
        await audit(ctx.store, ctx.clock, who, 'login', 'denied', {
          ...details,
          reason: 'rate limited',
        });
        void reply.header('retry-after', limit.ttlInSeconds);
        throw new ApiError(
          'rate_limited',
          `too many failed logins: try again in ${limit.ttlInSeconds} s`,
        );
      }
      const opened = await openSession(
        ctx.store,
        ctx.clock,
        ctx.sessionTtlMs,
        login,
        req.body.password,
      );
      if (!opened) {
        await failures(req);
        await audit(ctx.store, ctx.clock, who, 'login', 'failed', details);
        throw new ApiError('unauthenticated', 'wrong login or password');
      }
      await audit(ctx.store, ctx.clock, { user: opened.user }, 'login', 'ok', details);
      void reply.setCookie(SESSION_COOKIE, opened.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        maxAge: Math.floor(ctx.sessionTtlMs / 1000),
      });
      return { user: publicUser(opened.user), csrfToken: opened.session.csrfToken };
    },
  );
}

function loginOf(body: unknown): string {
  const login = typeof body === 'object' && body !== null && 'login' in body ? body.login : '';
  return typeof login === 'string' ? login.trim().toLowerCase() : '';
}
