// Where the live feed's changes come from: the running tracker's picture
// now and the effects it emits from then on. The ingest must be given its
// `onLive` before it starts and the server comes after it, so a relay sits
// between: made first, fed by the ingest, read by the server.

import type { Effect, LiveEffect } from '@callboard/tracker';

export type LiveListener = (effects: readonly Effect[]) => void;

export interface LiveSource {
  /** What is live now (Tracker.live), as effects that build it from nothing. */
  picture(): readonly LiveEffect[];
  /** Every effect from now on; returns the unsubscribe. */
  subscribe(listener: LiveListener): () => void;
}

/** No ingest: nothing is live. */
export const NO_LIVE: LiveSource = {
  picture: () => [],
  subscribe: () => () => undefined,
};

export class LiveRelay implements LiveSource {
  private readonly listeners = new Set<LiveListener>();
  private current: () => readonly LiveEffect[] = () => [];

  /** Where the picture comes from, once the ingest is running (`() => ingest.live()`). */
  from(picture: () => readonly LiveEffect[]): this {
    this.current = picture;
    return this;
  }

  /** The ingest's `onLive`. */
  readonly push = (effects: readonly Effect[]): void => {
    for (const l of this.listeners) l(effects);
  };

  picture(): readonly LiveEffect[] {
    return this.current();
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
