// Users, sessions and the audit log on both databases: logins are unique,
// changes touch only what they name, sessions end at their expiry by the
// caller's clock and with their user, and the audit log keeps JSON details.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '@callboard/store';
import { DATABASE_KINDS, fresh, type TestDatabase } from '../../../test/support/databases.js';

const T0 = new Date('2026-03-01T09:00:00.000Z');
const later = (ms: number): Date => new Date(T0.getTime() + ms);

describe.each(DATABASE_KINDS)('users, sessions and audit on %s', (kind) => {
  let database: TestDatabase;
  let store: Store;
  let operatorId: number;

  beforeAll(async () => {
    database = await fresh(kind);
    store = await Store.open({ url: database.url });
    await store.station('main');
    await store.directory('main', [
      { key: 'SIP/101', name: 'Ivan', devices: ['SIP/101'], monitored: true },
      { key: 'SIP/guard', name: 'Guard', devices: ['SIP/guard'], monitored: false },
    ]);
    const ops = await store.operatorRefs();
    operatorId = ops.find((o) => o.key === 'SIP/101')?.id ?? -1;
    expect(ops.map((o) => [o.station, o.key, o.monitored])).toEqual([
      ['main', 'SIP/101', true],
      ['main', 'SIP/guard', false],
    ]);
  });

  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('adds users with unique logins and reads them back', async () => {
    const sup = await store.users.add(
      {
        login: 'sv',
        displayName: "O'Brien; drop table users; --",
        passwordHash: 'scrypt$x',
        role: 'supervisor',
        operatorId: null,
        queues: ['support', 'main/sales'],
        rights: ['pause-others'],
      },
      T0,
    );
    expect(sup).toMatchObject({
      login: 'sv',
      displayName: "O'Brien; drop table users; --",
      role: 'supervisor',
      queues: ['support', 'main/sales'],
      rights: ['pause-others'],
      disabled: false,
      createdAt: T0,
    });
    const again = await store.users.add(
      {
        login: 'sv',
        displayName: 'x',
        passwordHash: 'y',
        role: 'admin',
        operatorId: null,
        queues: [],
        rights: [],
      },
      T0,
    );
    expect(again).toBeUndefined();
    const op = await store.users.add(
      {
        login: 'ivan',
        displayName: 'Ivan',
        passwordHash: 'h',
        role: 'operator',
        operatorId,
        queues: [],
        rights: [],
      },
      T0,
    );
    expect(op?.operatorId).toBe(operatorId);
    expect((await store.users.list()).map((u) => u.login)).toEqual(['ivan', 'sv']);
    expect(await store.users.count()).toBe(2);
    expect((await store.users.byLogin('sv'))?.id).toBe(sup?.id);
    expect(await store.users.byId(999_999)).toBeUndefined();
  });

  it('refuses what the schema does not know: an operator user without an operator, an unknown right', async () => {
    const base = { displayName: 'x', passwordHash: 'h', queues: [], rights: [] };
    await expect(
      store.users.add({ ...base, login: 'nobody', role: 'operator', operatorId: null }, T0),
    ).rejects.toThrow();
    await expect(
      store.db.kysely
        .updateTable('users')
        .set({ rights: ['root'] })
        .where('login', '=', 'sv')
        .execute(),
    ).rejects.toThrow();
  });

  it('changes only the fields it is given', async () => {
    const sv = await store.users.byLogin('sv');
    const changed = await store.users.update(sv?.id ?? 0, { queues: ['billing'] }, later(1000));
    expect(changed).toMatchObject({
      queues: ['billing'],
      rights: ['pause-others'],
      displayName: sv?.displayName,
      updatedAt: later(1000),
    });
    expect(await store.users.update(999_999, { disabled: true }, T0)).toBeUndefined();
  });

  it('finds a session by its token hash until it expires, and never for a disabled user', async () => {
    const ivan = await store.users.byLogin('ivan');
    const userId = ivan?.id ?? 0;
    await store.sessions.add({
      tokenHash: 'h1',
      userId,
      csrfToken: 'c1',
      createdAt: T0,
      expiresAt: later(3600_000),
    });
    const found = await store.sessions.find('h1', later(1000));
    expect(found?.user.login).toBe('ivan');
    expect(found?.session.csrfToken).toBe('c1');
    expect(await store.sessions.find('h1', later(3600_000))).toBeUndefined();
    expect(await store.sessions.find('nope', later(1000))).toBeUndefined();
    await store.users.update(userId, { disabled: true }, later(2000));
    expect(await store.sessions.find('h1', later(3000))).toBeUndefined();
    await store.users.update(userId, { disabled: false }, later(4000));
    expect(await store.sessions.find('h1', later(5000))).toBeDefined();
    expect(await store.sessions.prune(later(3600_000))).toBe(1);
    await store.sessions.add({
      tokenHash: 'h2',
      userId,
      csrfToken: 'c2',
      createdAt: T0,
      expiresAt: later(3600_000),
    });
    expect(await store.sessions.removeForUser(userId)).toBe(1);
    expect(await store.sessions.find('h2', later(1000))).toBeUndefined();
  });

  it('keeps audit entries with their JSON details, newest first', async () => {
    const details = { ip: '127.0.0.1', name: '<script>alert(1)</script>\u0000\u001b[2J' };
    await store.audit.write({
      at: T0,
      userId: null,
      actor: 'mallory',
      action: 'login',
      result: 'failed',
      details,
    });
    await store.audit.write({
      at: later(1),
      userId: (await store.users.byLogin('sv'))?.id ?? null,
      actor: 'sv',
      action: 'login',
      result: 'ok',
      details: {},
    });
    const rows = await store.audit.read({ limit: 10 });
    expect(rows.map((r) => [r.actor, r.result])).toEqual([
      ['sv', 'ok'],
      ['mallory', 'failed'],
    ]);
    // U+0000 cannot be stored by PostgreSQL: it becomes U+FFFD; everything else is kept.
    expect(rows[1]?.details).toEqual({
      ...details,
      name: details.name.replace('\u0000', '\uFFFD'),
    });
    expect(rows[1]?.at).toEqual(T0);
    expect(await store.audit.read({ since: later(1), limit: 10 })).toHaveLength(1);
  });
});
