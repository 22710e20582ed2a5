// Sessions on a real socket: the cookie's flags, expiry by the server's
// clock, CSRF on state-changing requests, login rate limits per address and
// per login (time moved, never waited), and the audit of each.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../../test/support/databases.js';
import { Harness, PASSWORD } from './harness.js';

const code = (json: unknown): string | undefined =>
  (json as { error?: { code: string } }).error?.code;

describe.each(DATABASE_KINDS)('sessions on %s', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await Harness.start(kind, {
      sessionTtlMs: 3600_000,
      limits: { perAddress: { max: 8, windowMs: 60_000 }, perLogin: { max: 3, windowMs: 600_000 } },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('sets an HttpOnly, SameSite cookie, not Secure over plain HTTP, and keeps only its hash', async () => {
    const c = h.client();
    const a = await c.login('admin');
    expect(a.status).toBe(200);
    const cookie = a.headers.getSetCookie().find((s) => s.startsWith('callboard_session=')) ?? '';
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Max-Age=3600/);
    expect(cookie).not.toMatch(/Secure/);
    const token = (c.cookie ?? '').split('=')[1] ?? '';
    const rows = await h.store.db.kysely.selectFrom('sessions').select('token_hash').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    expect(a.headers.get('cache-control')).toBe('no-store');
  });

  it('ends a session at its expiry by the clock', async () => {
    const c = await h.as('operator');
    expect((await c.send('GET', '/api/me')).status).toBe(200);
    h.clock.advance(3600_000 - 1);
    expect((await c.send('GET', '/api/me')).status).toBe(200);
    h.clock.advance(1);
    const late = await c.send('GET', '/api/me');
    expect([late.status, code(late.json)]).toEqual([401, 'unauthenticated']);
  });

  it('refuses a state-changing request without the session’s CSRF token, or from another origin', async () => {
    const c = await h.as('admin');
    const token = c.csrf;
    const patch = { displayName: 'csrf victim' };
    const path = `/api/users/${h.ids['sup-out']}`;
    c.csrf = undefined;
    const none = await c.send('PATCH', path, patch);
    expect([none.status, code(none.json)]).toEqual([403, 'csrf']);
    const wrong = await c.send('PATCH', path, patch, { 'x-csrf-token': 'x'.repeat(43) });
    expect([wrong.status, code(wrong.json)]).toEqual([403, 'csrf']);
    c.csrf = token;
    const foreign = await c.send('PATCH', path, patch, { origin: 'https://evil.example' });
    expect([foreign.status, code(foreign.json)]).toEqual([403, 'csrf']);
    const loginForeign = await h
      .client()
      .send(
        'POST',
        '/api/login',
        { login: 'admin', password: PASSWORD },
        { origin: 'https://evil.example' },
      );
    expect(loginForeign.status).toBe(403);
    // A form post cannot log in either: JSON only.
    const form = await h.client().send('POST', '/api/login', `login=admin&password=${PASSWORD}`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect([form.status, code(form.json)]).toEqual([415, 'unsupported_media_type']);
    expect((await h.store.users.byId(h.ids['sup-out']))?.displayName).not.toBe('csrf victim');
    const same = await c.send('PATCH', path, patch, { origin: h.url });
    expect(same.status).toBe(200);
    // The refusals of a signed-in user are audited.
    const audit = await h.store.audit.read({ limit: 20 });
    const denied = audit.filter(
      (e) => e.action === 'PATCH /api/users/:id' && e.result === 'denied',
    );
    expect(denied.map((e) => e.actor)).toEqual(['admin', 'admin', 'admin']);
  });

  it('ends the session on logout', async () => {
    const c = await h.as('sup-in');
    expect((await c.send('POST', '/api/logout')).status).toBe(204);
    expect((await c.send('GET', '/api/me')).status).toBe(401);
  });

  it('limits failed logins per login, and every login per address, on the clock', async () => {
    h.clock.advance(3600_000);
    const c = h.client();
    for (let i = 0; i < 3; i++) expect((await c.login('admin', 'wrong password')).status).toBe(401);
    const locked = await c.login('admin');
    expect([locked.status, code(locked.json)]).toEqual([429, 'rate_limited']);
    expect(Number(locked.headers.get('retry-after'))).toBe(600);
    // Another login from the same address is not locked.
    expect((await c.login('operator')).status).toBe(200);
    h.clock.advance(600_000);
    expect((await c.login('admin')).status).toBe(200);
    // 1 request so far in this window; the address may make 8.
    for (let i = 0; i < 7; i++) expect((await c.login(`someone-${i}`, 'x')).status).toBe(401);
    const flood = await c.login('admin');
    expect([flood.status, code(flood.json)]).toEqual([429, 'rate_limited']);
    expect(flood.headers.get('retry-after')).toBe('60');
    h.clock.advance(60_000);
    expect((await c.login('admin')).status).toBe(200);
    const audit = await h.store.audit.read({ limit: 50 });
    expect(
      audit.some((e) => e.action === 'login' && e.result === 'denied' && e.actor === 'admin'),
    ).toBe(true);
    expect(
      audit.filter((e) => e.action === 'login' && e.actor === 'someone-0').map((e) => e.result),
    ).toEqual(['failed']);
  });
});
