import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations/index.js';
import { PGliteDialect } from './pglite-driver.js';
import type { Database } from './schema.js';

export interface DatabaseOptions {
  /** `postgres://…`: a PostgreSQL server. Without it, PGlite in `dataDir`. */
  readonly url?: string | undefined;
  /** PGlite's folder; `memory://` (the default) keeps it in memory. */
  readonly dataDir?: string | undefined;
  /** Most connections to a server (default 4). */
  readonly poolSize?: number;
  /**
   * How long getting a connection may take before the query fails (default
   * 5 s): a server that does not answer at all (a lost network) fails the
   * write, so the journal writer spools, instead of hanging it.
   */
  readonly connectTimeoutMs?: number;
}

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;

/** Opens the database (it is not migrated: see `migrate`). */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Db> {
  if (options.url !== undefined && options.url !== '') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 4,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      // bigint ids stay well below 2^53: read them as numbers, as PGlite does.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) =>
          oid === INT8
            ? (v: string) => Number(v)
            : (pg.types.getTypeParser(oid, format) as (
                value: string,
              ) => unknown)) as typeof pg.types.getTypeParser,
      },
    });
    // A client that loses its server emits 'error': an idle one through the pool
    // (which drops it), one in use on itself, where pg has no listener of its own
    // and an unheard 'error' would crash the process. The query in flight is
    // rejected with the error, the next one fails, and the pool drops the client
    // when it is released.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, kind: 'postgres', close: () => kysely.destroy() };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, {
    parsers: { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v) },
  });
  const kysely = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    kysely,
    kind: 'pglite',
    close: async () => {
      await kysely.destroy();
      await pglite.close();
    },
  };
}

/** Runs every migration not yet run; returns their names. */
export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error)
    throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
