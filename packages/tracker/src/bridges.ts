// Bridges and legs. Two parties talk when their channels are joined by
// bridges, possibly through Local channel pairs (`;1` in one bridge, `;2` in
// another) and through linked inter-server trunks. After every change to a
// call's topology its connected groups are worked out again, and legs open
// and close to match.

import type { AmiMessage } from '@callboard/ami';
import type { Ctx } from './context.js';
import { join, updateSnapshot } from './channels.js';
import { liveCall } from './live.js';
import { isEndpoint, rootOf, type Call, type Channel } from './state.js';

const bridgeKey = (server: string, id: string): string => `${server}|${id}`;

export function bridgeEnter(ctx: Ctx, ch: Channel, m: AmiMessage, at: number): void {
  const id = m.get('BridgeUniqueid');
  if (id === undefined) return;
  updateSnapshot(ctx, ch, m, at);
  leaveBridge(ctx, ch);
  const key = bridgeKey(ch.server, id);
  let members = ctx.bridges.get(key);
  if (!members) {
    members = new Set();
    ctx.bridges.set(key, members);
  }
  // Entering a basic bridge joins the calls (Asterisk gives every channel in
  // it the oldest linkedid); holding and other bridges do not.
  const type = m.get('BridgeType') ?? 'basic';
  if (type === 'basic') {
    for (const other of members) {
      const o = ctx.channels.get(other);
      if (o) join(ctx, ch.call, o.call);
    }
  }
  members.add(ch.key);
  ch.bridge = key;
  recomputeLegs(ctx, rootOf(ch.call), at);
}

export function bridgeLeave(ctx: Ctx, ch: Channel, m: AmiMessage, at: number): void {
  updateSnapshot(ctx, ch, m, at);
  leaveBridge(ctx, ch);
  recomputeLegs(ctx, rootOf(ch.call), at);
}

export function bridgeDestroy(ctx: Ctx, server: string, m: AmiMessage): void {
  const id = m.get('BridgeUniqueid');
  if (id !== undefined) ctx.bridges.delete(bridgeKey(server, id));
}

function leaveBridge(ctx: Ctx, ch: Channel): void {
  if (ch.bridge === null) return;
  ctx.bridges.get(ch.bridge)?.delete(ch.key);
  ch.bridge = null;
}

/** A channel left the picture (hung up): its legs close. */
export function channelGone(ctx: Ctx, ch: Channel, at: number): void {
  leaveBridge(ctx, ch);
  recomputeLegs(ctx, rootOf(ch.call), at);
}

/**
 * The endpoints each endpoint of the call is connected to right now: a walk
 * over bridges and relay links (Local partners, linked inter-server trunks).
 */
export function connectedGroups(ctx: Ctx, call: Call): Channel[][] {
  const seen = new Set<string>();
  const groups: Channel[][] = [];
  for (const start of call.channels) {
    if (start.hungupAt !== null || seen.has(start.key)) continue;
    const group: Channel[] = [];
    const stack = [start];
    seen.add(start.key);
    while (stack.length > 0) {
      const ch = stack.pop();
      if (!ch) break;
      if (isEndpoint(ch)) group.push(ch);
      const next: (string | null)[] = [ch.partner, ch.remote];
      if (ch.bridge !== null) next.push(...(ctx.bridges.get(ch.bridge) ?? []));
      for (const k of next) {
        if (k === null || seen.has(k)) continue;
        const o = ctx.channels.get(k);
        if (!o || o.hungupAt !== null) continue;
        // A relay only carries the conversation when it is itself bridged or linked.
        seen.add(k);
        stack.push(o);
      }
    }
    if (group.length > 0) groups.push(group);
  }
  return groups;
}

/** Opens and closes the call's legs to match who is connected to whom now. */
export function recomputeLegs(ctx: Ctx, call: Call, at: number): void {
  const now = new Set<string>();
  let opened = false;
  for (const group of connectedGroups(ctx, call)) {
    // Only channels actually in a bridge (or linked) talk; a lone channel in
    // the dialplan is in a group by itself and forms no leg.
    const talking = group.filter((c) => c.bridge !== null);
    for (let i = 0; i < talking.length; i++) {
      for (let j = i + 1; j < talking.length; j++) {
        const a = talking[i] as Channel;
        const b = talking[j] as Channel;
        const [x, y] =
          a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.key < b.key)
            ? [a, b]
            : [b, a];
        const key = `${x.key}~${y.key}`;
        now.add(key);
        if (!call.openLegs.has(key)) {
          call.openLegs.set(key, { a: x.key, b: y.key, from: at });
          opened = true;
        }
      }
    }
  }
  let changed = opened;
  for (const [key, leg] of call.openLegs) {
    if (now.has(key)) continue;
    call.openLegs.delete(key);
    call.closedLegs.push({ ...leg, to: at });
    changed = true;
  }
  if (changed) liveCall(ctx, call);
}

/** Joins the call of every channel in a bridge merge (BridgeMerge moves all of one bridge into another). */
export function bridgeMerge(ctx: Ctx, server: string, m: AmiMessage, at: number): void {
  const to = m.get('ToBridgeUniqueid');
  const from = m.get('FromBridgeUniqueid');
  if (to === undefined || from === undefined) return;
  const target = ctx.bridges.get(bridgeKey(server, to));
  const source = ctx.bridges.get(bridgeKey(server, from));
  if (!target || !source) return;
  let call: Call | undefined;
  for (const k of [...target, ...source]) {
    const ch = ctx.channels.get(k);
    if (!ch) continue;
    call = call ? join(ctx, call, ch.call) : rootOf(ch.call);
  }
  if (call) recomputeLegs(ctx, rootOf(call), at);
}
