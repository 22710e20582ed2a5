// The exported workbook: typed cells, a text that looks like a formula
// stays text, shares carry a percent format, sheet names Excel accepts.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../src/reports/csv.ts';
import type { Sheet } from '../src/reports/sheet.ts';
import { toXlsx } from '../src/reports/xlsx.ts';

const HOSTILE = '=HYPERLINK("http://x.invalid","click")';

const sheet: Sheet = {
  name: 'Operators: day/night [all]',
  header: ['Operator', 'Answered', 'Talk time, s', 'Occupancy'],
  units: [undefined, undefined, 'seconds', 'share'],
  rows: [
    [HOSTILE, 12, 3600, 0.75],
    ['Anna', 0, null, null],
  ],
};

async function read(blob: Blob): Promise<ExcelJS.Workbook> {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-xlsx-'));
  try {
    const file = join(dir, 'report.xlsx');
    writeFileSync(file, new Uint8Array(await blob.arrayBuffer()));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    return book;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('XLSX export', () => {
  it('keeps numbers as numbers and a formula-like name as text', async () => {
    const book = await read(await toXlsx([sheet, { ...sheet, name: sheet.name }]));
    const ws = book.worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect(ws.name).toBe('Operators  day night  all ');
    expect(book.worksheets[1]?.name).toBe('Operators  day night  all  2');
    expect(ws.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('A2').value).toBe(HOSTILE);
    expect(ws.getCell('B2').value).toBe(12);
    expect(ws.getCell('C2').value).toBe(3600);
    expect(ws.getCell('D2').value).toBe(0.75);
    expect(ws.getCell('D2').numFmt).toBe('0.0%');
    expect(ws.getCell('C3').value).toBeNull();
  });

  it('neutralises a formula-like name in CSV', () => {
    const csv = toCsv(sheet);
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""http://x.invalid"",""click"")",12,3600,0.75`);
  });
});
