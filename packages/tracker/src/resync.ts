// After a reconnect the collector asks Asterisk for its channels
// (CoreShowChannels). The answer comes through the stream like everything
// else: CoreShowChannel events with the action's ActionID, closed by
// CoreShowChannelsComplete. A channel the tracker still holds for that
// server, created before the list, and not in it, hung up while nobody was
// listening: it is closed now and its call flagged `gap`.
//
// QueueStatus is answered the same way (QueueEntry events, closed by
// QueueStatusComplete): a caller the tracker still has waiting on that
// server who is not in any queue's list left while nobody was listening.
// The visit ends there, and the call is flagged `gap`.

import type { AmiMessage } from '@callboard/ami';
import { channelGone } from './bridges.js';
import type { Ctx } from './context.js';
import { liveQueueWaiting } from './live.js';
import { attemptChannelGone, visitsOf } from './queues.js';
import { rootOf } from './state.js';

/** The list an answer is gathering, by server, ActionID and what it lists. */
function listKey(server: string, m: AmiMessage, what: 'channels' | 'entries'): string {
  return `${server}|${m.get('ActionID') ?? ''}${what === 'entries' ? '|entries' : ''}`;
}

function listOf(ctx: Ctx, key: string): Set<string> {
  let list = ctx.channelLists.get(key);
  if (!list) ctx.channelLists.set(key, (list = new Set()));
  return list;
}

/** Takes the gathered list off (an empty list when nothing was listed). */
function takeList(ctx: Ctx, key: string): Set<string> {
  const list = ctx.channelLists.get(key) ?? new Set<string>();
  ctx.channelLists.delete(key);
  return list;
}

export function coreShowChannel(ctx: Ctx, server: string, m: AmiMessage): void {
  const uniqueid = m.get('Uniqueid');
  if (uniqueid !== undefined) listOf(ctx, listKey(server, m, 'channels')).add(uniqueid);
}

export function coreShowChannelsComplete(
  ctx: Ctx,
  server: string,
  m: AmiMessage,
  at: number,
): void {
  const present = takeList(ctx, listKey(server, m, 'channels'));
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
    for (const visit of visitsOf(ch)) {
      if (visit.leftAt !== null) continue;
      visit.leftAt = at;
      liveQueueWaiting(ctx, ch, visit, at);
    }
    attemptChannelGone(ctx, ch, at);
    channelGone(ctx, ch, at);
  }
}

export function queueEntry(ctx: Ctx, server: string, m: AmiMessage): void {
  const uniqueid = m.get('Uniqueid');
  if (uniqueid !== undefined)
    listOf(ctx, listKey(server, m, 'entries')).add(`${m.get('Queue') ?? ''}|${uniqueid}`);
}

export function queueStatusComplete(ctx: Ctx, server: string, m: AmiMessage, at: number): void {
  const waiting = takeList(ctx, listKey(server, m, 'entries'));
  for (const call of new Set([...ctx.calls].map(rootOf))) {
    if (call.done) continue;
    for (const visit of call.visits) {
      if (visit.server !== server || visit.leftAt !== null || visit.joinedAt > at) continue;
      if (waiting.has(`${visit.queue}|${visit.callerUniqueid}`)) continue;
      visit.leftAt = at;
      call.flags.add('gap');
      const caller = ctx.channels.get(visit.callerKey);
      if (caller) liveQueueWaiting(ctx, caller, visit, at);
    }
  }
}
