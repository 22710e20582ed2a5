// The rows of a report table as CSV or XLSX, for a spreadsheet. Times are
// ISO 8601 in UTC; durations in milliseconds, as in the Arrow data.
//
// Caller names and numbers come from outside, and a spreadsheet runs a
// cell that begins with = + - @ (or a tab or CR before one) as a formula:
// in CSV such a text gets a leading apostrophe (`'=1+1`), which spreadsheets
// show as text. XLSX cells are typed: a text cell is text, never a formula,
// so XLSX keeps the text as it is.

import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { AnyRow, Column, Value } from './columns.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text that a spreadsheet would not run as a formula. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function cell(column: Column, value: Value): string | number | Date | null {
  if (value === null) return null;
  if (column.kind === 'time' && typeof value === 'number') return new Date(value);
  if (Array.isArray(value)) return value.join(' ');
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

export function toCsv(columns: readonly Column[], rows: readonly AnyRow[]): string {
  const records = rows.map((r) =>
    columns.map((c) => {
      const v = cell(c, r[c.name] ?? null);
      if (v === null) return '';
      if (v instanceof Date) return v.toISOString();
      return typeof v === 'string' ? neutralise(v) : String(v);
    }),
  );
  return stringify([columns.map((c) => c.name), ...records], { record_delimiter: '\r\n' });
}

export async function toXlsx(
  sheet: string,
  columns: readonly Column[],
  rows: readonly AnyRow[],
): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(sheet);
  ws.columns = columns.map((c) => ({
    header: c.name,
    key: c.name,
    width: c.kind === 'time' ? 24 : 16,
    ...(c.kind === 'time' ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss.000' } } : {}),
  }));
  for (const r of rows) ws.addRow(columns.map((c) => cell(c, r[c.name] ?? null)));
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

/** A file name that is safe in Content-Disposition: letters, digits, dot, dash, underscore. */
export function safeFileName(parts: readonly string[], extension: string): string {
  const base = parts
    .join('_')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 120);
  return `${base === '' ? 'report' : base}.${extension}`;
}
