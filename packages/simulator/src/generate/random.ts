// The generator's only source of chance: a seeded xoroshiro128+ (pure-rand),
// wrapped with the few distributions the simulation draws from. The same
// seed gives the same sequence on every machine, so a generated day repeats
// byte for byte.

import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { Distribution } from './config.js';

type Generator = ReturnType<typeof xoroshiro128plus>;

export class Random {
  private readonly rng: Generator;

  constructor(seed: number | Generator) {
    this.rng = typeof seed === 'number' ? xoroshiro128plus(seed | 0) : seed;
  }

  /** A second stream, 2^64 draws away from this one, for a separate concern. */
  fork(): Random {
    const other = this.rng.clone();
    other.jump();
    this.rng.jump();
    this.rng.jump();
    return new Random(other);
  }

  /**
   * Uniform in [0, 1), from the high bits of two outputs: the low bits of
   * xoroshiro128+ are weak (pure-rand's uniformFloat64 masks to them, and
   * draws a few steps apart then correlate).
   */
  next(): number {
    const a = this.rng.next() >>> 5;
    const b = this.rng.next() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[Math.floor(this.next() * items.length)];
  }

  weighted<T extends { readonly weight: number }>(items: readonly T[]): T | undefined {
    const total = items.reduce((n, i) => n + i.weight, 0);
    let r = this.next() * total;
    for (const item of items) {
      r -= item.weight;
      if (r < 0) return item;
    }
    return items[items.length - 1];
  }

  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  normal(): number {
    // Box-Muller; one of the pair is enough here.
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A draw from a configured distribution, in its unit (seconds throughout the config). */
  sample(d: Distribution): number {
    let x: number;
    switch (d.kind) {
      case 'fixed':
        return d.value;
      case 'uniform':
        return this.between(d.min, d.max);
      case 'exponential':
        x = this.exponential(d.mean);
        break;
      case 'lognormal':
        x = d.median * Math.exp(d.sigma * this.normal());
        break;
    }
    return Math.min(d.max ?? Infinity, Math.max(d.min ?? 0, x));
  }

  /** A string of `#` placeholders filled with digits: `7987#######`. */
  digits(pattern: string): string {
    let out = '';
    for (const c of pattern) out += c === '#' ? String(this.int(0, 9)) : c;
    return out;
  }

  hex(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += this.int(0, 15).toString(16);
    return out;
  }

  /** A version-4 UUID, as Asterisk names bridges. */
  uuid(): string {
    const h = this.hex(32);
    const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
