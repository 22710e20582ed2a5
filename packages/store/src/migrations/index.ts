import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as users from './0002-users.js';
import * as rollups from './0003-rollups.js';
import * as directory from './0004-directory.js';
import * as rollupRanges from './0005-rollup-ranges.js';
import * as lz4 from './0006-lz4.js';

/** Every migration, by name; names sort in the order they run. */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0002-users': users,
  '0003-rollups': rollups,
  '0004-directory': directory,
  '0005-rollup-ranges': rollupRanges,
  '0006-lz4': lz4,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
