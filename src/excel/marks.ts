import {
  RESULT_HEADER,
  SEVERITY_LABELS,
  cellRef,
  issueMessage,
  statusLabel,
  type EntryReport,
  type Lang,
  type SubmissionReport,
} from '../core';

/**
 * What marking a checked sheet means, decided apart from Office.js: which cells get which
 * colour and note, and what the 核查结果 column says. The adapter only applies the plan.
 */

/** Colours as Office.js takes them (`#RRGGBB`); the same palette as the files the CLI writes. */
export const MARK_COLOURS = {
  error: { fill: '#FF9B9B', font: '#7F0000' },
  warning: { fill: '#FFEB9C', font: '#9C5700' },
  'off-track': { fill: '#FFC7CE', font: '#9C0006' },
  'at-risk': { fill: '#FFEB9C', font: '#9C5700' },
  header: { fill: '#DDEBF7', font: '#000000' },
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

function summary(entry: EntryReport, lang: Lang): string {
  const parts = [statusLabel(entry.status, lang)];
  for (const issue of entry.issues)
    parts.push(`${SEVERITY_LABELS[lang][issue.severity]}：${issueMessage(issue, lang)}`);
  if (entry.explained) parts.push(lang === 'zh' ? '（已在说明栏解释）' : '(explained in the note column)');
  return parts.join('；');
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
    const text = summary(entry, lang);
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
