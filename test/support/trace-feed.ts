// An AMI emulator that plays stretches of a recorded trace to the collectors
// logged in, paced by the events' timestamps, as the demo does; it answers
// the resync actions with the state of what it has sent so far.

import { AmiServer, LiveState, replay, type TraceEvent } from '@callboard/simulator';

export class TraceFeed {
  readonly server: AmiServer;
  /** Resolves once a collector has asked the last of its resync actions. */
  readonly resynced: Promise<void>;
  private readonly live = new LiveState();

  constructor(
    private readonly events: readonly TraceEvent[],
    private readonly speed: number,
    secret: string,
  ) {
    const answers = this.live.handlers(() => Date.now());
    let done: () => void = () => undefined;
    this.resynced = new Promise((resolve) => (done = resolve));
    this.server = new AmiServer({
      users: { callboard: secret },
      handlers: {
        ...answers,
        DeviceStateList: (context) => {
          done();
          return answers.DeviceStateList(context);
        },
      },
    });
  }

  listen(): Promise<number> {
    return this.server.listen(0);
  }

  /** Sends events [from, to), paced by their timestamps. */
  play(from: number, to: number): Promise<void> {
    return replay(this.server, this.events.slice(from, to), {
      speed: this.speed,
      onSent: (e) => this.live.observe(e.bytes, Date.now()),
    });
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
