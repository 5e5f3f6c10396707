import ExcelJS from 'exceljs';
import type { SeedSheet } from '../preview/seed';

/** Reads a real .xlsx fixture with exceljs into seed data for the in-memory Excel of the page. */
export async function seedFromXlsx(file: string): Promise<SeedSheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheets: SeedSheet[] = [];
  workbook.eachSheet((sheet) => {
    const cells: SeedSheet['cells'] = [];
    sheet.eachRow((row, rowNumber) => {
      row.eachCell((cell, column) => {
        if (cell.isMerged && cell.master.address !== cell.address) return;
        let value = cell.value;
        let error: string | undefined;
        if (value && typeof value === 'object' && 'formula' in value)
          value = (value as ExcelJS.CellFormulaValue).result ?? null;
        if (value && typeof value === 'object' && 'error' in value) {
          error = value.error;
          value = null;
        }
        if (value instanceof Date) value = Math.round(value.getTime() / 86_400_000) + 25_569;
        if (value && typeof value === 'object' && 'richText' in value)
          value = value.richText.map((r) => r.text).join('');
        if (value !== null && typeof value === 'object') value = cell.text;
        cells.push({
          row: rowNumber,
          column,
          value: value as string | number | boolean | null,
          ...(error ? { error } : {}),
          ...(cell.numFmt ? { numberFormat: cell.numFmt } : {}),
        });
      });
    });
    sheets.push({
      name: sheet.name,
      visibility:
        sheet.state === 'veryHidden' ? 'VeryHidden' : sheet.state === 'hidden' ? 'Hidden' : 'Visible',
      cells,
    });
  });
  return sheets;
}
