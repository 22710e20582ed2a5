// Days of a station's zone as instants: a day is [its local midnight, the
// next local midnight), so a day of a DST change is 23 or 25 hours long.
// Pure: the zone's offsets come from Intl, not from the machine's zone.

const formats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
export function zoneOffsetMs(ms: number, zone: string): number {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formats.set(zone, format);
  }
  const name = format.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value;
  const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? '');
  if (!m) throw new Error(`no offset for the zone ${zone}`);
  if (m[1] === undefined) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return (m[1] === '-' ? -minutes : minutes) * 60_000;
}

/** Whether the zone is one Intl knows. */
export function knownZone(zone: string): boolean {
  try {
    zoneOffsetMs(0, zone);
    return true;
  } catch {
    return false;
  }
}

/** The instant of local midnight that starts `day` (YYYY-MM-DD) in the zone. */
export function dayStart(day: string, zone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1);
  // The offset at the guess, then at the corrected instant (they differ across a change).
  const first = wall - zoneOffsetMs(wall, zone);
  return wall - zoneOffsetMs(first, zone);
}

const HOUR_MS = 3_600_000;

/** The start of the hour `t` is in, for hours that start `minuteMs` past each UTC hour. */
export function hourOf(t: number, minuteMs: number): number {
  return t - ((((t - minuteMs) % HOUR_MS) + HOUR_MS) % HOUR_MS);
}

/** The day `n` days later, as YYYY-MM-DD. */
export function plusDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + n)).toISOString().slice(0, 10);
}

/** The day after, as YYYY-MM-DD. */
export function nextDay(day: string): string {
  return plusDays(day, 1);
}

/** Whether YYYY-MM-DD names a day of the calendar (not 2026-02-30). */
export function realDay(day: string): boolean {
  const [y, m, d] = day.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  return t.toISOString().slice(0, 10) === day;
}

export interface DayRange {
  readonly since: number;
  readonly until: number;
}

/** Days from `from` to `to` (both YYYY-MM-DD, both included) in the zone. */
export function daysRange(from: string, to: string, zone: string): DayRange {
  return { since: dayStart(from, zone), until: dayStart(nextDay(to), zone) };
}

/** How many days from `from` to `to`, both included. */
export function dayCount(from: string, to: string): number {
  return (
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
  );
}
