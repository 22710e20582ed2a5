// The baselines bench/ingest prints beside its figure, over the same record
// day in the same run: reading the messages alone (the file read and the
// collector's parse),
// compressing them into journal batches alone, and the tracker alone (parse
// + track, no journal, no database) — so the reader sees what durability
// costs. Used by bench/ingest (npm run bench:ingest).

import { AmiParser, type ParseItem } from '@callboard/ami';
import { encodeEntries, type JournalEntry } from '@callboard/store';
import { Tracker, type Effect } from '@callboard/tracker';
import type { DayFile } from './day-file.js';
import { SERVER, TRACKER_CONFIG } from './pipeline.js';

const BLOCK = 2000;

export interface FeedResult {
  readonly seconds: number;
  readonly events: number;
  readonly rawBytes: number;
}

/** The messages read and parsed, as the collector hands them to the writer; nothing else. */
export function feedAlone(day: DayFile): FeedResult {
  const cursor = day.cursor();
  let events = 0;
  let rawBytes = 0;
  const t0 = performance.now();
  while (
    cursor.fill(BLOCK, (message) => {
      rawBytes += message.byteLength;
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
export function compressAlone(day: DayFile, batchMessages: number, level: number): CompressResult {
  const cursor = day.cursor();
  let events = 0;
  let rawBytes = 0;
  let batches = 0;
  let compressedBytes = 0;
  let entries: JournalEntry[] = [];
  const write = (): void => {
    if (entries.length === 0) return;
    compressedBytes += encodeEntries(entries, level).length;
    batches++;
    entries = [];
  };
  const t0 = performance.now();
  while (
    cursor.fill(BLOCK, (message, receivedAt) => {
      events++;
      rawBytes += message.byteLength;
      entries.push({ seq: events, receivedAt, bytes: message.bytes });
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

/**
 * Parse + track (the collector's parse, the tracker on its messages), with
 * nothing journaled and nothing stored. With `parseAgain`, the tracker's
 * side parses each message's bytes once more, as it did before the parsed
 * message went along with its journal entry: the previous version.
 */
export function trackerAlone(day: DayFile, parseAgain = false): TrackerResult {
  const cursor = day.cursor();
  const tracker = new Tracker(TRACKER_CONFIG);
  const parser = new AmiParser({ banner: false });
  let events = 0;
  let rawBytes = 0;
  let calls = 0;
  let intervals = 0;
  let peakInFlight = 0;
  let inFlightSum = 0;
  let samples = 0;
  const count = (effects: readonly Effect[]): void => {
    for (const e of effects) {
      if (e.kind === 'call-finished') calls++;
      else if (e.kind === 'operator-interval') intervals++;
    }
  };
  const t0 = performance.now();
  while (
    cursor.fill(BLOCK, (message, receivedAt) => {
      events++;
      rawBytes += message.byteLength;
      if (!parseAgain) {
        count(tracker.push({ server: SERVER, message, receivedAt }));
        return;
      }
      parser.push(message.bytes, (item: ParseItem) => {
        if (item.kind === 'message')
          count(tracker.push({ server: SERVER, message: item.message, receivedAt }));
      });
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
