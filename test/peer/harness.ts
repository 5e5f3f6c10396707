import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RawCell, WorkbookView } from '../../src/core';
import { MASTER_READ_LIMITS, readWorkbook, type ReadLimits } from '../../src/xlsx/reader';

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
      resolve({ ok: false, error: String(error.message) });
    });
  });
}

export type Correction = 'exceljs-falsy-result' | 'exceljs-1900-leap' | 'exceljs-1904' | 'exceljs-date-time';

/**
 * Where exceljs is wrong and the fast reader right, applied to exceljs's side before comparing:
 * - a formula whose cached result is 0, false or "" comes back from exceljs without a result
 *   (`result ?? null` after its `if (value)` test), so it looks uncalculated;
 * - exceljs converts serials without Excel's phantom 29 February 1900, so every date before
 *   1 March 1900 (serial < 61) is a day late;
 * - exceljs ignores the 1904 date system when converting serials (its `date1904` property is read
 *   but never used by the cell reader), so in such files every date is four years and a day early.
 */
function correctExcelJs(
  cell: PeerCell,
  date1904: boolean,
  fast: RawCell | undefined,
): { cell: PeerCell; correction?: Correction } {
  if (cell.type === 'empty' && cell.formula && fast?.formula) {
    const falsy =
      (fast.type === 'number' && fast.value === 0) ||
      (fast.type === 'boolean' && !fast.value) ||
      (fast.type === 'string' && fast.value === '');
    if (falsy)
      return { cell: { ...cell, type: fast.type, value: fast.value }, correction: 'exceljs-falsy-result' };
  }
  if (cell.type === 'date' && typeof cell.value === 'string' && fast?.type === 'date') {
    const day = Date.parse(cell.value.slice(0, 10));
    if (date1904) {
      const shifted = new Date(day + 1462 * 86_400_000).toISOString().slice(0, 10);
      if (shifted === fast.value.slice(0, 10))
        return { cell: { ...cell, value: fast.value }, correction: 'exceljs-1904' };
    } else if (day < Date.UTC(1900, 2, 1)) {
      const earlier = new Date(day - 86_400_000).toISOString().slice(0, 10);
      if (earlier === fast.value.slice(0, 10))
        return { cell: { ...cell, value: fast.value }, correction: 'exceljs-1900-leap' };
    }
  }
  return { cell };
}

/** What is compared of a cell: type and value; a date to the day for serials, to the ms for `t="d"`. */
function comparable(cell: { type: string; value?: unknown } | undefined): string {
  if (!cell) return 'none';
  if (cell.type === 'empty') return 'empty';
  if (cell.type === 'date') return `date:${String(cell.value).slice(0, 10)}`;
  if (cell.type === 'number') return `number:${Number(cell.value)}`;
  return `${cell.type}:${String(cell.value)}`;
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
          detail: String(fast.error.params.detail ?? fast.error.params.limit ?? ''),
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
      const { cell, correction } = correctExcelJs(theirs, fast.date1904 ?? false, ours);
      if (correction) outcome.corrections[correction] = (outcome.corrections[correction] ?? 0) + 1;
      outcome.cells++;
      const a = comparable(cell);
      const b = comparable(ours);
      if (a !== b)
        outcome.differences.push(`${sheet.name}!R${r}C${c} exceljs=${a.slice(0, 50)} fast=${b.slice(0, 50)}`);
    }
    mine.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell && cell.type !== 'empty' && !seen.has(`${r + 1}:${c + 1}`))
          outcome.differences.push(
            `${sheet.name}!R${r + 1}C${c + 1} exceljs=none fast=${comparable(cell).slice(0, 50)}`,
          );
      }),
    );
  }
}
