// The servers of one recording played on one time line, so a call that
// crosses from one server to another (trace 09) does so in the recorded order.

import type { TraceEvent } from '@callboard/simulator';

export interface Cue {
  /** Index of the event's server in its group. */
  readonly server: number;
  readonly event: TraceEvent;
  /** The event's Timestamp in ms; one without (FullyBooted) takes the time of the event before it. */
  readonly at: number;
}

/**
 * The events of several servers in one order: each server's own order kept,
 * and at each step the server whose next event is earliest (on a tie, the
 * one listed first). A server's Timestamps may step back a little; its order
 * still wins, as it did on the wire.
 */
export function timeline(servers: readonly (readonly TraceEvent[])[]): Cue[] {
  const lanes = servers.map((events, server) => {
    let last = events.find((e) => e.at !== undefined)?.at ?? 0;
    return events.map((event): Cue => {
      if (event.at !== undefined) last = event.at;
      return { server, event, at: last };
    });
  });
  const next = lanes.map(() => 0);
  const out: Cue[] = [];
  for (;;) {
    let pick: Cue | undefined;
    for (let s = 0; s < lanes.length; s++) {
      const cue = lanes[s]?.[next[s] ?? 0];
      if (cue !== undefined && (pick === undefined || cue.at < pick.at)) pick = cue;
    }
    if (pick === undefined) return out;
    out.push(pick);
    next[pick.server] = (next[pick.server] ?? 0) + 1;
  }
}
