import type { Writable } from 'node:stream';
import {
  Tracker,
  type CallRecord,
  type OperatorInterval,
  type TrackerConfig,
} from '@callboard/tracker';
import { findCaptures, readCaptures, type Capture } from '@callboard/ingest';
import type { ParseItem } from '@callboard/ami';

export interface ReplayResult {
  readonly calls: CallRecord[];
  readonly intervals: OperatorInterval[];
  readonly errors: { readonly capture: Capture; readonly item: ParseItem }[];
}

/** Feeds the captures through a tracker; collects the finished calls (in end order) and operator intervals. */
export function replayCaptures(paths: readonly string[], config: TrackerConfig = {}): ReplayResult {
  const captures = findCaptures(paths);
  const errors: ReplayResult['errors'] = [];
  const inputs = readCaptures(captures, (capture, item) => errors.push({ capture, item }));
  const tracker = new Tracker({
    live: false,
    ...config,
    servers: [...new Set([...(config.servers ?? []), ...captures.map((c) => c.server)])],
  });
  const calls: CallRecord[] = [];
  const intervals: OperatorInterval[] = [];
  const take = (effects: ReturnType<Tracker['push']>): void => {
    for (const e of effects) {
      if (e.kind === 'call-finished') calls.push(e.record);
      else if (e.kind === 'operator-interval') intervals.push(e.interval);
    }
  };
  for (const input of inputs) take(tracker.push(input));
  take(tracker.end());
  return { calls, intervals, errors };
}

export function replay(
  paths: readonly string[],
  config: TrackerConfig,
  operators: boolean,
  out: Writable,
  err: Writable,
): number {
  const result = replayCaptures(paths, config);
  for (const e of result.errors) {
    if (e.item.kind === 'error')
      err.write(
        `replay: ${e.capture.path}: byte ${e.item.offset}: ${e.item.code}: ${e.item.detail}\n`,
      );
  }
  const lines = operators ? result.intervals : result.calls;
  for (const line of lines) out.write(`${JSON.stringify(line)}\n`);
  return 0;
}
