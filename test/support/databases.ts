// The two databases every storage test runs on: PGlite (in memory) and the
// PostgreSQL server (a fresh database per use, dropped afterwards). The
// server is PG_TEST_URL, default postgres://postgres@127.0.0.1:5432/test.

import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const SERVER_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  readonly kind: 'pglite' | 'postgres';
  /** A database URL, or undefined for in-memory PGlite. */
  readonly url: string | undefined;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL database on the test server. */
export async function freshPostgres(): Promise<TestDatabase> {
  const name = `callboard_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: url.toString(),
    drop: () =>
      admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

export function freshPglite(): TestDatabase {
  return { kind: 'pglite', url: undefined, drop: () => Promise.resolve() };
}

/** Both kinds, for `describe.each`. */
export const DATABASE_KINDS = ['pglite', 'postgres'] as const;

export function fresh(kind: (typeof DATABASE_KINDS)[number]): Promise<TestDatabase> {
  return kind === 'pglite' ? Promise.resolve(freshPglite()) : freshPostgres();
}
