// A call that crosses from one server to another over a trunk between them
// (IAX2/pbx2 on pbx1, IAX2/pbx1 on pbx2) is one call. The two servers'
// channels share nothing Asterisk knows of, so the halves are joined:
// - exactly, when a configured channel variable on the receiving side
//   carries the sending side's linkedid (`server/linkedid` or just linkedid);
// - otherwise by heuristic: an outgoing trunk channel on one server and an
//   incoming one on the other, towards each other, for the same dialled
//   number and the same caller number, created within the time window.

import type { Ctx } from './context.js';
import { join } from './channels.js';
import { recomputeLegs } from './bridges.js';
import { rootOf, type Channel } from './state.js';

/** The number a relay channel was dialled for (outgoing) or called (incoming). */
function numberOf(ch: Channel): string {
  return ch.dialedBy !== null ? (ch.dialed ?? ch.exten) : ch.firstExten;
}

/** The caller's number as each half sees it. */
function callerOf(ctx: Ctx, ch: Channel): string | null {
  if (ch.dialedBy === null) return ch.callerNum;
  return ctx.channels.get(ch.dialedBy)?.callerNum ?? ch.callerNum;
}

export function tryLink(ctx: Ctx, ch: Channel): void {
  if (ch.relay === null || ch.remote !== null) return;
  ctx.relays.add(ch);
  const outgoing = ch.dialedBy !== null;
  let best: Channel | undefined;
  for (const other of ctx.relays) {
    if (other === ch || other.remote !== null || other.relay === null) continue;
    if (other.server !== ch.relay.server || other.relay.server !== ch.server) continue;
    if ((other.dialedBy !== null) === outgoing) continue;
    if (Math.abs(other.createdAt - ch.createdAt) > ctx.cfg.crossServerWindowMs) continue;
    if (numberOf(other) !== numberOf(ch)) continue;
    const a = callerOf(ctx, other);
    const b = callerOf(ctx, ch);
    if (a !== null && b !== null && a !== b) continue;
    if (!best || Math.abs(other.createdAt - ch.createdAt) < Math.abs(best.createdAt - ch.createdAt))
      best = other;
  }
  if (best) link(ctx, ch, best, true);
}

/** A channel carries the configured linking variable: join it to the call it names. */
export function linkByVariable(ctx: Ctx, ch: Channel, value: string): void {
  const slash = value.lastIndexOf('/');
  const linkedid = slash < 0 ? value : value.slice(slash + 1);
  const servers =
    slash < 0 ? [...ctx.servers].filter((s) => s !== ch.server) : [value.slice(0, slash)];
  for (const server of servers) {
    const call = ctx.byLinkedid.get(`${server}|${linkedid}`);
    if (!call || rootOf(call).done) continue;
    const peer = [...rootOf(call).channels].find(
      (c) => c.relay?.server === ch.server && c.remote === null && c.dialedBy !== null,
    );
    if (peer && ch.relay !== null) link(ctx, ch, peer, false);
    else recomputeLegs(ctx, join(ctx, ch.call, call), ch.createdAt);
    return;
  }
}

function link(ctx: Ctx, a: Channel, b: Channel, heuristic: boolean): void {
  a.remote = b.key;
  b.remote = a.key;
  ctx.relays.delete(a);
  ctx.relays.delete(b);
  const call = join(ctx, a.call, b.call);
  if (heuristic) call.flags.add('linked-by-heuristic');
  recomputeLegs(ctx, call, Math.max(a.createdAt, b.createdAt));
}
