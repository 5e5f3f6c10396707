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

/** Kinds of sections 3, 4 and 6 of the spec; stable, tests and JSON reports use them. */
export type IssueKind =
  // section 4: one typed figure
  | 'percent-as-fraction'
  | 'unit-mismatch'
  | 'approximate'
  | 'not-applicable'
  | 'missing'
  | 'formula-error'
  | 'date-typed'
  | 'not-a-number'
  | 'out-of-range'
  | 'not-whole'
  | 'not-responsible'
  | 'scale-slip'
  // section 6: across indicators and periods
  | 'inconsistent'
  | 'suspicious-change'
  // section 3: reading the sheet
  | 'unknown-code'
  | 'duplicate-code'
  | 'merged-cell'
  | 'meta-mismatch'
  | 'bureau-unknown'
  | 'period-missing'
  | 'catalog-mismatch'
  // milestones
  | 'milestone-status';

export type IssueParams = Record<string, string | number>;

export interface Issue {
  severity: Severity;
  kind: IssueKind;
  params: IssueParams;
  /** Indicator or milestone code, where the issue belongs to one. */
  code?: string;
  /** A1 reference of the cell, where there is one. */
  cell?: string;
}

/** What made a file unusable (or doubtful) as a whole. */
export type FileErrorKind =
  | 'not-a-workbook'
  /** The zip container is broken: cut off, a bad header, a part whose data or CRC is wrong. */
  | 'damaged'
  /** The zip is whole but a part of the workbook in it is cut off or not XML a writer makes. */
  | 'part-damaged'
  /** 指标填报 is a chart, dialog or macro sheet, which holds no cells. */
  | 'unsupported-sheet'
  | 'encrypted'
  | 'xls-binary'
  /** An OpenDocument spreadsheet (.ods), from LibreOffice or WPS. */
  | 'ods'
  | 'csv'
  /** A budget was spent; `limit` says which (file, inflated, rows, cells, merges, entries). */
  | 'too-large'
  | 'empty-workbook'
  | 'no-sheet'
  | 'no-header'
  | 'bureau-unknown'
  | 'period-missing'
  | 'period-mismatch'
  | 'duplicate-file'
  | 'unreadable';

export interface FileError {
  kind: FileErrorKind;
  params: IssueParams;
}

export type Status = 'achieved' | 'on-track' | 'at-risk' | 'off-track' | 'not-judged' | 'no-data' | 'invalid';

export const STATUSES: readonly Status[] = [
  'achieved',
  'on-track',
  'at-risk',
  'off-track',
  'not-judged',
  'no-data',
  'invalid',
];

export type Lang = 'zh' | 'en';
