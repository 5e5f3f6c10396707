import { RESULT_HEADER, defaultCatalog, issueMessage, type SubmissionReport } from '../../src/core';
import {
  MARK_COLOURS,
  markPlan,
  resultColumnValues,
  type CellMark,
  type MarkPlan,
} from '../../src/excel/marks';
import { checkedReport, type CellInput } from '../helpers/views';

/**
 * What marking a checked sheet means (spec §6: the figure cell coloured by its worst issue or,
 * without one, by an off-track or at-risk status; a note with each issue; a 核查结果 column),
 * decided before any Office.js call. The adapter's tests see it only through the double.
 */
const catalog = defaultCatalog();

const report = (figures: Record<string, CellInput>, notes: Record<string, string> = {}): SubmissionReport =>
  checkedReport(catalog, '县民政局', 2023, figures, notes);

// 民政局 2023, hand-checked in src/core/checks.test.ts: YL-02 约620张 → off-track with a warning,
// YL-03 45 → at-risk, YL-04 empty → error, YL-05 100 → achieved, YL-06 0.7 explained → off-track,
// YL-07 150 → on-track, YL-14 #DIV/0! → error.
// Made for each test, not when the file loads: code run outside a test is "static" to the
// mutation runner, which then runs every test of the suite for each mutant it touches.
let checked: SubmissionReport;
let plan: MarkPlan;
beforeEach(() => {
  checked = report(
    {
      'YL-02': '约620张',
      'YL-03': 45,
      'YL-05': 100,
      'YL-06': 0.7,
      'YL-07': 150,
      'YL-14': '#DIV/0!',
      'YL-99': 5,
    },
    { 'YL-06': '按0.7填报' },
  );
  plan = markPlan(checked, 'zh', 8);
});
const mark = (sheet: string, address: string): CellMark | undefined =>
  plan.cells.find((c) => c.sheet === sheet && c.address === address);
const colours = (m: CellMark | undefined) => m && { fill: m.fill, font: m.font };

describe('markPlan: which cells get which colour and note', () => {
  it('an error colours its cell as an error, with the issue in the note', () => {
    const cell = mark('指标填报', 'G15');
    expect(colours(cell)).toStrictEqual(MARK_COLOURS.error);
    expect(cell?.note).toContain('“#DIV/0!”不是数字');
    expect(colours(mark('指标填报', 'G8'))).toStrictEqual(MARK_COLOURS.error);
  });

  it('a warning not yet explained colours its cell as a warning, before the status', () => {
    const cell = mark('指标填报', 'G6');
    expect(colours(cell)).toStrictEqual(MARK_COLOURS.warning);
    expect(cell?.note).toContain('是约数');
  });

  it('an explained warning no longer colours: the status does, and the note keeps the issue', () => {
    const cell = mark('指标填报', 'G10');
    expect(colours(cell)).toStrictEqual(MARK_COLOURS['off-track']);
    expect(cell?.note).toContain('已说明：按0.7填报');
  });

  it('a status alone colours without a note; achieved, on track and no data without issues are not marked', () => {
    expect(mark('指标填报', 'G7')).toStrictEqual({
      sheet: '指标填报',
      address: 'G7',
      ...MARK_COLOURS['at-risk'],
      note: null,
    });
    for (const address of ['G9', 'G11', 'G12']) expect(mark('指标填报', address)).toBeUndefined();
  });

  it('cells of 重点任务 are marked on their own sheet', () => {
    expect(colours(mark('重点任务', 'E2'))).toStrictEqual(MARK_COLOURS.error);
    expect(colours(mark('重点任务', 'F3'))).toStrictEqual(MARK_COLOURS.error);
  });

  it('issues of the sheet itself are marked at their cell, in their severity, with their message', () => {
    const issue = checked.sheetIssues.find((i) => i.kind === 'unknown-code');
    expect(issue?.cell).toBe('A18');
    expect(mark('指标填报', 'A18')).toStrictEqual({
      sheet: '指标填报',
      address: 'A18',
      ...MARK_COLOURS.warning,
      note: issueMessage(issue!, 'zh'),
    });
  });

  it('what has no cell in the sheet is not marked: an indicator whose row is gone, a sheet issue without a place', () => {
    const issue = checked.sheetIssues.find((i) => i.kind === 'unknown-code')!;
    const placeless: SubmissionReport = {
      ...checked,
      // YL-04's row deleted by the clerk: the report still lists it as missing, with no cell.
      entries: checked.entries.map((e) =>
        e.code === 'YL-04' ? { ...e, cell: null, row: null, sheet: null } : e,
      ),
      sheetIssues: [{ ...issue, cell: undefined }],
    };
    const placed = markPlan(placeless, 'zh', 8);
    // toStrictEqual: an undefined address must count as an element, which toEqual ignores.
    expect(placed.cells.map((c) => c.address)).toStrictEqual(
      plan.cells.map((c) => c.address).filter((a) => a !== 'G8' && a !== 'A18'),
    );
    expect([...placed.results.keys()]).toStrictEqual([6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
  });

  it('the result column holds a result for every row of the entry sheet, and only those', () => {
    expect([...plan.results.keys()]).toStrictEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(plan.results.get(9)).toBe('达标');
    expect(plan.results.get(7)).toBe('存在风险');
    expect(plan.results.get(6)).toBe(mark('指标填报', 'G6')?.note);
    expect(plan.sheet).toBe('指标填报');
    expect(plan.headerRow).toBe(4);
  });

  it('in English, the same cells with English words', () => {
    const english = markPlan(checked, 'en', 8);
    expect(english.cells.map((c) => c.address)).toStrictEqual(plan.cells.map((c) => c.address));
    expect(english.results.get(9)).not.toBe('达标');
  });
});

describe('where the result column goes', () => {
  it('after every used column, the figure and note columns included', () => {
    expect(markPlan(checked, 'zh', 8).resultColumn).toBe(9);
    expect(markPlan(checked, 'zh', 12).resultColumn).toBe(13);
    expect(markPlan(checked, 'zh', 3).resultColumn).toBe(9);
  });

  it('into the 核查结果 column the sheet already has, whatever else is used', () => {
    const withResult: SubmissionReport = { ...checked, columns: { ...checked.columns, result: 10 } };
    expect(markPlan(withResult, 'zh', 20).resultColumn).toBe(10);
  });

  it('resultColumnValues: the header, then a row for every row down to the last result', () => {
    const column = resultColumnValues(plan);
    expect(column.address).toBe('I4:I17');
    expect(column.values.length).toBe(14);
    expect(column.values[0]).toStrictEqual([RESULT_HEADER]);
    expect(column.values[1]).toStrictEqual(['']);
    expect(column.values[5]).toStrictEqual(['达标']);
    expect(column.values[13]).toStrictEqual([plan.results.get(17)]);
  });

  it('with no results, the header alone', () => {
    const column = resultColumnValues({ ...plan, results: new Map() });
    expect(column).toStrictEqual({ address: 'I4:I4', values: [[RESULT_HEADER]] });
  });
});

describe('MARK_COLOURS: the marks in the form Office.js takes', () => {
  it('#RRGGBB fill and font for each mark, the values of the shared palette', () => {
    // Literal values: the tests above compare with these constants, so a constant emptied by a
    // slip in the prefixing would pass them all.
    expect(MARK_COLOURS.error).toStrictEqual({ fill: '#FF9B9B', font: '#7F0000' });
    expect(MARK_COLOURS.warning).toStrictEqual({ fill: '#FFEB9C', font: '#9C5700' });
    expect(MARK_COLOURS['off-track']).toStrictEqual({ fill: '#FFC7CE', font: '#9C0006' });
    expect(MARK_COLOURS['at-risk']).toStrictEqual({ fill: '#FFEB9C', font: '#9C5700' });
    expect(MARK_COLOURS.header).toStrictEqual({ fill: '#DDEBF7', font: '#000000' });
  });
});
