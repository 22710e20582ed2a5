// Password hashes: scrypt with a salt of their own, parameters kept in the
// hash, a malformed hash never matching.

import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from '@callboard/server';

describe('password hashes', () => {
  it('salts each hash, and checks the password it was made from only', async () => {
    const [a, b] = await Promise.all([hashPassword('s3cret pass'), hashPassword('s3cret pass')]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('s3cret pass', a)).toBe(true);
    expect(await verifyPassword('s3cret pass', b)).toBe(true);
    expect(await verifyPassword('s3cret pasS', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('takes a password in either Unicode form', async () => {
    const composed = 'p\u00e4ssword';
    const decomposed = 'pa\u0308ssword';
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it('never matches a malformed or hostile hash', async () => {
    const good = await hashPassword('whatever1');
    const [, , , , salt, key] = good.split('$');
    for (const bad of [
      '',
      'plain',
      `bcrypt$32768$8$1$${salt}$${key}`,
      `scrypt$33554432$8$1$${salt}$${key}`,
      `scrypt$x$8$1$${salt}$${key}`,
      `scrypt$32768$8$1$${salt}$${key?.slice(1)}`,
    ])
      expect(await verifyPassword('whatever1', bad)).toBe(false);
  });

  it('makes passwords of 20 URL-safe characters, different each time', () => {
    const made = new Set(Array.from({ length: 50 }, generatePassword));
    expect(made.size).toBe(50);
    for (const p of made) expect(p).toMatch(/^[\w-]{20}$/);
  });
});
