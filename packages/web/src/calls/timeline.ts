// A call as swimlanes on one time axis: the caller first, then each queue
// it waited in, then every other party (operators rung or talking,
// transfer targets, other phones) in the order they appear. Pure: the
// record in, lanes of spans (waiting, ringing, talking) and marks (answer,
// transfer, hang-up) out, times in epoch milliseconds.

import type { Attempt, CallRecord, Party } from '../api/types.ts';

export type SpanKind = 'call' | 'wait' | 'ring' | 'talk';
export type LaneKind = 'caller' | 'queue' | 'operator' | 'extension' | 'external';

export interface Span {
  readonly kind: SpanKind;
  readonly from: number;
  readonly to: number;
  /** How it ended: a visit's outcome, a ring's result. */
  readonly result: string | null;
}

export interface Mark {
  readonly kind: 'answer' | 'transfer' | 'hangup';
  readonly at: number;
  /** Transfers: where to (a number), else null. */
  readonly detail: string | null;
  readonly transfer: 'blind' | 'attended' | null;
}

export interface Lane {
  readonly key: string;
  readonly kind: LaneKind;
  /** Who: a name or number as the call carried it (untrusted text). */
  readonly label: string;
  /** A second line: the number, the device or the queue's server. */
  readonly detail: string | null;
  readonly spans: Span[];
  readonly marks: Mark[];
  /** When the lane first has something, for ordering. */
  first: number;
}

export interface Timeline {
  readonly start: number;
  readonly end: number;
  readonly lanes: readonly Lane[];
}

const ms = (iso: string): number => Date.parse(iso);

/** The uniqueid of the channel the call began with. */
function originUniqueid(call: CallRecord): string | null {
  let first: { at: number; uid: string } | null = null;
  for (const ch of call.attrs.channels) {
    const at = ms(ch.createdAt);
    if (first === null || at < first.at) first = { at, uid: ch.uniqueid };
  }
  return first?.uid ?? call.queueVisits[0]?.channel.uniqueid ?? null;
}

export function buildTimeline(call: CallRecord): Timeline {
  const start = ms(call.startedAt);
  const end = Math.max(start, ms(call.endedAt));
  const lanes = new Map<string, Lane>();
  const origin = originUniqueid(call);
  const lane = (key: string, make: () => Omit<Lane, 'spans' | 'marks' | 'first'>): Lane => {
    let l = lanes.get(key);
    if (!l) {
      l = { ...make(), spans: [], marks: [], first: Number.POSITIVE_INFINITY };
      lanes.set(key, l);
    }
    return l;
  };
  const caller = lane('caller', () => ({
    key: 'caller',
    kind: 'caller',
    label: call.from.name ?? call.from.number ?? '',
    detail: call.from.name !== null ? call.from.number : null,
  }));
  caller.spans.push({ kind: 'call', from: start, to: end, result: call.outcome });
  caller.first = start;
  if (call.answeredAt !== null)
    caller.marks.push({ kind: 'answer', at: ms(call.answeredAt), detail: null, transfer: null });
  caller.marks.push({ kind: 'hangup', at: end, detail: null, transfer: null });

  const partyLane = (p: Party): Lane => {
    if (origin !== null && p.uniqueid === origin) return caller;
    const who = p.operator ?? p.number ?? p.channel;
    return lane(`party:${who}`, () => ({
      key: `party:${who}`,
      kind: p.kind === 'operator' ? 'operator' : p.kind,
      label: p.name ?? p.number ?? p.operator ?? p.channel,
      detail: p.kind === 'operator' ? p.operator : p.number,
    }));
  };
  const attemptLane = (a: Attempt): Lane => {
    const who = a.operator ?? a.interface;
    return lane(`party:${who}`, () => ({
      key: `party:${who}`,
      kind: 'operator',
      label: a.memberName !== '' ? a.memberName : who,
      detail: a.operator ?? a.interface,
    }));
  };
  const touch = (l: Lane, at: number): void => {
    if (at < l.first) l.first = at;
  };

  for (const v of call.queueVisits) {
    const q = lane(`queue:${v.server}/${v.queue}`, () => ({
      key: `queue:${v.server}/${v.queue}`,
      kind: 'queue',
      label: v.queue,
      detail: v.server,
    }));
    const joined = ms(v.joinedAt);
    q.spans.push({ kind: 'wait', from: joined, to: ms(v.leftAt), result: v.outcome });
    touch(q, joined);
    for (const a of v.attempts) {
      const l = attemptLane(a);
      const from = ms(a.startedAt);
      l.spans.push({ kind: 'ring', from, to: ms(a.endedAt), result: a.result });
      touch(l, from);
    }
  }
  for (const leg of call.legs) {
    const from = ms(leg.from);
    const to = ms(leg.to);
    for (const p of [leg.a, leg.b]) {
      const l = partyLane(p);
      if (l !== caller) l.spans.push({ kind: 'talk', from, to, result: null });
      touch(l, from);
    }
    // The caller's lane shows talk too, when the caller is one side.
    if (partyLane(leg.a) === caller || partyLane(leg.b) === caller)
      caller.spans.push({ kind: 'talk', from, to, result: null });
  }
  for (const tr of call.transfers) {
    const l = tr.by ? partyLane(tr.by) : caller;
    const at = ms(tr.at);
    l.marks.push({ kind: 'transfer', at, detail: tr.to.number, transfer: tr.kind });
    if (tr.to.party) touch(partyLane(tr.to.party), at);
  }

  const ordered = [...lanes.values()].sort((a, b) => {
    const rank = (l: Lane): number => (l.kind === 'caller' ? 0 : l.kind === 'queue' ? 1 : 2);
    return rank(a) - rank(b) || a.first - b.first || a.key.localeCompare(b.key);
  });
  return { start, end, lanes: ordered };
}
