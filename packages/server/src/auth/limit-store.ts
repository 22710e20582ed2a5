// A store of request counts for @fastify/rate-limit that reads an injected
// clock instead of Date.now, so tests move time instead of waiting. Fixed
// windows per key; the oldest keys are forgotten past `capacity`.

import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Clock } from '../clock.js';

interface Window {
  count: number;
  start: number;
}

type Result = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Result) => void;

export function clockStore(clock: Clock, capacity = 10_000): FastifyRateLimitStoreCtor {
  class ClockStore implements FastifyRateLimitStore {
    private readonly windows = new Map<string, Window>();

    incr(key: string, callback: Callback, timeWindow: number): void {
      const now = clock();
      let w = this.windows.get(key);
      if (!w || w.start + timeWindow <= now) w = { count: 0, start: now };
      w.count++;
      // Re-inserted, so the map's order is the order of last use.
      this.windows.delete(key);
      this.windows.set(key, w);
      if (this.windows.size > capacity) {
        const oldest = this.windows.keys().next();
        if (!oldest.done) this.windows.delete(oldest.value);
      }
      callback(null, { current: w.count, ttl: w.start + timeWindow - now });
    }

    /** The count without counting (`{ increment: false }`). */
    read(key: string, callback: Callback, timeWindow: number): void {
      const now = clock();
      const w = this.windows.get(key);
      if (!w || w.start + timeWindow <= now) callback(null, { current: 0, ttl: 0 });
      else callback(null, { current: w.count, ttl: w.start + timeWindow - now });
    }

    child(): FastifyRateLimitStore {
      return new ClockStore();
    }
  }
  return ClockStore;
}
