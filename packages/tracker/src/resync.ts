// After a reconnect the collector asks Asterisk for its channels
// (CoreShowChannels). The answer comes through the stream like everything
// else: CoreShowChannel events with the action's ActionID, closed by
// CoreShowChannelsComplete. A channel the tracker still holds for that
// server, created before the list, and not in it, hung up while nobody was
// listening: it is closed now and its call flagged `gap`.

import type { AmiMessage } from '@callboard/ami';
import { channelGone } from './bridges.js';
import type { Ctx } from './context.js';
import { attemptChannelGone } from './queues.js';
import { rootOf } from './state.js';

function listOf(ctx: Ctx, server: string, m: AmiMessage): Set<string> {
  const key = `${server}|${m.get('ActionID') ?? ''}`;
  let list = ctx.channelLists.get(key);
  if (!list) ctx.channelLists.set(key, (list = new Set()));
  return list;
}

export function coreShowChannel(ctx: Ctx, server: string, m: AmiMessage): void {
  const uniqueid = m.get('Uniqueid');
  if (uniqueid !== undefined) listOf(ctx, server, m).add(uniqueid);
}

export function coreShowChannelsComplete(
  ctx: Ctx,
  server: string,
  m: AmiMessage,
  at: number,
): void {
  const present = listOf(ctx, server, m);
  ctx.channelLists.delete(`${server}|${m.get('ActionID') ?? ''}`);
  const byUid = ctx.byUniqueid.get(server);
  if (!byUid) return;
  for (const ch of [...byUid.values()]) {
    if (ch.hungupAt !== null || ch.createdAt > at || present.has(ch.uniqueid)) continue;
    ch.hungupAt = at;
    ctx.byName.delete(`${ch.server}|${ch.name}`);
    const call = rootOf(ch.call);
    call.flags.add('gap');
    call.open = Math.max(0, call.open - 1);
    if (call.open === 0) {
      call.quietSince = at;
      ctx.quiet.add(call);
    }
    attemptChannelGone(ctx, ch, at);
    channelGone(ctx, ch, at);
  }
}
