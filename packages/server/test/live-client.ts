// A live-feed client over a real socket (the `ws` package), as a browser
// would open it: with the session cookie, and the page's Origin when given.
// It keeps every message and waits for the ones a test asks for.

import WebSocket from 'ws';
import type {
  CallView,
  DeltaMessage,
  OperatorView,
  ServerMessage,
  SnapshotMessage,
  WaitingCaller,
} from '@callboard/server';

export type Opened =
  | { readonly kind: 'open'; readonly client: LiveClient }
  | { readonly kind: 'refused'; readonly status: number };

export class LiveClient {
  readonly messages: ServerMessage[] = [];
  readonly texts: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: WebSocket.RawData) => {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : '';
      this.texts.push(text);
      this.messages.push(JSON.parse(text) as ServerMessage);
      this.wake();
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.wake();
      }),
    );
  }

  static open(
    base: string,
    cookie: string | undefined,
    headers: Record<string, string> = {},
  ): Promise<Opened> {
    const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/api/live`, {
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    });
    const client = new LiveClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve({ kind: 'open', client }));
      socket.once('unexpected-response', (_req, res) => {
        resolve({ kind: 'refused', status: res.statusCode ?? 0 });
        res.resume();
        socket.terminate();
      });
      socket.once('error', reject);
    });
  }

  /** The first message (from `from` on) that matches, once it has come. */
  async next<T extends ServerMessage>(match: (m: ServerMessage) => m is T, from = 0): Promise<T> {
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found) return found;
      if (this.socket.readyState === WebSocket.CLOSED)
        throw new Error(`closed before the message came: ${this.texts.join('\n')}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  close(): void {
    this.socket.close();
  }
}

export const isSnapshot = (m: ServerMessage): m is Extract<ServerMessage, { type: 'snapshot' }> =>
  m.type === 'snapshot';
export const isDelta = (m: ServerMessage): m is Extract<ServerMessage, { type: 'delta' }> =>
  m.type === 'delta';

/**
 * What a client keeps: a snapshot with the deltas after it applied, as a
 * wallboard would. `view()` has the snapshot's shape, to compare with a
 * fresh one.
 */
export class ClientPicture {
  private seq: number;
  private readonly queues = new Map<
    string,
    { station: string; queue: string; waiting: Map<string, WaitingCaller> }
  >();
  private readonly operators = new Map<string, OperatorView>();
  private readonly calls = new Map<string, CallView>();

  constructor(snapshot: SnapshotMessage) {
    this.seq = snapshot.seq;
    for (const q of snapshot.queues)
      this.queues.set(JSON.stringify([q.station, q.queue]), {
        station: q.station,
        queue: q.queue,
        waiting: new Map(q.waiting.map((w) => [w.uniqueid, w])),
      });
    for (const o of snapshot.operators)
      this.operators.set(JSON.stringify([o.station, o.operator]), o);
    for (const c of snapshot.calls) this.calls.set(c.id, c);
  }

  apply(delta: DeltaMessage): void {
    // Already in the snapshot.
    if (delta.seq <= this.seq) return;
    this.seq = delta.seq;
    for (const c of delta.changes) {
      switch (c.kind) {
        case 'waiting': {
          const k = JSON.stringify([c.station, c.queue]);
          const q = this.queues.get(k) ?? {
            station: c.station,
            queue: c.queue,
            waiting: new Map(),
          };
          q.waiting.set(c.uniqueid, {
            uniqueid: c.uniqueid,
            call: c.call,
            caller: c.caller,
            joinedAt: c.joinedAt,
          });
          this.queues.set(k, q);
          break;
        }
        case 'waiting-left':
          this.queues.get(JSON.stringify([c.station, c.queue]))?.waiting.delete(c.uniqueid);
          break;
        case 'operator': {
          this.operators.set(JSON.stringify([c.station, c.operator]), {
            station: c.station,
            operator: c.operator,
            id: c.id,
            name: c.name,
            state: c.state,
            reason: c.reason,
            since: c.since,
            queues: c.queues,
          });
          break;
        }
        case 'call':
          this.calls.set(c.call.id, c.call);
          break;
        case 'call-ended':
          this.calls.delete(c.id);
          break;
      }
    }
  }

  view(): Omit<SnapshotMessage, 'type' | 'seq' | 'now'> {
    const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    return {
      queues: [...this.queues.values()]
        .map((q) => ({ station: q.station, queue: q.queue, waiting: [...q.waiting.values()] }))
        .sort((a, b) => order(a.station, b.station) || order(a.queue, b.queue)),
      operators: [...this.operators.values()].sort(
        (a, b) => order(a.station, b.station) || order(a.operator, b.operator),
      ),
      calls: [...this.calls.values()].sort(
        (a, b) => order(a.startedAt, b.startedAt) || order(a.id, b.id),
      ),
    };
  }
}
