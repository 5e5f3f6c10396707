import { normalizeCode } from './catalog';
import type { Catalog } from './catalog/schema';
import {
  ENTRY_SHEET,
  HEADER_FIELDS,
  HEADER_SEARCH_ROWS,
  META_SHEET,
  MILESTONE_HEADERS,
  MILESTONE_SHEET,
  entryColumns,
  type ColumnKey,
} from './layout';
import { displayText, isDateFormat } from './parse';
import { cellRef, foldWidth, squashSpace } from './text';
import { EMPTY_CELL, type FileError, type Issue, type RawCell } from './types';

/**
 * The reading rules of spec §3, on a plain grid of raw cells: the fast file reader, exceljs and
 * the add-in's Excel adapter each fill a `WorkbookView`, and this decides what the clerk meant.
 */

export interface SheetView {
  name: string;
  visibility: 'visible' | 'hidden' | 'veryHidden';
  /** rows[r][c], 0-based; missing entries are empty cells. */
  rows: (RawCell | undefined)[][];
  /** Merged ranges as A1 references (`G5:G6`). */
  merges: string[];
}

export interface WorkbookView {
  sheets: SheetView[];
  /** Dates count from 1904 (old Mac Excel) instead of 1900. */
  date1904?: boolean;
}

export function cellAt(sheet: SheetView, row: number, column: number): RawCell {
  return sheet.rows[row - 1]?.[column - 1] ?? EMPTY_CELL;
}

export interface SubmissionEntry {
  code: string;
  row: number;
  /** A1 reference of the figure cell. */
  cell: string;
  raw: RawCell;
  note: string;
}

export interface MilestoneEntry {
  code: string;
  row: number;
  progressCell: string;
  progress: RawCell;
  figureCell: string;
  figure: RawCell;
  note: string;
}

export interface Submission {
  sheetName: string;
  bureauText: string;
  period: number | null;
  periodText: string;
  filledBy: string;
  phone: string;
  /** ISO date (yyyy-mm-dd) where H2 holds a date, else the text typed, '' when empty. */
  filledOn: string;
  meta: Record<string, string> | null;
  entries: SubmissionEntry[];
  milestones: MilestoneEntry[];
  /** Issues of the sheet itself: unknown or duplicate codes, merged figure cells, _meta disagreement. */
  issues: Issue[];
  /** Where the figure and note columns are, for writers that mark the sheet. */
  columns: { code: number; value: number; note: number | null; header: number; result: number | null };
}

export type ReadResult = { ok: true; submission: Submission } | { ok: false; error: FileError };

function headerText(cell: RawCell): string {
  return squashSpace(foldWidth(displayText(cell))).replace(/\s/g, '');
}

/** Matches a header cell against the labels a column accepts: exact, or the label followed by a bracket. */
function headerMatches(text: string, accepts: string[]): boolean {
  return accepts.some(
    (label) => text === label || text.startsWith(`${label}(`) || text.startsWith(`${label}（`),
  );
}

interface HeaderHit {
  row: number;
  columns: Partial<Record<ColumnKey, number>>;
  result: number | null;
}

function findHeader(sheet: SheetView, catalog: Catalog): HeaderHit | null {
  const specs = entryColumns(catalog);
  const lastRow = Math.min(HEADER_SEARCH_ROWS, sheet.rows.length);
  for (let row = 1; row <= lastRow; row++) {
    const cells = sheet.rows[row - 1] ?? [];
    const columns: Partial<Record<ColumnKey, number>> = {};
    let result: number | null = null;
    for (let column = 1; column <= cells.length; column++) {
      const text = headerText(cellAt(sheet, row, column));
      if (!text) continue;
      if (text === '核查结果') result = column;
      for (const spec of specs) {
        if (columns[spec.key] === undefined && headerMatches(text, spec.accepts)) {
          columns[spec.key] = column;
          break;
        }
      }
    }
    if (columns.code !== undefined && columns.value !== undefined) return { row, columns, result };
  }
  return null;
}

function readMeta(workbook: WorkbookView): Record<string, string> | null {
  const sheet = workbook.sheets.find((s) => s.name === META_SHEET);
  if (!sheet) return null;
  const meta: Record<string, string> = {};
  for (let row = 1; row <= sheet.rows.length; row++) {
    const key = displayText(cellAt(sheet, row, 1)).trim();
    if (key) meta[key] = displayText(cellAt(sheet, row, 2)).trim();
  }
  return meta;
}

/** E2 holds a year: `2023`, `2023年`, `２０２３年度`. */
export function readPeriod(cell: RawCell): number | null {
  if (cell.type === 'number')
    return Number.isInteger(cell.value) && cell.value >= 1900 && cell.value <= 2200 ? cell.value : null;
  if (cell.type !== 'string') return null;
  const match = /^(\d{4})\s*(?:年度?)?$/.exec(squashSpace(foldWidth(cell.value)));
  return match ? Number(match[1]) : null;
}

const MS_PER_DAY = 86_400_000;

/** An Excel serial day number to an ISO date, in the 1900 or 1904 system. */
export function serialToIsoDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_465) return null;
  // 1900 system: day 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was.
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const days = !date1904 && serial < 61 ? serial + 1 : serial;
  // A fraction (a time of day) stays within the day, and is cut off with the ISO time.
  return new Date(epoch + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** H2, the date of filling: a date cell, a serial number with a date format, or text like `2023年6月25日`. */
export function readDate(cell: RawCell, date1904 = false): string {
  if (cell.type === 'date') return cell.value.slice(0, 10);
  if (cell.type === 'number') {
    if (isDateFormat(cell.numFmt)) return serialToIsoDate(cell.value, date1904) ?? String(cell.value);
    return String(cell.value);
  }
  if (cell.type !== 'string') return '';
  const text = squashSpace(foldWidth(cell.value));
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!match) return text;
  const [, y, m, d] = match;
  return `${y}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
}

function textOf(cell: RawCell): string {
  return squashSpace(displayText(cell));
}

function pickSheet(
  workbook: WorkbookView,
  catalog: Catalog,
): { sheet: SheetView; header: HeaderHit } | FileError {
  const named = workbook.sheets.find((s) => s.name.trim() === ENTRY_SHEET);
  if (named) {
    const header = findHeader(named, catalog);
    if (header) return { sheet: named, header };
  }
  for (const sheet of workbook.sheets) {
    if (sheet === named || sheet.visibility !== 'visible') continue;
    const header = findHeader(sheet, catalog);
    if (header) return { sheet, header };
  }
  const hasData = workbook.sheets.some((s) => s.rows.some((r) => r.some((c) => c && c.type !== 'empty')));
  if (!hasData) return { kind: 'empty-workbook', params: {} };
  return { kind: named ? 'no-header' : 'no-sheet', params: {} };
}

function parseRange(range: string): { top: number; left: number; bottom: number; right: number } | null {
  const match = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(range.replace(/\$/g, ''));
  if (!match) return null;
  const col = (letters: string): number =>
    letters
      .toUpperCase()
      .split('')
      .reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const left = col(match[1] ?? 'A');
  const top = Number(match[2]);
  const right = match[3] ? col(match[3]) : left;
  const bottom = match[4] ? Number(match[4]) : top;
  return {
    top: Math.min(top, bottom),
    left: Math.min(left, right),
    bottom: Math.max(top, bottom),
    right: Math.max(left, right),
  };
}

function readMilestones(workbook: WorkbookView): { entries: MilestoneEntry[]; issues: Issue[] } {
  const sheet = workbook.sheets.find((s) => s.name.trim() === MILESTONE_SHEET);
  const entries: MilestoneEntry[] = [];
  const issues: Issue[] = [];
  if (!sheet) return { entries, issues };
  let headerRow = 0;
  let columns = new Map<string, number>();
  for (let row = 1; row <= Math.min(HEADER_SEARCH_ROWS, sheet.rows.length) && !headerRow; row++) {
    const found = new Map<string, number>();
    const cells = sheet.rows[row - 1] ?? [];
    for (let column = 1; column <= cells.length; column++) {
      const text = headerText(cellAt(sheet, row, column));
      if ((MILESTONE_HEADERS as readonly string[]).includes(text)) found.set(text, column);
    }
    if (found.has('编号') && found.has('完成情况')) {
      headerRow = row;
      columns = found;
    }
  }
  if (!headerRow) return { entries, issues };
  const codeColumn = columns.get('编号') ?? 1;
  const progressColumn = columns.get('完成情况') ?? 5;
  const figureColumn = columns.get('完成值') ?? 6;
  const noteColumn = columns.get('说明');
  for (let row = headerRow + 1; row <= sheet.rows.length; row++) {
    const code = normalizeCode(textOf(cellAt(sheet, row, codeColumn)));
    if (!/^(GG|XM)-\d{2}/.test(code)) continue;
    entries.push({
      code,
      row,
      progressCell: cellRef(row, progressColumn),
      progress: cellAt(sheet, row, progressColumn),
      figureCell: cellRef(row, figureColumn),
      figure: cellAt(sheet, row, figureColumn),
      note: noteColumn ? textOf(cellAt(sheet, row, noteColumn)) : '',
    });
  }
  return { entries, issues };
}

/** Applies the reading rules to a whole workbook. A file it cannot use comes back as a file error. */
export function readSubmission(workbook: WorkbookView, catalog: Catalog): ReadResult {
  const picked = pickSheet(workbook, catalog);
  if ('kind' in picked) return { ok: false, error: picked };
  const { sheet, header } = picked;
  const codeColumn = header.columns.code ?? 1;
  const valueColumn = header.columns.value ?? 7;
  const noteColumn = header.columns.note ?? null;
  const issues: Issue[] = [];

  const knownCodes = new Set([
    ...catalog.indicators.map((i) => i.code),
    ...catalog.milestones.projects.flatMap((p) => p.figures.map((f) => `${p.code}-${f.suffix}`)),
  ]);
  const seen = new Map<string, number[]>();
  const entries: SubmissionEntry[] = [];
  for (let row = header.row + 1; row <= sheet.rows.length; row++) {
    const typed = textOf(cellAt(sheet, row, codeColumn));
    if (!typed) continue;
    const code = normalizeCode(typed);
    // Section rows (`一、养老方面`) and stray notes carry no code-shaped text.
    if (!/^[A-Z]{2}-\d{2}/.test(code)) continue;
    if (!knownCodes.has(code)) {
      issues.push({
        severity: 'warning',
        kind: 'unknown-code',
        // The row's own words (the name beside the code), so the clerk knows which row is meant.
        params: { row, typed, rowText: textOf(cellAt(sheet, row, codeColumn + 1)).slice(0, 40) },
        cell: cellRef(row, codeColumn),
      });
      continue;
    }
    const rows = seen.get(code);
    if (rows) {
      rows.push(row);
      continue;
    }
    seen.set(code, [row]);
    entries.push({
      code,
      row,
      cell: cellRef(row, valueColumn),
      raw: cellAt(sheet, row, valueColumn),
      note: noteColumn ? textOf(cellAt(sheet, row, noteColumn)) : '',
    });
  }
  for (const [code, rows] of seen) {
    if (rows.length > 1) {
      issues.push({
        severity: 'error',
        kind: 'duplicate-code',
        code,
        params: { code, rows },
        cell: cellRef(rows[1] ?? 0, codeColumn),
      });
    }
  }

  // A merge over the figure column hides every figure but the first (spec §3, issue: merged cells over G).
  for (const merge of sheet.merges) {
    const range = parseRange(merge);
    if (!range || range.left > valueColumn || range.right < valueColumn || range.bottom <= header.row)
      continue;
    if (range.top === range.bottom && range.left === range.right) continue;
    for (const entry of entries) {
      if (entry.row >= range.top && entry.row <= range.bottom) {
        issues.push({
          severity: 'error',
          kind: 'merged-cell',
          code: entry.code,
          cell: entry.cell,
          params: { range: merge },
        });
      }
    }
  }

  const meta = readMeta(workbook);
  const bureauText = textOf(cellAt(sheet, HEADER_FIELDS.bureau.row, HEADER_FIELDS.bureau.column));
  const periodCell = cellAt(sheet, HEADER_FIELDS.period.row, HEADER_FIELDS.period.column);
  const visiblePeriod = readPeriod(periodCell);
  const metaPeriod = meta?.period ? readPeriod({ type: 'string', value: meta.period }) : null;
  const milestones = readMilestones(workbook);

  return {
    ok: true,
    submission: {
      sheetName: sheet.name,
      bureauText: bureauText || meta?.bureau || '',
      period: visiblePeriod ?? metaPeriod,
      periodText: textOf(periodCell),
      filledBy: textOf(cellAt(sheet, HEADER_FIELDS.filledBy.row, HEADER_FIELDS.filledBy.column)),
      phone: textOf(cellAt(sheet, HEADER_FIELDS.phone.row, HEADER_FIELDS.phone.column)),
      filledOn: readDate(
        cellAt(sheet, HEADER_FIELDS.filledOn.row, HEADER_FIELDS.filledOn.column),
        workbook.date1904,
      ),
      meta,
      entries,
      milestones: milestones.entries,
      issues: [...issues, ...milestones.issues],
      columns: {
        code: codeColumn,
        value: valueColumn,
        note: noteColumn,
        header: header.row,
        result: header.result,
      },
    },
  };
}
