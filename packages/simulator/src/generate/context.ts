// What the simulation's parts share: the configuration, chance, the clock
// and emitter, Asterisk's counters, the model, and the steps one part asks
// of another (so the parts never import each other).

import type { Channel, Ids } from './channel.js';
import type { GeneratorConfig } from './config.js';
import type { Emitter } from './emit.js';
import type { Devices, Member, Operator, Queue, Ring, Visit } from './model.js';
import type { Random } from './random.js';
import type { Scheduler, Timer } from './scheduler.js';
import type { TruthCall } from './truth.js';

/** A bridge as AMI describes it. */
export interface Bridge {
  readonly id: string;
  readonly channels: Channel[];
}

/** A customer call that came in on the trunk. */
export interface InboundCall {
  readonly truth: TruthCall;
  readonly caller: Channel;
  visit: Visit | null;
  talk: Talk | null;
  /** Everything of the call still scheduled (cancelled when it ends early). */
  readonly timers: Timer[];
}

/** The caller bridged with an operator. */
export interface Talk {
  readonly call: InboundCall;
  readonly op: Operator;
  /** The queue member who answered; null when the operator was dialled directly. */
  readonly member: Member | null;
  readonly visit: Visit | null;
  readonly phone: Channel;
  /** The channel bridged with the caller: the phone, or the Local `;1` half. */
  readonly peer: Channel;
  /** For a Local member: the `;2` half, bridged with the phone in `inner`. */
  readonly two: Channel | null;
  readonly bridge: Bridge;
  readonly inner: Bridge | null;
  readonly answeredMs: number;
  end: Timer | null;
}

export interface Flow {
  /** Offers waiting callers of a queue to its free members. */
  dispatch(queue: Queue): void;
  /** The caller enters a queue (from the dialplan or a transfer). */
  join(call: InboundCall, queue: Queue): void;
  /** A rung member picked up. */
  answer(ring: Ring): void;
  /** The talk is over, ended by `by`. */
  hangup(talk: Talk, by: 'caller' | 'agent'): void;
  /** During the talk the operator transfers the caller. */
  transfer(talk: Talk): void;
  /** An operator is free again (after a call, a pause, a log-in): queues may ring them. */
  freed(op: Operator): void;
}

export interface Ctx {
  readonly config: GeneratorConfig;
  readonly rng: Random;
  readonly em: Emitter;
  readonly ids: Ids;
  readonly devices: Devices;
  readonly timers: Scheduler;
  readonly operators: ReadonlyMap<string, Operator>;
  readonly byDevice: ReadonlyMap<string, Operator>;
  readonly queues: ReadonlyMap<string, Queue>;
  readonly calls: Set<InboundCall>;
  readonly flow: Flow;
  /** The trunk's channels up now (its device state follows them). */
  readonly trunk: Set<Channel>;
  /** Channels up, by name (Hangup and Redirect actions find them here). */
  readonly channels: Map<string, Channel>;
  /** Sim time of the step being run, ms. */
  now: number;
  /** A call is over: its truth is final. */
  finished(truth: TruthCall): void;
  /** Whether new calls, pauses and shifts still start (false while draining). */
  live: boolean;
}
