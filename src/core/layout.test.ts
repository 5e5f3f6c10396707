import { defaultCatalog, indicatorsFor, roleOf } from './catalog';
import {
  HEADER_FIELDS,
  HEADER_ROW,
  buildTemplateModel,
  printedFigure,
  targetText,
  type TemplateModel,
  type TemplateRow,
} from './layout';

/**
 * The template a bureau is sent (spec §2 "The workbook layout v1"), as the layout model both
 * writers draw: title, header fields, columns, a row per responsible indicator under its
 * section, data validation fitting the unit, the milestone rows and _meta. Figures are the
 * plan's (spec §1): YL-02 养老床位数 650 → 800 张, YL-03 32 → 55 %, YL-09 printed "1" for 100 %.
 */

const catalog = defaultCatalog();
type IndicatorRow = Extract<TemplateRow, { kind: 'indicator' }>;
// Built in each test, not when the file loads: a mutation run switches a mutant on for the tests
// that cover it, and a model built at load time was never built with the mutant (docs/mutation-notes.md).
let model: TemplateModel;
let indicatorRows: IndicatorRow[];
beforeEach(() => {
  model = buildTemplateModel(catalog, '县民政局', 2025, 'HASH');
  indicatorRows = model.rows.filter((r): r is IndicatorRow => r.kind === 'indicator');
});
const rowOf = (code: string): IndicatorRow => {
  const found = indicatorRows.find((r) => r.indicator.code === code);
  if (!found) throw new Error(`no row for ${code}`);
  return found;
};

describe('指标填报 (§2): title, header fields and columns', () => {
  it('A1 names the county and the period', () => {
    expect(model.title).toBe('耿马自治县“一老一小”具体指标完成情况填报表（2025年度）');
    expect(buildTemplateModel(catalog, '县民政局', 2023, '').title).toBe(
      '耿马自治县“一老一小”具体指标完成情况填报表（2023年度）',
    );
  });

  it('row 2 and 3 hold the header fields where §2 puts them; row 4 is the header', () => {
    expect(Object.values(HEADER_FIELDS).map((f) => [f.labelCell, f.label, f.cell])).toStrictEqual([
      ['A2', '填报单位', 'B2'],
      ['D2', '报告期', 'E2'],
      ['G2', '填报日期', 'H2'],
      ['A3', '填报人', 'B3'],
      ['D3', '联系电话', 'E3'],
    ]);
    expect(HEADER_ROW).toBe(4);
  });

  it('columns A–H as §2 names them, the years from the catalog; only G and H take input', () => {
    expect(model.columns.map((c) => [c.column, c.header, c.input ?? false])).toStrictEqual([
      [1, '编号', false],
      [2, '具体指标', false],
      [3, '单位', false],
      [4, '基期值（2020年）', false],
      [5, '目标值（2025年）', false],
      [6, '责任单位', false],
      [7, '本期完成值', true],
      [8, '说明', true],
    ]);
  });

  it('each header fits its column on one line: a Chinese character is two of Excel’s width units, bold one more', () => {
    // At 14 units 基期值（2020年） (16) broke before its closing bracket in the printed header.
    const units = (text: string) =>
      Array.from(text).reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);
    expect(model.columns.filter((c) => units(c.header) + 1 > c.width).map((c) => c.header)).toStrictEqual([]);
  });
});

describe('指标填报 (§2): a row per indicator the bureau answers for, under its section', () => {
  it('every indicator it leads or shares, and no other, from row 5 on, sections first and without a code', () => {
    const expected = indicatorsFor(catalog, '县民政局').map((i) => i.code);
    expect(indicatorRows.map((r) => r.indicator.code)).toStrictEqual(expected);
    expect(expected.every((code) => code.startsWith('YL-'))).toBe(true);
    expect(model.rows.map((r) => r.row)).toStrictEqual(model.rows.map((_r, i) => 5 + i));
    expect(model.rows[0]).toStrictEqual({ kind: 'section', row: 5, label: '一、养老方面' });
    // 民政局 has no childcare indicator: no empty 二、托育方面 row.
    expect(model.rows.filter((r) => r.kind === 'section')).toHaveLength(1);
    const health = buildTemplateModel(catalog, '县卫生健康局', 2025, '');
    expect(
      health.rows.filter((r) => r.kind === 'section').map((r) => r.kind === 'section' && r.label),
    ).toStrictEqual(['一、养老方面', '二、托育方面']);
  });

  it('A–F: code, name, unit, the baseline and target as the plan prints them, the bureaus lead first', () => {
    expect(rowOf('YL-02').cells).toStrictEqual(['YL-02', '养老床位数', '张', '650', '800', '县民政局']);
    expect(rowOf('YL-04').cells[3]).toBe('—');
    expect(rowOf('YL-04').cells[5]).toBe('县民政局、县卫生健康局');
    expect(rowOf('YL-17').cells.slice(3, 5)).toStrictEqual(['≥50', '≥55']);
    // The plan prints YL-09's target as "1" for a percentage: the clerk is told it means 100 %.
    expect(rowOf('YL-09').cells[4]).toBe('1（按100%）');
    expect(printedFigure(null)).toBe('—');
    expect(targetText(rowOf('YL-03').indicator)).toBe('55');
    // Only a percentage is re-read: a count printed in words of its own stays as printed.
    const beds = structuredClone(rowOf('YL-02').indicator);
    beds.target = { ...beds.target, printed: '0.08万' };
    expect(targetText(beds)).toBe('0.08万');
  });

  it('whether the bureau leads the row, and the figure the period expects (2025: the target)', () => {
    expect(rowOf('YL-02')).toMatchObject({ lead: true, expected: 800 });
    const yl08 = rowOf('YL-08');
    expect(yl08.lead).toBe(false);
    expect(roleOf(yl08.indicator, '县民政局')).toBe('co');
    // No baseline: no straight line, so nothing the template could colour against.
    expect(rowOf('YL-10').expected).toBeNull();
  });
});

describe('指标填报 (§2): column G validated by the unit, with a message naming unit and target', () => {
  it('%: a decimal from 0 to 100, and how to type 85 %', () => {
    expect(rowOf('YL-03').validation).toStrictEqual({
      type: 'decimal',
      min: 0,
      max: 100,
      prompt: '单位：%；2025年目标：55。填 0–100 之间的数字，如 85 表示 85%。',
      promptTitle: 'YL-03',
      error: '本指标单位为“%”，请填写 0–100 之间的数字（85 表示 85%）。文字请写在“说明”栏。',
      numFmt: 'General',
    });
  });

  it('a count: a whole number from 0, without its measure word', () => {
    expect(rowOf('YL-02').validation).toStrictEqual({
      type: 'whole',
      min: 0,
      prompt: '单位：张；2025年目标：800。只填整数，不要带“张”字。',
      promptTitle: 'YL-02',
      error: '本指标单位为“张”，请只填写整数，如 620。文字请写在“说明”栏。',
      numFmt: 'General',
    });
  });

  it('an amount or a rate per thousand: a decimal from 0', () => {
    const perThousand = indicatorsFor(catalog, '县卫生健康局').find((i) => i.unit.kind === 'per-thousand');
    if (!perThousand) throw new Error('no per-thousand indicator');
    const row = buildTemplateModel(catalog, '县卫生健康局', 2025, '').rows.find(
      (r): r is IndicatorRow => r.kind === 'indicator' && r.indicator.code === perThousand.code,
    );
    expect(row?.validation).toMatchObject({
      type: 'decimal',
      min: 0,
      prompt: expect.stringMatching(/。只填数字。$/),
      error: `本指标单位为“${perThousand.unit.label}”，请只填写数字。文字请写在“说明”栏。`,
    });
    expect(row?.validation).not.toHaveProperty('max');
  });
});

describe('重点任务 and _meta (§2)', () => {
  it('the reforms the bureau owns, then the project’s figures, from row 2, with due years', () => {
    expect(
      model.milestones.map((m) => [m.row, m.code, m.cells[2], m.figure !== null, m.reform !== null]),
    ).toStrictEqual([
      [2, 'GG-02', '印发规划并完成实施（2025年）', false, true],
      [3, 'XM-01-床位', '400张（2025年）', true, false],
      [4, 'XM-01-投资', expect.stringMatching(/亿元（2025年）$/), true, false],
      [5, 'XM-01-进度', '100%（2025年）', true, false],
    ]);
    expect(model.milestones[0]?.cells[1]).toBe('完善养老规划：制定《耿马自治县“十四五”养老服务专项规划》');
    expect(model.milestones.map((m) => m.cells[3])).toStrictEqual(Array(4).fill('县民政局'));
    // A bureau that owns neither gets no rows (and so no 重点任务 sheet).
    expect(buildTemplateModel(catalog, '县教育体育局', 2025, '').milestones).toStrictEqual([]);
  });

  it('完成值 of a project figure is validated by its own unit and year; a reform’s takes no figure', () => {
    const [reform, beds, investment, progress] = model.milestones;
    expect(reform?.validation).toBeNull();
    expect(beds?.validation).toStrictEqual({
      type: 'whole',
      min: 0,
      prompt: '单位：张；2025年目标：400。只填整数，不要带“张”字。',
      promptTitle: 'XM-01-床位',
      error: '本指标单位为“张”，请只填写整数，如 620。文字请写在“说明”栏。',
      numFmt: 'General',
    });
    expect(investment?.validation).toMatchObject({ type: 'decimal', min: 0, promptTitle: 'XM-01-投资' });
    expect(investment?.validation).not.toHaveProperty('max');
    expect(investment?.validation?.error).toContain('“亿元”');
    expect(progress?.validation).toMatchObject({ type: 'decimal', min: 0, max: 100 });
    expect(progress?.validation?.prompt).toMatch(/^单位：%；2025年目标：100。填 0–100/);
  });

  it('_meta holds the six keys §2 lists, in order', () => {
    expect(model.meta).toStrictEqual([
      ['format', 'yilao-yixiao/indicator-workbook'],
      ['version', '1'],
      ['catalog', catalog.id],
      ['catalogHash', 'HASH'],
      ['bureau', '县民政局'],
      ['period', '2025'],
    ]);
  });
});
