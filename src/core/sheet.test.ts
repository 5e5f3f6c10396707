import type { CellInput } from '../../test/helpers/views';
import { sheet } from '../../test/helpers/views';
import { defaultCatalog } from './catalog';
import {
  readDate,
  readPeriod,
  readSubmission,
  serialToIsoDate,
  type SheetView,
  type WorkbookView,
} from './sheet';

/**
 * The header's period (E2) and date of filling (H2) as clerks and Excel leave them (spec §2, §3):
 * a year typed as a number or as text with 年/年度 in either width; a date as a date cell, as a
 * serial number under a date format, or as text. Expected dates are counted by hand from Excel's
 * epochs: serial 1 is 1900-01-01 (1900 system), 0 is 1904-01-01 (1904 system).
 */

describe('readPeriod: E2 holds a year', () => {
  it.each([
    [{ type: 'number', value: 2023 }, 2023],
    [{ type: 'number', value: 1900 }, 1900],
    [{ type: 'number', value: 2200 }, 2200],
    [{ type: 'number', value: 1899 }, null],
    [{ type: 'number', value: 2201 }, null],
    [{ type: 'number', value: 2023.5 }, null],
    [{ type: 'string', value: '2023' }, 2023],
    [{ type: 'string', value: ' 2023 年 ' }, 2023],
    [{ type: 'string', value: '2023年度' }, 2023],
    [{ type: 'string', value: '２０２３年度' }, 2023],
    [{ type: 'string', value: '2023年底' }, null],
    [{ type: 'string', value: '23年' }, null],
    [{ type: 'string', value: '报告期2023' }, null],
    [{ type: 'boolean', value: true }, null],
    [{ type: 'empty' }, null],
  ] as const)('%j → %j', (cell, year) => {
    expect(readPeriod(cell)).toBe(year);
  });
});

describe('serialToIsoDate: Excel serial day numbers, both date systems', () => {
  it.each([
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    // Excel's 29 February 1900 never was: serials from 61 count the real days again.
    [61, false, '1900-03-01'],
    [45280, false, '2023-12-20'],
    [45280.99, false, '2023-12-20'],
    [0, true, '1904-01-01'],
    [45280 - 1462, true, '2023-12-20'],
    [2_958_465, false, '9999-12-31'],
  ])('%d (1904: %s) → %s', (serial, date1904, iso) => {
    expect(serialToIsoDate(serial, date1904)).toBe(iso);
  });

  it('the 1900 system unless told otherwise', () => {
    expect(serialToIsoDate(1)).toBe('1900-01-01');
  });

  it('a number no date is (negative, past 9999-12-31, not finite) is null', () => {
    expect(serialToIsoDate(-1)).toBeNull();
    expect(serialToIsoDate(2_958_466)).toBeNull();
    expect(serialToIsoDate(Number.NaN)).toBeNull();
    expect(serialToIsoDate(Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('readDate: H2, the date of filling', () => {
  it('a date cell is its day; a serial under a date format is converted, in the workbook’s date system', () => {
    expect(readDate({ type: 'date', value: '2023-12-20T07:30:00.000Z' })).toBe('2023-12-20');
    expect(readDate({ type: 'number', value: 45280, numFmt: 'yyyy-mm-dd' })).toBe('2023-12-20');
    expect(readDate({ type: 'number', value: 45280 - 1462, numFmt: 'yyyy"年"m"月"d"日"' }, true)).toBe(
      '2023-12-20',
    );
  });

  it('a number that is not a date is kept as its digits, for the clerk to see what was typed', () => {
    expect(readDate({ type: 'number', value: 45280 })).toBe('45280');
    expect(readDate({ type: 'number', value: 20231220, numFmt: '0' })).toBe('20231220');
    expect(readDate({ type: 'number', value: 3_000_000, numFmt: 'yyyy-mm-dd' })).toBe('3000000');
  });

  it.each([
    ['2023年6月25日', '2023-06-25'],
    ['2023/6/5', '2023-06-05'],
    ['2023.12.20', '2023-12-20'],
    ['2023 - 12 - 20', '2023-12-20'],
    ['２０２３年１２月２０日', '2023-12-20'],
    ['2023-12', '2023-12'],
    ['  去年 年底 ', '去年 年底'],
  ])('text %j → %j (a form not recognised is kept, spaces squashed)', (text, date) => {
    expect(readDate({ type: 'string', value: text })).toBe(date);
  });

  it('a cell holding neither a date, a number nor text gives nothing', () => {
    expect(readDate({ type: 'boolean', value: true })).toBe('');
    expect(readDate({ type: 'empty' })).toBe('');
    expect(readDate({ type: 'error', value: '#VALUE!' })).toBe('');
  });
});

describe('readSubmission (spec §3): a sheet as clerks leave it', () => {
  const catalog = defaultCatalog();
  const header = ['编号', '具体指标', '单位', '基期值', '目标值', '责任单位', '本期完成值', '说明'];
  /** 指标填报 with the header in row 4 and the given rows after it. */
  const entrySheet = (rows: CellInput[][], extra: Partial<SheetView> = {}) =>
    sheet('指标填报', [[], [], [], header, ...rows], extra);
  const read = (workbook: WorkbookView) => {
    const result = readSubmission(workbook, catalog);
    if (!result.ok) throw new Error(result.error.kind);
    return result.submission;
  };

  it('a 核查结果 column left by an earlier check is found, for the writers to reuse', () => {
    const withResult = sheet('指标填报', [
      [],
      [],
      [],
      [...header, '核查结果'],
      ['YL-02', '', '', '', '', '', 620],
    ]);
    expect(read({ sheets: [withResult] }).columns).toStrictEqual({
      code: 1,
      value: 7,
      note: 8,
      header: 4,
      result: 9,
    });
    expect(read({ sheets: [entrySheet([['YL-02', '', '', '', '', '', 620]])] }).columns.result).toBeNull();
  });

  it('B2 empty: the bureau _meta names is used; neither: empty', () => {
    const meta = sheet(
      '_meta',
      [
        ['bureau', ' 县民政局 '],
        ['period', '2023'],
      ],
      { visibility: 'veryHidden' },
    );
    const s = read({ sheets: [entrySheet([['YL-02', '', '', '', '', '', 620]]), meta] });
    expect([s.bureauText, s.period, s.periodText]).toStrictEqual(['县民政局', 2023, '']);
    expect(read({ sheets: [entrySheet([])] }).bureauText).toBe('');
  });

  it('merges over the figure column below the header hide figures; a one-cell merge, one elsewhere or above does not', () => {
    const rows = [
      ['YL-02', '', '', '', '', '', 620],
      ['YL-03', '', '', '', '', '', 45],
      ['YL-05', '', '', '', '', '', 100],
    ];
    const merged = (merges: string[]) =>
      read({ sheets: [entrySheet(rows, { merges })] })
        .issues.filter((i) => i.kind === 'merged-cell')
        .map((i) => [i.code, i.cell, i.params]);
    expect(merged(['$g$5:$G$6'])).toStrictEqual([
      ['YL-02', 'G5', { range: '$g$5:$G$6' }],
      ['YL-03', 'G6', { range: '$g$5:$G$6' }],
    ]);
    // Written backwards, it is the same block.
    expect(merged(['H7:F6']).map((m) => m[0])).toStrictEqual(['YL-03', 'YL-05']);
    expect(merged(['G5', 'G5:G5', 'A5:F6', 'H5:H7', 'G1:G4', 'not a range'])).toStrictEqual([]);
  });

  it('a merge over the figure column in one row hides it too; odd references are read as the letters and digits say', () => {
    const rows = Array.from({ length: 8 }, (_r, i) => [
      `YL-${String(i + 2).padStart(2, '0')}`,
      '',
      '',
      '',
      '',
      '',
      i,
    ]);
    const merged = (merges: string[]) =>
      read({ sheets: [entrySheet(rows, { merges })] })
        .issues.filter((i) => i.kind === 'merged-cell')
        .map((i) => i.cell);
    // F5:G5 shows F5's value over G5: the figure typed in G5 is hidden.
    expect(merged(['F5:G5'])).toStrictEqual(['G5']);
    // Two-digit rows and two-letter columns, either end first.
    expect(merged(['G11:G12'])).toStrictEqual(['G11', 'G12']);
    expect(merged(['G5:G10']).length).toBe(6);
    expect(merged(['F12:AA11'])).toStrictEqual(['G11', 'G12']);
    expect(merged(['AA11:F12'])).toStrictEqual(['G11', 'G12']);
    expect(merged(['1G5:G6', 'G5:G6x', 'G5:'])).toStrictEqual([]);
  });

  it('a code not in the catalog is told with the name beside it, cut at forty characters', () => {
    const name = '新增'.repeat(25);
    const issue = read({ sheets: [entrySheet([['YL-99', name, '', '', '', '', 5]])] }).issues.find(
      (i) => i.kind === 'unknown-code',
    );
    expect(issue?.params).toStrictEqual({ row: 5, typed: 'YL-99', rowText: name.slice(0, 40) });
  });

  it('which sheet: data with no header is no template; a workbook of empty cells is empty', () => {
    const kind = (workbook: WorkbookView) => {
      const result = readSubmission(workbook, catalog);
      return result.ok ? 'ok' : result.error.kind;
    };
    // One empty sheet beside one with text in its second cell only.
    expect(kind({ sheets: [sheet('Sheet1', []), sheet('Sheet2', [[null, '汇总']])] })).toBe('no-sheet');
    expect(kind({ sheets: [sheet('Sheet1', [[{ type: 'empty' }, { type: 'empty' }]])] })).toBe(
      'empty-workbook',
    );
    // A hidden sheet with the header is not taken for the template; a visible one after it is.
    const hidden = sheet('旧表', [[], [], [], header, ['YL-02', '', '', '', '', '', 1]], {
      visibility: 'hidden',
    });
    const visible = sheet('填报', [[], [], [], header, ['YL-02', '', '', '', '', '', 2]]);
    expect(read({ sheets: [hidden, visible] }).entries[0]?.raw).toStrictEqual({ type: 'number', value: 2 });
  });

  describe('重点任务: read by its header, wherever the columns stand', () => {
    const milestones = (rows: CellInput[][]) =>
      read({ sheets: [entrySheet([]), sheet('重点任务', rows)] }).milestones.map((m) => [
        m.code,
        m.row,
        m.progressCell,
        m.figureCell,
        m.note,
      ]);

    it('columns found by their header; rows whose code is not a task or project figure are skipped', () => {
      expect(
        milestones([
          ['说明', '完成值', '完成情况', '编号'],
          ['备注一', 400, '推进中', 'XM-01-床位'],
          ['', '', '', '合计'],
          ['', '', '推进中', 'GG合计'],
          ['', '', '推进中', '见GG-02'],
          ['', '', '已完成', 'GG-02'],
          ['', '', '', 'YL-02'],
        ]),
      ).toStrictEqual([
        ['XM-01-床位', 2, 'C2', 'B2', '备注一'],
        ['GG-02', 6, 'C6', 'B6', ''],
      ]);
    });

    it('without 完成值 or 说明 the figure is looked for in F and there is no note', () => {
      expect(
        milestones([
          ['编号', '完成情况'],
          ['GG-02', '推进中'],
        ]),
      ).toStrictEqual([['GG-02', 2, 'B2', 'F2', '']]);
    });

    it('a sheet without both 编号 and 完成情况 in its first rows gives no tasks', () => {
      expect(
        milestones([
          ['编号', '任务名称'],
          ['GG-02', '推进中'],
        ]),
      ).toStrictEqual([]);
      expect(milestones([])).toStrictEqual([]);
    });
  });
});

describe('readSubmission (spec §3): the columns found by their header, in the words clerks and other counties use', () => {
  const catalog = defaultCatalog();
  const read = (codeLabel: string, valueLabel: string, noteLabel: string) => {
    // Columns in another order than the template's, to show they are found by their header.
    const view = sheet('指标填报', [
      [],
      [],
      [],
      [noteLabel, valueLabel, codeLabel],
      ['已核实', 620, 'YL-02'],
    ]);
    const result = readSubmission({ sheets: [view] }, catalog);
    if (!result.ok) return result.error.kind;
    const entry = result.submission.entries[0];
    return [entry?.code, entry?.cell, entry?.note];
  };

  it.each(['编号', '指标编号', '代码'])('the code column headed %s', (label) => {
    expect(read(label, '本期完成值', '说明')).toStrictEqual(['YL-02', 'B5', '已核实']);
  });

  // A line break typed in the header (Alt+Enter) is white space like any other.
  it.each([
    '本期完成值',
    '完成值',
    '本期值',
    '本年完成值',
    '本期完成值（2023年）',
    '完成值(单位见C列)',
    '本期完成值\n（2023年）',
  ])('the figure column headed %s', (label) => {
    expect(read('编号', label, '说明')).toStrictEqual(['YL-02', 'B5', '已核实']);
  });

  it.each(['说明', '备注', '情况说明'])('the note column headed %s', (label) => {
    expect(read('编号', '本期完成值', label)).toStrictEqual(['YL-02', 'B5', '已核实']);
  });

  it('a header that only begins like an accepted one is not it; without code and figure columns there is no header', () => {
    expect(read('编号', '本期完成值', '说明文字')).toStrictEqual(['YL-02', 'B5', '']);
    expect(read('编号', '完成值合计', '说明')).toBe('no-header');
    expect(read('序号', '本期完成值', '说明')).toBe('no-header');
  });
});
