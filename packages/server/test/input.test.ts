// Input from outside is data: caller names carrying SQL, HTML/JS and control
// characters come back exactly as stored, JSON-escaped; every query and
// body field is checked, and a bad one is a 4xx naming the field.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '@callboard/tracker';
import { DATABASE_KINDS } from '../../../test/support/databases.js';
import { EVIL_NAME } from './fixtures.js';
import { Harness, PASSWORD, type Client } from './harness.js';

const error = (json: unknown): { code: string; message: string; field?: string } | undefined =>
  (json as { error?: { code: string; message: string; field?: string } }).error;

describe.each(DATABASE_KINDS)('input on %s', (kind) => {
  let h: Harness;
  let admin: Client;

  beforeAll(async () => {
    h = await Harness.start(kind);
    admin = await h.as('admin');
  });
  afterAll(async () => {
    await h.close();
  });

  it('gives back a caller name of SQL, HTML/JS and control characters unchanged, as JSON data', async () => {
    for (const who of ['admin', 'sup-in', 'operator'] as const) {
      const c = who === 'admin' ? admin : await h.as(who);
      const a = await c.send('GET', '/api/calls?queue=support');
      expect(a.status).toBe(200);
      expect(a.headers.get('content-type')).toMatch(/^application\/json/);
      expect(a.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      // Control characters travel escaped: none is raw in the text.
      expect([...a.text].some((ch) => ch.charCodeAt(0) < 0x20)).toBe(false);
      const evil = (a.json as { calls: CallRecord[] }).calls.find((x) => x.id.endsWith('/evil'));
      expect(evil?.from.name).toBe(EVIL_NAME);
      expect(evil?.from.number).toBe("5550006'; --");
    }
    // The tables are all still there.
    expect(await h.store.calls()).toHaveLength(6);
  });

  it.each([
    ['since=yesterday', 'querystring.since', /date-time/],
    ['until=2026-13-01T00:00:00Z', 'querystring.until', /date-time/],
    ['limit=0', 'querystring.limit', />= 1/],
    ['limit=5000', 'querystring.limit', /<= 1000/],
    ['limit=ten', 'querystring.limit', /integer/],
    ['since=2026-03-02T10:00:00Z&until=2026-03-02T09:00:00Z', 'querystring.until', /after since/],
    ['queue=', 'querystring.queue', /fewer than 1|at least 1|NOT have fewer/i],
    ['bogus=1', 'querystring.bogus', /not a field/],
  ])('refuses ?%s, naming %s', async (query, field, message) => {
    const a = await admin.send('GET', `/api/calls?${query}`);
    expect(a.status).toBe(400);
    expect(error(a.json)).toMatchObject({ code: 'invalid', field });
    expect(error(a.json)?.message).toMatch(message);
  });

  it('takes a filter value as data: a queue named like SQL is just a queue nobody has', async () => {
    const a = await admin.send(
      'GET',
      `/api/calls?queue=${encodeURIComponent("support' OR '1'='1")}`,
    );
    expect([a.status, (a.json as { calls: unknown[] }).calls]).toEqual([200, []]);
    const sup = await h.as('sup-in');
    const b = await sup.send('GET', `/api/calls?queue=${encodeURIComponent("support' OR '1'='1")}`);
    expect(b.status).toBe(403);
  });

  it('checks bodies: fields named, unknown fields refused, JSON only, a size limit', async () => {
    const cases: [unknown, number, string | undefined][] = [
      [{ login: "x'; drop table users;--", role: 'admin' }, 400, 'body.login'],
      [{ login: 'ok', role: 'root' }, 400, 'body.role'],
      [{ login: 'ok', role: 'supervisor', rights: ['root'] }, 400, 'body.rights.0'],
      [{ login: 'ok', role: 'supervisor', password: 'short' }, 400, 'body.password'],
      [{ login: 'ok', role: 'admin', isAdmin: true }, 400, 'body.isAdmin'],
      [{ role: 'admin' }, 400, 'body.login'],
      [{ login: 'ok', role: 'operator' }, 400, 'body.operatorId'],
      [{ login: 'ok', role: 'admin', queues: ['support'] }, 400, 'body.queues'],
    ];
    for (const [body, status, field] of cases) {
      const a = await admin.send('POST', '/api/users', body);
      expect([a.status, error(a.json)?.field], JSON.stringify(body)).toEqual([status, field]);
    }
    const badJson = await admin.send('POST', '/api/users', '{"login":');
    expect([badJson.status, error(badJson.json)?.code]).toEqual([400, 'invalid']);
    const big = await admin.send('POST', '/api/users', {
      login: 'big',
      role: 'admin',
      displayName: 'x'.repeat(70_000),
    });
    expect([big.status, error(big.json)?.code]).toEqual([413, 'too_large']);
    const id = await admin.send('PATCH', '/api/users/abc', { displayName: 'x' });
    expect([id.status, error(id.json)?.field]).toEqual([400, 'params.id']);
    const empty = await admin.send('PATCH', `/api/users/${h.ids.operator}`, {});
    expect(empty.status).toBe(400);
  });

  it('stores a display name of SQL and HTML as it is', async () => {
    const name = "<img src=x onerror=alert(1)>'); DELETE FROM users; --\u0001";
    const a = await admin.send('POST', '/api/users', {
      login: 'Evil.Name',
      displayName: name,
      role: 'admin',
      password: PASSWORD,
    });
    expect(a.status).toBe(201);
    const list = await admin.send('GET', '/api/users');
    const made = (list.json as { users: { login: string; displayName: string }[] }).users.find(
      (u) => u.login === 'evil.name',
    );
    expect(made?.displayName).toBe(name);
    expect(await h.store.users.count()).toBe(6);
  });

  it('answers an unknown route with the error body', async () => {
    const a = await admin.send('GET', '/api/nothing-here');
    expect([a.status, error(a.json)?.code]).toEqual([404, 'not_found']);
  });
});
