// A report's sheets as one XLSX workbook, made in the browser. The
// spreadsheet library is loaded only when someone exports. Cells are
// typed: text stays text (never a formula, whatever a name begins with),
// numbers stay numbers, shares get a percent format.

import type { Sheet } from './sheet.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A worksheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the book. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
  let n = base;
  for (let i = 2; taken.has(n.toLowerCase()); i++) n = `${base.slice(0, 28)} ${i}`;
  taken.add(n.toLowerCase());
  return n;
}

export async function toXlsx(sheets: readonly Sheet[]): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Callboard';
  const taken = new Set<string>();
  for (const s of sheets) {
    const ws = book.addWorksheet(sheetName(s.name, taken));
    ws.addRow([...s.header]).font = { bold: true };
    for (const r of s.rows) ws.addRow([...r]);
    s.header.forEach((h, i) => {
      const column = ws.getColumn(i + 1);
      column.width = Math.min(40, Math.max(10, h.length + 2));
      if (s.units[i] === 'share') column.numFmt = '0.0%';
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return new Blob([await book.xlsx.writeBuffer()], { type: XLSX_TYPE });
}
