// Time in the tracker is milliseconds since the epoch, read from the events.

/** `Timestamp: 1795704250.922541` (seconds.microseconds) → milliseconds, or null. */
export function parseTimestamp(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? Math.round(n * 1000) : null;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
