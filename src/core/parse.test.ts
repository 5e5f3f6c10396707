import { defaultCatalog, findIndicator } from './catalog';
import { displayText, isDateFormat, isPercentFormat, parseFigure } from './parse';
import type { RawCell } from './types';

const catalog = defaultCatalog();
const ind = (code: string) => findIndicator(catalog, code)!;
const PERCENT = ind('YL-03'); // 护理型床位占比, %, 32 → 55
const BEDS = ind('YL-02'); // 养老床位数, 张, 650 → 800
const PLACES = ind('TY-03'); // 托位数, 个, 20 → 1400
const RATE = ind('TY-04'); // 每千人口托位数, 个/千人
const INVEST = findIndicator(catalog, 'XM-01-投资')!; // 亿元

const text = (value: string): RawCell => ({ type: 'string', value });
const num = (value: number, numFmt?: string): RawCell => ({
  type: 'number',
  value,
  ...(numFmt ? { numFmt } : {}),
});
const kinds = (cell: RawCell, indicator = PERCENT) =>
  parseFigure(cell, indicator).issues.map((i) => `${i.severity}:${i.kind}`);

describe('spec §4, row by row', () => {
  it.each([
    ['85', text('85')],
    ['85% as text', text('85%')],
    ['８５％ (full width)', text('８５％')],
    ['85 %', text('85 %')],
    ['85 as a number', num(85)],
  ])('%s in a %% indicator → 85', (_label, cell) => {
    expect(parseFigure(cell, PERCENT)).toMatchObject({ state: 'value', value: 85, issues: [] });
  });

  it.each(['0%', '0.0%', '0.00%', '0.0%;[Red]-0.0%'])('0.85 formatted %s → 85', (numFmt) => {
    expect(parseFigure(num(0.85, numFmt), PERCENT)).toMatchObject({ state: 'value', value: 85, issues: [] });
  });

  it('0.85 with no percent format in a % indicator → kept, percent-as-fraction warning', () => {
    const parsed = parseFigure(num(0.85), PERCENT);
    expect(parsed).toMatchObject({ state: 'value', value: 0.85 });
    expect(parsed.issues).toStrictEqual([
      expect.objectContaining({
        severity: 'warning',
        kind: 'percent-as-fraction',
        params: expect.objectContaining({ suggested: 85 }),
      }),
    ]);
    expect(kinds(text('0.55'))).toStrictEqual(['warning:percent-as-fraction']);
    expect(kinds(num(1))).toStrictEqual(['warning:percent-as-fraction']);
    expect(kinds(num(0))).toStrictEqual([]);
    expect(kinds(num(1.5))).toStrictEqual([]);
  });

  it.each([
    ['620', text('620'), 620],
    ['620个', text('620个'), 620],
    ['620 个', text('620 个'), 620],
    ['６２０', text('６２０'), 620],
    ['1,400', text('1,400'), 1400],
    ['1，400', text('1，400'), 1400],
    ['１，４００', text('１，４００'), 1400],
    ['0.14万', text('0.14万'), 1400],
    ['1.4千', text('1.4千'), 1400],
    ['number 620', num(620), 620],
  ])('%s in a count indicator → %d', (_label, cell, expected) => {
    expect(parseFigure(cell, PLACES)).toMatchObject({ state: 'value', value: expected, issues: [] });
  });

  it.each(['620张', '620 张', '６２０张', '620　张'])('%s in a 张 indicator → 620', (typed) => {
    expect(parseFigure(text(typed), BEDS)).toMatchObject({ state: 'value', value: 620, issues: [] });
  });

  it('620个 in a 张 indicator → 620 with a unit-mismatch warning', () => {
    const parsed = parseFigure(text('620个'), BEDS);
    expect(parsed.value).toBe(620);
    expect(kinds(text('620个'), BEDS)).toStrictEqual(['warning:unit-mismatch']);
  });

  it('620人 in a % indicator, or 85% in a count indicator → unit-mismatch error', () => {
    expect(parseFigure(text('620人'), PERCENT)).toMatchObject({ state: 'invalid', value: null });
    expect(kinds(text('620人'), PERCENT)).toStrictEqual(['error:unit-mismatch']);
    expect(kinds(text('85%'), BEDS)).toStrictEqual(['error:unit-mismatch']);
    expect(kinds(num(0.85, '0%'), BEDS)).toStrictEqual(['error:unit-mismatch']);
  });

  it.each(['约620', '620左右', '620余', '620多', '约620张', '620余张', '620张左右', '大约 620', '≥620'])(
    '%s → 620 with an approximate warning',
    (typed) => {
      const parsed = parseFigure(text(typed), BEDS);
      expect(parsed).toMatchObject({ state: 'value', value: 620 });
      expect(kinds(text(typed), BEDS)).toStrictEqual(['warning:approximate']);
    },
  );

  it.each(['不适用', '无', '/', '—', '-', '－', '——', 'N/A', ' 不适用 '])('%j → not applicable', (typed) => {
    const parsed = parseFigure(text(typed), BEDS);
    expect(parsed).toMatchObject({ state: 'not-applicable', value: null });
    expect(kinds(text(typed), BEDS)).toStrictEqual(['warning:not-applicable']);
  });

  it('an empty cell → no value, no issue here (missing is decided by the role)', () => {
    expect(parseFigure({ type: 'empty' }, BEDS)).toMatchObject({ state: 'empty', value: null, issues: [] });
    expect(parseFigure(text('   '), BEDS)).toMatchObject({ state: 'empty', value: null, issues: [] });
    expect(parseFigure(text('\u200b\u00a0'), BEDS)).toMatchObject({ state: 'empty' });
  });

  it.each([
    '#DIV/0!',
    '#REF!',
    '#N/A',
    '#VALUE!',
    '#NAME?',
    '#NUM!',
    '#NULL!',
    '#SPILL!',
    '#CALC!',
    '#GETTING_DATA',
  ])('%s → formula-error', (error) => {
    expect(kinds({ type: 'error', value: error }, BEDS)).toStrictEqual(['error:formula-error']);
  });

  it.each([
    ['a date cell', { type: 'date' as const, value: '2023-03-05' }],
    ['a serial with format m-d', num(45000, 'm-d')],
    ['a serial with format yyyy/m/d', num(45000, 'yyyy/m/d')],
    ['a serial with a Chinese date format', num(45000, 'yyyy"年"m"月"d"日"')],
    ['a serial with [$-804]m月d日', num(45000, '[$-804]m"月"d"日"')],
    ['text 3-5', text('3-5')],
    ['text 1/2', text('1/2')],
    ['text 2023-03-05', text('2023-03-05')],
    ['text 3月5日', text('3月5日')],
  ])('%s → date-typed', (_label, cell) => {
    expect(kinds(cell, BEDS)).toStrictEqual(['error:date-typed']);
  });

  it.each(['见附件', '待统计', '六百二十', 'abc', '620 650', '1,4', '62O'])('%j → not-a-number', (typed) => {
    expect(kinds(text(typed), BEDS)).toStrictEqual(['error:not-a-number']);
  });

  it('a percentage above 100 or below 0, or a negative count → out-of-range', () => {
    expect(kinds(num(120), PERCENT)).toStrictEqual(['error:out-of-range']);
    expect(kinds(text('120%'), PERCENT)).toStrictEqual(['error:out-of-range']);
    expect(kinds(num(1.2, '0%'), PERCENT)).toStrictEqual(['error:out-of-range']);
    expect(kinds(num(-5), PERCENT)).toStrictEqual(['error:out-of-range']);
    expect(kinds(text('-620'), BEDS)).toStrictEqual(['error:out-of-range']);
    expect(kinds(text('−620'), BEDS)).toStrictEqual(['error:not-a-number']);
    expect(kinds(num(100), PERCENT)).toStrictEqual([]);
  });

  it('a count with a fraction → not-whole, keeping the reading for display', () => {
    expect(parseFigure(text('620.5张'), BEDS)).toMatchObject({
      state: 'invalid',
      value: null,
      reading: 620.5,
    });
    expect(kinds(text('620.5张'), BEDS)).toStrictEqual(['error:not-whole']);
    expect(kinds(num(0.5), RATE)).toStrictEqual([]);
  });

  it('10 times the larger of baseline and target → scale-slip', () => {
    expect(kinds(num(6200), BEDS)).toStrictEqual(['warning:scale-slip']);
    expect(kinds(text('14000'), PLACES)).toStrictEqual(['warning:scale-slip']);
    expect(kinds(text('1.4万'), PLACES)).toStrictEqual(['warning:scale-slip']);
    expect(kinds(num(5999), BEDS)).toStrictEqual([]);
    expect(kinds(num(1600), BEDS)).toStrictEqual([]);
    expect(kinds(num(50), RATE)).toStrictEqual(['warning:scale-slip']);
  });

  it('a formula cell is read by its computed value', () => {
    expect(parseFigure({ type: 'number', value: 620, formula: true }, BEDS)).toMatchObject({
      value: 620,
      issues: [],
    });
    expect(parseFigure({ type: 'string', value: '620', formula: true }, BEDS)).toMatchObject({ value: 620 });
  });
});

describe('more forms clerks type', () => {
  it.each([
    ['NBSP inside', '620\u00a0张', 620],
    ['zero-width', '6\u200b20', 620],
    ['BOM', '\ufeff620', 620],
    ['RTL mark', '\u200f620', 620],
    ['ideographic space', '\u3000620\u3000', 620],
    ['full-width period', '０．１４万', 1400],
    ['plus sign', '+620', 620],
    ['exponent', '6.2e2', 620],
    ['upper exponent', '6.2E2', 620],
    ['apostrophe thousands', "1'400", 1400],
    ['1.4千个', '1.4千个', 1400],
    ['leading dot', '.5', 0.5],
  ])('%s: %j', (_label, typed, expected) => {
    const indicator = expected === 0.5 ? RATE : PLACES;
    expect(parseFigure(text(typed), indicator).value).toBe(expected);
  });

  it('reads per-thousand forms', () => {
    expect(parseFigure(text('3.5个/千人'), RATE)).toMatchObject({ value: 3.5, issues: [] });
    expect(parseFigure(text('3.5‰'), RATE)).toMatchObject({ value: 3.5, issues: [] });
    expect(parseFigure(text('3.5个'), RATE)).toMatchObject({ value: 3.5, issues: [] });
    expect(kinds(text('3.5张'), RATE)).toStrictEqual(['warning:unit-mismatch']);
    expect(kinds(text('3.5%'), RATE)).toStrictEqual(['error:unit-mismatch']);
  });

  it('reads money in 亿元, 万元 and 元', () => {
    expect(parseFigure(text('1.2亿元'), INVEST)).toMatchObject({ value: 1.2, issues: [] });
    expect(parseFigure(text('12000万元'), INVEST)).toMatchObject({ value: 1.2, issues: [] });
    expect(parseFigure(text('120000000元'), INVEST)).toMatchObject({ value: 1.2, issues: [] });
    expect(parseFigure(num(0.8), INVEST)).toMatchObject({ value: 0.8, issues: [] });
    expect(kinds(text('1.2张'), INVEST)).toStrictEqual(['error:unit-mismatch']);
  });

  it('turns ‰ and a measure word away from a percent indicator', () => {
    expect(kinds(text('85‰'), PERCENT)).toStrictEqual(['error:unit-mismatch']);
    expect(kinds(text('85个'), PERCENT)).toStrictEqual(['error:unit-mismatch']);
    expect(kinds(text('5个/千人'), BEDS)).toStrictEqual(['error:unit-mismatch']);
  });

  it('handles booleans, NaN, Infinity and huge numbers', () => {
    expect(kinds({ type: 'boolean', value: true }, BEDS)).toStrictEqual(['error:not-a-number']);
    expect(kinds(num(Number.NaN), BEDS)).toStrictEqual(['error:not-a-number']);
    expect(kinds(num(Number.POSITIVE_INFINITY), BEDS)).toStrictEqual(['error:not-a-number']);
    expect(kinds(text('1e309'), BEDS)).toStrictEqual(['error:not-a-number']);
    expect(kinds(text('NaN'), BEDS)).toStrictEqual(['error:not-a-number']);
    expect(kinds(text('Infinity'), BEDS)).toStrictEqual(['error:not-a-number']);
  });

  it('treats very long strings as notes typed in the wrong column', () => {
    const long = '6'.repeat(100_000);
    const parsed = parseFigure(text(long), BEDS);
    expect(parsed.issues).toStrictEqual([
      expect.objectContaining({ kind: 'not-a-number', params: expect.objectContaining({ tooLong: true }) }),
    ]);
    const issue = parsed.issues[0]!;
    expect(issue.kind === 'not-a-number' && issue.params.raw.length).toBeLessThan(100);
  });

  it('rounds binary noise away', () => {
    expect(parseFigure(num(0.575, '0.0%'), PERCENT).value).toBe(57.5);
    expect(parseFigure(num(0.07, '0%'), PERCENT).value).toBe(7);
  });

  it('shows the displayed text when the adapter knows it', () => {
    expect(parseFigure({ type: 'number', value: 0.85, numFmt: '0%', text: '85%' }, PERCENT).raw).toBe('85%');
    expect(displayText({ type: 'boolean', value: false })).toBe('FALSE');
    expect(displayText({ type: 'error', value: '#REF!' })).toBe('#REF!');
    expect(displayText({ type: 'date', value: '2023-03-05' })).toBe('2023-03-05');
    expect(displayText(num(620))).toBe('620');
  });
});

describe('number formats', () => {
  it.each([
    ['0%', true],
    ['0.00%', true],
    ['"%"0', false],
    ['0\\%', false],
    ['General', false],
    [undefined, false],
  ])('isPercentFormat(%j) = %s', (fmt, expected) => {
    expect(isPercentFormat(fmt)).toBe(expected);
  });

  it.each([
    ['yyyy-mm-dd', true],
    ['m/d/yy', true],
    ['h:mm', true],
    ['[$-804]yyyy"年"m"月"', true],
    ['General', false],
    ['0.00', false],
    ['0.00E+00', false],
    ['#,##0"张"', false],
    ['[Red]0', false],
    ['0;[Red]-0', false],
    [undefined, false],
  ])('isDateFormat(%j) = %s', (fmt, expected) => {
    expect(isDateFormat(fmt)).toBe(expected);
  });
});
