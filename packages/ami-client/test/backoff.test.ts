import { describe, expect, it } from 'vitest';
import { backoffDelay } from '@callboard/ami-client';

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap', () => {
    const middle = (): number => 0.5; // no jitter either way
    const delays = Array.from({ length: 8 }, (_, i) =>
      backoffDelay(i, { initialMs: 500, maxMs: 30_000 }, middle),
    );
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('spreads delays by the jitter, both ways', () => {
    expect(backoffDelay(2, { initialMs: 100, jitter: 0.5 }, () => 0)).toBe(200);
    expect(backoffDelay(2, { initialMs: 100, jitter: 0.5 }, () => 0.999999)).toBe(600);
  });

  it('stays finite after very many attempts', () => {
    expect(backoffDelay(10_000, { maxMs: 1000, jitter: 0 }, Math.random)).toBe(1000);
  });
});
