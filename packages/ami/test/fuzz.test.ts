import { describe, expect, it } from 'vitest';
import { AmiParser, type ParseItem } from '@callboard/ami';
import { readBytes, seeded, traceCaptures } from '../../../test/support/traces.js';
import { feedAt, feedBytewise, feedWhole, randomCuts, utf8 } from './feed.js';

// Random bytes and random damage to real traffic: the parser never throws,
// always finishes, gives the same items whatever the chunking, and reads the
// next well-formed message after the damage.

const SENTINEL = utf8('\r\n\r\nEvent: Sentinel\r\nKey: after the damage\r\n\r\n');
const SENTINEL_TEXT = JSON.stringify({ Event: 'Sentinel', Key: 'after the damage' });

type Mutation = (bytes: Uint8Array, random: () => number) => Uint8Array;

const pick = (random: () => number, n: number): number => Math.floor(random() * n);

const mutations: Record<string, Mutation> = {
  'bit flips': (b, r) => {
    const out = b.slice();
    for (let i = 0, n = 1 + pick(r, 20); i < n; i++) {
      const at = pick(r, out.length);
      out[at] = (out[at] ?? 0) ^ (1 << pick(r, 8));
    }
    return out;
  },
  truncation: (b, r) => b.slice(0, pick(r, b.length)),
  'cut out a span': (b, r) => {
    const a = pick(r, b.length);
    const z = a + pick(r, 400);
    return new Uint8Array([...b.subarray(0, a), ...b.subarray(z)]);
  },
  'inserted garbage': (b, r) => {
    const at = pick(r, b.length);
    const junk = Uint8Array.from({ length: 1 + pick(r, 300) }, () => pick(r, 256));
    return new Uint8Array([...b.subarray(0, at), ...junk, ...b.subarray(at)]);
  },
  'a huge line': (b, r) => {
    const at = pick(r, b.length);
    const huge = new Uint8Array(1024 * 1024 + pick(r, 4096)).fill(0x41);
    return new Uint8Array([...b.subarray(0, at), ...huge, ...b.subarray(at)]);
  },
  'line ends changed': (b, r) => {
    const out: number[] = [];
    for (const c of b) {
      if (c === 13 && r() < 0.3) continue;
      out.push(c);
      if (c === 10 && r() < 0.02) out.push(10);
    }
    return Uint8Array.from(out);
  },
};

function parseSafely(bytes: Uint8Array): ParseItem[] {
  const items: ParseItem[] = [];
  const parser = new AmiParser();
  parser.push(bytes, (i) => items.push(i));
  parser.end((i) => items.push(i));
  return items;
}

// FUZZ_SEED and FUZZ_ROUNDS turn this into a longer hunt: `FUZZ_ROUNDS=20 FUZZ_SEED=7 npx vitest run fuzz`.
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 1);

describe('fuzz', () => {
  const captures = traceCaptures().filter((c) => c.size < 1_000_000);
  const random = seeded(SEED);

  it('random bytes never throw and split the same way', () => {
    for (let round = 0; round < 200 * ROUNDS; round++) {
      const bytes = Uint8Array.from({ length: pick(random, 2000) }, () => {
        // Biased towards the bytes that matter to the grammar.
        const r = random();
        return r < 0.1 ? 10 : r < 0.15 ? 13 : r < 0.2 ? 58 : r < 0.25 ? 32 : pick(random, 256);
      });
      const whole = feedWhole(bytes);
      expect(feedAt(bytes, randomCuts(bytes.length, random, 50))).toEqual(whole);
    }
  });

  for (const [name, mutate] of Object.entries(mutations)) {
    it(`${name} of real traces: no throw, same items at any split, recovery at the next message`, () => {
      for (let round = 0; round < 24 * ROUNDS; round++) {
        const capture = captures[pick(random, captures.length)];
        if (capture === undefined) throw new Error('no captures');
        const raw = readBytes(capture.rawPath);
        const start = pick(random, raw.length);
        const segment = raw.subarray(start, start + 5000 + pick(random, 20_000));
        const damaged = new Uint8Array([...mutate(segment, random), ...SENTINEL]);
        const whole = feedWhole(damaged);
        expect(whole.at(-1), `${capture.id} @${start}`).toBe(SENTINEL_TEXT);
        expect(feedAt(damaged, randomCuts(damaged.length, random, 3000))).toEqual(whole);
        if (damaged.length < 40_000) expect(feedBytewise(damaged)).toEqual(whole);
      }
    });
  }

  it('errors carry offsets inside the input', () => {
    for (let round = 0; round < 100 * ROUNDS; round++) {
      const bytes = Uint8Array.from({ length: 1 + pick(random, 3000) }, () => pick(random, 256));
      for (const item of parseSafely(bytes)) {
        if (item.kind !== 'error') continue;
        expect(item.offset).toBeGreaterThanOrEqual(0);
        expect(item.offset).toBeLessThanOrEqual(bytes.length);
      }
    }
  });
});
