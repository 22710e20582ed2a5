// The live feed's socket: connects to /api/live on the page's own origin
// (the session cookie goes with it), keeps the picture (state.ts), asks
// for a new snapshot when a delta went missing, and reconnects with a
// growing pause when the connection drops — a reconnect starts from a
// fresh snapshot. A closed session stops it for good.

import { CLOSE, type ServerMessage } from './messages.ts';
import { apply, EMPTY, type LiveState } from './state.ts';

export type FeedStatus = 'connecting' | 'live' | 'reconnecting' | 'signed-out';

export class LiveFeed {
  private socket: WebSocket | null = null;
  private state: LiveState = EMPTY;
  private status: FeedStatus = 'connecting';
  private retryMs = 1000;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ping: ReturnType<typeof setInterval> | undefined;
  private stopped = false;
  private readonly listeners = new Set<(s: LiveState, status: FeedStatus) => void>();

  constructor(private readonly onSignedOut: () => void) {
    this.connect();
  }

  subscribe(listener: (s: LiveState, status: FeedStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.state, this.status);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.ping);
    this.socket?.close(1000, 'page closed');
  }

  private emit(): void {
    for (const l of this.listeners) l(this.state, this.status);
  }

  private connect(): void {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/live`;
    const ws = new WebSocket(url);
    this.socket = ws;
    ws.addEventListener('message', (e: MessageEvent<string>) => {
      let m: ServerMessage;
      try {
        m = JSON.parse(e.data) as ServerMessage;
      } catch {
        return;
      }
      this.state = apply(this.state, m, Date.now());
      if (m.type === 'snapshot') {
        this.status = 'live';
        this.retryMs = 1000;
      }
      this.emit();
    });
    ws.addEventListener('open', () => {
      clearInterval(this.ping);
      this.ping = setInterval(() => ws.send(JSON.stringify({ type: 'ping' })), 25_000);
    });
    ws.addEventListener('close', (e) => {
      clearInterval(this.ping);
      if (this.stopped) return;
      if (e.code === CLOSE.sessionEnded) {
        this.status = 'signed-out';
        this.emit();
        this.onSignedOut();
        return;
      }
      this.status = 'reconnecting';
      this.emit();
      const wait = e.code === CLOSE.scopeChanged ? 0 : this.retryMs;
      this.retryMs = Math.min(30_000, this.retryMs * 2);
      this.timer = setTimeout(() => this.connect(), wait);
    });
  }
}
