import { readFileSync } from 'node:fs';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { resolveConfig, type TrackerConfig } from '@callboard/tracker';

/** A configuration problem, with the file and line it is on. */
export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';
  constructor(
    readonly file: string,
    readonly line: number | null,
    message: string,
  ) {
    super(`${file}${line === null ? '' : `:${line}`}: ${message}`);
  }
}

type Kind = 'strings' | 'number' | 'boolean' | 'stringMap' | 'object' | 'objects';

/** The tracker settings a config file may hold, and their shape. */
const KEYS: Readonly<Record<keyof TrackerConfig, Kind>> = {
  stations: 'stringMap',
  trunks: 'strings',
  trunkContexts: 'strings',
  operators: 'strings',
  serviceExtensions: 'strings',
  directory: 'objects',
  crossServer: 'object',
  graceMs: 'number',
  reapAfterMs: 'number',
  ignoreVariables: 'strings',
  live: 'boolean',
  servers: 'strings',
  queues: 'object',
};

/** Reads tracker settings from a YAML (or JSON) file; every error names the file and the line. */
export function loadTrackerConfig(file: string): TrackerConfig {
  const text = readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (node: Node | null | undefined): number | null =>
    node?.range ? lines.linePos(node.range[0]).line : null;
  const first = doc.errors[0];
  if (first)
    throw new ConfigFileError(
      file,
      lines.linePos(first.pos[0]).line,
      first.message.split('\n')[0] ?? 'not YAML',
    );
  const root = doc.contents;
  if (root === null) return {};
  if (!isMap(root)) throw new ConfigFileError(file, lineOf(root), 'expected a mapping of settings');
  for (const pair of root.items) {
    const keyNode = isNode(pair.key) ? pair.key : null;
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const kind = (KEYS as Readonly<Record<string, Kind>>)[key];
    const node = isNode(pair.value) ? pair.value : null;
    if (kind === undefined) {
      throw new ConfigFileError(
        file,
        lineOf(keyNode),
        `unknown setting "${key}" (known: ${Object.keys(KEYS).join(', ')})`,
      );
    }
    const value: unknown = node === null ? null : node.toJSON();
    const problem = check(kind, value, node);
    if (problem !== null)
      throw new ConfigFileError(file, lineOf(node ?? keyNode), `${key}: ${problem}`);
  }
  const config = doc.toJS() as TrackerConfig;
  try {
    resolveConfig(config);
  } catch (error) {
    throw new ConfigFileError(file, null, error instanceof Error ? error.message : String(error));
  }
  return config;
}

function check(kind: Kind, value: unknown, node: Node | null): string | null {
  switch (kind) {
    case 'strings':
      return isSeq(node) && Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? null
        : 'expected a list of strings';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'expected a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'expected true or false';
    case 'stringMap':
      return isMap(node) && Object.values(value as object).every((v) => typeof v === 'string')
        ? null
        : 'expected a mapping of names to strings';
    case 'object':
      return isMap(node) ? null : 'expected a mapping';
    case 'objects':
      return isSeq(node) &&
        Array.isArray(value) &&
        value.every((v) => typeof v === 'object' && v !== null)
        ? null
        : 'expected a list of mappings';
  }
}
