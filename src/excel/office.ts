import {
  ENTRY_SHEET,
  HEADER_COLOUR,
  INPUT_COLOUR,
  STATUS_COLOURS,
  HEADER_FIELDS,
  HEADER_ROW,
  META_SHEET,
  MILESTONE_HEADERS,
  MILESTONE_PROGRESS,
  MILESTONE_SHEET,
  cellRef,
  columnLetter,
  MASTER_SHEETS,
  masterModel,
  readMasterState,
  type Catalog,
  type Lang,
  type Master,
  type MasterTable,
  type TemplateModel,
  type ValidationSpec,
  type MasterRead,
  type WorkbookView,
} from '../core';
import { asText, toSheetView, topLeftOf, type RangeSnapshot } from './cells';
import { HostError, type Capabilities, type CheckOutcome, type ExcelHost } from './host';
import { MARK_COLOURS, markPlan, resultColumnValues } from './marks';

/**
 * The Office.js adapter: the only module that says `Excel.` or `Office.`. One `Excel.run` per
 * user action, loads batched so that a check costs three `context.sync()` round trips whatever
 * the number of rows, and a combine two.
 */

/** Where the clerk's own formatting is kept while marks are shown, so 清除标记 puts it back. */
export const MARKS_SHEET = '_yilao_marks';

const STATUS_FILL = Object.fromEntries(
  Object.entries(STATUS_COLOURS).map(([status, colour]) => [
    status,
    { fill: `#${colour.fill}`, font: `#${colour.font}` },
  ]),
) as Record<string, { fill: string; font: string }>;
const INPUT_FILL = `#${INPUT_COLOUR}`;
const HEADER_FILL = `#${HEADER_COLOUR}`;

/** Character widths of the layout to Excel's points (about 7 points a character at 11 pt). */
const points = (chars: number): number => Math.round(chars * 7 + 5);

function loadSnapshot(range: Excel.Range): Excel.Range {
  return range.load(['address', 'values', 'valueTypes', 'numberFormat', 'text']);
}

function snapshotOf(range: Excel.Range): RangeSnapshot | null {
  if (range.isNullObject) return null;
  const { top, left } = topLeftOf(range.address);
  return {
    top,
    left,
    values: range.values,
    valueTypes: range.valueTypes,
    numberFormat: range.numberFormat,
    text: range.text,
  };
}

function validationRule(spec: ValidationSpec): Excel.DataValidationRule {
  const basic: Excel.BasicDataValidation =
    spec.max === undefined
      ? { formula1: spec.min, operator: 'GreaterThanOrEqualTo' }
      : { formula1: spec.min, formula2: spec.max, operator: 'Between' };
  return spec.type === 'whole' ? { wholeNumber: basic } : { decimal: basic };
}

function counted(context: Excel.RequestContext): { sync: () => Promise<void>; count: () => number } {
  let syncs = 0;
  return {
    sync: async () => {
      syncs++;
      await context.sync();
    },
    count: () => syncs,
  };
}

function writeTemplate(context: Excel.RequestContext, model: TemplateModel): Excel.Worksheet {
  const sheets = context.workbook.worksheets;
  const sheet = sheets.add(ENTRY_SHEET);
  const columns = model.columns;
  const lastColumn = columnLetter(columns.length);
  columns.forEach((c) => {
    sheet.getRange(`${columnLetter(c.column)}:${columnLetter(c.column)}`).format.columnWidth = points(
      c.width,
    );
  });

  const title = sheet.getRange(`A1:${lastColumn}1`);
  title.merge();
  title.values = [[model.title, ...Array<string>(columns.length - 1).fill('')]];
  title.format.font.size = 16;
  title.format.font.bold = true;
  title.format.horizontalAlignment = 'Center';
  title.format.rowHeight = 34;

  for (const field of Object.values(HEADER_FIELDS)) {
    const label = sheet.getRange(field.labelCell);
    label.values = [[field.label]];
    label.format.font.bold = true;
    label.format.horizontalAlignment = 'Right';
    const input = sheet.getRange(field.cell);
    input.format.fill.color = INPUT_FILL;
    input.format.protection.locked = false;
  }
  sheet.getRange(HEADER_FIELDS.bureau.cell).values = [[asText(model.bureau)]];
  sheet.getRange(HEADER_FIELDS.period.cell).values = [[model.period]];
  sheet.getRange(HEADER_FIELDS.filledOn.cell).numberFormat = [['yyyy-mm-dd']];
  sheet.getRange(HEADER_FIELDS.phone.cell).numberFormat = [['@']];

  const header = sheet.getRange(`A${HEADER_ROW}:${lastColumn}${HEADER_ROW}`);
  header.values = [columns.map((c) => c.header)];
  header.format.font.bold = true;
  header.format.fill.color = HEADER_FILL;
  header.format.wrapText = true;
  header.format.horizontalAlignment = 'Center';
  header.format.rowHeight = 30;

  for (const row of model.rows) {
    const range = sheet.getRange(`A${row.row}:${lastColumn}${row.row}`);
    if (row.kind === 'section') {
      range.merge();
      range.values = [[row.label, ...Array<string>(columns.length - 1).fill('')]];
      range.format.font.bold = true;
      range.format.fill.color = '#F2F2F2';
      continue;
    }
    range.values = [[...row.cells, '', '']];
    range.format.wrapText = true;
    range.format.verticalAlignment = 'Center';
    const figure = sheet.getRange(cellRef(row.row, 7));
    figure.format.fill.color = INPUT_FILL;
    figure.format.protection.locked = false;
    figure.numberFormat = [[row.validation.numFmt]];
    figure.dataValidation.rule = validationRule(row.validation);
    figure.dataValidation.prompt = {
      showPrompt: true,
      title: row.validation.promptTitle,
      message: row.validation.prompt,
    };
    // A warning, not a stop: 不适用 must still be typeable; the checker reads the rest.
    figure.dataValidation.errorAlert = {
      showAlert: true,
      style: 'Warning',
      title: '请核对',
      message: row.validation.error,
    };
    const note = sheet.getRange(cellRef(row.row, 8));
    note.format.fill.color = INPUT_FILL;
    note.format.protection.locked = false;
    note.numberFormat = [['@']];
    if (row.expected !== null) {
      const ref = cellRef(row.row, 7);
      const behind = row.indicator.direction === 'higher' ? '<' : '>';
      const format = figure.conditionalFormats.add('Custom');
      format.custom.rule.formula = `=AND(ISNUMBER(${ref}),${ref}${behind}${row.expected})`;
      format.custom.format.fill.color = STATUS_FILL['off-track']?.fill ?? '#FFC7CE';
      format.custom.format.font.color = STATUS_FILL['off-track']?.font ?? '#9C0006';
    }
  }
  sheet.freezePanes.freezeRows(HEADER_ROW);
  sheet.protection.protect({ allowFormatColumns: true, allowFormatRows: true, selectionMode: 'Normal' });

  if (model.milestones.length > 0) {
    const milestones = sheets.add(MILESTONE_SHEET);
    const head = milestones.getRange(`A1:G1`);
    head.values = [[...MILESTONE_HEADERS]];
    head.format.font.bold = true;
    head.format.fill.color = HEADER_FILL;
    [14, 48, 28, 16, 12, 12, 30].forEach((w, i) => {
      milestones.getRange(`${columnLetter(i + 1)}:${columnLetter(i + 1)}`).format.columnWidth = points(w);
    });
    for (const m of model.milestones) {
      milestones.getRange(`A${m.row}:D${m.row}`).values = [[...m.cells]];
      const progress = milestones.getRange(`E${m.row}`);
      progress.format.fill.color = INPUT_FILL;
      progress.format.protection.locked = false;
      progress.dataValidation.rule = { list: { inCellDropDown: true, source: MILESTONE_PROGRESS.join(',') } };
      const figure = milestones.getRange(`F${m.row}`);
      if (m.figure) {
        figure.format.fill.color = INPUT_FILL;
        figure.format.protection.locked = false;
      }
      milestones.getRange(`G${m.row}`).format.protection.locked = false;
    }
    milestones.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
  }

  const meta = sheets.add(META_SHEET);
  meta.getRange(`A1:B${model.meta.length}`).values = model.meta.map(([k, v]) => [k, asText(v)]);
  meta.visibility = 'VeryHidden';
  sheet.activate();
  return sheet;
}

/** A column of bureau text just written, loaded to prove after the sync that it stayed text. */
interface TextColumnCheck {
  sheet: Excel.Worksheet;
  column: number;
  firstRow: number;
  texts: string[];
  range: Excel.Range;
}

/**
 * Writes one master table: values in one call, bureau text kept as text, statuses coloured.
 * Returns the bureau-text columns, their value types queued for loading with the next sync.
 */
function writeTable(
  context: Excel.RequestContext,
  table: MasterTable,
  name = table.sheet,
): TextColumnCheck[] {
  const sheet = context.workbook.worksheets.add(name);
  const titled = table.title !== undefined;
  const headerRow = titled ? 3 : 1;
  const width = table.headers.length;
  const last = columnLetter(width);
  table.widths.forEach((w, i) => {
    sheet.getRange(`${columnLetter(i + 1)}:${columnLetter(i + 1)}`).format.columnWidth = points(w);
  });
  if (titled) {
    sheet.getRange('A1').values = [[table.title ?? '']];
    sheet.getRange('A1').format.font.size = 16;
    sheet.getRange('A1').format.font.bold = true;
    sheet.getRange('A2').values = [[table.subtitle ?? '']];
  }
  const header = sheet.getRange(`A${headerRow}:${last}${headerRow}`);
  header.values = [table.headers];
  header.format.font.bold = true;
  header.format.fill.color = HEADER_FILL;
  header.format.wrapText = true;
  if (table.rows.length === 0) return [];
  const body = sheet.getRange(`A${headerRow + 1}:${last}${headerRow + table.rows.length}`);
  // Bureau text goes into text-formatted cells: Excel then keeps it verbatim. Without the format
  // a phone 0883… loses its 0, 2023-12-20 becomes a date (and the next combine compares
  // 填报日期 as a number), and =… becomes a formula.
  const text = new Set(table.textColumns);
  // A figure in such a column (本期完成值 where a number was read) stays a number Excel can sum.
  const asTextCell = (value: unknown, c: number) => text.has(c) && typeof value === 'string';
  body.numberFormat = table.rows.map((row) =>
    row.map((value, c) => (asTextCell(value, c) ? '@' : 'General')),
  );
  body.values = table.rows.map((row) => row.map((value) => value ?? ''));
  body.format.wrapText = true;
  if (table.progressColumn !== undefined) {
    const letter = columnLetter(table.progressColumn + 1);
    const progress = sheet.getRange(`${letter}${headerRow + 1}:${letter}${headerRow + table.rows.length}`);
    progress.numberFormat = table.rows.map(() => ['0%']);
    const bars = progress.conditionalFormats.add('DataBar');
    bars.dataBar.barDirection = 'LeftToRight';
  }
  if (table.statusColumn !== undefined && table.rowStatus) {
    const letter = columnLetter(table.statusColumn + 1);
    // One call for the whole column, however long the history grows.
    sheet.getRange(`${letter}${headerRow + 1}:${letter}${headerRow + table.rows.length}`).setCellProperties(
      table.rowStatus.map((status) => [
        {
          format: {
            fill: { color: STATUS_FILL[status]?.fill ?? '#FFFFFF' },
            font: { color: STATUS_FILL[status]?.font ?? '#000000' },
          },
        },
      ]),
    );
  }
  sheet.freezePanes.freezeRows(headerRow);
  // Proof, not assumption: a '@' cell keeps what is written verbatim (Range.numberFormat,
  // "Text" format), but if a host ever turned bureau text into a formula, number or date, the
  // value type read back says so and writeMaster rewrites the cell as literal text.
  return table.textColumns.map((column) => {
    const letter = columnLetter(column + 1);
    const range = sheet
      .getRange(`${letter}${headerRow + 1}:${letter}${headerRow + table.rows.length}`)
      .load('valueTypes');
    return {
      sheet,
      column,
      firstRow: headerRow + 1,
      texts: table.rows.map((row) => {
        const value = row[column];
        return typeof value === 'string' ? value : '';
      }),
      range,
    };
  });
}

export function officeHost(): ExcelHost {
  const supported = (version: string): boolean =>
    Office.context.requirements.isSetSupported('ExcelApi', version);

  return {
    capabilities(): Capabilities {
      return { minimum: supported('1.9'), notes: supported('1.18'), mergedAreas: supported('1.13') };
    },

    displayLanguage(): string {
      return Office.context.displayLanguage || 'zh-CN';
    },

    darkTheme(): boolean {
      const background = (Office.context as { officeTheme?: { bodyBackgroundColor?: string } }).officeTheme
        ?.bodyBackgroundColor;
      if (!background || !/^#?[0-9a-f]{6}$/i.test(background)) return false;
      const hex = background.replace('#', '');
      const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
      return 0.2126 * (r ?? 255) + 0.7152 * (g ?? 255) + 0.0722 * (b ?? 255) < 128;
    },

    async insertTemplate(model: TemplateModel): Promise<void> {
      await Excel.run(async (context) => {
        const existing = [ENTRY_SHEET, META_SHEET, MILESTONE_SHEET].map((name) =>
          context.workbook.worksheets.getItemOrNullObject(name),
        );
        await context.sync();
        if (existing.some((sheet) => !sheet.isNullObject)) {
          throw new HostError('template-exists', `当前工作簿已有“${ENTRY_SHEET}”表`);
        }
        writeTemplate(context, model);
        await context.sync();
      });
    },

    async checkActive(check, lang): Promise<CheckOutcome> {
      return Excel.run(async (context) => {
        const { sync, count } = counted(context);
        const sheets = context.workbook.worksheets;
        const active = sheets.getActiveWorksheet().load(['name', 'visibility']);
        const used = loadSnapshot(active.getUsedRangeOrNullObject());
        const helpers = [META_SHEET, MILESTONE_SHEET].map((name) => {
          const sheet = sheets.getItemOrNullObject(name).load(['name', 'visibility']);
          return { sheet, used: loadSnapshot(sheet.getUsedRangeOrNullObject()) };
        });
        const marksSheet = sheets.getItemOrNullObject(MARKS_SHEET);
        const savedMarks = marksSheet.getUsedRangeOrNullObject().load('values');
        const guard = protectionGuard(context, active);
        await sync();

        const view: WorkbookView = {
          sheets: [
            toSheetView(active.name, active.visibility, snapshotOf(used)),
            ...helpers
              .filter((h) => !h.sheet.isNullObject && h.sheet.name !== active.name)
              .map((h) => toSheetView(h.sheet.name, h.sheet.visibility, snapshotOf(h.used))),
          ],
        };
        const checked = check(view, active.name);
        if (typeof checked === 'string')
          return { report: null, unreadable: checked, markingFailed: null, syncs: count() };
        const report = checked;

        // Second round trip: put back any earlier marks, then read the clerk's own formatting
        // of every cell about to be marked.
        guard.lift();
        if (!savedMarks.isNullObject) restoreMarks(context, savedMarks.values);
        const usedColumns = used.isNullObject
          ? 8
          : topLeftOf(used.address).left - 1 + (used.values[0]?.length ?? 0);
        const plan = markPlan(report, lang, usedColumns);
        const result = resultColumnValues(plan);
        const resultRange = active.getRange(result.address).load(['values', 'numberFormat']);
        const originals = plan.cells.map((mark) =>
          (mark.sheet === active.name ? active : sheets.getItem(mark.sheet))
            .getRange(mark.address)
            .getCellProperties({ format: { fill: { color: true, pattern: true }, font: { color: true } } }),
        );
        const canNote = supported('1.18');
        // The clerk's own notes on cells about to carry ours: kept, and put back by 清除标记.
        const ownNotes = plan.cells.map((mark) =>
          canNote && mark.note
            ? context.workbook.notes
                .getItemOrNullObject(`${quoteSheet(mark.sheet)}!${mark.address}`)
                .load('content')
            : null,
        );
        const headerCell = active.getRange(cellRef(plan.headerRow, plan.resultColumn));
        const headerOriginal = headerCell.getCellProperties({
          format: { fill: { color: true, pattern: true }, font: { color: true, bold: true } },
        });
        try {
          await sync();
        } catch (cause) {
          return {
            report,
            unreadable: null,
            markingFailed: cause instanceof Error ? cause.message : String(cause),
            syncs: count(),
          };
        }

        // Third: remember the originals in a very hidden sheet, then mark.
        const saved: (string | number)[][] = [['kind', 'sheet', 'address', 'properties']];
        plan.cells.forEach((mark, i) => {
          const own = ownNotes[i];
          const note = own && !own.isNullObject ? { note: own.content } : {};
          saved.push([
            'cell',
            mark.sheet,
            mark.address,
            JSON.stringify({ ...(originals[i]?.value?.[0]?.[0] ?? {}), ...note }),
          ]);
        });
        saved.push([
          'cell',
          active.name,
          cellRef(plan.headerRow, plan.resultColumn),
          JSON.stringify(headerOriginal.value[0]?.[0] ?? {}),
        ]);
        saved.push([
          'result',
          active.name,
          result.address,
          JSON.stringify({ values: resultRange.values, numberFormat: resultRange.numberFormat }),
        ]);
        const marks = marksSheet.isNullObject ? sheets.add(MARKS_SHEET) : marksSheet;
        marks.getRange(`A1:D${saved.length}`).values = saved.map((row) => row.map((v) => asText(String(v))));
        marks.visibility = 'VeryHidden';

        for (const mark of plan.cells) {
          const range = (mark.sheet === active.name ? active : sheets.getItem(mark.sheet)).getRange(
            mark.address,
          );
          range.format.fill.color = mark.fill;
          range.format.font.color = mark.font;
          if (canNote && mark.note) {
            context.workbook.notes.getItemOrNullObject(`${quoteSheet(mark.sheet)}!${mark.address}`).delete();
            context.workbook.notes.add(`${quoteSheet(mark.sheet)}!${mark.address}`, mark.note);
          }
        }
        const resultCells = active.getRange(result.address);
        resultCells.numberFormat = result.values.map(() => ['@']);
        resultCells.values = result.values.map(([text]) => [asText(text ?? '')]);
        resultCells.format.wrapText = true;
        headerCell.format.fill.color = MARK_COLOURS.header.fill;
        headerCell.format.font.bold = true;
        active.getRange(
          `${columnLetter(plan.resultColumn)}:${columnLetter(plan.resultColumn)}`,
        ).format.columnWidth = points(40);
        guard.restore();
        await sync();
        return { report, unreadable: null, markingFailed: null, syncs: count() };
      });
    },

    async clearMarks(): Promise<boolean> {
      return Excel.run(async (context) => {
        const marksSheet = context.workbook.worksheets.getItemOrNullObject(MARKS_SHEET);
        const saved = marksSheet.getUsedRangeOrNullObject().load('values');
        const guard = protectionGuard(context, context.workbook.worksheets.getActiveWorksheet());
        await context.sync();
        if (marksSheet.isNullObject || saved.isNullObject) return false;
        guard.lift();
        restoreMarks(context, saved.values);
        // A very hidden sheet must be made visible-able before Excel lets it be deleted.
        marksSheet.visibility = 'Hidden';
        marksSheet.delete();
        guard.restore();
        await context.sync();
        return true;
      });
    },

    async select(sheet: string, address: string): Promise<void> {
      await Excel.run(async (context) => {
        const target = context.workbook.worksheets.getItem(sheet);
        target.activate();
        target.getRange(address).select();
        await context.sync();
      });
    },

    async watchFigures(
      onChange: () => void,
      columns: readonly number[] = [7, 8],
    ): Promise<() => Promise<void>> {
      return Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        const handler = sheet.onChanged.add(async (event) => {
          // Our own writes go to the result column; only the figure and note columns matter,
          // wherever the clerk's sheet has them.
          const { left } = topLeftOf(event.address);
          const right = topLeftOf(event.address.split(':')[1] ?? event.address).left;
          if (columns.some((column) => column >= left && column <= right)) onChange();
          await Promise.resolve();
        });
        await context.sync();
        return async () => {
          await Excel.run(handler.context, async (ctx) => {
            handler.remove();
            await ctx.sync();
          });
        };
      });
    },

    async readMasterState(catalog: Catalog): Promise<MasterRead> {
      return Excel.run(async (context) => {
        const sheets = [MASTER_SHEETS.state, MASTER_SHEETS.history, MASTER_SHEETS.register].map((name) => {
          const sheet = context.workbook.worksheets.getItemOrNullObject(name);
          return {
            name,
            sheet,
            used: sheet.getUsedRangeOrNullObject().load(['address', 'values', 'valueTypes', 'numberFormat']),
          };
        });
        await context.sync();
        const view: WorkbookView = {
          sheets: sheets
            .filter((s) => !s.sheet.isNullObject)
            .map((s) =>
              toSheetView(
                s.name,
                'Visible',
                s.used.isNullObject
                  ? null
                  : {
                      ...topLeftOf(s.used.address),
                      values: s.used.values,
                      valueTypes: s.used.valueTypes,
                      numberFormat: s.used.numberFormat,
                    },
              ),
            ),
        };
        return readMasterState(view, catalog);
      });
    },

    async writeMaster(
      catalog: Catalog,
      master: Master,
      lang: Lang,
    ): Promise<{ syncs: number; chart: boolean; textRepaired: number }> {
      const model = masterModel(catalog, master, lang);
      const words = model.words;
      return Excel.run(async (context) => {
        const { sync, count } = counted(context);
        const finals = [
          model.summary.sheet,
          model.register.sheet,
          model.notReported.sheet,
          model.completion.sheet,
          model.history.sheet,
          model.overview.sheet,
          model.state.sheet,
        ];
        // The new master is written beside the old one under temporary names, and only then does
        // the old one go: a sync is not atomic, and deleting first could leave a workbook with
        // neither (or refuse outright where the master's sheets are the only visible ones).
        const temporary = (name: string) => `~${name}~新`;
        const stale = [...finals, ...finals.map(temporary)].map((name) => ({
          name,
          sheet: context.workbook.worksheets.getItemOrNullObject(name).load(['visibility']),
        }));
        await sync();
        // Leftovers of an interrupted write go first (they are ours by name).
        for (const { name, sheet } of stale) {
          if (sheet.isNullObject || !name.startsWith('~')) continue;
          if (sheet.visibility === 'VeryHidden') sheet.visibility = 'Hidden';
          sheet.delete();
        }

        const checks = [
          ...writeTable(context, model.summary, temporary(model.summary.sheet)),
          ...writeTable(context, model.register, temporary(model.register.sheet)),
          ...writeTable(context, model.notReported, temporary(model.notReported.sheet)),
        ];

        const completion = context.workbook.worksheets.add(temporary(model.completion.sheet));
        const matrix = [
          [words.completionCorner, ...model.completion.codes],
          ...model.completion.bureaus.map((bureau, b) => [
            bureau,
            ...model.completion.codes.map((_c, i) => model.completion.cells[b]?.[i]?.label ?? ''),
          ]),
        ];
        completion.getRange(`A1:${columnLetter(matrix[0]?.length ?? 1)}${matrix.length}`).values = matrix;
        completion.getRange(`B2:${columnLetter(matrix[0]?.length ?? 1)}${matrix.length}`).setCellProperties(
          model.completion.cells.map((row) =>
            row.map((cell) => ({
              format: { fill: { color: cell ? (STATUS_FILL[cell.status]?.fill ?? '#FFFFFF') : '#F2F2F2' } },
            })),
          ),
        );
        completion.getRange(`A${matrix.length + 2}`).values = [[model.completion.legend]];

        checks.push(...writeTable(context, model.history, temporary(model.history.sheet)));

        const overview = context.workbook.worksheets.add(temporary(model.overview.sheet));
        overview.getRange('A1').values = [[model.overview.title]];
        overview.getRange('A1').format.font.bold = true;
        overview.getRange('A1').format.font.size = 16;
        const countRows = [
          [words.bySection, ...model.overview.statusHeaders, words.total],
          ...model.overview.bySection.map((g) => [g.label, ...g.counts, g.total]),
          [''],
          [words.byBureau, ...model.overview.statusHeaders, words.total],
          ...model.overview.byBureau.map((g) => [asText(g.label), ...g.counts, g.total]),
        ].map((row) => [
          ...row,
          ...Array<string>(model.overview.statusHeaders.length + 2 - row.length).fill(''),
        ]);
        overview.getRange(
          `A3:${columnLetter(model.overview.statusHeaders.length + 2)}${2 + countRows.length}`,
        ).values = countRows;
        const progressTop = 4 + countRows.length;
        const progressRows = [
          [...words.progressHeaders],
          // No progress known is an empty cell, as the command line writes it, not 0 %.
          ...model.overview.progress.map((p) => [p.label, p.toTarget ?? '', p.statusText]),
        ];
        const progressRange = overview.getRange(`A${progressTop}:C${progressTop + progressRows.length - 1}`);
        progressRange.values = progressRows;
        overview.getRange(`B${progressTop + 1}:B${progressTop + progressRows.length - 1}`).numberFormat =
          model.overview.progress.map(() => ['0%']);
        overview.getRange('A:A').format.columnWidth = points(34);
        // A real chart of progress to target, beside the table it is drawn from.
        const chart = overview.charts.add(
          'BarClustered',
          overview.getRange(`A${progressTop}:B${progressTop + progressRows.length - 1}`),
          'Columns',
        );
        chart.title.text = words.chartTitle;
        chart.legend.visible = false;
        chart.setPosition(`E${progressTop}`, `L${progressTop + 24}`);
        overview.getRange(`A${progressTop + progressRows.length + 1}`).values = [[model.overview.footnote]];

        // The durable record: text cells only, very hidden (master-state.ts).
        const stateSheet = context.workbook.worksheets.add(temporary(model.state.sheet));
        const width = Math.max(...model.state.rows.map((r) => r.length));
        const stateRange = stateSheet.getRange(`A1:${columnLetter(width)}${model.state.rows.length}`);
        stateRange.numberFormat = model.state.rows.map(() => Array<string>(width).fill('@'));
        stateRange.values = model.state.rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
        await sync();

        // Now the old master goes, and the new one takes its names.
        for (const { name, sheet } of stale) {
          if (sheet.isNullObject || name.startsWith('~')) continue;
          if (sheet.visibility === 'VeryHidden') sheet.visibility = 'Hidden';
          sheet.delete();
        }
        for (const name of finals) context.workbook.worksheets.getItem(temporary(name)).name = name;
        stateSheet.visibility = 'VeryHidden';
        context.workbook.worksheets.getItem(model.summary.sheet).activate();
        await sync();
        const repaired = repairText(context, checks);
        if (repaired > 0) await sync();
        return { syncs: count(), chart: true, textRepaired: repaired };
      });
    },
  };
}

/**
 * Bureau text that did not stay a string (a formula's result, a number, a date) is written again
 * with Excel's leading apostrophe, which keeps any value as literal text. Returns how many.
 */
function repairText(context: Excel.RequestContext, checks: readonly TextColumnCheck[]): number {
  let repaired = 0;
  for (const check of checks) {
    // Value types as the strings Office.js sends (cells.ts reads them the same way).
    const types: string[][] = check.range.valueTypes;
    types.forEach(([type], i) => {
      const text = check.texts[i] ?? '';
      if (text === '' || type === 'String') return;
      check.sheet.getRange(`${columnLetter(check.column + 1)}${check.firstRow + i}`).values = [[`'${text}`]];
      repaired++;
    });
  }
  return repaired;
}

/**
 * Marks go on the entry sheet and the milestone sheet, which the template protects. Protection
 * without a password is lifted while marking and put back with the options it had.
 */
function protectionGuard(context: Excel.RequestContext, active: Excel.Worksheet) {
  const milestone = context.workbook.worksheets.getItemOrNullObject(MILESTONE_SHEET);
  const states = [
    {
      sheet: active,
      protection: active.protection.load(['protected', 'options']),
      nullable: null as Excel.Worksheet | null,
    },
    {
      sheet: milestone,
      protection: milestone.protection.load(['protected', 'options']),
      nullable: milestone,
    },
  ];
  const protectedOnes = () =>
    states.filter((s) => (!s.nullable || !s.nullable.isNullObject) && s.protection.protected);
  return {
    lift(): void {
      for (const s of protectedOnes()) s.sheet.protection.unprotect();
    },
    restore(): void {
      for (const s of protectedOnes()) s.sheet.protection.protect(s.protection.options);
    },
  };
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Puts back what the marks covered: the clerk's own fill and font colour, and the result column. */
function restoreMarks(context: Excel.RequestContext, saved: unknown[][]): void {
  const canNote = Office.context.requirements.isSetSupported('ExcelApi', '1.18');
  for (const [kind, sheetName, address, json] of saved.slice(1)) {
    if (typeof sheetName !== 'string' || typeof address !== 'string' || typeof json !== 'string') continue;
    const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
    let properties: {
      values?: unknown[][];
      numberFormat?: unknown[][];
      note?: string;
    } & Excel.SettableCellProperties;
    try {
      properties = JSON.parse(json) as typeof properties;
    } catch {
      continue;
    }
    const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
    const range = sheet.getRange(local);
    if (kind === 'result') {
      if (properties.numberFormat) range.numberFormat = properties.numberFormat;
      if (properties.values)
        range.values = properties.values.map((row) =>
          row.map((v) => (typeof v === 'string' ? asText(v) : v)),
        );
      continue;
    }
    const fill = properties.format?.fill;
    // A cell without a fill reads back as white with pattern None: clear it rather than paint it white.
    if (!fill || fill.pattern === 'None') range.format.fill.clear();
    const settable: Excel.SettableCellProperties = {
      ...(properties.format ? { format: properties.format } : {}),
    };
    range.setCellProperties([[settable]]);
    if (canNote) {
      const where = `${quoteSheet(sheetName)}!${local}`;
      context.workbook.notes.getItemOrNullObject(where).delete();
      if (properties.note !== undefined) context.workbook.notes.add(where, properties.note);
    }
  }
}
