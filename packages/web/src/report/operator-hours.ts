// The operator report from the server's hourly sums (its operator-hours
// table): the same rows as operators.ts gives from every state interval,
// ring and call of the period, from a few thousand rows a day. Each sum
// lies in one UTC hour, which is one of the report's hours only when the
// report's zone is a whole number of hours from UTC all through the
// period: `hoursFit` (zone.ts) says so, and the worker reads the rows themselves
// for a zone that is not (India, Nepal, parts of Australia).
//
// Names as operators.ts gives them: the name in the operator's state
// intervals, else the member name of their first ring in the period.

import type { HourFrame } from './frames.ts';
import { OperatorAccs, type OperatorRow } from './operator-acc.ts';
import { codeFilter, passes, type ReportOptions } from './options.ts';
import { bucketOf } from './zone.ts';

export function operatorReportFromHours(f: HourFrame | null, o: ReportOptions): OperatorRow[] {
  const accs = new OperatorAccs();
  if (!f) return [];
  const st = codeFilter(f.station.values, o.stations);
  const qs = codeFilter(f.queue.values, o.queues);
  const op = codeFilter(f.operator.values, o.operators);
  const sIds = accs.stationsOf(f.station);
  const pIds = accs.operatorsOf(f.operator);
  const keep = (i: number): boolean =>
    passes(st, f.station.codes[i] ?? -1) && passes(op, f.operator.codes[i] ?? -1);
  const who = (i: number): number =>
    accs.who(sIds[f.station.codes[i] ?? 0] ?? 0, pIds[f.operator.codes[i] ?? 0] ?? 0);

  // Names from state intervals first, in the days' order: the last one wins.
  for (let i = 0; i < f.length; i++) {
    const name = f.name.values[f.name.codes[i] ?? -1];
    if (name !== undefined && keep(i)) accs.names.set(who(i), name);
  }

  const members = new Map<number, string>();
  let lastHour = Number.NaN;
  let lastLocal = Number.NaN;
  for (let i = 0; i < f.length; i++) {
    if (!keep(i)) continue;
    const q = f.queue.codes[i] ?? -1;
    if (q >= 0 && !passes(qs, q)) continue;
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
    const hour = f.hour[i] ?? 0;
    if (hour !== lastHour) {
      lastHour = hour;
      lastLocal = o.zone.local(hour);
    }
    if (lastLocal < o.since || lastLocal >= o.until) continue;
    const a = accs.acc(
      sIds[f.station.codes[i] ?? 0] ?? 0,
      pIds[f.operator.codes[i] ?? 0] ?? 0,
      bucketOf(lastLocal, o.grouping),
    );
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
      const id = who(i);
      const member = f.memberName.values[f.memberName.codes[i] ?? -1];
      if (member !== undefined && !accs.names.has(id) && !members.has(id)) members.set(id, member);
    }
  }
  for (const [id, member] of members) accs.names.set(id, member);
  return accs.rows();
}
