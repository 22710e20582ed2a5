// `callboard simulate generate`: the simulator's synthetic call center as a
// live Asterisk on a local port — the built-in center, or one described in a
// YAML or JSON file (docs/simulator.md) — from now on, at the chosen speed,
// for a number of days or until Ctrl-C.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import {
  AmiServer,
  defaultGeneratorConfig,
  GeneratorFeed,
  parseGeneratorConfig,
  Simulation,
  type GeneratorConfig,
} from '@callboard/simulator';

export interface GenerateOptions {
  readonly config?: string;
  readonly seed: number;
  readonly days?: number;
  readonly speed: number;
  readonly port: number;
  readonly host: string;
  readonly user: string;
  readonly secret?: string;
}

const DAY_MS = 86_400_000;

/** The center described in `file` (YAML or JSON), or the built-in one; errors name the file. */
export function generatorConfig(file: string | undefined): GeneratorConfig {
  if (file === undefined) return defaultGeneratorConfig();
  try {
    return parseGeneratorConfig(parseYaml(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

export async function generateCommand(options: GenerateOptions): Promise<void> {
  const config = generatorConfig(options.config);
  const secret = options.secret ?? randomBytes(12).toString('hex');
  const simulation = new Simulation({ config, seed: options.seed, startMs: Date.now() });
  const feed = new GeneratorFeed({ simulation, speed: options.speed });
  const server = new AmiServer({ users: { [options.user]: secret }, handlers: feed.handlers() });
  feed.attach(server);
  const port = await server.listen(options.port, options.host);
  const name = config.server.name;
  process.stdout.write(
    `server ${name} listening on ${options.host}:${port} (user ${options.user}, secret ${secret})\n` +
      `generating ${config.queues.length} queues, ${config.operators.length} operators, seed ${options.seed}, ` +
      `at ${options.speed}x${options.days === undefined ? '' : ` for ${options.days} days`} (Ctrl-C to stop)\n`,
  );
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  feed.start();
  const end = options.days === undefined ? Infinity : simulation.now + options.days * DAY_MS;
  try {
    await new Promise<void>((resolve) => {
      controller.signal.addEventListener('abort', () => resolve(), { once: true });
      const check = setInterval(() => {
        if (simulation.now >= end) {
          clearInterval(check);
          resolve();
        }
      }, 200);
      controller.signal.addEventListener('abort', () => clearInterval(check), { once: true });
    });
  } finally {
    feed.stop();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await server.close();
  }
}
