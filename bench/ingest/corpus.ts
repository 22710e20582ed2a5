// The record day: the largest recorded trace, copied as fresh calls (own
// uniqueids, linkedids, channel names, shifted Timestamps) often enough for
// the calls asked for, one copy starting every `spacingMs`, all copies
// interleaved in time order. Nothing is held but the trace and a schedule:
// a cursor writes the day's messages one at a time, in order, on demand.
// Used by bench/ingest (npm run bench:ingest).

import { readFileSync } from 'node:fs';
import { AmiParser, type AmiMessage, type ParseItem } from '@callboard/ami';
import { checkTemplates, MessageTemplate } from './template.js';

/** The capture's events (banner and responses left out), in order. */
export function captureEvents(path: string): AmiMessage[] {
  const messages: AmiMessage[] = [];
  const parser = new AmiParser();
  const take = (item: ParseItem): void => {
    if (item.kind === 'message' && item.message.kind === 'event') messages.push(item.message);
  };
  parser.push(new Uint8Array(readFileSync(path)), take);
  parser.end(take);
  return messages;
}

/** Writes the day's messages in order; `take` must copy the bytes it keeps. */
export interface DayCursor {
  /** Up to `max` messages; false once the day is over. */
  fill(max: number, take: (bytes: Uint8Array, receivedAt: number) => void): boolean;
}

export class RecordDay {
  private readonly templates: MessageTemplate[];
  /** Each message's receive time in the first copy (ms, the Timestamp; the one before when it has none). */
  private readonly times: number[];
  /** Message indexes in the order they come within one period of `spacingMs`. */
  private readonly order: Int32Array;
  /** How many periods after its copy's start each message comes. */
  private readonly lag: Int32Array;
  private readonly maxLag: number;
  readonly eventsPerCopy: number;
  /** The trace's span, first to last Timestamp (ms). */
  readonly spanMs: number;

  constructor(
    messages: readonly AmiMessage[],
    readonly copies: number,
    readonly spacingMs: number,
  ) {
    if (!Number.isInteger(spacingMs) || spacingMs <= 0) throw new Error('spacing: whole ms');
    this.templates = messages.map((m) => new MessageTemplate(m));
    checkTemplates(messages, this.templates, [
      { copy: 0, shiftMs: 0 },
      { copy: 1, shiftMs: spacingMs },
      { copy: copies - 1, shiftMs: (copies - 1) * spacingMs },
    ]);
    const stamps = messages.map((m) => Number(m.get('Timestamp')) * 1000);
    const first = stamps.find((s) => Number.isFinite(s) && s > 0) ?? 0;
    let last = first;
    this.times = stamps.map((s) => (last = Number.isFinite(s) && s > 0 ? s : last));
    this.eventsPerCopy = messages.length;
    this.spanMs = last - first;
    // Message i of copy c comes at times[i] + c * spacing: within period k
    // (k * spacing after the first message) come the messages of copy
    // k - lag[i], in the order of their phase; at the same instant, the
    // earlier copy first, then the trace's order.
    this.lag = new Int32Array(this.times.map((t) => Math.floor((t - first) / spacingMs)));
    const phase = this.times.map((t, i) => t - first - (this.lag[i] ?? 0) * spacingMs);
    const idx = [...this.times.keys()];
    idx.sort(
      (a, b) =>
        (phase[a] ?? 0) - (phase[b] ?? 0) || (this.lag[b] ?? 0) - (this.lag[a] ?? 0) || a - b,
    );
    this.order = Int32Array.from(idx);
    this.maxLag = this.lag.reduce((a, b) => Math.max(a, b), 0);
  }

  get events(): number {
    return this.eventsPerCopy * this.copies;
  }

  /** The day's length, from the first message of the first copy to the last of the last (ms). */
  get dayMs(): number {
    return (this.copies - 1) * this.spacingMs + this.spanMs;
  }

  /** A new pass over the day, from its first message. */
  cursor(): DayCursor {
    let period = 0;
    let next = 0;
    let out = new Uint8Array(1 << 16);
    const lastPeriod = this.copies - 1 + this.maxLag;
    return {
      fill: (max, take) => {
        for (let n = 0; n < max;) {
          if (next === this.order.length) {
            period++;
            next = 0;
          }
          if (period > lastPeriod) return false;
          const i = this.order[next++] ?? 0;
          const copy = period - (this.lag[i] ?? 0);
          if (copy < 0 || copy >= this.copies) continue;
          const template = this.templates[i];
          if (!template) continue;
          if (out.length < template.maxLength) out = new Uint8Array(template.maxLength * 2);
          const shift = copy * this.spacingMs;
          const end = template.write(copy, shift, out, 0);
          take(out.subarray(0, end), Math.round(this.times[i] ?? 0) + shift);
          n++;
        }
        return true;
      },
    };
  }
}
