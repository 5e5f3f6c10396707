/**
 * The shapes shared by the core and its adapters. An adapter (exceljs, the fast reader,
 * the add-in's Excel adapter) turns whatever its library gives into these; the core never sees a library object.
 */

/** A cell as the spreadsheet holds it, before any interpretation. */
export type RawValue =
  | { type: 'empty' }
  | { type: 'number'; value: number }
  | { type: 'string'; value: string }
  | { type: 'boolean'; value: boolean }
  /** A cell the spreadsheet itself stores as a date (exceljs gives a Date; ISO text here). */
  | { type: 'date'; value: string }
  /** `#DIV/0!`, `#REF!`, … */
  | { type: 'error'; value: string };

export type RawCell = RawValue & {
  /** The number format code (`0%`, `yyyy-mm-dd`, `General`); absent means General. */
  numFmt?: string;
  /** The text the spreadsheet displays, where the adapter knows it. */
  text?: string;
  /** True where the cell holds a formula; the value is its cached result. */
  formula?: boolean;
};

export const EMPTY_CELL: RawCell = { type: 'empty' };

export type Severity = 'error' | 'warning';

/**
 * Each issue kind with the facts its message needs, like zod's `$ZodIssue`: what the rule saw
 * and the numbers it used, typed per kind so that a rule and its words cannot drift apart (a
 * misspelled key no longer prints empty). Kinds of sections 3, 4 and 6 of the spec; stable,
 * tests and JSON reports use them.
 */
export interface IssueParamsOf {
  // section 4: one typed figure
  'percent-as-fraction': { raw: string; suggested: number };
  'unit-mismatch': { raw: string; unit: string; typedUnit: string };
  /** `约620`, `620左右` (about) or `≥80`, `80以上` (a lower bound), read as the number. */
  approximate: { raw: string; value: number; bound: 'about' | 'at-least' };
  'not-applicable': { raw: string };
  /** The lead bureau left the figure (or a reform's progress) empty, or deleted its row. */
  missing: { code: string; unit: string; rowMissing: boolean; milestone: boolean };
  'formula-error': { raw: string; error: string; uncalculated: boolean };
  'date-typed': { raw: string; unit: string };
  'not-a-number': { raw: string; unit: string; tooLong: boolean };
  'out-of-range': { raw: string; value: number; limit: 'negative' | 'over-100' };
  'not-whole': { raw: string; value: number; unit: string };
  'not-responsible': { raw: string; lead: string };
  /** `factor` is the constant the rule fired at (SCALE_SLIP_FACTOR), said as it is. */
  'scale-slip': { raw: string; value: number; reference: number; factor: number };
  // section 6: across indicators and periods
  inconsistent: {
    other: string;
    rate: number;
    population: number;
    /** Where the population parameter comes from, as the catalog says it. */
    populationSource: string;
    implied: number;
    count: number;
    /** Percent, from the link's tolerance. */
    tolerance: number;
  };
  /** `rule` says which of the two §6 rules fired, with its threshold as a share. */
  'suspicious-change': {
    previousPeriod: number;
    previous: number;
    value: number;
    rule: 'against-direction' | 'halved';
    threshold: number;
  };
  // section 3: reading the sheet
  'unknown-code': { row: number; typed: string; rowText: string };
  'duplicate-code': { code: string; rows: number[] };
  'merged-cell': { range: string };
  'meta-mismatch': { field: 'bureau' | 'period'; visible: string; meta: string };
  'catalog-mismatch': { fileCatalog: string; catalog: string };
  // milestones
  'milestone-status': { raw: string };
}

export type IssueKind = keyof IssueParamsOf;

export const ISSUE_KINDS = [
  'percent-as-fraction',
  'unit-mismatch',
  'approximate',
  'not-applicable',
  'missing',
  'formula-error',
  'date-typed',
  'not-a-number',
  'out-of-range',
  'not-whole',
  'not-responsible',
  'scale-slip',
  'inconsistent',
  'suspicious-change',
  'unknown-code',
  'duplicate-code',
  'merged-cell',
  'meta-mismatch',
  'catalog-mismatch',
  'milestone-status',
] as const satisfies readonly IssueKind[];

/** One issue: a kind and the parameters of that kind, where it is, and how bad. */
export type Issue = {
  [K in IssueKind]: {
    severity: Severity;
    kind: K;
    params: IssueParamsOf[K];
    /** Indicator or milestone code, where the issue belongs to one. */
    code?: string;
    /** A1 reference of the cell, where there is one. */
    cell?: string;
  };
}[IssueKind];

/** Builds an issue of one kind; TypeScript checks the parameters against the kind. */
export function makeIssue<K extends IssueKind>(
  severity: Severity,
  kind: K,
  params: IssueParamsOf[K],
  where: { code?: string | undefined; cell?: string | undefined } = {},
): Issue {
  // The mapped union cannot be narrowed from a generic K; the signature above is the check.
  return {
    severity,
    kind,
    params,
    ...(where.code !== undefined ? { code: where.code } : {}),
    ...(where.cell !== undefined ? { cell: where.cell } : {}),
  } as Issue;
}

type NoParams = Record<string, never>;

/** Which budget a refused file spent, and the figure of that budget. */
export type TooLargeParams =
  | { limit: 'file'; size: string; max: number }
  | { limit: 'inflated'; max: number; detail: string }
  | { limit: 'rows'; max: number; at: string }
  | { limit: 'cells'; max: number }
  | { limit: 'merges'; max: number }
  | { limit: 'entries'; max: number; detail: string };

/** What made a file unusable (or doubtful) as a whole; `detail` is the internal cause. */
export interface FileErrorParamsOf {
  'not-a-workbook': { detail?: string };
  /** The zip container is broken: cut off, a bad header, a part whose data or CRC is wrong. */
  damaged: { detail?: string };
  /** The zip is whole but a part of the workbook in it is cut off or not XML a writer makes. */
  'part-damaged': { part: string; detail: string };
  /** 指标填报 is a chart, dialog or macro sheet, which holds no cells. */
  'unsupported-sheet': { sheet: string; detail: string };
  encrypted: NoParams;
  'xls-binary': NoParams;
  /** An OpenDocument spreadsheet (.ods), from LibreOffice or WPS. */
  ods: { detail?: string };
  csv: NoParams;
  'too-large': TooLargeParams;
  'empty-workbook': NoParams;
  'no-sheet': NoParams;
  'no-header': NoParams;
  'bureau-unknown': { typed: string };
  'period-missing': NoParams;
  /** `blank`: the file is also 空表 — a template of another year never filled in (§7). */
  'period-mismatch': { period: number; expected: number; blank?: true };
  'duplicate-file': { other: string };
  /** §7: no usable figure at all (a blank or untouched template, 空表); never supersedes anything. */
  blank: { typed: number };
  /** §7: filled on another bureau's template: B2 says one bureau, the template's `_meta` another (用错模板). */
  'wrong-template': { visible: string; meta: string };
  /** The file could not be opened or read; `cause` says why in words the messages translate. */
  unreadable: { cause: 'missing' | 'denied' | 'folder' | 'other'; detail: string };
  /**
   * A reason an earlier master recorded only in words (written before reasons were stored with
   * their parameters): the words are kept as they were, never re-rendered with blanks.
   */
  recorded: { text: string };
}

export type FileErrorKind = keyof FileErrorParamsOf;

export type FileError = {
  [K in FileErrorKind]: {
    kind: K;
    params: FileErrorParamsOf[K];
    /** The file's name, where the error travels without its file (the register of a master). */
    file?: string;
  };
}[FileErrorKind];

export type Status =
  | 'achieved'
  | 'on-track'
  | 'at-risk'
  | 'off-track'
  /** §5 v2: a usable figure that an unexplained warning questions; never counted as achieved or on track. */
  | 'to-confirm'
  | 'not-judged'
  | 'no-data'
  | 'invalid';

export const STATUSES: readonly Status[] = [
  'achieved',
  'on-track',
  'at-risk',
  'off-track',
  'to-confirm',
  'not-judged',
  'no-data',
  'invalid',
];

export type Lang = 'zh' | 'en';
