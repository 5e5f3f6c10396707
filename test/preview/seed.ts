import type { WorkbookModel } from '../office/excel-double';

/**
 * A workbook as plain data, to carry a real .xlsx fixture (read with exceljs in Node) into the
 * in-memory Excel of a browser page.
 */
export interface SeedCell {
  row: number;
  column: number;
  value: string | number | boolean | null;
  error?: string;
  numberFormat?: string;
  fill?: string;
}

export interface SeedSheet {
  name: string;
  visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
  cells: SeedCell[];
  protected?: boolean;
}

export function seedWorkbook(workbook: WorkbookModel, sheets: SeedSheet[]): void {
  for (const seed of sheets) {
    const sheet = workbook.sheet(seed.name) ?? workbook.addSheet(seed.name);
    sheet.visibility = seed.visibility ?? 'Visible';
    for (const cell of seed.cells) {
      const model = sheet.ensure(cell.row, cell.column);
      model.value = cell.value;
      if (cell.error) model.error = cell.error;
      if (cell.numberFormat) model.numberFormat = cell.numberFormat;
      if (cell.fill) {
        model.fill = cell.fill;
        model.fillPattern = 'Solid';
      }
      // Input cells of a template are unlocked; the seed keeps protection off unless asked.
      model.locked = false;
    }
    if (seed.protected) sheet.protection = { protected: true, options: {} };
  }
  const first = sheets.find((s) => (s.visibility ?? 'Visible') === 'Visible');
  if (first) workbook.active = first.name;
  workbook.changed();
}
