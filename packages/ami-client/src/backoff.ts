export interface BackoffOptions {
  /** Delay before the first retry (default 500 ms). */
  readonly initialMs?: number;
  /** Longest delay (default 30 s). */
  readonly maxMs?: number;
  /** Growth per failed attempt (default 2). */
  readonly factor?: number;
  /** Spread around the delay, 0..1 (default 0.3): servers restarted together do not reconnect together. */
  readonly jitter?: number;
}

/** Delay before reconnect attempt `attempt` (0-based): exponential, capped, with jitter. */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number,
): number {
  const initial = options.initialMs ?? 500;
  const max = options.maxMs ?? 30_000;
  const factor = options.factor ?? 2;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.3));
  const base = Math.min(max, initial * factor ** Math.min(attempt, 64));
  return Math.round(base * (1 - jitter + 2 * jitter * random()));
}
