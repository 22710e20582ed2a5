// Managing users through the API: a made password that works once shown, a
// new password or disabling ends sessions, the last admin stays, logins
// are unique, an operator user is an operator — and each step audited.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../../test/support/databases.js';
import { Harness, PASSWORD, type Client } from './harness.js';

interface Made {
  user: { id: number; login: string; role: string; operatorId: number | null };
  password?: string;
}

describe.each(DATABASE_KINDS)('users through the API on %s', (kind) => {
  let h: Harness;
  let admin: Client;

  beforeAll(async () => {
    h = await Harness.start(kind);
    admin = await h.as('admin');
  });
  afterAll(async () => {
    await h.close();
  });

  it('makes a password when none is given, shows it once, and it works', async () => {
    const a = await admin.send('POST', '/api/users', {
      login: 'Maria',
      role: 'supervisor',
      queues: ['sales'],
      rights: ['pause-others'],
    });
    expect(a.status).toBe(201);
    const made = a.json as Made;
    expect(made.user).toMatchObject({ login: 'maria', role: 'supervisor' });
    expect(made.password).toMatch(/^[\w-]{20}$/);
    expect(a.text).not.toMatch(/scrypt/);
    const maria = h.client();
    expect((await maria.login('maria', made.password)).status).toBe(200);
    const again = await admin.send('POST', '/api/users', { login: 'maria', role: 'admin' });
    expect(again.status).toBe(409);
  });

  it('links an operator user to an operator of the directory', async () => {
    const ops = await h.store.operatorRefs();
    const bob = ops.find((o) => o.key === 'SIP/102');
    const a = await admin.send('POST', '/api/users', {
      login: 'bob',
      role: 'operator',
      operatorId: bob?.id,
      password: PASSWORD,
    });
    expect((a.json as Made).user.operatorId).toBe(bob?.id);
    const missing = await admin.send('POST', '/api/users', {
      login: 'ghost',
      role: 'operator',
      operatorId: 999_999,
    });
    expect(missing.status).toBe(400);
    const me = await (await h.as('operator')).send('GET', '/api/me');
    expect((me.json as { operator: unknown }).operator).toEqual({
      station: 'main',
      key: 'SIP/101',
    });
  });

  it('ends a user’s sessions when the password changes or the user is disabled', async () => {
    const sup = await h.as('sup-in');
    const id = h.ids['sup-in'];
    expect(
      (await admin.send('PATCH', `/api/users/${id}`, { password: 'a new password' })).status,
    ).toBe(200);
    expect((await sup.send('GET', '/api/me')).status).toBe(401);
    expect((await h.client().login('sup-in')).status).toBe(401);
    const again = h.client();
    expect((await again.login('sup-in', 'a new password')).status).toBe(200);
    expect((await admin.send('PATCH', `/api/users/${id}`, { disabled: true })).status).toBe(200);
    expect((await again.send('GET', '/api/me')).status).toBe(401);
    expect((await h.client().login('sup-in', 'a new password')).status).toBe(401);
  });

  it('keeps the last admin an admin', async () => {
    const id = h.ids.admin;
    const demote = await admin.send('PATCH', `/api/users/${id}`, { role: 'supervisor' });
    expect(demote.status).toBe(409);
    const disable = await admin.send('PATCH', `/api/users/${id}`, { disabled: true });
    expect(disable.status).toBe(409);
    const other = await admin.send('POST', '/api/users', {
      login: 'admin2',
      role: 'admin',
      password: PASSWORD,
    });
    expect(other.status).toBe(201);
    const now = await admin.send('PATCH', `/api/users/${(other.json as Made).user.id}`, {
      role: 'supervisor',
      queues: ['support'],
    });
    expect(now.status).toBe(200);
    expect((now.json as Made).user.role).toBe('supervisor');
    expect((await admin.send('PATCH', '/api/users/999999', { displayName: 'x' })).status).toBe(404);
  });

  it('audits every change with who, what, when and the result, and no password', async () => {
    const entries = await h.store.audit.read({ limit: 100 });
    const changes = entries.filter((e) => e.action.startsWith('user.'));
    expect(changes.map((e) => `${e.actor} ${e.action} ${e.result}`).reverse()).toEqual([
      'admin user.add ok',
      'admin user.add failed',
      'admin user.add ok',
      'admin user.add failed',
      'admin user.change ok',
      'admin user.change ok',
      'admin user.change failed',
      'admin user.change failed',
      'admin user.add ok',
      'admin user.change ok',
      'admin user.change failed',
    ]);
    expect(changes.every((e) => e.at.getTime() === h.clock.now)).toBe(true);
    const text = JSON.stringify(entries);
    expect(text).not.toContain('a new password');
    expect(text).not.toContain(PASSWORD);
    const reasons = changes
      .filter((e) => e.result === 'failed')
      .map((e) => String(e.details.reason));
    expect(reasons.reverse()).toEqual([
      'the login "maria" is taken',
      'no operator 999999',
      'this is the last admin: make another one first',
      'this is the last admin: make another one first',
      'no user 999999',
    ]);
    const pw = changes.find(
      (e) => Array.isArray(e.details.changed) && e.details.changed.includes('password'),
    );
    expect(pw?.details).toMatchObject({ login: 'sup-in', changed: ['password'] });
  });
});
