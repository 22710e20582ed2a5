// The simulation run live against an AmiServer: on each tick of an injected
// clock the simulation catches up with (scaled) time and its events go to
// every logged-in session; AMI actions act on it (actions.ts), and a
// LiveState beside it answers CoreShowChannels and DeviceStateList.

import { LiveState } from '../live-state.js';
import type { ActionHandler, AmiServer } from '../server.js';
import { simulationHandlers } from './actions.js';
import type { GeneratedEvent } from './emit.js';
import type { Simulation } from './simulation.js';

export interface GeneratorFeedOptions {
  readonly simulation: Simulation;
  /** The wall clock (default Date.now). */
  readonly clock?: () => number;
  /** Simulated ms per wall ms: 1 is real time, 60 a minute a second. */
  readonly speed?: number;
  /** How often the feed catches up while running (ms, default 50). */
  readonly tickMs?: number;
  /** Told of every event sent. */
  readonly onEvent?: (event: GeneratedEvent) => void;
}

export class GeneratorFeed {
  readonly live = new LiveState();
  private readonly simulation: Simulation;
  private readonly clock: () => number;
  private readonly speed: number;
  private readonly tickMs: number;
  private readonly onEvent: ((event: GeneratedEvent) => void) | undefined;
  private server: AmiServer | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly wallStart: number;
  private readonly simStart: number;

  constructor(options: GeneratorFeedOptions) {
    this.simulation = options.simulation;
    this.clock = options.clock ?? Date.now;
    this.speed = options.speed ?? 1;
    this.tickMs = options.tickMs ?? 50;
    this.onEvent = options.onEvent;
    this.wallStart = this.clock();
    this.simStart = options.simulation.now;
  }

  /** Where the simulation should be by now. */
  get simNow(): number {
    return this.simStart + (this.clock() - this.wallStart) * this.speed;
  }

  /** The AmiServer handlers: actions on the simulation, and the live state's lists. */
  handlers(): Record<string, ActionHandler> {
    const live = this.live.handlers(() => this.simulation.now);
    return {
      CoreShowChannels: live.CoreShowChannels,
      DeviceStateList: live.DeviceStateList,
      ...simulationHandlers(
        this.simulation,
        () => this.tick(),
        (events) => this.send(events),
      ),
    };
  }

  /** Where the events go. */
  attach(server: AmiServer): void {
    this.server = server;
  }

  /** Runs the simulation up to the clock's now and sends what happened. */
  tick(): void {
    this.send(this.simulation.advance(this.simNow));
  }

  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => this.tick(), this.tickMs);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private send(events: readonly GeneratedEvent[]): void {
    for (const e of events) {
      this.live.observe(e.bytes, e.at);
      this.server?.broadcast(e.bytes);
      this.onEvent?.(e);
    }
  }
}
