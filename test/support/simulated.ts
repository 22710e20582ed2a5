// A stretch of the synthetic call center (the simulator's generator) as the
// tracker sees it: the calls that finished and the operator intervals that
// closed. For tests and benchmarks that need realistic report data.

import { AmiParser } from '@callboard/ami';
import { defaultGeneratorConfig, generate, scaleTo } from '@callboard/simulator';
import { Tracker, type CallRecord, type OperatorInterval } from '@callboard/tracker';

export interface Simulated {
  readonly calls: CallRecord[];
  readonly intervals: OperatorInterval[];
}

/** `durationMs` from `start` of a center of `callsPerDay` calls a day, as server `pbx1`. */
export function simulated(callsPerDay: number, start: number, durationMs: number): Simulated {
  const config = scaleTo(defaultGeneratorConfig(), callsPerDay);
  const tracker = new Tracker({
    live: false,
    queues: Object.fromEntries(config.queues.map((q) => [q.name, { wrapUpSeconds: q.wrapUp }])),
  });
  const parser = new AmiParser({ banner: false });
  const calls: CallRecord[] = [];
  const intervals: OperatorInterval[] = [];
  const take = (effects: ReturnType<Tracker['push']>): void => {
    for (const fx of effects) {
      if (fx.kind === 'call-finished') calls.push(fx.record);
      else if (fx.kind === 'operator-interval') intervals.push(fx.interval);
    }
  };
  let last = start;
  for (const e of generate({ config, seed: 1, startMs: start, durationMs }).events) {
    last = e.at;
    parser.push(e.bytes, (item) => {
      if (item.kind === 'message')
        take(tracker.push({ server: 'pbx1', message: item.message, receivedAt: e.at }));
    });
  }
  take(tracker.advance(last + 60_000));
  return { calls, intervals };
}
