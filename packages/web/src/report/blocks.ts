// The days of a report as the server's tables of hourly sums: closed days
// in blocks of 2, 4, 8, 16 or 32 days (one table each), the rest day by
// day. A block starts on a multiple of its length in days since
// 1970-01-01, so the blocks of one month are the blocks of the next
// question that covers them too, and the browser's cache keeps serving
// them. A month is read as five or six tables instead of thirty: what a
// fresh worker pays per table (reading Arrow's schema and messages before
// its code is optimised) is paid a few times, not thirty. Pure.

const DAY_MS = 86_400_000;
export const LONGEST_BLOCK = 32;

export interface Span {
  /** The first day, YYYY-MM-DD. */
  readonly day: string;
  /** How many days from it. */
  readonly days: number;
}

const dayNumber = (day: string): number => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
const dayName = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * Consecutive days (ascending) as spans: at each day the longest block
 * that starts there by alignment, lies within the days and ends no later
 * than `lastClosed` (a day past it may still change, so is read alone).
 */
export function spansOf(days: readonly string[], lastClosed: string): Span[] {
  const first = days[0];
  const last = days[days.length - 1];
  if (first === undefined || last === undefined) return [];
  const end = Math.min(dayNumber(last), dayNumber(lastClosed));
  const spans: Span[] = [];
  let n = dayNumber(first);
  const stop = dayNumber(last);
  while (n <= stop) {
    let size = LONGEST_BLOCK;
    while (size > 1 && (n % size !== 0 || n + size - 1 > end)) size /= 2;
    spans.push({ day: dayName(n), days: size });
    n += size;
  }
  return spans;
}
