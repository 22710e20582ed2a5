// Writes packages/ami/src/generated/{events,actions}.ts from Asterisk's
// documentation XML; with --check, fails when they are out of date.
//
//   npm run gen:ami -- [--check] [path/to/core-en_US-20.xml]
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDir } from '../test/support/traces.js';
import { generatedFiles } from './ami-codegen/files.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const source =
  args.find((a) => !a.startsWith('--')) ?? resolve(sharedDir, 'asterisk/core-en_US-20.xml');

const files = await generatedFiles(readFileSync(source, 'utf8'), root);
let stale = 0;
for (const [path, text] of files) {
  if (check) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
      console.error(`out of date: ${path}`);
      stale++;
    }
    continue;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  console.log(`wrote ${path}`);
}
if (stale > 0) {
  console.error('run `npm run gen:ami` and commit the result');
  process.exitCode = 1;
}
