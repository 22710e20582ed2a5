// The database commands through the real binary, on PGlite (--data) and
// PostgreSQL (DATABASE_URL): migrate, import-traces, calls, rebuild.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayCaptures } from '../src/replay.js';
import { cell, quote } from '../src/index.js';
import { DATABASE_KINDS, fresh, type TestDatabase } from '../../../test/support/databases.js';
import { repoRoot, tracesDir } from '../../../test/support/traces.js';

const BIN = join(repoRoot, 'bin/callboard.js');
const TRACE = join(tracesDir, '10-load-mixed');

describe.each(DATABASE_KINDS)('database commands on %s', (kind) => {
  let database: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'callboard-cli-'));

  function run(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
    const where = database.url === undefined ? ['--data', join(dir, 'data')] : [];
    const r = spawnSync(process.execPath, [BIN, ...args, ...where], {
      encoding: 'utf8',
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        CALLBOARD_CONFIG: undefined,
        CALLBOARD_DATA: undefined,
      },
      cwd: dir,
      maxBuffer: 256 * 1024 * 1024,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  beforeAll(async () => {
    database = await fresh(kind);
  });

  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates once, then finds the schema up to date', () => {
    const first = run(['migrate']);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(
      [
        'migrate: applied 0001-initial',
        'migrate: applied 0002-users',
        'migrate: applied 0003-rollups',
        'migrate: applied 0004-directory',
        'migrate: applied 0005-rollup-ranges',
        'migrate: applied 0006-lz4',
        '',
      ].join('\n'),
    );
    expect(run(['migrate']).stdout).toBe('migrate: the schema is up to date\n');
  });

  const expected = replayCaptures([TRACE]).calls;
  const byStart = [...expected].sort((a, b) =>
    a.startedAt === b.startedAt ? (a.id < b.id ? -1 : 1) : a.startedAt < b.startedAt ? -1 : 1,
  );

  it('imports a trace folder and prints its calls as replay sees them, in start order', () => {
    const r = run(['import-traces', TRACE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`, ${expected.length} calls and \\d+ operator intervals stored`),
    );
    const calls = run(['calls']);
    expect(calls.code).toBe(0);
    const lines = calls.stdout.split('\n').filter((l) => l !== '');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(byStart);
  });

  it('prints a time range as CSV, one row per call', () => {
    const since = byStart[10]?.startedAt ?? '';
    const until = byStart[50]?.startedAt ?? '';
    const r = run(['calls', '--since', since, '--until', until, '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = parse<Record<string, string>>(r.stdout, { columns: true });
    const inRange = byStart.filter((c) => c.startedAt >= since && c.startedAt < until);
    expect(rows.map((row) => row.id)).toEqual(inRange.map((c) => c.id));
    expect(rows.map((row) => row.outcome)).toEqual(inRange.map((c) => c.outcome));
    expect(rows.map((row) => row.queues)).toEqual(
      inRange.map((c) => c.queueVisits.map((v) => v.queue).join(' ')),
    );
  });

  it('rebuilds a range from the journal to the same calls', () => {
    const since = byStart[100]?.startedAt ?? '';
    const r = run(['rebuild', '--since', since]);
    expect(r.code).toBe(0);
    const rebuilt = byStart.filter((c) => c.startedAt >= since).length;
    expect(r.stdout).toMatch(new RegExp(` ${rebuilt} calls and \\d+ operator intervals since`));
    const lines = run(['calls'])
      .stdout.split('\n')
      .filter((l) => l !== '');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(byStart);
  });

  it('refuses a bad date with the reason', () => {
    const r = run(['calls', '--since', 'yesterday']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/not a date: "yesterday"/);
  });

  it('names the file, the line and the problem of a bad configuration', () => {
    const file = join(dir, 'callboard.yaml');
    writeFileSync(file, 'journal:\n  retentionDays: 90\n  batchMs: fast\n');
    const r = run(['migrate', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `callboard: ${file}:3: journal.batchMs: Invalid input: expected number, received string\n`,
    );
  });
});

describe('text from outside', () => {
  it('reaches the terminal quoted, control characters escaped', () => {
    expect(quote('Ivan\u001b[2J\u009b31m\u202eevil')).toBe('"Ivan\\u001b[2J\\u009b31m\\u202eevil"');
  });

  it('reaches a spreadsheet as text, never as a formula', () => {
    expect(cell('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    expect(cell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(cell('-1+2')).toBe("'-1+2");
    expect(cell('+74951234567')).toBe('+74951234567');
    expect(cell('Ivan')).toBe('Ivan');
    expect(cell(null)).toBe('');
  });
});
