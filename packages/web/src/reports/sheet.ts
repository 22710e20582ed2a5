// A sheet of plain cells: what the CSV and XLSX exports write.

export type Cell = string | number | null;

export interface Sheet {
  readonly name: string;
  readonly header: readonly string[];
  /** What each column's numbers are, where it matters: seconds, or a share of 1. */
  readonly units: readonly ('seconds' | 'share' | undefined)[];
  readonly rows: readonly (readonly Cell[])[];
}
