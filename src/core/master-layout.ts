import { allFigureIndicators, roleOf } from './catalog';
import type { Catalog, Indicator, Reform } from './catalog/schema';
import type { ChoiceRule, HistoryRow, Master, MasterRow, NotReported, RegisterRow } from './combine';
import { ISSUE_LABELS, STATUS_LABELS, fileErrorMessage, issueMessage, statusLabel } from './messages';
import { readStoredReason } from './file-error-schema';
import {
  STATE_SHEET,
  readStateRows,
  stateRows,
  type FileRecord,
  type MasterState,
  type RecordEntry,
} from './master-state';
import { statusText } from './report';
import { QUESTIONING_KINDS } from './checks';
import { displayText } from './parse';
import { cellSafeText, tidyNumber } from './text';
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
  notReported: '未报送',
  completion: '完成情况',
  trend: '趋势',
  history: '历史',
  overview: '总览',
  state: STATE_SHEET,
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
  '状态代码',
] as const;

/** The history headers of masters written before the state was kept (read, never written). */
const LEGACY_HISTORY_HEADERS = HISTORY_HEADERS.slice(0, 13);

export const REGISTER_HEADERS = [
  '文件名',
  '填报单位',
  '报告期',
  '填报人',
  '填报日期',
  '联系电话',
  '错误数',
  '提醒数',
  '处理结果',
  '原因与处理',
  '采用的文件',
  '导入时间',
  'SHA-256',
  '结果代码',
  '原因代码',
] as const;

/** The register headers of masters written before the state was kept (read, never written). */
const LEGACY_REGISTER_HEADERS = [
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
  /** Further status columns (趋势: one a period), each with a status a row. */
  moreStatusColumns?: { column: number; statuses: Status[] }[];
  /** Column (0-based) of progress to target, 0–1: shown as a data bar and a percentage. */
  progressColumn?: number;
  /** Columns that print; the rest are reference columns to the right. */
  printColumns?: number;
}

/**
 * 完成情况: which bureau has reported what, an indicator a row and a bureau a column (a bureau a
 * row with 39 code columns shrank to a third of its size on A4). Both writers draw it as it is.
 */
export interface CompletionMatrix {
  sheet: string;
  /** The corner, 具体指标, then the bureaus. */
  header: string[];
  /** A row a code: its code and name, then per bureau its label and colour, or null where not responsible. */
  rows: { labels: [string, string]; cells: ({ label: string; status: Status } | null)[] }[];
  legend: string;
}

export interface OverviewModel {
  sheet: string;
  title: string;
  statusHeaders: string[];
  bySection: { label: string; counts: number[]; total: number }[];
  byBureau: { label: string; counts: number[]; total: number }[];
  progress: { label: string; toTarget: number | null; status: Status; statusText: string }[];
  /** The indicators a leader must hear about: behind, at risk, to confirm, or unusable, with whose and why. */
  attention: { title: string; headers: string[]; rows: { cells: string[]; status: Status }[] };
  footnote: string;
}

export interface MasterModel {
  summary: MasterTable;
  register: MasterTable;
  notReported: MasterTable;
  trend: MasterTable;
  completion: CompletionMatrix;
  /**
   * 历史, one sheet while it fits Excel's rows; past that, one sheet per period (`历史2023`), and a
   * period past it in parts (`历史2023-2`) — never a sheet Excel would cut (historySheets).
   */
  history: MasterTable[];
  overview: OverviewModel;
  /** The very hidden `_state` sheet: text cells only (master-state.ts). */
  state: { sheet: string; rows: string[][] };
  /** Fixed words of the sheets both writers draw, in the master's language. */
  words: MasterWords;
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

function conflictText(row: MasterRow, lang: Lang): string {
  return lang === 'zh'
    ? row.conflicts.map((c) => `${c.bureau}：${c.value}（${c.file}）`).join('；')
    : row.conflicts.map((c) => `${c.bureau}: ${c.value} (${c.file})`).join('; ');
}

/** 历史's 说明: a project figure's 完成情况 first, as 县汇总 says it, then the bureau's own note. */
function historyNote(row: HistoryRow, lang: Lang): string {
  if (!row.progressText) return row.note;
  const progress = lang === 'zh' ? `完成情况：${row.progressText}` : `progress: ${row.progressText}`;
  if (!row.note) return progress;
  return lang === 'zh' ? `${progress}；${row.note}` : `${progress}; ${row.note}`;
}

function remarks(row: MasterRow, lang: Lang): string {
  const notes: string[] = [];
  // A project figure's 完成情况 (only theirs are on a row: a reform's is its value, in 本期完成值).
  if (row.progressText)
    notes.push(lang === 'zh' ? `完成情况：${row.progressText}` : `progress: ${row.progressText}`);
  if (row.fromCoResponsible)
    notes.push(lang === 'zh' ? '牵头单位未报，取自协同单位' : 'lead sent none; from a co-responsible bureau');
  if (row.conflicts.length > 0) {
    const values = row.conflicts.map((c) => `${c.bureau} ${c.value}`).join(' / ');
    notes.push(lang === 'zh' ? `各单位数值不一致：${values}` : `bureaus disagree: ${values}`);
  }
  if (row.status === 'to-confirm') notes.push(statusText(row, lang));
  for (const issue of row.issues)
    notes.push(`${ISSUE_LABELS[lang][issue.kind]}${lang === 'zh' ? '：' : ': '}${issueMessage(issue, lang)}`);
  if (row.legacy)
    notes.push(
      lang === 'zh'
        ? '此数取自旧版汇总表：当时未保存问题明细，如需核查请重新汇总原文件'
        : 'from a master of an earlier version, which did not store issues; combine the original file again to check it',
    );
  return notes.join(lang === 'zh' ? '；' : '; ');
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

/** Fixed words of the master's sheets, once, for both writers. */
export interface MasterWords {
  completionCorner: string;
  completionName: string;
  attention: string;
  attentionHeaders: [string, string, string, string];
  bySection: string;
  byBureau: string;
  total: string;
  progressHeaders: [string, string, string];
  chartTitle: string;
}

const WORDS: Record<Lang, MasterWords> = {
  zh: {
    completionCorner: '指标 \\ 填报单位',
    completionName: '具体指标',
    attention: '需要关注的指标（滞后、存在风险、待核实、无效）',
    attentionHeaders: ['指标', '状态', '牵头单位', '原因'],
    bySection: '按方面',
    byBureau: '按牵头单位',
    total: '合计',
    progressHeaders: ['指标', '完成进度', '状态'],
    chartTitle: '各指标完成进度',
  },
  en: {
    completionCorner: 'indicator \\ bureau',
    completionName: 'indicator',
    attention: 'Indicators to act on (off track, at risk, to confirm, invalid)',
    attentionHeaders: ['indicator', 'status', 'lead bureau', 'why'],
    bySection: 'by area',
    byBureau: 'by lead bureau',
    total: 'total',
    progressHeaders: ['indicator', 'progress', 'status'],
    chartTitle: 'Progress to target',
  },
};

const OUTCOME_LABEL: Record<Lang, Record<RegisterRow['outcome'], string>> = {
  zh: { used: '采用', superseded: '已被替代', 'to-confirm': '待确认', rejected: '退回' },
  en: { used: 'used', superseded: 'superseded', 'to-confirm': 'to decide', rejected: 'rejected' },
};

const RULE_TEXT: Record<Lang, Record<Exclude<ChoiceRule, 'decided'>, string>> = {
  zh: {
    'kept-earlier': '它已在汇总表中使用',
    'fewer-errors': '它的错误较少',
    'more-figures': '它的可用数字较多',
    'earlier-received': '它收到得较早',
    content: '两份各项相同，按文件内容的固定顺序',
  },
  en: {
    'kept-earlier': 'it was already in use',
    'fewer-errors': 'it has fewer errors',
    'more-figures': 'it has more usable figures',
    'earlier-received': 'it was received earlier',
    content: 'the files are alike in every respect; by a fixed order of their content',
  },
};

/** What the register says about a file beyond its outcome: the reason, the replacement, the choice to make. */
export function registerText(row: RegisterRow, lang: Lang): string {
  if (row.reason) return fileErrorMessage(row.reason, lang, row.file);
  if (row.outcome === 'superseded')
    return row.byDecision
      ? lang === 'zh'
        ? `已确认保留“${row.supersededBy}”，本文件不采用。`
        : `The office chose "${row.supersededBy}"; this file is not used.`
      : lang === 'zh'
        ? `“${row.supersededBy}”的填报日期更晚，已替代本文件。`
        : `"${row.supersededBy}" has a later 填报日期 and replaces this file.`;
  if (row.outcome === 'to-confirm' && row.pending) {
    // A few names, then how many: a register row stays readable (and small) however many tie.
    const named = row.pending.others.slice(0, 3).map((f) => (lang === 'zh' ? `“${f}”` : `"${f}"`));
    const more = row.pending.otherCount - named.length;
    const others =
      named.join(lang === 'zh' ? '、' : ', ') +
      (more > 0 ? (lang === 'zh' ? `等 ${row.pending.otherCount} 个文件` : ` and ${more} more`) : '');
    const rule = RULE_TEXT[lang][row.pending.rule];
    return lang === 'zh'
      ? `与${others}是同一单位同一报告期的文件，填报日期相同或未填，需要确认用哪一份。确认前${
          row.pending.keptHere ? '暂用本文件' : `暂用“${row.supersededBy}”`
        }（${rule}）。确认方法：命令行加 --keep "要保留的文件名"，或在加载项“汇总”页选择。`
      : `Same bureau and period as ${others}, with the same or no 填报日期: the office must choose one. Until then ${
          row.pending.keptHere ? 'this file is used' : `"${row.supersededBy}" is used`
        } (${rule}). To choose: --keep "file" on the command line, or the choice in the add-in's 汇总 tab.`;
  }
  const notes: string[] = [];
  if (row.convertedFrom)
    notes.push(
      lang === 'zh'
        ? `原文件为 ${row.convertedFrom} 格式，已用 LibreOffice 转换为 .xlsx 后读取。`
        : `Sent as ${row.convertedFrom}; read after LibreOffice converted it to .xlsx.`,
    );
  if (row.decided) notes.push(lang === 'zh' ? '已确认保留此文件。' : 'Kept by the office’s decision.');
  if (row.legacy)
    notes.push(
      lang === 'zh'
        ? '取自旧版汇总表，问题明细未保存。'
        : 'From a master of an earlier version; issues were not stored.',
    );
  return notes.join(' ');
}

const ATTENTION: ReadonlySet<Status> = new Set(['off-track', 'at-risk', 'to-confirm', 'invalid']);

/** What the plan says of a master row's code: a figure's indicator (a project's included) or a reform. */
interface PlanItem {
  indicator?: Indicator;
  reform?: Reform;
}

function planItemOf(catalog: Catalog, code: string): PlanItem {
  const indicator = allFigureIndicators(catalog).find((i) => i.code === code);
  if (indicator) return { indicator };
  const reform = catalog.milestones.reforms.find((r) => r.code === code);
  return reform ? { reform } : {};
}

/** Why an indicator needs attention, in a line a leader reads: the figure against the line, or the doubt. */
function attentionWhy(catalog: Catalog, item: PlanItem, row: MasterRow, lang: Lang): string {
  const first =
    row.issues.find((i) => i.severity === 'error') ?? row.issues.find((i) => QUESTIONING_KINDS.has(i.kind));
  if ((row.status === 'invalid' || row.status === 'to-confirm') && first) return issueMessage(first, lang);
  // A reform has no figure: what its bureau chose against its due year (§2), never “未填报”.
  const { reform } = item;
  if (reform)
    return lang === 'zh'
      ? `完成情况：${row.raw.trim()}，方案要求 ${reform.dueYear} 年完成`
      : `progress: ${row.raw.trim()}; due in ${reform.dueYear}`;
  if (row.value === null) {
    // Typed but unreadable, with no issue to say why (a master of the earlier format stored none):
    // what was typed, never “未填报”.
    const typed = row.raw.trim();
    if (typed)
      return lang === 'zh'
        ? `填写的“${typed}”不是可用的数字，请核实`
        : `"${typed}" is not a usable figure; check it`;
    return lang === 'zh' ? '未填报' : 'no figure';
  }
  const unit = row.unit;
  if (row.expected !== null)
    return lang === 'zh'
      ? `本期 ${row.value}${unit}，应达 ${row.expected}${unit}${row.gap !== null ? `，距目标差 ${row.gap}${unit}` : ''}`
      : `${row.value} ${unit} against ${row.expected} expected${row.gap !== null ? `; ${row.gap} short of the target` : ''}`;
  // A project's figures have the project's own end year; every other indicator the plan's.
  const year = item.indicator?.targetYear ?? catalog.targetYear;
  return lang === 'zh'
    ? `本期 ${row.value}${unit}，目标：${year} 年达到 ${row.targetText}${unit}`
    : `${row.value} ${unit}; target ${row.targetText} ${unit} by ${year}`;
}

/** What the office is told about a bureau without a file in use: none received, or why each was not used. */
export function notReportedText(item: NotReported, lang: Lang): string {
  if (item.files.length === 0) return lang === 'zh' ? '未收到文件' : 'no file received';
  return item.files
    .map((f) =>
      f.reason
        ? fileErrorMessage(f.reason, lang, f.file)
        : lang === 'zh'
          ? `“${f.file}”${OUTCOME_LABEL.zh[f.outcome]}`
          : `"${f.file}" ${OUTCOME_LABEL.en[f.outcome]}`,
    )
    .join(lang === 'zh' ? '；' : '; ');
}

/** Rows of a worksheet in Excel (Excel specifications and limits: 1,048,576 rows by 16,384 columns). */
export const SHEET_MAX_ROWS = 1_048_576;

/** Every status column of a table with its statuses: the row's own, then the further ones. */
export function statusColumnsOf(table: MasterTable): { column: number; statuses: Status[] }[] {
  return [
    ...(table.statusColumn !== undefined && table.rowStatus
      ? [{ column: table.statusColumn, statuses: table.rowStatus }]
      : []),
    ...(table.moreStatusColumns ?? []),
  ];
}

/** A split history's sheet names, `历史2023`, `历史2023-2`: how a later write knows them as the master's to replace. */
export const HISTORY_PART = /^历史(\d{4})(?:-(\d+))?$/;

/**
 * 历史 as sheets Excel can hold: one sheet while header and rows fit in `maxRows`; otherwise split
 * by period (the rows of a period stay together, periods in order), and a period that alone
 * outgrows a sheet continues on `历史2023-2`, each part with the header.
 */
export function historySheets(
  table: MasterTable,
  periods: readonly number[],
  maxRows = SHEET_MAX_ROWS,
): MasterTable[] {
  const perSheet = maxRows - 1;
  if (table.rows.length <= perSheet) return [table];
  const byPeriod = new Map<number, number[]>();
  periods.forEach((p, i) => byPeriod.set(p, [...(byPeriod.get(p) ?? []), i]));
  const sheets: MasterTable[] = [];
  for (const period of [...byPeriod.keys()].sort((a, b) => a - b)) {
    const indexes = byPeriod.get(period) ?? [];
    for (let part = 0; part * perSheet < indexes.length; part++) {
      const slice = indexes.slice(part * perSheet, (part + 1) * perSheet);
      sheets.push({
        ...table,
        sheet: `${MASTER_SHEETS.history}${period}${part > 0 ? `-${part + 1}` : ''}`,
        rows: slice.map((i) => table.rows[i] ?? []),
        ...(table.rowStatus ? { rowStatus: slice.map((i) => table.rowStatus?.[i] ?? 'no-data') } : {}),
        ...(table.moreStatusColumns
          ? {
              moreStatusColumns: table.moreStatusColumns.map((m) => ({
                column: m.column,
                statuses: slice.map((i) => m.statuses[i] ?? 'no-data'),
              })),
            }
          : {}),
      });
    }
  }
  return sheets;
}

export function masterModel(
  catalog: Catalog,
  master: Master,
  lang: Lang = 'zh',
  options: { maxRows?: number } = {},
): MasterModel {
  const words = WORDS[lang];
  const count = (outcome: RegisterRow['outcome']) =>
    master.register.filter((r) => r.outcome === outcome).length;
  const tally =
    lang === 'zh'
      ? `汇总表共收到文件 ${master.register.length} 个：采用 ${count('used')}，待确认 ${count('to-confirm')}，已被替代 ${count('superseded')}，退回 ${count('rejected')}`
      : `${master.register.length} files received: ${count('used')} used, ${count('to-confirm')} to decide, ${count('superseded')} superseded, ${count('rejected')} rejected`;
  const summary: MasterTable = {
    sheet: MASTER_SHEETS.summary,
    title:
      lang === 'zh'
        ? `${catalog.countyShort}“一老一小”具体指标完成情况汇总表（${master.period}年度）`
        : `${catalog.countyShort} elderly and childcare indicators: county master (${master.period})`,
    // The master is compiled in the name of the office that runs the plan (the catalog says which).
    subtitle: `${catalog.documentNumber}  ${
      catalog.coordinatingOffice
        ? lang === 'zh'
          ? `编制：${catalog.coordinatingOffice.name}（${catalog.coordinatingOffice.bureau}）  `
          : `compiled by: ${catalog.coordinatingOffice.name} (${catalog.coordinatingOffice.bureau})  `
        : ''
    }${tally}`,
    headers:
      lang === 'zh'
        ? [
            '编号',
            '具体指标',
            '单位',
            '目标值',
            '上期完成值',
            '本期完成值',
            '比上期',
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
          ]
        : [
            'code',
            'indicator',
            'unit',
            'target',
            'last period',
            'value',
            'change',
            'status',
            'expected',
            'gap',
            'progress',
            'source bureau',
            'issues',
            'remarks',
            'source file',
            'conflicts',
            'note',
          ],
    widths: [11, 30, 7, 9, 10, 10, 8, 9, 9, 9, 12, 18, 7, 42, 28, 36, 30],
    rows: master.rows.map((row) => [
      row.code,
      row.name,
      row.unit,
      row.targetText,
      row.previous?.value ?? null,
      row.value ?? row.raw,
      row.previous && row.value !== null ? tidyNumber(row.value - row.previous.value) : null,
      statusLabel(row.status, lang),
      row.expected,
      row.gap,
      row.toTarget,
      row.bureau,
      row.issueCount,
      remarks(row, lang),
      row.file,
      conflictText(row, lang),
      row.note,
    ]),
    // 本期完成值 holds the raw text where no number could be read: a bureau's words.
    textColumns: [3, 5, 11, 13, 14, 15, 16],
    statusColumn: 7,
    rowStatus: master.rows.map((row) => row.status),
    progressColumn: 10,
    printColumns: 14,
  };

  const register: MasterTable = {
    sheet: MASTER_SHEETS.register,
    headers: [...REGISTER_HEADERS],
    widths: [32, 22, 8, 10, 12, 15, 8, 8, 10, 60, 30, 17, 20, 10, 14],
    rows: master.register.map((reg) => [
      reg.file,
      reg.bureau,
      reg.period,
      reg.filledBy,
      reg.filledOn,
      reg.phone,
      reg.errors,
      reg.warnings,
      reg.decided
        ? `${OUTCOME_LABEL[lang].used}${lang === 'zh' ? '（已确认）' : ' (decided)'}`
        : OUTCOME_LABEL[lang][reg.outcome],
      registerText(reg, lang),
      reg.supersededBy,
      reg.importedAt,
      reg.sha256,
      reg.outcome,
      reg.reason ? reg.reason.kind : '',
    ]),
    textColumns: [0, 1, 3, 4, 5, 9, 10, 11, 12],
    // 导入时间, SHA-256 and the codes are for tracing and filtering, not for the printed register.
    printColumns: 11,
    statusColumn: 8,
    rowStatus: master.register.map((reg) =>
      reg.outcome === 'rejected'
        ? 'off-track'
        : reg.outcome === 'superseded'
          ? 'not-judged'
          : reg.outcome === 'to-confirm'
            ? 'to-confirm'
            : 'achieved',
    ),
  };

  const notReported: MasterTable = {
    sheet: MASTER_SHEETS.notReported,
    title:
      lang === 'zh'
        ? `${master.period}年度未报送单位（催报名单）`
        : `Bureaus without a file in use, ${master.period}`,
    subtitle:
      lang === 'zh'
        ? `共 ${master.notReported.length} 个单位。被退回的文件写明了原因，请据此通知重报。`
        : `${master.notReported.length} bureaus. Rejected files say why; ask for them again.`,
    headers:
      lang === 'zh'
        ? ['填报单位', '牵头的指标和任务', '协同的指标', '情况']
        : ['bureau', 'leads', 'shares', 'situation'],
    widths: [24, 40, 30, 70],
    rows: master.notReported.map((item) => [
      item.bureau,
      item.leads.join('、'),
      item.shares.join('、'),
      notReportedText(item, lang),
    ]),
    textColumns: [0, 3],
    printColumns: 4,
  };

  const bureaus = [...new Set(master.completion.map((c) => c.bureau))];
  const codes = [...new Set(master.completion.map((c) => c.code))];
  const cellOf = new Map(master.completion.map((c) => [`${c.bureau}\u0000${c.code}`, c]));
  const nameOf = new Map(master.rows.map((row) => [row.code, row.name]));
  const completion: CompletionMatrix = {
    sheet: MASTER_SHEETS.completion,
    header: [words.completionCorner, words.completionName, ...bureaus],
    rows: codes.map((code) => ({
      labels: [code, nameOf.get(code) ?? ''],
      cells: bureaus.map((bureau) => {
        const entry = cellOf.get(`${bureau}\u0000${code}`);
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
    })),
    legend:
      lang === 'zh'
        ? `★ 牵头单位。空白：不是该单位的责任指标。（${catalog.documentNumber}）`
        : `★ lead bureau. Blank: not responsible.`,
  };

  const history: MasterTable = {
    sheet: MASTER_SHEETS.history,
    headers: [...HISTORY_HEADERS],
    widths: [8, 13, 10, 14, 10, 22, 30, 20, 12, 17, 9, 30, 30, 12],
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
      h.superseded ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no',
      h.supersededBy,
      historyNote(h, lang),
      h.status,
    ]),
    textColumns: [3, 5, 6, 7, 8, 9, 11, 12],
    statusColumn: 4,
    rowStatus: master.history.map((h) => h.status),
    // Through 文件名: the hash, times and codes are for tracing, not for paper.
    printColumns: 7,
  };

  const periods = master.trend[0]?.cells.map((c) => c.period) ?? [master.period];
  const trend: MasterTable = {
    sheet: MASTER_SHEETS.trend,
    title:
      lang === 'zh'
        ? `各指标历年完成情况（${periods.join('、')}年）`
        : `Indicators by period (${periods.join(', ')})`,
    subtitle:
      lang === 'zh'
        ? `每期的完成值取自该期采用的文件（牵头单位优先），应达值按方案从基期到${catalog.targetYear}年的直线计算。`
        : `Each period's value is from the files used for it (lead bureau first); expected values follow the plan's straight line to ${catalog.targetYear}.`,
    headers: [
      ...(lang === 'zh' ? ['编号', '具体指标', '单位'] : ['code', 'indicator', 'unit']),
      ...periods.flatMap((p) =>
        lang === 'zh'
          ? [`${p}年完成值`, `${p}年应达值`, `${p}年状态`]
          : [`${p} value`, `${p} expected`, `${p} status`],
      ),
    ],
    widths: [11, 30, 7, ...periods.flatMap(() => [10, 10, 9])],
    rows: master.trend.map((row) => [
      row.code,
      row.name,
      row.unit,
      ...row.cells.flatMap((c) => [c.value ?? (c.raw || null), c.expected, statusLabel(c.status, lang)]),
    ]),
    // A period's value holds the raw text where no number could be read.
    textColumns: periods.map((_p, i) => 3 + i * 3),
    // Each period's status in its colours, as 县汇总 shows the current one.
    moreStatusColumns: periods.map((_p, i) => ({
      column: 5 + i * 3,
      statuses: master.trend.map((row) => row.cells[i]?.status ?? 'no-data'),
    })),
    printColumns: 3 + periods.length * 3,
  };

  const counts = (group: { counts: Record<Status, number> }) => STATUSES.map((s) => group.counts[s]);
  const overview: OverviewModel = {
    sheet: MASTER_SHEETS.overview,
    title: lang === 'zh' ? `${master.period}年度完成情况总览` : `Overview, ${master.period}`,
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
    attention: {
      title: words.attention,
      headers: [...words.attentionHeaders],
      rows: master.rows
        .filter((row) => ATTENTION.has(row.status))
        .map((row) => {
          const item = planItemOf(catalog, row.code);
          return {
            cells: [
              `${row.code} ${row.name}`,
              statusText(row, lang),
              item.indicator?.lead ?? item.reform?.bureau ?? '',
              attentionWhy(catalog, item, row, lang),
            ],
            status: row.status,
          };
        }),
    },
    footnote:
      lang === 'zh'
        ? `完成进度：从基期值（或首次报送值）到${catalog.targetYear}年目标值已走过的比例。待核实：数字有未说明的疑点，核实前不计入达标或正常推进。`
        : `Progress: the share of the way from the baseline (or first reported value) to the ${catalog.targetYear} target. To confirm: a figure with an unexplained doubt, not counted as achieved or on track until confirmed.`,
  };

  const cleanedTexts = cleanTexts([summary, register, notReported, trend, history]);
  return {
    summary,
    register,
    notReported,
    completion,
    trend,
    history: historySheets(
      history,
      master.history.map((h) => h.period),
      options.maxRows,
    ),
    overview,
    state: { sheet: MASTER_SHEETS.state, rows: stateRows(master.state) },
    words,
    cleanedTexts,
  };
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

/** What reading a workbook as a master gave. */
export type MasterRead =
  | { kind: 'master'; state: MasterState }
  /** Written before the state was kept: facts carried over, with what it never stored said. */
  | { kind: 'legacy'; state: MasterState; notes: { zh: string; en: string } }
  | { kind: 'not-master' }
  | { kind: 'refused'; zh: string; en: string };

/**
 * Reads the state of an existing master so that a combine adds to it: the `_state` sheet, or a
 * master of the earlier format (历史 and 报送登记 only). Never guesses: what cannot be read
 * exactly is refused with why.
 */
export function readMasterState(workbook: WorkbookView, catalog: Catalog): MasterRead {
  const stateSheet = workbook.sheets.find((s) => s.name === MASTER_SHEETS.state);
  if (stateSheet) {
    const rows = stateSheet.rows.map((_row, r) =>
      Array.from({ length: stateSheet.rows[r]?.length ?? 0 }, (_c, c) => cellText(stateSheet, r + 1, c + 1)),
    );
    const read = readStateRows(rows);
    if (read.ok) return { kind: 'master', state: read.state };
    return read.problem === 'newer'
      ? {
          kind: 'refused',
          zh: `这个汇总表由更新版本的 yilao 写成（${read.detail}），本版本不能读取。请升级 yilao 后再汇总。`,
          en: `This master was written by a newer yilao (${read.detail}). Upgrade yilao to combine into it.`,
        }
      : {
          kind: 'refused',
          zh: `汇总表的内部记录（隐藏的“${MASTER_SHEETS.state}”工作表）已损坏或被改动（${read.detail}），无法可靠地接着汇总。请用备份的汇总表，或把所有原文件重新汇总到一个新文件。`,
          en: `The master's record (the hidden "${MASTER_SHEETS.state}" sheet) is damaged or was edited (${read.detail}). Use a backup, or combine all original files into a new master.`,
        };
  }
  return readLegacyMaster(workbook, catalog);
}

function statusFromLabel(label: string): Status | null {
  for (const lang of ['zh', 'en'] as const) {
    for (const status of STATUSES) if (STATUS_LABELS[lang][status] === label) return status;
  }
  return (STATUSES as readonly string[]).includes(label) ? (label as Status) : null;
}

/** A master of the format before `_state`: its 历史 and 报送登记 carried over as file records. */
function readLegacyMaster(workbook: WorkbookView, catalog: Catalog): MasterRead {
  const historySheet = workbook.sheets.find((s) => s.name === MASTER_SHEETS.history);
  if (!historySheet) return { kind: 'not-master' };
  const h = columnsByHeader(historySheet, LEGACY_HISTORY_HEADERS);
  if (!h.has('编号') || !h.has('文件SHA-256') || !h.has('报告期')) return { kind: 'not-master' };
  const indicators = new Map(allFigureIndicators(catalog).map((i) => [i.code, i]));
  const byHash = new Map<string, FileRecord>();
  const current = new Set<string>();
  let period = 0;
  for (let r = 2; r <= historySheet.rows.length; r++) {
    const rowPeriod = cellNumber(historySheet, r, h.get('报告期'));
    const code = cellText(historySheet, r, h.get('编号'));
    const sha256 = cellText(historySheet, r, h.get('文件SHA-256')).toLowerCase();
    if (rowPeriod === null && !code) continue;
    const label = cellText(historySheet, r, h.get('状态'));
    const status = statusFromLabel(label);
    if (rowPeriod === null || !code || !/^[0-9a-f]{64}$/.test(sha256) || !status) {
      return {
        kind: 'refused',
        zh: `旧版汇总表的“历史”第 ${r} 行无法准确读取（报告期、编号、文件SHA-256 或状态“${label}”不对），为免误读，未接着汇总。请用备份的汇总表，或把所有原文件重新汇总到一个新文件。`,
        en: `Row ${r} of 历史 in this earlier-format master cannot be read exactly (period, code, SHA-256 or status "${label}"). Not combined into, to avoid misreading it. Use a backup, or combine all original files into a new master.`,
      };
    }
    period = Math.max(period, rowPeriod);
    const bureau = cellText(historySheet, r, h.get('填报单位'));
    let record = byHash.get(sha256);
    if (!record) {
      record = {
        file: cellText(historySheet, r, h.get('文件名')),
        sha256,
        importedAt: cellText(historySheet, r, h.get('导入时间')),
        bureau: bureau || null,
        bureauText: bureau,
        period: rowPeriod,
        filledBy: '',
        filledOn: cellText(historySheet, r, h.get('填报日期')),
        phone: '',
        fileErrors: [],
        sheetIssues: [],
        errors: 0,
        warnings: 0,
        entries: [],
        legacy: true,
      };
      byHash.set(sha256, record);
    }
    if (cellText(historySheet, r, h.get('已被替代')) !== '是') current.add(sha256);
    const value = cellNumber(historySheet, r, h.get('完成值'));
    const raw = cellText(historySheet, r, h.get('填写内容'));
    const indicator = indicators.get(code);
    const entry: RecordEntry = {
      code,
      role: indicator && bureau ? roleOf(indicator, bureau) : 'lead',
      cell: null,
      raw,
      value,
      state:
        status === 'invalid' ? 'invalid' : value !== null ? 'value' : raw === '' ? 'empty' : 'not-applicable',
      note: cellText(historySheet, r, h.get('说明')),
      issues: [],
    };
    record.entries.push(entry);
  }

  const registerSheet = workbook.sheets.find((s) => s.name === MASTER_SHEETS.register);
  if (registerSheet) {
    const g = columnsByHeader(registerSheet, LEGACY_REGISTER_HEADERS);
    for (let r = 2; r <= registerSheet.rows.length; r++) {
      const file = cellText(registerSheet, r, g.get('文件名'));
      const sha256 = cellText(registerSheet, r, g.get('SHA-256')).toLowerCase();
      if (!file || !/^[0-9a-f]{64}$/.test(sha256)) continue;
      const known = byHash.get(sha256);
      const details = {
        filledBy: cellText(registerSheet, r, g.get('填报人')),
        phone: cellText(registerSheet, r, g.get('联系电话')),
        errors: cellNumber(registerSheet, r, g.get('错误数')) ?? 0,
        warnings: cellNumber(registerSheet, r, g.get('提醒数')) ?? 0,
      };
      if (known && known.file === file) {
        Object.assign(known, details);
        continue;
      }
      const rejected = cellText(registerSheet, r, g.get('处理结果')) === '退回';
      const reason = rejected
        ? (readStoredReason(
            cellText(registerSheet, r, g.get('原因代码')),
            cellText(registerSheet, r, g.get('原因参数')),
            cellText(registerSheet, r, g.get('原因')),
          ) ?? { kind: 'recorded' as const, params: { text: cellText(registerSheet, r, g.get('原因')) } })
        : null;
      const bureau = cellText(registerSheet, r, g.get('填报单位'));
      byHash.set(`${sha256}\u0000${file}`, {
        file,
        sha256,
        importedAt: '',
        bureau: bureau || null,
        bureauText: bureau,
        period: cellNumber(registerSheet, r, g.get('报告期')),
        filledOn: cellText(registerSheet, r, g.get('填报日期')),
        ...details,
        fileErrors: reason ? [reason] : [],
        sheetIssues: [],
        entries: known ? known.entries : [],
        legacy: true,
      });
    }
  }
  const files = [...byHash.values()];
  return {
    kind: 'legacy',
    state: { catalogId: catalog.id, period, files, decisions: [], current: [...current] },
    notes: {
      zh: `这是旧版 yilao 写的汇总表：已接着汇总，其中 ${files.length} 个文件的数值、状态和说明都已带入；旧版没有保存各数字的问题明细（如“约数”“疑似小数当百分比”），这些在“备注”中注明“问题明细未保存”。需要时请把原文件重新汇总。`,
      en: `This master was written by an earlier yilao: combined into, with the figures, statuses and notes of its ${files.length} files carried over; it never stored each figure's issues, which 备注 says. Combine the original files again where that matters.`,
    },
  };
}
