import { AmiParser } from '@callboard/ami';
import type { AmiServer, Reply } from './server.js';
import type { Field } from './wire.js';

/** One event of a recorded trace, as it was received. */
export interface TraceEvent {
  /** The exact bytes, terminating blank line included. */
  readonly bytes: Uint8Array;
  /** The event's `Timestamp` in ms, when it has one. */
  readonly at: number | undefined;
}

/**
 * The events a server sent of its own accord in a raw AMI capture: the
 * banner, and the responses and list events that answered the recorder's
 * own actions (they carry its ActionID), are left out.
 */
export function traceEvents(raw: Uint8Array): TraceEvent[] {
  const out: TraceEvent[] = [];
  const parser = new AmiParser();
  const take = (item: Parameters<Parameters<AmiParser['push']>[1]>[0]): void => {
    if (item.kind !== 'message') return;
    const m = item.message;
    if (m.kind !== 'event' || m.has('ActionID')) return;
    const stamp = Number(m.get('Timestamp'));
    out.push({
      bytes: m.bytes,
      at: Number.isFinite(stamp) && stamp > 0 ? stamp * 1000 : undefined,
    });
  };
  parser.push(raw, take);
  parser.end(take);
  return out;
}

export interface ReplayOptions {
  /** 1 is real time, 10 ten times faster; Infinity (the default) sends without waiting. */
  readonly speed?: number;
  readonly signal?: AbortSignal;
  /** Told of every event sent (to keep a picture of the channels up). */
  readonly onSent?: (event: TraceEvent) => void;
}

/** Sends trace events to the server's sessions, paced by their timestamps. */
export async function replay(
  server: AmiServer,
  events: readonly TraceEvent[],
  options: ReplayOptions = {},
): Promise<void> {
  const speed = options.speed ?? Infinity;
  const startedAt = performance.now();
  const first = events.find((e) => e.at !== undefined)?.at;
  for (const e of events) {
    if (options.signal?.aborted) return;
    if (Number.isFinite(speed) && e.at !== undefined && first !== undefined) {
      const due = (e.at - first) / speed - (performance.now() - startedAt);
      if (due > 1) await new Promise((r) => setTimeout(r, due));
    }
    server.broadcast(e.bytes);
    options.onSent?.(e);
  }
}

/**
 * The answer a capture recorded for one of the recorder's actions (found by
 * its ActionID), as a reply the emulator can give to anyone who asks the same.
 */
export function recordedAnswer(raw: Uint8Array, actionId: string): Reply | undefined {
  let response: Field[] | undefined;
  const events: Field[][] = [];
  let complete: string | undefined;
  const parser = new AmiParser();
  const take = (item: Parameters<Parameters<AmiParser['push']>[1]>[0]): void => {
    if (item.kind !== 'message' || item.message.get('ActionID') !== actionId) return;
    const m = item.message;
    const fields = m.entries().filter(([k]) => k.toLowerCase() !== 'actionid');
    if (m.kind === 'response') response = fields;
    else if (m.get('EventList')?.toLowerCase() === 'complete') complete = m.name;
    else events.push(fields);
  };
  parser.push(raw, take);
  parser.end(take);
  if (response === undefined) return undefined;
  return complete === undefined ? { response } : { response, events, complete };
}
