import type { Catalog } from './catalog/schema';
import type { HistoryRow, Master, MasterRow, RegisterRow } from './combine';
import { ISSUE_LABELS, STATUS_LABELS, fileErrorMessage, issueMessage, statusLabel } from './messages';
import { readStoredReason } from './file-error-schema';
import { displayText } from './parse';
import { cellSafeText } from './text';
import { cellAt, type SheetView, type WorkbookView } from './sheet';
import { STATUSES, type Lang, type Status } from './types';

/**
 * The sheets of the county master (spec §7) as tables of plain values, drawn by both writers:
 * exceljs on the command line and the add-in's Excel adapter in the task pane. Every text that came from a
 * bureau's file is marked as such (`textColumns`), so each writer can make sure it stays text.
 */

export const MASTER_SHEETS = {
  summary: '县汇总',
  register: '报送登记',
  completion: '完成情况',
  history: '历史',
  overview: '总览',
} as const;

export const HISTORY_HEADERS = [
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

export const REGISTER_HEADERS = [
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
  '原因参数',
] as const;

export type TableCell = string | number | null;

export interface MasterTable {
  sheet: string;
  title?: string;
  subtitle?: string;
  headers: string[];
  widths: number[];
  rows: TableCell[][];
  /** Columns (0-based) whose text came from a bureau's file: always written as text. */
  textColumns: number[];
  /** Column (0-based) coloured by each row's status, and the statuses. */
  statusColumn?: number;
  rowStatus?: Status[];
  /** Column (0-based) of progress to target, 0–1: shown as a data bar and a percentage. */
  progressColumn?: number;
  /** Columns that print; the rest are reference columns to the right. */
  printColumns?: number;
}

export interface CompletionMatrix {
  sheet: string;
  codes: string[];
  bureaus: string[];
  /** cells[bureau][code]: label and colour, or null where the bureau is not responsible. */
  cells: ({ label: string; status: Status } | null)[][];
  legend: string;
}

export interface OverviewModel {
  sheet: string;
  title: string;
  statusHeaders: string[];
  bySection: { label: string; counts: number[]; total: number }[];
  byBureau: { label: string; counts: number[]; total: number }[];
  progress: { label: string; toTarget: number | null; status: Status; statusText: string }[];
  footnote: string;
}

export interface MasterModel {
  summary: MasterTable;
  register: MasterTable;
  completion: CompletionMatrix;
  history: MasterTable;
  overview: OverviewModel;
  /** Bureau texts that held characters a workbook cannot store or ran past Excel's cell limit. */
  cleanedTexts: number;
}

/**
 * Bureau text in every table made storable (cellSafeText): one `&#xFFFF;` in a note made the
 * master's sharedStrings.xml not well-formed, and a 100,000-character note was written whole
 * past Excel's 32,767. Returns how many cells were changed, for the writers to say so.
 */
function cleanTexts(tables: MasterTable[]): number {
  let changed = 0;
  for (const table of tables) {
    for (const row of table.rows) {
      for (let c = 0; c < row.length; c++) {
        const value = row[c];
        if (typeof value !== 'string') continue;
        const safe = cellSafeText(value);
        if (safe.changed) {
          row[c] = safe.text;
          changed++;
        }
      }
    }
  }
  return changed;
}

function conflictText(row: MasterRow): string {
  return row.conflicts.map((c) => `${c.bureau}：${c.value}（${c.file}）`).join('；');
}

function remarks(row: MasterRow, lang: Lang): string {
  const notes: string[] = [];
  if (row.fromCoResponsible)
    notes.push(lang === 'zh' ? '牵头单位未报，取自协同单位' : 'lead sent none; from a co-responsible bureau');
  if (row.conflicts.length > 0) {
    const values = row.conflicts.map((c) => `${c.bureau} ${c.value}`).join(' / ');
    notes.push(lang === 'zh' ? `各单位数值不一致：${values}` : `bureaus disagree: ${values}`);
  }
  for (const issue of row.issues)
    notes.push(`${ISSUE_LABELS[lang][issue.kind]}：${issueMessage(issue, lang)}`);
  return notes.join('；');
}

const COMPLETION_LABEL: Record<Lang, Record<string, string>> = {
  zh: { filled: '已填', missing: '未填', 'not-applicable': '不适用', invalid: '有误', 'no-file': '未报送' },
  en: {
    filled: 'filled',
    missing: 'missing',
    'not-applicable': 'n/a',
    invalid: 'invalid',
    'no-file': 'no file',
  },
};

export function masterModel(catalog: Catalog, master: Master, lang: Lang = 'zh'): MasterModel {
  const thisRun = master.register.filter((r) => !r.earlier);
  const summary: MasterTable = {
    sheet: MASTER_SHEETS.summary,
    title: `${catalog.countyShort}“一老一小”具体指标完成情况汇总表（${master.period}年度）`,
    // The master is compiled in the name of the office that runs the plan (the catalog says which).
    subtitle: `${catalog.documentNumber}  ${
      catalog.coordinatingOffice
        ? `编制：${catalog.coordinatingOffice.name}（${catalog.coordinatingOffice.bureau}）  `
        : ''
    }本次汇总文件 ${thisRun.length} 个，采用 ${thisRun.filter((r) => r.accepted).length} 个`,
    headers: [
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
    ],
    widths: [11, 30, 7, 9, 10, 9, 9, 9, 12, 18, 7, 42, 28, 36, 30],
    rows: master.rows.map((row) => [
      row.code,
      row.name,
      row.unit,
      row.targetText,
      row.value ?? row.raw,
      statusLabel(row.status, lang),
      row.expected,
      row.gap,
      row.toTarget,
      row.bureau,
      row.issueCount,
      remarks(row, lang),
      row.file,
      conflictText(row),
      row.note,
    ]),
    // 本期完成值 holds the raw text where no number could be read: a bureau's words.
    textColumns: [3, 4, 9, 11, 12, 13, 14],
    statusColumn: 5,
    rowStatus: master.rows.map((row) => row.status),
    progressColumn: 8,
    printColumns: 12,
  };

  const register: MasterTable = {
    sheet: MASTER_SHEETS.register,
    headers: [...REGISTER_HEADERS],
    widths: [32, 22, 8, 10, 12, 15, 20, 8, 8, 10, 50, 30, 14, 30],
    rows: master.register.map((reg) => [
      reg.file,
      reg.bureau,
      reg.period,
      reg.filledBy,
      reg.filledOn,
      reg.phone,
      reg.sha256,
      reg.errors,
      reg.warnings,
      reg.accepted ? (reg.supersededBy ? '已被替代' : '采用') : '退回',
      reg.reason ? fileErrorMessage(reg.reason, lang, reg.file) : '',
      reg.supersededBy,
      reg.reason ? reg.reason.kind : '',
      // The reason's parameters as data, so that a later combine renders it whole again.
      reg.reason ? JSON.stringify(reg.reason.params) : '',
    ]),
    textColumns: [0, 1, 3, 4, 5, 6, 10, 11, 13],
    // 原因代码 and 原因参数 are for the next combine, not for the printed register.
    printColumns: 12,
    statusColumn: 9,
    rowStatus: master.register.map((reg) =>
      !reg.accepted ? 'off-track' : reg.supersededBy ? 'not-judged' : 'achieved',
    ),
  };

  const bureaus = [...new Set(master.completion.map((c) => c.bureau))];
  const codes = [...new Set(master.completion.map((c) => c.code))];
  const completion: CompletionMatrix = {
    sheet: MASTER_SHEETS.completion,
    codes,
    bureaus,
    cells: bureaus.map((bureau) =>
      codes.map((code) => {
        const entry = master.completion.find((c) => c.bureau === bureau && c.code === code);
        if (!entry) return null;
        const status: Status =
          entry.state === 'filled'
            ? 'achieved'
            : entry.state === 'not-applicable'
              ? 'not-judged'
              : entry.role === 'lead'
                ? 'off-track'
                : 'no-data';
        return {
          label: `${COMPLETION_LABEL[lang][entry.state] ?? entry.state}${entry.role === 'lead' ? '★' : ''}`,
          status,
        };
      }),
    ),
    legend:
      lang === 'zh'
        ? `★ 牵头单位。空白：不是该单位的责任指标。（${catalog.documentNumber}）`
        : `★ lead bureau. Blank: not responsible.`,
  };

  const history: MasterTable = {
    sheet: MASTER_SHEETS.history,
    headers: [...HISTORY_HEADERS],
    widths: [8, 13, 10, 14, 10, 22, 30, 20, 12, 22, 9, 30, 30],
    rows: master.history.map((h) => [
      h.period,
      h.code,
      h.value,
      h.raw,
      statusLabel(h.status, lang),
      h.bureau,
      h.file,
      h.fileHash,
      h.filledOn,
      h.importedAt,
      h.superseded ? '是' : '否',
      h.supersededBy,
      h.note,
    ]),
    textColumns: [3, 5, 6, 7, 8, 9, 11, 12],
    statusColumn: 4,
    rowStatus: master.history.map((h) => h.status),
  };

  const counts = (group: { counts: Record<Status, number> }) => STATUSES.map((s) => group.counts[s]);
  const overview: OverviewModel = {
    sheet: MASTER_SHEETS.overview,
    title: `${master.period}年度完成情况总览`,
    statusHeaders: STATUSES.map((s) => STATUS_LABELS[lang][s]),
    bySection: master.overview.bySection.map((g) => ({
      label: g.label,
      counts: counts(g),
      total: counts(g).reduce((a, b) => a + b, 0),
    })),
    byBureau: master.overview.byBureau.map((g) => ({
      label: g.label,
      counts: counts(g),
      total: counts(g).reduce((a, b) => a + b, 0),
    })),
    progress: master.rows
      .filter((row) => row.kind !== 'reform')
      .map((row) => ({
        label: `${row.code} ${row.name}`,
        toTarget: row.toTarget,
        status: row.status,
        statusText: statusLabel(row.status, lang),
      })),
    footnote: `完成进度：从基期值（或首次报送值）到${catalog.targetYear}年目标值已走过的比例。`,
  };

  const cleanedTexts = cleanTexts([summary, register, history]);
  return { summary, register, completion, history, overview, cleanedTexts };
}

function statusFromLabel(label: string): Status {
  for (const lang of ['zh', 'en'] as const) {
    for (const status of STATUSES) if (STATUS_LABELS[lang][status] === label) return status;
  }
  return (STATUSES as readonly string[]).includes(label) ? (label as Status) : 'no-data';
}

function columnsByHeader(sheet: SheetView, headers: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  (sheet.rows[0] ?? []).forEach((cell, i) => {
    const label = cell ? displayText(cell).trim() : '';
    if (headers.includes(label)) map.set(label, i + 1);
  });
  return map;
}

function cellText(sheet: SheetView, row: number, column: number | undefined): string {
  if (!column) return '';
  const cell = cellAt(sheet, row, column);
  if (cell.type === 'string') return cell.value;
  if (cell.type === 'number') return String(cell.value);
  return cell.type === 'empty' ? '' : displayText(cell);
}

function cellNumber(sheet: SheetView, row: number, column: number | undefined): number | null {
  if (!column) return null;
  const cell = cellAt(sheet, row, column);
  if (cell.type === 'number') return cell.value;
  if (cell.type === 'string' && cell.value.trim() !== '' && Number.isFinite(Number(cell.value)))
    return Number(cell.value);
  return null;
}

/** Reads 历史 and 报送登记 of an existing master, so that a combine adds to them; null if it is not a master. */
export function readMasterState(
  workbook: WorkbookView,
): { history: HistoryRow[]; register: RegisterRow[] } | null {
  const historySheet = workbook.sheets.find((s) => s.name === MASTER_SHEETS.history);
  if (!historySheet) return null;
  const h = columnsByHeader(historySheet, HISTORY_HEADERS);
  if (!h.has('编号') || !h.has('文件SHA-256')) return null;
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
      const reason = readStoredReason(
        cellText(registerSheet, r, g.get('原因代码')),
        cellText(registerSheet, r, g.get('原因参数')),
        cellText(registerSheet, r, g.get('原因')),
      );
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
        accepted: cellText(registerSheet, r, g.get('处理结果')) !== '退回',
        reason,
        supersededBy: cellText(registerSheet, r, g.get('被替代（更正文件）')),
        earlier: true,
      });
    }
  }
  return { history, register };
}
