// Crash safety of the running ingest. `callboard start` collects a
// multi-call trace over a real TCP AMI connection and is killed (SIGKILL)
// at random points, several times a run, and started again; the feed
// resumes where the journal ends. The calls finally stored must be those
// of an uninterrupted run, each printed exactly once across all the
// processes: nothing lost, nothing counted twice. A graceful restart while
// calls are in flight must keep them too.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AmiParser } from '@callboard/ami';
import { traceEvents } from '@callboard/simulator';
import { decodeEntries, Store } from '@callboard/store';
import type { CallRecord, OperatorInterval } from '@callboard/tracker';
import { DATABASE_KINDS, fresh, type TestDatabase } from './support/databases.js';
import { ResumableFeed } from './support/resumable-feed.js';
import { repoRoot, seeded, tracesDir } from './support/traces.js';

const BIN = join(repoRoot, 'bin/callboard.js');
const TRACE = join(tracesDir, '10-load-mixed');
/** The trace's 11 minutes in about 6.6 s. */
const SPEED = 100;
const CALL_LINE = /^\d\d:\d\d:\d\d call /;

const events = traceEvents(new Uint8Array(readFileSync(join(TRACE, 'ami-pbx1.raw'))));

interface Outcome {
  readonly calls: CallRecord[];
  readonly intervals: OperatorInterval[];
  /** Call lines printed, over all the processes of the run. */
  readonly printed: number;
  /** Where each process stopped: the index of the first trace event not journaled. */
  readonly stops: number[];
}

/** Where a process is stopped: some ms after it was spawned or after the stream resumed, or at an event. */
type Stop =
  | { readonly kind: 'kill' | 'term'; readonly afterMs: number; readonly from: 'spawn' | 'stream' }
  | { readonly kind: 'term'; readonly atEvent: number };

class Run {
  readonly dir = mkdtempSync(join(tmpdir(), 'callboard-crash-'));
  /** PGlite's folder when the run is on PGlite. */
  private readonly data = join(this.dir, 'data');
  private printed = 0;
  private database!: TestDatabase;
  private feed!: ResumableFeed;

  async open(): Promise<void> {
    this.database = await fresh(this.kind);
    this.feed = new ResumableFeed(events, SPEED, 'crash-secret');
    const port = await this.feed.listen();
    writeFileSync(
      join(this.dir, 'callboard.yaml'),
      [
        'database:',
        this.database.url === undefined ? `  data: ${this.data}` : `  url: ${this.database.url}`,
        'spool:',
        `  dir: ${join(this.dir, 'spool')}`,
        'stations:',
        '  pbx1:',
        '    servers:',
        '      pbx1:',
        '        host: 127.0.0.1',
        `        port: ${port}`,
        '        username: callboard',
        '        secret: crash-secret',
        '',
      ].join('\n'),
    );
  }

  constructor(private readonly kind: 'postgres' | 'pglite') {}

  /** The run's database, opened from the test (PGlite only while no process has it). */
  private store(): Promise<Store> {
    return Store.open({ url: this.database.url, dataDir: this.data });
  }

  async close(): Promise<void> {
    await this.feed.close();
    await this.database.drop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private spawn(): { child: ChildProcess; exited: Promise<number | null>; log: () => string } {
    const child = spawn(
      process.execPath,
      [BIN, 'start', '--config', join(this.dir, 'callboard.yaml')],
      {
        env: {
          ...process.env,
          DATABASE_URL: undefined,
          CALLBOARD_CONFIG: undefined,
          CALLBOARD_DATA: undefined,
        },
      },
    );
    let log = '';
    let partial = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      const lines = (partial + d).split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) if (CALL_LINE.test(l)) this.printed++;
      log += d;
    });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (log += d));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    return { child, exited, log: () => log };
  }

  /** How many trace events the journal holds, checking they are the trace's first ones, in order, once each. */
  async journaled(): Promise<number> {
    const store = await this.store();
    try {
      let n = 0;
      const parser = new AmiParser({ banner: false });
      const decoder = new TextDecoder();
      for (let position = 0; ;) {
        const rows = await store.readJournal(position, 500);
        if (rows.length === 0) break;
        for (const row of rows) {
          for (const entry of decodeEntries(row))
            parser.push(entry.bytes, (item) => {
              if (
                item.kind !== 'message' ||
                item.message.kind !== 'event' ||
                item.message.has('ActionID')
              )
                return;
              const expected = events[n];
              if (
                expected === undefined ||
                decoder.decode(expected.bytes) !== decoder.decode(item.message.bytes)
              )
                throw new Error(
                  `journal event ${n} is not the trace's event ${n}: ${decoder.decode(item.message.bytes).slice(0, 200)}`,
                );
              n++;
            });
          position = row.id;
        }
      }
      return n;
    } finally {
      await store.close();
    }
  }

  async inFlightAtCheckpoint(): Promise<number> {
    const store = await this.store();
    try {
      const state = (await store.checkpoint('tracker'))?.state as
        { tracker: { calls: unknown[] } } | undefined;
      return state?.tracker.calls.length ?? 0;
    } finally {
      await store.close();
    }
  }

  /** Runs the trace through, stopping the process as `stops` say, then reads what is stored. */
  async go(stops: readonly Stop[], inFlight?: (n: number) => void): Promise<Outcome> {
    const at: number[] = [];
    let from = 0;
    for (const stop of [...stops, undefined]) {
      const p = this.spawn();
      const died = new AbortController();
      void p.exited.then(() => died.abort());
      let streaming!: () => void;
      const streamed = new Promise<void>((resolve) => (streaming = resolve));
      const playing = this.feed.play(from, {
        signal: died.signal,
        onStream: () => streaming(),
        ...(stop && 'atEvent' in stop ? { stopAt: (i: number) => i >= stop.atEvent } : {}),
      });
      if (stop === undefined) {
        await playing;
        await until(
          () => this.printed >= expectedCalls,
          60_000,
          () => `only ${this.printed} of ${expectedCalls} calls printed:\n${p.log()}`,
        );
        p.child.kill('SIGTERM');
        expect(await p.exited).toBe(0);
        break;
      }
      if ('atEvent' in stop) await playing;
      else {
        if (stop.from === 'stream') await Promise.race([streamed, playing]);
        await Promise.race([pauseMs(stop.afterMs), playing]);
      }
      p.child.kill(stop.kind === 'kill' ? 'SIGKILL' : 'SIGTERM');
      const code = await p.exited;
      if (stop.kind === 'term') expect(code).toBe(0);
      await playing;
      from = await this.journaled();
      at.push(from);
      if (stop.kind === 'term') inFlight?.(await this.inFlightAtCheckpoint());
    }
    expect(await this.journaled()).toBe(events.length);
    const store = await this.store();
    try {
      return {
        calls: byId(await store.calls()),
        intervals: await intervals(store),
        printed: this.printed,
        stops: at,
      };
    } finally {
      await store.close();
    }
  }
}

let expectedCalls = 0;

function byId<T extends { id: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function intervals(store: Store): Promise<OperatorInterval[]> {
  const key = (i: OperatorInterval): string => JSON.stringify(i);
  return (await store.intervals()).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function pauseMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(test: () => boolean, timeoutMs: number, why: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(why());
    await pauseMs(50);
  }
}

describe.each(DATABASE_KINDS)('callboard start on %s killed and restarted mid-stream', (kind) => {
  let reference: Outcome;

  beforeAll(async () => {
    const run = new Run(kind);
    await run.open();
    try {
      const { replayCaptures } = await import('@callboard/cli');
      expectedCalls = replayCaptures([TRACE]).calls.length;
      reference = await run.go([]);
    } finally {
      await run.close();
    }
  }, 120_000);

  it('stores every call of the trace, uninterrupted, printing each once', () => {
    expect(reference.calls).toHaveLength(expectedCalls);
    expect(reference.printed).toBe(expectedCalls);
    expect(reference.calls.filter((c) => c.flags.length > 0)).toEqual([]);
  });

  // Kill points are random but repeatable; CALLBOARD_CRASH_SEED tries others.
  const seed = Number(process.env.CALLBOARD_CRASH_SEED ?? 20261126);
  const random = seeded(seed);
  // Three kills while the stream flows, and one while the process starts
  // (opening the database, restoring the checkpoint, replaying the journal).
  const runs = [1, 2, 3].map((n) => {
    const stops: Stop[] = Array.from({ length: 3 }, () => ({
      kind: 'kill',
      afterMs: Math.round(100 + random() * 2000),
      from: 'stream',
    }));
    stops.splice(Math.floor(random() * 4), 0, {
      kind: 'kill',
      afterMs: Math.round(200 + random() * 1500),
      from: 'spawn',
    });
    const kills = stops
      .map((s) => ('afterMs' in s ? `${s.afterMs} ms after ${s.from}` : ''))
      .join(', ');
    return { n, stops, kills };
  });

  it.each(runs)(
    'run $n: SIGKILL $kills; the same calls, each printed once',
    async ({ stops, kills }) => {
      const run = new Run(kind);
      await run.open();
      try {
        const outcome = await run.go(stops);
        console.log(
          `crash run on ${kind} (seed ${seed}): killed ${kills}; journal ended at trace events ${outcome.stops.join(', ')} of ${events.length}`,
        );
        expect(
          new Set(outcome.stops.filter((s) => s > 0 && s < events.length)).size,
        ).toBeGreaterThanOrEqual(2);
        expect(outcome.calls).toEqual(reference.calls);
        expect(outcome.intervals).toEqual(reference.intervals);
        expect(outcome.printed).toBe(expectedCalls);
      } finally {
        await run.close();
      }
    },
    180_000,
  );

  it('keeps the calls in flight over a graceful restart', async () => {
    const run = new Run(kind);
    await run.open();
    try {
      let inFlight = 0;
      const outcome = await run.go(
        [{ kind: 'term', atEvent: Math.floor(events.length / 2) }],
        (n) => (inFlight = n),
      );
      expect(inFlight).toBeGreaterThan(0);
      expect(outcome.calls).toEqual(reference.calls);
      expect(outcome.intervals).toEqual(reference.intervals);
      expect(outcome.printed).toBe(expectedCalls);
    } finally {
      await run.close();
    }
  }, 120_000);
});
