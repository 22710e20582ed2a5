// The spans a report's days are read in: worked out by hand for the
// benchmark's month and a month that reaches today, then every period of
// 1 to 70 days over a year against the rules (each day once, in order;
// a block aligned, at most 32 days, closed; no two halves of a block read
// apart where the block itself would do).

import { describe, expect, it } from 'vitest';
import { LONGEST_BLOCK, spansOf } from '../src/report/blocks.ts';

const DAY_MS = 86_400_000;
const n = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const name = (k: number): string => new Date(k * DAY_MS).toISOString().slice(0, 10);
const range = (from: string, count: number): string[] =>
  Array.from({ length: count }, (_, k) => name(n(from) + k));

describe('spans of days', () => {
  it('a closed month and the day before it: five tables', () => {
    // Day 20726 (30 September 2026) is even, 20728 a multiple of 8, 20736 of 16 and 32.
    expect(spansOf(range('2026-09-30', 31), '2026-11-26')).toEqual([
      { day: '2026-09-30', days: 2 },
      { day: '2026-10-02', days: 8 },
      { day: '2026-10-10', days: 16 },
      { day: '2026-10-26', days: 4 },
      { day: '2026-10-30', days: 1 },
    ]);
  });

  it('days not closed yet are read one by one', () => {
    // Day 20758 (1 November) is even, 20760 a multiple of 8, 20776 of 8 and 20780 of 4.
    expect(spansOf(range('2026-11-01', 27), '2026-11-24')).toEqual([
      { day: '2026-11-01', days: 2 },
      { day: '2026-11-03', days: 8 },
      { day: '2026-11-11', days: 8 },
      { day: '2026-11-19', days: 4 },
      { day: '2026-11-23', days: 2 },
      { day: '2026-11-25', days: 1 },
      { day: '2026-11-26', days: 1 },
      { day: '2026-11-27', days: 1 },
    ]);
    expect(spansOf([], '2026-11-24')).toEqual([]);
    expect(spansOf(['2026-11-26'], '2026-11-24')).toEqual([{ day: '2026-11-26', days: 1 }]);
  });

  it('every period of a year: each day once, blocks aligned and closed, as few as alignment allows', () => {
    const closed = n('2026-09-15');
    const wrong: string[] = [];
    for (let start = n('2025-12-01'); start < n('2026-12-01'); start++)
      for (let count = 1; count <= 70; count++) {
        const days = range(name(start), count);
        const spans = spansOf(days, name(closed));
        const at = `${name(start)} +${count}`;
        if (spans.flatMap((s) => range(s.day, s.days)).join() !== days.join())
          wrong.push(`${at}: not each day once, in order`);
        for (const s of spans) {
          const aligned = n(s.day) % s.days === 0 && Number.isInteger(Math.log2(s.days));
          if (!aligned || s.days > LONGEST_BLOCK) wrong.push(`${at}: ${s.day} ×${s.days}`);
          if (s.days > 1 && n(s.day) + s.days - 1 > closed)
            wrong.push(`${at}: ${s.day} not closed`);
        }
        // Two neighbours that together make an aligned closed block are one.
        for (let k = 1; k < spans.length; k++) {
          const a = spans[k - 1];
          const b = spans[k];
          if (!a || !b || a.days !== b.days || a.days === LONGEST_BLOCK) continue;
          if (n(a.day) % (2 * a.days) === 0 && n(b.day) + b.days - 1 <= closed)
            wrong.push(`${at}: ${a.day} and ${b.day} apart`);
        }
        // A month of closed days is at most ten tables.
        if (start + count - 1 <= closed && count <= 31 && spans.length > 10)
          wrong.push(`${at}: ${spans.length} tables`);
      }
    expect(wrong).toEqual([]);
  });
});
