import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { importTraces, rebuild } from '@callboard/ingest';
import { migrate, openDatabase, Store } from '@callboard/store';
import { amiDump } from './ami-dump.js';
import { CALL_FORMATS, printCalls, type CallFormat } from './calls.js';
import { replay } from './replay.js';
import { logger, parseDate, settings, type CommonOptions } from './settings.js';
import { addSimulateCommand } from './simulate/command.js';
import { start } from './start.js';
import { addUserCommand } from './user.js';

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function date(value: string): Date {
  try {
    return parseDate(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}

/** The options every command that touches the database takes. */
function common(command: Command): Command {
  return command
    .option('--config <file>', 'the configuration file (YAML or JSON; default: CALLBOARD_CONFIG)')
    .option('--data <dir>', 'the PGlite data folder (default: CALLBOARD_DATA, or ./data)');
}

async function withStore<T>(options: CommonOptions, use: (store: Store) => Promise<T>): Promise<T> {
  const config = settings(options);
  const store = await Store.open({ url: config.database.url, dataDir: config.database.data });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** Runs the command line; resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = new Command('callboard')
    .description('Call-center statistics and live monitoring for Asterisk')
    .showHelpAfterError()
    .exitOverride();

  common(
    program
      .command('start')
      .description(
        'Run Callboard: a collector for every configured Asterisk server, the journal, the call tracker and the store. With no server configured it runs the demo: an AMI emulator playing recorded calls.',
      ),
  )
    .option('--speed <x>', 'replay speed of the demo traffic (1 = real time)', positive, 1)
    .action(async (opts: CommonOptions & { speed: number }) => {
      const config = settings(opts);
      const log = logger();
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await start(config, {
        speed: opts.speed,
        out: process.stdout,
        log,
        signal: controller.signal,
      });
    });

  common(
    program
      .command('migrate')
      .description('Bring the database schema up to date (start does it too).'),
  ).action(async (opts: CommonOptions) => {
    const config = settings(opts);
    const db = await openDatabase({ url: config.database.url, dataDir: config.database.data });
    try {
      const applied = await migrate(db);
      process.stdout.write(
        applied.length === 0
          ? 'migrate: the schema is up to date\n'
          : applied.map((m) => `migrate: applied ${m}\n`).join(''),
      );
    } finally {
      await db.close();
    }
  });

  common(
    program
      .command('rebuild')
      .description(
        'Run the call tracker again over the journal and replace the calls and operator intervals that started at or after DATE (after a tracker fix). Stop `callboard start` first.',
      ),
  )
    .requiredOption('--since <date>', 'ISO date or date-time', date)
    .action(async (opts: CommonOptions & { since: Date }) => {
      const config = settings(opts);
      const log = logger();
      await withStore(opts, async (store) => {
        const r = await rebuild(store, config.tracker, opts.since, log);
        process.stdout.write(
          `rebuild: ${r.messages} journaled messages, ${r.calls} calls and ${r.intervals} operator intervals since ${opts.since.toISOString()}\n`,
        );
      });
    });

  common(
    program
      .command('import-traces')
      .description(
        'Journal recorded trace folders as if they had arrived live (each ami-<server>.raw as that server) and wait until they are processed and stored.',
      ),
  )
    .argument('<path...>', 'trace folders or capture files')
    .action(async (paths: string[], opts: CommonOptions) => {
      const config = settings(opts);
      const log = logger();
      await withStore(opts, async (store) => {
        const r = await importTraces(
          store,
          paths,
          { config: config.tracker, spoolDir: config.spool.dir },
          log,
        );
        process.stdout.write(
          `import-traces: ${r.messages} messages, ${r.calls} calls and ${r.intervals} operator intervals stored\n`,
        );
      });
    });

  common(
    program
      .command('calls')
      .description(
        'Print stored calls that started in [--since, --until), in start order: the tracker record format (jsonl) or one flat CSV row per call.',
      ),
  )
    .option('--since <date>', 'ISO date or date-time', date)
    .option('--until <date>', 'ISO date or date-time', date)
    .addOption(
      new Option('--format <format>', 'output format').choices(CALL_FORMATS).default('jsonl'),
    )
    .action(async (opts: CommonOptions & { since?: Date; until?: Date; format: CallFormat }) => {
      await withStore(opts, async (store) => {
        await printCalls(
          store,
          {
            ...(opts.since ? { since: opts.since } : {}),
            ...(opts.until ? { until: opts.until } : {}),
          },
          opts.format,
          process.stdout,
        );
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
      'Feed raw AMI captures through the call tracker (nothing is stored) and print one finished call record per line (JSON), in end order. A folder gives every ami-*.raw in it, each as the server named by the file (ami-pbx1.raw is pbx1).',
    )
    .argument('<path...>', 'capture files or trace folders')
    .option('--config <file>', 'the configuration file: its tracker settings and stations')
    .option('--operators', 'print operator state intervals instead of calls')
    .action((paths: string[], opts: { config?: string; operators?: boolean }) => {
      const config = opts.config === undefined ? {} : settings({ config: opts.config }).tracker;
      code = replay(paths, config, opts.operators === true, process.stdout, process.stderr);
    });

  addSimulateCommand(program);
  addUserCommand(program);

  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    // Expected failures (a missing file, a bad config line, a refused login) are one line, not a stack trace.
    process.stderr.write(`callboard: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  return code;
}
