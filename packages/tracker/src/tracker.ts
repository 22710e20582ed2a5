// The tracker: AMI messages of one or more servers in, effects out. A pure
// state machine: time comes from the events' Timestamp (or, for the few
// messages without one, the last event time of the server, else the receive
// time the edge stamped). Nothing here reads a clock, a socket or a file.

import { unescapeC, type AmiMessage } from '@callboard/ami';
import { buildRecord } from './build.js';
import {
  bridgeDestroy,
  bridgeEnter,
  bridgeLeave,
  bridgeMerge,
  channelGone,
  recomputeLegs,
} from './bridges.js';
import {
  addDialplanStep,
  createChannel,
  findChannel,
  hangup,
  join,
  storeVariable,
  updateSnapshot,
} from './channels.js';
import { resolveConfig, type TrackerConfig } from './config.js';
import type { Ctx } from './context.js';
import { Directory } from './directory.js';
import type { Effect } from './effects.js';
import { linkByVariable, tryLink } from './linking.js';
import { deviceChanged, memberRemoved, memberSeen } from './members.js';
import { OperatorStates } from './operator-state.js';
import {
  agentCalled,
  agentComplete,
  agentConnect,
  agentDump,
  agentRingNoAnswer,
  attemptChannelGone,
  callerAbandon,
  callerJoin,
  callerLeave,
  dialEnd,
  queueStatus,
  visitsOf,
} from './queues.js';
import { rootOf, type Call } from './state.js';
import { parseTimestamp } from './time.js';
import { attendedTransfer, blindTransfer } from './transfers.js';

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
      byName: new Map(),
      byLinkedid: new Map(),
      bridges: new Map(),
      calls: new Set(),
      relays: new Set(),
      servers: new Set(cfg.servers),
      seq: 0,
      now: 0,
      out,
    };
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
    const stamp = parseTimestamp(m.get('Timestamp'));
    const at = stamp ?? this.lastTime.get(server) ?? input.receivedAt;
    if (stamp !== null) this.lastTime.set(server, stamp);
    if (at > ctx.now) ctx.now = at;
    if (m.kind === 'event') this.event(server, m, at);
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

  private event(server: string, m: AmiMessage, at: number): void {
    const ctx = this.ctx;
    switch (m.name) {
      case 'Newchannel': {
        const ch = createChannel(ctx, server, m, at);
        if (ch?.relay) tryLink(ctx, ch);
        return;
      }
      case 'Hangup': {
        const ch = findChannel(ctx, server, m);
        if (!ch) return;
        hangup(ctx, ch, m, at);
        attemptChannelGone(ctx, ch, at);
        channelGone(ctx, ch, at);
        return;
      }
      case 'Newstate':
      case 'NewCallerid':
      case 'NewConnectedLine':
      case 'NewAccountCode': {
        const ch = findChannel(ctx, server, m);
        if (ch) updateSnapshot(ctx, ch, m, at);
        return;
      }
      case 'Newexten': {
        const ch = findChannel(ctx, server, m);
        if (!ch) return;
        updateSnapshot(ctx, ch, m, at);
        addDialplanStep(
          ch,
          m.get('Context') ?? ch.context,
          m.get('Exten') ?? m.get('Extension') ?? ch.exten,
          m.get('Application'),
          at,
        );
        return;
      }
      case 'Rename': {
        const ch = findChannel(ctx, server, m);
        const to = m.get('Newname');
        if (!ch || to === undefined) return;
        ctx.byName.delete(`${server}|${ch.name}`);
        ch.name = to;
        ctx.byName.set(`${server}|${to}`, ch);
        return;
      }
      case 'VarSet':
        return this.varSet(server, m);
      case 'DialBegin': {
        const caller = findChannel(ctx, server, m);
        const dest = findChannel(ctx, server, m, 'Dest');
        if (!dest) return;
        updateSnapshot(ctx, dest, m, at, 'Dest');
        const dialString = m.get('DialString') ?? '';
        const number = dialString.slice(dialString.lastIndexOf('/') + 1);
        if (caller) {
          join(ctx, caller.call, dest.call);
          dest.dialedBy = caller.key;
          caller.dialed ??= number || null;
        }
        dest.dialed = number || dest.dialed;
        if (dest.relay) tryLink(ctx, dest);
        return;
      }
      case 'DialEnd':
        return dialEnd(ctx, server, m, at);
      case 'BridgeEnter': {
        const ch = findChannel(ctx, server, m);
        if (ch) bridgeEnter(ctx, ch, m, at);
        return;
      }
      case 'BridgeLeave': {
        const ch = findChannel(ctx, server, m);
        if (ch) bridgeLeave(ctx, ch, m, at);
        return;
      }
      case 'BridgeMerge':
        return bridgeMerge(ctx, server, m, at);
      case 'BridgeDestroy':
        return bridgeDestroy(ctx, server, m);
      case 'LocalBridge': {
        const one = findChannel(ctx, server, m, 'LocalOne');
        const two = findChannel(ctx, server, m, 'LocalTwo');
        if (!one || !two) return;
        one.partner = two.key;
        two.partner = one.key;
        recomputeLegs(ctx, join(ctx, one.call, two.call), at);
        return;
      }
      case 'Pickup': {
        const ch = findChannel(ctx, server, m);
        const target = findChannel(ctx, server, m, 'Target');
        if (ch && target) join(ctx, ch.call, target.call);
        return;
      }
      case 'QueueCallerJoin': {
        const ch = findChannel(ctx, server, m);
        if (ch) callerJoin(ctx, ch, m, at);
        return;
      }
      case 'QueueCallerLeave': {
        const ch = findChannel(ctx, server, m);
        if (ch) callerLeave(ctx, ch, m, at);
        return;
      }
      case 'QueueCallerAbandon': {
        const ch = findChannel(ctx, server, m);
        if (ch) callerAbandon(ch, m, at);
        return;
      }
      case 'AgentCalled':
        return agentCalled(ctx, server, m, at);
      case 'AgentRingNoAnswer':
        return agentRingNoAnswer(ctx, server, m, at);
      case 'AgentConnect':
        return agentConnect(ctx, server, m, at);
      case 'AgentComplete':
        agentComplete(ctx, server, m, at);
        return this.wrapUp(server, m, at);
      case 'AgentDump':
        return agentDump(ctx, server, m, at);
      case 'BlindTransfer':
        return blindTransfer(ctx, server, m, at);
      case 'AttendedTransfer':
        return attendedTransfer(ctx, server, m, at);
      case 'DTMFEnd': {
        const ch = findChannel(ctx, server, m);
        if (ch) for (const v of visitsOf(ch)) if (v.leftAt === null) v.dtmf = true;
        return;
      }
      case 'QueueMember':
      case 'QueueMemberAdded':
      case 'QueueMemberStatus':
      case 'QueueMemberPause':
      case 'QueueMemberPenalty':
      case 'QueueMemberRinginuse':
        return memberSeen(ctx, server, m, at);
      case 'QueueMemberRemoved':
        return memberRemoved(ctx, server, m, at);
      case 'DeviceStateChange':
        return deviceChanged(ctx, server, m, at);
      default:
        return;
    }
  }

  private varSet(server: string, m: AmiMessage): void {
    const ctx = this.ctx;
    const ch = findChannel(ctx, server, m);
    const name = m.get('Variable');
    if (!ch || name === undefined) return;
    const value = m.get('Value') ?? '';
    storeVariable(ctx, ch, name, unescapeValue(value));
    if (name === 'QUEUESTATUS') queueStatus(ch, value);
    if (
      ctx.cfg.crossServerVariable !== null &&
      name === ctx.cfg.crossServerVariable &&
      value !== ''
    ) {
      linkByVariable(ctx, ch, value);
    }
  }

  private wrapUp(server: string, m: AmiMessage, at: number): void {
    const ctx = this.ctx;
    const queue = m.get('Queue') ?? '';
    const wrap = ctx.cfg.wrapUpMs(queue);
    const iface = m.get('Interface');
    if (wrap <= 0 || iface === undefined) return;
    const station = ctx.cfg.stationOf(server);
    const op = ctx.directory.learnMember(station, iface, m.get('MemberName') ?? null, null);
    ctx.operators.wrapUp(station, op.key, at + wrap, at);
  }

  private sweep(now: number): void {
    const ctx = this.ctx;
    this.nextSweep = now + SWEEP_MS;
    ctx.operators.advance(now);
    const scanAll = now >= this.nextReapScan;
    if (scanAll) this.nextReapScan = now + REAP_SCAN_MS;
    for (const call of [...ctx.calls]) {
      if (call.parent !== null || call.done) {
        ctx.calls.delete(call);
        continue;
      }
      if (call.open === 0 && call.quietSince !== null && now - call.quietSince >= ctx.cfg.graceMs) {
        this.finish(call);
      } else if (scanAll && now - call.lastEventAt >= ctx.cfg.reapAfterMs) {
        call.flags.add('gap');
        this.finish(call);
      }
    }
  }

  private finish(call: Call): void {
    const ctx = this.ctx;
    const root = rootOf(call);
    if (root.done) return;
    ctx.out.push({ kind: 'call-finished', record: buildRecord(ctx, root) });
    root.done = true;
    ctx.calls.delete(root);
    for (const ch of root.channels) {
      ctx.channels.delete(ch.key);
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

/** VarSet values are C-escaped by Asterisk (main/stasis_channels.c varset_to_ami). */
function unescapeValue(value: string): string {
  return value.includes('\\') ? unescapeC(value) : value;
}
