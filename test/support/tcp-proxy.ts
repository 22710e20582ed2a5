// A TCP proxy a test controls: it forwards connections to a target (a
// database server) until `cut()`, which destroys every connection through
// it and refuses or holds new ones, as a network outage would, until
// `restore()`. `mute()` loses the target's answers but not the requests:
// a write goes through, and its sender never hears that it did.

import net from 'node:net';

/**
 * What happens to connections made while the proxy is cut: `refuse` closes
 * them at once (the server is down); `hold` keeps them waiting with no
 * answer (a lost network), then forwards those still open on `restore()`.
 */
export type CutMode = 'refuse' | 'hold';

export class TcpProxy {
  /** Connections accepted so far (refused and held ones included). */
  accepted = 0;
  private readonly server: net.Server;
  private readonly open = new Set<net.Socket>();
  private readonly held = new Set<net.Socket>();
  private mode: CutMode | 'open' = 'open';
  private muted = false;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = net.createServer((socket) => this.accept(socket));
  }

  /** A proxy on a free local port to `host:port`. */
  static async start(host: string, port: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(host, port);
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(0, '127.0.0.1', () => {
        proxy.server.off('error', reject);
        resolve();
      });
    });
    return proxy;
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  /** Connections forwarded now. */
  get connections(): number {
    return this.open.size / 2;
  }

  /** Resets every connection through the proxy; until `restore()`, new ones are refused or held. */
  cut(mode: CutMode = 'refuse'): void {
    this.mode = mode;
    for (const socket of this.open) socket.resetAndDestroy();
    this.open.clear();
  }

  /** From now on, what the target sends is dropped; what it is sent still reaches it. */
  mute(): void {
    this.muted = true;
  }

  /** Forwards again (both ways), the held connections first. */
  restore(): void {
    this.mode = 'open';
    this.muted = false;
    const held = [...this.held];
    this.held.clear();
    for (const socket of held) if (!socket.destroyed) this.forward(socket);
  }

  async close(): Promise<void> {
    for (const socket of [...this.open, ...this.held]) socket.destroy();
    this.open.clear();
    this.held.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    this.accepted++;
    socket.on('error', () => socket.destroy());
    if (this.mode === 'refuse') {
      socket.resetAndDestroy();
    } else if (this.mode === 'hold') {
      socket.pause();
      this.held.add(socket);
      socket.once('close', () => this.held.delete(socket));
    } else {
      this.forward(socket);
    }
  }

  private forward(client: net.Socket): void {
    const upstream = net.connect(this.targetPort, this.targetHost);
    upstream.on('error', () => client.destroy());
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (!this.muted) client.write(chunk);
    });
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.open.add(a);
      a.once('close', () => {
        this.open.delete(a);
        b.destroy();
      });
    }
  }
}
