import type ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import {
  NOT_RESPONSIBLE_COLOUR,
  SHEET_MAX_ROWS,
  STATUSES,
  columnLetter,
  statusColumnsOf,
  masterModel,
  type Catalog,
  type Lang,
  type Master,
  type MasterModel,
  type MasterTable,
  type Status,
} from '../core';
import { displayWidth } from './output';
import { spliceWorkbook, type CellFormat, type SplicedRows } from './sheet-writer';
import {
  BODY_FONT,
  BOX,
  STATUS_STYLE,
  TITLE_FONT,
  pageOptions,
  rowHeight,
  solid,
  styleHeaderRow,
} from './style';

/**
 * The county master workbook of spec §7, drawn from the core's master model: titles, headers, page
 * setup and the two drawn sheets (总览, 完成情况) with exceljs's streaming writer; every table's body
 * rows and the durable state as SpreadsheetML text spliced in afterwards (sheet-writer.ts), which is
 * several times faster at a province's scale (BENCHMARKS.md).
 * Every text that came from a bureau's file is written as a plain string value — exceljs writes
 * formulas only from `{ formula }` objects — so `=1+1` or `@SUM` typed by a clerk arrives as
 * the text it was, never as something Excel runs.
 */

const DRESSED_ROWS = 1000;

/**
 * exceljs's streaming writer alone, taken from its own module: the package's entry also loads the
 * reader, the CSV module and the whole document model — about half of exceljs's load time, paid
 * by every combine for a writer it never uses. The class is the one the entry exports.
 */
function streamingWriter(): typeof ExcelJS.stream.xlsx.WorkbookWriter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('exceljs/lib/stream/xlsx/workbook-writer') as typeof ExcelJS.stream.xlsx.WorkbookWriter;
}

function colourStatus(cell: ExcelJS.Cell, status: keyof typeof STATUS_STYLE): void {
  cell.fill = solid(STATUS_STYLE[status].fill);
  cell.font = { ...BODY_FONT, color: { argb: STATUS_STYLE[status].font }, bold: status === 'off-track' };
}

function progressBars(sheet: ExcelJS.Worksheet, ref: string, colour: string): void {
  // In-cell bars of progress to target: they show in Excel, WPS and LibreOffice alike.
  sheet.addConditionalFormatting({
    ref,
    rules: [
      {
        type: 'dataBar',
        priority: 1,
        cfvo: [
          { type: 'num', value: 0 },
          { type: 'num', value: 1 },
        ],
        color: { argb: colour },
        gradient: false,
      } as ExcelJS.DataBarRuleType,
    ],
  });
}

/**
 * A table's title, header, columns, page setup, filter and frozen panes. Its body rows are spliced
 * in afterwards (bodyRows, sheet-writer.ts); what depends on their count is drawn from `table.rows`.
 */
function writeTable(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: MasterTable): void {
  const titled = table.title !== undefined;
  const headerRow = titled ? 3 : 1;
  const last = headerRow + table.rows.length;
  const printArea =
    table.printColumns !== undefined
      ? // Rows absolute: exceljs writes `A1:K9` as `$A1:$K9`, and LibreOffice ignores a print
        // area whose rows are relative (its PDF printed the register's hashes).
        `A$1:${columnLetter(table.printColumns)}$${Math.max(last, headerRow)}`
      : undefined;
  // The streaming writer reads page setup when the sheet is added, not later.
  const sheet = workbook.addWorksheet(table.sheet, {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: titled ? 2 : 0 }],
    ...pageOptions(`${headerRow}:${headerRow}`, printArea),
  });
  sheet.columns = table.widths.map((width) => ({ width, style: { font: BODY_FONT } }));
  const printed = table.printColumns ?? table.headers.length;
  if (titled) {
    sheet.mergeCells(1, 1, 1, printed);
    const title = sheet.getCell('A1');
    title.value = table.title ?? '';
    title.font = TITLE_FONT;
    title.alignment = { horizontal: 'center', vertical: 'middle' };
    sheet.getRow(1).height = 34;
    sheet.getRow(1).commit();
    sheet.mergeCells(2, 1, 2, printed);
    sheet.getCell('A2').value = table.subtitle ?? '';
    sheet.getRow(2).commit();
  }
  const header = sheet.getRow(headerRow);
  table.headers.forEach((h, i) => (header.getCell(i + 1).value = h));
  styleHeaderRow(header, table.headers.length);
  header.commit();

  if (table.progressColumn !== undefined && table.rows.length > 0) {
    const letter = sheet.getColumn(table.progressColumn + 1).letter;
    progressBars(sheet, `${letter}${headerRow + 1}:${letter}${last}`, 'FF5B9BD5');
  }
  sheet.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: Math.max(headerRow, last), column: table.headers.length },
  };
  sheet.commit();
}

function writeCompletion(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  model: MasterModel['completion'],
): void {
  // A4 landscape, an indicator a row and a bureau a column, the bureaus repeated on every page.
  const sheet = workbook.addWorksheet(model.sheet, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }],
    ...pageOptions('1:1'),
  });
  const widths = [11, 28, ...model.header.slice(2).map(() => 10)];
  sheet.columns = widths.map((width) => ({ width }));
  const header = sheet.getRow(1);
  model.header.forEach((h, i) => (header.getCell(i + 1).value = h));
  styleHeaderRow(header, model.header.length);
  // Bureau names wrap in their narrow columns: the header grows to hold them.
  header.height = rowHeight(model.header, widths, 30);
  header.commit();
  model.rows.forEach((line, r) => {
    const row = sheet.getRow(r + 2);
    line.labels.forEach((label, i) => {
      const cell = row.getCell(i + 1);
      cell.value = label;
      cell.border = BOX;
      cell.alignment = { vertical: 'middle', wrapText: true };
    });
    line.cells.forEach((entry, b) => {
      const cell = row.getCell(b + 3);
      cell.border = BOX;
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      if (!entry) {
        cell.fill = solid(`FF${NOT_RESPONSIBLE_COLOUR}`);
        return;
      }
      cell.value = entry.label;
      colourStatus(cell, entry.status);
    });
    row.height = rowHeight(line.labels, widths);
    row.commit();
  });
  sheet.getRow(model.rows.length + 3).getCell(1).value = model.legend;
  sheet.commit();
}

function writeOverview(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  model: MasterModel['overview'],
  words: MasterModel['words'],
): void {
  // The leader's page: A4 landscape, one page (fit to one page wide and one high), the first sheet.
  const options = pageOptions('1:1');
  const sheet = workbook.addWorksheet(model.sheet, {
    ...options,
    pageSetup: { ...options.pageSetup, fitToHeight: 1 },
  });
  const width = model.statusHeaders.length + 2;
  sheet.columns = [{ width: 34 }, ...model.statusHeaders.map(() => ({ width: 11 })), { width: 8 }];
  sheet.mergeCells(1, 1, 1, width);
  sheet.getCell('A1').value = model.title;
  sheet.getCell('A1').font = TITLE_FONT;
  sheet.getCell('A1').alignment = { horizontal: 'center' };
  let r = 3;
  for (const [heading, groups] of [
    [words.bySection, model.bySection],
    [words.byBureau, model.byBureau],
  ] as const) {
    const header = sheet.getRow(r);
    [heading, ...model.statusHeaders, words.total].forEach((h, i) => (header.getCell(i + 1).value = h));
    styleHeaderRow(header, width);
    STATUSES.forEach((s, i) => {
      colourStatus(header.getCell(i + 2), s);
    });
    r++;
    for (const group of groups) {
      const row = sheet.getRow(r++);
      [group.label, ...group.counts, group.total].forEach((v, i) => {
        row.getCell(i + 1).value = v;
        row.getCell(i + 1).border = BOX;
      });
    }
    r++;
  }
  // The indicators to act on, with whose they are and why.
  const heading = sheet.getRow(r++);
  heading.getCell(1).value = model.attention.title;
  heading.getCell(1).font = { ...BODY_FONT, bold: true };
  // 原因 spans the columns to the right edge of the page, so a sentence fits on a line or two.
  const reasonSpan = (row: number) => sheet.mergeCells(row, 4, row, width);
  const attentionHeader = sheet.getRow(r);
  model.attention.headers.forEach((h, i) => (attentionHeader.getCell(i + 1).value = h));
  styleHeaderRow(attentionHeader, model.attention.headers.length);
  reasonSpan(r++);
  const reasonChars = 11 * (width - 3);
  for (const item of model.attention.rows) {
    const row = sheet.getRow(r);
    item.cells.forEach((v, i) => {
      row.getCell(i + 1).value = v;
      row.getCell(i + 1).border = BOX;
      row.getCell(i + 1).alignment = { wrapText: true, vertical: 'middle' };
    });
    colourStatus(row.getCell(2), item.status);
    reasonSpan(r++);
    const lines = Math.max(
      Math.ceil(displayWidth(item.cells[0] ?? '') / 33),
      Math.ceil(displayWidth(item.cells[1] ?? '') / 10),
      Math.ceil(displayWidth(item.cells[3] ?? '') / reasonChars),
      1,
    );
    row.height = lines * 15 + 5;
  }
  r++;
  const header = sheet.getRow(r);
  words.progressHeaders.forEach((h, i) => (header.getCell(i + 1).value = h));
  styleHeaderRow(header, 3);
  const first = r + 1;
  for (const item of model.progress) {
    const row = sheet.getRow(++r);
    row.getCell(1).value = item.label;
    row.getCell(2).value = item.toTarget;
    row.getCell(2).numFmt = '0%';
    row.getCell(3).value = item.statusText;
    colourStatus(row.getCell(3), item.status);
  }
  if (r >= first) progressBars(sheet, `B${first}:B${r}`, 'FF70AD47');
  sheet.getRow(r + 2).getCell(1).value = model.footnote;
  sheet.commit();
}

/**
 * The master's durable record (master-state.ts), very hidden: not a sheet for people, and not one
 * a clerk unhides by accident. Every cell is a plain string.
 */
function addStateSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, state: MasterModel['state']): void {
  // Its rows are spliced in (sheet-writer.ts): plain inline strings, Excel's default format.
  workbook.addWorksheet(state.sheet, { state: 'veryHidden' }).commit();
}

/**
 * The cell formats of the spliced rows: the body font, as a percentage or not, and each status's
 * colours, each with and without the box and wrapping a short table is dressed in.
 */
function splicedFormats(): {
  formats: CellFormat[];
  body: (dressed: boolean, percent: boolean) => number;
  status: (s: Status, dressed: boolean) => number;
} {
  const font = { name: BODY_FONT.name ?? '宋体', size: BODY_FONT.size ?? 11 };
  const box = BOX.top?.color?.argb;
  const dress = (dressed: boolean) => (dressed ? { box, wrap: true } : {});
  const formats: CellFormat[] = [];
  const body = new Map<string, number>();
  for (const dressed of [false, true])
    for (const percent of [false, true])
      body.set(`${dressed}/${percent}`, formats.push({ font, percent, ...dress(dressed) }) - 1);
  const status = new Map<string, number>();
  for (const s of STATUSES)
    for (const dressed of [false, true])
      status.set(
        `${s}/${dressed}`,
        formats.push({
          font: { ...font, colour: STATUS_STYLE[s].font, bold: s === 'off-track' },
          fill: STATUS_STYLE[s].fill,
          ...dress(dressed),
        }) - 1,
      );
  return {
    formats,
    body: (dressed, percent) => body.get(`${dressed}/${percent}`) ?? 0,
    status: (s, dressed) => status.get(`${s}/${dressed}`) ?? 0,
  };
}

/**
 * A table's body rows for sheet-writer.ts. A table of up to DRESSED_ROWS rows is boxed, wrapped and
 * its rows sized to their text; a longer one (a province's history or register) is not — per-cell
 * borders and heights for a log nobody prints cost seconds. The status column carries each row's
 * colours, the progress column a percentage.
 */
function bodyRows(
  table: MasterTable,
  look: ReturnType<typeof splicedFormats>,
): Omit<SplicedRows, 'part'> & { lastColumn: number } {
  const dressed = table.rows.length <= DRESSED_ROWS;
  const statuses = new Map(statusColumnsOf(table).map((s) => [s.column, s.statuses]));
  return {
    firstRow: (table.title === undefined ? 1 : 3) + 1,
    rows: table.rows,
    lastColumn: table.headers.length,
    formatOf: (i, c) => {
      const status = statuses.get(c)?.[i];
      if (status) return look.status(status, dressed);
      const percent = c === table.progressColumn;
      if (!dressed && !percent && (table.rows[i]?.[c] ?? null) === null) return undefined;
      return look.body(dressed, percent);
    },
    // Sized to the printed columns: a SHA-256 or a code column beyond the print area made every
    // row of 报送登记 and 历史 four lines tall on paper.
    heightOf: (i) =>
      dressed ? rowHeight((table.rows[i] ?? []).slice(0, table.printColumns), table.widths) : undefined,
  };
}

export interface MasterWriteNotes {
  /** How many bureau texts had to be cleaned or cut to be stored (characters XML cannot hold, Excel's cell limit). */
  onCleaned?: (count: number) => void;
  /** 历史 outgrew one sheet and was split into these (historySheets). */
  onSplit?: (sheets: string[]) => void;
}

/** Writes the master workbook and returns its bytes. `maxRows` is Excel's, lowered only by tests. */
export async function writeMaster(
  catalog: Catalog,
  master: Master,
  lang: Lang = 'zh',
  notes: MasterWriteNotes = {},
  maxRows = SHEET_MAX_ROWS,
): Promise<Buffer> {
  const model = masterModel(catalog, master, lang, { maxRows });
  if (model.cleanedTexts > 0) notes.onCleaned?.(model.cleanedTexts);
  if (model.history.length > 1) notes.onSplit?.(model.history.map((t) => t.sheet));
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  // Shared strings and styles as Excel writes them; strings stay plain string cells.
  const workbook = new (streamingWriter())({
    stream,
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = 'yilao';
  writeOverview(workbook, model.overview, model.words);
  const tables = [model.summary, model.register, model.notReported, model.trend, ...model.history];
  writeTable(workbook, model.summary);
  writeTable(workbook, model.register);
  writeTable(workbook, model.notReported);
  writeCompletion(workbook, model.completion);
  writeTable(workbook, model.trend);
  for (const history of model.history) writeTable(workbook, history);
  addStateSheet(workbook, model.state);
  await workbook.commit();
  await done;
  const look = splicedFormats();
  const spliced = new Map<string, Omit<SplicedRows, 'part'> & { lastColumn: number }>(
    tables.map((table) => [table.sheet, bodyRows(table, look)]),
  );
  spliced.set(model.state.sheet, {
    firstRow: 1,
    rows: model.state.rows,
    lastColumn: model.state.rows.reduce((n, r) => Math.max(n, r.length), 1),
  });
  return spliceWorkbook(Buffer.concat(chunks), look.formats, spliced);
}
