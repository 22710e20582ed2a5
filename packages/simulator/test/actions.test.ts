// AMI actions over a real TCP connection change the running simulation as
// they would change Asterisk: a paused member is not rung, added and removed
// members come and go with their events, QueueStatus and QueueSummary
// report the simulation, Originate and Hangup place and end calls.

import { afterEach, describe, expect, it } from 'vitest';
import type { AmiMessage } from '@callboard/ami';
import { AmiClient } from '@callboard/ami-client';
import {
  AmiServer,
  GeneratorFeed,
  Simulation,
  defaultGeneratorConfig,
  type GeneratorConfig,
} from '@callboard/simulator';

const USER = 'callboard';
const SECRET = 's3cret!';
const START = Date.UTC(2026, 10, 26, 10, 0, 0);
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** One queue, two operators always on duty, and another who is in no queue. */
function smallCenter(): GeneratorConfig {
  const base = defaultGeneratorConfig();
  const always = { start: 0, end: 0 };
  const ops = base.operators.slice(0, 3).map((o) => ({ ...o, shift: always, pausesPerHour: 0 }));
  const [first] = base.queues;
  if (first === undefined) throw new Error('no queue');
  return {
    ...base,
    operators: ops,
    queues: [
      {
        ...first,
        strategy: 'ringall',
        onTimeout: 'hangup',
        arrivals: Array.from({ length: 24 }, () => 120),
        members: ops.slice(0, 2).map((o) => ({
          operator: o.extension,
          penalty: 0,
          kind: 'device' as const,
          membership: 'static' as const,
        })),
      },
    ],
    outbound: { ...base.outbound, arrivals: Array.from({ length: 24 }, () => 0) },
    internal: { ...base.internal, arrivals: Array.from({ length: 24 }, () => 0) },
  };
}

async function running(): Promise<{
  feed: GeneratorFeed;
  client: AmiClient;
  seen: AmiMessage[];
  advance: (ms: number) => void;
}> {
  let wall = 1_000_000;
  const simulation = new Simulation({ config: smallCenter(), seed: 3, startMs: START });
  const feed = new GeneratorFeed({ simulation, clock: () => wall });
  const server = new AmiServer({ users: { [USER]: SECRET }, handlers: feed.handlers() });
  feed.attach(server);
  await server.listen(0);
  cleanups.push(() => server.close());
  const client = new AmiClient({
    name: 'pbx1',
    host: '127.0.0.1',
    port: server.port,
    username: USER,
    secret: SECRET,
    keepaliveMs: 0,
  });
  cleanups.push(() => client.close());
  const seen: AmiMessage[] = [];
  client.on('message', (m) => {
    if (m.kind === 'event') seen.push(m);
  });
  await client.connect();
  await server.loggedIn();
  return {
    feed,
    client,
    seen,
    advance: (ms) => {
      wall += ms;
      feed.tick();
    },
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const named = (seen: readonly AmiMessage[], name: string): AmiMessage[] =>
  seen.filter((m) => m.name === name && !m.has('ActionID'));

describe('actions on a running simulation', () => {
  it('QueuePause keeps a member from being rung, and QueueStatus says so', async () => {
    const { client, seen, advance } = await running();
    const reply = await client.send({
      Action: 'QueuePause',
      Interface: 'SIP/101',
      Paused: 'true',
      Reason: 'lunch',
    });
    expect(reply.raw.response.get('Message')).toBe('Interface paused successfully');
    await until(() => named(seen, 'QueueMemberPause').length === 1, 'QueueMemberPause');
    const pause = named(seen, 'QueueMemberPause')[0];
    expect(pause?.get('Interface')).toBe('SIP/101');
    expect(pause?.get('Paused')).toBe('1');
    expect(pause?.get('PausedReason')).toBe('lunch');
    const before = seen.length;
    for (let i = 0; i < 60; i++) advance(30_000);
    await until(() => named(seen.slice(before), 'AgentCalled').length > 5, 'calls offered');
    const rung = new Set(named(seen.slice(before), 'AgentCalled').map((m) => m.get('Interface')));
    expect(rung).toEqual(new Set(['SIP/102']));
    const status = await client.send({ Action: 'QueueStatus', Queue: 'support' });
    const member = status.raw.events.find((e) => e.get('Location') === 'SIP/101');
    expect(member?.get('Paused')).toBe('1');
    expect(member?.get('PausedReason')).toBe('lunch');
    expect(status.raw.events.some((e) => e.name === 'QueueParams')).toBe(true);
  });

  it('QueueAdd and QueueRemove bring a member in and out, and QueueSummary counts them', async () => {
    const { client, seen } = await running();
    await client.send({ Action: 'QueueAdd', Queue: 'support', Interface: 'SIP/103', Penalty: '1' });
    await until(() => named(seen, 'QueueMemberAdded').length === 1, 'QueueMemberAdded');
    expect(named(seen, 'QueueMemberAdded')[0]?.get('Penalty')).toBe('1');
    let summary = await client.send({ Action: 'QueueSummary', Queue: 'support' });
    expect(summary.raw.events[0]?.get('LoggedIn')).toBe('3');
    await expect(
      client.send({ Action: 'QueueAdd', Queue: 'support', Interface: 'SIP/103' }),
    ).rejects.toThrow(/Already there/);
    await client.send({ Action: 'QueueRemove', Queue: 'support', Interface: 'SIP/103' });
    await until(() => named(seen, 'QueueMemberRemoved').length === 1, 'QueueMemberRemoved');
    summary = await client.send({ Action: 'QueueSummary', Queue: 'support' });
    expect(summary.raw.events[0]?.get('LoggedIn')).toBe('2');
  });

  it('Originate places a call from the phone; Hangup ends a waiting caller', async () => {
    const { client, seen, advance } = await running();
    await client.send({
      Action: 'Originate',
      Channel: 'SIP/103',
      Exten: '89160000001',
      Context: 'from-internal',
      Priority: '1',
    });
    await until(
      () =>
        named(seen, 'DialBegin').some(
          (m) => m.get('DestChannel')?.startsWith('SIP/trunk-') === true,
        ),
      'the outbound dial',
    );
    // Both members busy on calls, paused: the next caller waits, and is hung up.
    await client.send({ Action: 'QueuePause', Interface: 'SIP/101', Paused: 'true' });
    await client.send({ Action: 'QueuePause', Interface: 'SIP/102', Paused: 'true' });
    for (let i = 0; i < 40 && named(seen, 'QueueCallerJoin').length === 0; i++) advance(15_000);
    await until(() => named(seen, 'QueueCallerJoin').length > 0, 'a caller');
    const waiting = await client.send({ Action: 'QueueStatus' });
    const entry = waiting.raw.events.find((e) => e.name === 'QueueEntry');
    const channel = entry?.get('Channel');
    expect(channel).toMatch(/^SIP\/trunk-/);
    await client.send({ Action: 'Hangup', Channel: channel ?? '' });
    await until(
      () => named(seen, 'QueueCallerAbandon').some((m) => m.get('Channel') === channel),
      'the abandon',
    );
    await expect(client.send({ Action: 'Hangup', Channel: 'SIP/nobody-00000000' })).rejects.toThrow(
      /No such channel/,
    );
  });

  it('CoreSettings describes an Asterisk 20', async () => {
    const { client } = await running();
    const reply = await client.send({ Action: 'CoreSettings' });
    expect(reply.raw.response.get('AsteriskVersion')).toBe('20.20.1');
  });
});
