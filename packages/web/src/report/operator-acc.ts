// The accumulators of the operator report (operators.ts reads rows,
// operator-hours.ts the server's hourly sums): stations and operators get
// ids shared by every frame (each frame has its own dictionaries), and an
// accumulator is found by a number made of the bucket's hour and those
// ids, with no string per row. `rows()` gives the finished rows, sorted.

import type { Dict } from './frames.ts';

export interface OperatorRow {
  readonly station: string;
  readonly operator: string;
  readonly name: string | null;
  readonly bucket: number;
  readonly answered: number;
  readonly rings: number;
  readonly missed: number;
  readonly talkingMs: number;
  readonly wrapUpMs: number;
  readonly idleMs: number;
  readonly ringingMs: number;
  readonly pausedMs: number;
  readonly pausedByReason: Readonly<Record<string, number>>;
  readonly loggedInMs: number;
  readonly ahtMs: number | null;
  readonly occupancy: number | null;
  readonly outbound: number;
  readonly outboundTalkMs: number;
  readonly internalMade: number;
  readonly internalReceived: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type Acc = Mutable<Omit<OperatorRow, 'ahtMs' | 'occupancy' | 'pausedByReason'>> & {
  pausedByReason: Record<string, number>;
};

export class OperatorAccs {
  private readonly stationNames: string[] = [];
  private readonly operatorNames: string[] = [];
  private readonly stationIds = new Map<string, number>();
  private readonly operatorIds = new Map<string, number>();
  private readonly accs = new Map<number, Acc>();
  /** Names by `who(station, operator)`. */
  readonly names = new Map<number, string>();

  private idOf(ids: Map<string, number>, names: string[], name: string): number {
    let id = ids.get(name);
    if (id === undefined) {
      id = names.push(name) - 1;
      ids.set(name, id);
    }
    return id;
  }

  /** Each code of a frame's station dictionary as a station id. */
  stationsOf(d: Dict): Int32Array {
    return Int32Array.from(d.values, (v) => this.idOf(this.stationIds, this.stationNames, v));
  }

  /** Each code of a frame's operator dictionary as an operator id. */
  operatorsOf(d: Dict): Int32Array {
    return Int32Array.from(d.values, (v) => this.idOf(this.operatorIds, this.operatorNames, v));
  }

  who(s: number, p: number): number {
    return s * 1_048_576 + p;
  }

  acc(s: number, p: number, bucket: number): Acc {
    const key = (bucket / 3_600_000) * 4_294_967_296 + this.who(s, p);
    let a = this.accs.get(key);
    if (!a) {
      a = {
        station: this.stationNames[s] ?? '',
        operator: this.operatorNames[p] ?? '',
        name: null,
        bucket,
        answered: 0,
        rings: 0,
        missed: 0,
        talkingMs: 0,
        wrapUpMs: 0,
        idleMs: 0,
        ringingMs: 0,
        pausedMs: 0,
        pausedByReason: {},
        loggedInMs: 0,
        outbound: 0,
        outboundTalkMs: 0,
        internalMade: 0,
        internalReceived: 0,
      };
      this.accs.set(key, a);
    }
    return a;
  }

  rows(): OperatorRow[] {
    return [...this.accs.values()]
      .map((a) => {
        const busy = a.ringingMs + a.talkingMs + a.wrapUpMs;
        const available = busy + a.idleMs;
        const id = this.who(
          this.stationIds.get(a.station) ?? 0,
          this.operatorIds.get(a.operator) ?? 0,
        );
        return {
          ...a,
          name: this.names.get(id) ?? null,
          ahtMs: a.answered === 0 ? null : (a.talkingMs + a.wrapUpMs) / a.answered,
          occupancy: available === 0 ? null : busy / available,
        };
      })
      .sort(
        (x, y) =>
          x.station.localeCompare(y.station) ||
          (x.name ?? x.operator).localeCompare(y.name ?? y.operator) ||
          x.bucket - y.bucket,
      );
  }
}
