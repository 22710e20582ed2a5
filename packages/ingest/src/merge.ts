// Several servers' messages into one stream, in receive-time order. The
// journal keeps each server's messages in order, but batches of different
// servers interleave only coarsely (a batch is up to batchMs long), and a
// call crossing servers needs the two sides in the order they happened.
// A message is let through once every server has been heard from past its
// time, or once it is `maxSkewMs` older than the newest message seen (a
// silent server does not hold the others back longer than that).

import type { AmiMessage } from '@callboard/ami';

export interface Pending {
  readonly server: string;
  readonly receivedAt: number;
  readonly bytes: Uint8Array;
  /** The bytes as parsed on receipt, when this process received them (not kept in a snapshot). */
  readonly message?: AmiMessage | undefined;
}

export interface MergeState {
  readonly queues: [string, { receivedAt: number; bytes: string }[]][];
  readonly latest: [string, number][];
}

export class ReceiveOrder {
  private readonly queues = new Map<string, Pending[]>();
  private readonly heads = new Map<string, number>();
  private readonly latest = new Map<string, number>();
  private newest = 0;

  /** `servers`: every server expected to speak; one not heard from yet holds the others back (up to the skew). */
  constructor(
    private readonly maxSkewMs: number,
    servers: readonly string[] = [],
  ) {
    for (const s of servers) this.latest.set(s, -Infinity);
  }

  add(item: Pending): void {
    let q = this.queues.get(item.server);
    if (!q) {
      this.queues.set(item.server, (q = []));
      this.heads.set(item.server, 0);
    }
    q.push(item);
    if (item.receivedAt > (this.latest.get(item.server) ?? -Infinity))
      this.latest.set(item.server, item.receivedAt);
    if (item.receivedAt > this.newest) this.newest = item.receivedAt;
  }

  /** Messages that may go now, in order; with `all`, every message held. */
  release(all: boolean, take: (item: Pending) => void): void {
    let watermark = Infinity;
    for (const t of this.latest.values()) if (t < watermark) watermark = t;
    const limit = all ? Infinity : Math.max(watermark, this.newest - this.maxSkewMs);
    if (this.queues.size === 1) {
      this.releaseOne(limit, take);
      return;
    }
    for (;;) {
      let best: Pending | undefined;
      let bestServer = '';
      for (const [server, q] of this.queues) {
        const head = q[this.heads.get(server) ?? 0];
        if (!head) continue;
        if (
          !best ||
          head.receivedAt < best.receivedAt ||
          (head.receivedAt === best.receivedAt && server < bestServer)
        ) {
          best = head;
          bestServer = server;
        }
      }
      if (!best || best.receivedAt > limit) break;
      this.moveHead(
        bestServer,
        this.queues.get(bestServer) ?? [],
        (this.heads.get(bestServer) ?? 0) + 1,
      );
      take(best);
    }
  }

  /** `release` when one server's messages are held: its queue in order, up to `limit`. */
  private releaseOne(limit: number, take: (item: Pending) => void): void {
    for (const [server, q] of this.queues) {
      let h = this.heads.get(server) ?? 0;
      try {
        for (let item = q[h]; item !== undefined && item.receivedAt <= limit; item = q[h]) {
          h++;
          take(item);
        }
      } finally {
        this.moveHead(server, q, h);
      }
    }
  }

  /** A server's queue now starts at `h`; what is before it is dropped once it is all or most of it. */
  private moveHead(server: string, q: Pending[], h: number): void {
    if (h === q.length) {
      q.length = 0;
      this.heads.set(server, 0);
    } else if (h > 1024 && h * 2 > q.length) {
      q.splice(0, h);
      this.heads.set(server, 0);
    } else {
      this.heads.set(server, h);
    }
  }

  get held(): number {
    let n = 0;
    for (const [server, q] of this.queues) n += q.length - (this.heads.get(server) ?? 0);
    return n;
  }

  /** What is held, as plain data (bytes in base64), for a checkpoint. */
  snapshot(): MergeState {
    const plain = (p: Pending): { receivedAt: number; bytes: string } => ({
      receivedAt: p.receivedAt,
      bytes: Buffer.from(p.bytes).toString('base64'),
    });
    return {
      queues: [...this.queues].map(([server, q]) => [
        server,
        q.slice(this.heads.get(server) ?? 0).map(plain),
      ]),
      latest: [...this.latest],
    };
  }

  restore(state: MergeState): void {
    for (const [server, at] of state.latest) this.latest.set(server, at);
    for (const [server, q] of state.queues) {
      for (const p of q)
        this.add({
          server,
          receivedAt: p.receivedAt,
          bytes: new Uint8Array(Buffer.from(p.bytes, 'base64')),
        });
    }
    for (const at of this.latest.values()) if (at > this.newest) this.newest = at;
  }
}
