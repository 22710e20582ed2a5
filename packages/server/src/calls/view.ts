// A call record as one user may see it (docs/server.md, "What each role
// sees"). Pure: the record and the scope in, the visible record or nothing
// out.
//
// - admin: every call, whole.
// - supervisor: calls that visited one of their queues. The call's time is
//   cut at each queue join: from a visit's join to the next visit's join (or
//   the end) belongs to that visit's queue. Visits of other queues go, and
//   so do the legs that began and the transfers made in their stretches,
//   and who answered when the answer fell there.
// - operator: calls they took part in (called, were called, rang, talked,
//   transferred), with only their visits, their legs and their transfers.
// - supervisors and operators get no channel detail (`attrs.channels` is
//   empty): dialplan and variables belong to the whole call.
// - an operator not monitored is absent for everyone: their legs, rings and
//   channels go, a party that was them becomes null, and a call they made
//   or took directly (not through a visible queue) is left out.

import type { CallRecord, Leg, Party, QueueVisit, Transfer } from '@callboard/tracker';
import type { Scope } from '../scope.js';

type WithOperator = { readonly operator: string | null } | null;

export function visibleCall(call: CallRecord, scope: Scope): CallRecord | undefined {
  const station = call.station;
  const isSelf = (p: WithOperator): boolean =>
    p !== null && p.operator !== null && scope.operator(station, p.operator);
  const absent = (p: WithOperator): boolean =>
    p !== null && p.operator !== null && !scope.monitored(station, p.operator);

  let visits = call.queueVisits;
  let legs = call.legs;
  let transfers = call.transfers;
  let answered = { by: call.answeredBy, at: call.answeredAt };
  let channels = call.attrs.channels;

  if (scope.role === 'supervisor') {
    if (!visits.some((v) => scope.queue(station, v.queue))) return undefined;
    const hidden = hiddenStretches(visits, (v) => scope.queue(station, v.queue));
    const shown = (at: string): boolean => !hidden.some(([from, to]) => at >= from && at < to);
    visits = visits.filter((v) => scope.queue(station, v.queue));
    legs = legs.filter((l) => shown(l.from));
    transfers = transfers.filter((t) => shown(t.at));
    if (answered.at !== null && !shown(answered.at)) answered = { by: null, at: null };
    channels = [];
  } else if (scope.role === 'operator') {
    const rang = (v: QueueVisit): boolean =>
      isSelf(v.answeredBy) || v.attempts.some((a) => isSelf(a));
    const inLeg = (l: Leg): boolean => isSelf(l.a) || isSelf(l.b);
    const inTransfer = (t: Transfer): boolean => isSelf(t.by) || isSelf(t.to.party);
    const took =
      isSelf(call.from) ||
      isSelf(call.to) ||
      isSelf(call.answeredBy) ||
      visits.some(rang) ||
      legs.some(inLeg) ||
      transfers.some(inTransfer);
    if (!took) return undefined;
    visits = visits.filter(rang);
    legs = legs.filter(inLeg);
    transfers = transfers.filter(inTransfer);
    if (!isSelf(answered.by)) answered = { by: null, at: null };
    channels = [];
  }

  // Operators not monitored: absent.
  const gone = new Set<string>();
  const drop = (p: Party): void => void gone.add(p.uniqueid);
  legs = legs.filter((l) => {
    if (!absent(l.a) && !absent(l.b)) return true;
    if (absent(l.a)) drop(l.a);
    if (absent(l.b)) drop(l.b);
    return false;
  });
  visits = visits.map((v) => {
    for (const a of v.attempts) if (absent(a)) gone.add(a.channel);
    return {
      ...v,
      answeredBy: absent(v.answeredBy) ? null : v.answeredBy,
      attempts: v.attempts.filter((a) => !absent(a)),
    };
  });
  transfers = transfers.map((t) => ({
    ...t,
    by: absent(t.by) ? null : t.by,
    to: absent(t.to.party) ? { ...t.to, party: null } : t.to,
  }));
  if (answered.by !== null && absent(answered.by)) {
    drop(answered.by);
    answered = { by: null, at: answered.at };
  }
  const direct = absent(call.from) || absent(call.to);
  if (direct && !visits.some((v) => scope.queue(station, v.queue))) return undefined;
  channels = channels.filter((c) => !gone.has(c.uniqueid) && !gone.has(c.name));

  return {
    ...call,
    from: absent(call.from) ? { number: null, name: null, operator: null } : call.from,
    to: absent(call.to) ? { number: null, operator: null } : call.to,
    answeredBy: answered.by,
    answeredAt: answered.at,
    queueVisits: visits,
    legs,
    transfers,
    attrs: { ...call.attrs, channels },
  };
}

/** [from, to) of each visit that is not shown: its join until the next visit's join. */
function hiddenStretches(
  visits: readonly QueueVisit[],
  shown: (v: QueueVisit) => boolean,
): [string, string][] {
  const byJoin = [...visits].sort((a, b) => (a.joinedAt < b.joinedAt ? -1 : 1));
  const END = '\uffff';
  return byJoin.flatMap((v, i) =>
    shown(v) ? [] : [[v.joinedAt, byJoin[i + 1]?.joinedAt ?? END] as [string, string]],
  );
}
