// Generating a record day (150,000 inbound calls) with the synthetic call
// center, beside the baseline of producing as many events by freshCopy of
// the largest recorded trace (parse, rewrite ids and times, encode).
// Run: npm run bench:simulate [-- calls-per-day]

import { readFileSync } from 'node:fs';
import {
  defaultGeneratorConfig,
  freshCopy,
  generate,
  scaleTo,
  traceEvents,
} from '@callboard/simulator';
import { largestCapture } from '../../test/support/traces.js';

const CALLS = Number(process.argv[2] ?? 150_000);
const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 10, 26, 0, 0, 0);

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

const config = scaleTo(defaultGeneratorConfig(), CALLS);
const t0 = performance.now();
const day = generate({ config, seed: 1, startMs: START, durationMs: DAY_MS });
let events = 0;
let bytes = 0;
for (const e of day.events) {
  events++;
  bytes += e.bytes.length;
}
const seconds = (performance.now() - t0) / 1000;
const inbound = day.truth.filter((c) => c.kind === 'inbound').length;
console.log(
  `generated day: ${fmt(CALLS)} calls/day config, ${fmt(config.operators.length)} operators: ` +
    `${fmt(day.truth.length)} calls (${fmt(inbound)} inbound), ${fmt(events)} events, ${(bytes / 2 ** 20).toFixed(0)} MiB`,
);
console.log(
  `  generate             ${fmt(day.truth.length / seconds).padStart(9)} calls/s ${fmt(events / seconds).padStart(11)} events/s` +
    `  (${seconds.toFixed(1)} s, ${fmt(DAY_MS / 1000 / seconds)}x real time)`,
);

const capture = largestCapture();
const trace = traceEvents(new Uint8Array(readFileSync(capture)));
const t1 = performance.now();
let copied = 0;
for (let copy = 0; copied < events; copy++) copied += freshCopy(trace, copy, copy * 15_000).length;
const baseline = (performance.now() - t1) / 1000;
console.log(
  `  freshCopy baseline   ${''.padStart(17)} ${fmt(copied / baseline).padStart(11)} events/s` +
    `  (${baseline.toFixed(1)} s; ${capture.split('/').slice(-2).join('/')} copied to ${fmt(copied)} events)`,
);
console.log(
  `  generating runs at ${(events / seconds / (copied / baseline)).toFixed(2)}x the event rate of copying a trace`,
);
