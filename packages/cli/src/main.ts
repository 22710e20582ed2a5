import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { amiDump } from './ami-dump.js';
import { replay } from './replay.js';
import { start } from './start.js';
import { loadTrackerConfig } from './tracker-config.js';

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

/** Runs the command line; resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = new Command('callboard')
    .description('Call-center statistics and live monitoring for Asterisk')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('start')
    .description(
      'Run Callboard. Without CALLBOARD_AMI_URL it runs on its embedded defaults: a demo AMI emulator with recorded traffic.',
    )
    .option('--speed <x>', 'replay speed of the demo traffic (1 = real time)', positive, 1)
    .action(async (opts: { speed: number }) => {
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await start({
        amiUrl: process.env.CALLBOARD_AMI_URL,
        speed: opts.speed,
        out: process.stdout,
        signal: controller.signal,
      });
    });

  program
    .command('ami-dump')
    .description(
      'Parse raw AMI captures and print one JSON object per message: keys in wire order, a repeated key as an array, {"_banner": …} for the banner, {"_error": …, "offset": N} for bytes that are not a message.',
    )
    .argument('<file...>', 'raw AMI byte captures (- for standard input)')
    .action(async (files: string[]) => {
      const errors = await amiDump(files, process.stdout);
      if (errors > 0) {
        process.stderr.write(`ami-dump: ${errors} parse error(s)\n`);
        code = 1;
      }
    });

  program
    .command('replay')
    .description(
      'Feed raw AMI captures through the call tracker and print one finished call record per line (JSON), in end order. A folder gives every ami-*.raw in it, each as the server named by the file (ami-pbx1.raw is pbx1).',
    )
    .argument('<path...>', 'capture files or trace folders')
    .option('--config <file>', 'tracker settings (YAML or JSON): stations, trunks, operators, …')
    .option('--operators', 'print operator state intervals instead of calls')
    .action((paths: string[], opts: { config?: string; operators?: boolean }) => {
      const config = opts.config === undefined ? {} : loadTrackerConfig(opts.config);
      code = replay(paths, config, opts.operators === true, process.stdout, process.stderr);
    });

  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    // Expected failures (a missing file, a refused login) are one line, not a stack trace.
    process.stderr.write(`callboard: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  return code;
}
