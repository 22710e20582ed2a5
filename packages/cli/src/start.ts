import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { AmiClient, type AmiClientOptions } from '@callboard/ami-client';
import { AmiServer, list, recordedAnswer, replay, traceEvents } from '@callboard/simulator';
import type { AmiMessage } from '@callboard/ami';

const DEMO_CAPTURE = fileURLToPath(new URL('../fixtures/demo-queue-call.raw', import.meta.url));

export interface StartOptions {
  /** `ami://user:secret@host:port` (or `amis://` for TLS); without it, the built-in emulator. */
  readonly amiUrl: string | undefined;
  readonly speed: number;
  readonly out: Writable;
  readonly signal: AbortSignal;
}

/**
 * What runs today: an AMI connection (to the configured Asterisk, or to the
 * built-in emulator replaying a recorded queue call in a loop), printing
 * every call event as it arrives. The tracker, store and web app join here
 * as they are built.
 */
export async function start(options: StartOptions): Promise<void> {
  const { out, signal } = options;
  let clientOptions: AmiClientOptions;
  let emulator: AmiServer | undefined;
  if (options.amiUrl !== undefined) {
    clientOptions = fromUrl(options.amiUrl);
    out.write(`callboard: connecting to ${clientOptions.host}:${clientOptions.port ?? 5038}\n`);
  } else {
    const secret = randomBytes(12).toString('hex');
    const capture = new Uint8Array(readFileSync(DEMO_CAPTURE));
    const queueStatus = recordedAnswer(capture, 'rec-qs-start');
    emulator = new AmiServer({
      users: { callboard: secret },
      handlers: {
        ...(queueStatus ? { QueueStatus: () => queueStatus } : {}),
        CoreShowChannels: () => list('Channels will follow', [], 'CoreShowChannelsComplete'),
        DeviceStateList: () =>
          list('Device State Changes will follow', [], 'DeviceStateListComplete'),
      },
    });
    const port = await emulator.listen(0);
    out.write(
      `callboard: no Asterisk configured (set CALLBOARD_AMI_URL=ami://user:secret@host:5038 to use one);\n` +
        `callboard: demo AMI emulator on 127.0.0.1:${port} replays a recorded queue call at ${options.speed}x\n`,
    );
    clientOptions = { name: 'demo', host: '127.0.0.1', port, username: 'callboard', secret };
  }
  const client = new AmiClient({
    ...clientOptions,
    resync: [
      { Action: 'CoreShowChannels' },
      { Action: 'QueueStatus' },
      { Action: 'DeviceStateList' },
    ],
  });
  client.on('connected', (i) => out.write(`callboard: ${i.server} connected (${i.banner})\n`));
  client.on('resynced', (i) => {
    const counts = i.answers.map((a) => (a instanceof Error ? 'failed' : String(a.events.length)));
    out.write(
      `callboard: ${i.server} resynchronised (channels, queue entries and members, devices: ${counts.join(', ')})\n`,
    );
  });
  client.on('disconnected', (i) =>
    out.write(
      `callboard: ${i.server} disconnected: ${i.reason}${i.reconnectInMs === undefined ? '' : `, retry in ${i.reconnectInMs} ms`}\n`,
    ),
  );
  client.on('warning', (e) => out.write(`callboard: ${e.message}\n`));
  client.on('protocolError', (e) =>
    out.write(`callboard: bad AMI input at byte ${e.offset}: ${e.detail}\n`),
  );
  client.on('message', (m) => {
    const line = describe(m);
    if (line !== undefined) out.write(`${line}\n`);
  });
  await client.connect();
  const loop = emulator ? playForever(emulator, options.speed, signal) : Promise.resolve();
  await new Promise<void>((resolve) =>
    signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  await client.close();
  await emulator?.close();
  await loop;
}

async function playForever(server: AmiServer, speed: number, signal: AbortSignal): Promise<void> {
  const events = traceEvents(new Uint8Array(readFileSync(DEMO_CAPTURE)));
  while (!signal.aborted) {
    await replay(server, events, { speed, signal });
    await new Promise((r) => setTimeout(r, 2000 / speed));
  }
}

const SHOWN = new Set([
  'Newchannel',
  'Hangup',
  'QueueCallerJoin',
  'QueueCallerLeave',
  'QueueCallerAbandon',
  'AgentCalled',
  'AgentConnect',
  'AgentComplete',
  'AgentRingNoAnswer',
  'BridgeEnter',
  'BlindTransfer',
  'AttendedTransfer',
  'QueueMemberPause',
  'QueueMemberStatus',
]);

function describe(m: AmiMessage): string | undefined {
  if (m.kind !== 'event' || !SHOWN.has(m.name)) return undefined;
  const stamp = Number(m.get('Timestamp'));
  const time =
    Number.isFinite(stamp) && stamp > 0
      ? new Date(stamp * 1000).toISOString().slice(11, 23)
      : '--:--:--.---';
  const parts = [
    m.get('Queue'),
    m.get('Channel'),
    m.get('MemberName'),
    m.get('CallerIDNum'),
    m.get('Cause-txt'),
  ]
    .filter((p) => p !== undefined && p !== '')
    .map((p) => JSON.stringify(p));
  return `${time} ${m.name.padEnd(18)} ${parts.join(' ')}`;
}

function fromUrl(text: string): AmiClientOptions {
  const url = new URL(text);
  if (url.protocol !== 'ami:' && url.protocol !== 'amis:') {
    throw new Error(
      `CALLBOARD_AMI_URL: expected ami://user:secret@host:port, got protocol ${url.protocol}`,
    );
  }
  return {
    name: url.hostname,
    host: url.hostname,
    port: url.port === '' ? 5038 : Number(url.port),
    username: decodeURIComponent(url.username),
    secret: decodeURIComponent(url.password),
    tls: url.protocol === 'amis:',
  };
}
