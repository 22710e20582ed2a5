import { describe, expect, it } from 'vitest';
import { iso } from '../src/time.js';
import { seeded } from '../../../test/support/traces.js';

describe('iso', () => {
  it('writes what Date#toISOString writes', () => {
    const random = seeded(7);
    for (let i = 0; i < 20_000; i++) {
      const ms = Math.floor(random() * 4_000_000_000_000);
      expect(iso(ms)).toBe(new Date(ms).toISOString());
    }
    for (const ms of [0, 999, 59_999, 60_000, 1_795_704_250_922, -1])
      expect(iso(ms)).toBe(new Date(ms).toISOString());
  });
});
