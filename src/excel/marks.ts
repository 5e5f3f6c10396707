import {
  HEADER_COLOUR,
  RESULT_HEADER,
  SEVERITY_COLOURS,
  STATUS_COLOURS,
  cellRef,
  entrySummary,
  issueMessage,
  type Lang,
  type SubmissionReport,
} from '../core';

/**
 * What marking a checked sheet means, decided apart from Office.js: which cells get which
 * colour and note, and what the 核查结果 column says. The adapter only applies the plan.
 */

/** Colours as Office.js takes them (`#RRGGBB`); the same palette as the files the CLI writes. */
const hex = (colour: { fill: string; font: string }) => ({
  fill: `#${colour.fill}`,
  font: `#${colour.font}`,
});

/** Colours as Office.js takes them (`#RRGGBB`), from the palette the command line's files use. */
export const MARK_COLOURS = {
  error: hex(SEVERITY_COLOURS.error),
  warning: hex(SEVERITY_COLOURS.warning),
  'off-track': hex(STATUS_COLOURS['off-track']),
  'at-risk': hex(STATUS_COLOURS['at-risk']),
  header: { fill: `#${HEADER_COLOUR}`, font: '#000000' },
} as const;

export interface CellMark {
  sheet: string;
  address: string;
  fill: string;
  font: string;
  note: string | null;
}

export interface MarkPlan {
  sheet: string;
  /** 1-based column of 核查结果, and its header row. */
  resultColumn: number;
  headerRow: number;
  /** Row number → the result in words. */
  results: Map<number, string>;
  cells: CellMark[];
}

export function markPlan(report: SubmissionReport, lang: Lang, usedColumns: number): MarkPlan {
  const resultColumn =
    report.columns.result ?? Math.max(usedColumns, report.columns.value, report.columns.note ?? 0) + 1;
  const results = new Map<number, string>();
  const cells: CellMark[] = [];
  for (const entry of report.entries) {
    if (entry.cell === null || entry.row === null || entry.sheet === null) continue;
    const hasError = entry.issues.some((i) => i.severity === 'error');
    const hasWarning = entry.issues.some((i) => i.severity === 'warning') && !entry.explained;
    const colour = hasError
      ? MARK_COLOURS.error
      : hasWarning
        ? MARK_COLOURS.warning
        : entry.status === 'off-track' || entry.status === 'at-risk'
          ? MARK_COLOURS[entry.status]
          : null;
    const text = entrySummary(entry, lang);
    if (colour) {
      cells.push({
        sheet: entry.sheet,
        address: entry.cell,
        fill: colour.fill,
        font: colour.font,
        note: entry.issues.length > 0 ? text : null,
      });
    }
    if (entry.sheet === report.sheetName) results.set(entry.row, text);
  }
  for (const issue of report.sheetIssues) {
    if (!issue.cell) continue;
    cells.push({
      sheet: report.sheetName,
      address: issue.cell,
      fill: MARK_COLOURS[issue.severity].fill,
      font: MARK_COLOURS[issue.severity].font,
      note: issueMessage(issue, lang),
    });
  }
  return { sheet: report.sheetName, resultColumn, headerRow: report.columns.header, results, cells };
}

/** The result column's cells from the header row down to the last result, as a 2-D column. */
export function resultColumnValues(plan: MarkPlan): { address: string; values: string[][] } {
  const last = Math.max(plan.headerRow, ...plan.results.keys());
  const values: string[][] = [];
  for (let row = plan.headerRow; row <= last; row++) {
    values.push([row === plan.headerRow ? RESULT_HEADER : (plan.results.get(row) ?? '')]);
  }
  return {
    address: `${cellRef(plan.headerRow, plan.resultColumn)}:${cellRef(last, plan.resultColumn)}`,
    values,
  };
}
