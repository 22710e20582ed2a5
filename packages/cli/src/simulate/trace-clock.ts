// The simulated server's clock, in the trace's time: it reads the recorded
// Timestamp of the events being sent, runs `speed` times faster than the wall
// clock between them, and never goes back. Ping answers and the Wait and
// Duration of resync answers read it, so they agree with the events' times.

export class TraceClock {
  private anchor: { readonly at: number; readonly wall: number } | undefined;
  private last: number;

  /**
   * @param start trace time before anything is sent (the first event's)
   * @param speed 1 real time, Infinity as fast as possible (time moves only with the events)
   * @param wall the wall clock in ms (performance.now by default)
   */
  constructor(
    start: number,
    private readonly speed: number,
    private readonly wall: () => number = () => performance.now(),
  ) {
    this.last = start;
  }

  /** A pass starts: trace time `at` is now. */
  startAt(at: number): void {
    this.anchor = { at, wall: this.wall() };
    this.last = Math.max(this.last, at);
  }

  /** An event stamped `at` was sent. */
  sent(at: number | undefined): void {
    if (at !== undefined) this.last = Math.max(this.last, at);
  }

  /** Trace time now, ms since the epoch. */
  now(): number {
    const a = this.anchor;
    if (a !== undefined && Number.isFinite(this.speed))
      this.last = Math.max(this.last, a.at + (this.wall() - a.wall) * this.speed);
    return this.last;
  }
}
