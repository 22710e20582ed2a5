// A station's day of queue visits summed by queue, outcome, the UTC hour
// the visit joined (or hour starting `minuteMs` past it, as in
// operator-hours.ts) and the whole second of its wait, so a queue summary
// over a month reads a tenth of the rows. Made of the day's visit rows as
// the scope sees them (wrap-ups included), and summed by the browser into
// exactly what the rows give (packages/web/src/report/queue-summary.ts):
// counts and sums add up, maxima take the greatest, and a threshold of
// whole seconds (service level, short abandon, wait buckets) classes a
// row's visits alike, since they all waited `waitS` seconds and a part
// (or, `onTheSecond`, exactly that). An hour of UTC is an hour of the
// queue's clock when its zone is a whole number of hours from UTC; an
// hour from 30 minutes past is one in India, UTC+5:30 (the browser
// checks). Pure.

import type { QueueHourRow, VisitRow } from './columns.js';
import { order } from '../order.js';
import { hourOf } from './day.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function queueHourRows(visits: readonly VisitRow[], minuteMs = 0): QueueHourRow[] {
  const rows = new Map<string, Mutable<QueueHourRow>>();
  for (const v of visits) {
    const hour = hourOf(v.joinedAt, minuteMs);
    const waitS = Math.floor(v.waitMs / 1000);
    const onTheSecond = v.waitMs % 1000 === 0 ? 1 : 0;
    const key = JSON.stringify([v.station, v.queue, v.outcome, hour, waitS, onTheSecond]);
    let r = rows.get(key);
    if (!r) {
      r = {
        station: v.station,
        queue: v.queue,
        outcome: v.outcome,
        hour,
        waitS,
        onTheSecond,
        visits: 0,
        waitMs: 0,
        waitMsMax: 0,
        talkMs: 0,
        wrapUpMs: 0,
        transfers: 0,
      };
      rows.set(key, r);
    }
    r.visits++;
    r.waitMs += v.waitMs;
    r.waitMsMax = Math.max(r.waitMsMax, v.waitMs);
    r.talkMs += v.talkMs;
    r.wrapUpMs += v.wrapUpMs;
    if (v.transfer !== null) r.transfers++;
  }
  // A queue's rows together, in hour order: the browser's loop mostly
  // meets the accumulator of the row before, and the columns compress better.
  return [...rows.values()].sort(
    (a, b) =>
      order(a.station, b.station) ||
      order(a.queue, b.queue) ||
      a.hour - b.hour ||
      order(a.outcome, b.outcome) ||
      a.waitS - b.waitS ||
      a.onTheSecond - b.onTheSecond,
  );
}
