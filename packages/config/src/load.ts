import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { isNode, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { operatorKey, type TrackerConfig } from '@callboard/tracker';
import { configSchema, type ParsedConfig, type SecretSource } from './schema.js';

/** A configuration problem: names the file, the line and what is wrong. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly setting: string,
    problem: string,
  ) {
    super(
      `${file}${line === null ? '' : `:${line}`}: ${setting === '' ? '' : `${setting}: `}${problem}`,
    );
  }
}

/** A secret's value, kept out of logs and JSON: it prints as `***`. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '***';
  }
  toJSON(): string {
    return '***';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'Secret(***)';
  }
}

export interface ServerConfig {
  readonly name: string;
  readonly station: string;
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly secret: Secret;
  readonly tls: boolean;
  readonly auth: 'md5' | 'plain';
}

export interface Config {
  /** The file it came from, or `(defaults)`. */
  readonly source: string;
  readonly database: { readonly url: string | undefined; readonly data: string };
  readonly journal: ParsedConfig['journal'];
  readonly spool: { readonly dir: string; readonly maxBytes: number };
  readonly stations: readonly { readonly name: string; readonly timezone: string }[];
  readonly servers: readonly ServerConfig[];
  readonly queues: ParsedConfig['queues'];
  readonly tracker: TrackerConfig;
  /** The admin's operator directory (every station's), with the `monitored` flag. */
  readonly operators: readonly {
    readonly key: string;
    readonly name: string;
    readonly devices: readonly string[];
    readonly monitored: boolean;
  }[];
  readonly server: {
    readonly port: number;
    readonly host: string;
    readonly adminPassword: Secret | undefined;
    readonly metricsToken: Secret | undefined;
    readonly trustProxy: boolean;
    /** Absolute paths of the PEM certificate and key, when HTTPS is served directly. */
    readonly tls: { readonly cert: string; readonly key: string } | undefined;
  };
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads and checks a configuration file (YAML, or JSON, which is YAML);
 * without a file, the defaults. Environment variables override:
 * DATABASE_URL, CALLBOARD_DATA, PORT.
 */
export function loadConfig(file: string | undefined, env: Env = process.env): Config {
  if (file === undefined)
    return resolveConfig('(defaults)', configSchema.parse({}), env, process.cwd());
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, null, '', error instanceof Error ? error.message : String(error));
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const first = doc.errors[0];
  if (first)
    throw new ConfigError(
      file,
      lines.linePos(first.pos[0]).line,
      '',
      first.message.split('\n')[0] ?? 'not YAML',
    );
  const parsed = configSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String) ?? [];
    throw new ConfigError(
      file,
      lineOf(doc, lines, path),
      path.join('.'),
      issue?.message ?? 'invalid',
    );
  }
  return resolveConfig(file, parsed.data, env, dirname(resolve(file)), (path) =>
    lineOf(doc, lines, path),
  );
}

/** The line of the deepest node of `path` the document has. */
function lineOf(doc: Document, lines: LineCounter, path: readonly string[]): number | null {
  for (let n = path.length; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && (node as Node).range)
      return lines.linePos((node as Node).range?.[0] ?? 0).line;
  }
  return null;
}

function resolveConfig(
  source: string,
  c: ParsedConfig,
  env: Env,
  base: string,
  lineOf: (path: readonly string[]) => number | null = () => null,
): Config {
  const here = (p: string): string => (isAbsolute(p) ? p : resolve(base, p));
  const data = env.CALLBOARD_DATA ?? here(c.database.data);
  const servers: ServerConfig[] = [];
  const seen = new Map<string, string>();
  for (const [stationName, station] of Object.entries(c.stations)) {
    for (const [name, s] of Object.entries(station.servers)) {
      const path = ['stations', stationName, 'servers', name];
      const other = seen.get(name);
      if (other !== undefined) {
        throw new ConfigError(
          source,
          lineOf(path),
          path.join('.'),
          `server "${name}" is already in station "${other}": server names are unique`,
        );
      }
      seen.set(name, stationName);
      servers.push({
        name,
        station: stationName,
        host: s.host,
        port: s.port,
        username: s.username,
        secret: readSecret(
          s.secret,
          env,
          here,
          () =>
            new ConfigError(source, lineOf([...path, 'secret']), [...path, 'secret'].join('.'), ''),
        ),
        tls: s.tls,
        auth: s.auth,
      });
    }
  }
  const optionalSecret = (path: string[], s: SecretSource | undefined): Secret | undefined =>
    s === undefined
      ? undefined
      : readSecret(s, env, here, () => new ConfigError(source, lineOf(path), path.join('.'), ''));
  const port = env.PORT === undefined ? c.server.port : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError('PORT', null, '', `not a port number: ${env.PORT}`);
  return {
    source,
    database: { url: env.DATABASE_URL ?? c.database.url, data },
    journal: c.journal,
    spool: {
      dir: c.spool.dir === undefined ? resolve(data, 'spool') : here(c.spool.dir),
      maxBytes: c.spool.maxBytes,
    },
    stations: Object.entries(c.stations).map(([name, s]) => ({ name, timezone: s.timezone })),
    servers,
    queues: c.queues,
    operators: (c.tracker.directory ?? []).map((op) => ({
      key: operatorKey({
        name: op.name,
        devices: op.devices,
        ...(op.id === undefined ? {} : { id: op.id }),
      }),
      name: op.name,
      devices: op.devices,
      monitored: op.monitored,
    })),
    tracker: {
      ...c.tracker,
      ...(c.tracker.directory
        ? { directory: c.tracker.directory.map(({ monitored: _, ...op }) => op) }
        : {}),
      stations: Object.fromEntries(servers.map((s) => [s.name, s.station])),
      servers: servers.map((s) => s.name),
      queues: Object.fromEntries(
        Object.entries(c.queues).map(([q, v]) => [q, { wrapUpSeconds: v.wrapUpSeconds }]),
      ),
    } as TrackerConfig,
    server: {
      port,
      host: c.server.host,
      adminPassword: optionalSecret(['server', 'adminPassword'], c.server.adminPassword),
      metricsToken: optionalSecret(['server', 'metricsToken'], c.server.metricsToken),
      trustProxy: c.server.trustProxy,
      tls: c.server.tls && { cert: here(c.server.tls.cert), key: here(c.server.tls.key) },
    },
  };
}

function readSecret(
  source: SecretSource,
  env: Env,
  here: (p: string) => string,
  error: () => ConfigError,
): Secret {
  if (typeof source === 'string') return new Secret(source);
  if ('env' in source) {
    const value = env[source.env];
    if (value === undefined || value === '')
      throw withProblem(error(), `environment variable ${source.env} is not set`);
    return new Secret(value);
  }
  try {
    return new Secret(readFileSync(here(source.file), 'utf8').trim());
  } catch (e) {
    throw withProblem(
      error(),
      `cannot read ${source.file}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

function withProblem(e: ConfigError, problem: string): ConfigError {
  return new ConfigError(e.file, e.line, e.setting, problem);
}
