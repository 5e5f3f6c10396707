import { indicatorsFor, projectIndicators, roleOf } from './catalog';
import type { Catalog, Indicator, Reform } from './catalog/schema';
import { expectedValue, startingPoint } from './status';

/**
 * The standard workbook layout v1 (spec §2), defined once as data. The exceljs writer of the
 * command line and the add-in's Excel writer both draw this model, so a clerk gets the
 * same sheet from either.
 */

export const WORKBOOK_FORMAT = 'yilao-yixiao/indicator-workbook';
export const LAYOUT_VERSION = 1;
export const ENTRY_SHEET = '指标填报';
export const META_SHEET = '_meta';
export const MILESTONE_SHEET = '重点任务';
export const HEADER_ROW = 4;
export const FIRST_DATA_ROW = 5;
/** The header row is searched for within this many rows (spec §3). */
export const HEADER_SEARCH_ROWS = 10;
export const RESULT_HEADER = '核查结果';

/** Header fields of rows 2 and 3: a label cell and the input cell to its right. */
export const HEADER_FIELDS = {
  bureau: { label: '填报单位', labelCell: 'A2', cell: 'B2', row: 2, column: 2 },
  period: { label: '报告期', labelCell: 'D2', cell: 'E2', row: 2, column: 5 },
  filledOn: { label: '填报日期', labelCell: 'G2', cell: 'H2', row: 2, column: 8 },
  filledBy: { label: '填报人', labelCell: 'A3', cell: 'B3', row: 3, column: 2 },
  phone: { label: '联系电话', labelCell: 'D3', cell: 'E3', row: 3, column: 5 },
} as const;

export type ColumnKey = 'code' | 'name' | 'unit' | 'baseline' | 'target' | 'bureaus' | 'value' | 'note';

export interface ColumnSpec {
  key: ColumnKey;
  /** 1-based column in the template. */
  column: number;
  header: string;
  /** Character width for the writer. */
  width: number;
  /** Header texts a reader accepts for this column (after folding), first is the template's. */
  accepts: string[];
  input: boolean;
}

export function entryColumns(catalog: Catalog): ColumnSpec[] {
  return [
    { key: 'code', column: 1, header: '编号', width: 8, accepts: ['编号', '指标编号', '代码'], input: false },
    {
      key: 'name',
      column: 2,
      header: '具体指标',
      width: 44,
      accepts: ['具体指标', '指标名称', '指标'],
      input: false,
    },
    { key: 'unit', column: 3, header: '单位', width: 8, accepts: ['单位', '计量单位'], input: false },
    // 17, not 14: the header as §2 words it, 基期值（2020年）, fits on one line; at 14 its closing
    // bracket alone wrapped onto a second line of the printed header.
    {
      key: 'baseline',
      column: 4,
      header: `基期值（${catalog.baseYear}年）`,
      width: 17,
      accepts: ['基期值', '基期', `${catalog.baseYear}年`],
      input: false,
    },
    {
      key: 'target',
      column: 5,
      header: `目标值（${catalog.targetYear}年）`,
      width: 17,
      accepts: ['目标值', '目标', `${catalog.targetYear}年目标`],
      input: false,
    },
    { key: 'bureaus', column: 6, header: '责任单位', width: 26, accepts: ['责任单位'], input: false },
    {
      key: 'value',
      column: 7,
      header: '本期完成值',
      width: 14,
      accepts: ['本期完成值', '完成值', '本期值', '本年完成值'],
      input: true,
    },
    { key: 'note', column: 8, header: '说明', width: 30, accepts: ['说明', '备注', '情况说明'], input: true },
  ];
}

export function templateTitle(catalog: Catalog, period: number): string {
  return `${catalog.countyShort}“一老一小”具体指标完成情况填报表（${period}年度）`;
}

/** `—` where the plan gives no figure; otherwise as the plan prints it (`≥90`). */
export function printedFigure(figure: { printed: string } | null): string {
  return figure ? figure.printed : '—';
}

/**
 * The target as the template shows it: as printed, and where the catalog reads the printed
 * figure otherwise (YL-09's `1` for a percentage), what it is read as, so the clerk types 100.
 */
export function targetText(indicator: Indicator): string {
  const printed = indicator.target.printed;
  const printedValue = Number(printed.replace(/[^\d.]/g, ''));
  if (indicator.unit.kind === 'percent' && printedValue !== indicator.target.value) {
    return `${printed}（按${indicator.target.value}%）`;
  }
  return printed;
}

export interface ValidationSpec {
  type: 'decimal' | 'whole';
  min: number;
  max?: number;
  /** Shown when the clerk selects the cell: unit and target. */
  prompt: string;
  promptTitle: string;
  error: string;
  /**
   * Number format of the input cell: General for every figure. A typed `80%` or `3-5` then leaves
   * its mark in the file in all three programs — Excel and LibreOffice both give a General cell
   * the percent or date format the input implies, but LibreOffice keeps an explicit format such as
   * `0.0` and stores a bare 0.8 or 46086 (its rule #i22345: only a default format is replaced), which
   * no reader can tell from a clerk typing 0.8 or 46086. docs/typing-matrix.md has the trial.
   */
  numFmt: 'General';
}

export function validationFor(indicator: Indicator, catalog: Catalog): ValidationSpec {
  const targetYear = indicator.targetYear ?? catalog.targetYear;
  const prompt = `单位：${indicator.unit.label}；${targetYear}年目标：${targetText(indicator)}`;
  switch (indicator.unit.kind) {
    case 'percent':
      return {
        type: 'decimal',
        min: 0,
        max: 100,
        prompt: `${prompt}。填 0–100 之间的数字，如 85 表示 85%。`,
        promptTitle: indicator.code,
        error: '本指标单位为“%”，请填写 0–100 之间的数字（85 表示 85%）。文字请写在“说明”栏。',
        numFmt: 'General',
      };
    case 'count':
      return {
        type: 'whole',
        min: 0,
        prompt: `${prompt}。只填整数，不要带“${indicator.unit.label}”字。`,
        promptTitle: indicator.code,
        error: `本指标单位为“${indicator.unit.label}”，请只填写整数，如 620。文字请写在“说明”栏。`,
        numFmt: 'General',
      };
    case 'per-thousand':
    case 'amount':
      return {
        type: 'decimal',
        min: 0,
        prompt: `${prompt}。只填数字。`,
        promptTitle: indicator.code,
        error: `本指标单位为“${indicator.unit.label}”，请只填写数字。文字请写在“说明”栏。`,
        numFmt: 'General',
      };
  }
}

export type TemplateRow =
  | { kind: 'section'; row: number; label: string }
  | {
      kind: 'indicator';
      row: number;
      indicator: Indicator;
      cells: [string, string, string, string, string, string];
      validation: ValidationSpec;
      /** The period's expected value: a figure below it is coloured by the template itself. */
      expected: number | null;
      lead: boolean;
    };

export interface MilestoneRow {
  row: number;
  code: string;
  cells: [string, string, string, string];
  /** Only the project's figures take a number in 完成值. */
  figure: Indicator | null;
  /** 完成值's validation, a project figure's as an indicator's of its unit; none for a reform. */
  validation: ValidationSpec | null;
  reform: Reform | null;
}

export interface TemplateModel {
  title: string;
  bureau: string;
  period: number;
  columns: ColumnSpec[];
  rows: TemplateRow[];
  milestones: MilestoneRow[];
  meta: [string, string][];
}

export const MILESTONE_HEADERS = [
  '编号',
  '任务名称',
  '预期目标',
  '责任单位',
  '完成情况',
  '完成值',
  '说明',
] as const;
export const MILESTONE_PROGRESS = ['未启动', '推进中', '已完成'] as const;
export type MilestoneProgress = (typeof MILESTONE_PROGRESS)[number];

export function bureausText(indicator: Indicator): string {
  return [indicator.lead, ...indicator.coResponsible].join('、');
}

/** Everything the template for one bureau and one period shows. */
export function buildTemplateModel(
  catalog: Catalog,
  bureau: string,
  period: number,
  catalogHash: string,
): TemplateModel {
  const rows: TemplateRow[] = [];
  let row = FIRST_DATA_ROW;
  const mine = indicatorsFor(catalog, bureau);
  for (const section of catalog.sections) {
    const inSection = mine.filter((indicator) => indicator.section === section.id);
    if (inSection.length === 0) continue;
    rows.push({ kind: 'section', row: row++, label: section.label });
    for (const indicator of inSection) {
      const start = startingPoint(catalog, indicator, period);
      rows.push({
        kind: 'indicator',
        row: row++,
        indicator,
        cells: [
          indicator.code,
          indicator.name,
          indicator.unit.label,
          printedFigure(indicator.baseline),
          targetText(indicator),
          bureausText(indicator),
        ],
        validation: validationFor(indicator, catalog),
        expected: expectedValue(catalog, indicator, period, start),
        lead: roleOf(indicator, bureau) === 'lead',
      });
    }
  }

  const milestones: MilestoneRow[] = [];
  let milestoneRow = 2;
  for (const reform of catalog.milestones.reforms.filter((r) => r.bureau === bureau)) {
    milestones.push({
      row: milestoneRow++,
      code: reform.code,
      cells: [
        reform.code,
        `${reform.name}：${reform.measure}`,
        `${reform.expected}（${reform.dueYear}年）`,
        reform.bureau,
      ],
      figure: null,
      validation: null,
      reform,
    });
  }
  for (const project of catalog.milestones.projects.filter((p) => p.bureau === bureau)) {
    for (const figure of projectIndicators(project)) {
      milestones.push({
        row: milestoneRow++,
        code: figure.code,
        cells: [
          figure.code,
          figure.name,
          `${figure.target.printed}${figure.unit.label}（${project.endYear}年）`,
          bureau,
        ],
        figure,
        validation: validationFor(figure, catalog),
        reform: null,
      });
    }
  }

  return {
    title: templateTitle(catalog, period),
    bureau,
    period,
    columns: entryColumns(catalog),
    rows,
    milestones,
    meta: [
      ['format', WORKBOOK_FORMAT],
      ['version', String(LAYOUT_VERSION)],
      ['catalog', catalog.id],
      ['catalogHash', catalogHash],
      ['bureau', bureau],
      ['period', String(period)],
    ],
  };
}
