// A report's main table as a CSV file the browser saves. A cell that a
// spreadsheet would read as a formula (=, +, -, @, tab, CR first) is
// prefixed with an apostrophe: caller and operator names come from outside.

import type { Cell, Sheet } from './sheet.ts';

function cell(value: Cell): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(sheet: Sheet): string {
  return [sheet.header, ...sheet.rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Saves a CSV text (with a byte-order mark, so spreadsheets read it as UTF-8). */
export function csvBlob(text: string): Blob {
  return new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' });
}

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
