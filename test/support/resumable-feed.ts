// An AMI emulator for crash tests: it plays a recorded trace to the one
// collector logged in, and when that collector dies it can start again from
// any event, answering the resync actions with the state at that point.
// Real Asterisk does not send again what a dead client missed; the test
// tells the feed to resume at the end of the journal, so that the only
// thing under test is what the ingest itself keeps or loses.

import { AmiServer, LiveState, type AmiSession, type TraceEvent } from '@callboard/simulator';

export class ResumableFeed {
  readonly server: AmiServer;
  private readonly live = new LiveState();
  private ready: AmiSession | undefined;

  constructor(
    readonly events: readonly TraceEvent[],
    private readonly speed: number,
    readonly secret: string,
  ) {
    const answers = this.live.handlers(() => Date.now());
    this.server = new AmiServer({
      users: { callboard: secret },
      handlers: {
        ...answers,
        CoreShowChannels: (context) => {
          this.ready = context.session;
          return answers.CoreShowChannels(context);
        },
      },
    });
  }

  listen(): Promise<number> {
    return this.server.listen(0);
  }

  /**
   * Waits for a collector to log in and resynchronise, then sends events
   * from `from` on, paced by their timestamps, until the collector goes or
   * the trace ends (or `stopAt` says so). Resolves with the index of the
   * first event not sent.
   */
  async play(
    from: number,
    options: {
      stopAt?: (index: number) => boolean;
      signal?: AbortSignal;
      onStream?: () => void;
    } = {},
  ): Promise<number> {
    const { stopAt = () => false, signal, onStream } = options;
    this.live.reset();
    for (const e of this.events.slice(0, from)) this.live.observe(e.bytes, Date.now());
    this.ready = undefined;
    let session: AmiSession | undefined;
    while ((session = this.resynced()) === undefined) {
      if (signal?.aborted) return from; // the collector died before it logged in
      await pause(5);
    }
    await pause(20); // the resync answers go out before the stream goes on
    onStream?.();
    const first = this.events.slice(from).find((e) => e.at !== undefined)?.at ?? 0;
    const started = performance.now();
    for (let i = from; i < this.events.length; i++) {
      const e = this.events[i];
      if (e === undefined) break;
      if (stopAt(i)) return i;
      if (e.at !== undefined) {
        const due = (e.at - first) / this.speed - (performance.now() - started);
        if (due > 1) await pause(due);
      }
      if (session.socket.destroyed) return i;
      session.write(e.bytes);
      this.live.observe(e.bytes, Date.now());
    }
    return this.events.length;
  }

  /** The session that has asked CoreShowChannels since `play` began, while it is connected. */
  private resynced(): AmiSession | undefined {
    return this.ready?.socket.destroyed === false ? this.ready : undefined;
  }

  close(): Promise<void> {
    return this.server.close();
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
