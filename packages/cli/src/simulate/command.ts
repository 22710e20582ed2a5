// `callboard simulate`: AMI servers that play the part of Asterisk, to try
// Callboard (or anything that speaks AMI) without a PBX. `replay` plays
// recorded traces; `generate` a synthetic call center.

import { randomBytes } from 'node:crypto';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { generateCommand, type GenerateOptions } from './generate.js';
import { ReplaySimulation } from './simulation.js';

interface ReplayOptions {
  readonly speed: number;
  readonly loop?: boolean;
  readonly port: number;
  readonly host: string;
  readonly user: string;
  readonly secret?: string;
}

const REPLAY_HELP = `
Each PATH is a trace folder (one server per ami-<server>.raw in it) or one raw
capture file. Every server listens on its own port and prints
  server <name> listening on <host>:<port> (user <user>, secret <secret>)
on standard output: give those to Callboard's configuration.

Nothing is sent until a client has logged in to every server of a folder
(a folder's servers play on one time line). Then the events go out exactly as
recorded (same bytes, same order), paced by their Timestamps. CoreShowChannels,
QueueStatus and DeviceStateList are answered with the state the replay has
reached, CoreSettings and Ping as Asterisk 20 answers them.

Without --loop, once the trace is played the servers stay up like an idle
Asterisk, answering pings and resync actions, so a connected Callboard sees no
outage; Ctrl-C stops them (exit code 0). With --loop every later pass is a
fresh copy of the trace: new uniqueids, linkedids and channel names, times
moved on past the previous pass.

Example:
  callboard simulate replay ../shared/traces/05-blind-transfer --speed 10 --loop`;

function speed(value: string): number {
  if (value === 'max') return Infinity;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError('expected a positive number or "max"');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function whole(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a port number (0 to 65535)');
  return n;
}

/** Adds `simulate` and its subcommands. */
export function addSimulateCommand(program: Command): void {
  const simulate = program
    .command('simulate')
    .description('AMI servers that play the part of Asterisk, to try Callboard without a PBX.');

  simulate
    .command('replay')
    .description(
      'Play recorded AMI traces as live Asterisk servers: each capture on its own port, to any client that logs in.',
    )
    .argument('<path...>', 'trace folders or raw capture files')
    .option(
      '--speed <x>',
      'replay speed: 1 real time, 10 ten times faster, max as fast as the client reads',
      speed,
      1,
    )
    .option('--loop', 'play again and again, each pass as new calls')
    .addOption(
      new Option('--port <n>', "the first server's port, the next servers on the ports after it")
        .argParser(port)
        .default(0, 'free ports'),
    )
    .option('--host <h>', 'the address to listen on', '127.0.0.1')
    .option('--user <u>', 'the manager user to accept', 'callboard')
    .option('--secret <s>', 'its secret (default: a random one, printed)')
    .addHelpText('after', REPLAY_HELP)
    .action(async (paths: string[], opts: ReplayOptions) => {
      await replayCommand(paths, opts);
    });

  simulate
    .command('generate')
    .description(
      'Simulate a call center as a live Asterisk: callers, queues, operators on shifts, pauses, transfers, outbound and internal calls.',
    )
    .option(
      '--config <file>',
      'the center, in YAML or JSON (docs/simulator.md); default: the built-in one',
    )
    .option('--seed <n>', 'the seed: the same seed, the same calls', whole, 1)
    .option(
      '--days <d>',
      'stop after this many simulated days (default: run until Ctrl-C)',
      positiveNumber,
    )
    .option(
      '--speed <x>',
      'simulated time per wall time: 1 real time, 60 a minute a second',
      positiveNumber,
      1,
    )
    .addOption(
      new Option('--port <n>', 'the port to listen on').argParser(port).default(0, 'a free port'),
    )
    .option('--host <h>', 'the address to listen on', '127.0.0.1')
    .option('--user <u>', 'the manager user to accept', 'callboard')
    .option('--secret <s>', 'its secret (default: a random one, printed)')
    .action(async (opts: GenerateOptions) => {
      await generateCommand(opts);
    });
}

async function replayCommand(paths: readonly string[], opts: ReplayOptions): Promise<void> {
  const out = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  const stopped = new Promise<void>((resolve) =>
    controller.signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const simulation = await ReplaySimulation.start(paths, {
      speed: opts.speed,
      loop: opts.loop === true,
      host: opts.host,
      port: opts.port,
      user: opts.user,
      secret: opts.secret ?? randomBytes(12).toString('hex'),
      report: out,
    });
    try {
      out('waiting for a client to log in (Ctrl-C to stop)');
      await Promise.race([simulation.finished, stopped]);
      if (!controller.signal.aborted)
        out('replay done: still answering pings and resync actions (Ctrl-C to stop)');
      await stopped;
    } finally {
      await simulation.stop();
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
