import ExcelJS from 'exceljs';
import {
  buildTemplateModel,
  catalogHash,
  defaultCatalog,
  indicatorsFor,
  responsibleBureaus,
} from '../../src/core';
import { checkBytes } from '../../src/xlsx/files';
import { fillTemplate } from '../../src/xlsx/demo';
import { readWorkbook } from '../../src/xlsx/reader';
import { writeTemplate } from '../../src/xlsx/template';

const catalog = defaultCatalog();

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

describe('the template workbook (spec §2)', () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = await load(await writeTemplate(catalog, '县民政局', 2025));
  });

  it('has the title, the header fields and the header row', () => {
    const sheet = workbook.getWorksheet('指标填报')!;
    expect(sheet.getCell('A1').value).toBe('耿马自治县“一老一小”具体指标完成情况填报表（2025年度）');
    expect([
      sheet.getCell('A2').value,
      sheet.getCell('B2').value,
      sheet.getCell('D2').value,
      sheet.getCell('E2').value,
      sheet.getCell('G2').value,
    ]).toEqual(['填报单位', '县民政局', '报告期', 2025, '填报日期']);
    expect([sheet.getCell('A3').value, sheet.getCell('D3').value]).toEqual(['填报人', '联系电话']);
    expect((sheet.getRow(4).values as unknown[]).slice(1)).toEqual([
      '编号',
      '具体指标',
      '单位',
      '基期值（2020年）',
      '目标值（2025年）',
      '责任单位',
      '本期完成值',
      '说明',
    ]);
  });

  it('has section rows and one row per responsible indicator, YL-09 showing how its target is read', () => {
    const sheet = workbook.getWorksheet('指标填报')!;
    expect(sheet.getCell('A5').value).toBe('一、养老方面');
    const codes: string[] = [];
    sheet.eachRow((row, n) => {
      const code = row.getCell(1).text;
      if (n > 4 && /^[A-Z]{2}-\d{2}$/.test(code)) codes.push(code);
    });
    expect(codes).toEqual(indicatorsFor(catalog, '县民政局').map((i) => i.code));
    const yl09 = sheet.getRow(5 + codes.indexOf('YL-09') + 1);
    expect(yl09.getCell(5).value).toBe('1（按100%）');
  });

  it('validates column G by unit with an input message naming unit and target', () => {
    const sheet = workbook.getWorksheet('指标填报')!;
    const beds = sheet.getCell('G6');
    expect(sheet.getCell('A6').value).toBe('YL-02');
    expect(beds.dataValidation).toMatchObject({
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [0],
      prompt: expect.stringContaining('单位：张；2025年目标：800'),
    });
    const percent = sheet.getCell('G7');
    expect(percent.dataValidation).toMatchObject({
      type: 'decimal',
      operator: 'between',
      formulae: [0, 100],
    });
    // General (exceljs reads numFmtId 0 back as no format): an explicit format would keep
    // LibreOffice from marking a typed 80% or 3-5 (docs/typing-matrix.md).
    expect(percent.numFmt ?? 'General').toBe('General');
    expect(beds.numFmt ?? 'General').toBe('General');
  });

  it('unlocks only G, H and the header inputs, and protects the sheet without a password', () => {
    const sheet = workbook.getWorksheet('指标填报')!;
    expect(sheet.getCell('G6').protection).toMatchObject({ locked: false });
    expect(sheet.getCell('H6').protection).toMatchObject({ locked: false });
    expect(sheet.getCell('B2').protection).toMatchObject({ locked: false });
    expect(sheet.getCell('A6').protection?.locked).not.toBe(false);
    expect(sheet.getCell('E6').protection?.locked).not.toBe(false);
    const protection = (sheet as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(protection).toMatchObject({ sheet: true });
    expect(protection).not.toHaveProperty('hashValue');
  });

  it('prints on A4 landscape, one page wide, with the header repeated, and freezes the header', () => {
    const sheet = workbook.getWorksheet('指标填报')!;
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '4:4',
    });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
  });

  it('colours a figure behind the period’s expected value by itself', () => {
    const sheet = workbook.getWorksheet('指标填报')!;
    const rules = (
      sheet as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] }
    ).conditionalFormattings;
    // 2025 is the target year: the expected value is the target, 800 beds.
    expect(rules.find((cf) => cf.ref === 'G6' && cf.rules[0]?.formulae?.[0]?.includes('<800'))).toBeDefined();
  });

  it('has the very hidden _meta sheet and the milestone sheet', () => {
    const meta = workbook.getWorksheet('_meta')!;
    expect(meta.state).toBe('veryHidden');
    const values = Object.fromEntries(
      [1, 2, 3, 4, 5, 6].map((r) => [meta.getCell(r, 1).value, meta.getCell(r, 2).value]),
    );
    expect(values).toEqual({
      format: 'yilao-yixiao/indicator-workbook',
      version: '1',
      catalog: 'gengma-2023',
      catalogHash: catalogHash(catalog),
      bureau: '县民政局',
      period: '2025',
    });
    const milestones = workbook.getWorksheet('重点任务')!;
    expect((milestones.getRow(1).values as unknown[]).slice(1)).toEqual([
      '编号',
      '任务名称',
      '预期目标',
      '责任单位',
      '完成情况',
      '完成值',
      '说明',
    ]);
    expect(milestones.getCell('A2').value).toBe('GG-02');
    expect(milestones.getCell('E2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"未启动,推进中,已完成"'],
    });
    expect(['A3', 'A4', 'A5'].map((a) => milestones.getCell(a).value)).toEqual([
      'XM-01-床位',
      'XM-01-投资',
      'XM-01-进度',
    ]);
  });

  it('重点任务: 完成值 validated by each project figure’s unit, 说明 open, text and wrapped on every row', () => {
    const milestones = workbook.getWorksheet('重点任务')!;
    const model = buildTemplateModel(catalog, '县民政局', 2025, catalogHash(catalog));
    expect(model.milestones.map((m) => m.code)).toStrictEqual([
      'GG-02',
      'XM-01-床位',
      'XM-01-投资',
      'XM-01-进度',
    ]);
    // A reform has no figure: its 完成值 takes nothing and stays locked.
    expect(milestones.getCell('F2').dataValidation).toBeUndefined();
    expect(milestones.getCell('F2').protection?.locked).not.toBe(false);
    const rules = ['F3', 'F4', 'F5'].map((a) => {
      const v = milestones.getCell(a).dataValidation;
      return [v.type, v.operator, v.formulae, v.errorStyle, milestones.getCell(a).protection?.locked];
    });
    expect(rules).toStrictEqual([
      ['whole', 'greaterThanOrEqual', [0], 'warning', false],
      ['decimal', 'greaterThanOrEqual', [0], 'warning', false],
      ['decimal', 'between', [0, 100], 'warning', false],
    ]);
    expect(milestones.getCell('F3').dataValidation).toMatchObject({
      promptTitle: 'XM-01-床位',
      prompt: model.milestones[1]?.validation?.prompt,
      error: model.milestones[1]?.validation?.error,
    });
    for (const row of [2, 3, 4, 5]) {
      const note = milestones.getCell(`G${row}`);
      expect([note.numFmt, note.protection?.locked, note.alignment]).toStrictEqual([
        '@',
        false,
        { vertical: 'middle', wrapText: true },
      ]);
    }
  });
});

describe('round trip: template → typed by exceljs → checked', () => {
  it.each(responsibleBureaus(catalog).map((b) => b.name))('%s', async (bureau) => {
    const template = await writeTemplate(catalog, bureau, 2023);
    const empty = checkBytes('empty.xlsx', template, catalog);
    expect(empty.fileErrors).toEqual([]);
    expect(empty.report?.bureau).toBe(bureau);
    expect(empty.report?.period).toBe(2023);

    const mine = indicatorsFor(catalog, bureau);
    const figures = Object.fromEntries(mine.map((indicator) => [indicator.code, indicator.target.value]));
    const filled = await fillTemplate(template, { figures, filledOn: new Date(Date.UTC(2023, 11, 20)) });
    const report = checkBytes('filled.xlsx', filled, catalog).report!;
    for (const indicator of mine) {
      const entry = report.entries.find((e) => e.code === indicator.code)!;
      expect({ code: indicator.code, value: entry.value }).toEqual({
        code: indicator.code,
        value: indicator.target.value,
      });
    }
    expect(report.filledOn).toBe('2023-12-20');
    expect(report.entries.filter((e) => e.kind === 'indicator').flatMap((e) => e.issues)).toEqual([]);
  });

  it('the template read back has its frozen header and merges', async () => {
    const bytes = await writeTemplate(catalog, '县卫生健康局', 2023);
    const read = readWorkbook(bytes);
    if (!read.ok) throw new Error(read.error.kind);
    // The title and the section rows are merged across A:H; no figure cell is.
    expect(read.workbook.sheets.map((s) => [s.name, s.merges])).toEqual([
      ['指标填报', ['A1:H1', 'A5:H5', 'A7:H7', 'A19:H19']],
      ['重点任务', []],
      ['_meta', []],
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    // The header rows stay in view while the clerk scrolls: frozen under row 4 and row 1.
    expect(workbook.getWorksheet('指标填报')!.views[0]).toMatchObject({
      state: 'frozen',
      ySplit: 4,
      topLeftCell: 'A5',
    });
    expect(workbook.getWorksheet('重点任务')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});
