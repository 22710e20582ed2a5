// A simulated PBX for the action tests: the simulator's AMI server with
// its generator (queue `support` with SIP/101 and SIP/102 on duty, no calls
// arriving on their own, a clock that stands still so only actions move
// it), and a second manager connection that sees its events.

import type { AmiMessage } from '@callboard/ami';
import { AmiClient } from '@callboard/ami-client';
import {
  AmiServer,
  GeneratorFeed,
  Simulation,
  defaultGeneratorConfig,
  type GeneratorConfig,
} from '@callboard/simulator';

export const USER = 'callboard';
export const SECRET = 'simulated secret';
export const SERVER = 'pbx1';
const START = Date.UTC(2026, 2, 2, 10);

/** The queue `support` with Ann (SIP/101) and Bob (SIP/102) on duty; no calls arrive on their own. */
function center(): GeneratorConfig {
  const base = defaultGeneratorConfig();
  const always = { start: 0, end: 0 };
  const ops = base.operators.slice(0, 3).map((o) => ({ ...o, shift: always, pausesPerHour: 0 }));
  const [first] = base.queues;
  if (first === undefined) throw new Error('no queue');
  const none = Array.from({ length: 24 }, () => 0);
  return {
    ...base,
    operators: ops,
    queues: [
      {
        ...first,
        name: 'support',
        arrivals: none,
        members: ops.slice(0, 2).map((o) => ({
          operator: o.extension,
          penalty: 0,
          kind: 'device' as const,
          membership: 'dynamic' as const,
        })),
      },
    ],
    outbound: { ...base.outbound, arrivals: none },
    internal: { ...base.internal, arrivals: none },
  };
}

export interface Pbx {
  readonly server: AmiServer;
  /** Events as a second manager connection sees them. */
  readonly seen: AmiMessage[];
  readonly observer: AmiClient;
  /** The actions every connection sent the PBX, by name. */
  sent(name: string): AmiMessage[];
  close(): Promise<void>;
}

export async function startPbx(): Promise<Pbx> {
  const simulation = new Simulation({ config: center(), seed: 7, startMs: START });
  // A clock that stands still: only the actions move the simulation.
  const feed = new GeneratorFeed({ simulation, clock: () => 1_000_000 });
  const server = new AmiServer({ users: { [USER]: SECRET }, handlers: feed.handlers() });
  feed.attach(server);
  await server.listen(0);
  const observer = new AmiClient({
    name: 'observer',
    host: '127.0.0.1',
    port: server.port,
    username: USER,
    secret: SECRET,
    keepaliveMs: 0,
  });
  const seen: AmiMessage[] = [];
  observer.on('message', (m) => {
    if (m.kind === 'event' && !m.has('ActionID')) seen.push(m);
  });
  await observer.connect();
  const received: AmiMessage[] = [];
  return {
    server,
    seen,
    observer,
    sent: (name) => {
      for (const s of server.sessions) received.push(...s.received.splice(0));
      return received.filter((m) => m.get('Action') === name);
    },
    close: async () => {
      await observer.close();
      await server.close();
    },
  };
}

export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}
