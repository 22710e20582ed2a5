// What the page asks the report worker, and what it answers. Everything
// here crosses postMessage: plain data only.

import type { OperatorDay } from './operator-day.ts';
import type { OperatorRow } from './operators.ts';
import type { QueueSummaryRow } from './queue-summary.ts';
import type { Distribution, WaitBuckets } from './waits.ts';
import type { Grouping } from './zone.ts';

/** Stations and queues the user may see, with their zones and thresholds (GET /api/report/meta). */
export interface Meta {
  readonly stations: readonly { readonly name: string; readonly timezone: string }[];
  readonly queues: readonly {
    readonly station: string;
    readonly name: string;
    /** Null: the station's zone. */
    readonly timezone: string | null;
    readonly serviceLevelSeconds: number;
  }[];
  /** Operators the user may filter by: their key (as rows name them) and name. */
  readonly operators: readonly {
    readonly station: string;
    readonly operator: string;
    readonly name: string | null;
  }[];
}

export type ReportKind = 'queues' | 'operators';

export interface ReportQuery {
  readonly kind: ReportKind;
  /** Calendar days `YYYY-MM-DD`, both included, on each queue's (or `zone`'s) clock. */
  readonly fromDay: string;
  readonly toDay: string;
  readonly grouping: Grouping;
  /** Operators' figures are on this clock (the user's, by default). */
  readonly zone: string;
  readonly shortAbandonS: number;
  readonly stations: readonly string[];
  readonly queues: readonly string[];
  readonly operators: readonly string[];
  /**
   * `arrow` (the app's way): Arrow tables, the operator report from the
   * server's hourly sums where the zone allows. The browser benchmark's
   * baselines: `rows`, the operator report from every row as Arrow; `json`,
   * every row as JSON, the naive way.
   */
  readonly source?: 'arrow' | 'rows' | 'json';
}

export interface Timings {
  /** Fetching the data, or reading it from the browser's cache. */
  readonly loadMs: number;
  /** Turning the bytes into frames (Arrow or JSON). */
  readonly decodeMs: number;
  readonly aggregateMs: number;
  readonly bytes: number;
  readonly fromCache: number;
  readonly fetched: number;
}

export interface QueuesResult {
  readonly kind: 'queues';
  readonly rows: readonly QueueSummaryRow[];
  readonly total: QueueSummaryRow;
  readonly waits: WaitBuckets;
  readonly distribution: Distribution;
}

export interface OperatorsResult {
  readonly kind: 'operators';
  readonly rows: readonly OperatorRow[];
  /** A one-day period (`fromDay` = `toDay`): each operator's states through it; else null. */
  readonly timeline: OperatorTimeline | null;
}

export interface OperatorTimeline {
  readonly day: string;
  /** The report's zone: the day is midnight to midnight on its clock. */
  readonly zone: string;
  /** The day's bounds, epoch ms. */
  readonly from: number;
  readonly to: number;
  readonly lanes: readonly OperatorDay[];
}

export type ReportResult = QueuesResult | OperatorsResult;

export type ToWorker =
  | { readonly type: 'user'; readonly cacheName: string }
  | {
      readonly type: 'report';
      readonly id: number;
      readonly meta: Meta;
      readonly query: ReportQuery;
    };

export type FromWorker =
  | {
      readonly type: 'report';
      readonly id: number;
      readonly result: ReportResult;
      readonly timings: Timings;
    }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
