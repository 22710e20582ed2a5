// Running a simulation for a stretch of time as a stream of events, with
// the ground truth of every call beside it.

import type { GeneratedEvent } from './emit.js';
import { Simulation, type SimulationOptions } from './simulation.js';
import type { TruthCall } from './truth.js';

export interface GenerateOptions extends Omit<SimulationOptions, 'onCall'> {
  /** How long calls keep arriving, ms. */
  readonly durationMs: number;
  /** After the duration, let every call in progress finish (default true). */
  readonly drain?: boolean;
  /** How much sim time each step of the iterator covers (default 10 s). */
  readonly sliceMs?: number;
}

export interface GeneratedDay {
  /** The AMI events in time order. */
  readonly events: Iterable<GeneratedEvent>;
  /** Every finished call, filled in as the events are read. */
  readonly truth: readonly TruthCall[];
  readonly simulation: Simulation;
}

/** A simulated stretch of a call center: the events (lazily) and the truth they make. */
export function generate(options: GenerateOptions): GeneratedDay {
  const truth: TruthCall[] = [];
  const simulation = new Simulation({ ...options, onCall: (t) => truth.push(t) });
  const end = options.startMs + options.durationMs;
  const slice = options.sliceMs ?? 10_000;
  function* events(): Generator<GeneratedEvent> {
    for (let t = options.startMs + slice; t < end + slice; t += slice)
      yield* simulation.advance(Math.min(t, end));
    if (options.drain === false) return;
    simulation.drain();
    while (simulation.nextAt < Infinity) yield* simulation.advance(simulation.nextAt + slice);
  }
  return { events: events(), truth, simulation };
}
