// How bench/ingest prints its figures (npm run bench:ingest).

import type { TrackerResult } from './baseline.js';
import type { IngestResult } from './pipeline.js';

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
export const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
export const secs = (s: number): string => `${s.toFixed(1).padStart(6)} s`;

export function printIngest(title: string, r: IngestResult, tracked?: TrackerResult): void {
  console.log(`\njournal → tracker → ${title}:`);
  console.log(
    `  total     ${secs(r.seconds)}  first message handed to the writer → last call stored`,
  );
  console.log(
    `  rate      ${fmt(r.events / r.seconds)} events/s, ${fmt(r.callsStored / r.seconds)} calls/s`,
  );
  const same = tracked
    ? tracked.calls === r.callsStored
      ? ' (= the tracker alone)'
      : ` (the tracker alone: ${fmt(tracked.calls)})`
    : '';
  console.log(
    `  stored    ${fmt(r.callsStored)} calls${same}, ${fmt(r.intervalsStored)} operator intervals, ` +
      `in ${fmt(r.journalWrites)} journal and ${fmt(r.checkpoints)} checkpoint transactions`,
  );
  console.log(
    `  journal   ${fmt(r.events)} events, ${mib(r.rawBytes)} MiB of AMI → ${fmt(r.journalRows)} rows, ` +
      `${mib(r.journalPayloadBytes)} MiB compressed (${(r.rawBytes / r.journalPayloadBytes).toFixed(1)} : 1), ` +
      `${mib(r.journalTableBytes)} MiB table on disk; spooled ${r.spooledBatches}, dropped ${r.droppedMessages}`,
  );
  console.log(
    `  memory    peak RSS ${mib(r.peakRss)} MiB; at most ${fmt(r.peakLag)} messages journaled ahead of the tracker; ` +
      `${fmt(r.peakInFlight)} calls in flight at the peak`,
  );
  console.log(
    `  CPU       this process ${secs(r.cpuSeconds).trim()} over ${secs(r.seconds).trim()} ` +
      `(all threads: the tracker's, zlib's, the database driver's${r.kind === 'pglite' ? ', PGlite' : ''}); ` +
      `garbage collection paused the main thread ${fmt(r.gcPauses)} times, ${secs(r.gcSeconds).trim()} in all`,
  );
  if (r.databaseCpuSeconds !== undefined)
    console.log(
      `            the PostgreSQL server's backends for this database ${secs(r.databaseCpuSeconds).trim()}; ` +
        `both together ${(((r.cpuSeconds + r.databaseCpuSeconds) / r.seconds) * 100).toFixed(0)}% of one core`,
    );
  if (tracked)
    console.log(
      `  vs. the tracker alone: ${(r.seconds / tracked.seconds).toFixed(2)}× its time; ` +
        `durability costs ${secs(r.seconds - tracked.seconds).trim()}`,
    );
}
