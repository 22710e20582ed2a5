// The baselines bench/ingest prints beside its figure, over the same record
// day in the same run: making the messages alone (what the feeder costs,
// copies taken as the journal writer takes them),
// compressing them into journal batches alone, and the tracker alone (parse
// + track, no journal, no database) — so the reader sees what durability
// costs. Used by bench/ingest (npm run bench:ingest).

import { AmiParser, type ParseItem } from '@callboard/ami';
import { encodeEntries, type JournalEntry } from '@callboard/store';
import { Copies } from '@callboard/ingest';
import { Tracker, type Effect } from '@callboard/tracker';
import type { RecordDay } from './corpus.js';
import { SERVER, TRACKER_CONFIG } from './pipeline.js';

const BLOCK = 2000;

export interface FeedResult {
  readonly seconds: number;
  readonly events: number;
  readonly rawBytes: number;
}

/** The messages made and copied, as the feeder hands them over; nothing else. */
export function feedAlone(day: RecordDay): FeedResult {
  const cursor = day.cursor();
  const copies = new Copies();
  let events = 0;
  let rawBytes = 0;
  const t0 = performance.now();
  while (
    cursor.fill(BLOCK, (bytes) => {
      rawBytes += copies.copy(bytes).length;
      events++;
    })
  );
  return { seconds: (performance.now() - t0) / 1000, events, rawBytes };
}

export interface CompressResult extends FeedResult {
  readonly batches: number;
  readonly compressedBytes: number;
}

/** The messages compressed into journal batches of `batchMessages`, as the journal stores them. */
export function compressAlone(
  day: RecordDay,
  batchMessages: number,
  level: number,
): CompressResult {
  const cursor = day.cursor();
  let events = 0;
  let rawBytes = 0;
  let batches = 0;
  let compressedBytes = 0;
  let entries: JournalEntry[] = [];
  const copies = new Copies();
  const write = (): void => {
    if (entries.length === 0) return;
    compressedBytes += encodeEntries(entries, level).length;
    batches++;
    entries = [];
  };
  const t0 = performance.now();
  while (
    cursor.fill(BLOCK, (bytes, receivedAt) => {
      events++;
      rawBytes += bytes.length;
      entries.push({ seq: events, receivedAt, bytes: copies.copy(bytes) });
      if (entries.length >= batchMessages) write();
    })
  );
  write();
  return {
    seconds: (performance.now() - t0) / 1000,
    events,
    rawBytes,
    batches,
    compressedBytes,
  };
}

export interface TrackerResult extends FeedResult {
  readonly calls: number;
  readonly intervals: number;
  readonly peakInFlight: number;
  /** Calls in flight, averaged over the day's messages. */
  readonly meanInFlight: number;
}

/** Parse + track, as the processor does, with nothing journaled and nothing stored. */
export function trackerAlone(day: RecordDay): TrackerResult {
  const cursor = day.cursor();
  const parser = new AmiParser({ banner: false });
  const tracker = new Tracker(TRACKER_CONFIG);
  const copies = new Copies();
  let events = 0;
  let rawBytes = 0;
  let calls = 0;
  let intervals = 0;
  let peakInFlight = 0;
  let inFlightSum = 0;
  let samples = 0;
  let receivedAt = 0;
  const count = (effects: readonly Effect[]): void => {
    for (const e of effects) {
      if (e.kind === 'call-finished') calls++;
      else if (e.kind === 'operator-interval') intervals++;
    }
  };
  const take = (item: ParseItem): void => {
    if (item.kind !== 'message') return;
    count(tracker.push({ server: SERVER, message: item.message, receivedAt }));
  };
  const t0 = performance.now();
  while (
    cursor.fill(BLOCK, (bytes, at) => {
      events++;
      rawBytes += bytes.length;
      receivedAt = at;
      parser.push(copies.copy(bytes), take);
    })
  ) {
    peakInFlight = Math.max(peakInFlight, tracker.inFlight);
    inFlightSum += tracker.inFlight;
    samples++;
  }
  // As the ingest does once the day is over: the grace period of the last calls passes.
  count(tracker.advance(tracker.now + 60_000));
  return {
    seconds: (performance.now() - t0) / 1000,
    events,
    rawBytes,
    calls,
    intervals,
    peakInFlight,
    meanInFlight: samples === 0 ? 0 : inFlightSum / samples,
  };
}
