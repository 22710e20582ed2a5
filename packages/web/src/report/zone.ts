// Wall-clock time in a queue's zone, fast enough for a million rows. The
// platform's Intl knows the zone rules; offsets are kept per quarter hour
// of UTC (every offset in use is a multiple of 15 minutes and changes on a
// quarter hour), Intl asked twice a UTC day and per quarter hour only on a
// day the offset changes. Local time is then arithmetic:
// `local = utc + offset`, read as if it were UTC.

const SLOT_MS = 15 * 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export type Grouping = 'hour' | 'day' | 'week' | 'month' | 'total';

export class Zone {
  private readonly offsets = new Map<number, number>();
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly name: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  // The last slot asked for: rows come nearly in time order, so most ask for it again.
  private lastSlot = Number.NaN;
  private lastOffset = 0;

  /** The zone's offset from UTC at the instant, in milliseconds. */
  offset(utcMs: number): number {
    const slot = Math.floor(utcMs / SLOT_MS);
    if (slot === this.lastSlot) return this.lastOffset;
    let off = this.offsets.get(slot);
    if (off === undefined) {
      off = this.slotOffset(slot);
      this.offsets.set(slot, off);
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

  private readonly dayOffsets = new Map<number, number>();

  /**
   * A quarter hour's offset. A UTC day that ends on the offset it began
   * with kept it all day (zones change at most once a day): two questions
   * to Intl a day instead of ninety-six; a day of a change asks per slot.
   */
  private slotOffset(slot: number): number {
    const day = Math.floor((slot * SLOT_MS) / DAY_MS);
    const atStart = this.dayOffset(day);
    return atStart === this.dayOffset(day + 1) ? atStart : this.askOffset(slot * SLOT_MS);
  }

  private dayOffset(day: number): number {
    let off = this.dayOffsets.get(day);
    if (off === undefined) {
      off = this.askOffset(day * DAY_MS);
      this.dayOffsets.set(day, off);
    }
    return off;
  }

  private askOffset(at: number): number {
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

/** Whether the zone's hours are UTC hours all through the period (wall-clock bounds). */
export function hoursFit(zone: Zone, since: number, until: number): boolean {
  const from = zone.utcOf(since);
  const end = zone.utcOf(until);
  // Offsets change on a quarter hour: one the hour's last quarter shares with its start held all hour.
  for (let h = from - (((from % HOUR_MS) + HOUR_MS) % HOUR_MS); h < end; h += HOUR_MS) {
    const offset = zone.offset(h);
    if (offset % HOUR_MS !== 0 || zone.offset(h + HOUR_MS - SLOT_MS) !== offset) return false;
  }
  return true;
}
