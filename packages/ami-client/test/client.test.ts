import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AmiAuthError,
  AmiClient,
  AmiDisconnectedError,
  AmiResponseError,
  AmiTimeoutError,
  type AmiClientOptions,
  type ClientEvents,
  type ReceiveMeta,
} from '@callboard/ami-client';
import type { AmiMessage, ParseError } from '@callboard/ami';
import {
  AmiServer,
  recordedAnswer,
  replay,
  success,
  traceEvents,
  type AmiServerOptions,
} from '@callboard/simulator';
import { readBytes, tracesDir } from '../../../test/support/traces.js';

const USER = 'callboard';
const SECRET = 's3cret!';
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function emulator(options: Partial<AmiServerOptions> = {}): Promise<AmiServer> {
  const server = new AmiServer({ users: { [USER]: SECRET }, ...options });
  await server.listen(0);
  cleanups.push(() => server.close());
  return server;
}

function client(server: AmiServer, options: Partial<AmiClientOptions> = {}): AmiClient {
  const c = new AmiClient({
    name: 'pbx1',
    host: '127.0.0.1',
    port: server.port,
    username: USER,
    secret: SECRET,
    keepaliveMs: 0,
    reconnect: { initialMs: 20, maxMs: 100 },
    ...options,
  });
  cleanups.push(() => c.close());
  return c;
}

function next<K extends keyof ClientEvents>(c: AmiClient, event: K): Promise<ClientEvents[K]> {
  return new Promise((resolve) => {
    const listener = (...args: ClientEvents[K]): void => resolve(args);
    // EventEmitter's typed overloads do not narrow a generic key.
    (c.once as (e: K, l: (...args: ClientEvents[K]) => void) => AmiClient)(event, listener);
  });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const trace = (folder: string): Uint8Array => readBytes(join(tracesDir, folder, 'ami-pbx1.raw'));

describe('login', () => {
  it('logs in with the MD5 challenge: the secret never crosses the wire', async () => {
    const server = await emulator();
    const c = client(server);
    await c.connect();
    expect(c.state).toBe('ready');
    const session = await server.loggedIn();
    const sent = session.received.map((m) => m.toObject());
    expect(sent[0]).toMatchObject({ Action: 'Challenge', AuthType: 'MD5' });
    expect(sent[1]).toMatchObject({
      Action: 'Login',
      AuthType: 'MD5',
      Username: USER,
      Events: 'on',
    });
    expect(JSON.stringify(sent)).not.toContain(SECRET);
  });

  it('logs in with a plain secret when asked to', async () => {
    const server = await emulator();
    const c = client(server, { auth: 'plain' });
    await c.connect();
    const session = await server.loggedIn();
    expect(session.received[0]?.toObject()).toMatchObject({
      Action: 'Login',
      Username: USER,
      Secret: SECRET,
    });
  });

  it('rejects a refused first login and stops', async () => {
    const server = await emulator();
    const c = client(server, { secret: 'wrong' });
    const warnings: Error[] = [];
    c.on('warning', (e) => warnings.push(e));
    await expect(c.connect()).rejects.toBeInstanceOf(AmiAuthError);
    expect(c.state).toBe('closed');
    expect(warnings[0]?.message).toMatch(/login refused: Authentication failed/);
  });
});

describe('actions', () => {
  it('matches each answer to its action by ActionID, in whatever order answers come', async () => {
    let heldId: string | undefined;
    const server = await emulator({
      handlers: {
        Hold: ({ actionId }) => {
          heldId = actionId;
          return undefined;
        },
        Release: ({ session }) => {
          setTimeout(
            () =>
              session.writeMessage([
                ['Response', 'Success'],
                ['ActionID', heldId ?? ''],
                ['Which', 'held'],
              ]),
            20,
          );
          return success([['Which', 'release']]);
        },
      },
    });
    const c = client(server);
    await c.connect();
    const held = c.send({ Action: 'Hold' });
    const released = await c.send({ Action: 'Release' });
    expect(released.response.Which).toBe('release');
    expect((await held).response.Which).toBe('held');
    const pings = await Promise.all(Array.from({ length: 50 }, () => c.send({ Action: 'Ping' })));
    expect(new Set(pings.map((p) => p.raw.response.get('ActionID'))).size).toBe(50);
  });

  it('times an unanswered action out and stays usable', async () => {
    const server = await emulator({ handlers: { Stuck: () => undefined } });
    const c = client(server);
    await c.connect();
    await expect(c.send({ Action: 'Stuck' }, { timeoutMs: 50 })).rejects.toBeInstanceOf(
      AmiTimeoutError,
    );
  });

  it('rejects on Response: Error with its message', async () => {
    const server = await emulator();
    const c = client(server);
    await c.connect();
    const error = await c.send({ Action: 'NoSuchThing' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmiResponseError);
    expect(error instanceof AmiResponseError && error.response.Message).toMatch(
      /Invalid\/unknown command/,
    );
  });

  it('collects an event list into one typed answer', async () => {
    const raw = trace('01-queue-answered');
    const answer = recordedAnswer(raw, 'rec-qs-start');
    const server = await emulator({ handlers: { QueueStatus: () => answer } });
    const c = client(server);
    await c.connect();
    const result = await c.send({ Action: 'QueueStatus' });
    expect(answer?.events?.length).toBeGreaterThan(5);
    expect(result.events).toHaveLength(answer?.events?.length ?? -1);
    expect(result.complete?.Event).toBe('QueueStatusComplete');
    expect(result.complete?.ListItems).toBe(String(result.events.length));
    const members = result.events.filter((e) => e.Event === 'QueueMember');
    expect(members.map((m) => (m.Event === 'QueueMember' ? m.Name : '')).sort()).toContain(
      'Ivan Petrov',
    );
    expect(new Set(result.events.map((e) => e.Event))).toEqual(
      new Set(['QueueParams', 'QueueMember']),
    );
  });

  it('refuses to send while not connected', async () => {
    const server = await emulator();
    const c = client(server);
    await expect(c.send({ Action: 'Ping' })).rejects.toBeInstanceOf(AmiDisconnectedError);
  });

  it('fails waiting actions when the connection drops', async () => {
    const server = await emulator({ handlers: { Stuck: () => undefined } });
    const c = client(server);
    await c.connect();
    const waiting = c.send({ Action: 'Stuck' });
    (await server.loggedIn()).socket.destroy();
    await expect(waiting).rejects.toBeInstanceOf(AmiDisconnectedError);
  });

  it('says goodbye on close', async () => {
    const server = await emulator();
    const c = client(server);
    await c.connect();
    const session = await server.loggedIn();
    await c.close();
    expect(session.received.at(-1)?.get('Action')).toBe('Logoff');
    expect(c.state).toBe('closed');
  });
});

describe('events', () => {
  it('delivers every event of a recorded call, in order, byte for byte', async () => {
    const events = traceEvents(trace('05-blind-transfer'));
    const server = await emulator();
    const c = client(server);
    const got: AmiMessage[] = [];
    const metas: ReceiveMeta[] = [];
    c.on('message', (m, meta) => {
      got.push(m);
      metas.push(meta);
    });
    await c.connect();
    const before = got.length;
    await replay(server, events);
    await until(() => got.length - before === events.length, 'all events');
    const decoder = new TextDecoder();
    expect(got.slice(before).map((m) => decoder.decode(m.bytes))).toEqual(
      events.map((e) => decoder.decode(e.bytes)),
    );
    const seqs = metas.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });
});

describe('reconnect and resync', () => {
  it('reports a message cut off by a dropped connection, reconnects and resynchronises', async () => {
    const raw = trace('01-queue-answered');
    const queueStatus = recordedAnswer(raw, 'rec-qs-start');
    const server = await emulator({ handlers: { QueueStatus: () => queueStatus } });
    const c = client(server, { resync: [{ Action: 'QueueStatus' }] });
    const errors: ParseError[] = [];
    c.on('protocolError', (e) => errors.push(e));
    const firstResync = next(c, 'resynced');
    await c.connect();
    const [first] = await firstResync;
    expect(first.downSince).toBeUndefined();

    const session = await server.loggedIn();
    const disconnected = next(c, 'disconnected');
    const reconnected = next(c, 'connected');
    const resynced = next(c, 'resynced');
    session.write(new TextEncoder().encode('Event: Newchannel\r\nChannel: SIP/trunk-0000'));
    await until(() => session.socket.bytesWritten > 0, 'bytes written');
    setTimeout(() => session.socket.destroy(), 20);

    const [down] = await disconnected;
    expect(down.reconnectInMs).toBeGreaterThanOrEqual(0);
    const [up] = await reconnected;
    expect(up.connection).toBe(2);
    expect(up.downSince).toBeTypeOf('number');
    const [again] = await resynced;
    expect(again.downSince).toBe(up.downSince);
    const answer = again.answers[0];
    expect(answer instanceof Error ? answer.message : answer?.events.length).toBe(
      queueStatus?.events?.length,
    );
    expect(errors.map((e) => e.code)).toEqual(['truncated']);
  });

  it('measures the server clock offset with keepalive pings', async () => {
    const server = await emulator({ now: () => Date.now() + 5000 });
    const c = client(server, { keepaliveMs: 30 });
    const ping = next(c, 'ping');
    await c.connect();
    const [info] = await ping;
    expect(info.clockOffsetMs).toBeGreaterThan(4000);
    expect(info.clockOffsetMs).toBeLessThan(6000);
    expect(c.clockOffsetMs).toBe(info.clockOffsetMs);
  });

  it('drops and reconnects when a keepalive ping goes unanswered', async () => {
    let silent = true;
    const server = await emulator({
      handlers: { Ping: () => (silent ? undefined : success([['Ping', 'Pong']])) },
    });
    const c = client(server, { keepaliveMs: 30, keepaliveTimeoutMs: 60 });
    await c.connect();
    const [down] = await next(c, 'disconnected');
    expect(down.reason).toBe('keepalive ping unanswered');
    silent = false;
    const [up] = await next(c, 'connected');
    expect(up.connection).toBe(2);
  });
});

describe('back-pressure', () => {
  it('a slow consumer holds the server back instead of growing memory', async () => {
    const server = await emulator();
    const c = client(server);
    let emitted = 0;
    c.on('message', () => emitted++);
    await c.connect();
    const session = await server.loggedIn();
    const iterator = c.messages(100);
    const first = iterator.next();
    const event = new TextEncoder().encode(
      `Event: VarSet\r\nChannel: SIP/trunk-00000001\r\nVariable: X\r\nValue: ${'v'.repeat(400)}\r\n\r\n`,
    );
    const burst = new Uint8Array(event.length * 1000);
    for (let i = 0; i < 1000; i++) burst.set(event, i * event.length);
    for (let i = 0; i < 60; i++) session.write(burst); // 60,000 events, about 27 MB
    await first;
    // Let the client read all it will: until everything came or nothing more comes.
    for (let last = -1; emitted !== last && emitted < 60_000;) {
      last = emitted;
      await new Promise((r) => setTimeout(r, 300));
    }
    // It read at most a few socket reads past the high-water mark; the rest waits at the server.
    expect(emitted).toBeLessThan(100 + 5000);
    expect(session.socket.writableLength).toBeGreaterThan(8 * 1024 * 1024);
    await iterator.return(undefined);
  });
});

describe('TLS', () => {
  it('connects over TLS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-tls-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const server = await emulator({
      tls: { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert },
    });
    const c = client(server, { tls: { ca: cert, servername: 'localhost' } });
    await c.connect();
    const pong = await c.send({ Action: 'Ping' });
    expect(pong.response.Ping).toBe('Pong');
  });
});
