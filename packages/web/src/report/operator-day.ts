// A day of each operator's states, for the timeline: per operator (in the
// station and operator filters) the state intervals clipped to the period
// on the report zone's clock, sorted, an interval that starts before the
// previous one ends cut to begin where it ends, and touching neighbours of
// the same state and reason merged into one segment. Times are epoch ms.

import type { IntervalFrame } from './frames.ts';
import { codeFilter, passes, type ReportOptions } from './options.ts';

export interface DaySegment {
  readonly from: number;
  readonly to: number;
  readonly state: string;
  /** The pause reason (state `paused`), null for none. */
  readonly reason: string | null;
}

export interface OperatorDay {
  readonly station: string;
  readonly operator: string;
  readonly name: string | null;
  readonly segments: readonly DaySegment[];
}

interface Lane {
  readonly station: string;
  readonly operator: string;
  name: string | null;
  nameAt: number;
  readonly raw: DaySegment[];
}

/** Each operator's state segments in [since, until) of `o` (wall-clock times in `o.zone`). */
export function operatorDay(iv: IntervalFrame | null, o: ReportOptions): OperatorDay[] {
  if (!iv) return [];
  const since = o.zone.utcOf(o.since);
  const until = o.zone.utcOf(o.until);
  const st = codeFilter(iv.station.values, o.stations);
  const op = codeFilter(iv.operator.values, o.operators);
  const stateKind = iv.kind.values.indexOf('state');
  const lanes = new Map<string, Lane>();
  for (let i = 0; i < iv.length; i++) {
    if (stateKind < 0 || iv.kind.codes[i] !== stateKind) continue;
    const s = iv.station.codes[i] ?? -1;
    const p = iv.operator.codes[i] ?? -1;
    if (!passes(st, s) || !passes(op, p)) continue;
    const startedAt = iv.startedAt[i] ?? 0;
    const from = Math.max(startedAt, since);
    const to = Math.min(iv.endedAt[i] ?? 0, until);
    if (!(to > from)) continue;
    const station = iv.station.values[s] ?? '';
    const operator = iv.operator.values[p] ?? '';
    const key = `${station}\u0000${operator}`;
    let lane = lanes.get(key);
    if (!lane) {
      lane = { station, operator, name: null, nameAt: -Infinity, raw: [] };
      lanes.set(key, lane);
    }
    const name = iv.name.values[iv.name.codes[i] ?? -1];
    if (name !== undefined && name !== '' && startedAt >= lane.nameAt) {
      lane.name = name;
      lane.nameAt = startedAt;
    }
    const reason = iv.reason.values[iv.reason.codes[i] ?? -1];
    lane.raw.push({
      from,
      to,
      state: iv.state.values[iv.state.codes[i] ?? -1] ?? '',
      reason: reason === undefined || reason === '' ? null : reason,
    });
  }
  return [...lanes.values()]
    .map((l) => ({
      station: l.station,
      operator: l.operator,
      name: l.name,
      segments: mergeSegments(l.raw),
    }))
    .filter((l) => l.segments.length > 0)
    .sort(
      (x, y) =>
        x.station.localeCompare(y.station) ||
        (x.name ?? x.operator).localeCompare(y.name ?? y.operator) ||
        x.operator.localeCompare(y.operator),
    );
}

/** Segments in time order, overlaps cut away, touching equal neighbours joined. */
export function mergeSegments(raw: readonly DaySegment[]): DaySegment[] {
  const sorted = [...raw].sort((a, b) => a.from - b.from || a.to - b.to);
  const out: DaySegment[] = [];
  for (const seg of sorted) {
    const last = out.at(-1);
    const from = last ? Math.max(seg.from, last.to) : seg.from;
    if (!(seg.to > from)) continue;
    if (last && last.to === from && last.state === seg.state && last.reason === seg.reason)
      out[out.length - 1] = { ...last, to: seg.to };
    else out.push({ ...seg, from });
  }
  return out;
}
