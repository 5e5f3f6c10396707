import { CHANGE_AGAINST_SHARE, COUNT_FALL_SHARE } from './checks';
import { readStoredReason } from './file-error-schema';
import { SCALE_SLIP_FACTOR } from './parse';
import {
  ISSUE_LABELS,
  fileErrorMessage,
  issueMessage,
  sheetErrorMessage,
  statusLabel,
  STATUS_LABELS,
} from './messages';
import {
  ISSUE_KINDS,
  STATUSES,
  type FileError,
  type FileErrorKind,
  type FileErrorParamsOf,
  type Issue,
  type IssueKind,
  type IssueParamsOf,
  type Lang,
} from './types';

/**
 * Every issue kind and file error, rendered in both languages from parameters of its own type
 * (each branch of a message has a sample): nothing empty, nothing of the other language, and the
 * rule's own numbers in the words.
 */

const ISSUE_SAMPLES: { [K in IssueKind]: IssueParamsOf[K][] } = {
  'percent-as-fraction': [{ raw: '0.55', suggested: 55 }],
  'unit-mismatch': [{ raw: '620个', unit: '张', typedUnit: '个' }],
  approximate: [
    { raw: '约620', value: 620, bound: 'about' },
    { raw: '≥80', value: 80, bound: 'at-least' },
  ],
  'not-applicable': [{ raw: '无' }],
  missing: [
    { code: 'YL-02', unit: '张', rowMissing: false, milestone: false },
    { code: 'YL-02', unit: '张', rowMissing: true, milestone: false },
    { code: 'GG-01', unit: '完成情况', rowMissing: false, milestone: true },
  ],
  'formula-error': [
    { raw: '', error: '#REF!', uncalculated: false },
    { raw: '', error: '', uncalculated: true },
  ],
  'date-typed': [{ raw: '2023-03-05', unit: '个' }],
  'not-a-number': [
    { raw: '待统计', unit: '%', tooLong: false },
    { raw: '很长的说明…', unit: '%', tooLong: true },
  ],
  'out-of-range': [
    { raw: '120', value: 120, limit: 'over-100' },
    { raw: '-5', value: -5, limit: 'negative' },
  ],
  'not-whole': [{ raw: '620.5', value: 620.5, unit: '张' }],
  'not-responsible': [{ raw: '620', lead: '县民政局' }],
  'scale-slip': [{ raw: '6200', value: 6200, reference: 800, factor: SCALE_SLIP_FACTOR }],
  inconsistent: [
    {
      other: 'TY-03',
      rate: 5,
      population: 282500,
      populationSource: '按方案一（一）推算',
      implied: 1413,
      count: 655,
      tolerance: 10,
    },
  ],
  'suspicious-change': [
    {
      previousPeriod: 2022,
      previous: 700,
      value: 600,
      rule: 'against-direction',
      threshold: CHANGE_AGAINST_SHARE,
    },
    { previousPeriod: 2022, previous: 700, value: 300, rule: 'halved', threshold: COUNT_FALL_SHARE },
  ],
  'unknown-code': [
    { row: 9, typed: 'YL-99', rowText: '新增指标' },
    { row: 9, typed: 'YL-99', rowText: '' },
  ],
  'duplicate-code': [{ code: 'YL-02', rows: [6, 9] }],
  'merged-cell': [{ range: 'G6:G7' }],
  'meta-mismatch': [
    { field: 'bureau', visible: '县卫生健康局', meta: '县民政局' },
    { field: 'period', visible: '2024', meta: '2023' },
  ],
  'catalog-mismatch': [{ fileCatalog: 'gengma-2022', catalog: 'gengma-2023' }],
  'milestone-status': [{ raw: '快完成了' }],
};

const FILE_SAMPLES: { [K in FileErrorKind]: FileErrorParamsOf[K][] } = {
  'not-a-workbook': [{}, { detail: 'no workbook part' }],
  damaged: [{ detail: 'zip: end of central directory not found' }],
  'part-damaged': [{ part: 'xl/worksheets/sheet1.xml', detail: 'ends inside a tag' }],
  'unsupported-sheet': [{ sheet: '指标填报', detail: 'chartsheet' }],
  encrypted: [{}],
  blank: [{ typed: 0 }, { typed: 3 }],
  'wrong-template': [{ visible: '县卫生健康局', meta: '县民政局' }],
  'xls-binary': [{}],
  ods: [{}],
  csv: [{}],
  'too-large': [
    { limit: 'file', size: '25.0', max: 20 },
    { limit: 'inflated', max: 64, detail: 'x' },
    { limit: 'rows', max: 10000, at: '指标填报!A10001' },
    { limit: 'cells', max: 200000 },
    { limit: 'merges', max: 10000 },
    { limit: 'entries', max: 10000, detail: 'x' },
  ],
  'empty-workbook': [{}],
  'no-sheet': [{}],
  'no-header': [{}],
  'bureau-unknown': [{ typed: '农业局' }],
  'period-missing': [{}],
  'period-mismatch': [
    { period: 2022, expected: 2023 },
    { period: 2024, expected: 2023, blank: true },
  ],
  'duplicate-file': [{ other: '民政局-副本.xlsx' }],
  unreadable: [
    { cause: 'missing', detail: 'ENOENT' },
    { cause: 'denied', detail: 'EACCES' },
    { cause: 'folder', detail: 'EISDIR' },
    { cause: 'other', detail: 'Error: disk failure' },
  ],
  recorded: [{ text: '报告期为 2022 年，与本次汇总的 2023 年不同，未汇总。' }],
};

const issues = (): Issue[] =>
  ISSUE_KINDS.flatMap((kind) =>
    (ISSUE_SAMPLES[kind] as Issue['params'][]).map(
      (params) => ({ severity: 'warning', kind, params }) as Issue,
    ),
  );
const fileErrors = (): FileError[] =>
  (Object.keys(FILE_SAMPLES) as FileErrorKind[]).flatMap((kind) =>
    (FILE_SAMPLES[kind] as FileError['params'][]).map((params) => ({ kind, params }) as FileError),
  );

/**
 * Chinese words an English message may carry: sheet, header and list names the clerk sees in
 * the workbook, and the text it quotes from the file or the catalog.
 */
const WORKBOOK_WORDS = [
  '指标填报',
  '编号',
  '本期完成值',
  '未启动',
  '推进中',
  '已完成',
  '不适用',
  '县民政局',
  '县卫生健康局',
  // Units, as the catalog names them.
  '个/千人',
  '完成情况',
  '亿元',
  '张',
  '个',
  '户',
  '人',
];
function englishLeftovers(text: string): string {
  let rest = text.replace(/"[^"]*"/g, '').replace(/\([^)]*推算[^)]*\)/g, '');
  for (const word of WORKBOOK_WORDS) rest = rest.split(word).join('');
  return rest;
}
/** ASCII words a Chinese message may carry: names of programs, formats and file and cell names. */
const ASCII_WORDS =
  /xl\/[\w/.]+|Error: disk failure|Excel|WPS|LibreOffice|OpenDocument|CSV|KB|MB|xlsx|xls|ods|csv|Excel 2007-365|[A-Z]{2}-\d{2}|[A-Z]+\d+(?::[A-Z]+\d+)?|#REF!|民政局-副本|gengma-\d{4}|\.xlsx/g;

function check(message: string, lang: Lang): void {
  expect(message).not.toMatch(/undefined|null|NaN|\[object|“”|""|（）|\(\)|。；|；。|\s{2,}/);
  if (lang === 'en') expect(englishLeftovers(message)).not.toMatch(/[\u4e00-\u9fff]/);
  else expect(message.replace(ASCII_WORDS, '').replace(/“[^”]*”/g, '')).not.toMatch(/[A-Za-z]{2,}/);
}

describe('messages', () => {
  it.each(issues().map((issue) => [issue.kind, issue] as const))(
    '%s reads whole in Chinese and English',
    (_kind, issue) => {
      const zh = issueMessage(issue, 'zh');
      const en = issueMessage(issue, 'en');
      check(zh, 'zh');
      check(en, 'en');
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(ISSUE_LABELS.zh[issue.kind]).toMatch(/[\u4e00-\u9fff]/);
      expect(ISSUE_LABELS.en[issue.kind]).toMatch(/^[a-z ?/-]+$/);
    },
  );

  it.each(fileErrors().map((error) => [error.kind, error] as const))(
    'file error %s names the file',
    (_kind, error) => {
      for (const lang of ['zh', 'en'] as const) {
        const message = fileErrorMessage(error, lang, '民政局.xlsx');
        if (error.kind !== 'recorded') expect(message).toContain('民政局.xlsx');
        check(message.replace('民政局.xlsx', 'FILE'), lang);
      }
    },
  );

  it('says the factor the scale-slip rule fires at, not another', () => {
    const issue: Issue = { severity: 'warning', kind: 'scale-slip', params: ISSUE_SAMPLES['scale-slip'][0]! };
    expect(issueMessage(issue)).toContain(`${SCALE_SLIP_FACTOR} 倍以上`);
    expect(issueMessage(issue, 'en')).toContain(`${SCALE_SLIP_FACTOR} times or more`);
    expect(issueMessage(issue)).not.toContain('10 倍');
  });

  it('says the 30 % of the change rule and the population source', () => {
    const change = ISSUE_SAMPLES['suspicious-change'][0]!;
    expect(issueMessage({ kind: 'suspicious-change', params: change })).toContain(
      `${CHANGE_AGAINST_SHARE * 100}%`,
    );
    const inconsistent = ISSUE_SAMPLES.inconsistent[0]!;
    expect(issueMessage({ kind: 'inconsistent', params: inconsistent })).toContain('按方案一（一）推算');
  });

  it('the field-tested sentences: what was typed, and the next step', () => {
    const say = (issue: Issue) => issueMessage(issue);
    expect(say({ severity: 'warning', kind: 'approximate', params: ISSUE_SAMPLES.approximate[1]! })).toBe(
      '“≥80”是一个下限，已按 80 读取。请填写实际数字；确实只能给出下限的，请在“说明”栏说明。',
    );
    expect(say({ severity: 'warning', kind: 'not-applicable', params: { raw: '无' } })).toMatch(
      /^填写的是“无”，按“不适用”处理/,
    );
    expect(say({ severity: 'error', kind: 'missing', params: ISSUE_SAMPLES.missing[2]! })).toContain(
      '请从下拉列表中选择“未启动”“推进中”或“已完成”',
    );
    expect(
      say({ severity: 'warning', kind: 'unknown-code', params: ISSUE_SAMPLES['unknown-code'][0]! }),
    ).toContain('第 9 行“新增指标”的编号“YL-99”不在指标目录中，这一行的数字不会汇总');
    expect(fileErrorMessage({ kind: 'no-sheet', params: {} }, 'zh', 'x.xlsx')).toContain(
      '不是县里下发的填报表',
    );
    expect(fileErrorMessage({ kind: 'xls-binary', params: {} }, 'zh', '旧.xls')).not.toContain('扩展名');
    expect(fileErrorMessage({ kind: 'xls-binary', params: {} }, 'zh', '旧.xlsx')).toContain(
      '扩展名被改成了 .xlsx',
    );
  });

  it('an old .xls says so by its own name in English too; a renamed one says it was renamed', () => {
    expect(fileErrorMessage({ kind: 'xls-binary', params: {} }, 'en', 'old.XLS')).toBe(
      '"old.XLS" is an old .xls file; only .xlsx is read. Open it in Excel or WPS and save it as .xlsx.',
    );
    expect(fileErrorMessage({ kind: 'xls-binary', params: {} }, 'en', 'old.xlsx')).toMatch(
      /^"old\.xlsx" is really an old \.xls file renamed to \.xlsx\./,
    );
  });

  it('a file error names the file it carries unless told another; Chinese unless told English', () => {
    const error = { kind: 'encrypted' as const, params: {}, file: '卫健局.xlsx' };
    expect(fileErrorMessage(error)).toBe('文件“卫健局.xlsx”设置了打开密码，无法读取。请取消密码后重新报送。');
    expect(fileErrorMessage(error, 'zh', '另存.xlsx')).toContain('文件“另存.xlsx”');
    expect(fileErrorMessage({ kind: 'encrypted', params: {} })).toContain('文件“”');
  });

  it('a sheet that holds no cells is named for what it is: chart, dialog or macro sheet', () => {
    const say = (detail: string, lang: 'zh' | 'en') =>
      fileErrorMessage({ kind: 'unsupported-sheet', params: { sheet: '指标填报', detail } }, lang, 'a.xlsx');
    expect(say('chartsheet', 'zh')).toBe(
      '文件“a.xlsx”中的“指标填报”是图表工作表，不是可以填写的表格。请使用下发的模板。',
    );
    expect(say('dialogsheet', 'zh')).toContain('“指标填报”是对话框工作表，');
    expect(say('macrosheet', 'zh')).toContain('“指标填报”是宏表（Excel 4.0 宏工作表），');
    // A detail this version does not name (a reason stored by another version) keeps the general words.
    expect(say('somethingelse', 'zh')).toContain('“指标填报”是图表或对话框工作表，');
    expect(say('chartsheet', 'en')).toBe(
      'In "a.xlsx", "指标填报" is a chart sheet, not a sheet of cells. Use the template.',
    );
    expect(say('dialogsheet', 'en')).toContain('is a dialog sheet,');
    expect(say('macrosheet', 'en')).toContain('is an Excel 4.0 macro sheet,');
    expect(say('somethingelse', 'en')).toContain('is a chart or dialog sheet,');
  });

  it('labels every status in both languages', () => {
    for (const status of STATUSES) {
      expect(statusLabel(status)).toBe(STATUS_LABELS.zh[status]);
      expect(statusLabel(status, 'en')).toMatch(/[a-z]/);
    }
    expect(statusLabel('off-track')).toBe('滞后');
  });
});

describe('a stored reason read back from the master (报送登记: 原因代码 and 原因参数)', () => {
  it('every file error this version writes comes back whole, with its years and names', () => {
    for (const error of fileErrors())
      expect(readStoredReason(error.kind, JSON.stringify(error.params), 'words')).toStrictEqual(error);
  });

  it('no kind is no reason', () => {
    expect(readStoredReason('', '{}', '')).toBeNull();
  });

  it('anything else keeps the words as written and is never cast into a kind it is not', () => {
    const recorded = (text: string) => ({ kind: 'recorded', params: { text } });
    // Unknown kind; parameters that are not JSON; a master written before parameters were kept.
    expect(readStoredReason('melted', '{}', '原文')).toStrictEqual(recorded('原文'));
    expect(readStoredReason('period-mismatch', '{"period":', '原文')).toStrictEqual(recorded('原文'));
    expect(readStoredReason('period-mismatch', '', '原文')).toStrictEqual(recorded('原文'));
    // Parameters of the wrong type or shape for their kind.
    expect(readStoredReason('period-mismatch', '{"period":"2022","expected":2023}', '原文')).toStrictEqual(
      recorded('原文'),
    );
    expect(readStoredReason('period-mismatch', '{"period":2022.5,"expected":2023}', '原文')).toStrictEqual(
      recorded('原文'),
    );
    expect(
      readStoredReason('period-mismatch', '{"period":2024,"expected":2023,"blank":false}', '原文'),
    ).toStrictEqual(recorded('原文'));
    expect(readStoredReason('blank', '{"typed":-1}', '原文')).toStrictEqual(recorded('原文'));
    expect(readStoredReason('too-large', '{"limit":"disk","max":1}', '原文')).toStrictEqual(recorded('原文'));
    expect(readStoredReason('unreadable', '{"cause":"lost","detail":""}', '原文')).toStrictEqual(
      recorded('原文'),
    );
    // A kind without parameters takes none: extra ones mean it is not what this version wrote.
    expect(readStoredReason('encrypted', '{"password":"x"}', '原文')).toStrictEqual(recorded('原文'));
  });
});

describe('sheetErrorMessage: why the sheet open in the add-in cannot be checked, said of the sheet', () => {
  it('an empty sheet, or one without the header, is named; errors about a whole file are not said of a sheet', () => {
    expect(sheetErrorMessage({ kind: 'empty-workbook', params: {} }, 'zh', 'Sheet1')).toBe(
      '工作表“Sheet1”是空的。请在“填报模板”页生成填报表，或切换到已填好的“指标填报”工作表后再核查。',
    );
    expect(sheetErrorMessage({ kind: 'empty-workbook', params: {} }, 'en', 'Sheet1')).toBe(
      'The sheet "Sheet1" is empty. Make the template on the 填报模板 tab, or switch to a filled 指标填报 sheet, then check.',
    );
    const notTemplate =
      '工作表“汇总”不是填报表：前 10 行中找不到“编号”和“本期完成值”两列。请切换到“指标填报”工作表再核查。';
    expect(sheetErrorMessage({ kind: 'no-header', params: {} }, 'zh', '汇总')).toBe(notTemplate);
    expect(sheetErrorMessage({ kind: 'no-sheet', params: {} }, 'zh', '汇总')).toBe(notTemplate);
    expect(sheetErrorMessage({ kind: 'no-sheet', params: {} }, 'en', '汇总')).toBe(
      'The sheet "汇总" is not the template: no 编号 / 本期完成值 header in its first 10 rows. Switch to 指标填报 and check again.',
    );
    expect(sheetErrorMessage({ kind: 'damaged', params: {} }, 'zh', 'Sheet1')).toBeNull();
  });
});

describe('§7 a blank template of another year', () => {
  it('is told to fill in this year’s template, not to use it in its own year’s combine', () => {
    const error: FileError = {
      kind: 'period-mismatch',
      params: { period: 2024, expected: 2023, blank: true },
    };
    expect(fileErrorMessage(error, 'zh', '人社局-2024.xlsx')).toBe(
      '文件“人社局-2024.xlsx”是 2024 年的空表（一个完成值也没有填），与本次汇总的 2023 年不同，未汇总。请用 2023 年的模板填写后重新报送。',
    );
    expect(fileErrorMessage(error, 'en', '人社局-2024.xlsx')).toBe(
      '"人社局-2024.xlsx" is a blank template of 2024 (not one figure filled in), not 2023 like this combine; not combined. Fill in the 2023 template and send it again.',
    );
  });
});

describe('a message says what its rule recorded', () => {
  // Parameters that choose the sentence rather than appear in it.
  const CHOOSERS = new Set([
    'bound',
    'rowMissing',
    'milestone',
    'uncalculated',
    'tooLong',
    'limit',
    'rule',
    'field',
    'cause',
    // A blank template of another year (period-mismatch): this year's template, not that year's combine.
    'blank',
  ]);
  /**
   * What a message leaves out on purpose, by kind: the sentence says it another way, or it is a
   * technical detail kept for the log and the JSON report, not for the clerk.
   */
  const LEFT_OUT: Partial<Record<string, (params: Record<string, unknown>) => string[]>> = {
    // Names the unit typed instead of repeating the whole cell.
    'unit-mismatch': () => ['raw'],
    // The row is the cell the mark is on; a deleted row has no unit to ask for; a milestone has none.
    missing: (p) => (p.rowMissing ? ['unit'] : p.milestone ? ['code', 'unit'] : ['code']),
    // A long text is not repeated back.
    'not-a-number': (p) => (p.tooLong ? ['raw'] : []),
    // The share is said as a percentage ("30%") or as "一半" (its own test above).
    'suspicious-change': () => ['threshold'],
    'not-a-workbook': () => ['detail'],
    damaged: () => ['detail'],
    'part-damaged': () => ['detail'],
    // The kind of sheet is said in words (chart, dialog, macro sheet: its own test above).
    'unsupported-sheet': () => ['detail'],
    // "一个完成值也没有填" is the 0.
    blank: (p) => (p.typed === 0 ? ['typed'] : []),
    unreadable: () => ['detail'],
    'too-large': () => ['detail'],
  };
  const shown = (value: unknown): string[] =>
    typeof value === 'string' && value !== ''
      ? [value]
      : typeof value === 'number'
        ? [String(value)]
        : Array.isArray(value)
          ? value.flatMap(shown)
          : [];
  const expectEach = (kind: string, params: object, message: string) => {
    const left = new Set(LEFT_OUT[kind]?.(params as Record<string, unknown>) ?? []);
    for (const [key, value] of Object.entries(params))
      if (!CHOOSERS.has(key) && !left.has(key))
        for (const text of shown(value)) expect([key, message]).toEqual([key, expect.stringContaining(text)]);
  };

  it.each(issues().map((issue) => [issue.kind, issue] as const))(
    '%s: every value it was given, in both languages',
    (kind, issue) => {
      for (const lang of ['zh', 'en'] as const) expectEach(kind, issue.params, issueMessage(issue, lang));
    },
  );

  it.each(fileErrors().map((error) => [error.kind, error] as const))(
    'file error %s: every value it was given, in both languages',
    (kind, error) => {
      for (const lang of ['zh', 'en'] as const)
        expectEach(kind, error.params, fileErrorMessage(error, lang, 'a.xlsx'));
    },
  );

  /** Every kind's samples with the way it is said: issues, then file errors. */
  const kinds: { kind: string; samples: object[]; say: (params: object, lang: Lang) => string }[] = [
    ...ISSUE_KINDS.map((kind) => ({
      kind,
      samples: ISSUE_SAMPLES[kind],
      say: (params: object, lang: Lang) => issueMessage({ severity: 'warning', kind, params } as Issue, lang),
    })),
    ...(Object.keys(FILE_SAMPLES) as FileErrorKind[]).map((kind) => ({
      kind,
      samples: FILE_SAMPLES[kind],
      say: (params: object, lang: Lang) => fileErrorMessage({ kind, params } as FileError, lang, 'a.xlsx'),
    })),
  ];

  it('what chooses the sentence changes it: the same figures under another form read otherwise', () => {
    // The other sample's choosers in place of this one's: one it lacks is taken away.
    const swapped = (of: object, from: object) => ({
      ...Object.fromEntries(Object.entries(of).filter(([key]) => !CHOOSERS.has(key))),
      ...Object.fromEntries(Object.entries(from).filter(([key]) => CHOOSERS.has(key))),
    });
    const choosersOf = (params: object) =>
      JSON.stringify(Object.entries(params).filter(([key]) => CHOOSERS.has(key)));
    let pairs = 0;
    for (const { kind, samples, say } of kinds)
      for (const one of samples)
        for (const other of samples) {
          if (choosersOf(one) === choosersOf(other)) continue;
          pairs++;
          for (const lang of ['zh', 'en'] as const)
            expect([kind, lang, say(swapped(one, other), lang)]).not.toEqual([kind, lang, say(one, lang)]);
        }
    // approximate, missing, formula-error, not-a-number, out-of-range, suspicious-change, meta-mismatch; period-mismatch, too-large, unreadable.
    expect(pairs).toBe(2 + 6 + 2 + 2 + 2 + 2 + 2 + 2 + 30 + 12);
  });

  it('each form of a message says something different', () => {
    // Samples that differ only in what the message leaves out read alike, as they should.
    const forms = (kind: string, samples: readonly object[]) =>
      new Set(
        samples.map((params) => {
          const left = new Set(LEFT_OUT[kind]?.(params as Record<string, unknown>) ?? []);
          return JSON.stringify(Object.entries(params).filter(([key]) => !left.has(key)));
        }),
      ).size;
    for (const { kind, samples, say } of kinds)
      for (const lang of ['zh', 'en'] as const) {
        const said = new Set(samples.map((params) => say(params, lang)));
        expect([kind, lang, said.size]).toEqual([kind, lang, forms(kind, samples)]);
      }
  });
});

/**
 * The tests above prove every branch says something of its own; these pin which words each branch
 * says, so a chooser turned round (the bureau's sentence given for the year, the blank file's for
 * the all-wrong one) or a list joined the other language's way is caught.
 */
describe('the words each branch says, exactly', () => {
  const issue = <K extends IssueKind>(kind: K, params: IssueParamsOf[K], lang: Lang) =>
    issueMessage({ kind, params } as Issue, lang);
  const fileError = <K extends FileErrorKind>(
    kind: K,
    params: FileErrorParamsOf[K],
    lang: Lang,
    file: string,
  ) => fileErrorMessage({ kind, params, file } as FileError, lang);

  it('§3 a repeated code lists its rows as the language lists them', () => {
    expect(issue('duplicate-code', { code: 'YL-02', rows: [6, 9, 12] }, 'zh')).toBe(
      '编号 YL-02 出现了不止一次（第 6、9、12 行），只采用第一行。请删除重复的行。',
    );
    expect(issue('duplicate-code', { code: 'YL-02', rows: [6, 9, 12] }, 'en')).toBe(
      'Code YL-02 appears more than once (rows 6, 9, 12); the first row is used. Delete the duplicate rows.',
    );
  });

  it('§2 a header that differs from the template names the field that differs', () => {
    const bureau = { field: 'bureau', visible: '县卫健局', meta: '县民政局' } as const;
    const period = { field: 'period', visible: '2024', meta: '2025' } as const;
    expect(issue('meta-mismatch', bureau, 'zh')).toBe(
      '表头填写的填报单位“县卫健局”与模板记录的“县民政局”不一致，以表头为准。请确认没有用错模板。',
    );
    expect(issue('meta-mismatch', period, 'zh')).toBe(
      '表头填写的报告期“2024”与模板记录的“2025”不一致，以表头为准。请确认没有用错模板。',
    );
    expect(issue('meta-mismatch', bureau, 'en')).toBe(
      'The bureau in the header ("县卫健局") differs from the template\'s record ("县民政局"); the header is used. Check that the right template was used.',
    );
    expect(issue('meta-mismatch', period, 'en')).toBe(
      'The reporting year in the header ("2024") differs from the template\'s record ("2025"); the header is used. Check that the right template was used.',
    );
  });

  it('§3 an unknown code on a row with no name says only the row', () => {
    expect(issue('unknown-code', { row: 7, typed: 'YL-99', rowText: '' }, 'zh')).toBe(
      '第 7 行的编号“YL-99”不在指标目录中，这一行的数字不会汇总。请不要修改编号列；如确需新增指标，请联系县发展改革局。',
    );
    expect(issue('unknown-code', { row: 7, typed: 'YL-99', rowText: '' }, 'en')).toBe(
      'Row 7: the code "YL-99" is not in the catalog, so this row\'s figure will not be combined. Do not edit the code column.',
    );
  });

  it('§4 above 100 % and negative are told apart in both languages', () => {
    const over = { raw: '120', value: 120, limit: 'over-100' } as const;
    const negative = { raw: '-5', value: -5, limit: 'negative' } as const;
    expect(issue('out-of-range', over, 'zh')).toBe('120% 超过 100%。请检查后重新填写 0 到 100 之间的数字。');
    expect(issue('out-of-range', negative, 'zh')).toBe('-5 是负数，本指标不能为负。请检查后重新填写。');
    expect(issue('out-of-range', over, 'en')).toBe('120 % is above 100 %. Type a number between 0 and 100.');
    expect(issue('out-of-range', negative, 'en')).toBe('-5 is negative; this indicator cannot be negative.');
  });

  it('§5 the count-halved change rule says halved, not the wrong-way rule', () => {
    const halved = {
      raw: '300',
      value: 300,
      previous: 620,
      previousPeriod: 2024,
      rule: 'halved',
      threshold: CHANGE_AGAINST_SHARE,
    } as const;
    expect(issue('suspicious-change', halved, 'zh')).toBe(
      '比上期（2024年：620）减少了一半以上（本期 300）。请核对；如属实，请在“说明”栏说明原因。',
    );
    expect(issue('suspicious-change', halved, 'en')).toBe(
      'Less than half of the previous period (2024: 620; now 300). Check it, and explain in the note column if it is right.',
    );
  });

  it('§3 an empty task row and a never-calculated formula each say their own next step in English', () => {
    expect(
      issue('missing', { code: 'GG-01', unit: '完成情况', rowMissing: false, milestone: true }, 'en'),
    ).toBe(
      'Your bureau leads this task and its progress is empty. Pick 未启动, 推进中 or 已完成 from the list.',
    );
    expect(issue('formula-error', { raw: '', error: '', uncalculated: true }, 'en')).toBe(
      'The cell holds a formula that was never calculated. Open and save the file in Excel, or type the figure.',
    );
  });

  it('§7 a blank template is told to be filled in, not corrected', () => {
    expect(fileError('blank', { typed: 0 }, 'zh', '民政局.xlsx')).toBe(
      '文件“民政局.xlsx”是空表：一个完成值也没有填（可能是未填写的模板），已退回，不会替代该单位的其他文件。请填写后重新报送。',
    );
    expect(fileError('blank', { typed: 0 }, 'en', '民政局.xlsx')).toBe(
      '"民政局.xlsx" is blank: not one figure filled in (perhaps an untouched template). Rejected; it replaces nothing. Fill it in and send it again.',
    );
  });

  it('§3 an old .xls under its own name is told to be saved as .xlsx, in Chinese too', () => {
    expect(fileError('xls-binary', {}, 'zh', '民政局.xls')).toBe(
      '文件“民政局.xls”是旧版 .xls 格式，本工具只读 .xlsx。请用 Excel 或 WPS 打开，另存为 .xlsx 后重新报送。',
    );
  });
});
