import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { isDateFormat, type RawCell, type WorkbookView } from '../../src/core';
import { decodeExcelEscapes } from '../../src/xlsx/xml';
import { MASTER_READ_LIMITS, readWorkbook, type ReadLimits } from '../../src/xlsx/reader';
import { fileErrorDetail } from '../../src/core';

/**
 * The differential harness over other projects' test workbooks: every cell of every worksheet
 * read by the fast reader and by exceljs, compared after the corrections for what exceljs is
 * known to get wrong (each with its reason, below). What remains is a disagreement to explain.
 */

export const PEER_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'peer-xlsx');

/** Wide enough to compare every cell a peer file holds; the bureau limits are tested apart. */
export const COMPARE_LIMITS: ReadLimits = {
  ...MASTER_READ_LIMITS,
  maxColumns: 16_384,
  maxSheets: 1_000,
  maxMerges: 1_000_000,
};

interface PeerCell {
  type: string;
  value: string | number | boolean;
  formula: boolean;
  numFmt?: string;
}
type ExcelJsResult =
  | {
      ok: true;
      sheets: { name: string; state: string; cells: [number, number, PeerCell][] }[];
      date1904: boolean;
    }
  | { ok: false; error: string };

/** exceljs in a worker thread, stopped after `seconds` (it takes minutes over some files). */
export function readWithExcelJs(
  file: string,
  seconds = 30,
): Promise<ExcelJsResult | { ok: false; error: 'timeout' }> {
  return new Promise((resolve) => {
    const worker = new Worker(path.join(__dirname, 'exceljs-worker.js'), {
      workerData: { file },
      resourceLimits: { maxOldGenerationSizeMb: 3072 },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ ok: false, error: 'timeout' });
    }, seconds * 1000);
    worker.once('message', (message: ExcelJsResult) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(message);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, error: error.message });
    });
  });
}

export type Correction =
  | 'exceljs-merged-covered'
  | 'exceljs-falsy-result'
  | 'exceljs-1900-leap'
  | 'exceljs-empty-string'
  | 'exceljs-date-from-text'
  | 'exceljs-number-as-text'
  | 'exceljs-time-as-date'
  | 'exceljs-negative-date'
  | 'exceljs-escape'
  | 'exceljs-undefined-text';

/**
 * Where exceljs is wrong and the fast reader right, applied to exceljs's side before comparing.
 * Each is a rule, checked against the fast reader's cell, never a file-by-file waiver:
 * - falsy-result: a formula whose cached result is 0, false or "" comes back without a result
 *   (exceljs tests `if (value)` before keeping it), so it looks never calculated;
 * - 1900-leap: exceljs converts serials without Excel's phantom 29 February 1900, so a date
 *   before 1 March 1900 (serial < 61) is a day early (serial 1 is 1900-01-01 in Excel);
 * - empty-string: a cell holding "" (no formula) is kept as a string; it holds nothing a reader
 *   of figures can use and Excel shows it empty, so the fast reader leaves it out;
 * - date-from-text: exceljs makes a Date of a text cell whose format is a date format, getting
 *   Invalid Date; the cell holds text;
 * - number-as-text: exceljs turns a number in a `@`-formatted cell into a string; the file holds
 *   a number (no `t="s"`), and a figure in a text-formatted cell is still that figure;
 * - time-as-date: exceljs takes any format with d, m, y, h or s anywhere for a date, including
 *   conditional sections (`[=0]?;[hh]:mm`) and elapsed times; Excel shows a duration, and the
 *   fast reader keeps the number (compared as the same serial);
 * - negative-date: a negative serial with a date format is ##### in Excel's 1900 system, not a
 *   date; exceljs makes 1899-12-29 of -1;
 * - escape: exceljs does not decode Excel's `_xHHHH_` escapes written in lower case;
 * - undefined-text: exceljs renders a rich-text run without text as the string "undefined";
 * - merged-covered: exceljs drops values stored in cells a merge covers (all but its top-left);
 *   Excel keeps them in the file and shows them again when the merge is undone.
 */
function correctExcelJs(
  cell: PeerCell,
  fast: RawCell | undefined,
): { cell: PeerCell; correction?: Correction } {
  const as = (correction: Correction, value: PeerCell | undefined) => ({
    cell: value ?? { ...cell, type: 'none' },
    correction,
  });
  if (cell.type === 'empty' && cell.formula && fast?.formula) {
    const falsy =
      (fast.type === 'number' && fast.value === 0) ||
      (fast.type === 'boolean' && !fast.value) ||
      (fast.type === 'string' && fast.value === '');
    if (falsy) return as('exceljs-falsy-result', { ...cell, type: fast.type, value: fast.value });
  }
  if (cell.type === 'string' && cell.value === '' && !cell.formula && !fast)
    return as('exceljs-empty-string', undefined);
  if (cell.type === 'string' && cell.value === 'undefined' && !fast)
    return as('exceljs-undefined-text', undefined);
  if (
    cell.type === 'string' &&
    fast?.type === 'string' &&
    decodeExcelEscapes(String(cell.value)) === fast.value
  )
    return as('exceljs-escape', { ...cell, value: fast.value });
  if (cell.type === 'date' && cell.value === 'Invalid Date' && fast?.type === 'string')
    return as('exceljs-date-from-text', { ...cell, type: 'string', value: fast.value });
  if (
    cell.type === 'string' &&
    fast?.type === 'number' &&
    fast.numFmt === '@' &&
    Number(cell.value) === fast.value
  )
    return as('exceljs-number-as-text', { ...cell, type: 'number', value: fast.value });
  if (cell.type === 'date' && typeof cell.value === 'string' && cell.value !== 'Invalid Date') {
    const ms = Date.parse(cell.value);
    const serial = (ms - Date.UTC(1899, 11, 30)) / 86_400_000;
    if (fast?.type === 'number' && fast.value < 0 && Math.abs(serial - fast.value) < 1e-6)
      return as('exceljs-negative-date', { ...cell, type: 'number', value: fast.value });
    if (fast?.type === 'number' && !isDateFormat(fast.numFmt) && Math.abs(serial - fast.value) < 1e-6)
      return as('exceljs-time-as-date', { ...cell, type: 'number', value: fast.value });
    if (fast?.type === 'date' && ms < Date.UTC(1900, 2, 1)) {
      const next = new Date(ms + 86_400_000).toISOString().slice(0, 10);
      if (next === fast.value.slice(0, 10)) return as('exceljs-1900-leap', { ...cell, value: fast.value });
    }
  }
  return { cell };
}

/** What is compared of a cell: type and value; a date to the day for serials, to the ms for `t="d"`. */
function comparable(cell: { type: string; value?: unknown } | undefined): string {
  if (!cell || cell.type === 'none') return 'none';
  if (cell.type === 'empty') return 'empty';
  if (cell.type === 'date') return `date:${String(cell.value).slice(0, 10)}`;
  if (cell.type === 'number') return `number:${Number(cell.value)}`;
  return `${cell.type}:${String(cell.value)}`;
}

/** Cells covered by merges, top-left cells excluded, as `row:column`. */
function coveredCells(merges: readonly string[]): Set<string> {
  const covered = new Set<string>();
  for (const merge of merges) {
    const match = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(merge);
    if (!match) continue;
    const col = (letters: string) => letters.split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const [top, bottom] = [Number(match[2]), Number(match[4])];
    const [left, right] = [col(match[1]!), col(match[3]!)];
    // A pathological merge (a whole column) would be millions of cells; they are not needed.
    if ((bottom - top + 1) * (right - left + 1) > 100_000) continue;
    for (let r = top; r <= bottom; r++)
      for (let c = left; c <= right; c++) if (r !== top || c !== left) covered.add(`${r}:${c}`);
  }
  return covered;
}

export interface PeerOutcome {
  file: string;
  fast: { ok: true } | { ok: false; kind: string; detail: string };
  exceljs: { ok: true } | { ok: false; error: string };
  cells: number;
  corrections: Partial<Record<Correction, number>>;
  differences: string[];
}

export async function comparePeerFile(name: string): Promise<PeerOutcome> {
  const file = path.join(PEER_DIR, name);
  const bytes = readFileSync(file);
  const fast = readWorkbook(bytes, { allSheets: true, limits: COMPARE_LIMITS });
  const reference = await readWithExcelJs(file);
  const outcome: PeerOutcome = {
    file: name,
    fast: fast.ok
      ? { ok: true }
      : {
          ok: false,
          kind: fast.error.kind,
          detail:
            fileErrorDetail(fast.error) ?? (fast.error.kind === 'too-large' ? fast.error.params.limit : ''),
        },
    exceljs: reference.ok ? { ok: true } : { ok: false, error: reference.error },
    cells: 0,
    corrections: {},
    differences: [],
  };
  if (!fast.ok || !reference.ok) return outcome;
  compareViews(fast.workbook, reference, outcome);
  return outcome;
}

function compareViews(
  fast: WorkbookView,
  reference: Extract<ExcelJsResult, { ok: true }>,
  outcome: PeerOutcome,
): void {
  if (fast.date1904 !== reference.date1904 && reference.date1904)
    outcome.differences.push(`date1904 fast=${fast.date1904} exceljs=${reference.date1904}`);
  for (const sheet of reference.sheets) {
    const mine = fast.sheets.find((s) => s.name === sheet.name);
    if (!mine) {
      if (sheet.cells.length > 0) outcome.differences.push(`sheet "${sheet.name}" not read`);
      continue;
    }
    const seen = new Set<string>();
    for (const [r, c, theirs] of sheet.cells) {
      seen.add(`${r}:${c}`);
      const ours = mine.rows[r - 1]?.[c - 1];
      outcome.cells++;
      const b = comparable(ours);
      if (comparable(theirs) === b) continue;
      // Corrections apply only where the two readings differ, and must then make them agree.
      const { cell, correction } = correctExcelJs(theirs, ours);
      const a = comparable(cell);
      if (a === b && correction) outcome.corrections[correction] = (outcome.corrections[correction] ?? 0) + 1;
      else
        outcome.differences.push(`${sheet.name}!R${r}C${c} exceljs=${a.slice(0, 50)} fast=${b.slice(0, 50)}`);
    }
    // exceljs leaves out every cell a merge covers but its top-left one (the worker mirrors that);
    // a file may still hold values there, which the fast reader reads as they are stored.
    const covered = coveredCells(mine.merges);
    mine.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (!cell || cell.type === 'empty' || seen.has(`${r + 1}:${c + 1}`)) return;
        if (covered.has(`${r + 1}:${c + 1}`)) {
          outcome.corrections['exceljs-merged-covered'] =
            (outcome.corrections['exceljs-merged-covered'] ?? 0) + 1;
          return;
        }
        outcome.differences.push(
          `${sheet.name}!R${r + 1}C${c + 1} exceljs=none fast=${comparable(cell).slice(0, 50)}`,
        );
      }),
    );
  }
}
