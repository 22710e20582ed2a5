import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as users from './0002-users.js';

/** Every migration, by name; names sort in the order they run. */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-users': users,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
