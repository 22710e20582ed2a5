// The embedded demo: with no Asterisk configured, an AMI emulator on a
// local port plays a recorded queue call again and again as fresh calls
// (new ids, times of now), and Callboard collects it like any server.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Secret, type ServerConfig } from '@callboard/config';
import {
  AmiServer,
  freshCopy,
  LiveState,
  recordedAnswer,
  replay,
  traceEvents,
} from '@callboard/simulator';

const DEMO_CAPTURE = fileURLToPath(new URL('../fixtures/demo-queue-call.raw', import.meta.url));
/** The pause between two demo calls, in trace time. */
const GAP_MS = 5000;

export class Demo {
  private readonly controller = new AbortController();
  private loop: Promise<void> = Promise.resolve();

  private constructor(
    private readonly emulator: AmiServer,
    private readonly live: LiveState,
    private readonly progress: { played: boolean },
    readonly server: ServerConfig,
  ) {}

  static async start(speed: number): Promise<Demo> {
    const capture = new Uint8Array(readFileSync(DEMO_CAPTURE));
    const secret = randomBytes(12).toString('hex');
    const live = new LiveState();
    // Until the first copy plays, the queues and their members are as recorded.
    const queueStatus = recordedAnswer(capture, 'rec-qs-start');
    const progress = { played: false };
    const answers = live.handlers(() => Date.now());
    const emulator = new AmiServer({
      users: { callboard: secret },
      handlers: {
        ...answers,
        QueueStatus: (context) =>
          !progress.played && queueStatus ? queueStatus : answers.QueueStatus(context),
      },
    });
    const port = await emulator.listen(0, '127.0.0.1');
    const demo = new Demo(emulator, live, progress, {
      name: 'demo',
      station: 'demo',
      host: '127.0.0.1',
      port,
      username: 'callboard',
      secret: new Secret(secret),
      tls: false,
      auth: 'md5',
    });
    demo.loop = demo.play(traceEvents(capture), speed);
    return demo;
  }

  /**
   * Copy after copy of the recorded call. Each starts at the wall clock or
   * after the previous one, whichever is later: faster than real time, the
   * demo's clock runs ahead, but never backwards.
   */
  private async play(events: ReturnType<typeof traceEvents>, speed: number): Promise<void> {
    const signal = this.controller.signal;
    const times = events.flatMap((e) => (e.at === undefined ? [] : [e.at]));
    const first = Math.min(...times);
    const length = Math.max(...times) - first;
    let next = Date.now();
    while (!signal.aborted) {
      const start = Math.max(Date.now(), next);
      // The copy is named by its start time: ids stay unique across restarts.
      await replay(this.emulator, freshCopy(events, start, start - first), {
        speed,
        signal,
        onSent: (e) => {
          this.progress.played = true;
          this.live.observe(e.bytes, Date.now());
        },
      });
      next = start + length + GAP_MS;
      await sleep(GAP_MS / speed, undefined, { signal }).catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop;
    await this.emulator.close();
  }
}
