import {
  SHEET_MAX_ROWS,
  columnLetter,
  combine,
  defaultCatalog,
  masterModel,
  statusColumnsOf,
  type Master,
  type MasterModel,
  type MasterTable,
} from '../../src/core';
import { writeMasterIn } from '../../src/excel/master-writer';
import { officeHost } from '../../src/excel/office';
import { HEADER_FILL, STATUS_FILL, points } from '../../src/excel/runtime';
import { checkedInput } from '../helpers/views';
import { type SheetModel } from '../office/excel-double';
import { officeDoublePerTest } from '../helpers/office';

/**
 * The county master as the add-in writes it into Excel (src/excel/master-writer.ts), sheet by
 * sheet against the layout model both writers draw (src/core/master-layout.ts, spec §7 "Sheets"):
 * where each table starts, its header, widths, text formats, status colours, data bars, frozen
 * rows, 完成情况's colours, 总览's blocks and chart, and the very hidden state. The values
 * themselves are compared with the command line's master in test/excel/parity.test.ts.
 */

const catalog = defaultCatalog();

const office = officeDoublePerTest();

const sheet = (name: string): SheetModel => {
  const found = office.workbook.sheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
};

/** Two periods, two bureaus, a superseded file, a note that looks like a formula, statuses of every colour. */
function twoPeriods(): Master {
  const first = combine(
    catalog,
    [
      checkedInput(
        catalog,
        '民政局-2023.xlsx',
        '县民政局',
        { 'YL-02': 620, 'YL-03': 45, 'YL-06': 0.2, 'YL-07': '约150' },
        { notes: { 'YL-02': '=SUM(1,2)' }, filledOn: '2023-12-18' },
      ),
      checkedInput(
        catalog,
        '民政局-2023-更正.xlsx',
        '县民政局',
        { 'YL-02': 630, 'YL-03': 46 },
        {
          filledOn: '2023-12-22',
        },
      ),
      checkedInput(catalog, '卫健局-2023.xlsx', '县卫生健康局', { 'YL-14': 78, 'YL-15': 100, 'YL-16': 0 }),
    ],
    { importedAt: '2024-01-10 09:00' },
  );
  return combine(
    catalog,
    [
      checkedInput(
        catalog,
        '民政局-2024.xlsx',
        '县民政局',
        { 'YL-02': 700, 'YL-03': 60 },
        {
          period: 2024,
          filledOn: '2024-12-20',
        },
      ),
    ],
    { importedAt: '2025-01-10 09:00', existing: first.state },
  );
}

async function written(): Promise<{ model: MasterModel; master: Master }> {
  const master = twoPeriods();
  await officeHost().writeMaster(catalog, master, 'zh');
  return { model: masterModel(catalog, master, 'zh', { maxRows: SHEET_MAX_ROWS }), master };
}

const valueOf = (s: SheetModel, r: number, c: number) => s.cell(r, c)?.value ?? '';
/**
 * A range the double recorded, without its sheet: the master is written under temporary names
 * and renamed, and Excel moves a sheet's own references with the name, the double does not.
 */
const onSheet = (address: string) => address.slice(address.lastIndexOf('!') + 1);

function expectTable(table: MasterTable): void {
  const s = sheet(table.sheet);
  const headerRow = table.title === undefined ? 1 : 3;
  if (table.title !== undefined) {
    expect([valueOf(s, 1, 1), valueOf(s, 2, 1)]).toStrictEqual([table.title, table.subtitle ?? '']);
    // The title on one line (wrapped, it would make a tall row of a long title).
    expect(s.cell(1, 1)).toMatchObject({ bold: true, fontSize: 16, wrapText: false });
    expect(s.cell(2, 1)).toMatchObject({ bold: false, fontSize: 11, wrapText: false });
  }
  // The header: its words, bold on the header colour, wrapped; no header cell past the table's.
  table.headers.forEach((h, c) => {
    expect([table.sheet, c, valueOf(s, headerRow, c + 1)]).toStrictEqual([table.sheet, c, h]);
    // The title's size is the title's alone: a table without one has its header at 11 pt in A1.
    expect(s.cell(headerRow, c + 1)).toMatchObject({
      bold: true,
      fill: HEADER_FILL,
      wrapText: true,
      fontSize: 11,
    });
  });
  expect(s.cell(headerRow, table.headers.length + 1)).toBeUndefined();
  // Widths of every column, as the layout gives them in characters.
  expect(table.widths.map((_, c) => s.columnWidths.get(c + 1))).toStrictEqual(table.widths.map(points));
  expect(s.frozenRows).toBe(headerRow);
  // The body: each value; bureau text in text format, everything else General; wrapped; not
  // bold. Each status column coloured row by row (fill and font); the other columns left plain.
  // Compared as whole grids of "where: what" lines, so that a difference names its cell.
  const text = new Set(table.textColumns);
  const colours = new Map(statusColumnsOf(table).map((x) => [x.column, x.statuses]));
  const want: string[] = [];
  const got: string[] = [];
  table.rows.forEach((row, r) => {
    row.forEach((value, c) => {
      const cell = s.cell(headerRow + 1 + r, c + 1);
      const where = `${table.sheet}!${columnLetter(c + 1)}${headerRow + 1 + r}`;
      const format =
        c === table.progressColumn ? '0%' : text.has(c) && typeof value === 'string' ? '@' : 'General';
      const status = colours.get(c)?.[r];
      const fill = status ? `${STATUS_FILL[status].fill}/${STATUS_FILL[status].font}` : 'plain';
      want.push(`${where}: ${JSON.stringify(value ?? '')} ${format} wrap bold=false ${fill}`);
      got.push(
        `${where}: ${JSON.stringify(cell?.value ?? '')} ${cell?.numberFormat} ${cell?.wrapText ? 'wrap' : 'nowrap'} bold=${cell?.bold} ${cell?.fill === null || cell?.fill === undefined ? 'plain' : `${cell.fill}/${cell.fontColor}`}`,
      );
    });
  });
  expect(got).toStrictEqual(want);
  expect(s.cell(headerRow + table.rows.length + 1, 1)).toBeUndefined();
  // Progress to target as a data bar, left to right, over exactly the body of its column.
  if (table.progressColumn !== undefined && table.rows.length > 0) {
    const letter = columnLetter(table.progressColumn + 1);
    expect(s.conditionalFormats.map((f) => ({ ...f, address: onSheet(f.address) }))).toStrictEqual([
      {
        address: `${letter}${headerRow + 1}:${letter}${headerRow + table.rows.length}`,
        type: 'DataBar',
        barDirection: 'LeftToRight',
      },
    ]);
  } else expect(s.conditionalFormats).toStrictEqual([]);
}

describe('the master the add-in writes, sheet by sheet against the layout (spec §7 "Sheets")', () => {
  it('县汇总, 报送登记, 未报送, 趋势 and 历史: title, header, widths, text formats, status colours, data bars, frozen header', async () => {
    const { model } = await written();
    // The master this test is about has what each rule needs to be seen.
    expect(model.summary.title).toBeDefined();
    expect(model.summary.progressColumn).toBeDefined();
    expect(statusColumnsOf(model.trend).length).toBeGreaterThan(1);
    expect(model.register.rows.length).toBe(4);
    expect(model.notReported.rows.length).toBeGreaterThan(0);
    for (const table of [model.summary, model.register, model.notReported, model.trend, ...model.history])
      expectTable(table);
  });

  it('完成情况: indicators down, bureaus across, each cell coloured by its state, grey where not responsible', async () => {
    const { model } = await written();
    const grid = model.completion;
    const s = sheet(grid.sheet);
    const right = grid.header.length;
    grid.header.forEach((h, c) => {
      expect(valueOf(s, 1, c + 1)).toBe(h);
      expect(s.cell(1, c + 1)).toMatchObject({ bold: true, fill: HEADER_FILL, wrapText: true });
    });
    expect(s.cell(1, right + 1)).toBeUndefined();
    expect(grid.rows.some((line) => line.cells.includes(null))).toBe(true);
    grid.rows.forEach((line, r) => {
      expect([valueOf(s, r + 2, 1), valueOf(s, r + 2, 2)]).toStrictEqual(line.labels);
      // The labels are not coloured.
      expect([s.cell(r + 2, 1)?.fill ?? null, s.cell(r + 2, 2)?.fill ?? null]).toStrictEqual([null, null]);
      line.cells.forEach((cell, c) => {
        const at = s.cell(r + 2, c + 3);
        expect([r, c, at?.value ?? '', at?.fill]).toStrictEqual([
          r,
          c,
          cell?.label ?? '',
          cell ? STATUS_FILL[cell.status].fill : '#F2F2F2',
        ]);
      });
    });
    expect(s.frozenRows).toBe(1);
    // The legend one row below the table, and nothing between.
    expect(valueOf(s, grid.rows.length + 3, 1)).toBe(grid.legend);
    expect(s.cell(grid.rows.length + 2, 1)?.value ?? '').toBe('');
  });

  it('总览: the title, counts by area and by bureau, the indicators to act on, progress with its chart, the footnote', async () => {
    const { model } = await written();
    const o = model.overview;
    const w = model.words;
    const s = sheet(o.sheet);
    const width = o.statusHeaders.length + 2;
    expect(valueOf(s, 1, 1)).toBe(o.title);
    expect(s.cell(1, 1)).toMatchObject({ bold: true, fontSize: 16 });
    expect(s.cell(3, 1)?.fontSize).toBe(11);
    const counts = [
      [w.bySection, ...o.statusHeaders, w.total],
      ...o.bySection.map((g) => [g.label, ...g.counts, g.total]),
      [],
      [w.byBureau, ...o.statusHeaders, w.total],
      ...o.byBureau.map((g) => [g.label, ...g.counts, g.total]),
    ];
    counts.forEach((row, r) => {
      const got = Array.from({ length: width }, (_, c) => valueOf(s, 3 + r, c + 1));
      expect([r, got]).toStrictEqual([r, [...row, ...Array<string>(width - row.length).fill('')]]);
    });
    // Nothing past the counts' width.
    expect(s.cell(3, width + 1)).toBeUndefined();
    const top = 4 + counts.length;
    expect(valueOf(s, top, 1)).toBe(o.attention.title);
    expect(s.cell(top, 1)?.bold).toBe(true);
    expect(o.attention.rows.length).toBeGreaterThan(0);
    const attention = [o.attention.headers, ...o.attention.rows.map((r) => r.cells)];
    attention.forEach((row, r) => {
      expect([r, [1, 2, 3, 4].map((c) => valueOf(s, top + 1 + r, c))]).toStrictEqual([r, row]);
      // Its header bold, its rows not.
      expect([r, s.cell(top + 1 + r, 1)?.bold]).toStrictEqual([r, r === 0]);
    });
    // 原因 merged to the page's right edge on every row of the block, header included.
    expect(s.merges).toStrictEqual(
      attention.map((_, r) => `D${top + 1 + r}:${columnLetter(width)}${top + 1 + r}`),
    );
    o.attention.rows.forEach((row, r) => {
      expect(s.cell(top + 2 + r, 2)).toMatchObject({
        fill: STATUS_FILL[row.status].fill,
        fontColor: STATUS_FILL[row.status].font,
      });
      expect(s.cell(top + 2 + r, 1)?.fill ?? null).toBeNull();
    });
    expect(s.cell(top + 1, 2)?.fill ?? null).toBeNull();
    const progressTop = top + attention.length + 2;
    const progress = [
      [...w.progressHeaders],
      ...o.progress.map((p) => [p.label, p.toTarget ?? '', p.statusText]),
    ];
    progress.forEach((row, r) => {
      expect([r, [1, 2, 3].map((c) => valueOf(s, progressTop + r, c))]).toStrictEqual([r, row]);
      // Progress as a percentage, the header row left as it is.
      expect([r, s.cell(progressTop + r, 2)?.numberFormat]).toStrictEqual([r, r === 0 ? 'General' : '0%']);
    });
    // No progress known is an empty cell, not 0 %.
    expect(o.progress.some((p) => p.toTarget === null)).toBe(true);
    const bottom = progressTop + progress.length - 1;
    // Column A wide enough for an indicator's name; the others as Excel makes them.
    expect(s.columnWidths.get(1)).toBe(points(34));
    expect(s.columnWidths.get(2)).toBeUndefined();
    expect(s.charts.map((c) => ({ ...c, source: onSheet(c.source) }))).toStrictEqual([
      {
        type: 'BarClustered',
        source: `A${progressTop}:B${bottom}`,
        seriesBy: 'Columns',
        title: w.chartTitle,
        position: [`E${progressTop}`, `L${progressTop + 24}`],
        // One series: a legend would only repeat the header.
        legendVisible: false,
      },
    ]);
    expect(valueOf(s, bottom + 2, 1)).toBe(o.footnote);
    expect(valueOf(s, bottom + 1, 1)).toBe('');
  });

  it('_state: every cell text-formatted, the rows as the model gives them, padded to one width, very hidden', async () => {
    const { model } = await written();
    const s = sheet(model.state.sheet);
    expect(s.visibility).toBe('VeryHidden');
    const width = Math.max(...model.state.rows.map((r) => r.length));
    model.state.rows.forEach((row, r) => {
      for (let c = 0; c < width; c++) {
        const cell = s.cell(r + 1, c + 1);
        expect([r, c, cell?.value ?? '', cell?.numberFormat]).toStrictEqual([r, c, row[c] ?? '', '@']);
      }
    });
    expect(s.cell(model.state.rows.length + 1, 1)).toBeUndefined();
    expect(s.cell(1, width + 1)).toBeUndefined();
  });
});

describe('the master the add-in writes: edges of its blocks', () => {
  it('nothing to act on yet (no file in use): 总览’s attention block is its header alone, nothing coloured', async () => {
    const master = combine(catalog, [], { importedAt: '2024-01-10 09:00' });
    await officeHost().writeMaster(catalog, master, 'zh');
    const model = masterModel(catalog, master, 'zh', { maxRows: SHEET_MAX_ROWS });
    expect(model.overview.attention.rows).toStrictEqual([]);
    const s = sheet(model.overview.sheet);
    const counts = 3 + model.overview.byBureau.length + model.overview.bySection.length;
    const top = 4 + counts;
    expect(valueOf(s, top + 1, 1)).toBe(model.overview.attention.headers[0]);
    expect(s.merges).toStrictEqual([
      `D${top + 1}:${columnLetter(model.overview.statusHeaders.length + 2)}${top + 1}`,
    ]);
    expect([...s.cells.values()].filter((c) => c.fill !== null)).toStrictEqual([]);
    // 报送登记 without a file is its header alone, frozen, nothing below; 未报送 names every bureau.
    expect(model.register.rows).toStrictEqual([]);
    expectTable(model.register);
    expectTable(model.notReported);
  });

  it('a table of whole writes (500 rows a call): every row once, in its place, coloured, nothing past it', async () => {
    // 100 files of one bureau, each its own 填报日期: 历史 keeps every figure of every file.
    const inputs = Array.from({ length: 100 }, (_, i) =>
      checkedInput(
        catalog,
        `民政局-${String(i).padStart(3, '0')}.xlsx`,
        '县民政局',
        {
          'YL-02': 600 + i,
          'YL-03': 40,
          'YL-04': 1,
          'YL-05': 100,
          'YL-06': 0.3,
          'YL-07': 150,
          'YL-10': 30,
          'YL-14': 70,
          'YL-17': 50,
          'YL-15': 100,
        },
        {
          filledOn: `2023-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + Math.floor(i / 12)).padStart(2, '0')}`,
        },
      ),
    );
    const master = combine(catalog, inputs, { importedAt: '2024-01-10 09:00' });
    await officeHost().writeMaster(catalog, master, 'zh');
    const model = masterModel(catalog, master, 'zh', { maxRows: SHEET_MAX_ROWS });
    const [history] = model.history;
    if (!history) throw new Error('no 历史');
    // Two blocks exactly (a write past the last would be an empty block), and 报送登记 one partial block.
    expect(history.rows.length).toBe(1000);
    expect(model.register.rows.length).toBe(100);
    expectTable(history);
    expectTable(model.register);
  });
});

describe('the master the add-in writes: whose sheets it replaces, and reading it back', () => {
  it('replaces only its own sheets and its own leftovers: a user’s sheet with a like name is kept', async () => {
    const master = twoPeriods();
    // A leftover of an interrupted write is the master's; a sheet that only contains such a name is the user's.
    for (const name of ['~县汇总~新', '备份~县汇总~新', '~县汇总~新备份', '县汇总(2)', '历史2023备份'])
      office.workbook.addSheet(name);
    const written = await officeHost().writeMaster(catalog, master, 'zh');
    expect(written.chart).toBe(true);
    const names = office.workbook.sheets.map((s) => s.name);
    expect(names).not.toContain('~县汇总~新');
    for (const kept of ['Sheet1', '备份~县汇总~新', '~县汇总~新备份', '县汇总(2)', '历史2023备份'])
      expect(names).toContain(kept);
  });

  it('a master whose 历史 grew past a sheet replaces the old single 历史 with the parts, none left behind', async () => {
    const master = twoPeriods();
    await officeHost().writeMaster(catalog, master, 'zh');
    expect(office.workbook.sheet('历史')).toBeDefined();
    // The same master where a sheet holds 5 rows: 历史 split by period, 历史2023, 历史2023-2, …
    await Excel.run((context) => writeMasterIn(context, catalog, master, 'zh', 5));
    const names = office.workbook.sheets.map((s) => s.name);
    expect(names).not.toContain('历史');
    expect(names.filter((n) => /^历史\d{4}/.test(n)).length).toBeGreaterThan(2);
  });

  it('a protected structure is refused before anything is written, naming the job in the words of the pane', async () => {
    office.workbook.structure = { protected: true };
    await expect(officeHost().writeMaster(catalog, twoPeriods(), 'zh')).rejects.toMatchObject({
      kind: 'protected',
      message: '工作簿结构受保护，无法写入县汇总：请在“审阅”选项卡中撤销“保护工作簿”后再试。',
    });
  });

  it('an emptied _state sheet is refused as a damaged record, in words, not a crash', async () => {
    office.workbook.addSheet('_state');
    const read = await officeHost().readMasterState(catalog);
    expect(read).toMatchObject({
      kind: 'refused',
      zh: expect.stringMatching(/^汇总表的内部记录.*已损坏或被改动/),
    });
  });

  it('a state of long notes is read back whole, in blocks under Excel on the web’s 5 MB per response', async () => {
    // 58 files each with a note of 20,000 characters: over 2 MB of state, read
    // 80 cells at a time (a state cell holds at most 30,000 characters).
    const note = '说明'.repeat(10_000);
    const inputs = Array.from({ length: 58 }, (_, i) =>
      checkedInput(
        catalog,
        `f-${i}.xlsx`,
        '县民政局',
        { 'YL-02': 600 + i },
        {
          notes: { 'YL-02': `${i}${note}` },
          filledOn: `2023-12-${String(1 + (i % 28)).padStart(2, '0')}`,
        },
      ),
    );
    const master = combine(catalog, inputs, { importedAt: '2024-01-10 09:00' });
    await officeHost().writeMaster(catalog, master, 'zh');
    office.workbook.largestResponse = 0;
    const syncs = office.workbook.syncs;
    const read = await officeHost().readMasterState(catalog);
    if (read.kind !== 'master') throw new Error(read.kind);
    expect(read.state).toEqual(master.state);
    expect(office.workbook.largestResponse).toBeLessThan(3 * 1024 * 1024);
    // One sync for the used range, then one a block of 80 cells' rows, and not one more.
    const rows = model(master).state.rows;
    const width = Math.max(...rows.map((r) => r.length));
    const perBlock = Math.floor(80 / width);
    // Several blocks, the last one full: a read past the end would be one sync more.
    expect(rows.length).toBeGreaterThan(perBlock);
    expect(rows.length % perBlock).toBe(0);
    expect(office.workbook.syncs - syncs).toBe(1 + Math.ceil(rows.length / perBlock));
  });
});

const model = (master: Master) => masterModel(catalog, master, 'zh', { maxRows: SHEET_MAX_ROWS });
