import {
  HEADER_COLOUR,
  HEADER_FIELDS,
  HEADER_ROW,
  INPUT_COLOUR,
  MILESTONE_HEADERS,
  MILESTONE_PROGRESS,
  STATUS_COLOURS,
  buildTemplateModel,
  catalogHash,
  columnLetter,
  checkWorkbook,
  combine,
  defaultCatalog,
  type SubmissionReport,
  type WorkbookView,
} from '../../src/core';
import { HostError, STRUCTURE_LOCKED } from '../../src/excel/host';
import { MARKS_SHEET, officeHost } from '../../src/excel/office';
import { points } from '../../src/excel/runtime';
import fc from 'fast-check';
import {
  SheetModel as SheetModelForTest,
  enter,
  excelBehaviour,
  installOfficeDouble,
  parseAddress,
  type OfficeDouble,
} from '../office/excel-double';

const catalog = defaultCatalog();
const check = (view: WorkbookView): SubmissionReport | string => {
  const result = checkWorkbook(catalog, view);
  return result.ok ? result.report : result.error.kind;
};

let office: OfficeDouble;
beforeEach(() => {
  office = installOfficeDouble();
  office.workbook.addSheet('Sheet1');
});
afterEach(() => {
  office.uninstall();
});

async function withTemplate(bureau = '县民政局', period = 2023) {
  const host = officeHost();
  await host.insertTemplate(buildTemplateModel(catalog, bureau, period, catalogHash(catalog)));
  return host;
}
const sheet = (name = '指标填报') => office.workbook.sheet(name)!;
/** `G7` → [7, 7]: the row and column the double's `cell(row, column)` takes. */
const rowColumn = (ref: string): [number, number] => {
  const { top, left } = parseAddress(ref);
  return [top, left];
};
const rowOf = (code: string) => {
  for (const [key, cell] of sheet().cells)
    if (key.endsWith(',1') && cell.value === code) return Number(key.split(',')[0]);
  throw new Error(`no row for ${code}`);
};

describe('insertTemplate', () => {
  it('writes the standard sheet, _meta very hidden, the milestone sheet, validation and protection', async () => {
    await withTemplate();
    const wb = office.workbook;
    expect(wb.sheets.map((s) => [s.name, s.visibility])).toStrictEqual([
      ['Sheet1', 'Visible'],
      ['指标填报', 'Visible'],
      ['重点任务', 'Visible'],
      ['_meta', 'VeryHidden'],
    ]);
    expect(wb.active).toBe('指标填报');
    expect(sheet().cell(2, 2)?.value).toBe('县民政局');
    expect(sheet().cell(2, 5)?.value).toBe(2023);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => sheet().cell(4, c)?.value)).toStrictEqual([
      '编号',
      '具体指标',
      '单位',
      '基期值（2020年）',
      '目标值（2025年）',
      '责任单位',
      '本期完成值',
      '说明',
    ]);
    const beds = rowOf('YL-02');
    expect(sheet().validations.get(`G${beds}`)).toMatchObject({
      rule: { wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } },
      prompt: { showPrompt: true, message: expect.stringContaining('单位：张；2025年目标：800') },
      errorAlert: { style: 'Warning' },
    });
    expect(sheet().cell(beds, 7)?.locked).toBe(false);
    expect(sheet().cell(beds, 8)?.locked).toBe(false);
    expect(sheet().cell(beds, 1)?.locked).toBe(true);
    expect(sheet().protection.protected).toBe(true);
    expect(sheet().frozenRows).toBe(4);
    // Behind the period's line reads as off track does everywhere: its pink and dark red.
    expect(sheet().conditionalFormats.find((f) => f.address.endsWith(`G${beds}`))).toMatchObject({
      type: 'Custom',
      formula: `=AND(ISNUMBER(G${beds}),G${beds}<740)`,
      fill: `#${STATUS_COLOURS['off-track'].fill}`,
      fontColor: `#${STATUS_COLOURS['off-track'].font}`,
    });
    expect(sheet('_meta').cell(4, 2)?.value).toBe(catalogHash(catalog));
  });

  it('formats the sheets as the layout says: inputs open and coloured, the rest locked; 重点任务 with its list and widths', async () => {
    await withTemplate();
    const model = buildTemplateModel(catalog, '县民政局', 2023, catalogHash(catalog));
    const input = `#${INPUT_COLOUR}`;
    const header = `#${HEADER_COLOUR}`;
    const entry = sheet();
    // The title across the table, bold; each header field's label bold, its input open and coloured.
    expect(entry.merges).toContain(`A1:${columnLetter(model.columns.length)}1`);
    expect(entry.cell(1, 1)).toMatchObject({
      value: model.title,
      bold: true,
      fontSize: 16,
      horizontalAlignment: 'Center',
    });
    expect(entry.cell(2, 1)?.fontSize).toBe(11);
    // The title's row and the header's are given their heights; the rest keep Excel's, so a
    // row Excel grows for wrapped text is not held short.
    expect([...entry.rowHeights]).toStrictEqual([
      [1, 34],
      [HEADER_ROW, 30],
    ]);
    for (const field of Object.values(HEADER_FIELDS)) {
      const [label, cell] = [field.labelCell, field.cell].map((ref) => entry.cell(...rowColumn(ref)));
      expect(label).toMatchObject({ value: field.label, bold: true, horizontalAlignment: 'Right' });
      expect(cell).toMatchObject({ fill: input, locked: false });
    }
    expect(entry.cell(...rowColumn(HEADER_FIELDS.filledOn.cell))?.numberFormat).toBe('yyyy-mm-dd');
    expect(entry.cell(...rowColumn(HEADER_FIELDS.phone.cell))?.numberFormat).toBe('@');
    model.columns.forEach((c) => {
      expect(entry.cell(HEADER_ROW, c.column)).toMatchObject({
        bold: true,
        fill: header,
        wrapText: true,
        horizontalAlignment: 'Center',
      });
      expect(entry.columnWidths.get(c.column)).toBe(points(c.width));
    });
    // Under a merge nothing hides in the other cells for a reader of the file to find.
    const hiddenUnderMerge = (row: number) =>
      model.columns
        .slice(1)
        .map((c) => entry.cell(row, c.column)?.value ?? '')
        .filter((v) => v !== '');
    expect(hiddenUnderMerge(1)).toStrictEqual([]);
    for (const row of model.rows) {
      if (row.kind === 'section') {
        expect(entry.merges).toContain(`A${row.row}:${columnLetter(model.columns.length)}${row.row}`);
        expect(entry.cell(row.row, 1)).toMatchObject({ value: row.label, bold: true, fill: '#F2F2F2' });
        expect(hiddenUnderMerge(row.row)).toStrictEqual([]);
        continue;
      }
      // Behind-the-line colouring only where the period has a line (an indicator without a
      // baseline has none, and a formula comparing with "null" would colour every figure).
      const behind = entry.conditionalFormats.filter((f) => f.address.endsWith(`!G${row.row}`));
      expect([row.indicator.code, behind.map((f) => f.formula)]).toStrictEqual([
        row.indicator.code,
        row.expected === null
          ? []
          : [
              `=AND(ISNUMBER(G${row.row}),G${row.row}${row.indicator.direction === 'higher' ? '<' : '>'}${row.expected})`,
            ],
      ]);
      expect(entry.cell(row.row, 2)).toMatchObject({
        wrapText: true,
        locked: true,
        verticalAlignment: 'Center',
      });
      expect(entry.cell(row.row, 7)).toMatchObject({
        fill: input,
        locked: false,
        numberFormat: row.validation.numFmt,
      });
      expect(entry.cell(row.row, 8)).toMatchObject({ fill: input, locked: false, numberFormat: '@' });
      expect(entry.validations.get(`G${row.row}`)?.errorAlert).toMatchObject({
        showAlert: true,
        style: 'Warning',
        title: '请核对',
        message: row.validation.error,
      });
    }
    // Locked cells stay selectable, so a clerk can read and copy the indicator's words.
    expect(entry.protection.options).toMatchObject({
      allowFormatColumns: true,
      allowFormatRows: true,
      selectionMode: 'Normal',
    });

    const tasks = sheet('重点任务');
    MILESTONE_HEADERS.forEach((h, i) => {
      expect(tasks.cell(1, i + 1)).toMatchObject({ value: h, bold: true, fill: header });
    });
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => tasks.columnWidths.get(c))).toStrictEqual(
      [14, 48, 28, 16, 12, 12, 30].map(points),
    );
    expect(model.milestones.some((m) => m.figure)).toBe(true);
    expect(model.milestones.some((m) => !m.figure)).toBe(true);
    for (const m of model.milestones) {
      expect([1, 2, 3, 4].map((c) => tasks.cell(m.row, c)?.value)).toStrictEqual([...m.cells]);
      expect(tasks.cell(m.row, 5)).toMatchObject({ fill: input, locked: false });
      expect(tasks.validations.get(`E${m.row}`)?.rule).toStrictEqual({
        list: { inCellDropDown: true, source: MILESTONE_PROGRESS.join(',') },
      });
      // 完成值 is typed only for the project's figures; a reform's is left as Excel makes a cell:
      // locked, no fill.
      const done = tasks.cell(m.row, 6);
      expect([done?.fill ?? null, done?.locked ?? true]).toStrictEqual(
        m.figure ? [input, false] : [null, true],
      );
      // 说明 open, coloured and text (a note typed as `=…` is not a formula), as 指标填报's; every
      // cell of the row wraps, so a long name or note grows the row instead of running off the page.
      expect(tasks.cell(m.row, 7)).toMatchObject({ fill: input, locked: false, numberFormat: '@' });
      expect([1, 2, 3, 4, 5, 6, 7].map((c) => tasks.cell(m.row, c)?.wrapText)).toStrictEqual(
        Array(7).fill(true),
      );
      expect([1, 2, 3, 4, 5, 6, 7].map((c) => tasks.cell(m.row, c)?.verticalAlignment)).toStrictEqual(
        Array(7).fill('Center'),
      );
      // The project's figures validated as the layout says, with its prompt and a warning.
      const validation = tasks.validations.get(`F${m.row}`);
      if (m.validation) {
        const { type, min, max, prompt, error } = m.validation;
        const basic =
          max === undefined
            ? { formula1: min, operator: 'GreaterThanOrEqualTo' }
            : { formula1: min, formula2: max, operator: 'Between' };
        expect(validation?.rule).toStrictEqual(
          type === 'whole' ? { wholeNumber: basic } : { decimal: basic },
        );
        expect(validation?.prompt).toMatchObject({ showPrompt: true, title: m.code, message: prompt });
        expect(validation?.errorAlert).toMatchObject({ showAlert: true, style: 'Warning', message: error });
      } else expect(validation).toBeUndefined();
    }
    expect(model.milestones.filter((m) => m.validation).map((m) => m.validation?.type)).toStrictEqual([
      'whole',
      'decimal',
      'decimal',
    ]);
    expect(tasks.protection).toMatchObject({
      protected: true,
      options: { allowFormatColumns: true, allowFormatRows: true },
    });

    // A bureau that owns no reform and no project gets no 重点任务 sheet.
    const without = catalog.bureaus
      .map((b) => b.name)
      .find((b) => buildTemplateModel(catalog, b, 2023, catalogHash(catalog)).milestones.length === 0);
    if (!without) throw new Error('every bureau owns a milestone');
    office.uninstall();
    office = installOfficeDouble();
    office.workbook.addSheet('Sheet1');
    await withTemplate(without);
    expect(office.workbook.sheets.map((s) => s.name)).toStrictEqual(['Sheet1', '指标填报', '_meta']);
  });

  it('colours a figure behind the period’s line the way its indicator runs: above it where lower is better', async () => {
    // YL-02 made lower-is-better, 650 → 500 by 2025: 560 expected in 2023 (three fifths of the way).
    const lower = structuredClone(catalog);
    const yl02 = lower.indicators.find((i) => i.code === 'YL-02')!;
    yl02.direction = 'lower';
    yl02.target = { ...yl02.target, value: 500, printed: '500' };
    await officeHost().insertTemplate(buildTemplateModel(lower, '县民政局', 2023, catalogHash(lower)));
    const beds = rowOf('YL-02');
    expect(sheet().conditionalFormats.find((f) => f.address.endsWith(`G${beds}`))?.formula).toBe(
      `=AND(ISNUMBER(G${beds}),G${beds}>560)`,
    );
  });

  it('refuses to write over an existing template', async () => {
    const host = await withTemplate();
    await expect(
      host.insertTemplate(buildTemplateModel(catalog, '县民政局', 2023, '')),
    ).rejects.toBeInstanceOf(HostError);
  });

  it.each(['指标填报', '重点任务', '_meta'])(
    'refuses a workbook that already has any one of the template’s sheets (%s), and writes nothing',
    async (name) => {
      office.workbook.addSheet(name);
      await expect(
        officeHost().insertTemplate(buildTemplateModel(catalog, '县民政局', 2023, '')),
      ).rejects.toMatchObject({ kind: 'template-exists', message: '当前工作簿已有“指标填报”表' });
      expect(office.workbook.sheets.map((s) => s.name)).toStrictEqual(['Sheet1', name]);
    },
  );

  it('costs two round trips', async () => {
    const before = office.workbook.syncs;
    await withTemplate();
    expect(office.workbook.syncs - before).toBe(2);
  });
});

describe('checkActive', () => {
  async function typed() {
    const host = await withTemplate();
    const wb = office.workbook;
    await wb.type('指标填报', `G${rowOf('YL-02')}`, '620张');
    await wb.type('指标填报', `G${rowOf('YL-03')}`, '0.85');
    await wb.type('指标填报', `G${rowOf('YL-06')}`, '约75');
    await wb.type('指标填报', `G${rowOf('YL-14')}`, '#DIV/0!');
    await wb.type('指标填报', `G${rowOf('YL-15')}`, '85%');
    return host;
  }

  it('reads the sheet, checks it and marks it in four round trips', async () => {
    const host = await typed();
    const outcome = await host.checkActive(check, 'zh');
    // Read; lift protection and read the originals; mark; notes and protection back (its own sync,
    // so that a note Excel refuses cannot leave the sheet unprotected).
    expect(outcome.syncs).toBe(4);
    expect(outcome.markingFailed).toBeNull();
    const report = outcome.report!;
    const kinds = (code: string) => report.entries.find((e) => e.code === code)!.issues.map((i) => i.kind);
    expect(kinds('YL-02')).toStrictEqual([]);
    expect(report.entries.find((e) => e.code === 'YL-02')).toMatchObject({ value: 620, status: 'off-track' });
    expect(kinds('YL-03')).toStrictEqual(['percent-as-fraction']);
    expect(kinds('YL-06')).toStrictEqual(['approximate']);
    expect(kinds('YL-14')).toStrictEqual(['formula-error']);
    expect(kinds('YL-05')).toStrictEqual(['missing']);
    // 85% typed: Excel stores 0.85 with a percent format, read as 85.
    expect(report.entries.find((e) => e.code === 'YL-15')).toMatchObject({ value: 85, issues: [] });

    const cell = (code: string) => sheet().cell(rowOf(code), 7)!;
    expect(cell('YL-14').fill).toBe('#FF9B9B');
    expect(cell('YL-03').fill).toBe('#FFEB9C');
    expect(cell('YL-02').fill).toBe('#FFC7CE');
    expect(sheet().cell(4, 9)?.value).toBe('核查结果');
    expect(String(sheet().cell(rowOf('YL-14'), 9)?.value)).toContain('错误值');
    expect(office.workbook.notes.get(`'指标填报'!G${rowOf('YL-14')}`)).toContain('#DIV/0!');
    // The sheet is protected again afterwards.
    expect(sheet().protection.protected).toBe(true);
    expect(sheet(MARKS_SHEET).visibility).toBe('VeryHidden');
  });

  it('puts the clerk’s own formatting back exactly with 清除标记', async () => {
    const host = await typed();
    const own = sheet().ensure(rowOf('YL-14'), 7);
    // The clerk's own note on a cell that will carry ours.
    office.workbook.notes.set(`'指标填报'!G${rowOf('YL-14')}`, '数据来自民政系统');
    const before = new Map([...sheet().cells].map(([k, c]) => [k, { fill: c.fill, font: c.fontColor }]));
    own.fill = '#00B0F0';
    before.set(`${rowOf('YL-14')},7`, { fill: '#00B0F0', font: own.fontColor });
    await host.checkActive(check, 'zh');
    expect(own.fill).toBe('#FF9B9B');
    // Checking twice keeps the original, not the first marks.
    await host.checkActive(check, 'zh');
    expect(await host.clearMarks()).toBe(true);
    const after = new Map(
      [...sheet().cells]
        .filter(([k]) => before.has(k))
        .map(([k, c]) => [k, { fill: c.fill, font: c.fontColor }]),
    );
    expect(after).toStrictEqual(before);
    expect(sheet().cell(4, 9)?.value ?? null).toBeNull();
    expect(office.workbook.sheet(MARKS_SHEET)).toBeUndefined();
    expect([...office.workbook.notes]).toStrictEqual([[`'指标填报'!G${rowOf('YL-14')}`, '数据来自民政系统']]);
    expect(await host.clearMarks()).toBe(false);
  });

  it('清除标记 restores every cell property the double models, the protection with its options, and adds nothing (property)', async () => {
    const codes = ['YL-02', 'YL-03', 'YL-05', 'YL-06', 'YL-14', 'YL-15'] as const;
    const typedValue = fc.constantFrom(
      '620张',
      '0.85',
      '约75',
      '#DIV/0!',
      '85%',
      '3-5',
      '',
      '100',
      '-5',
      '=1+1',
    );
    // A clerk's own formats: on figure rows or the header row, over the columns a check marks
    // (G, and I, where 核查结果 goes) and others; a fill put on, or the template's fill taken off.
    const clerkFormat = fc.record({
      code: fc.constantFrom(...codes, 'header' as const),
      column: fc.constantFrom(2, 7, 8, 9),
      fill: fc.option(fc.constantFrom('#00B0F0', '#FFFF00', '#92D050', 'none'), { nil: undefined }),
      fontColor: fc.option(fc.constantFrom('#7030A0', '#C00000'), { nil: undefined }),
      bold: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...codes), typedValue), { minLength: 1, maxLength: 6 }),
        fc.array(clerkFormat, { maxLength: 4 }),
        fc.array(fc.tuple(fc.constantFrom(...codes), typedValue), { maxLength: 2 }),
        async (typing, formats, retyped) => {
          office.uninstall();
          office = installOfficeDouble();
          office.workbook.addSheet('Sheet1');
          const host = await withTemplate();
          const wb = office.workbook;
          for (const [code, text] of typing) await wb.type('指标填报', `G${rowOf(code)}`, text);
          // The clerk's own formats, some on cells the check will mark.
          for (const f of formats) {
            const cell = sheet().ensure(f.code === 'header' ? 4 : rowOf(f.code), f.column);
            if (f.fill === 'none') {
              cell.fill = null;
              cell.fillPattern = 'None';
            } else if (f.fill) cell.fill = f.fill;
            if (f.fontColor) cell.fontColor = f.fontColor;
            cell.bold = f.bold;
          }
          const snapshot = () => ({
            cells: new Map([...sheet().cells].map(([k, c]) => [k, { ...c }])),
            protection: structuredClone(sheet().protection),
            conditionalFormats: structuredClone(sheet().conditionalFormats),
            sheets: wb.sheets.map((x) => [x.name, x.visibility]),
          });
          const before = snapshot();
          const pristine = { ...new SheetModelForTest('空白').ensure(1, 1) };
          await host.checkActive(check, 'zh');
          // Typing between two checks changes those cells' values as Excel's typing does; their
          // formats, as everything else, are the clerk's again after 清除标记.
          for (const [code, text] of retyped) {
            const key = `${rowOf(code)},7`;
            const expected = { ...(before.cells.get(key) ?? pristine) };
            enter(expected, text);
            before.cells.set(key, expected);
            await wb.type('指标填报', `G${rowOf(code)}`, text);
          }
          await host.checkActive(check, 'zh');
          expect(await host.clearMarks()).toBe(true);
          const after = snapshot();
          // A cell the marks created (the 核查结果 column) is left as a cell never touched.
          for (const key of new Set([...before.cells.keys(), ...after.cells.keys()]))
            expect([key, after.cells.get(key) ?? pristine]).toStrictEqual([
              key,
              before.cells.get(key) ?? pristine,
            ]);
          expect(after.protection).toStrictEqual(before.protection);
          expect(after.conditionalFormats).toStrictEqual(before.conditionalFormats);
          expect(after.sheets).toStrictEqual(before.sheets);
        },
      ),
      { numRuns: 25, seed: 1129 },
    );
  });

  it('a clerk’s own formatted column is not written over: 核查结果 goes after it, and a fill taken off stays off', async () => {
    const host = await typed();
    // The clerk coloured I4 — formatting makes a cell part of the used range (Range.getUsedRange:
    // "any cells that have a value or formatting") — and took the template's fill off YL-02's
    // figure cell, which the check will mark.
    const own = sheet().ensure(4, 9);
    Object.assign(own, { fill: '#92D050', fillPattern: 'Solid', fontColor: '#C00000', bold: false });
    const figure = sheet().ensure(rowOf('YL-02'), 7);
    Object.assign(figure, { fill: null, fillPattern: 'None' });
    const before = { own: { ...own }, figure: { ...figure } };
    await host.checkActive(check, 'zh');
    expect(sheet().cell(4, 10)).toMatchObject({ value: '核查结果', bold: true });
    expect(sheet().cell(4, 9)).toStrictEqual(before.own);
    expect(figure.fill).toBe('#FFC7CE');
    expect(await host.clearMarks()).toBe(true);
    expect(sheet().cell(4, 9)).toStrictEqual(before.own);
    expect(sheet().cell(rowOf('YL-02'), 7)).toStrictEqual(before.figure);
    expect(sheet().cell(4, 10)?.value ?? null).toBeNull();
  });

  it('the 核查结果 column is widened and wrapped for the check, and 清除标记 gives it back its width and wrap', async () => {
    const host = await typed();
    // The clerk had made the column after the table narrow (a width alone does not make it part
    // of the used range, so 核查结果 goes there).
    sheet().columnWidths.set(9, 20);
    await host.checkActive(check, 'zh');
    expect(sheet().columnWidths.get(9)).toBe(points(40));
    expect(sheet().cell(rowOf('YL-14'), 9)?.wrapText).toBe(true);
    // Checked again: the width it had before the first check is the one kept.
    await host.checkActive(check, 'zh');
    expect(await host.clearMarks()).toBe(true);
    expect(sheet().columnWidths.get(9)).toBe(20);
    expect(sheet().cell(rowOf('YL-14'), 9)?.wrapText ?? false).toBe(false);
  });

  it('keeps four round trips for a 2,600-row sheet', async () => {
    const host = officeHost();
    const big = office.workbook.addSheet('全省');
    office.workbook.active = '全省';
    const header = ['编号', '具体指标', '单位', '基期值', '目标值', '责任单位', '本期完成值', '说明'];
    header.forEach((h, i) => (big.ensure(4, i + 1).value = h));
    big.ensure(2, 2).value = '县民政局';
    big.ensure(2, 5).value = 2023;
    for (let r = 0; r < 2600; r++) {
      big.ensure(5 + r, 1).value = catalog.indicators[r % 26]!.code;
      big.ensure(5 + r, 7).value = r % 3 === 0 ? '约100' : 50;
    }
    const outcome = await host.checkActive(check, 'zh');
    expect(outcome.report).not.toBeNull();
    expect(outcome.markingFailed).toBeNull();
    expect(outcome.syncs).toBe(4);
  });

  it('says why a sheet cannot be checked', async () => {
    const outcome = await officeHost().checkActive(check, 'zh');
    expect(outcome).toMatchObject({ report: null, unreadable: 'empty-workbook', syncs: 1 });
  });

  it('marks without notes where ExcelApi 1.18 is missing', async () => {
    office.workbook.requirementSets.ExcelApi = '1.9';
    const host = await typed();
    expect(host.capabilities()).toStrictEqual({ minimum: true, notes: false, mergedAreas: false });
    const options = { ...sheet().protection.options };
    await host.checkActive(check, 'zh');
    expect(office.workbook.notes.size).toBe(0);
    expect(sheet().cell(rowOf('YL-14'), 7)?.fill).toBe('#FF9B9B');
    // With no notes to write, protection still goes back, with its options.
    expect(sheet().protection).toStrictEqual({ protected: true, options });
    expect(await host.clearMarks()).toBe(true);
    expect(sheet().protection).toStrictEqual({ protected: true, options });
  });
});

describe('watchFigures and select', () => {
  it('calls back when a figure is typed, not when the result column is written', async () => {
    const host = await withTemplate();
    const calls: number[] = [];
    const stop = await host.watchFigures(() => calls.push(1));
    await office.workbook.type('指标填报', 'G6', '700');
    expect(calls).toHaveLength(1);
    // A change left of the figure and note columns is not theirs. C6 is locked: Excel's grid
    // refuses it while the sheet is protected, so the clerk lifts the protection first.
    await expect(office.workbook.type('指标填报', 'C6', '张')).rejects.toMatchObject({
      code: 'AccessDenied',
    });
    const protection = sheet().protection;
    sheet().protection = { ...protection, protected: false };
    await office.workbook.type('指标填报', 'C6', '张');
    sheet().protection = protection;
    expect(calls).toHaveLength(1);
    await host.checkActive(check, 'zh');
    expect(calls).toHaveLength(1);
    await stop();
    await office.workbook.type('指标填报', 'G6', '710');
    expect(calls).toHaveLength(1);
  });

  it('follows the sheet that was checked, whichever sheet is active when it subscribes', async () => {
    const host = await withTemplate();
    office.workbook.active = 'Sheet1';
    const calls: string[] = [];
    const stop = await host.watchFigures(() => calls.push('指标填报'), [7, 8], '指标填报');
    await office.workbook.type('Sheet1', 'G6', '1');
    expect(calls).toStrictEqual([]);
    await office.workbook.type('指标填报', 'G6', '700');
    expect(calls).toStrictEqual(['指标填报']);
    await stop();
  });

  it('selects a cell on its sheet', async () => {
    const host = await withTemplate();
    office.workbook.active = 'Sheet1';
    await host.select('指标填报', 'G9');
    expect(office.workbook.selection).toStrictEqual({ sheet: '指标填报', address: 'G9' });
    expect(office.workbook.active).toBe('指标填报');
  });
});

describe('writeMaster and readMasterState', () => {
  it('writes the master sheets with bureau text as text, a chart, and reads its history back', async () => {
    const host = officeHost();
    const view = (figures: Record<string, string | number>, note: string): WorkbookView => {
      const model = buildTemplateModel(catalog, '县民政局', 2023, '');
      const rows: (string | number | undefined)[][] = [
        [],
        ['填报单位', '县民政局', '', '报告期', 2023],
        [],
        model.columns.map((c) => c.header),
      ];
      for (const r of model.rows)
        rows.push(
          r.kind === 'section'
            ? [r.label]
            : [...r.cells, figures[r.indicator.code], r.indicator.code === 'YL-02' ? note : undefined],
        );
      return {
        sheets: [
          {
            name: '指标填报',
            visibility: 'visible',
            merges: [],
            rows: rows.map((r) =>
              r.map((v) =>
                v === undefined
                  ? undefined
                  : typeof v === 'number'
                    ? { type: 'number' as const, value: v }
                    : { type: 'string' as const, value: v },
              ),
            ),
          },
        ],
      };
    };
    const checked = checkWorkbook(catalog, view({ 'YL-02': 620 }, '=HYPERLINK("http://x","点我")'));
    if (!checked.ok) throw new Error('unreadable');
    const report = { ...checked.report, filledOn: '2023-12-20', phone: '0883-6123456', filledBy: '+李明' };
    const master = combine(
      catalog,
      [{ file: '=民政局.xlsx', sha256: 'ab'.repeat(32), report, fileErrors: [] }],
      { importedAt: '2024-01-01 08:00' },
    );
    const before = office.workbook.syncs;
    const written = await host.writeMaster(catalog, master, 'zh');
    // Three round trips: what is there, the new master under temporary names, the swap.
    expect(written.syncs).toBe(3);
    expect(office.workbook.syncs - before).toBe(3);
    const names = office.workbook.sheets.map((s) => s.name);
    // 总览 first: the leader's page is what a reader sees first.
    expect(names).toStrictEqual([
      'Sheet1',
      '总览',
      '县汇总',
      '报送登记',
      '未报送',
      '完成情况',
      '趋势',
      '历史',
      '_state',
    ]);
    expect(office.workbook.active).toBe('总览');
    expect(office.workbook.sheet('_state')?.visibility).toBe('VeryHidden');
    const summary = sheet('县汇总');
    const cells = [...summary.cells.values()];
    expect(cells.some((c) => c.formula)).toBe(false);
    expect(cells.some((c) => c.value === '=HYPERLINK("http://x","点我")')).toBe(true);
    expect(sheet('报送登记').cell(2, 1)?.value).toBe('=民政局.xlsx');
    // Dates, phone numbers and + - stay the text they were (a date would break the next supersede).
    expect([4, 5, 6].map((c) => sheet('报送登记').cell(2, c)?.value)).toStrictEqual([
      '+李明',
      '2023-12-20',
      '0883-6123456',
    ]);
    expect(sheet('总览').charts).toHaveLength(1);
    expect(sheet('总览').charts[0]).toMatchObject({ type: 'BarClustered', title: '各指标完成进度' });

    const read = await host.readMasterState(catalog);
    if (read.kind !== 'master') throw new Error(`not read: ${read.kind}`);
    // The state is kept as JSON in the sheet: a property that was undefined (an issue's `cell` on
    // a placeless entry) comes back absent, the same fact. Hence toEqual, not toStrictEqual.
    expect(read.state).toEqual(master.state);
    expect(read.state.files[0]).toMatchObject({ file: '=民政局.xlsx', bureau: '县民政局' });
    expect(read.state.files[0]?.entries.find((e) => e.code === 'YL-02')).toMatchObject({
      value: 620,
      note: '=HYPERLINK("http://x","点我")',
    });
    // Writing again replaces the master's own sheets and nothing else.
    await host.writeMaster(catalog, master, 'zh');
    expect(office.workbook.sheets.map((s) => s.name).filter((n) => n === '历史')).toHaveLength(1);
    expect(office.workbook.sheet('Sheet1')).toBeDefined();
    expect(written.textRepaired).toBe(0);

    // Were Excel ever to ignore the Text format, the read-back finds the cells that did not stay
    // text and writes them again as literal text: none of the bureau's text is left a formula.
    excelBehaviour.textFormatKeepsText = false;
    try {
      const again = await host.writeMaster(catalog, master, 'zh');
      expect(again.textRepaired).toBeGreaterThanOrEqual(4);
      expect(again.syncs).toBe(4);
      for (const name of ['县汇总', '报送登记', '历史']) {
        expect([...sheet(name).cells.values()].some((c) => c.formula || c.error)).toBe(false);
      }
      expect(sheet('报送登记').cell(2, 1)?.value).toBe('=民政局.xlsx');
      expect(sheet('报送登记').cell(2, 5)?.value).toBe('2023-12-20');
    } finally {
      excelBehaviour.textFormatKeepsText = true;
    }
  });
});

describe('officeHost: what the host says about itself (Office.context, common API)', () => {
  it.each([
    ['#FFFFFF', false],
    ['#1F1F1F', true],
    // Relative luminance 128 is the line: 0x80 grey is light, 0x7F dark.
    ['#808080', false],
    ['#7F7F7F', true],
    ['262626', true],
    // Not a colour it can read: light, the default.
    ['black', false],
    ['x#000000', false],
    ['#0000001', false],
    ['', false],
  ])('background %s is dark: %s', (colour, dark) => {
    office.workbook.theme = { bodyBackgroundColor: colour };
    expect(officeHost().darkTheme()).toBe(dark);
  });

  it('weights the channels as luminance does: a saturated blue is dark, a saturated green light', () => {
    office.workbook.theme = { bodyBackgroundColor: '#0000FF' };
    expect(officeHost().darkTheme()).toBe(true);
    office.workbook.theme = { bodyBackgroundColor: '#00FF00' };
    expect(officeHost().darkTheme()).toBe(false);
    office.workbook.theme = { bodyBackgroundColor: '#FF0000' };
    expect(officeHost().darkTheme()).toBe(true);
  });

  it('the display language, Chinese where the host gives none', () => {
    office.workbook.displayLanguage = 'en-US';
    expect(officeHost().displayLanguage()).toBe('en-US');
    office.workbook.displayLanguage = '';
    expect(officeHost().displayLanguage()).toBe('zh-CN');
  });

  it('diagnose proves a round trip with a scratch sheet it removes, and says which API sets are claimed and there', async () => {
    office.workbook.requirementSets = { ExcelApi: '1.13' };
    office.workbook.runtimeHasNotes = false;
    const sheetsBefore = office.workbook.sheets.map((s) => s.name);
    const diagnosis = await officeHost().diagnose();
    expect(office.workbook.sheets.map((s) => s.name)).toStrictEqual(sheetsBefore);
    expect(diagnosis.roundTrip).toStrictEqual({ ok: true, ms: diagnosis.roundTrip.ms, detail: '' });
    expect(diagnosis.roundTrip.ms).toBeGreaterThanOrEqual(0);
    expect(diagnosis).toMatchObject({
      host: 'Excel',
      platform: 'OfficeOnline',
      officeVersion: '16.0.18025.20160',
    });
    expect(diagnosis.sets).toStrictEqual([
      { set: 'ExcelApi 1.9', purpose: 'minimum', claimed: true, present: true },
      { set: 'ExcelApi 1.13', purpose: 'mergedAreas', claimed: true, present: true },
      { set: 'ExcelApi 1.18', purpose: 'notes', claimed: false, present: false },
    ]);
  });

  it('diagnose in a workbook whose structure is protected says so, adds no sheet, and still lists the API sets', async () => {
    office.workbook.structure = { protected: true };
    const sheetsBefore = office.workbook.sheets.map((s) => s.name);
    const diagnosis = await officeHost().diagnose();
    expect(diagnosis.roundTrip).toStrictEqual({
      ok: false,
      ms: diagnosis.roundTrip.ms,
      detail: STRUCTURE_LOCKED,
    });
    expect(office.workbook.sheets.map((s) => s.name)).toStrictEqual(sheetsBefore);
    expect(diagnosis.sets.map((s) => s.set)).toStrictEqual([
      'ExcelApi 1.9',
      'ExcelApi 1.13',
      'ExcelApi 1.18',
    ]);
    expect(diagnosis.sets.every((s) => s.present)).toBe(true);
  });

  it('a round trip that fails is reported with Excel’s reason, not thrown', async () => {
    // The scratch sheet's name already taken: Worksheets.add fails as Excel's does.
    office.workbook.addSheet('_yilao_诊断');
    const diagnosis = await officeHost().diagnose();
    expect(diagnosis.roundTrip.ok).toBe(false);
    expect(diagnosis.roundTrip.detail).toContain('“_yilao_诊断”的工作表已存在');
    expect(office.workbook.sheets.filter((s) => s.name === '_yilao_诊断')).toHaveLength(1);
  });
});
