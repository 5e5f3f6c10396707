import ExcelJS from 'exceljs';
import {
  STATUS_LABELS,
  STATUSES,
  cellAt,
  displayText,
  fileErrorMessage,
  issueMessage,
  statusLabel,
  type Catalog,
  type FileErrorKind,
  type HistoryRow,
  type Lang,
  type Master,
  type MasterRow,
  type RegisterRow,
  type SheetView,
  type Status,
  type WorkbookView,
} from '../core';
import {
  BODY_FONT,
  BOX,
  STATUS_STYLE,
  TITLE_FONT,
  fitRowHeight,
  printSetup,
  solid,
  styleHeaderRow,
} from './style';

/**
 * The county master workbook of spec §7. Every text that came from a bureau's file is written as
 * a plain string value — exceljs writes formulas only from `{ formula }` objects — so `=1+1` or
 * `@SUM` typed by a clerk arrives as the text it was, never as something Excel runs.
 */

export const MASTER_SHEETS = {
  summary: '县汇总',
  register: '报送登记',
  completion: '完成情况',
  history: '历史',
  overview: '总览',
} as const;

const HISTORY_HEADERS = [
  '报告期',
  '编号',
  '完成值',
  '填写内容',
  '状态',
  '填报单位',
  '文件名',
  '文件SHA-256',
  '填报日期',
  '导入时间',
  '已被替代',
  '替代文件',
  '说明',
] as const;

const REGISTER_HEADERS = [
  '文件名',
  '填报单位',
  '报告期',
  '填报人',
  '填报日期',
  '联系电话',
  'SHA-256',
  '错误数',
  '提醒数',
  '处理结果',
  '原因',
  '被替代（更正文件）',
  '原因代码',
] as const;

/** Cell values that are always text: a bureau's words can never become a formula. */
function text(value: string | null | undefined): string {
  return value ?? '';
}

function setRow(
  sheet: ExcelJS.Worksheet,
  rowNumber: number,
  values: (string | number | null)[],
): ExcelJS.Row {
  const row = sheet.getRow(rowNumber);
  values.forEach((value, i) => {
    row.getCell(i + 1).value = value;
  });
  return row;
}

function colourStatus(cell: ExcelJS.Cell, status: Status): void {
  cell.fill = solid(STATUS_STYLE[status].fill);
  cell.font = { ...BODY_FONT, color: { argb: STATUS_STYLE[status].font }, bold: status === 'off-track' };
}

function titleRow(sheet: ExcelJS.Worksheet, title: string, columns: number): void {
  sheet.mergeCells(1, 1, 1, columns);
  const cell = sheet.getCell('A1');
  cell.value = title;
  cell.font = TITLE_FONT;
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 34;
}

function conflictText(row: MasterRow): string {
  return row.conflicts.map((c) => `${c.bureau}：${c.value}（${c.file}）`).join('；');
}

function sourceNote(row: MasterRow, lang: Lang): string {
  const notes: string[] = [];
  if (row.fromCoResponsible)
    notes.push(lang === 'zh' ? '牵头单位未报，取自协同单位' : 'lead sent none; from a co-responsible bureau');
  if (row.conflicts.length > 0) {
    const values = row.conflicts.map((c) => `${c.bureau} ${c.value}`).join(' / ');
    notes.push(lang === 'zh' ? `各单位数值不一致：${values}` : `bureaus disagree: ${values}`);
  }
  for (const issue of row.issues) notes.push(issueMessage(issue, lang));
  return notes.join('；');
}

function writeSummary(workbook: ExcelJS.Workbook, catalog: Catalog, master: Master, lang: Lang): void {
  const sheet = workbook.addWorksheet(MASTER_SHEETS.summary, {
    views: [{ state: 'frozen', ySplit: 3, xSplit: 2 }],
  });
  // The first 12 columns are what prints on the page; source file, conflicts and notes follow.
  const headers = [
    '编号',
    '具体指标',
    '单位',
    '目标值',
    '本期完成值',
    '状态',
    '本期应达值',
    '距目标差距',
    '完成进度',
    '数据来源单位',
    '问题数',
    '备注',
    '来源文件',
    '冲突明细',
    '说明',
  ];
  const widths = [11, 30, 7, 9, 10, 9, 9, 9, 12, 18, 7, 42, 28, 36, 30];
  sheet.columns = widths.map((width) => ({ width, style: { font: BODY_FONT } }));
  titleRow(sheet, `${catalog.countyShort}“一老一小”具体指标完成情况汇总表（${master.period}年度）`, 12);
  const accepted = master.register.filter((r) => r.accepted && !r.earlier).length;
  sheet.getCell('A2').value =
    `${catalog.documentNumber}  本次汇总文件 ${master.register.filter((r) => !r.earlier).length} 个，采用 ${accepted} 个`;
  sheet.mergeCells(2, 1, 2, 12);
  setRow(sheet, 3, headers);
  styleHeaderRow(sheet.getRow(3), headers.length);

  let r = 4;
  for (const row of master.rows) {
    const excelRow = setRow(sheet, r, [
      row.code,
      row.name,
      row.unit,
      text(row.targetText),
      row.value ?? text(row.raw),
      statusLabel(row.status, lang),
      row.expected,
      row.gap,
      row.toTarget,
      text(row.bureau),
      row.issueCount,
      text(sourceNote(row, lang)),
      text(row.file),
      text(conflictText(row)),
      text(row.note),
    ]);
    excelRow.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BOX;
      cell.alignment = { vertical: 'middle', wrapText: true };
    });
    fitRowHeight(excelRow, widths);
    colourStatus(excelRow.getCell(6), row.status);
    excelRow.getCell(9).numFmt = '0%';
    if (row.conflicts.length > 0) excelRow.getCell(14).fill = solid(STATUS_STYLE['at-risk'].fill);
    if (row.fromCoResponsible) excelRow.getCell(10).font = { ...BODY_FONT, italic: true };
    r++;
  }
  // In-cell bars of progress to target: they show in Excel, WPS and LibreOffice alike.
  sheet.addConditionalFormatting({
    ref: `I4:I${r - 1}`,
    rules: [
      {
        type: 'dataBar',
        priority: 1,
        cfvo: [
          { type: 'num', value: 0 },
          { type: 'num', value: 1 },
        ],
        color: { argb: 'FF5B9BD5' },
        gradient: false,
      } as ExcelJS.DataBarRuleType,
    ],
  });
  sheet.autoFilter = { from: { row: 3, column: 1 }, to: { row: r - 1, column: headers.length } };
  printSetup(sheet, '3:3');
  sheet.pageSetup.printArea = `A1:L${r - 1}`;
}

function writeRegister(workbook: ExcelJS.Workbook, master: Master, lang: Lang): void {
  const sheet = workbook.addWorksheet(MASTER_SHEETS.register, { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = [32, 22, 8, 10, 12, 15, 20, 8, 8, 10, 50, 30, 14];
  sheet.columns = widths.map((width) => ({ width, style: { font: BODY_FONT } }));
  setRow(sheet, 1, [...REGISTER_HEADERS]);
  styleHeaderRow(sheet.getRow(1), REGISTER_HEADERS.length);
  master.register.forEach((reg, i) => {
    const row = setRow(sheet, i + 2, [
      text(reg.file),
      text(reg.bureau),
      reg.period,
      text(reg.filledBy),
      text(reg.filledOn),
      text(reg.phone),
      text(reg.sha256),
      reg.errors,
      reg.warnings,
      reg.accepted ? (reg.supersededBy ? '已被替代' : '采用') : '退回',
      reg.reason ? text(fileErrorMessage(reg.reason, lang)) : '',
      text(reg.supersededBy),
      reg.reason ? reg.reason.kind : '',
    ]);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BOX;
      cell.alignment = { vertical: 'middle', wrapText: true };
    });
    fitRowHeight(row, widths);
    const result = row.getCell(10);
    if (!reg.accepted) colourStatus(result, 'off-track');
    else if (reg.supersededBy) colourStatus(result, 'not-judged');
    else colourStatus(result, 'achieved');
    if (reg.earlier) row.getCell(1).font = { ...BODY_FONT, color: { argb: 'FF808080' } };
  });
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, master.register.length + 1), column: REGISTER_HEADERS.length },
  };
}

const COMPLETION_LABEL: Record<string, string> = {
  filled: '已填',
  missing: '未填',
  'not-applicable': '不适用',
  invalid: '有误',
  'no-file': '未报送',
};

function writeCompletion(workbook: ExcelJS.Workbook, catalog: Catalog, master: Master): void {
  const sheet = workbook.addWorksheet(MASTER_SHEETS.completion, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }],
  });
  const bureaus = [...new Set(master.completion.map((c) => c.bureau))];
  const codes = [...new Set(master.completion.map((c) => c.code))];
  sheet.columns = [{ width: 26 }, ...codes.map(() => ({ width: 9 }))];
  setRow(sheet, 1, ['填报单位 \\ 指标', ...codes]);
  styleHeaderRow(sheet.getRow(1), codes.length + 1);
  bureaus.forEach((bureau, i) => {
    const row = sheet.getRow(i + 2);
    row.getCell(1).value = bureau;
    row.getCell(1).border = BOX;
    codes.forEach((code, j) => {
      const cell = row.getCell(j + 2);
      cell.border = BOX;
      cell.alignment = { horizontal: 'center' };
      const entry = master.completion.find((c) => c.bureau === bureau && c.code === code);
      if (!entry) {
        cell.fill = solid('FFF2F2F2');
        return;
      }
      cell.value = `${COMPLETION_LABEL[entry.state] ?? entry.state}${entry.role === 'lead' ? '★' : ''}`;
      const status: Status =
        entry.state === 'filled'
          ? 'achieved'
          : entry.state === 'not-applicable'
            ? 'not-judged'
            : entry.role === 'lead'
              ? 'off-track'
              : 'no-data';
      colourStatus(cell, status);
    });
  });
  const note = sheet.getRow(bureaus.length + 3).getCell(1);
  note.value = `★ 牵头单位。灰色：不是该单位的责任指标。（${catalog.documentNumber}）`;
}

function writeHistory(workbook: ExcelJS.Workbook, master: Master, lang: Lang): void {
  const sheet = workbook.addWorksheet(MASTER_SHEETS.history, { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = [8, 13, 10, 14, 10, 22, 30, 20, 12, 22, 9, 30, 30];
  sheet.columns = widths.map((width) => ({ width, style: { font: BODY_FONT } }));
  setRow(sheet, 1, [...HISTORY_HEADERS]);
  styleHeaderRow(sheet.getRow(1), HISTORY_HEADERS.length);
  master.history.forEach((h, i) => {
    const row = setRow(sheet, i + 2, [
      h.period,
      h.code,
      h.value,
      text(h.raw),
      statusLabel(h.status, lang),
      text(h.bureau),
      text(h.file),
      text(h.fileHash),
      text(h.filledOn),
      text(h.importedAt),
      h.superseded ? '是' : '否',
      text(h.supersededBy),
      text(h.note),
    ]);
    if (h.superseded) row.font = { ...BODY_FONT, color: { argb: 'FF808080' } };
  });
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, master.history.length + 1), column: HISTORY_HEADERS.length },
  };
}

function writeOverview(workbook: ExcelJS.Workbook, catalog: Catalog, master: Master, lang: Lang): void {
  const sheet = workbook.addWorksheet(MASTER_SHEETS.overview);
  sheet.columns = [{ width: 30 }, ...STATUSES.map(() => ({ width: 11 })), { width: 8 }];
  titleRow(sheet, `${master.period}年度完成情况总览`, STATUSES.length + 2);
  let r = 3;
  const table = (heading: string, groups: Master['overview']['bySection']): void => {
    setRow(sheet, r, [heading, ...STATUSES.map((s) => STATUS_LABELS[lang][s]), '合计']);
    styleHeaderRow(sheet.getRow(r), STATUSES.length + 2);
    STATUSES.forEach((s, i) => {
      colourStatus(sheet.getRow(r).getCell(i + 2), s);
    });
    r++;
    for (const group of groups) {
      const counts = STATUSES.map((s) => group.counts[s]);
      const row = setRow(sheet, r, [text(group.label), ...counts, counts.reduce((a, b) => a + b, 0)]);
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.border = BOX;
      });
      r++;
    }
    r++;
  };
  table('按方面', master.overview.bySection);
  table('按牵头单位', master.overview.byBureau);

  setRow(sheet, r, ['指标', '完成进度', '状态']);
  styleHeaderRow(sheet.getRow(r), 3);
  const first = r + 1;
  for (const row of master.rows.filter((m) => m.kind !== 'reform')) {
    r++;
    const excelRow = setRow(sheet, r, [
      `${row.code} ${row.name}`,
      row.toTarget,
      statusLabel(row.status, lang),
    ]);
    excelRow.getCell(2).numFmt = '0%';
    colourStatus(excelRow.getCell(3), row.status);
  }
  if (r >= first) {
    sheet.addConditionalFormatting({
      ref: `B${first}:B${r}`,
      rules: [
        {
          type: 'dataBar',
          priority: 1,
          cfvo: [
            { type: 'num', value: 0 },
            { type: 'num', value: 1 },
          ],
          color: { argb: 'FF70AD47' },
          gradient: false,
        } as ExcelJS.DataBarRuleType,
      ],
    });
  }
  sheet.getRow(r + 2).getCell(1).value =
    `完成进度：从基期值（或首次报送值）到${catalog.targetYear}年目标值已走过的比例。`;
  printSetup(sheet, '1:1');
}

export function masterWorkbook(catalog: Catalog, master: Master, lang: Lang = 'zh'): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'yilao';
  workbook.title = `${catalog.countyShort}“一老一小”指标汇总（${master.period}年度）`;
  writeSummary(workbook, catalog, master, lang);
  writeRegister(workbook, master, lang);
  writeCompletion(workbook, catalog, master);
  writeHistory(workbook, master, lang);
  writeOverview(workbook, catalog, master, lang);
  return workbook;
}

export async function writeMaster(catalog: Catalog, master: Master, lang: Lang = 'zh'): Promise<Buffer> {
  return Buffer.from(await masterWorkbook(catalog, master, lang).xlsx.writeBuffer());
}

function statusFromLabel(label: string): Status {
  for (const lang of ['zh', 'en'] as const) {
    for (const status of STATUSES) if (STATUS_LABELS[lang][status] === label) return status;
  }
  return (STATUSES as readonly string[]).includes(label) ? (label as Status) : 'no-data';
}

function columnsByHeader(sheet: SheetView, headers: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  const first = sheet.rows[0] ?? [];
  first.forEach((cell, i) => {
    const label = cell ? displayText(cell).trim() : '';
    if (headers.includes(label)) map.set(label, i + 1);
  });
  return map;
}

function cellText(sheet: SheetView, row: number, column: number | undefined): string {
  return column ? displayText(cellAt(sheet, row, column)).trim() : '';
}

function cellNumber(sheet: SheetView, row: number, column: number | undefined): number | null {
  if (!column) return null;
  const cell = cellAt(sheet, row, column);
  if (cell.type === 'number') return cell.value;
  if (cell.type === 'string' && cell.value.trim() !== '' && Number.isFinite(Number(cell.value)))
    return Number(cell.value);
  return null;
}

/** Reads 历史 and 报送登记 of an existing master, so that a combine adds to them. */
export function readMasterState(
  workbook: WorkbookView,
): { history: HistoryRow[]; register: RegisterRow[] } | null {
  const historySheet = workbook.sheets.find((s) => s.name === MASTER_SHEETS.history);
  if (!historySheet) return null;
  const h = columnsByHeader(historySheet, HISTORY_HEADERS);
  const history: HistoryRow[] = [];
  for (let r = 2; r <= historySheet.rows.length; r++) {
    const period = cellNumber(historySheet, r, h.get('报告期'));
    const code = cellText(historySheet, r, h.get('编号'));
    if (period === null || !code) continue;
    history.push({
      period,
      code,
      value: cellNumber(historySheet, r, h.get('完成值')),
      raw: cellText(historySheet, r, h.get('填写内容')),
      status: statusFromLabel(cellText(historySheet, r, h.get('状态'))),
      bureau: cellText(historySheet, r, h.get('填报单位')),
      file: cellText(historySheet, r, h.get('文件名')),
      fileHash: cellText(historySheet, r, h.get('文件SHA-256')),
      filledOn: cellText(historySheet, r, h.get('填报日期')),
      importedAt: cellText(historySheet, r, h.get('导入时间')),
      superseded: cellText(historySheet, r, h.get('已被替代')) === '是',
      supersededBy: cellText(historySheet, r, h.get('替代文件')),
      note: cellText(historySheet, r, h.get('说明')),
    });
  }
  const register: RegisterRow[] = [];
  const registerSheet = workbook.sheets.find((s) => s.name === MASTER_SHEETS.register);
  if (registerSheet) {
    const g = columnsByHeader(registerSheet, REGISTER_HEADERS);
    for (let r = 2; r <= registerSheet.rows.length; r++) {
      const file = cellText(registerSheet, r, g.get('文件名'));
      if (!file) continue;
      const result = cellText(registerSheet, r, g.get('处理结果'));
      const reasonKind = cellText(registerSheet, r, g.get('原因代码'));
      register.push({
        file,
        bureau: cellText(registerSheet, r, g.get('填报单位')),
        period: cellNumber(registerSheet, r, g.get('报告期')),
        filledBy: cellText(registerSheet, r, g.get('填报人')),
        filledOn: cellText(registerSheet, r, g.get('填报日期')),
        phone: cellText(registerSheet, r, g.get('联系电话')),
        sha256: cellText(registerSheet, r, g.get('SHA-256')),
        errors: cellNumber(registerSheet, r, g.get('错误数')) ?? 0,
        warnings: cellNumber(registerSheet, r, g.get('提醒数')) ?? 0,
        accepted: result !== '退回',
        reason: reasonKind ? { kind: reasonKind as FileErrorKind, params: { file } } : null,
        supersededBy: cellText(registerSheet, r, g.get('被替代（更正文件）')),
        earlier: true,
      });
    }
  }
  return { history, register };
}
