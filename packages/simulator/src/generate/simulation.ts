// The synthetic call center as a discrete-event simulation: callers arrive
// (Poisson, at each queue's rate for the hour of day), operators work their
// shifts, and every step writes the AMI events Asterisk 20 would. Pure:
// time is an input (the start, and how far to run), chance is a seeded
// PRNG, and the output is the events with their times and the ground truth.

import { Ids } from './channel.js';
import { parseGeneratorConfig, type GeneratorConfig } from './config.js';
import { answer, endTalk } from './connect.js';
import type { Ctx, Flow, InboundCall } from './context.js';
import { outbound, internal } from './direct.js';
import { dispatch } from './dispatch.js';
import { Emitter, type GeneratedEvent } from './emit.js';
import { arrive, join } from './inbound.js';
import { hourOf, startOperator } from './agents.js';
import { Devices, type Member, type Operator, type Queue, type Visit } from './model.js';
import { Random } from './random.js';
import { Scheduler } from './scheduler.js';
import { transfer } from './transfer.js';
import type { TruthCall } from './truth.js';

export interface SimulationOptions {
  readonly config: GeneratorConfig;
  readonly seed: number;
  /** When the simulated PBX starts, ms since the epoch. */
  readonly startMs: number;
  /** Told of every finished call's ground truth. */
  readonly onCall?: (truth: TruthCall) => void;
}

const HOUR = 3_600_000;

export class Simulation {
  readonly ctx: Ctx;
  private readonly calls = new Set<InboundCall>();
  private readonly byVisit = new WeakMap<Visit, InboundCall>();
  private readonly onCall: ((truth: TruthCall) => void) | undefined;

  constructor(options: SimulationOptions) {
    const config = parseGeneratorConfig(options.config);
    const rng = new Random(options.seed);
    const jitter = rng.fork();
    const em = new Emitter(jitter, options.startMs);
    const operators = new Map<string, Operator>();
    for (const cfg of config.operators)
      operators.set(cfg.extension, {
        cfg,
        device: cfg.device,
        members: [],
        channels: new Set(),
        reserved: false,
        lastCallEndMs: -Infinity,
        onShift: false,
        paused: null,
      });
    const queues = new Map<string, Queue>();
    for (const cfg of config.queues) {
      const q: Queue = {
        cfg,
        members: [],
        waiting: [],
        rrNext: 0,
        stats: { completed: 0, abandoned: 0, holdS: 0, talkS: 0, inSl: 0 },
      };
      queues.set(cfg.name, q);
      for (const mc of cfg.members) {
        const op = operators.get(mc.operator);
        if (!op) continue;
        const m: Member = {
          queue: q,
          op,
          cfg: mc,
          iface:
            mc.kind === 'local'
              ? `Local/${op.cfg.extension}@${config.contexts.queueMembers}/n`
              : op.device,
          inQueue: mc.membership === 'static',
          penalty: mc.penalty,
          callsTaken: 0,
          lastCall: 0,
          lastPause: 0,
          loginTime: Math.floor(options.startMs / 1000),
          paused: false,
          reason: '',
          inCall: false,
        };
        q.members.push(m);
        op.members.push(m);
      }
    }
    // Busier queues first when an operator is free for several (app_queue's weight).
    for (const op of operators.values())
      op.members.sort((a, b) => b.queue.cfg.weight - a.queue.cfg.weight);
    const flow: Flow = {
      dispatch: (q) => dispatch(this.ctx, q),
      join: (call, q) => {
        join(this.ctx, call, q);
        if (call.visit) this.byVisit.set(call.visit, call);
      },
      answer: (ring) => {
        const call = this.byVisit.get(ring.visit);
        if (call) answer(this.ctx, call, ring);
      },
      hangup: (talk, by) => endTalk(this.ctx, talk, by),
      transfer: (talk) => transfer(this.ctx, talk),
      freed: (op) => this.freed(op),
    };
    this.onCall = options.onCall;
    this.ctx = {
      config,
      rng,
      em,
      ids: new Ids(),
      devices: new Devices(em),
      timers: new Scheduler(),
      operators,
      byDevice: new Map([...operators.values()].map((o) => [o.device, o])),
      queues,
      calls: this.calls,
      flow,
      trunk: new Set(),
      channels: new Map(),
      now: options.startMs,
      finished: (truth) => this.onCall?.(truth),
      live: true,
    };
    for (const op of operators.values()) startOperator(this.ctx, op);
    for (const q of queues.values()) this.plan(q.cfg.arrivals, () => arrive(this.ctx, q));
    this.plan(config.outbound.arrivals, () => this.randomOutbound());
    this.plan(config.internal.arrivals, () => this.randomInternal());
  }

  /** Sim time, ms. */
  get now(): number {
    return this.ctx.now;
  }

  /** When the next step is due (Infinity when nothing is left). */
  get nextAt(): number {
    return this.ctx.timers.nextAt;
  }

  /** Inbound calls in progress. */
  get callsInProgress(): number {
    return this.calls.size;
  }

  /** Channels up now. */
  get channelsUp(): number {
    return this.ctx.channels.size;
  }

  /** Runs every step due up to `untilMs` and returns the events they wrote. */
  advance(untilMs: number): GeneratedEvent[] {
    const out: GeneratedEvent[] = [];
    for (;;) {
      const timer = this.ctx.timers.nextAt <= untilMs ? this.ctx.timers.pop() : undefined;
      if (timer === undefined) break;
      this.ctx.now = timer.at;
      this.ctx.em.advanceTo(timer.at);
      timer.run();
      for (const e of this.ctx.em.take()) out.push(e);
    }
    if (untilMs > this.ctx.now && untilMs < Infinity) this.ctx.now = untilMs;
    return out;
  }

  /** Runs an outside request (an AMI action) now; returns the events it caused. */
  act<T>(fn: (ctx: Ctx) => T): { result: T; events: GeneratedEvent[] } {
    this.ctx.em.advanceTo(this.ctx.now);
    const result = fn(this.ctx);
    return { result, events: this.ctx.em.take() };
  }

  /** No new calls, shifts or pauses: what is in progress runs to its end. */
  drain(): void {
    this.ctx.live = false;
  }

  private freed(op: Operator): void {
    const ctx = this.ctx;
    for (const m of op.members) {
      if (!m.inQueue) continue;
      dispatch(ctx, m.queue);
      const ready = op.lastCallEndMs + m.queue.cfg.wrapUp * 1000;
      if (ready > ctx.now) ctx.timers.at(ready, () => dispatch(ctx, m.queue));
    }
  }

  /** A Poisson process at `perHour[hour of day]`, by thinning at the day's peak rate. */
  private plan(perHour: readonly number[], fire: () => void): void {
    const peak = Math.max(0, ...perHour);
    if (peak <= 0) return;
    const step = (): void => {
      const ctx = this.ctx;
      const at = ctx.now + ctx.rng.exponential(HOUR / peak);
      ctx.timers.at(at, () => {
        if (!ctx.live) return;
        const rate = perHour[Math.floor(hourOf(ctx, ctx.now))] ?? 0;
        if (ctx.rng.chance(rate / peak)) fire();
        step();
      });
    };
    step();
  }

  private idleOperators(): Operator[] {
    return [...this.ctx.operators.values()].filter(
      (o) => o.onShift && !o.reserved && o.channels.size === 0 && o.paused === null,
    );
  }

  private randomOutbound(): void {
    const op = this.ctx.rng.pick(this.idleOperators());
    if (op) outbound(this.ctx, op, this.ctx.rng.digits(this.ctx.config.numbers.outbound));
  }

  private randomInternal(): void {
    const idle = this.idleOperators();
    const a = this.ctx.rng.pick(idle);
    const b = this.ctx.rng.pick(idle.filter((o) => o !== a));
    if (a && b) internal(this.ctx, a, b);
  }
}
