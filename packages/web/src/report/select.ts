// The queue visits a report takes: those that pass its filters and joined
// within its period on their queue's own clock. Worked out once per report
// and shared by the summary, the wait buckets and the distribution. (Sums
// of an hour join at the hour's start: on the queue's clock that is the
// start of one of its hours when the zone allows: hoursFit in zone.ts.)

import type { VisitSums } from './visit-sums.ts';
import { codeFilter, passes, settingsByCode, type ReportOptions } from './options.ts';

/** Per visit, its join time on its queue's wall clock (read as UTC); NaN when not taken. */
export function visitLocals(v: VisitSums, o: ReportOptions): Float64Array {
  const out = new Float64Array(v.length).fill(Number.NaN);
  const stations = codeFilter(v.station.values, o.stations);
  const queues = codeFilter(v.queue.values, o.queues);
  const answeredBy = v.answeredBy;
  const operators = codeFilter(answeredBy?.values ?? [], o.operators);
  if (operators !== null && answeredBy === null)
    throw new Error('sums of visits cannot be filtered by operator');
  const settingsOf = settingsByCode(v.station.values, v.queue.values, o);
  for (let i = 0; i < v.length; i++) {
    const s = v.station.codes[i] ?? -1;
    const q = v.queue.codes[i] ?? -1;
    if (s < 0 || q < 0 || !passes(stations, s) || !passes(queues, q)) continue;
    if (operators !== null && !passes(operators, answeredBy?.codes[i] ?? -1)) continue;
    const local = settingsOf(s, q).zone.local(v.joinedAt[i] ?? 0);
    if (local >= o.since && local < o.until) out[i] = local;
  }
  return out;
}
