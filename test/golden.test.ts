// Golden scenarios: each trace folder's calls and operator intervals, as the
// tracker sees them, against test/golden/<folder>/*.json. Those files were
// written by `npm run golden:update`, read against the folder's scenario.md
// and reviewed in the diff; a change to them is a change in behaviour.
// (Channel attributes are left out: they are copies of the stream, not
// interpretation, and would bury the story.)

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayCaptures } from '@callboard/cli';
import type { OperatorInterval } from '@callboard/tracker';
import { repoRoot, traceCaptures, tracesDir } from './support/traces.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const folders = [...new Set(traceCaptures().map((c) => c.folder))];

function compare(file: string, actual: unknown): void {
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (UPDATE) {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  expect(existsSync(file), `${file} is missing: run npm run golden:update and review it`).toBe(
    true,
  );
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
}

describe.each(folders)('golden %s', (folder) => {
  const result = replayCaptures([join(tracesDir, folder)]);
  const dir = join(repoRoot, 'test/golden', folder);

  it('calls', () => {
    compare(
      join(dir, 'calls.json'),
      result.calls.map(({ attrs: _attrs, ...call }) => call),
    );
  });

  it('operator intervals', () => {
    // In a fixed order: when the tracker emits an interval is not part of it.
    const key = (i: OperatorInterval): string =>
      `${i.operator} ${i.kind} ${i.queue ?? ''} ${i.from}`;
    const sorted = [...result.intervals].sort((a, b) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0,
    );
    compare(join(dir, 'operators.json'), sorted);
  });

  it('parses without errors', () => {
    expect(result.errors).toEqual([]);
  });
});
