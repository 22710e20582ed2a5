// Blind and attended transfers. A transfer made by the operator who answered
// a queue call ends that visit's conversation. With Local-channel members the
// operator's phone is bridged with the Local `;2` half, not with the caller,
// so the transferer is matched to the visit by operator and by the Local
// pair, not by channel.

import type { AmiMessage } from '@callboard/ami';
import type { Ctx } from './context.js';
import { findChannel, join } from './channels.js';
import { recomputeLegs } from './bridges.js';
import { isEndpoint, rootOf, type Channel, type VisitState } from './state.js';

export function blindTransfer(ctx: Ctx, server: string, m: AmiMessage, at: number): void {
  if ((m.get('Result') ?? 'Success') !== 'Success') return;
  const transferer = findChannel(ctx, server, m, 'Transferer');
  const transferee = findChannel(ctx, server, m, 'Transferee');
  if (transferer && transferee) join(ctx, transferer.call, transferee.call);
  const party = transferer ?? transferee;
  if (!party) return;
  rootOf(party.call).transfers.push({
    kind: 'blind',
    at,
    byKey: transferer?.key ?? null,
    extension: m.get('Extension') ?? null,
    context: m.get('Context') ?? null,
    targetKey: null,
  });
  if (transferer) endVisitsOf(ctx, transferer, 'blind', at);
}

export function attendedTransfer(ctx: Ctx, server: string, m: AmiMessage, at: number): void {
  if ((m.get('Result') ?? 'Success') !== 'Success') return;
  const parts = ['OrigTransferer', 'SecondTransferer', 'Transferee', 'TransferTarget']
    .map((p) => findChannel(ctx, server, m, p))
    .filter((c): c is Channel => c !== undefined);
  const first = parts[0];
  if (!first) return;
  let call = rootOf(first.call);
  for (const c of parts) call = join(ctx, call, c.call);
  const by = findChannel(ctx, server, m, 'OrigTransferer');
  const second = findChannel(ctx, server, m, 'SecondTransferer');
  const transferee = findChannel(ctx, server, m, 'Transferee');
  const target = findChannel(ctx, server, m, 'TransferTarget');
  const reached = transferee
    ? reachedFrom(ctx, transferee, new Set([by?.key, second?.key]))
    : undefined;
  call.transfers.push({
    kind: 'attended',
    at,
    byKey: by?.key ?? null,
    extension: target?.exten ?? reached?.callerNum ?? null,
    context: target?.context ?? null,
    targetKey: reached?.key ?? target?.key ?? null,
  });
  if (by) endVisitsOf(ctx, by, 'attended', at);
  if (second && second !== by) endVisitsOf(ctx, second, 'attended', at);
  recomputeLegs(ctx, call, at);
}

/**
 * The endpoint a transferee is connected to across its bridge (not back
 * through its own Local partner): whom the transfer put it through to.
 */
function reachedFrom(
  ctx: Ctx,
  transferee: Channel,
  exclude: ReadonlySet<string | undefined>,
): Channel | undefined {
  const seen = new Set<string>([transferee.key]);
  const stack: Channel[] = [];
  const pushBridge = (ch: Channel): void => {
    for (const k of ch.bridge === null ? [] : (ctx.bridges.get(ch.bridge) ?? [])) {
      const o = ctx.channels.get(k);
      if (o && !seen.has(k)) {
        seen.add(k);
        stack.push(o);
      }
    }
  };
  pushBridge(transferee);
  while (stack.length > 0) {
    const ch = stack.pop() as Channel;
    if (isEndpoint(ch)) {
      if (!exclude.has(ch.key) && ch.hungupAt === null) return ch;
      continue;
    }
    for (const k of [ch.partner, ch.remote]) {
      const o = k === null ? undefined : ctx.channels.get(k);
      if (o && !seen.has(o.key)) {
        seen.add(o.key);
        pushBridge(o);
        stack.push(o);
      }
    }
  }
  return undefined;
}

/** Visits answered on the transferer's side end their conversation at the transfer. */
function endVisitsOf(ctx: Ctx, transferer: Channel, kind: 'blind' | 'attended', at: number): void {
  const station = ctx.cfg.stationOf(transferer.server);
  const operator = ctx.directory.operatorOf(station, transferer.device)?.key;
  for (const visit of rootOf(transferer.call).visits) {
    if (visit.connectedAt === null || visit.talkEndedAt !== null) continue;
    if (visit.completedAt !== null && visit.completedAt < at - 1000) continue;
    if (!onMemberSide(ctx, visit, transferer, operator)) continue;
    visit.talkEndedAt = at;
    visit.transfer = kind;
  }
}

function onMemberSide(
  ctx: Ctx,
  visit: VisitState,
  ch: Channel,
  operator: string | undefined,
): boolean {
  if (visit.memberKey === ch.key) return true;
  if (operator !== undefined && visit.answeredBy?.operator === operator) return true;
  // A Local member: the phone is bridged with the `;2` half of the member's pair.
  const member = visit.memberKey === null ? undefined : ctx.channels.get(visit.memberKey);
  const two =
    member?.partner === null || member === undefined ? undefined : ctx.channels.get(member.partner);
  return (
    two !== undefined && two.bridge !== null && (ctx.bridges.get(two.bridge)?.has(ch.key) ?? false)
  );
}
