// Parses one corpus with Callboard's AMI parser, asterisk-manager and a
// naive split parser, in 64 KiB chunks, in one process, and prints events/s,
// MiB/s and the ratios. Run: npm run bench:ami-parse
import { tracesDir } from '../../test/support/traces.js';
import { repeatTo, syntheticCorpus, traceCorpus } from './corpus.js';
import { asteriskManager, naive, oursFull, oursName, type ParseRun } from './parsers.js';

const CHUNK = 64 * 1024;

interface Figure {
  readonly messages: number;
  readonly seconds: number;
}

async function measure(run: ParseRun, corpus: Uint8Array, rounds: number): Promise<Figure> {
  await run(corpus.subarray(0, Math.min(corpus.length, 4 * 1024 * 1024)), CHUNK); // warm up
  const times: number[] = [];
  let messages = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    messages = await run(corpus, CHUNK);
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return { messages, seconds: times[Math.floor(times.length / 2)] ?? 0 };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function bench(title: string, corpus: Uint8Array): Promise<void> {
  const mib = corpus.length / 1024 / 1024;
  console.log(
    `\n${title}: ${mib.toFixed(1)} MiB, ${CHUNK / 1024} KiB chunks (median of the rounds)`,
  );
  const rows: [string, ParseRun, number][] = [
    ['callboard (name read, fields on demand)', oursName, 7],
    ['callboard (every field decoded)', oursFull, 5],
    ['naive indexOf/split', naive, 5],
    ['asterisk-manager 0.2.0', asteriskManager, 3],
  ];
  const results: [string, Figure][] = [];
  for (const [name, run, rounds] of rows) results.push([name, await measure(run, corpus, rounds)]);
  const base = results[0]?.[1];
  for (const [name, f] of results) {
    const eps = f.messages / f.seconds;
    const ratio = base ? base.messages / base.seconds / eps : 1;
    console.log(
      `  ${name.padEnd(42)} ${fmt(eps).padStart(11)} events/s ${(mib / f.seconds).toFixed(0).padStart(5)} MiB/s` +
        `  ${f.messages.toLocaleString('en-US').padStart(9)} msgs  callboard is ${ratio.toFixed(1)}x`,
    );
  }
  const counts = new Set(results.map(([, f]) => f.messages));
  if (counts.size > 1)
    console.log('  note: the parsers counted different numbers of messages (see above)');
}

await bench(
  'real traces (all captures, repeated to 64 MiB)',
  repeatTo(traceCorpus(tracesDir), 64 * 1024 * 1024),
);
await bench(
  'synthetic: 200,000 Asterisk 20 events, ~22 fields, Cyrillic names, ChanVariable',
  syntheticCorpus(200_000),
);
