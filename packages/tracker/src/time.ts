// Time in the tracker is milliseconds since the epoch, read from the events.

/** `Timestamp: 1795704250.922541` (seconds.microseconds), read as a number → milliseconds, or null. */
export function timestampMs(seconds: number): number | null {
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
