// The operator report from the server's hourly sums (its operator-hours
// table): the same rows as operators.ts gives from every state interval,
// ring and call of the period, from a few thousand rows a day. Each sum
// lies in one hour (UTC's, or hours that begin a set minute past them),
// which is one of the report's hours only when the report's zone's hours
// begin at that minute all through the period: `hourMinute` (zone.ts) says
// which minute, the worker asks the server for sums by it, and reads the
// rows themselves for a zone whose minute changes in the period.
//
// Names as operators.ts gives them: the name in the operator's state
// intervals, else the member name of their first ring in the period.
//
// Each day's frame is read as it is (no merged copy of the month): its
// dictionary codes become the accumulators' ids once per frame, and its
// hours report buckets once per hour.

import type { HourFrame } from './frames.ts';
import { OperatorAccs, type Acc, type OperatorRow } from './operator-acc.ts';
import { codeFilter, passes, type ReportOptions } from './options.ts';
import { bucketOf } from './zone.ts';

const HOUR_MS = 3_600_000;

/** A frame with its codes as the accumulators' ids and its filters. */
interface Day {
  readonly f: HourFrame;
  readonly sIds: Int32Array;
  readonly pIds: Int32Array;
  readonly st: Uint8Array | null;
  readonly qs: Uint8Array | null;
  readonly op: Uint8Array | null;
}

function dayOf(f: HourFrame, accs: OperatorAccs, o: ReportOptions): Day {
  return {
    f,
    sIds: accs.stationsOf(f.station),
    pIds: accs.operatorsOf(f.operator),
    st: codeFilter(f.station.values, o.stations),
    qs: codeFilter(f.queue.values, o.queues),
    op: codeFilter(f.operator.values, o.operators),
  };
}

/** Names from state intervals, in the days' order: the last one wins. */
function names(d: Day, accs: OperatorAccs): void {
  const { f, sIds, pIds } = d;
  let lastWho = -1;
  let lastName = -1;
  for (let i = 0; i < f.length; i++) {
    const n = f.name.codes[i] ?? -1;
    const s = f.station.codes[i] ?? -1;
    const p = f.operator.codes[i] ?? -1;
    if (n < 0 || !passes(d.st, s) || !passes(d.op, p)) continue;
    const who = accs.who(sIds[s] ?? 0, pIds[p] ?? 0);
    // A day gives an operator one name, on rows that come together: set once per run.
    if (who === lastWho && n === lastName) continue;
    lastWho = who;
    lastName = n;
    const name = f.name.values[n];
    if (name !== undefined) accs.names.set(who, name);
  }
}

/** Each hour of the frame as a report bucket: NaN when outside the period. */
function bucketsOf(f: HourFrame, o: ReportOptions): (hour: number) => number {
  let first = Infinity;
  for (let i = 0; i < f.length; i++) first = Math.min(first, f.hour[i] ?? Infinity);
  const known: number[] = [];
  return (hour) => {
    const k = (hour - first) / HOUR_MS;
    let b = known[k];
    if (b === undefined) {
      const local = o.zone.local(hour);
      b = local < o.since || local >= o.until ? Number.NaN : bucketOf(local, o.grouping);
      known[k] = b;
    }
    return b;
  };
}

function add(d: Day, accs: OperatorAccs, o: ReportOptions, members: Map<number, string>): void {
  const { f, sIds, pIds } = d;
  const bucket = bucketsOf(f, o);
  let a: Acc | null = null;
  let lastS = -1;
  let lastP = -1;
  let lastBucket = Number.NaN;
  for (let i = 0; i < f.length; i++) {
    const sc = f.station.codes[i] ?? -1;
    const pc = f.operator.codes[i] ?? -1;
    if (!passes(d.st, sc) || !passes(d.op, pc)) continue;
    const q = f.queue.codes[i] ?? -1;
    if (q >= 0 && !passes(d.qs, q)) continue;
    const answered = f.answered[i] ?? 0;
    const rings = f.rings[i] ?? 0;
    const outbound = f.outbound[i] ?? 0;
    const made = f.internalMade[i] ?? 0;
    const received = f.internalReceived[i] ?? 0;
    const loggedIn = f.loggedInMs[i] ?? 0;
    // A row with nothing in it only carries a name (a state interval of no length).
    if (
      answered + rings + outbound + made + received === 0 &&
      loggedIn + (f.offlineMs[i] ?? 0) === 0
    )
      continue;
    const b = bucket(f.hour[i] ?? 0);
    if (Number.isNaN(b)) continue;
    const s = sIds[sc] ?? 0;
    const p = pIds[pc] ?? 0;
    if (a === null || s !== lastS || p !== lastP || b !== lastBucket) {
      a = accs.acc(s, p, b);
      lastS = s;
      lastP = p;
      lastBucket = b;
    }
    a.answered += answered;
    a.rings += rings;
    a.missed += f.missed[i] ?? 0;
    a.loggedInMs += loggedIn;
    a.idleMs += f.idleMs[i] ?? 0;
    a.ringingMs += f.ringingMs[i] ?? 0;
    a.talkingMs += f.talkingMs[i] ?? 0;
    a.wrapUpMs += f.wrapUpMs[i] ?? 0;
    const paused = f.pausedMs[i] ?? 0;
    if (paused > 0) {
      a.pausedMs += paused;
      const reason = f.reason.values[f.reason.codes[i] ?? -1] ?? '';
      a.pausedByReason[reason] = (a.pausedByReason[reason] ?? 0) + paused;
    }
    a.outbound += outbound;
    a.outboundTalkMs += f.outboundTalkMs[i] ?? 0;
    a.internalMade += made;
    a.internalReceived += received;
    if (rings > 0) {
      const id = accs.who(s, p);
      const member = f.memberName.values[f.memberName.codes[i] ?? -1];
      if (member !== undefined && !accs.names.has(id) && !members.has(id)) members.set(id, member);
    }
  }
}

export function operatorReportFromHours(
  frames: readonly HourFrame[],
  o: ReportOptions,
): OperatorRow[] {
  const accs = new OperatorAccs();
  const days = frames.map((f) => dayOf(f, accs, o));
  for (const d of days) names(d, accs);
  const members = new Map<number, string>();
  for (const d of days) add(d, accs, o, members);
  for (const [id, member] of members) accs.names.set(id, member);
  return accs.rows();
}
