import { z } from 'zod';
import { fileErrorSchema } from './file-error-schema';
import { MILESTONE_PROGRESS, type MilestoneProgress } from './layout';
import type { FigureState } from './parse';
import type { Role } from './catalog';
import type { FileError, Issue } from './types';

/**
 * The master as a durable record (spec §7): every file ever combined — accepted, superseded,
 * waiting for a decision or rejected — with what it said, as stable codes, plus the office's
 * decisions. Every sheet of the master is drawn from this state, so combining files B into a
 * master made from files A gives what combining A and B in one run gives, and a master written in
 * English and combined into in Chinese keeps every fact. It lives in a very hidden sheet
 * `_state`, as JSON split over cells (Excel holds at most 32,767 characters in one), and is
 * validated with zod when read: a state this version cannot vouch for is refused, never guessed.
 */

export const STATE_SHEET = '_state';
export const STATE_MARK = 'yilao-master-state';
export const STATE_VERSION = 1;

/** One figure (or a reform's progress) of a file as it was typed and read; judged again at each combine. */
export interface RecordEntry {
  code: string;
  role: Role;
  cell: string | null;
  raw: string;
  value: number | null;
  state: FigureState;
  note: string;
  /** Issues of the file itself (§3, §4, §6 within the file); those that depend on history are found again. */
  issues: Issue[];
  progressText?: MilestoneProgress;
}

/** A file as the master remembers it. */
export interface FileRecord {
  file: string;
  sha256: string;
  /** County time (UTC+8) the file was first combined. */
  importedAt: string;
  bureau: string | null;
  bureauText: string;
  period: number | null;
  filledBy: string;
  filledOn: string;
  phone: string;
  /** Why the file cannot be used, as found when it was read, checked and first combined. */
  fileErrors: FileError[];
  sheetIssues: Issue[];
  errors: number;
  warnings: number;
  entries: RecordEntry[];
  /**
   * Carried over from a master written before the state was kept: its figures, statuses and notes
   * are known, its issues were never stored.
   */
  legacy?: boolean;
  /** Read after LibreOffice converted a copy to .xlsx: the extension it came with (`.xls`). */
  convertedFrom?: string;
}

/** The office's explicit choice between files that need a decision (§7: `--keep`, the pane's choice). */
export interface Decision {
  bureau: string;
  period: number;
  /** SHA-256 of the file kept. */
  keep: string;
}

export interface MasterState {
  catalogId: string;
  /** The period 县汇总 shows. */
  period: number;
  files: FileRecord[];
  decisions: Decision[];
  /** SHA-256 of the file each bureau's figures came from, per period, when the master was written. */
  current: string[];
}

// ---------------------------------------------------------------------------------------------
// zod: what a stored state must look like to be read back.

const issueParams = {
  'percent-as-fraction': z.object({ raw: z.string(), suggested: z.number() }),
  'unit-mismatch': z.object({ raw: z.string(), unit: z.string(), typedUnit: z.string() }),
  approximate: z.object({ raw: z.string(), value: z.number(), bound: z.enum(['about', 'at-least']) }),
  'not-applicable': z.object({ raw: z.string() }),
  missing: z.object({ code: z.string(), unit: z.string(), rowMissing: z.boolean(), milestone: z.boolean() }),
  'formula-error': z.object({ raw: z.string(), error: z.string(), uncalculated: z.boolean() }),
  'date-typed': z.object({ raw: z.string(), unit: z.string() }),
  'not-a-number': z.object({ raw: z.string(), unit: z.string(), tooLong: z.boolean() }),
  'out-of-range': z.object({ raw: z.string(), value: z.number(), limit: z.enum(['negative', 'over-100']) }),
  'not-whole': z.object({ raw: z.string(), value: z.number(), unit: z.string() }),
  'not-responsible': z.object({ raw: z.string(), lead: z.string() }),
  'scale-slip': z.object({ raw: z.string(), value: z.number(), reference: z.number(), factor: z.number() }),
  inconsistent: z.object({
    other: z.string(),
    rate: z.number(),
    population: z.number(),
    populationSource: z.string(),
    implied: z.number(),
    count: z.number(),
    tolerance: z.number(),
  }),
  'suspicious-change': z.object({
    previousPeriod: z.number(),
    previous: z.number(),
    value: z.number(),
    rule: z.enum(['against-direction', 'halved']),
    threshold: z.number(),
  }),
  'unknown-code': z.object({ row: z.number(), typed: z.string(), rowText: z.string() }),
  'duplicate-code': z.object({ code: z.string(), rows: z.array(z.number()) }),
  'merged-cell': z.object({ range: z.string() }),
  'meta-mismatch': z.object({ field: z.enum(['bureau', 'period']), visible: z.string(), meta: z.string() }),
  'catalog-mismatch': z.object({ fileCatalog: z.string(), catalog: z.string() }),
  'milestone-status': z.object({ raw: z.string() }),
} as const;

const where = {
  severity: z.enum(['error', 'warning']),
  code: z.string().optional(),
  cell: z.string().optional(),
};

const issueSchema = z.discriminatedUnion(
  'kind',
  Object.entries(issueParams).map(([kind, params]) =>
    z.object({ ...where, kind: z.literal(kind), params }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

const entrySchema = z.object({
  code: z.string().min(1),
  role: z.enum(['lead', 'co', 'none']),
  cell: z.string().nullable(),
  raw: z.string(),
  value: z.number().nullable(),
  state: z.enum(['value', 'empty', 'not-applicable', 'invalid']),
  note: z.string(),
  issues: z.array(issueSchema),
  progressText: z.enum(MILESTONE_PROGRESS).optional(),
});

const recordSchema = z.object({
  file: z.string().min(1),
  // Empty where the file could not be read at all (missing, too large to hash).
  sha256: z.string().regex(/^(?:[0-9a-f]{64})?$/),
  importedAt: z.string(),
  bureau: z.string().nullable(),
  bureauText: z.string(),
  period: z.number().int().nullable(),
  filledBy: z.string(),
  filledOn: z.string(),
  phone: z.string(),
  fileErrors: z.array(fileErrorSchema),
  sheetIssues: z.array(issueSchema),
  errors: z.number().int().min(0),
  warnings: z.number().int().min(0),
  entries: z.array(entrySchema),
  legacy: z.boolean().optional(),
  convertedFrom: z.string().optional(),
});

const decisionSchema = z.object({
  bureau: z.string().min(1),
  period: z.number().int(),
  keep: z.string().regex(/^[0-9a-f]{64}$/),
});

// ---------------------------------------------------------------------------------------------
// As rows of cells.

/** Characters of JSON per cell, under Excel's 32,767 with room for the marker. */
const CHUNK = 30000;
/**
 * Every chunk starts with this, so that no cell of the state reads as a number, a date or a
 * formula in Excel (`=`, `+`, `-`, `@`, `Jan 5`), and no leading apostrophe is swallowed.
 */
const CHUNK_MARK = '|';

/**
 * JSON made safe for a cell: characters XML cannot hold (U+FFFE, U+FFFF) and Excel's own
 * `_xHHHH_` escapes (which a reader decodes) are written as JSON escapes, which read back the same.
 */
function cellSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
    .replace(/_x/g, '_\\u0078');
}

function chunks(json: string): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < json.length) {
    let end = Math.min(json.length, at + CHUNK);
    // Never split a surrogate pair between two cells: each half alone is not storable. (JSON text
    // ends in } or ], so the last cell never ends in half a pair.)
    const code = json.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff) end--;
    out.push(CHUNK_MARK + json.slice(at, end));
    at = end;
  }
  // Never empty: JSON text is at least two characters.
  return out;
}

/** The state as rows of text cells: a header row, then one row per file, decision and the current set. */
export function stateRows(state: MasterState): string[][] {
  const rows: string[][] = [[STATE_MARK, String(STATE_VERSION), state.catalogId, String(state.period)]];
  for (const record of state.files) rows.push(['file', ...chunks(cellSafeJson(record))]);
  for (const decision of state.decisions) rows.push(['decision', ...chunks(cellSafeJson(decision))]);
  rows.push(['current', ...chunks(cellSafeJson(state.current))]);
  return rows;
}

export type StateReadResult =
  { ok: true; state: MasterState } | { ok: false; problem: 'newer' | 'damaged'; detail: string };

/** Reads the rows of `_state` back; anything this version cannot vouch for is refused with why. */
export function readStateRows(rows: readonly (readonly string[])[]): StateReadResult {
  const damaged = (detail: string): StateReadResult => ({ ok: false, problem: 'damaged', detail });
  const [head, ...body] = rows;
  if (!head || head[0] !== STATE_MARK) return damaged('A1 is not the state mark');
  const version = Number(head[1]);
  if (!Number.isInteger(version)) return damaged(`version "${head[1] ?? ''}"`);
  if (version > STATE_VERSION) return { ok: false, problem: 'newer', detail: `version ${version}` };
  const period = Number(head[3]);
  if (!Number.isInteger(period)) return damaged(`period "${head[3] ?? ''}"`);
  const files: FileRecord[] = [];
  const decisions: Decision[] = [];
  let current: string[] | null = null;
  for (const [i, [kind, ...parts]] of body.entries()) {
    if (!kind && parts.every((p) => !p)) continue;
    if (parts.some((p) => p !== '' && !p.startsWith(CHUNK_MARK)))
      return damaged(`row ${i + 2}: a cell without the chunk mark`);
    let value: unknown;
    try {
      value = JSON.parse(parts.map((p) => p.slice(CHUNK_MARK.length)).join(''));
    } catch {
      return damaged(`row ${i + 2}: not JSON`);
    }
    const where = `row ${i + 2}`;
    if (kind === 'file') {
      const parsed = recordSchema.safeParse(value);
      if (!parsed.success)
        return damaged(
          `${where}: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`,
        );
      files.push(parsed.data as FileRecord);
    } else if (kind === 'decision') {
      const parsed = decisionSchema.safeParse(value);
      if (!parsed.success) return damaged(`${where}: decision`);
      decisions.push(parsed.data);
    } else if (kind === 'current') {
      const parsed = z.array(z.string().regex(/^[0-9a-f]{64}$/)).safeParse(value);
      if (!parsed.success) return damaged(`${where}: current`);
      current = parsed.data;
    } else {
      return damaged(`${where}: unknown row kind "${kind ?? ''}"`);
    }
  }
  if (current === null) return damaged('no current row');
  return { ok: true, state: { catalogId: head[2] ?? '', period, files, decisions, current } };
}
