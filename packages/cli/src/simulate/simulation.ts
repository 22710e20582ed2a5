// `callboard simulate replay` without the command line: one AMI server per
// recorded capture, each answering like the Asterisk it was recorded from.
// A group (the servers of one folder) plays its captures on one time line,
// each pass once every one of its servers has a client logged in: the first
// pass exactly as recorded, every later pass (--loop) a fresh copy with new
// ids and times moved on past the pass before.

import type { Socket } from 'node:net';
import { setImmediate as yieldTurn, setTimeout as sleep } from 'node:timers/promises';
import { AmiServer, freshCopy, LiveState } from '@callboard/simulator';
import { coreSettings } from './core-settings.js';
import { seedMembers } from './seed.js';
import { loadTraces, type ServerTrace, type TraceGroup } from './sources.js';
import { timeline, type Cue } from './timeline.js';
import { TraceClock } from './trace-clock.js';

/** Trace time between the last event of a pass and the first of the next. */
export const PASS_GAP_MS = 5000;

export interface SimulationOptions {
  /** 1 real time, 10 ten times faster, Infinity as fast as the client reads. */
  readonly speed: number;
  /** Play again and again, each pass a fresh copy. */
  readonly loop: boolean;
  readonly host: string;
  /** 0: free ports; otherwise the first server's port, the next servers on the ports after it. */
  readonly port: number;
  readonly user: string;
  readonly secret: string;
  /** Told what happens, one line at a time (listening, passes sent). */
  readonly report?: (line: string) => void;
}

export interface SimulatedServer {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly secret: string;
  /** The events of one pass. */
  readonly events: number;
}

interface Player {
  readonly trace: ServerTrace;
  readonly server: AmiServer;
  readonly live: LiveState;
  /** Whether any event has been sent: until then QueueStatus answers as recorded at login. */
  played: boolean;
}

interface Stage {
  readonly clock: TraceClock;
  readonly players: readonly Player[];
  /** The first pass: the recorded events of every server on one time line. */
  readonly base: readonly Cue[];
}

export class ReplaySimulation {
  private readonly controller = new AbortController();
  /** Resolves when every group has sent its last pass (with `loop`, once stopped). */
  readonly finished: Promise<void>;

  private constructor(
    private readonly stages: readonly Stage[],
    private readonly options: SimulationOptions,
    readonly servers: readonly SimulatedServer[],
  ) {
    this.finished = Promise.all(stages.map((s) => this.run(s))).then(() => undefined);
  }

  /** Loads the traces, listens, reports the listening lines and starts waiting for clients. */
  static async start(
    paths: readonly string[],
    options: SimulationOptions,
  ): Promise<ReplaySimulation> {
    const groups = loadTraces(paths);
    const stages = groups.map((group) => stage(group, options));
    const all = stages.flatMap((s) => s.players);
    const servers: SimulatedServer[] = [];
    try {
      for (const [i, p] of all.entries()) {
        const port = await p.server.listen(options.port === 0 ? 0 : options.port + i, options.host);
        servers.push({
          name: p.trace.name,
          host: options.host,
          port,
          user: options.user,
          secret: options.secret,
          events: p.trace.events.length,
        });
      }
    } catch (error) {
      await Promise.all(all.map((p) => p.server.close()));
      throw error;
    }
    for (const s of servers)
      options.report?.(
        `server ${s.name} listening on ${s.host}:${s.port} (user ${s.user}, secret ${s.secret})`,
      );
    return new ReplaySimulation(stages, options, servers);
  }

  /** Stops playing, drops the clients and closes the ports. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.finished.catch(() => undefined);
    await Promise.all(this.stages.flatMap((s) => s.players.map((p) => p.server.close())));
  }

  private async run({ clock, players, base }: Stage): Promise<void> {
    const { speed, loop } = this.options;
    const signal = this.controller.signal;
    const first = base[0]?.at ?? 0;
    const span = base.reduce((max, c) => Math.max(max, c.at), first) - first;
    let shift = 0;
    for (let pass = 0; ; pass++) {
      if (!(await loggedIn(players, signal))) return;
      // Past the pass before, or later if the clock ran on while no client was there.
      if (pass > 0) shift = Math.max(shift + span + PASS_GAP_MS, Math.ceil(clock.now() - first));
      const cues =
        pass === 0 ? base : timeline(players.map((p) => freshCopy(p.trace.events, pass, shift)));
      if (!(await this.play(cues, first + shift, clock, players))) return;
      for (const p of players)
        this.options.report?.(
          `server ${p.trace.name}: pass ${pass + 1} sent (${p.trace.events.length} events)`,
        );
      if (!loop) return;
      // Never more than a pass ahead of a slow client.
      for (const p of players)
        for (const s of p.server.sessions) if (!(await drained(s.socket, signal))) return;
      if (Number.isFinite(speed)) {
        if (!(await pause(PASS_GAP_MS / speed, signal))) return;
      } else {
        await yieldTurn();
      }
    }
  }

  /** Sends one pass; false when stopped first. */
  private async play(
    cues: readonly Cue[],
    first: number,
    clock: TraceClock,
    players: readonly Player[],
  ): Promise<boolean> {
    const { speed } = this.options;
    const signal = this.controller.signal;
    clock.startAt(first);
    const started = performance.now();
    for (const cue of cues) {
      if (signal.aborted) return false;
      if (Number.isFinite(speed)) {
        const due = (cue.at - first) / speed - (performance.now() - started);
        if (due > 1 && !(await pause(due, signal))) return false;
      }
      const p = players[cue.server];
      if (p === undefined) continue;
      p.server.broadcast(cue.event.bytes);
      p.played = true;
      clock.sent(cue.event.at);
      p.live.observe(cue.event.bytes, clock.now());
    }
    return true;
  }
}

function stage(group: TraceGroup, options: SimulationOptions): Stage {
  const base = timeline(group.servers.map((s) => s.events));
  const start = base[0]?.at ?? 0;
  const clock = new TraceClock(start, options.speed);
  const players = group.servers.map((trace): Player => {
    const live = new LiveState();
    seedMembers(live, trace.queueStatus, start);
    const answers = live.handlers(() => clock.now());
    const player: Player = {
      trace,
      live,
      played: false,
      server: new AmiServer({
        users: { [options.user]: options.secret },
        banner: trace.banner,
        now: () => Math.floor(clock.now()),
        handlers: {
          ...answers,
          QueueStatus: (context) =>
            !player.played && trace.queueStatus !== undefined
              ? trace.queueStatus
              : answers.QueueStatus(context),
          CoreSettings: coreSettings(trace),
        },
      }),
    };
    return player;
  });
  return { clock, players, base };
}

/** Waits until every server has a client logged in; false when stopped first. */
async function loggedIn(players: readonly Player[], signal: AbortSignal): Promise<boolean> {
  const ready = (): boolean =>
    players.every((p) => [...p.server.sessions].some((s) => s.authenticated));
  while (!ready()) if (!(await pause(10, signal))) return false;
  return !signal.aborted;
}

/** Waits until the socket has written what it holds (or is gone); false when stopped first. */
function drained(socket: Socket, signal: AbortSignal): Promise<boolean> {
  if (!socket.writableNeedDrain || socket.destroyed) return Promise.resolve(!signal.aborted);
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off('drain', done);
      socket.off('close', done);
      signal.removeEventListener('abort', done);
      resolve(!signal.aborted);
    };
    socket.once('drain', done);
    socket.once('close', done);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Sleeps; false when stopped first. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
