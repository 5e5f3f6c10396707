import { checkedView, filledView, raw, sheet, type CellInput } from '../../test/helpers/views';
import {
  allIssues,
  checkSubmission,
  defaultCatalog,
  holdForConfirmation,
  makeIssue,
  perThousandIssues,
  readSubmission,
  type CheckOptions,
  type Issue,
  type RawCell,
  type SubmissionReport,
  type WorkbookView,
} from '.';
import { issueMessage } from './messages';

const catalog = defaultCatalog();

const check = (view: WorkbookView, options: CheckOptions = {}): SubmissionReport =>
  checkedView(catalog, view, options);
const entry = (report: SubmissionReport, code: string) => report.entries.find((e) => e.code === code)!;
/** A grid row's code: its first cell's text. */
const codeOf = (row: (RawCell | undefined)[]): unknown =>
  row[0] && 'value' in row[0] ? row[0].value : undefined;
const kindsOf = (report: SubmissionReport, code: string) => entry(report, code).issues.map((i) => i.kind);

describe('checkSubmission', () => {
  it('checks every responsible indicator of the 民政局 file with the hand-worked statuses', () => {
    const report = check(
      filledView(catalog, '县民政局', 2023, {
        'YL-02': '约620张',
        'YL-03': 45,
        'YL-05': 100,
        'YL-06': 0.7,
        'YL-07': 150,
        'YL-14': '#DIV/0!',
        'YL-15': '不适用',
      }),
    );
    expect(report.bureau).toBe('县民政局');
    expect(report.period).toBe(2023);
    expect(report.fileErrors).toStrictEqual([]);
    expect(entry(report, 'YL-02')).toMatchObject({
      value: 620,
      status: 'off-track',
      expected: 740,
      cell: 'G6',
      raw: '约620张',
    });
    expect(kindsOf(report, 'YL-02')).toStrictEqual(['approximate']);
    expect(entry(report, 'YL-03')).toMatchObject({ value: 45, status: 'at-risk', expected: 45.8 });
    expect(entry(report, 'YL-05').status).toBe('achieved');
    expect(kindsOf(report, 'YL-06')).toStrictEqual(['percent-as-fraction']);
    expect(entry(report, 'YL-07').status).toBe('on-track');
    expect(entry(report, 'YL-15')).toMatchObject({ status: 'no-data', state: 'not-applicable' });
    // Lead indicators left empty are missing; shared ones (YL-04 with 卫健局 is led by 民政局) too.
    expect(kindsOf(report, 'YL-09')).toStrictEqual(['missing']);
    expect(entry(report, 'YL-09').status).toBe('no-data');
    // The project figures and GG-02 belong to 民政局 too.
    expect(entry(report, 'XM-01-床位').issues.map((i) => i.kind)).toStrictEqual(['missing']);
    expect(entry(report, 'GG-02')).toMatchObject({ kind: 'reform', status: 'no-data' });
    expect(report.counts.byStatus['off-track']).toBeGreaterThan(0);
  });

  it('reads the formula-error string as text (an error cell arrives typed as error)', () => {
    const report = check(
      filledView(catalog, '县民政局', 2023, { 'YL-02': { type: 'error', value: '#DIV/0!' } }),
    );
    expect(kindsOf(report, 'YL-02')).toStrictEqual(['formula-error']);
    expect(entry(report, 'YL-02').status).toBe('invalid');
  });

  it('does not ask a co-responsible bureau for figures it left empty', () => {
    const report = check(filledView(catalog, '县教育体育局', 2023, { 'TY-04': 3 }));
    expect(report.entries.map((e) => e.code)).toStrictEqual(['YL-16', 'TY-04', 'TY-06', 'TY-08', 'TY-09']);
    expect(report.counts.errors).toBe(0);
    expect(entry(report, 'YL-16')).toMatchObject({ role: 'co', status: 'no-data', issues: [] });
    expect(entry(report, 'TY-04')).toMatchObject({ role: 'co', value: 3 });
  });

  it('keeps a figure typed for an indicator the bureau is not responsible for, with a warning', () => {
    const report = check(
      filledView(catalog, '县委老干局', 2023, {
        'YL-11': 100,
        'YL-12': 100,
        'YL-13': 60,
        'YL-16': 10,
        'YL-02': 640,
      }),
    );
    expect(entry(report, 'YL-02')).toMatchObject({ role: 'none', value: 640 });
    expect(kindsOf(report, 'YL-02')).toStrictEqual(['not-responsible']);
  });

  it('counts a warning as explained when the row’s 说明 is filled', () => {
    const report = check(
      filledView(
        catalog,
        '县民政局',
        2023,
        { 'YL-02': '约620', 'YL-03': 0.5 },
        { notes: { 'YL-02': '年底统计口径' } },
      ),
    );
    expect(entry(report, 'YL-02')).toMatchObject({ explained: true, note: '年底统计口径' });
    expect(entry(report, 'YL-03').explained).toBe(false);
    expect(report.counts.explainedWarnings).toBe(1);
    // YL-03 typed 0.5 for a percentage: the one warning without a note.
    expect(report.counts.unexplainedWarnings).toBe(1);
  });

  it('cross-checks TY-04 against TY-03 and the population (§6)', () => {
    // 655 places for 282,500 people is 2.3 per thousand, not 5.
    const bad = check(filledView(catalog, '县卫生健康局', 2023, { 'TY-03': 655, 'TY-04': 5 }));
    expect(kindsOf(bad, 'TY-04')).toContain('inconsistent');
    expect(issueMessage(entry(bad, 'TY-04').issues.find((i) => i.kind === 'inconsistent')!)).toContain(
      '1413',
    );
    const good = check(filledView(catalog, '县卫生健康局', 2023, { 'TY-03': 655, 'TY-04': 2.3 }));
    expect(kindsOf(good, 'TY-04')).not.toContain('inconsistent');
    const otherPopulation = check(filledView(catalog, '县卫生健康局', 2023, { 'TY-03': 655, 'TY-04': 2.3 }), {
      population: 131_000,
    });
    expect(kindsOf(otherPopulation, 'TY-04')).toContain('inconsistent');
  });

  it('flags a suspicious change against the same bureau’s previous period (§6)', () => {
    const history = [
      { period: 2022, code: 'YL-03', value: 44, bureau: '县民政局' },
      { period: 2022, code: 'YL-02', value: 700, bureau: '县民政局' },
      { period: 2021, code: 'YL-02', value: 100, bureau: '县民政局' },
      { period: 2022, code: 'YL-06', value: 70, bureau: '县卫生健康局' },
    ];
    const report = check(filledView(catalog, '县民政局', 2023, { 'YL-03': 36, 'YL-02': 300, 'YL-06': 50 }), {
      history,
    });
    // YL-03: 44 → 36 is a fall of 8 > 30 % of the span 23; YL-02: 700 → 300 more than halves.
    expect(kindsOf(report, 'YL-03')).toContain('suspicious-change');
    expect(kindsOf(report, 'YL-02')).toContain('suspicious-change');
    // Another bureau's history is not this bureau's previous period.
    expect(kindsOf(report, 'YL-06')).not.toContain('suspicious-change');
    const steady = check(filledView(catalog, '县民政局', 2023, { 'YL-03': 43 }), { history });
    expect(kindsOf(steady, 'YL-03')).not.toContain('suspicious-change');
  });

  it('reports an unknown bureau and a missing period as file errors', () => {
    const report = check(
      filledView(catalog, '县民政局', 2023, {}, { bureauText: '县农业农村局', withMeta: false }),
    );
    expect(report.fileErrors.map((e) => e.kind)).toStrictEqual(['bureau-unknown']);
    const view = filledView(catalog, '县民政局', 2023, {}, { withMeta: false });
    view.sheets[0]!.rows[1]![4] = undefined;
    expect(check(view).fileErrors.map((e) => e.kind)).toStrictEqual(['period-missing']);
  });

  it('takes bureau and period from _meta when B2/E2 are empty; another bureau in B2 is 用错模板 (§7)', () => {
    const view = filledView(catalog, '县民政局', 2023, { 'YL-02': 700 });
    view.sheets[0]!.rows[1]![1] = undefined;
    view.sheets[0]!.rows[1]![4] = undefined;
    const fromMeta = check(view);
    expect(fromMeta).toMatchObject({ bureau: '县民政局', period: 2023 });

    const disagree = check(
      filledView(catalog, '县民政局', 2023, { 'YL-02': 700 }, { bureauText: '县卫生健康局' }),
    );
    expect(disagree.bureau).toBe('县卫生健康局');
    expect(disagree.fileErrors).toStrictEqual([
      { kind: 'wrong-template', params: { visible: '县卫生健康局', meta: '县民政局' } },
    ]);
    expect(disagree.sheetIssues.map((i) => i.kind)).not.toContain('meta-mismatch');
  });

  it('§3 the template’s own record: another period in _meta is a warning on E2, another catalog a warning; agreeing records say nothing', () => {
    const withMeta = (changes: Record<string, string>) => {
      const view = filledView(catalog, '县民政局', 2023, { 'YL-02': 700 });
      const meta = view.sheets.find((s) => s.name === '_meta')!;
      for (const row of meta.rows) {
        const key = row[0]?.type === 'string' ? row[0].value : '';
        if (key in changes) row[1] = { type: 'string', value: changes[key]! };
      }
      return check(view);
    };
    expect(withMeta({}).sheetIssues).toStrictEqual([]);
    // A _meta without a period has no year to disagree with E2's.
    expect(withMeta({ period: '' }).sheetIssues).toStrictEqual([]);

    const period = withMeta({ period: '2022' });
    expect(period.period).toBe(2023);
    expect(period.sheetIssues).toStrictEqual([
      expect.objectContaining({
        severity: 'warning',
        kind: 'meta-mismatch',
        params: { field: 'period', visible: '2023', meta: '2022' },
        cell: 'E2',
      }),
    ]);

    // No readable period anywhere: one file error says so, not also a disagreement.
    const view = filledView(catalog, '县民政局', 2023, { 'YL-02': 700 });
    view.sheets[0]!.rows[1]![4] = undefined;
    const meta = view.sheets.find((s) => s.name === '_meta')!;
    meta.rows.find((row) => row[0]?.type === 'string' && row[0].value === 'period')![1] = {
      type: 'string',
      value: '二〇二三',
    };
    const none = check(view);
    expect(none.fileErrors.map((e) => e.kind)).toStrictEqual(['period-missing']);
    expect(none.sheetIssues).toStrictEqual([]);

    const other = withMeta({ catalog: 'gengma-2022' });
    expect(other.sheetIssues).toStrictEqual([
      expect.objectContaining({
        severity: 'warning',
        kind: 'catalog-mismatch',
        params: { fileCatalog: 'gengma-2022', catalog: catalog.id },
      }),
    ]);
  });

  it('§2 reads a reform’s progress in the words clerks use, spaced or full-width, and refuses others', () => {
    const progressOf = (typed: string) => {
      const e = entry(check(filledView(catalog, '县卫生健康局', 2023, { 'GG-03': typed })), 'GG-03');
      return e.progressText ?? e.status;
    };
    const read = Object.fromEntries(
      [
        '已完成',
        '完成',
        '已完工',
        '已建成',
        '推进中',
        '进行中',
        '在建',
        '正在推进',
        '实施中',
        '未启动',
        '未开始',
        '尚未启动',
        ' 推 进 中 ',
        '已\u3000完成',
        // A zero-width space from a paste: not white space to a regex, but folded away.
        '已完\u200b成',
        '完成了',
        '差不多了',
      ].map((typed) => [typed, progressOf(typed)]),
    );
    expect(read).toStrictEqual({
      已完成: '已完成',
      完成: '已完成',
      已完工: '已完成',
      已建成: '已完成',
      推进中: '推进中',
      进行中: '推进中',
      在建: '推进中',
      正在推进: '推进中',
      实施中: '推进中',
      未启动: '未启动',
      未开始: '未启动',
      尚未启动: '未启动',
      ' 推 进 中 ': '推进中',
      '已\u3000完成': '已完成',
      '已完\u200b成': '已完成',
      完成了: 'invalid',
      差不多了: 'invalid',
    });
  });

  it('judges reforms by their progress and due year', () => {
    const make = (progress: string, period: number) =>
      entry(
        check(filledView(catalog, '县卫生健康局', period, { 'GG-03': progress, 'GG-04': '已完成' })),
        'GG-03',
      );
    expect(make('推进中', 2023).status).toBe('not-judged');
    expect(make('推进中', 2025).status).toBe('off-track');
    expect(make('已完成', 2023).status).toBe('achieved');
    expect(make('完成', 2024).status).toBe('achieved');
    expect(make('差不多了', 2024)).toMatchObject({
      status: 'invalid',
      issues: [expect.objectContaining({ kind: 'milestone-status' })],
    });
  });

  it('reads the project’s figures from the milestone sheet', () => {
    const report = check(
      filledView(catalog, '县民政局', 2024, {
        'XM-01-床位': 180,
        'XM-01-投资': '0.9亿元',
        'XM-01-进度': '45%',
        'XM-01-床位:progress': '推进中',
      }),
    );
    expect(entry(report, 'XM-01-床位')).toMatchObject({
      kind: 'project',
      value: 180,
      status: 'at-risk',
      expected: 200,
      cell: 'F3',
    });
    expect(entry(report, 'XM-01-投资')).toMatchObject({ value: 0.9, status: 'on-track' });
    // E(2024) = 50 %: 45 is r = 0.9.
    expect(entry(report, 'XM-01-进度')).toMatchObject({ value: 45, status: 'at-risk', expected: 50 });
  });

  it('§2: a project figure’s 完成情况 is kept as chosen, not judged — the figure is (§5)', () => {
    const report = check(
      filledView(catalog, '县民政局', 2024, {
        'XM-01-床位': 180,
        'XM-01-床位:progress': ' 在建 ',
        'XM-01-投资': '0.9亿元',
        'XM-01-投资:progress': '已完成',
        'XM-01-进度': '45%',
        'XM-01-进度:progress': '  ',
      }),
    );
    // Read as the reform's list is read (在建 is 推进中), the status still the figure's.
    expect(entry(report, 'XM-01-床位')).toMatchObject({
      progressText: '推进中',
      status: 'at-risk',
      issues: [],
    });
    expect(entry(report, 'XM-01-投资')).toMatchObject({ progressText: '已完成', status: 'on-track' });
    // Nothing chosen (blanks only): nothing kept, nothing told.
    expect(entry(report, 'XM-01-进度')).not.toHaveProperty('progressText');
    expect(entry(report, 'XM-01-进度').issues).toStrictEqual([]);
  });

  it('§2: a project’s 完成情况 not on the list is told where it is, as a warning; the figure still counts', () => {
    const report = check(
      filledView(catalog, '县民政局', 2024, { 'XM-01-床位': 180, 'XM-01-床位:progress': '差不多了' }),
    );
    const bed = entry(report, 'XM-01-床位');
    expect(bed).not.toHaveProperty('progressText');
    expect(bed).toMatchObject({ value: 180, status: 'at-risk' });
    expect(bed.issues).toStrictEqual([
      {
        severity: 'warning',
        kind: 'milestone-status',
        code: 'XM-01-床位',
        // 完成情况 is column E of 重点任务, beside the figure in F.
        cell: 'E3',
        params: { raw: '差不多了' },
      },
    ]);
    expect(issueMessage(bed.issues[0]!, 'zh')).toBe(
      '完成情况“差不多了”不是“未启动”“推进中”“已完成”之一。请从下拉列表中选择。',
    );
  });
});

describe('readSubmission (spec §3)', () => {
  it('finds rows by code whatever their order, case and width, and columns by header text', () => {
    const view = {
      sheets: [
        sheet('Sheet1', [
          ['随便写的标题'],
          ['填报单位', '耿马自治县民政局', null, '报告期', '2023年'],
          [],
          ['说明', '本期完成值', '编号', '指标'],
          ['一、养老方面'],
          ['', '700', 'yl-02 '],
          ['年底数', '50', 'ＹＬ－０３'],
          ['', '', ''],
          ['', '12', 'YL-99'],
          ['', '701', 'YL-02'],
        ]),
      ],
    };
    const read = readSubmission(view, catalog);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.submission.entries.map((e) => [e.code, e.cell, e.note])).toStrictEqual([
      ['YL-02', 'B6', ''],
      ['YL-03', 'B7', '年底数'],
    ]);
    expect(read.submission.issues.map((i) => i.kind)).toStrictEqual(['unknown-code', 'duplicate-code']);
    const report = checkSubmission(catalog, read.submission);
    expect(report).toMatchObject({ bureau: '县民政局', period: 2023 });
    // Rows deleted from the template: the lead's missing rows are reported as missing.
    expect(entry(report, 'YL-05').issues[0]).toMatchObject({
      kind: 'missing',
      params: expect.objectContaining({ rowMissing: true }),
    });
  });

  it('prefers 指标填报, else the first visible sheet with the header', () => {
    const header = ['编号', '本期完成值'];
    const view = {
      sheets: [
        sheet('封面', [['说明文字']]),
        sheet('隐藏', [header, ['YL-02', 1]], { visibility: 'hidden' }),
        sheet('数据', [header, ['YL-02', 2]]),
      ],
    };
    const read = readSubmission(view, catalog);
    expect(read.ok && read.submission.sheetName).toBe('数据');
  });

  it('reports empty workbooks, missing sheets and missing headers as file errors', () => {
    expect(readSubmission({ sheets: [sheet('Sheet1', [])] }, catalog)).toStrictEqual({
      ok: false,
      error: { kind: 'empty-workbook', params: {} },
    });
    expect(readSubmission({ sheets: [sheet('Sheet1', [['hello']])] }, catalog)).toMatchObject({
      ok: false,
      error: { kind: 'no-sheet' },
    });
    expect(readSubmission({ sheets: [sheet('指标填报', [['hello']])] }, catalog)).toMatchObject({
      ok: false,
      error: { kind: 'no-header' },
    });
    const deep: string[][] = [...Array.from({ length: 10 }, () => []), ['编号', '本期完成值']];
    expect(readSubmission({ sheets: [sheet('指标填报', deep)] }, catalog)).toMatchObject({
      ok: false,
      error: { kind: 'no-header' },
    });
  });

  it('flags figures under a merged range over column G', () => {
    const view = filledView(catalog, '县民政局', 2023, { 'YL-02': 700 });
    view.sheets[0]!.merges = ['G6:G7', 'A1:H1'];
    const read = readSubmission(view, catalog);
    expect(
      read.ok && read.submission.issues.filter((i) => i.kind === 'merged-cell').map((i) => i.code),
    ).toStrictEqual(['YL-02', 'YL-03']);
  });

  it('reads 填报日期 from date cells, serials and Chinese text', () => {
    const date = (filledOn: unknown) => {
      const read = readSubmission(
        filledView(catalog, '县民政局', 2023, {}, { filledOn: filledOn as never }),
        catalog,
      );
      return read.ok ? read.submission.filledOn : null;
    };
    expect(date({ type: 'date', value: '2023-12-20T00:00:00.000Z' })).toBe('2023-12-20');
    expect(date({ type: 'number', value: 45280, numFmt: 'yyyy-mm-dd' })).toBe('2023-12-20');
    expect(date('2023年12月20日')).toBe('2023-12-20');
    expect(date('2023.1.5')).toBe('2023-01-05');
    expect(date('')).toBe('');
  });
});

describe('§6 托位 against 每千人口托位数: within the catalog’s tolerance, and not past it', () => {
  // 282,500 people (the catalog's parameter): 4 places a thousand imply 1,130 places; tolerance 10 %.
  const population = catalog.parameters.population;
  const issuesFor = (count: number | null, rate: number | null) =>
    perThousandIssues(
      catalog,
      (code) => (code === 'TY-03' ? count : code === 'TY-04' ? rate : null),
      population,
    );

  it('a difference of exactly the tolerance passes, of more is a warning on the rate, either way round', () => {
    expect(population).toBe(282500);
    expect(issuesFor(1017, 4)).toStrictEqual([]);
    expect(issuesFor(1255, 4)).toStrictEqual([]);
    expect(issuesFor(1016, 4)).toStrictEqual([
      {
        code: 'TY-04',
        issue: {
          severity: 'warning',
          kind: 'inconsistent',
          code: 'TY-04',
          params: {
            other: 'TY-03',
            rate: 4,
            population: 282500,
            populationSource: catalog.parameters.populationSource,
            implied: 1130,
            count: 1016,
            tolerance: 10,
          },
        },
      },
    ]);
    expect(issuesFor(1256, 4).map((f) => f.issue.params)).toStrictEqual([
      expect.objectContaining({ implied: 1130, count: 1256 }),
    ]);
  });

  it('nothing to compare where either figure is missing, or both are nought', () => {
    expect(issuesFor(null, 4)).toStrictEqual([]);
    expect(issuesFor(1130, null)).toStrictEqual([]);
    expect(issuesFor(0, 0)).toStrictEqual([]);
    expect(issuesFor(0, 4)).toHaveLength(1);
  });
});

describe('§2 reforms: progress against the due year, only where the bureau leads or typed something', () => {
  const reform = (progress: CellInput, extra: CellInput[][] = []) => {
    const view = filledView(catalog, '县民政局', 2023, { 'GG-02': progress });
    const milestones = view.sheets.find((s) => s.name === '重点任务')!;
    milestones.rows.push(...extra.map((r) => r.map(raw)));
    return check(view);
  };
  // A row of 卫健局's reform typed into 民政局's sheet: code, name, expected result, bureau, progress.
  const othersRow = (progress: string): CellInput[] => [
    'GG-03',
    '完善养老方案',
    '印发工作方案并完成实施',
    '县卫生健康局',
    progress,
  ];

  it('left empty by the lead bureau: no data, and an error asking for 完成情况', () => {
    const gg02 = entry(reform(undefined), 'GG-02');
    expect(gg02).toMatchObject({
      kind: 'reform',
      section: 'reform',
      unit: '',
      role: 'lead',
      raw: '',
      state: 'empty',
      status: 'no-data',
      toTarget: null,
      note: '',
      sheet: '重点任务',
    });
    expect(gg02.issues).toStrictEqual([
      {
        severity: 'error',
        kind: 'missing',
        code: 'GG-02',
        cell: gg02.cell,
        params: { code: 'GG-02', unit: '完成情况', rowMissing: false, milestone: true },
      },
    ]);
    expect(gg02.cell).toMatch(/^E\d+$/);
    expect(issueMessage(gg02.issues[0]!, 'zh')).toBe(
      '本单位牵头此任务，“完成情况”为空。请从下拉列表中选择“未启动”“推进中”或“已完成”。',
    );
    // Spaces only are empty too.
    expect(entry(reform('   '), 'GG-02')).toMatchObject({ status: 'no-data', state: 'empty', raw: '   ' });
  });

  it('已完成 is achieved and its way to target is whole; 推进中 before the due year is not judged', () => {
    const view = filledView(catalog, '县民政局', 2023, { 'GG-02': '已完成' });
    const row = view.sheets.find((s) => s.name === '重点任务')!.rows.find((r) => codeOf(r) === 'GG-02')!;
    row[6] = raw('规划已印发');
    expect(entry(check(view), 'GG-02')).toMatchObject({ note: '规划已印发', status: 'achieved' });
    expect(entry(reform('已完成'), 'GG-02')).toMatchObject({
      status: 'achieved',
      state: 'value',
      toTarget: 1,
      progressText: '已完成',
      issues: [],
    });
    const going = entry(reform('推进中'), 'GG-02');
    expect(going).toMatchObject({ status: 'not-judged', toTarget: null, progressText: '推进中' });
    expect(going.notJudged).toStrictEqual({ reason: 'not-due', dueYear: 2025 });
  });

  it('a word that is not a progress is invalid, with the error on its cell', () => {
    const odd = entry(reform('差不多了'), 'GG-02');
    expect(odd).toMatchObject({ status: 'invalid', state: 'invalid', raw: '差不多了' });
    expect(odd.issues.map((i) => [i.kind, i.code, i.cell])).toStrictEqual([
      ['milestone-status', 'GG-02', odd.cell],
    ]);
  });

  it('another bureau’s reform appears only where this bureau typed a progress, and as not its own', () => {
    expect(entry(reform('已完成', [othersRow('推进中')]), 'GG-03')).toMatchObject({
      role: 'none',
      status: 'not-judged',
      issues: [],
    });
    expect(reform('已完成', [othersRow('  ')]).entries.map((e) => e.code)).not.toContain('GG-03');
  });

  it('a lead bureau’s reform whose row was deleted: the error says the row is missing', () => {
    const view = filledView(catalog, '县民政局', 2023, { 'GG-02': '已完成' });
    const milestones = view.sheets.find((s) => s.name === '重点任务')!;
    milestones.rows = milestones.rows.filter((r) => codeOf(r) !== 'GG-02');
    const gg02 = entry(check(view), 'GG-02');
    expect(gg02).toMatchObject({ raw: '', note: '', cell: null, sheet: null, row: null, status: 'no-data' });
    expect(gg02.issues[0]?.params).toStrictEqual({
      code: 'GG-02',
      unit: '完成情况',
      rowMissing: true,
      milestone: true,
    });
  });
});

describe('§4–§5 a figure’s entry: whose it is, a deleted row, and no reporting year', () => {
  it('a lead bureau’s figure row deleted: nothing typed, nothing noted, the error names the row', () => {
    const view = filledView(catalog, '县民政局', 2023, { 'YL-02': 620 }, { notes: { 'YL-02': '含新建' } });
    const figures = view.sheets[0]!;
    figures.rows = figures.rows.filter((r) => codeOf(r) !== 'YL-02');
    const yl02 = entry(check(view), 'YL-02');
    expect(yl02).toMatchObject({
      raw: '',
      note: '',
      cell: null,
      row: null,
      sheet: null,
      value: null,
      status: 'no-data',
    });
    expect(yl02.issues[0]?.params).toStrictEqual({
      code: 'YL-02',
      unit: '张',
      rowMissing: true,
      milestone: false,
    });
    expect(issueMessage(yl02.issues[0]!, 'zh')).toBe(
      '表中找不到本单位牵头的 YL-02 这一行，可能被删除了。请使用下发的标准模板重新填报。',
    );
  });

  it('an empty figure of the lead bureau asks for the figure in its unit', () => {
    const yl04 = entry(check(filledView(catalog, '县民政局', 2023, {})), 'YL-04');
    expect(yl04.issues[0]?.params).toStrictEqual({
      code: 'YL-04',
      unit: '个',
      rowMissing: false,
      milestone: false,
    });
    expect(issueMessage(yl04.issues[0]!, 'zh')).toBe(
      '本单位牵头此指标，本期完成值为空。请填写以“个”计的数字；确无数据请填“不适用”并在“说明”栏说明原因。',
    );
  });

  it('another bureau’s row in the sheet: no entry when empty, a not-responsible warning when typed', () => {
    expect(
      check(filledView(catalog, '县民政局', 2023, { 'TY-03': null })).entries.map((e) => e.code),
    ).not.toContain('TY-03');
    const ty03 = entry(check(filledView(catalog, '县民政局', 2023, { 'TY-03': 300 })), 'TY-03');
    expect(ty03).toMatchObject({ role: 'none', value: 300 });
    expect(ty03.issues.map((i) => [i.kind, i.params])).toStrictEqual([
      ['not-responsible', { lead: '县卫生健康局', raw: '300' }],
    ]);
  });

  it('indicators are of kind indicator, a project’s figures of kind project', () => {
    const report = check(filledView(catalog, '县民政局', 2023, { 'YL-02': 620 }));
    expect(entry(report, 'YL-02').kind).toBe('indicator');
    expect(entry(report, 'XM-01-床位').kind).toBe('project');
  });

  it('without a reporting year (E2 empty): a figure is shown, not judged; an empty one is no data; a wrong one invalid', () => {
    const view = filledView(catalog, '县民政局', 2023, { 'YL-02': 620, 'YL-03': 'abc' });
    view.sheets[0]!.rows[1]![4] = undefined;
    // _meta's period is the fallback for an empty E2; here it is damaged too.
    const meta = view.sheets.find((s) => s.name === '_meta')!;
    meta.rows = meta.rows.map((r) => (codeOf(r) === 'period' ? [r[0], raw('二〇二三')] : r));
    const report = check(view);
    expect(report.period).toBeNull();
    expect(entry(report, 'YL-02')).toMatchObject({
      status: 'not-judged',
      notJudged: { reason: 'no-period' },
    });
    expect(entry(report, 'YL-03')).toMatchObject({ status: 'invalid' });
    expect(entry(report, 'YL-03').notJudged).toBeUndefined();
    expect(entry(report, 'YL-04')).toMatchObject({ status: 'no-data' });
    expect(entry(report, 'YL-04').notJudged).toBeUndefined();
    // _meta's unreadable year is not a second year to disagree with.
    expect(report.sheetIssues.map((i) => i.kind)).not.toContain('meta-mismatch');
  });
});

describe('a report’s counts and its sheet-level issues', () => {
  it('the reader’s own issues (an unknown code, a duplicated row) are the sheet’s, and counted', () => {
    const view = filledView(catalog, '县民政局', 2023, { 'YL-02': 620, 'YL-99': 5, 'YL-98': 6 });
    const figures = view.sheets[0]!;
    const yl02 = figures.rows.find((r) => codeOf(r) === 'YL-02')!;
    figures.rows.push([...yl02]);
    const report = check(view);
    expect(report.sheetIssues.map((i) => [i.severity, i.kind])).toStrictEqual([
      ['warning', 'unknown-code'],
      ['warning', 'unknown-code'],
      ['error', 'duplicate-code'],
    ]);
    const entryErrors = report.entries.flatMap((e) => e.issues).filter((i) => i.severity === 'error').length;
    const entryWarnings = report.entries
      .flatMap((e) => e.issues)
      .filter((i) => i.severity === 'warning').length;
    expect(report.counts).toMatchObject({
      errors: entryErrors + 1,
      warnings: entryWarnings + 2,
      explainedWarnings: 0,
      unexplainedWarnings: entryWarnings + 2,
    });
    expect(allIssues(report).slice(0, 3)).toStrictEqual(report.sheetIssues);
    expect(allIssues(report)).toHaveLength(report.sheetIssues.length + entryErrors + entryWarnings);
  });
});

describe('§5 v2 holdForConfirmation: which warnings hold a figure at 待核实', () => {
  const base = {
    status: 'on-track' as const,
    value: 70,
    note: '',
    explained: false,
    issues: [] as Issue[],
  };
  const slip = makeIssue('warning', 'scale-slip', { raw: '7000', value: 7000, reference: 800, factor: 7.5 });
  const approximate = makeIssue('warning', 'approximate', { raw: '约70', value: 70, bound: 'about' });

  it('a questioning warning, unexplained, holds a usable figure; the status it would have is kept', () => {
    expect(holdForConfirmation({ ...base, issues: [slip] })).toStrictEqual({
      ...base,
      issues: [slip],
      status: 'to-confirm',
      wouldBe: 'on-track',
    });
  });

  it('a warning that does not question the figure (约数) does not hold it', () => {
    expect(holdForConfirmation({ ...base, issues: [approximate] })).toStrictEqual({
      ...base,
      issues: [approximate],
    });
  });

  it('an error of the same kind does not hold it either: only warnings question', () => {
    const asError = { ...slip, severity: 'error' as const };
    expect(holdForConfirmation({ ...base, issues: [asError] }).status).toBe('on-track');
  });

  it('a figure without a value, invalid or without data is never held', () => {
    for (const entry of [
      { ...base, value: null, issues: [slip] },
      { ...base, status: 'invalid' as const, issues: [slip] },
      { ...base, status: 'no-data' as const, issues: [slip] },
    ])
      expect(holdForConfirmation(entry).status).toBe(entry.status);
  });

  it('a note explains only where there is a warning to explain', () => {
    const note = '含在建床位 120 张';
    expect(holdForConfirmation({ ...base, note }).explained).toBe(false);
    expect(holdForConfirmation({ ...base, note, issues: [slip] })).toMatchObject({
      explained: true,
      status: 'on-track',
    });
    // An error beside the warning does not stop the note explaining the warning.
    const error = makeIssue('error', 'not-whole', { raw: '70.5', unit: '张', value: 70.5 });
    expect(holdForConfirmation({ ...base, note, issues: [error, slip] }).explained).toBe(true);
  });

  it('judged again, a held figure starts from the status it would have; without one, from not judged', () => {
    const held = holdForConfirmation({ ...base, issues: [slip] });
    expect(holdForConfirmation({ ...held, note: '含在建床位 120 张' })).toStrictEqual({
      ...base,
      note: '含在建床位 120 张',
      issues: [slip],
      explained: true,
    });
    expect(
      holdForConfirmation({
        ...base,
        status: 'to-confirm' as const,
        note: '含在建床位 120 张',
        issues: [slip],
      }).status,
    ).toBe('not-judged');
  });
});
