// Where a run's CPU goes besides the process's own total: the main thread's
// garbage-collection pauses, and the PostgreSQL backends serving this
// database (a local server: their CPU time read from /proc). Used by
// bench/ingest to show what the record day costs the two cores.

import { readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Store } from '@callboard/store';

/** Garbage-collection pauses seen since `start()`: how many, and their seconds. */
export class GcPauses {
  count = 0;
  seconds = 0;
  private readonly observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      this.count++;
      this.seconds += e.duration / 1000;
    }
  });

  start(): this {
    this.observer.observe({ entryTypes: ['gc'] });
    return this;
  }

  stop(): void {
    this.observer.disconnect();
  }
}

/** Clock ticks a second, as /proc/<pid>/stat counts them on Linux. */
const TICKS = 100;

/** CPU seconds of one process (user + system), or undefined where /proc cannot tell. */
function processCpu(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / TICKS;
  } catch {
    return undefined;
  }
}

/**
 * The CPU the PostgreSQL backends connected to the store's database spend
 * from `start()` on: read every 2 s while the run goes on, so a backend that
 * leaves (an idle connection closed by the pool) keeps what it had spent by
 * its last reading. Nothing for PGlite, or where /proc cannot tell.
 */
export class BackendCpu {
  private readonly base = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private reading: Promise<void> = Promise.resolve();

  constructor(private readonly store: Store) {}

  async start(): Promise<this> {
    if (this.store.kind !== 'postgres') return this;
    for (const [pid, cpu] of await this.read()) this.base.set(pid, cpu);
    this.timer = setInterval(() => {
      this.reading = this.reading.then(() => this.sample()).catch(() => undefined);
    }, 2000);
    return this;
  }

  /** Seconds spent since `start()`; undefined when nothing could be read. */
  async stop(): Promise<number | undefined> {
    clearInterval(this.timer);
    await this.reading;
    if (this.store.kind !== 'postgres') return undefined;
    await this.sample();
    if (this.last.size === 0) return undefined;
    let spent = 0;
    for (const [pid, cpu] of this.last) spent += cpu - (this.base.get(pid) ?? 0);
    return spent;
  }

  private async sample(): Promise<void> {
    for (const [pid, cpu] of await this.read()) this.last.set(pid, cpu);
  }

  private async read(): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    const rows = await sql<{ pid: number }>`
      select pid from pg_stat_activity where datname = current_database()`.execute(
      this.store.db.kysely,
    );
    for (const { pid } of rows.rows) {
      const cpu = processCpu(pid);
      if (cpu !== undefined) out.set(pid, cpu);
    }
    return out;
  }
}
