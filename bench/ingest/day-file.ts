// The record day written to a file once, before anything is timed: the
// AMI stream as Asterisk would send it, and each message's receive time.
// Read back in 64 KiB chunks and parsed as the collector parses a socket's,
// it feeds the pipeline at the cost of a file read and a parse (what a
// collector pays) instead of the cost of making the messages from templates,
// which stands in for Asterisk and is not Callboard's work.
// Used by bench/ingest (npm run bench:ingest).

import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { AmiParser, type AmiMessage, type ParseItem } from '@callboard/ami';
import type { RecordDay } from './corpus.js';

const READ_BYTES = 64 * 1024;
const WRITE_BYTES = 8 * 1024 * 1024;

/** Hands over the day's messages in order, as a collector receives them. */
export interface MessageCursor {
  /** At least `min` messages (fewer at the end); false once the day is over. */
  fill(min: number, take: (message: AmiMessage, receivedAt: number) => void): boolean;
}

export interface WrittenDay {
  readonly seconds: number;
  readonly bytes: number;
}

/** The day read back from the file it was written to. */
export class DayFile {
  private constructor(
    private readonly path: string,
    private readonly times: Float64Array,
  ) {}

  /** Writes every message `day` makes to `path`, keeping their receive times. */
  static write(day: RecordDay, path: string): { file: DayFile; written: WrittenDay } {
    const fd = openSync(path, 'w');
    const times = new Float64Array(day.events);
    const t0 = performance.now();
    const out = Buffer.allocUnsafe(WRITE_BYTES);
    let used = 0;
    let total = 0;
    let n = 0;
    const flush = (): void => {
      let done = 0;
      while (done < used) done += writeSync(fd, out, done, used - done);
      total += used;
      used = 0;
    };
    try {
      const cursor = day.cursor();
      while (
        cursor.fill(2000, (bytes, receivedAt) => {
          if (used + bytes.length > out.length) flush();
          if (bytes.length > out.length) throw new Error('a message larger than the buffer');
          out.set(bytes, used);
          used += bytes.length;
          times[n++] = receivedAt;
        })
      );
      flush();
    } finally {
      closeSync(fd);
    }
    if (n !== day.events) throw new Error(`the day made ${n} messages, not ${day.events}`);
    const written = { seconds: (performance.now() - t0) / 1000, bytes: total };
    return { file: new DayFile(path, times), written };
  }

  get events(): number {
    return this.times.length;
  }

  /** A new pass from the first message: a fresh buffer per read, as a socket gives. */
  cursor(): MessageCursor {
    const fd = openSync(this.path, 'r');
    const parser = new AmiParser({ banner: false });
    const times = this.times;
    let at = 0;
    let next = 0;
    let ended = false;
    let sink: (message: AmiMessage, receivedAt: number) => void = () => undefined;
    const emit = (item: ParseItem): void => {
      if (item.kind !== 'message') throw new Error(`the day file does not parse: ${item.kind}`);
      sink(item.message, times[next++] ?? 0);
    };
    return {
      fill: (min, take) => {
        if (ended) return false;
        sink = take;
        const goal = next + min;
        while (next < goal) {
          const chunk = Buffer.allocUnsafeSlow(READ_BYTES);
          const n = readSync(fd, chunk, 0, READ_BYTES, at);
          if (n === 0) {
            parser.end(emit);
            closeSync(fd);
            ended = true;
            if (next !== times.length) throw new Error(`read ${next} of ${times.length} messages`);
            return next > goal - min;
          }
          at += n;
          parser.push(chunk.subarray(0, n), emit);
        }
        return true;
      },
    };
  }
}
