#!/usr/bin/env node
import { main } from '@callboard/cli';

process.stdout.on('error', (error) => {
  // A closed pipe (`callboard ami-dump … | head`) is the reader's choice, not a failure.
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.exitCode = await main(process.argv);
