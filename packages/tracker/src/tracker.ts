// The tracker: AMI messages of one or more servers in, effects out. A pure
// state machine: time comes from the events' Timestamp (or, for the few
// messages without one, the last event time of the server, else the receive
// time the edge stamped). Nothing here reads a clock, a socket or a file.

import type { AmiMessage } from '@callboard/ami';
import { livePicture, liveQueueWaiting } from './live.js';
import { buildRecord } from './build.js';
import { resolveConfig, type TrackerConfig } from './config.js';
import type { Ctx } from './context.js';
import { Directory } from './directory.js';
import { HANDLERS } from './dispatch.js';
import type { Effect, LiveEffect } from './effects.js';
import { OperatorStates } from './operator-state.js';
import { restoreSnapshot, takeSnapshot, type TrackerSnapshot } from './snapshot.js';
import { rootOf, type Call } from './state.js';
import { timestampMs } from './time.js';

export interface TrackerInput {
  /** The server (AMI connection) the message came from. */
  readonly server: string;
  readonly message: AmiMessage;
  /** When the edge received it, ms since the epoch (used only for messages without a Timestamp). */
  readonly receivedAt: number;
}

const NO_EFFECTS: readonly Effect[] = Object.freeze([]);
/** How often (in event time) quiet calls are looked at, and all calls checked for gaps. */
const SWEEP_MS = 250;
const REAP_SCAN_MS = 60_000;

export class Tracker {
  private readonly ctx: Ctx;
  private readonly lastTime = new Map<string, number>();
  private nextSweep = 0;
  private nextReapScan = 0;

  constructor(config: TrackerConfig = {}) {
    const cfg = resolveConfig(config);
    const out: Effect[] = [];
    this.ctx = {
      cfg,
      directory: new Directory(cfg),
      operators: new OperatorStates(out, cfg.live),
      channels: new Map(),
      byUniqueid: new Map(),
      byName: new Map(),
      byLinkedid: new Map(),
      bridges: new Map(),
      calls: new Set(),
      quiet: new Set(),
      channelLists: new Map(),
      relays: new Set(),
      servers: new Set(cfg.servers),
      seq: 0,
      now: 0,
      out,
    };
  }

  /**
   * The in-flight state as plain, JSON-safe data: a checkpoint. A tracker
   * restored from it and fed the messages that followed produces exactly
   * what this one would have.
   */
  snapshot(): TrackerSnapshot {
    return takeSnapshot(this.ctx, {
      lastTime: [...this.lastTime.entries()],
      nextSweep: this.nextSweep,
      nextReapScan: this.nextReapScan,
    });
  }

  /** A tracker carrying on from a snapshot (with the configuration it was taken under). */
  static restore(config: TrackerConfig, snapshot: TrackerSnapshot): Tracker {
    const tracker = new Tracker(config);
    restoreSnapshot(tracker.ctx, snapshot);
    for (const [server, at] of snapshot.lastTime) tracker.lastTime.set(server, at);
    tracker.nextSweep = snapshot.nextSweep;
    tracker.nextReapScan = snapshot.nextReapScan;
    return tracker;
  }

  /**
   * What is live now (operators' states, callers waiting, calls in
   * progress) as the live effects that build it from nothing: where a live
   * view starts before it follows the effects `push` returns.
   */
  live(): LiveEffect[] {
    return livePicture(this.ctx);
  }

  /** The latest event time seen (ms). */
  get now(): number {
    return this.ctx.now;
  }

  /** Calls in flight. */
  get inFlight(): number {
    return this.ctx.calls.size;
  }

  /** Channels in memory. */
  get channelCount(): number {
    return this.ctx.channels.size;
  }

  /** One message; returns what it caused. */
  push(input: TrackerInput): readonly Effect[] {
    const { server, message: m } = input;
    const ctx = this.ctx;
    ctx.servers.add(server);
    const stamp = timestampMs(m.getNumber('Timestamp'));
    const at = stamp ?? this.lastTime.get(server) ?? input.receivedAt;
    if (stamp !== null) this.lastTime.set(server, stamp);
    if (at > ctx.now) ctx.now = at;
    if (m.kind === 'event') HANDLERS.get(m.name)?.(ctx, server, m, at);
    if (ctx.now >= this.nextSweep) this.sweep(ctx.now);
    return this.drain();
  }

  /** Time passed with no message (the edge's clock, mapped to event time): finish quiet calls. */
  advance(now: number): readonly Effect[] {
    if (now > this.ctx.now) this.ctx.now = now;
    this.sweep(this.ctx.now);
    return this.drain();
  }

  /** The stream is over: every call still in memory is finished and every interval closed. */
  end(): readonly Effect[] {
    const ctx = this.ctx;
    for (const call of [...ctx.calls]) {
      if (call.open > 0) call.flags.add('unfinished');
      this.finish(call);
    }
    ctx.operators.end(ctx.now);
    return this.drain();
  }

  private drain(): readonly Effect[] {
    const out = this.ctx.out;
    if (out.length === 0) return NO_EFFECTS;
    const effects = out.slice();
    out.length = 0;
    return effects;
  }

  private sweep(now: number): void {
    const ctx = this.ctx;
    this.nextSweep = now + SWEEP_MS;
    ctx.operators.advance(now);
    for (const call of [...ctx.quiet]) {
      const root = rootOf(call);
      if (root !== call || root.done || root.open > 0) {
        ctx.quiet.delete(call);
        continue;
      }
      if (root.quietSince !== null && now - root.quietSince >= ctx.cfg.graceMs) this.finish(root);
    }
    if (now < this.nextReapScan) return;
    this.nextReapScan = now + REAP_SCAN_MS;
    for (const call of [...ctx.calls]) {
      if (call.parent !== null || call.done) {
        ctx.calls.delete(call);
      } else if (now - call.lastEventAt >= ctx.cfg.reapAfterMs) {
        call.flags.add('gap');
        this.finish(call);
      }
    }
  }

  private finish(call: Call): void {
    const ctx = this.ctx;
    const root = rootOf(call);
    if (root.done) return;
    const record = buildRecord(ctx, root);
    // A waiting list the wallboard shows never keeps a caller of a finished call.
    for (const visit of root.visits) {
      const caller = ctx.channels.get(visit.callerKey);
      if (visit.leftAt === null && caller)
        liveQueueWaiting(ctx, caller, visit, caller.hungupAt ?? Date.parse(record.endedAt));
    }
    ctx.out.push({ kind: 'call-finished', record });
    root.done = true;
    ctx.calls.delete(root);
    ctx.quiet.delete(root);
    for (const ch of root.channels) {
      ctx.channels.delete(ch.key);
      ctx.byUniqueid.get(ch.server)?.delete(ch.uniqueid);
      ctx.relays.delete(ch);
      if (ctx.byName.get(`${ch.server}|${ch.name}`) === ch)
        ctx.byName.delete(`${ch.server}|${ch.name}`);
      for (const l of ch.linkedids) {
        const key = `${ch.server}|${l}`;
        const c = ctx.byLinkedid.get(key);
        if (c !== undefined && rootOf(c) === root) ctx.byLinkedid.delete(key);
      }
      if (ch.bridge !== null) {
        const members = ctx.bridges.get(ch.bridge);
        members?.delete(ch.key);
        if (members?.size === 0) ctx.bridges.delete(ch.bridge);
      }
    }
  }
}
