// Time is an input: session expiry, rate-limit windows and audit times read
// this clock, so tests move it instead of waiting.

/** Milliseconds since the epoch. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
