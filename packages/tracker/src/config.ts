// What the tracker is told, as opposed to what it learns from the stream.

/** An operator from the admin directory. */
export interface DirectoryOperator {
  /** The operator's key in records; defaults to the first device. */
  readonly id?: string;
  readonly name: string;
  /** Devices (state interfaces) such as `SIP/agent101` or `PJSIP/101`. */
  readonly devices: readonly string[];
}

/** The key an operator of the directory has in records: its id, else its first device. */
export function operatorKey(op: DirectoryOperator): string {
  return op.id ?? op.devices[0] ?? op.name;
}

export interface TrackerConfig {
  /** Station of each server; a server not listed is a station of its own name. */
  readonly stations?: Readonly<Record<string, string>>;
  /** Regular expressions on the device (`SIP/trunk`, `IAX2/pbx2`) of trunk channels. */
  readonly trunks?: readonly string[];
  /** Regular expressions on contexts where calls from outside enter (`from-trunk`, `from-pstn`). */
  readonly trunkContexts?: readonly string[];
  /** Regular expressions on devices of operators, beyond those learned from queue membership. */
  readonly operators?: readonly string[];
  /** Regular expressions on dialled extensions that reach a service (feature codes). */
  readonly serviceExtensions?: readonly string[];
  readonly directory?: readonly DirectoryOperator[];
  /** Linking a call that crosses servers over a trunk. */
  readonly crossServer?: {
    /** A channel variable that carries the originating `server/linkedid` (set it in the dialplan). */
    readonly variable?: string;
    /** How far apart the two halves may start, by their clocks (default 10 s). */
    readonly windowMs?: number;
  };
  /** After its last channel hangs up, a call waits this long for late merges (default 2 s). */
  readonly graceMs?: number;
  /** A call with no event for this long is closed and flagged `gap` (default 4 h). */
  readonly reapAfterMs?: number;
  /** Channel variables not kept on records (regular expressions). */
  readonly ignoreVariables?: readonly string[];
  /** Emit live changes (queue callers, operator states, calls in progress). Default true. */
  readonly live?: boolean;
  /** Every server the tracker will hear from (so trunks between them are recognised from the start). */
  readonly servers?: readonly string[];
  /** Per queue: the wrap-up time after each call (app_queue's wrapuptime, which AMI does not report). */
  readonly queues?: Readonly<Record<string, { readonly wrapUpSeconds?: number }>>;
}

export interface ResolvedConfig {
  readonly stationOf: (server: string) => string;
  readonly trunks: readonly RegExp[];
  readonly trunkContexts: readonly RegExp[];
  readonly operators: readonly RegExp[];
  readonly serviceExtensions: readonly RegExp[];
  readonly directory: readonly DirectoryOperator[];
  readonly crossServerVariable: string | null;
  readonly crossServerWindowMs: number;
  readonly graceMs: number;
  readonly reapAfterMs: number;
  readonly ignoreVariables: readonly RegExp[];
  readonly live: boolean;
  readonly servers: readonly string[];
  readonly wrapUpMs: (queue: string) => number;
  /** Most variables kept per channel, and their longest value. */
  readonly maxVariables: number;
  readonly maxValueLength: number;
}

export const DEFAULT_TRUNK_CONTEXTS = ['^from-(trunk|pstn|did)', '^from-sip-external$'];
export const DEFAULT_SERVICE_EXTENSIONS = ['^\\*'];

/** A config error: names the setting and what is wrong. */
export class TrackerConfigError extends Error {
  override readonly name = 'TrackerConfigError';
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
  }
}

function patterns(
  setting: string,
  list: readonly string[] | undefined,
  fallback: readonly string[],
): RegExp[] {
  return (list ?? fallback).map((p, i) => {
    try {
      return new RegExp(p);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new TrackerConfigError(`${setting}[${i}]`, `not a regular expression: ${reason}`);
    }
  });
}

export function resolveConfig(config: TrackerConfig = {}): ResolvedConfig {
  const stations = config.stations ?? {};
  const graceMs = config.graceMs ?? 2000;
  const reapAfterMs = config.reapAfterMs ?? 4 * 3600_000;
  const windowMs = config.crossServer?.windowMs ?? 10_000;
  for (const [name, value] of [
    ['graceMs', graceMs],
    ['reapAfterMs', reapAfterMs],
    ['crossServer.windowMs', windowMs],
  ] as const) {
    if (!Number.isFinite(value) || value < 0)
      throw new TrackerConfigError(name, 'must be a number of milliseconds, 0 or more');
  }
  return {
    stationOf: (server) => stations[server] ?? server,
    trunks: patterns('trunks', config.trunks, []),
    trunkContexts: patterns('trunkContexts', config.trunkContexts, DEFAULT_TRUNK_CONTEXTS),
    operators: patterns('operators', config.operators, []),
    serviceExtensions: patterns(
      'serviceExtensions',
      config.serviceExtensions,
      DEFAULT_SERVICE_EXTENSIONS,
    ),
    directory: config.directory ?? [],
    crossServerVariable: config.crossServer?.variable ?? null,
    crossServerWindowMs: windowMs,
    graceMs,
    reapAfterMs,
    ignoreVariables: patterns('ignoreVariables', config.ignoreVariables, []),
    live: config.live ?? true,
    servers: config.servers ?? [],
    wrapUpMs: (queue) => (config.queues?.[queue]?.wrapUpSeconds ?? 0) * 1000,
    maxVariables: 200,
    maxValueLength: 2048,
  };
}
