import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The project's shared folder: `CALLBOARD_SHARED`, or the nearest `shared/` beside the repository or above it. */
export const sharedDir = findShared();

/** The recorded traces: `CALLBOARD_TRACES`, or `traces/` in the shared folder. */
export const tracesDir = resolve(process.env.CALLBOARD_TRACES ?? join(sharedDir, 'traces'));

function findShared(): string {
  const given = process.env.CALLBOARD_SHARED;
  if (given !== undefined && given !== '') return resolve(given);
  for (let dir = dirname(repoRoot); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared');
    if (existsSync(join(candidate, 'traces'))) return candidate;
    if (dirname(dir) === dir) return join(dirname(repoRoot), 'shared');
  }
}

export interface TraceCapture {
  /** `01-queue-answered/pbx1` */
  readonly id: string;
  readonly folder: string;
  readonly server: string;
  readonly rawPath: string;
  readonly jsonlPath: string;
  readonly size: number;
}

/** Every `ami-<server>.raw` of every trace folder, found anew on each run. */
export function traceCaptures(): TraceCapture[] {
  if (!existsSync(tracesDir))
    throw new Error(`no traces at ${tracesDir} (set CALLBOARD_TRACES or CALLBOARD_SHARED)`);
  const out: TraceCapture[] = [];
  for (const folder of readdirSync(tracesDir).sort()) {
    const dir = join(tracesDir, folder);
    if (!statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).sort()) {
      const m = /^ami-(.+)\.raw$/.exec(file);
      if (!m) continue;
      const server = m[1] ?? '';
      const rawPath = join(dir, file);
      out.push({
        id: `${folder}/${server}`,
        folder,
        server,
        rawPath,
        jsonlPath: join(dir, `ami-${server}.jsonl`),
        size: statSync(rawPath).size,
      });
    }
  }
  if (out.length === 0) throw new Error(`no ami-*.raw captures under ${tracesDir}`);
  return out;
}

export function readBytes(path: string): Uint8Array {
  const b = readFileSync(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** The jsonl twin of a capture as JSON texts, receive times removed, keys in file order. */
export function expectedJsonLines(capture: TraceCapture): string[] {
  return readFileSync(capture.jsonlPath, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const o = JSON.parse(l) as Record<string, unknown>;
      delete o._recv;
      return JSON.stringify(o);
    });
}

/** A small seeded generator (mulberry32) so random splits repeat from run to run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The largest `ami-*.raw` capture under the traces folder (the benchmarks' corpus). */
export function largestCapture(dir = tracesDir): string {
  let best = { path: '', size: 0 };
  for (const folder of readdirSync(dir)) {
    const folderPath = join(dir, folder);
    if (!statSync(folderPath).isDirectory()) continue;
    for (const f of readdirSync(folderPath).filter((x) => /^ami-.+\.raw$/.test(x))) {
      const size = statSync(join(folderPath, f)).size;
      if (size > best.size) best = { path: join(folderPath, f), size };
    }
  }
  if (best.path === '') throw new Error(`no ami-*.raw capture under ${dir}`);
  return best.path;
}
