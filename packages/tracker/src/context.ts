import type { ResolvedConfig } from './config.js';
import type { Directory } from './directory.js';
import type { Effect } from './effects.js';
import type { OperatorStates } from './operator-state.js';
import type { Call, Channel } from './state.js';

/** Everything the handlers share: the state of one tracker, and where effects go. */
export interface Ctx {
  readonly cfg: ResolvedConfig;
  readonly directory: Directory;
  readonly operators: OperatorStates;
  /** Channels by `server|uniqueid`. */
  readonly channels: Map<string, Channel>;
  /** Channels by server, then uniqueid (the lookup every channel event makes). */
  readonly byUniqueid: Map<string, Map<string, Channel>>;
  /** Live channels by `server|name`, for events that name a channel without its uniqueid. */
  readonly byName: Map<string, Channel>;
  /** Calls by `server|linkedid`. */
  readonly byLinkedid: Map<string, Call>;
  /** Bridge members by `server|bridge`. */
  readonly bridges: Map<string, Set<string>>;
  /** Calls in flight (roots only). */
  readonly calls: Set<Call>;
  /** Calls whose channels have all hung up, waiting out the grace period. */
  readonly quiet: Set<Call>;
  /** CoreShowChannels answers being received, by `server|ActionID`: the uniqueids listed so far. */
  readonly channelLists: Map<string, Set<string>>;
  /** Inter-server trunk channels waiting for their other half. */
  readonly relays: Set<Channel>;
  readonly servers: Set<string>;
  seq: number;
  /** The latest event time seen, any server. */
  now: number;
  readonly out: Effect[];
}

export const channelKey = (server: string, uniqueid: string): string => `${server}|${uniqueid}`;
