// Turning a finished call's state into its record.

import type { Ctx } from './context.js';
import { closeAttempts } from './queues.js';
import type {
  Attempt,
  CallOutcome,
  CallRecord,
  ChannelAttrs,
  Direction,
  Leg,
  Party,
  QueueVisit,
  Transfer,
  VisitOutcome,
} from './record.js';
import { CALL_RECORD_VERSION } from './record.js';
import { isEndpoint, type Call, type Channel, type ClosedLeg, type VisitState } from './state.js';
import { iso } from './time.js';

export function isTrunk(ctx: Ctx, ch: Channel): boolean {
  if (ch.local) return false;
  if (ch.relay !== null) return true;
  if (ctx.cfg.trunks.some((re) => re.test(ch.device))) return true;
  return ctx.cfg.trunkContexts.some((re) => re.test(ch.firstContext));
}

export function partyOf(ctx: Ctx, ch: Channel): Party {
  const station = ctx.cfg.stationOf(ch.server);
  const base = { server: ch.server, channel: ch.name, uniqueid: ch.uniqueid };
  const op = ctx.directory.operatorOf(station, ch.device);
  if (op)
    return {
      kind: 'operator',
      operator: op.key,
      name: op.name ?? ch.callerName,
      number: ch.callerNum,
      ...base,
    };
  if (isTrunk(ctx, ch)) {
    if (ch.dialedBy === null)
      return {
        kind: 'external',
        operator: null,
        name: ch.callerName,
        number: ch.callerNum,
        ...base,
      };
    // Dialled out: the number is what was dialled; a name only if the far end sent one for that number.
    const number = ch.dialed ?? ch.exten;
    return {
      kind: 'external',
      operator: null,
      name: ch.callerNum === number ? ch.callerName : null,
      number,
      ...base,
    };
  }
  return { kind: 'extension', operator: null, name: ch.callerName, number: ch.callerNum, ...base };
}

/** The channel the call began with, on the side where it began (not behind an incoming inter-server trunk). */
function originOf(channels: readonly Channel[]): Channel {
  const downstream = new Set(
    channels
      .filter((c) => c.relay !== null && c.dialedBy === null && c.remote !== null)
      .map((c) => `${c.server}|${c.linkedids[0]}`),
  );
  const upstream = channels.filter((c) => !downstream.has(`${c.server}|${c.linkedids[0]}`));
  const pool = upstream.length > 0 ? upstream : channels;
  return pool.find(isEndpoint) ?? (pool[0] as Channel);
}

export function buildRecord(ctx: Ctx, call: Call): CallRecord {
  const channels = [...call.channels].sort(
    (a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : 1),
  );
  const origin = originOf(channels);
  const endedAt = Math.max(...channels.map((c) => c.hungupAt ?? call.lastEventAt));
  for (const leg of call.openLegs.values()) call.closedLegs.push({ ...leg, to: endedAt });
  call.openLegs.clear();
  const party = (key: string | null): Party | null => {
    const ch = key === null ? undefined : ctx.channels.get(key);
    return ch ? partyOf(ctx, ch) : null;
  };
  const legs = joinGaps(call.closedLegs.filter((l) => l.to > l.from)).map((l): Leg => ({
    a: party(l.a) as Party,
    b: party(l.b) as Party,
    from: iso(l.from),
    to: iso(l.to),
  }));
  const first = call.closedLegs
    .filter((l) => l.a === origin.key || l.b === origin.key)
    .sort((a, b) => a.from - b.from)[0];
  const outTrunk = channels.find((c) => c.dialedBy !== null && isTrunk(ctx, c) && c.relay === null);
  const direction: Direction = isTrunk(ctx, origin)
    ? 'inbound'
    : outTrunk
      ? 'outbound'
      : 'internal';
  const visits = call.visits
    .slice()
    .sort((a, b) => a.joinedAt - b.joinedAt)
    .map((v) => visitRecord(ctx, v, endedAt));
  const answeredAt = first ? first.from : null;
  const station = ctx.cfg.stationOf(origin.server);
  const toNumber =
    origin.firstExten === 's' || origin.firstExten === ''
      ? (origin.dialed ?? null)
      : origin.firstExten;
  const flags = new Set(call.flags);
  if (toNumber !== null && ctx.cfg.serviceExtensions.some((re) => re.test(toNumber)))
    flags.add('service');
  return {
    version: CALL_RECORD_VERSION,
    id: `${station}/${origin.server}/${origin.linkedids[0] ?? origin.uniqueid}`,
    station,
    servers: [...new Set(channels.map((c) => c.server))],
    linkedids: [...new Set(channels.flatMap((c) => c.linkedids.map((l) => `${c.server}/${l}`)))],
    direction,
    from: {
      number: origin.firstCallerNum,
      name: origin.firstCallerName,
      operator: operatorOf(ctx, origin),
    },
    to: { number: toNumber, operator: calledOperator(ctx, call, channels, origin, direction) },
    trunk:
      direction === 'inbound'
        ? origin.device
        : direction === 'outbound' && outTrunk
          ? outTrunk.device
          : null,
    startedAt: iso(origin.createdAt),
    answeredAt: answeredAt === null ? null : iso(answeredAt),
    pbxAnsweredAt: origin.upAt === null ? null : iso(origin.upAt),
    endedAt: iso(endedAt),
    outcome:
      answeredAt !== null
        ? 'answered'
        : unansweredOutcome(ctx, direction, channels, origin, visits),
    answeredBy: first ? party(first.a === origin.key ? first.b : first.a) : null,
    legs,
    queueVisits: visits,
    transfers: call.transfers
      .slice()
      .sort((a, b) => a.at - b.at)
      .map((t): Transfer => {
        const target =
          t.targetKey ??
          (t.kind === 'blind' ? reachedAfter(call.closedLegs, origin, t.at, t.byKey) : null);
        return {
          kind: t.kind,
          at: iso(t.at),
          by: party(t.byKey),
          to: { number: t.extension, context: t.context, party: party(target) },
        };
      }),
    flags: [...flags].sort(),
    attrs: { channels: channels.map(channelAttrs) },
  };
}

/**
 * Legs of the same two channels with a moment between them are one leg: a
 * Local pair optimised away moves the phone from one bridge to another, and
 * for a few milliseconds the two are not joined.
 */
function joinGaps(legs: readonly ClosedLeg[]): ClosedLeg[] {
  const sorted = [...legs].sort((a, b) => a.from - b.from || a.to - b.to);
  const out: ClosedLeg[] = [];
  for (const leg of sorted) {
    const i = out.findIndex(
      (o) => o.a === leg.a && o.b === leg.b && leg.from - o.to <= LEG_GAP_MS && leg.from >= o.from,
    );
    const prev = out[i];
    if (prev) out[i] = { ...prev, to: Math.max(prev.to, leg.to) };
    else out.push(leg);
  }
  return out;
}

const LEG_GAP_MS = 500;

function operatorOf(ctx: Ctx, ch: Channel): string | null {
  return ctx.directory.operatorOf(ctx.cfg.stationOf(ch.server), ch.device)?.key ?? null;
}

/** An internal or inbound call dialled straight to an operator's phone (not rung by a queue). */
function calledOperator(
  ctx: Ctx,
  call: Call,
  channels: readonly Channel[],
  origin: Channel,
  direction: Direction,
): string | null {
  if (direction === 'outbound') return null;
  // The first thing the caller's channel dialled, if nothing (a queue, a transfer) came before it.
  const first = channels.find((c) => c.dialedBy === origin.key && !c.local && c.relay === null);
  if (!first) return null;
  const rung = call.visits.some(
    (v) => v.joinedAt <= first.createdAt || v.attempts.some((a) => a.destKey === first.key),
  );
  if (rung || call.transfers.some((t) => t.at <= first.createdAt)) return null;
  return operatorOf(ctx, first);
}

/** Whom the caller talked to first after a blind transfer. */
function reachedAfter(
  legs: readonly ClosedLeg[],
  origin: Channel,
  at: number,
  by: string | null,
): string | null {
  const next = legs
    .filter((l) => l.from >= at && (l.a === origin.key || l.b === origin.key))
    .sort((a, b) => a.from - b.from)
    .find((l) => l.a !== by && l.b !== by);
  if (!next) return null;
  return next.a === origin.key ? next.b : next.a;
}

function unansweredOutcome(
  ctx: Ctx,
  direction: Direction,
  channels: readonly Channel[],
  origin: Channel,
  visits: readonly QueueVisit[],
): CallOutcome {
  const last = visits[visits.length - 1];
  if (last) {
    const map: Partial<Record<VisitOutcome, CallOutcome>> = {
      abandoned: 'abandoned',
      timeout: 'timeout',
      'exit-empty': 'exit-empty',
      'exit-key': 'exit-key',
      withdraw: 'withdraw',
    };
    return map[last.outcome] ?? 'unanswered';
  }
  const dialled = channels.filter(
    (c) => c.dialedBy === origin.key || (direction !== 'inbound' && c.dialedBy !== null),
  );
  const statuses = dialled.map((c) => c.dialStatus);
  if (statuses.includes('BUSY') || dialled.some((c) => c.cause === '17')) return 'busy';
  if (statuses.includes('CHANUNAVAIL') || statuses.includes('CONGESTION')) return 'failed';
  if (statuses.includes('NOANSWER') || statuses.includes('CANCEL') || dialled.length > 0)
    return 'no-answer';
  void ctx;
  return 'unanswered';
}

function visitRecord(ctx: Ctx, v: VisitState, callEnd: number): QueueVisit {
  const caller = ctx.channels.get(v.callerKey);
  const leftAt = v.leftAt ?? caller?.hungupAt ?? callEnd;
  closeAttempts(v, leftAt);
  let talkMs = 0;
  if (v.connectedAt !== null) {
    const member = v.memberKey === null ? undefined : ctx.channels.get(v.memberKey);
    const end = v.talkEndedAt ?? v.completedAt ?? member?.hungupAt ?? caller?.hungupAt ?? callEnd;
    talkMs = Math.max(0, end - v.connectedAt);
  }
  return {
    queue: v.queue,
    server: v.server,
    channel: { uniqueid: v.callerUniqueid, name: v.callerName },
    joinedAt: iso(v.joinedAt),
    leftAt: iso(leftAt),
    position: v.position,
    outcome: visitOutcome(v, caller, leftAt),
    waitMs: Math.max(0, (v.connectedAt ?? leftAt) - v.joinedAt),
    talkMs,
    answeredBy: v.answeredBy,
    attempts: v.attempts.map((a): Attempt => ({
      ...a.member,
      startedAt: iso(a.startedAt),
      endedAt: iso(a.endedAt ?? leftAt),
      result: a.result ?? 'cancelled',
      channel: a.channel,
    })),
    transfer: v.transfer,
  };
}

const STATUS_OUTCOMES: Readonly<Record<string, VisitOutcome>> = {
  TIMEOUT: 'timeout',
  LEAVEEMPTY: 'exit-empty',
  LEAVEUNAVAIL: 'exit-empty',
  WITHDRAW: 'withdraw',
};

function visitOutcome(v: VisitState, caller: Channel | undefined, leftAt: number): VisitOutcome {
  if (v.connectedAt !== null) return 'answered';
  const byStatus = v.queueStatus === null ? undefined : STATUS_OUTCOMES[v.queueStatus];
  if (byStatus) return byStatus;
  if (v.abandonedAt !== null) return 'abandoned';
  if (v.dtmf) return 'exit-key';
  // Left the queue and hung up at once, with no abandon event (an old Asterisk): abandoned.
  if (
    caller?.hungupAt !== null &&
    caller?.hungupAt !== undefined &&
    caller.hungupAt - leftAt < 1000
  )
    return 'abandoned';
  return caller ? 'transferred' : 'unknown';
}

function channelAttrs(ch: Channel): ChannelAttrs {
  return {
    server: ch.server,
    uniqueid: ch.uniqueid,
    name: ch.name,
    linkedids: ch.linkedids,
    callerId: { number: ch.callerNum, name: ch.callerName },
    connectedLine: { number: ch.connectedNum, name: ch.connectedName },
    accountCode: ch.accountCode,
    createdAt: iso(ch.createdAt),
    answeredAt: ch.upAt === null ? null : iso(ch.upAt),
    endedAt: ch.hungupAt === null ? null : iso(ch.hungupAt),
    hangupCause: ch.cause,
    hangupCauseText: ch.causeText,
    dialplan: ch.dialplan.map((s) => ({ ...s, at: iso(s.at) })),
    variables: Object.fromEntries(ch.variables),
  };
}
