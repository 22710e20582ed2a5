import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Workspace packages are read from their TypeScript sources, not their build.
    conditions: ['source'],
  },
  ssr: {
    resolve: {
      conditions: ['source'],
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
