// `callboard start`: collectors, journal, tracker and store from the
// configuration, and the web server beside them; with no server
// configured, the embedded demo. Calls are printed, one line each, once
// they are stored; logs go to standard error.

import type { Writable } from 'node:stream';
import type { Config } from '@callboard/config';
import { Ingest, type Log } from '@callboard/ingest';
import { LiveRelay } from '@callboard/server';
import type { CallRecord } from '@callboard/tracker';
import { Demo } from './demo.js';
import { startWeb } from './web.js';

export interface StartOptions {
  /** Replay speed of the demo traffic (1 = real time). */
  readonly speed: number;
  readonly out: Writable;
  readonly log: Log;
  readonly signal: AbortSignal;
}

export async function start(config: Config, options: StartOptions): Promise<void> {
  const { out, log, signal } = options;
  let demo: Demo | undefined;
  let running = config;
  if (config.servers.length === 0) {
    demo = await Demo.start(options.speed);
    running = withServer(config, demo.server);
    out.write(
      `callboard: no Asterisk server in the configuration (${config.source}); ` +
        `running the demo: an AMI emulator on 127.0.0.1:${demo.server.port} generates a call center at ${options.speed}x\n`,
    );
  }
  out.write(
    `callboard: storing in ${running.database.url === undefined ? `PGlite at ${running.database.data}` : 'PostgreSQL (DATABASE_URL)'}\n`,
  );
  const zones = new Map(running.stations.map((s) => [s.name, s.timezone]));
  // The live feed: the tracker's changes from the start, its picture once it runs.
  const live = new LiveRelay();
  const ingest = await Ingest.start(running, log, {
    onLive: live.push,
    onStored: ({ calls }) => {
      for (const c of calls) out.write(`${describeCall(c, zones.get(c.station) ?? 'UTC')}\n`);
    },
  });
  for (const c of ingest.collectors)
    out.write(
      `callboard: collecting ${c.server} (${running.servers.find((s) => s.name === c.server)?.host ?? ''})\n`,
    );
  live.from(() => ingest.live());
  const web = await startWeb(running, ingest, log, out, live);
  // The figures an admin watches (also on /metrics): one log line a minute.
  const metrics = setInterval(() => log.info({ metrics: ingest.metrics }, 'ingest'), 60_000);
  if (!signal.aborted)
    await new Promise<void>((resolve) =>
      signal.addEventListener('abort', () => resolve(), { once: true }),
    );
  clearInterval(metrics);
  out.write('callboard: stopping\n');
  await web?.close();
  await demo?.stop();
  await ingest.stop();
}

function withServer(config: Config, server: Config['servers'][number]): Config {
  return {
    ...config,
    stations: [...config.stations, { name: server.station, timezone: 'UTC' }],
    servers: [server],
    tracker: {
      ...config.tracker,
      servers: [server.name],
      stations: { [server.name]: server.station },
    },
  };
}

/**
 * One line for a finished call. Caller names and numbers come from outside:
 * they are printed quoted, so no control character reaches the terminal.
 */
export function describeCall(c: CallRecord, timeZone: string): string {
  const time = new Date(c.startedAt).toLocaleTimeString('en-GB', { timeZone, hour12: false });
  const seconds = (ms: number): string => `${Math.round(ms / 1000)}s`;
  const parts = [time, 'call', c.direction, c.outcome, 'from', quote(c.from.number ?? '')];
  if (c.from.name) parts.push(quote(c.from.name));
  for (const v of c.queueVisits) {
    parts.push('queue', quote(v.queue), 'wait', seconds(v.waitMs));
    if (v.answeredBy) parts.push('by', quote(v.answeredBy.memberName), 'talk', seconds(v.talkMs));
  }
  if (c.queueVisits.length === 0 && c.answeredBy)
    parts.push('by', quote(c.answeredBy.name ?? c.answeredBy.number ?? c.answeredBy.channel));
  parts.push('duration', seconds(Date.parse(c.endedAt) - Date.parse(c.startedAt)));
  if (c.flags.length > 0) parts.push(`[${c.flags.join(', ')}]`);
  return parts.join(' ');
}

/** JSON quoting, plus the C1 controls and bidi overrides JSON leaves as they are. */
export function quote(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
