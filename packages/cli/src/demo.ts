// The embedded demo: with no Asterisk configured, the simulator's generator
// plays a small call center (three queues, operators on shifts, pauses,
// transfers, outbound and internal calls) on a local AMI port, starting now
// and running at the chosen speed, and Callboard collects it like any server.

import { randomBytes } from 'node:crypto';
import { Secret, type ServerConfig } from '@callboard/config';
import {
  AmiServer,
  defaultGeneratorConfig,
  GeneratorFeed,
  scaleTo,
  Simulation,
} from '@callboard/simulator';

/** Calls a day of the demo's center: a call every few seconds to a minute, by the hour. */
const DEMO_CALLS_PER_DAY = 5000;

export class Demo {
  private constructor(
    private readonly emulator: AmiServer,
    private readonly feed: GeneratorFeed,
    readonly server: ServerConfig,
  ) {}

  static async start(speed: number): Promise<Demo> {
    const secret = randomBytes(12).toString('hex');
    const startMs = Date.now();
    const simulation = new Simulation({
      config: scaleTo(defaultGeneratorConfig(), DEMO_CALLS_PER_DAY),
      // Each run a different day of the same center.
      seed: startMs % 2 ** 31,
      startMs,
    });
    const feed = new GeneratorFeed({ simulation, speed });
    const emulator = new AmiServer({ users: { callboard: secret }, handlers: feed.handlers() });
    feed.attach(emulator);
    const port = await emulator.listen(0, '127.0.0.1');
    feed.start();
    return new Demo(emulator, feed, {
      name: 'demo',
      station: 'demo',
      host: '127.0.0.1',
      port,
      username: 'callboard',
      secret: new Secret(secret),
      tls: false,
      auth: 'md5',
    });
  }

  async stop(): Promise<void> {
    this.feed.stop();
    await this.emulator.close();
  }
}
