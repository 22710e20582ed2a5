// Parse + track the largest recorded trace repeated to over a million
// events (copies interleaved, so hundreds of calls are in flight at once),
// beside parse alone on the same bytes in the same run; then the tracker's
// memory per 1,000 concurrent calls. Run: npm run bench:tracker
import { AmiParser, type ParseItem } from '@callboard/ami';
import { Tracker } from '@callboard/tracker';
import { largestCapture } from '../../test/support/traces.js';
import { repeatedTrace } from './corpus.js';

const TARGET_EVENTS = 1_000_000;
const SPACING_MS = 15_000;

function run(
  chunks: readonly Uint8Array[],
  track: boolean,
  onSample?: (t: Tracker, n: number) => void,
): { seconds: number; events: number; calls: number } {
  const parser = new AmiParser({ banner: false });
  const tracker = new Tracker({ live: false });
  let events = 0;
  let calls = 0;
  const take = (item: ParseItem): void => {
    if (item.kind !== 'message') return;
    events++;
    if (!track) return;
    const effects = tracker.push({ server: 'pbx1', message: item.message, receivedAt: 0 });
    for (const e of effects) if (e.kind === 'call-finished') calls++;
    if (onSample && events % 20_000 === 0) onSample(tracker, events);
  };
  const t0 = performance.now();
  for (const chunk of chunks) parser.push(chunk, take);
  parser.end(take);
  if (track) for (const e of tracker.end()) if (e.kind === 'call-finished') calls++;
  return { seconds: (performance.now() - t0) / 1000, events, calls };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

const capture = largestCapture();
const probe = repeatedTrace(capture, 1, 0);
const copies = Math.ceil(TARGET_EVENTS / probe.events);
const { chunks, events } = repeatedTrace(capture, copies, SPACING_MS);
const bytes = chunks.reduce((n, c) => n + c.length, 0);
console.log(
  `corpus: ${capture.split('/').slice(-2).join('/')} x ${copies} (copies ${SPACING_MS / 1000} s apart): ${fmt(events)} events, ${mb(bytes)} MiB`,
);

run(chunks.slice(0, 200), true); // warm up
const parseOnly = [run(chunks, false), run(chunks, false), run(chunks, false)].sort(
  (a, b) => a.seconds - b.seconds,
)[1];
const tracked = [run(chunks, true), run(chunks, true), run(chunks, true)].sort(
  (a, b) => a.seconds - b.seconds,
)[1];
if (!parseOnly || !tracked) throw new Error('no runs');
console.log(
  `  parse only           ${fmt(parseOnly.events / parseOnly.seconds).padStart(11)} events/s  (${parseOnly.seconds.toFixed(2)} s)`,
);
console.log(
  `  parse + track        ${fmt(tracked.events / tracked.seconds).padStart(11)} events/s  (${tracked.seconds.toFixed(2)} s, ${fmt(tracked.calls)} calls)` +
    `  tracking costs ${(((tracked.seconds - parseOnly.seconds) / tracked.seconds) * 100).toFixed(0)}% of the time`,
);

// Memory: a separate, untimed pass; the heap is measured after a full GC at
// each new peak of calls in flight.
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.log('  memory: run with node --expose-gc to measure');
} else {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = { inFlight: 0, heap: 0 };
  run(chunks, true, (t) => {
    if (t.inFlight <= peak.inFlight) return;
    gc();
    peak = { inFlight: t.inFlight, heap: process.memoryUsage().heapUsed - base };
  });
  console.log(
    `  memory: ${fmt(peak.inFlight)} calls in flight at the peak, ${mb(peak.heap)} MiB of heap above the start` +
      ` = ${mb((peak.heap / peak.inFlight) * 1000)} MiB per 1,000 concurrent calls (everything the tracker holds: channels, attributes, operators)`,
  );
}
