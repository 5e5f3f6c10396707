import ExcelJS from 'exceljs';
import {
  MILESTONE_SHEET,
  RESULT_HEADER,
  SEVERITY_LABELS,
  entrySummary,
  issueMessage,
  type Lang,
  type SubmissionReport,
} from '../core';
import { displayWidth } from './output';
import { READ_LIMITS, sheetPartNames } from './reader';
import { partTexts } from './zip';
import { BODY_FONT, BOX, SEVERITY_STYLE, STATUS_STYLE, restyle, solid } from './style';

/**
 * The annotated copy that the county office sends back to a bureau: every issue marked where it
 * is, with a note saying what to type instead, and a 核查结果 column in words. The bureau's
 * original file is never touched; this works on a copy of its bytes.
 */

/**
 * Formulas that reach outside the workbook when the copy is opened: DDE (`cmd|'/c …'!A0`),
 * HYPERLINK, WEBSERVICE and the XLM CALL/REGISTER/EXEC. The copy keeps the bureau's file as it
 * was apart from our marks, so they are kept too, and said: the county office forwards the copy.
 */
const REACHES_OUT =
  /\b(?:HYPERLINK|WEBSERVICE|FILTERXML|CALL|REGISTER(?:\.ID)?|EXEC|DDE|DDEAUTO)\s*\(|[A-Za-z0-9_.]+\|'[^']*'!/i;

export function formulasReachingOut(workbook: ExcelJS.Workbook): string[] {
  const found: string[] = [];
  workbook.eachSheet((sheet) => {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const formula = cell.formula as string | undefined;
        if (formula && REACHES_OUT.test(formula)) found.push(`${sheet.name}!${cell.address}`);
      });
    });
  });
  return found;
}

export async function annotateWorkbook(
  original: Uint8Array,
  report: SubmissionReport,
  lang: Lang = 'zh',
  onReachingOut?: (cells: string[]) => void,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(original) as unknown as ExcelJS.Buffer);
  keepFitToPage(original, workbook);
  const outward = formulasReachingOut(workbook);
  if (outward.length > 0) onReachingOut?.(outward);
  const sheet = workbook.getWorksheet(report.sheetName);
  if (!sheet) throw new Error(`sheet ${report.sheetName} not found when annotating`);

  const headerRow = report.columns.header;
  const resultColumn =
    report.columns.result ??
    Math.max(sheet.getRow(headerRow).cellCount, report.columns.value, report.columns.note ?? 0) + 1;
  addResultHeader(sheet, headerRow, resultColumn);
  // 重点任务 gets a 核查结果 column of its own: a note does not print, the reasons must.
  const milestones = workbook.getWorksheet(MILESTONE_SHEET);
  const milestoneResult =
    milestones && milestones !== sheet ? Math.max(milestones.getRow(1).cellCount, 7) + 1 : null;
  if (milestones && milestoneResult !== null) addResultHeader(milestones, 1, milestoneResult);
  // The template's own conditional formats (behind: pink, text: yellow) would paint over the
  // checker's marks on every cell the checker marks: in the marked copy the marks are what shows.
  const marked = new Map<ExcelJS.Worksheet, Set<string>>();
  for (const entry of report.entries) {
    if (entry.cell === null || entry.sheet === null) continue;
    const on = entry.sheet === report.sheetName ? sheet : workbook.getWorksheet(entry.sheet);
    if (on) marked.set(on, (marked.get(on) ?? new Set()).add(entry.cell));
  }
  for (const [on, cells] of marked) dropConditionalFormats(on, cells);

  for (const entry of report.entries) {
    if (entry.row === null || entry.cell === null) continue;
    const onSheet: ExcelJS.Worksheet | undefined =
      entry.sheet === report.sheetName ? sheet : entry.sheet ? workbook.getWorksheet(entry.sheet) : undefined;
    if (!onSheet) continue;
    const target = onSheet.getCell(entry.cell);
    const worst = entry.issues.some((i) => i.severity === 'error')
      ? 'error'
      : entry.issues.some((i) => i.severity === 'warning') && !entry.explained
        ? 'warning'
        : null;
    const style = worst
      ? SEVERITY_STYLE[worst]
      : entry.status === 'off-track' || entry.status === 'at-risk'
        ? STATUS_STYLE[entry.status]
        : null;
    if (style)
      restyle(target, {
        fill: solid(style.fill),
        font: { ...BODY_FONT, color: { argb: style.font }, bold: worst === 'error' },
      });
    const summary = entrySummary(entry, lang, '\n');
    if (entry.issues.length > 0) target.note = summary;
    const column = onSheet === sheet ? resultColumn : onSheet === milestones ? milestoneResult : null;
    if (column === null) {
      if (entry.issues.length === 0 && style) target.note = summary;
      continue;
    }
    const result = onSheet.getRow(entry.row).getCell(column);
    result.value = summary.replace(/\n/g, '；');
    const lines = summary.split('\n').reduce((n, part) => n + Math.ceil(displayWidth(part) / 46), 0);
    const excelRow = onSheet.getRow(entry.row);
    excelRow.height = Math.max(excelRow.height || 20, lines * 15 + 5);
    restyle(result, {
      alignment: { wrapText: true, vertical: 'middle' },
      border: BOX,
      ...(style ? { font: { ...BODY_FONT, color: { argb: style.font } } } : {}),
    });
  }
  for (const issue of report.sheetIssues) {
    if (!issue.cell) continue;
    const cell = sheet.getCell(issue.cell);
    restyle(cell, { fill: solid(SEVERITY_STYLE[issue.severity].fill) });
    cell.note = `${SEVERITY_LABELS[lang][issue.severity]}：${issueMessage(issue, lang)}`;
  }
  addLegend(sheet, lang);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** What each colour of the marks means, in the colours the marks use, below the table: it prints with it. */
const LEGEND: Record<Lang, { title: string; marks: [keyof typeof MARK_STYLE, string, string][] }> = {
  zh: {
    title: '核查标记的颜色',
    marks: [
      ['error', '错误', '必须改正后重报，原因见“核查结果”'],
      ['warning', '提醒', '请核对；属实的，在“说明”栏写明原因'],
      ['off-track', '滞后', '低于本期应达值'],
      ['at-risk', '存在风险', '略低于本期应达值'],
    ],
  },
  en: {
    title: 'Colours of the marks',
    marks: [
      ['error', 'error', 'must be corrected and sent again; why is in the result column'],
      ['warning', 'warning', 'check it; if it is right, say why in the note column'],
      ['off-track', 'behind', 'below the value expected by this period'],
      ['at-risk', 'at risk', 'a little below the value expected by this period'],
    ],
  },
};

const MARK_STYLE = {
  error: SEVERITY_STYLE.error,
  warning: SEVERITY_STYLE.warning,
  'off-track': STATUS_STYLE['off-track'],
  'at-risk': STATUS_STYLE['at-risk'],
} as const;

function addLegend(sheet: ExcelJS.Worksheet, lang: Lang): void {
  const legend = LEGEND[lang];
  let row = sheet.rowCount + 2;
  const title = sheet.getRow(row++).getCell(1);
  title.value = legend.title;
  title.font = { ...BODY_FONT, bold: true };
  for (const [mark, label, meaning] of legend.marks) {
    const line = sheet.getRow(row++);
    const swatch = line.getCell(1);
    swatch.value = label;
    swatch.fill = solid(MARK_STYLE[mark].fill);
    swatch.font = { ...BODY_FONT, color: { argb: MARK_STYLE[mark].font }, bold: mark === 'error' };
    swatch.border = BOX;
    swatch.alignment = { horizontal: 'center' };
    line.getCell(2).value = meaning;
    line.getCell(2).font = BODY_FONT;
  }
}

/**
 * "Fit to page" as the received file had it. exceljs reads `<pageSetUpPr fitToPage>` as true only
 * when written `1`; LibreOffice writes `true` (both are xsd:boolean, ECMA-376 Part 1 §18.3.1.65), so
 * a copy saved by LibreOffice lost it when marked, and printed on seven or eight pages instead of
 * one wide. The sheets' XML is read for the attribute and exceljs told.
 */
function keepFitToPage(original: Uint8Array, workbook: ExcelJS.Workbook): void {
  const text = partTexts(original, READ_LIMITS.maxInflatedBytes);
  const parts = sheetPartNames(original);
  workbook.eachSheet((sheet) => {
    const part = parts.get(sheet.name);
    if (!part) return;
    const fit = /<(?:\w+:)?pageSetUpPr\b[^>]*\bfitToPage="(true|1)"/.exec(text(part) ?? '');
    if (fit && !sheet.pageSetup.fitToPage) sheet.pageSetup.fitToPage = true;
  });
}

function addResultHeader(sheet: ExcelJS.Worksheet, row: number, column: number): void {
  const header = sheet.getRow(row).getCell(column);
  header.value = RESULT_HEADER;
  // Boxed like the headers beside it, so the column prints as part of the table.
  restyle(header, {
    font: { ...BODY_FONT, bold: true },
    fill: solid('FFDDEBF7'),
    border: BOX,
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  });
  sheet.getColumn(column).width = 48;
}

/** Removes the conditional formats whose range is one of the given cells (the template sets one per figure cell). */
function dropConditionalFormats(sheet: ExcelJS.Worksheet, cells: ReadonlySet<string>): void {
  const formats = (sheet as ExcelJS.Worksheet & { conditionalFormattings?: { ref: string }[] })
    .conditionalFormattings;
  if (!formats) return;
  const kept = formats.filter(
    (format) => !format.ref.split(/\s+/).some((ref) => cells.has(ref.replace(/\$/g, ''))),
  );
  formats.splice(0, formats.length, ...kept);
}

export function annotatedFileName(file: string): string {
  return file.replace(/(\.xlsx)?$/i, '-核查结果.xlsx');
}
