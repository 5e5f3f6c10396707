import {
  buildTemplateModel,
  catalogHash,
  checkSubmission,
  readSubmission,
  sha256Text,
  type Catalog,
  type CheckOptions,
  type CombineInput,
  type SubmissionReport,
  type RawCell,
  type SheetView,
  type WorkbookView,
} from '../../src/core';

export type CellInput = RawCell | string | number | null | undefined;

export function raw(input: CellInput): RawCell | undefined {
  if (input === null || input === undefined) return undefined;
  if (typeof input === 'string') return { type: 'string', value: input };
  if (typeof input === 'number') return { type: 'number', value: input };
  return input;
}

export function sheet(name: string, rows: CellInput[][], extra: Partial<SheetView> = {}): SheetView {
  return { name, visibility: 'visible', rows: rows.map((r) => r.map(raw)), merges: [], ...extra };
}

/**
 * The 指标填报 sheet of the template for a bureau and period, as a grid, with the figures typed
 * into column G by code and notes into H — what a clerk's file looks like to the core.
 */
export function filledView(
  catalog: Catalog,
  bureau: string,
  period: number,
  figures: Record<string, CellInput>,
  options: {
    notes?: Record<string, string>;
    filledOn?: CellInput;
    withMeta?: boolean;
    bureauText?: string;
  } = {},
): WorkbookView {
  const model = buildTemplateModel(catalog, bureau, period, catalogHash(catalog));
  const rows: CellInput[][] = [
    [model.title],
    [
      '填报单位',
      options.bureauText ?? bureau,
      null,
      '报告期',
      period,
      null,
      '填报日期',
      options.filledOn ?? '2023-12-20',
    ],
    ['填报人', '张三', null, '联系电话', '0883-1234567'],
    model.columns.map((c) => c.header),
  ];
  for (const row of model.rows) {
    if (row.kind === 'section') rows.push([row.label]);
    else rows.push([...row.cells, figures[row.indicator.code], options.notes?.[row.indicator.code]]);
  }
  for (const [code, value] of Object.entries(figures)) {
    if (
      !model.rows.some((r) => r.kind === 'indicator' && r.indicator.code === code) &&
      !code.startsWith('XM') &&
      !code.startsWith('GG')
    ) {
      rows.push([code, '', '', '', '', '', value]);
    }
  }
  const sheets = [sheet('指标填报', rows)];
  if (model.milestones.length > 0) {
    const ms: CellInput[][] = [['编号', '任务名称', '预期目标', '责任单位', '完成情况', '完成值', '说明']];
    for (const m of model.milestones) {
      const typed = figures[m.code];
      ms.push([...m.cells, m.figure ? figures[`${m.code}:progress`] : typed, m.figure ? typed : undefined]);
    }
    sheets.push(sheet('重点任务', ms));
  }
  if (options.withMeta !== false) {
    sheets.push(
      sheet(
        '_meta',
        model.meta.map(([k, v]) => [k, v]),
        { visibility: 'veryHidden' },
      ),
    );
  }
  return { sheets };
}

/** A view read and checked as every caller does; a view that cannot be read fails the test. */
export function checkedView(
  catalog: Catalog,
  view: WorkbookView,
  options: CheckOptions = {},
): SubmissionReport {
  const read = readSubmission(view, catalog);
  if (!read.ok) throw new Error(`unreadable: ${read.error.kind}`);
  return checkSubmission(catalog, read.submission, options);
}

/** A bureau's template for a period, filled with figures and notes, read and checked. */
export function checkedReport(
  catalog: Catalog,
  bureau: string,
  period: number,
  figures: Record<string, CellInput>,
  notes: Record<string, string> = {},
): SubmissionReport {
  return checkedView(catalog, filledView(catalog, bureau, period, figures, { notes }));
}

/** A bureau's file as `combine` takes it: filled, read and checked, its hash made from its name. */
export function checkedInput(
  catalog: Catalog,
  file: string,
  bureau: string,
  figures: Record<string, CellInput>,
  options: {
    period?: number;
    notes?: Record<string, string>;
    filledOn?: string;
    convertedFrom?: string;
  } = {},
): CombineInput {
  return {
    file,
    sha256: sha256Text(file),
    report: checkedView(catalog, filledView(catalog, bureau, options.period ?? 2023, figures, options)),
    fileErrors: [],
    ...(options.convertedFrom ? { convertedFrom: options.convertedFrom } : {}),
  };
}
