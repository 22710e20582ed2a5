// Time in the tracker is milliseconds since the epoch, read from the events.

/** `Timestamp: 1795704250.922541` (seconds.microseconds), read as a number → milliseconds, or null. */
export function timestampMs(seconds: number): number | null {
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null;
}

// Records carry many times; formatting each with Date costs more than the
// rest of the record. The minute's prefix is kept and only seconds and
// milliseconds are written per call. Same output as Date#toISOString.
let minute = Number.NaN;
let prefix = '';

/** `2026-11-26T14:44:10.922Z` */
export function iso(ms: number): string {
  const t = Math.floor(ms);
  const m = Math.floor(t / 60_000);
  if (m !== minute) {
    minute = m;
    prefix = new Date(m * 60_000).toISOString().slice(0, 17);
  }
  const rest = t - m * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  return `${prefix}${s < 10 ? '0' : ''}${s}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}
