// The live benchmark's WebSocket clients, in a worker thread of their own
// so that reading and parsing what they receive does not share the event
// loop with the server they measure. Each client notes when each caller's
// `waiting` change reached it (ms, performance.timeOrigin + now(), the
// same clock as the main thread's).

import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

export interface ClientsData {
  readonly url: string;
  /** A session cookie per client. */
  readonly cookies: readonly string[];
}

export interface ClientResult {
  /** uniqueid → when its `waiting` change came. */
  readonly received: [string, number][];
  readonly messages: number;
  readonly bytes: number;
  readonly closed: number | null;
}

const now = (): number => performance.timeOrigin + performance.now();
const data = workerData as ClientsData;
const results: {
  received: [string, number][];
  messages: number;
  bytes: number;
  closed: number | null;
}[] = [];

let open = 0;
for (const cookie of data.cookies) {
  const result = {
    received: [] as [string, number][],
    messages: 0,
    bytes: 0,
    closed: null as number | null,
  };
  results.push(result);
  const socket = new WebSocket(`${data.url.replace(/^http/, 'ws')}/api/live`, {
    headers: { cookie },
  });
  socket.on('open', () => {
    open++;
    if (open === data.cookies.length) parentPort?.postMessage({ type: 'ready' });
  });
  socket.on('message', (raw: WebSocket.RawData) => {
    const at = now();
    const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
    result.messages++;
    result.bytes += text.length;
    const message = JSON.parse(text) as {
      type: string;
      changes?: { kind: string; uniqueid?: string }[];
    };
    if (message.type !== 'delta') return;
    for (const c of message.changes ?? [])
      if (c.kind === 'waiting' && c.uniqueid !== undefined) result.received.push([c.uniqueid, at]);
  });
  socket.on('close', (code) => {
    result.closed = code;
  });
  socket.on('error', (error) => parentPort?.postMessage({ type: 'error', message: String(error) }));
}

parentPort?.on('message', (m: { type: string }) => {
  if (m.type === 'finish') parentPort?.postMessage({ type: 'results', results });
});
