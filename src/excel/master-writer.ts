import {
  HISTORY_PART,
  MASTER_SHEETS,
  SHEET_MAX_ROWS,
  statusColumnsOf,
  columnLetter,
  masterModel,
  readMasterState,
  type Catalog,
  type Lang,
  type Master,
  type MasterModel,
  type MasterRead,
  type MasterTable,
  type WorkbookView,
} from '../core';
import { asText, toSheetView, topLeftOf } from './cells';
import { HEADER_FILL, NOT_RESPONSIBLE_FILL, PayloadBudget, STATUS_FILL, counted, points } from './runtime';
import { structureLockedError } from './host';

/**
 * The county master in the open workbook: read back as its state, and written beside the old
 * master under temporary names, then swapped in. Large sheets (历史, the state) are written and
 * read in blocks, each sync under a running size estimate, so that Excel on the web's 5 MB limit
 * per request and per response is never reached at any number of files.
 */

/** A column of bureau text just written, loaded to prove after the sync that it stayed text. */
interface TextColumnCheck {
  sheet: Excel.Worksheet;
  column: number;
  firstRow: number;
  texts: string[];
  range: Excel.Range;
}

/** Rows of a body written per call; the budget decides where the syncs fall between them. */
const ROWS_PER_CALL = 500;

/**
 * Writes one master table: body in blocks, bureau text kept as text, statuses coloured.
 * Returns the bureau-text columns, their value types queued for loading after the last block.
 */
async function writeTable(
  context: Excel.RequestContext,
  budget: PayloadBudget,
  table: MasterTable,
  name = table.sheet,
): Promise<TextColumnCheck[]> {
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
  // The header stays in view when scrolling, also over a table with no rows yet.
  sheet.freezePanes.freezeRows(headerRow);
  if (table.rows.length === 0) return [];
  const first = headerRow + 1;
  const end = headerRow + table.rows.length;
  // Bureau text goes into text-formatted cells: Excel then keeps it verbatim. Without the format
  // a phone 0883… loses its 0, 2023-12-20 becomes a date, and =… becomes a formula. A figure in
  // such a column (本期完成值 where a number was read) stays a number Excel can sum.
  const text = new Set(table.textColumns);
  const asTextCell = (value: unknown, c: number) => text.has(c) && typeof value === 'string';
  for (let at = 0; at < table.rows.length; at += ROWS_PER_CALL) {
    const block = table.rows.slice(at, at + ROWS_PER_CALL);
    const formats = block.map((row) => row.map((value, c) => (asTextCell(value, c) ? '@' : 'General')));
    const values = block.map((row) => row.map((value) => value ?? ''));
    const coloured = statusColumnsOf(table).map(({ column, statuses }) => ({
      column,
      cells: statuses.slice(at, at + ROWS_PER_CALL).map((status) => [
        {
          format: {
            fill: { color: STATUS_FILL[status].fill },
            font: { color: STATUS_FILL[status].font },
          },
        },
      ]),
    }));
    await budget.spend([formats, values, coloured]);
    const range = sheet.getRange(`A${first + at}:${last}${first + at + block.length - 1}`);
    range.numberFormat = formats;
    range.values = values;
    for (const { column, cells } of coloured) {
      if (cells.length === 0) continue;
      const letter = columnLetter(column + 1);
      sheet
        .getRange(`${letter}${first + at}:${letter}${first + at + block.length - 1}`)
        .setCellProperties(cells);
    }
  }
  sheet.getRange(`A${first}:${last}${end}`).format.wrapText = true;
  if (table.progressColumn !== undefined) {
    const letter = columnLetter(table.progressColumn + 1);
    const progress = sheet.getRange(`${letter}${first}:${letter}${end}`);
    await budget.spend(table.rows.length * 8);
    progress.numberFormat = table.rows.map(() => ['0%']);
    const bars = progress.conditionalFormats.add('DataBar');
    bars.dataBar.barDirection = 'LeftToRight';
  }
  // Proof, not assumption: a '@' cell keeps what is written verbatim (Range.numberFormat, "Text"
  // format), but if a host ever turned bureau text into a formula, number or date, the value type
  // read back says so and writeMaster rewrites the cell as literal text.
  return table.textColumns.map((column) => {
    const letter = columnLetter(column + 1);
    const range = sheet.getRange(`${letter}${first}:${letter}${end}`).load('valueTypes');
    return {
      sheet,
      column,
      firstRow: first,
      texts: table.rows.map((row) => {
        const value = row[column];
        return typeof value === 'string' ? value : '';
      }),
      range,
    };
  });
}

/**
 * Bureau text that did not stay a string (a formula's result, a number, a date) is written again
 * with Excel's leading apostrophe, which keeps any value as literal text. Returns how many.
 */
function repairText(checks: readonly TextColumnCheck[]): number {
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

/** The completion matrix: indicators down, bureaus across, each cell coloured by its state. */
function writeCompletion(context: Excel.RequestContext, model: MasterModel, name: string): void {
  // An indicator a row and a bureau a column, as the command line draws it.
  const completion = context.workbook.worksheets.add(name);
  const grid = model.completion;
  const matrix = [
    grid.header,
    ...grid.rows.map((line) => [...line.labels, ...line.cells.map((c) => c?.label ?? '')]),
  ];
  const right = columnLetter(grid.header.length);
  completion.getRange(`A1:${right}${matrix.length}`).values = matrix;
  const header = completion.getRange(`A1:${right}1`);
  header.format.font.bold = true;
  header.format.fill.color = HEADER_FILL;
  header.format.wrapText = true;
  if (grid.rows.length > 0 && grid.header.length > 2)
    completion.getRange(`C2:${right}${matrix.length}`).setCellProperties(
      grid.rows.map((line) =>
        line.cells.map((cell) => ({
          format: { fill: { color: cell ? STATUS_FILL[cell.status].fill : NOT_RESPONSIBLE_FILL } },
        })),
      ),
    );
  completion.freezePanes.freezeRows(1);
  completion.getRange(`A${matrix.length + 2}`).values = [[model.completion.legend]];
}

/** 总览: counts by area and by lead bureau, progress per indicator, and a chart of it. */
function writeOverview(context: Excel.RequestContext, model: MasterModel, name: string): void {
  const words = model.words;
  const overview = context.workbook.worksheets.add(name);
  overview.getRange('A1').values = [[model.overview.title]];
  overview.getRange('A1').format.font.bold = true;
  overview.getRange('A1').format.font.size = 16;
  const width = model.overview.statusHeaders.length + 2;
  const countRows = [
    [words.bySection, ...model.overview.statusHeaders, words.total],
    ...model.overview.bySection.map((g) => [g.label, ...g.counts, g.total]),
    [''],
    [words.byBureau, ...model.overview.statusHeaders, words.total],
    ...model.overview.byBureau.map((g) => [asText(g.label), ...g.counts, g.total]),
  ].map((row) => [...row, ...Array<string>(width - row.length).fill('')]);
  overview.getRange(`A3:${columnLetter(width)}${2 + countRows.length}`).values = countRows;
  // The indicators to act on, with whose they are and why (the same layout as the command line's).
  const attentionTop = 4 + countRows.length;
  const attention = model.overview.attention;
  overview.getRange(`A${attentionTop}`).values = [[attention.title]];
  overview.getRange(`A${attentionTop}`).format.font.bold = true;
  const attentionRows = [attention.headers, ...attention.rows.map((r) => r.cells.map((c) => asText(c)))];
  overview.getRange(`A${attentionTop + 1}:D${attentionTop + attentionRows.length}`).values = attentionRows;
  overview.getRange(`A${attentionTop + 1}:D${attentionTop + 1}`).format.font.bold = true;
  // 原因 spans to the page's right edge, row by row (Range.merge(true) merges each row across).
  overview
    .getRange(`D${attentionTop + 1}:${columnLetter(width)}${attentionTop + attentionRows.length}`)
    .merge(true);
  if (attention.rows.length > 0)
    overview.getRange(`B${attentionTop + 2}:B${attentionTop + 1 + attention.rows.length}`).setCellProperties(
      attention.rows.map((r) => [
        {
          format: {
            fill: { color: STATUS_FILL[r.status].fill },
            font: { color: STATUS_FILL[r.status].font },
          },
        },
      ]),
    );
  const progressTop = attentionTop + attentionRows.length + 2;
  const progressRows = [
    [...words.progressHeaders],
    // No progress known is an empty cell, as the command line writes it, not 0 %.
    ...model.overview.progress.map((p) => [p.label, p.toTarget ?? '', p.statusText]),
  ];
  const bottom = progressTop + progressRows.length - 1;
  overview.getRange(`A${progressTop}:C${bottom}`).values = progressRows;
  overview.getRange(`B${progressTop + 1}:B${bottom}`).numberFormat = model.overview.progress.map(() => [
    '0%',
  ]);
  overview.getRange('A:A').format.columnWidth = points(34);
  // A real chart of progress to target, beside the table it is drawn from.
  const chart = overview.charts.add(
    'BarClustered',
    overview.getRange(`A${progressTop}:B${bottom}`),
    'Columns',
  );
  chart.title.text = words.chartTitle;
  chart.legend.visible = false;
  chart.setPosition(`E${progressTop}`, `L${progressTop + 24}`);
  overview.getRange(`A${bottom + 2}`).values = [[model.overview.footnote]];
}

/** Characters of state per write call; the budget still decides where the syncs fall. */
const STATE_CHARS_PER_CALL = 1024 * 1024;

/** The durable record: text cells only, in blocks (master-state.ts). Very hidden after the swap. */
async function writeState(
  context: Excel.RequestContext,
  budget: PayloadBudget,
  model: MasterModel,
  name: string,
): Promise<Excel.Worksheet> {
  const sheet = context.workbook.worksheets.add(name);
  const rows = model.state.rows;
  const width = Math.max(1, ...rows.map((r) => r.length));
  let at = 0;
  while (at < rows.length) {
    // A block of rows up to the budget: a row of the state may be a few KB or a few hundred.
    let end = at;
    let size = 0;
    while (end < rows.length && (end === at || size < STATE_CHARS_PER_CALL)) {
      size += (rows[end] ?? []).reduce((n, cell) => n + cell.length, 0);
      end++;
    }
    const block = rows.slice(at, end).map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
    await budget.spend(block);
    const range = sheet.getRange(`A${at + 1}:${columnLetter(width)}${end}`);
    range.numberFormat = block.map(() => Array<string>(width).fill('@'));
    range.values = block;
    at = end;
  }
  return sheet;
}

/** The master's sheets (历史 may be split: historySheets) and the temporary names they are first written under. */
const FIXED = [
  MASTER_SHEETS.summary,
  MASTER_SHEETS.register,
  MASTER_SHEETS.notReported,
  MASTER_SHEETS.completion,
  MASTER_SHEETS.trend,
  MASTER_SHEETS.overview,
  MASTER_SHEETS.state,
];
const temporary = (name: string): string => `~${name}~新`;

/**
 * Writes the master: the new sheets beside the old ones under temporary names, block by block;
 * only when all of it is in does the old master go and the new take its names. A sync is not
 * atomic — deleting first could leave a workbook with neither (or be refused outright where the
 * master's sheets are the only visible ones) — so a failure at any sync leaves the old master whole.
 */
export async function writeMasterIn(
  context: Excel.RequestContext,
  catalog: Catalog,
  master: Master,
  lang: Lang,
  maxRows = SHEET_MAX_ROWS,
): Promise<{ syncs: number; chart: boolean; textRepaired: number }> {
  const model = masterModel(catalog, master, lang, { maxRows });
  const { sync, count } = counted(context);
  const budget = new PayloadBudget(sync);
  const final = [...FIXED, ...model.history.map((t) => t.sheet)];
  // Every sheet's name, in the same round trip: the old master's 历史 may have been split under
  // names this write does not use (historySheets), and those go too.
  const all = context.workbook.worksheets.load('items/name,items/visibility');
  const structure = context.workbook.protection.load('protected');
  await sync();
  // Before anything is written: Excel refuses every new sheet of a protected structure.
  if (structure.protected) throw structureLockedError('写入县汇总');
  const ours = (name: string) =>
    final.includes(name) || name === MASTER_SHEETS.history || HISTORY_PART.test(name);
  const underTemporaryName = (name: string) => /^~(.*)~新$/.exec(name)?.[1];
  const present = all.items
    .filter((sheet) => ours(sheet.name) || ours(underTemporaryName(sheet.name) ?? ''))
    .map((sheet) => ({ name: sheet.name, sheet }));
  // Leftovers of an interrupted write go first (they are ours by their names).
  const remove = (sheet: Excel.Worksheet, visibility: string) => {
    // Worksheet.delete fails on a very hidden sheet: it must be made merely hidden first.
    if (visibility === 'VeryHidden') sheet.visibility = 'Hidden';
    sheet.delete();
  };
  for (const { name, sheet } of present) if (name.startsWith('~')) remove(sheet, sheet.visibility);

  // 总览 first: the leader's page is the first sheet a reader sees.
  writeOverview(context, model, temporary(model.overview.sheet));
  const checks = [
    ...(await writeTable(context, budget, model.summary, temporary(model.summary.sheet))),
    ...(await writeTable(context, budget, model.register, temporary(model.register.sheet))),
    ...(await writeTable(context, budget, model.notReported, temporary(model.notReported.sheet))),
  ];
  writeCompletion(context, model, temporary(model.completion.sheet));
  checks.push(...(await writeTable(context, budget, model.trend, temporary(model.trend.sheet))));
  for (const history of model.history)
    checks.push(...(await writeTable(context, budget, history, temporary(history.sheet))));
  const state = await writeState(context, budget, model, temporary(model.state.sheet));
  await budget.flush();

  // Now the old master goes, and the new one takes its names.
  for (const { name, sheet } of present) if (!name.startsWith('~')) remove(sheet, sheet.visibility);
  for (const name of final) context.workbook.worksheets.getItem(temporary(name)).name = name;
  state.visibility = 'VeryHidden';
  context.workbook.worksheets.getItem(model.overview.sheet).activate();
  await sync();
  const repaired = repairText(checks);
  if (repaired > 0) await sync();
  return { syncs: count(), chart: true, textRepaired: repaired };
}

/** Cells per read: about 2.5 MB of a state's chunks (30,000 characters at most per cell). */
const READ_CELLS = 80;

/**
 * Loads a sheet's used range in blocks of rows, each response well under 5 MB, and gives it as
 * a sheet view. `cellsPerBlock` bounds the cells per read; the blocks adapt to what they hold.
 */
async function readSheet(
  context: Excel.RequestContext,
  name: string,
  cellsPerBlock: number,
  withTypes: boolean,
): Promise<WorkbookView['sheets'][number] | null> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(name);
  const used = sheet.getUsedRangeOrNullObject(true).load(['address', 'rowCount', 'columnCount']);
  await context.sync();
  if (sheet.isNullObject) return null;
  if (used.isNullObject) return toSheetView(name, 'Visible', null);
  const { top, left } = topLeftOf(used.address);
  const rows = used.rowCount;
  const columns = used.columnCount;
  const values: unknown[][] = [];
  const valueTypes: string[][] = [];
  const numberFormat: unknown[][] = [];
  const step = Math.max(1, Math.floor(cellsPerBlock / Math.max(1, columns)));
  for (let at = 0; at < rows; at += step) {
    const n = Math.min(step, rows - at);
    const block = sheet
      .getRange(`${columnLetter(left)}${top + at}:${columnLetter(left + columns - 1)}${top + at + n - 1}`)
      .load(withTypes ? ['values', 'valueTypes', 'numberFormat'] : ['values']);
    await context.sync();
    values.push(...block.values);
    if (withTypes) {
      valueTypes.push(...(block.valueTypes as string[][]));
      numberFormat.push(...block.numberFormat);
    }
  }
  return toSheetView(name, 'Visible', {
    top,
    left,
    values,
    valueTypes: withTypes ? valueTypes : values.map((row) => row.map(() => 'String')),
    numberFormat: withTypes ? numberFormat : values.map((row) => row.map(() => '@')),
  });
}

/**
 * The state of the master in this workbook: its `_state` (read in blocks), or a master of the
 * earlier format (历史 and 报送登记), or why it cannot be read.
 */
export async function readMasterStateIn(
  context: Excel.RequestContext,
  catalog: Catalog,
): Promise<MasterRead> {
  const state = await readSheet(context, MASTER_SHEETS.state, READ_CELLS, false);
  if (state) return readMasterState({ sheets: [state] }, catalog);
  // An earlier master: 历史 holds a row per figure, 13 columns of short text.
  const sheets = [];
  for (const name of [MASTER_SHEETS.history, MASTER_SHEETS.register]) {
    const sheet = await readSheet(context, name, 40_000, true);
    if (sheet) sheets.push(sheet);
  }
  return readMasterState({ sheets }, catalog);
}
