// A tracker restored from a snapshot, fed the messages that followed, gives
// exactly what an uninterrupted tracker gives: for every trace, from
// checkpoints taken at several points, through JSON and back.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCaptures, readCaptures } from '@callboard/ingest';
import { Tracker, type Effect, type TrackerSnapshot } from '@callboard/tracker';
import { seeded, traceCaptures, tracesDir } from './support/traces.js';

const folders = [...new Set(traceCaptures().map((c) => c.folder))];

function run(
  inputs: ReturnType<typeof readCaptures>,
  cuts: readonly number[],
  servers: string[],
): Effect[] {
  const config = { servers };
  let tracker = new Tracker(config);
  const effects: Effect[] = [];
  inputs.forEach((input, i) => {
    if (cuts.includes(i)) {
      const saved = JSON.parse(JSON.stringify(tracker.snapshot())) as TrackerSnapshot;
      tracker = Tracker.restore(config, saved);
    }
    effects.push(...tracker.push(input));
  });
  effects.push(...tracker.end());
  return effects;
}

describe.each(folders)('checkpoints in %s', (folder) => {
  it('a restored tracker carries on exactly', () => {
    const captures = findCaptures([join(tracesDir, folder)]);
    const inputs = readCaptures(captures, () => undefined);
    const servers = captures.map((c) => c.server);
    const random = seeded(inputs.length);
    const cuts = Array.from({ length: 6 }, () => Math.floor(random() * inputs.length));
    expect(run(inputs, cuts, servers)).toEqual(run(inputs, [], servers));
  });
});
