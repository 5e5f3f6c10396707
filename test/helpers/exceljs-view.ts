import ExcelJS from 'exceljs';
import type { RawCell, SheetView, WorkbookView } from '../../src/core';

/**
 * A second, independent reading of a workbook through exceljs, for the differential test of the
 * fast reader: both must give the core the same raw cells.
 */
export async function exceljsView(bytes: Uint8Array): Promise<WorkbookView> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const sheets: SheetView[] = [];
  workbook.eachSheet((sheet) => {
    const rows: (RawCell | undefined)[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: (RawCell | undefined)[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        // exceljs repeats a merge's value in every cell it covers; the file holds it once.
        if (cell.isMerged && cell.master.address !== cell.address) return;
        const raw = toRaw(cell);
        if (raw) cells[column - 1] = raw;
      });
      rows[rowNumber - 1] = cells;
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    const merges = (sheet.model as unknown as { merges?: string[] }).merges ?? [];
    sheets.push({
      name: sheet.name,
      visibility:
        sheet.state === 'veryHidden' ? 'veryHidden' : sheet.state === 'hidden' ? 'hidden' : 'visible',
      rows,
      merges,
    });
  });
  return { sheets, date1904: !!(workbook.properties as { date1904?: boolean }).date1904 };
}

function toRaw(cell: ExcelJS.Cell): RawCell | undefined {
  const numFmt = cell.numFmt && cell.numFmt !== 'General' ? { numFmt: cell.numFmt } : {};
  let value = cell.value;
  let formula = {};
  if (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
    formula = { formula: true };
    value = (value as ExcelJS.CellFormulaValue).result ?? null;
    if (value === null || value === undefined) return { type: 'empty', formula: true };
  }
  const base = { ...numFmt, ...formula };
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return { type: 'number', value, ...base };
  if (typeof value === 'string') return { type: 'string', value, ...base };
  if (typeof value === 'boolean') return { type: 'boolean', value, ...base };
  if (value instanceof Date) return { type: 'date', value: value.toISOString(), ...base };
  if (typeof value === 'object' && 'error' in value) return { type: 'error', value: value.error, ...base };
  if (typeof value === 'object' && 'richText' in value) {
    return { type: 'string', value: value.richText.map((r) => r.text).join(''), ...base };
  }
  if (typeof value === 'object' && 'text' in value) return { type: 'string', value: value.text, ...base };
  return undefined;
}
