// `callboard simulate`: the command through the built binary (help, the
// listening line, a client receiving the trace, Ctrl-C), and what the
// simulated Asterisk answers besides the events (CoreSettings, Ping, the
// resync actions), through ReplaySimulation.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAll } from '@callboard/ami';
import { recordedAnswer, traceEvents, type Field } from '@callboard/simulator';
import { ReplaySimulation } from '../src/simulate/simulation.js';
import { expectSameBytes, Listener } from '../../../test/support/listener.js';
import { readBytes, repoRoot, traceCaptures } from '../../../test/support/traces.js';

const BIN = join(repoRoot, 'bin/callboard.js');
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The smallest capture alone in its folder. */
const capture = traceCaptures()
  .filter((c, _i, all) => all.filter((o) => o.folder === c.folder).length === 1)
  .sort((a, b) => a.size - b.size)[0];
if (capture === undefined) throw new Error('no single-server trace folder');
const raw = readBytes(capture.rawPath);
const recorded = traceEvents(raw);

/** The bin started with `args`, killed after the test; its output, and a wait for a line. */
function spawnCli(args: readonly string[]): {
  readonly child: ReturnType<typeof spawn>;
  readonly exited: Promise<number | null>;
  readonly out: () => string;
  readonly err: () => string;
  readonly waitFor: (pattern: RegExp) => Promise<RegExpExecArray>;
} {
  const child = spawn(process.execPath, [BIN, ...args]);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  cleanups.push(async () => {
    child.kill('SIGKILL');
    await exited;
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const waitFor = async (pattern: RegExp): Promise<RegExpExecArray> => {
    for (;;) {
      const m = pattern.exec(out);
      if (m !== null) return m;
      if (child.exitCode !== null) throw new Error(`exited early:\n${out}\n${err}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { child, exited, out: () => out, err: () => err, waitFor };
}

const LISTENING = /^server (\S+) listening on ([\d.]+):(\d+) \(user (\S+), secret (\S+)\)$/m;

function run(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('callboard simulate', () => {
  it('lists replay and generate in its help', () => {
    const r = run(['simulate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: callboard simulate/);
    expect(r.stdout).toMatch(/^\s+replay \[options\] <path\.\.\.>/m);
    expect(r.stdout).toMatch(/^\s+generate\b/m);
  });

  it('explains replay in its help', () => {
    const r = run(['simulate', 'replay', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: callboard simulate replay \[options\] <path\.\.\.>/);
    for (const option of ['--speed', '--loop', '--port', '--host', '--user', '--secret'])
      expect(r.stdout).toContain(option);
    expect(r.stdout).toMatch(/Ctrl-C/);
  });

  it('generate names the file and what is wrong in a bad center description', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-generate-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'center.yaml');
    writeFileSync(file, 'queues: 12\n');
    const r = run(['simulate', 'generate', '--config', file]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(/queues/);
  });

  it('generate prints where it listens, streams calls to a client, and stops on Ctrl-C', async () => {
    const { child, exited, waitFor } = spawnCli([
      'simulate',
      'generate',
      '--speed',
      '600',
      '--seed',
      '7',
    ]);
    const [, , host, port, user, secret] = await waitFor(LISTENING);
    const listener = new Listener({
      host: host ?? '',
      port: Number(port),
      username: user ?? '',
      secret: secret ?? '',
    });
    cleanups.push(() => listener.client.close());
    await listener.client.connect();
    const names = (): string[] =>
      listener
        .unasked()
        .flatMap((h) =>
          parseAll(h.bytes, { banner: false }).flatMap((i) =>
            i.kind === 'message' ? [i.message.name] : [],
          ),
        );
    const deadline = Date.now() + 20_000;
    while (!names().includes('QueueCallerJoin') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(names()).toContain('QueueCallerJoin');
    expect(names()).toContain('Newchannel');
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('refuses a bad speed', () => {
    const r = run(['simulate', 'replay', capture.rawPath, '--speed', 'fast']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/positive number or "max"/);
  });

  it('replay prints where it listens, plays the trace to a client, and stops on Ctrl-C', async () => {
    const { child, exited, err, waitFor } = spawnCli([
      'simulate',
      'replay',
      dirname(capture.rawPath),
      '--speed',
      'max',
    ]);
    const line = await waitFor(LISTENING);
    const [, name, host, port, user, secret] = line;
    expect(name).toBe(capture.server);
    const listener = new Listener({
      host: host ?? '',
      port: Number(port),
      username: user ?? '',
      secret: secret ?? '',
    });
    cleanups.push(() => listener.client.close());
    await listener.client.connect();
    await waitFor(new RegExp(`^server ${name}: pass 1 sent \\(${recorded.length} events\\)$`, 'm'));
    await waitFor(/^replay done: still answering/m);
    await listener.sync();
    expectSameBytes(
      listener.unasked().map((h) => h.bytes),
      recorded.map((e) => e.bytes),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(err()).toBe('');
  });
});

describe('the replayed Asterisk answers', () => {
  const fieldsOf = (fields: readonly Field[], key: string): string | undefined =>
    fields.find(([k]) => k === key)?.[1];

  it('CoreSettings, Ping and the resync actions, as of the end of the trace', async () => {
    const sim = await ReplaySimulation.start([capture.rawPath], {
      speed: Infinity,
      loop: false,
      host: '127.0.0.1',
      port: 0,
      user: 'callboard',
      secret: 'x',
    });
    cleanups.push(() => sim.stop());
    const s = sim.servers[0];
    if (s === undefined) throw new Error('no server');
    const listener = new Listener({ host: s.host, port: s.port, username: s.user, secret: 'x' });
    cleanups.push(() => listener.client.close());
    await listener.client.connect();
    await sim.finished;
    const c = listener.client;

    const settings = await c.send({ Action: 'CoreSettings' });
    const banner = parseAll(raw).find((i) => i.kind === 'banner');
    expect(settings.raw.response.entries().map(([k]) => k)).toEqual([
      'Response',
      'ActionID',
      'AMIversion',
      'AsteriskVersion',
      'SystemName',
      'CoreMaxCalls',
      'CoreMaxLoadAvg',
      'CoreRunUser',
      'CoreRunGroup',
      'CoreMaxFilehandles',
      'CoreRealTimeEnabled',
      'CoreCDRenabled',
      'CoreHTTPenabled',
      'SoundsSearchCustomDir',
    ]);
    expect(`Asterisk Call Manager/${settings.response.AMIversion ?? ''}`).toBe(
      banner?.kind === 'banner' ? banner.text : '',
    );
    expect(settings.response.AsteriskVersion).toMatch(/^20\.\d+\.\d+/);

    // The server's clock is the trace's: at full speed, the time of the last event sent.
    const ping = await c.send({ Action: 'Ping' });
    const last = recorded.findLast((e) => e.at !== undefined)?.at ?? NaN;
    expect(Number(ping.response.Timestamp) * 1000).toBeCloseTo(last, -1);

    const channels = await c.send({ Action: 'CoreShowChannels' });
    expect(channels.events).toEqual([]);
    expect(channels.complete?.ListItems).toBe('0');

    // The members are those the recorder found when it asked at the end.
    const ends = parseAll(raw).flatMap((i) =>
      i.kind === 'message' && i.message.name === 'QueueStatusComplete'
        ? [i.message.get('ActionID') ?? '']
        : [],
    );
    const end = recordedAnswer(raw, ends.at(-1) ?? '');
    const members = (events: readonly (readonly Field[])[]): string[] =>
      events
        .filter((f) => fieldsOf(f, 'Event') === 'QueueMember')
        .map((f) => ['Queue', 'Location', 'Paused'].map((k) => fieldsOf(f, k)).join('|'))
        .sort();
    const status = await c.send({ Action: 'QueueStatus' });
    expect(members(status.raw.events.map((m) => m.entries()))).toEqual(members(end?.events ?? []));
    expect(members(end?.events ?? []).length).toBeGreaterThan(0);

    const devices = await c.send({ Action: 'DeviceStateList' });
    expect(devices.complete?.Event).toBe('DeviceStateListComplete');
  });
});
