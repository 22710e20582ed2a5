// Wall-clock time in a queue's zone, fast enough for a million rows. The
// platform's Intl knows the zone rules; offsets are kept per UTC day (Intl
// asked twice a day), and per quarter hour of UTC only on a day the offset
// changes (every offset in use is a multiple of 15 minutes and changes on a
// quarter hour). Local time is then arithmetic:
// `local = utc + offset`, read as if it were UTC.

const SLOT_MS = 15 * 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** A day of the table not asked about yet (no offset is this). */
const UNKNOWN = -Infinity;

export type Grouping = 'hour' | 'day' | 'week' | 'month' | 'total';

export class Zone {
  private readonly offsets = new Map<number, number>();
  private formatter: Intl.DateTimeFormat | null = null;

  constructor(readonly name: string) {}

  /** Made when first asked: the first DateTimeFormat of a page costs milliseconds. */
  private get format(): Intl.DateTimeFormat {
    this.formatter ??= new Intl.DateTimeFormat('en-US', {
      timeZone: this.name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    return this.formatter;
  }

  // The last slot asked for: rows come nearly in time order, so most ask for it again.
  private lastSlot = Number.NaN;
  private lastOffset = 0;

  /** The zone's offset from UTC at the instant, in milliseconds. */
  offset(utcMs: number): number {
    const slot = Math.floor(utcMs / SLOT_MS);
    if (slot === this.lastSlot) return this.lastOffset;
    let off = this.dayTable(Math.floor(utcMs / DAY_MS));
    if (Number.isNaN(off)) {
      const known = this.offsets.get(slot);
      off = known ?? this.askOffset(slot * SLOT_MS);
      if (known === undefined) this.offsets.set(slot, off);
    }
    this.lastSlot = slot;
    this.lastOffset = off;
    return off;
  }

  /** The wall-clock time at the instant, as milliseconds read as UTC. */
  local(utcMs: number): number {
    return utcMs + this.offset(utcMs);
  }

  /** The UTC instant a wall-clock time (as milliseconds read as UTC) happens at. */
  utcOf(localMs: number): number {
    if (!Number.isFinite(localMs)) return localMs;
    // The offset an hour either side settles it, gaps and folds included.
    const guess = localMs - this.offset(localMs);
    return localMs - this.offset(guess);
  }

  // Per UTC day from `firstDay`: the offset it keeps all day, NaN when it
  // changes that day (asked per quarter hour then), UNKNOWN not asked yet.
  // An array, not a map: a report asks for a day for each of its rows.
  private days = new Float64Array(0);
  private firstDay = 0;
  private readonly dayStarts = new Map<number, number>();

  /**
   * A UTC day's offset if it keeps one all day: a day that ends on the
   * offset it began with kept it (zones change at most once a day), two
   * questions to Intl a day instead of ninety-six. NaN on a day of a change.
   */
  private dayTable(day: number): number {
    const k = day - this.firstDay;
    const known = k >= 0 && k < this.days.length ? (this.days[k] ?? UNKNOWN) : UNKNOWN;
    if (known !== UNKNOWN) return known;
    const atStart = this.dayStart(day);
    const off = atStart === this.dayStart(day + 1) ? atStart : Number.NaN;
    this.keepDay(day, off);
    return off;
  }

  /** Stores a day's entry, the table grown to take it (up to ten years wide). */
  private keepDay(day: number, off: number): void {
    if (this.days.length === 0) {
      this.firstDay = day - 400;
      this.days = new Float64Array(800).fill(UNKNOWN);
    }
    let k = day - this.firstDay;
    if (k < 0 || k >= this.days.length) {
      const first = Math.min(this.firstDay, day - 400);
      const last = Math.max(this.firstDay + this.days.length, day + 400);
      if (last - first > 3660) return;
      const grown = new Float64Array(last - first).fill(UNKNOWN);
      grown.set(this.days, this.firstDay - first);
      this.days = grown;
      this.firstDay = first;
      k = day - first;
    }
    this.days[k] = off;
  }

  private dayStart(day: number): number {
    let off = this.dayStarts.get(day);
    if (off === undefined) {
      off = this.askOffset(day * DAY_MS);
      this.dayStarts.set(day, off);
    }
    return off;
  }

  private askOffset(at: number): number {
    if (this.name === 'UTC' || this.name === 'Etc/UTC') return 0;
    const p: Record<string, number> = {};
    for (const part of this.format.formatToParts(at))
      if (part.type !== 'literal') p[part.type] = Number(part.value);
    const wall = Date.UTC(
      p.year ?? 1970,
      (p.month ?? 1) - 1,
      p.day ?? 1,
      p.hour ?? 0,
      p.minute ?? 0,
      p.second ?? 0,
    );
    return wall - Math.floor(at / 1000) * 1000;
  }
}

/** The start of the bucket (local, read as UTC) the local time falls in. */
export function bucketOf(local: number, grouping: Grouping): number {
  switch (grouping) {
    case 'hour':
      return Math.floor(local / 3_600_000) * 3_600_000;
    case 'day':
      return Math.floor(local / DAY_MS) * DAY_MS;
    case 'week': {
      const day = Math.floor(local / DAY_MS);
      // 1970-01-01 was a Thursday: Monday-based weekday is (day + 3) mod 7.
      return (day - ((((day + 3) % 7) + 7) % 7)) * DAY_MS;
    }
    case 'month': {
      const d = new Date(local);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
    case 'total':
      return 0;
  }
}

/** The start of the bucket after the one starting at `bucket` (local, read as UTC). */
export function nextBucket(bucket: number, grouping: Grouping): number {
  switch (grouping) {
    case 'hour':
      return bucket + 3_600_000;
    case 'day':
      return bucket + DAY_MS;
    case 'week':
      return bucket + 7 * DAY_MS;
    case 'month': {
      const d = new Date(bucket);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
    case 'total':
      return Number.POSITIVE_INFINITY;
  }
}

/** Hour of the day (0–23) of a local time. */
export function hourOfDay(local: number): number {
  return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000);
}

/** Day of the week, Monday 0 … Sunday 6, of a local time. */
export function dayOfWeek(local: number): number {
  const day = Math.floor(local / DAY_MS);
  return (((day + 3) % 7) + 7) % 7;
}

/** A local calendar day `YYYY-MM-DD` of a local time. */
export function isoDay(local: number): string {
  return new Date(local).toISOString().slice(0, 10);
}

const mod = (a: number, b: number): number => ((a % b) + b) % b;

/**
 * How far past each UTC hour the zone's hours begin, all through the
 * period (wall-clock bounds), in milliseconds: 0 in a zone a whole number
 * of hours from UTC, 30 minutes in India (UTC+5:30) and Adelaide, 15 in
 * Nepal (UTC+5:45: its hours begin at a quarter past). Null when that
 * changes within the period (Lord Howe's clocks move by half an hour).
 */
export function hourMinute(zone: Zone, since: number, until: number): number | null {
  const from = zone.utcOf(since);
  const end = zone.utcOf(until);
  const minute = mod(-zone.offset(from), HOUR_MS);
  // Offsets change on a quarter hour: one the hour's last quarter shares with its start held all hour.
  for (let h = from - mod(from - minute, HOUR_MS); h < end; h += HOUR_MS) {
    const offset = zone.offset(h);
    if (mod(-offset, HOUR_MS) !== minute || zone.offset(h + HOUR_MS - SLOT_MS) !== offset)
      return null;
  }
  return minute;
}
