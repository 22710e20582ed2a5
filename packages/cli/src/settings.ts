// The settings every command shares: the config file (--config or
// CALLBOARD_CONFIG) and the PGlite folder (--data, over CALLBOARD_DATA,
// over the file); DATABASE_URL chooses a PostgreSQL server instead.

import { resolve } from 'node:path';
import { loadConfig, type Config, type Env } from '@callboard/config';
import { destination, pino } from 'pino';
import type { Log } from '@callboard/ingest';

export interface CommonOptions {
  readonly config?: string;
  readonly data?: string;
}

export function settings(options: CommonOptions, env: Env = process.env): Config {
  const file = options.config ?? (env.CALLBOARD_CONFIG === '' ? undefined : env.CALLBOARD_CONFIG);
  return loadConfig(
    file,
    options.data === undefined ? env : { ...env, CALLBOARD_DATA: resolve(options.data) },
  );
}

/** Structured logs (JSON lines, pino) on standard error; LOG_LEVEL chooses how many. */
export function logger(env: Env = process.env): Log & { flush(): void } {
  return pino(
    { level: env.LOG_LEVEL ?? 'info', base: { name: 'callboard' } },
    destination({ fd: 2, sync: true }),
  );
}

/** A command's date argument: an ISO date or date-time (a bare date is midnight UTC). */
export function parseDate(text: string): Date {
  const at = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(at.getTime()))
    throw new Error(`not a date: ${JSON.stringify(text)} (use 2026-11-26 or 2026-11-26T09:00:00Z)`);
  return at;
}
