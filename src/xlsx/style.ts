import type ExcelJS from 'exceljs';
import {
  HEADER_COLOUR,
  INPUT_COLOUR,
  SECTION_COLOUR,
  SEVERITY_COLOURS,
  STATUS_COLOURS,
  type Severity,
  type Status,
} from '../core';
import { displayWidth } from './output';

const argb = (colour: { fill: string; font: string }) => ({
  fill: `FF${colour.fill}`,
  font: `FF${colour.font}`,
});

/** The core's palette as exceljs takes it (ARGB). */
export const STATUS_STYLE = Object.fromEntries(
  Object.entries(STATUS_COLOURS).map(([status, colour]) => [status, argb(colour)]),
) as Record<Status, { fill: string; font: string }>;

export const SEVERITY_STYLE: Record<Severity, { fill: string; font: string }> = {
  error: argb(SEVERITY_COLOURS.error),
  warning: argb(SEVERITY_COLOURS.warning),
};

export const INPUT_FILL = `FF${INPUT_COLOUR}`;
export const HEADER_FILL = `FF${HEADER_COLOUR}`;
export const SECTION_FILL = `FF${SECTION_COLOUR}`;
export const BODY_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 11 };
export const TITLE_FONT: Partial<ExcelJS.Font> = { name: '黑体', size: 16, bold: true };

export function solid(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF9E9E9E' } };
export const BOX: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

export function styleHeaderRow(row: ExcelJS.Row, columns: number): void {
  row.height = 30;
  for (let c = 1; c <= columns; c++) {
    const cell = row.getCell(c);
    cell.font = { ...BODY_FONT, bold: true };
    cell.fill = solid(HEADER_FILL);
    cell.border = BOX;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  }
}

/** A4 landscape, one page wide, header row repeated: clerks print, sign and stamp these. */
export function pageOptions(
  titleRows: string,
  printArea?: string,
): { pageSetup: Partial<ExcelJS.PageSetup>; headerFooter: Partial<ExcelJS.HeaderFooter> } {
  return {
    pageSetup: {
      // A4; exceljs declares PaperSize as a const enum, which isolated modules cannot import.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: titleRows,
      ...(printArea ? { printArea } : {}),
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  };
}

/** For sheets built in memory; the streaming writer takes the same options when a sheet is added. */
export function printSetup(sheet: ExcelJS.Worksheet, titleRows: string): void {
  const options = pageOptions(titleRows);
  sheet.pageSetup = options.pageSetup;
  sheet.headerFooter = options.headerFooter;
}

/**
 * exceljs shares one style object among the cells of a loaded file that use the same style, so
 * `cell.fill = …` on one cell repaints them all. Cells of a loaded workbook get a copy instead.
 */
export function restyle(cell: ExcelJS.Cell, patch: Partial<ExcelJS.Style>): void {
  cell.style = { ...cell.style, ...patch };
}

/**
 * LibreOffice and WPS do not grow a row for wrapped text they did not lay out, so a long name or
 * note would be cut off in print. The height a row of wrapped text needs at these column widths,
 * estimated from the lines each cell needs: points, 15 a line, at least `min`.
 */
export function rowHeight(
  values: readonly (string | number | null)[],
  widths: readonly number[],
  min = 20,
): number {
  let lines = 1;
  values.forEach((value, c) => {
    const width = widths[c] ?? 10;
    const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
    const needed = text
      .split('\n')
      .reduce((sum, part) => sum + Math.max(1, Math.ceil(displayWidth(part) / Math.max(1, width - 1))), 0);
    lines = Math.max(lines, needed);
  });
  return Math.max(min, lines * 15 + 5);
}
