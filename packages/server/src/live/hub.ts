// The live feed's connections: one model (model.ts) fed by the tracker's
// effects, and the sockets grouped by what their users may see (Scope.key).
// A change is cut and serialised once per group and the same text goes to
// every socket of the group. A socket whose send buffer passes the limit is
// closed (4002) instead of buffering without end. Every few seconds each
// session is looked up again: one that ended (expiry, logout, a new
// password, a disabled user) closes its sockets (4001); a user whose view
// changed (role, queues, operator, the directory's monitored operators) is
// closed (4003) to reconnect for a picture cut to the new view. The
// directory's operator ids (what actions take) are read again at each
// connect, each check and each directory edit.

import type { Log } from '@callboard/ingest';
import type { OperatorRef, Store } from '@callboard/store';
import type { Effect } from '@callboard/tracker';
import type { Clock } from '../clock.js';
import { scopeOf, type Scope } from '../scope.js';
import { cutChange, snapshotFor } from './cut.js';
import { CLOSE, type DeltaMessage, type LiveChange } from './messages.js';
import { LiveModel, type ModelChange } from './model.js';
import type { LiveSource } from './source.js';

/** What the hub needs of a socket (a `ws` WebSocket is one). */
export interface LiveSocket {
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code: number, reason: string): void;
}

export interface LiveHubOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly log: Log;
  /** Bytes a socket may have waiting to be sent before it is closed as too slow (default 1 MiB). */
  readonly maxBufferedBytes?: number;
  /** How often sessions are looked up again (default 5 s). */
  readonly recheckMs?: number;
  /**
   * `per-scope` (the default): cut and serialise each change once per
   * distinct view. `per-client`: once per socket — the naive way, kept as
   * the live benchmark's baseline.
   */
  readonly fanout?: 'per-scope' | 'per-client';
}

export interface LiveViewer {
  readonly scope: Scope;
  readonly tokenHash: string;
  /** Scope.key and the directory's monitored operators: a change of either is a new view. */
  readonly view: string;
}

/** One socket in the hub. */
export interface LiveConnection {
  /** The socket closed. */
  leave(): void;
  /** Sends a fresh picture (the client asked for one). */
  snapshot(): void;
}

interface Client extends LiveViewer {
  readonly socket: LiveSocket;
}

interface Group {
  readonly scope: Scope;
  readonly clients: Set<Client>;
}

export class LiveHub {
  private readonly model: LiveModel;
  private readonly groups = new Map<string, Group>();
  private readonly unsubscribe: () => void;
  private readonly timer: ReturnType<typeof setInterval>;
  private checking = false;
  private count = 0;

  constructor(
    source: LiveSource,
    private readonly options: LiveHubOptions,
  ) {
    this.model = LiveModel.from(source.picture());
    this.unsubscribe = source.subscribe((effects) => this.take(effects));
    this.timer = setInterval(() => void this.recheck(), options.recheckMs ?? 5000);
    this.timer.unref();
  }

  /** Sockets connected now. */
  get clients(): number {
    return this.count;
  }

  /** A viewer connected: they get the picture now, then the changes. */
  join(socket: LiveSocket, viewer: LiveViewer): LiveConnection {
    const client: Client = { ...viewer, socket };
    let group = this.groups.get(viewer.view);
    if (!group) {
      group = { scope: viewer.scope, clients: new Set() };
      this.groups.set(viewer.view, group);
    }
    group.clients.add(client);
    this.count++;
    this.snapshot(client);
    return { leave: () => void this.leave(client), snapshot: () => this.snapshot(client) };
  }

  /** A fresh picture for one socket (the client asked, or it just came). */
  private snapshot(client: Client): void {
    const now = new Date(this.options.clock()).toISOString();
    this.send(client, JSON.stringify(snapshotFor(client.scope, this.model, now)));
  }

  /** Closes the sockets of a session that ended here (a logout). */
  endSession(tokenHash: string): void {
    for (const c of this.all()) if (c.tokenHash === tokenHash) this.drop(c, CLOSE.sessionEnded);
  }

  close(): void {
    clearInterval(this.timer);
    this.unsubscribe();
    for (const c of this.all()) this.drop(c, CLOSE.goingAway);
  }

  /**
   * The directory's operators now (ids by station and key), for the
   * operators' `id`: asked at every connect, every session check and after
   * a directory edit. An operator whose id changed is sent again.
   */
  directory(refs: readonly OperatorRef[]): void {
    this.broadcast(this.model.identify(refs));
  }

  private take(effects: readonly Effect[]): void {
    const changes: ModelChange[] = [];
    for (const e of effects) changes.push(...this.model.apply(e));
    this.broadcast(changes);
  }

  /** Changes to every group, cut and serialised once per group. */
  private broadcast(changes: readonly ModelChange[]): void {
    if (changes.length === 0 || this.count === 0) return;
    const seq = this.model.seq;
    for (const group of this.groups.values()) {
      if (this.options.fanout === 'per-client') {
        for (const c of [...group.clients]) {
          const text = deltaText(c.scope, seq, changes);
          if (text !== null) this.send(c, text);
        }
        continue;
      }
      const text = deltaText(group.scope, seq, changes);
      if (text === null) continue;
      for (const c of [...group.clients]) this.send(c, text);
    }
  }

  private send(client: Client, text: string): void {
    const max = this.options.maxBufferedBytes ?? 1024 * 1024;
    if (client.socket.bufferedAmount + text.length > max) {
      this.options.log.warn(
        { buffered: client.socket.bufferedAmount, role: client.scope.role },
        'a live client reads too slowly: closed',
      );
      this.drop(client, CLOSE.tooSlow);
      return;
    }
    client.socket.send(text);
  }

  private drop(client: Client, code: number): void {
    if (!this.leave(client)) return;
    const reason =
      code === CLOSE.sessionEnded
        ? 'session ended'
        : code === CLOSE.tooSlow
          ? 'too slow'
          : code === CLOSE.scopeChanged
            ? 'scope changed'
            : 'server stopping';
    client.socket.close(code, reason);
  }

  /** Whether the client was still here. */
  private leave(client: Client): boolean {
    const group = this.groups.get(client.view);
    if (!group?.clients.delete(client)) return false;
    this.count--;
    if (group.clients.size === 0) this.groups.delete(client.view);
    return true;
  }

  private *all(): Generator<Client> {
    for (const g of [...this.groups.values()]) yield* [...g.clients];
  }

  private async recheck(): Promise<void> {
    if (this.checking || this.count === 0) return;
    this.checking = true;
    try {
      const { store, clock } = this.options;
      const refs = await store.operatorRefs();
      this.directory(refs);
      const byToken = new Map<string, Client[]>();
      for (const c of this.all())
        byToken.set(c.tokenHash, [...(byToken.get(c.tokenHash) ?? []), c]);
      for (const [tokenHash, clients] of byToken) {
        const found = await store.sessions.find(tokenHash, new Date(clock()));
        const view = found ? viewKey(scopeOf(found.user, refs), refs) : undefined;
        for (const c of clients) {
          if (view === undefined) this.drop(c, CLOSE.sessionEnded);
          else if (view !== c.view) this.drop(c, CLOSE.scopeChanged);
        }
      }
    } catch (error) {
      this.options.log.warn({ err: error }, 'live feed: sessions could not be checked');
    } finally {
      this.checking = false;
    }
  }
}

/** What makes two viewers' views the same: their scope and who is not monitored. */
export function viewKey(
  scope: Scope,
  refs: readonly { station: string; key: string; monitored: boolean }[],
): string {
  const hidden = refs
    .filter((r) => !r.monitored)
    .map((r) => JSON.stringify([r.station, r.key]))
    .sort();
  return JSON.stringify([scope.key, hidden]);
}

function deltaText(scope: Scope, seq: number, changes: readonly ModelChange[]): string | null {
  const visible: LiveChange[] = [];
  for (const c of changes) {
    const cut = cutChange(scope, c);
    if (cut) visible.push(cut);
  }
  if (visible.length === 0) return null;
  const message: DeltaMessage = { type: 'delta', seq, changes: visible };
  return JSON.stringify(message);
}
