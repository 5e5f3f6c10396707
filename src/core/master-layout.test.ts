import { checkedInput, sheet } from '../../test/helpers/views';
import {
  combine,
  defaultCatalog,
  masterModel,
  notReportedText,
  readMasterState,
  registerText,
  sha256Text,
  stateRows,
  type Master,
  type MasterModel,
  type RegisterRow,
} from '.';

/**
 * What the county master says, row by row (spec §7 Sheets): 县汇总's remarks and conflicts,
 * 报送登记's reasons, 未报送's 催报 list, 总览's indicators to act on. Expected words are written
 * out by hand from the figures: 民政局 YL-02 620 for 650 → 800 beds is 740 expected in 2023
 * (three fifths of the way), 180 short of the target.
 */

const catalog = defaultCatalog();
const NOW = '2024-01-10T08:00:00.000Z';

let master: Master;
let model: MasterModel;
beforeEach(() => {
  master = combine(
    catalog,
    [
      checkedInput(
        catalog,
        '民政局.xlsx',
        '县民政局',
        { 'YL-02': 620, 'YL-04': 1, 'YL-03': { type: 'error', value: '#DIV/0!' } },
        { notes: { 'YL-02': '含\u0000新建' } },
      ),
      checkedInput(catalog, '卫健局.xlsx', '县卫生健康局', { 'YL-04': 2 }),
      checkedInput(
        catalog,
        '人社局.xls',
        '县人力资源和社会保障局',
        { 'TY-06': 25 },
        { convertedFrom: '.xls' },
      ),
      // The period's report with last year in E2: refused, and the office told so.
      checkedInput(catalog, '教体局.xlsx', '县教育体育局', { 'TY-06': 30 }, { period: 2022 }),
    ],
    { importedAt: NOW },
  );
  model = masterModel(catalog, master, 'zh');
});

const summaryRow = (code: string) => model.summary.rows.find((r) => r[0] === code)!;
const column = (header: string) => model.summary.headers.indexOf(header);

describe('县汇总: each indicator with where its figure came from', () => {
  it('a disagreement is named in the remarks and itemised with each bureau’s file', () => {
    const yl04 = summaryRow('YL-04');
    expect(yl04[column('本期完成值')]).toBe(1);
    expect(yl04[column('数据来源单位')]).toBe('县民政局');
    expect(yl04[column('备注')]).toBe('各单位数值不一致：县民政局 1 / 县卫生健康局 2');
    expect(yl04[column('冲突明细')]).toBe('县民政局：1（民政局.xlsx）；县卫生健康局：2（卫健局.xlsx）');
  });

  it('in an English master the remarks and conflicts use English punctuation', () => {
    const en = masterModel(catalog, master, 'en').summary;
    const row = (code: string) => en.rows.find((r) => r[0] === code)!;
    const remarks = en.headers.length - 4;
    expect(row('YL-04')[remarks]).toBe('bureaus disagree: 县民政局 1 / 县卫生健康局 2');
    expect(row('YL-04')[remarks + 2]).toBe('县民政局: 1 (民政局.xlsx); 县卫生健康局: 2 (卫健局.xlsx)');
    expect(row('TY-06')[remarks]).toBe('lead sent none; from a co-responsible bureau');
    // An issue on the figure: its label, then the message.
    expect(row('YL-03')[remarks]).toMatch(/^[^：]+: The cell shows the error #DIV\/0!/);
  });

  it('several remarks on one row: each said, joined as the language joins them', () => {
    const two = combine(
      catalog,
      [
        checkedInput(catalog, '民政局.xlsx', '县民政局', { 'YL-04': '约1个' }),
        checkedInput(catalog, '卫健局.xlsx', '县卫生健康局', { 'YL-04': 2 }),
      ],
      { importedAt: NOW },
    );
    const remark = (lang: 'zh' | 'en') =>
      masterModel(catalog, two, lang).summary.rows.find((r) => r[0] === 'YL-04')![13];
    expect(remark('zh')).toBe(
      '各单位数值不一致：县民政局 1 / 县卫生健康局 2；约数：“约1个”是约数，已按 1 读取。请填写准确数字；确实只有约数的，请在“说明”栏说明。',
    );
    expect(remark('en')).toBe(
      'bureaus disagree: 县民政局 1 / 县卫生健康局 2; approximate: "约1个" is an approximate figure, read as 1. Type the exact figure, or explain in the note column.',
    );
  });

  it('a figure taken from a co-responsible bureau says so', () => {
    const ty06 = summaryRow('TY-06');
    expect(ty06[column('本期完成值')]).toBe(25);
    expect(ty06[column('数据来源单位')]).toBe('县人力资源和社会保障局');
    expect(ty06[column('来源文件')]).toBe('人社局.xls');
    expect(ty06[column('备注')]).toBe('牵头单位未报，取自协同单位');
  });

  it('a row without doubts has no remarks; a bureau’s note loses what a workbook cannot hold', () => {
    const yl02 = summaryRow('YL-02');
    expect(yl02[column('本期应达值')]).toBe(740);
    expect(yl02[column('距目标差距')]).toBe(180);
    expect(yl02[column('备注')]).toBe('');
    expect(yl02[column('说明')]).toBe('含新建');
    // The note on 县汇总 and in 历史.
    expect(model.cleanedTexts).toBe(2);
  });
});

describe('县汇总: a project figure’s 完成情况 (§2), kept from the file through the state', () => {
  it('is in the remarks as the bureau chose it, in either language, and a master from the state says the same', () => {
    const m = combine(
      catalog,
      [
        checkedInput(catalog, '民政局.xlsx', '县民政局', {
          'XM-01-床位': 120,
          'XM-01-床位:progress': '在建',
          'XM-01-投资': 0.3,
          'GG-02': '推进中',
        }),
      ],
      { importedAt: NOW },
    );
    const remarksOf = (mm: MasterModel, code: string) =>
      mm.summary.rows.find((r) => r[0] === code)?.[
        mm.summary.headers.indexOf(mm === en ? 'remarks' : '备注')
      ];
    const zh = masterModel(catalog, m, 'zh');
    const en = masterModel(catalog, m, 'en');
    expect(remarksOf(zh, 'XM-01-床位')).toBe('完成情况：推进中');
    expect(remarksOf(en, 'XM-01-床位')).toBe('progress: 推进中');
    // Not chosen: nothing said. A reform's progress is its value, not a remark.
    expect(remarksOf(zh, 'XM-01-投资')).toBe('');
    expect(remarksOf(zh, 'GG-02')).toBe('');
    const read = readMasterState({ sheets: [sheet('_state', stateRows(m.state))] }, catalog);
    if (read.kind !== 'master') throw new Error(read.kind);
    const again = masterModel(catalog, combine(catalog, [], { importedAt: NOW, existing: read.state }), 'zh');
    expect(remarksOf(again, 'XM-01-床位')).toBe('完成情况：推进中');
  });
});

describe('报送登记 and 未报送: every file, and who the office phones', () => {
  const register = (file: string) => model.register.rows.find((r) => r[0] === file)!;
  const header = (name: string) => model.register.headers.indexOf(name);

  it('a converted file says it was converted; a file of another year is refused with both years', () => {
    expect(register('人社局.xls')[header('原因与处理')]).toBe(
      '原文件为 .xls 格式，已用 LibreOffice 转换为 .xlsx 后读取。',
    );
    expect(register('人社局.xls')[header('处理结果')]).toBe('采用');
    // A file used with nothing wrong has no reason code to filter by: the column is empty.
    expect(register('民政局.xlsx')[header('原因代码')]).toBe('');
    const refused = register('教体局.xlsx');
    expect(refused[header('处理结果')]).toBe('退回');
    expect(refused[header('原因代码')]).toBe('period-mismatch');
    expect(refused[header('原因与处理')]).toBe(
      '文件“教体局.xlsx”的报告期为 2022 年，与本次汇总的 2023 年不同，未汇总。请确认报告期，或在 2022 年的汇总中使用它。',
    );
  });

  it('§7 未报送: a bureau whose file was refused is told why, not that nothing came', () => {
    const jt = master.notReported.find((n) => n.bureau === '县教育体育局')!;
    expect(jt.files).toStrictEqual([
      {
        file: '教体局.xlsx',
        outcome: 'rejected',
        reason: expect.objectContaining({ kind: 'period-mismatch' }),
      },
    ]);
    expect(notReportedText(jt, 'zh')).toBe(
      '文件“教体局.xlsx”的报告期为 2022 年，与本次汇总的 2023 年不同，未汇总。请确认报告期，或在 2022 年的汇总中使用它。',
    );
    const nothing = master.notReported.find((n) => n.bureau === '县发展改革局')!;
    expect(notReportedText(nothing, 'zh')).toBe('未收到文件');
    expect(notReportedText(nothing, 'en')).toBe('no file received');
    expect(notReportedText(jt, 'en')).toMatch(/^"教体局\.xlsx" reports 2022/);
    // Files waiting for a decision, or passed over, are named with their outcome, joined as the language joins.
    const waiting = {
      bureau: '县卫生健康局',
      leads: [],
      shares: [],
      files: [
        { file: '甲.xlsx', reason: null, outcome: 'to-confirm' as const },
        { file: '乙.xlsx', reason: null, outcome: 'superseded' as const },
      ],
    };
    expect(notReportedText(waiting, 'zh')).toBe('“甲.xlsx”待确认；“乙.xlsx”已被替代');
    expect(notReportedText(waiting, 'en')).toBe('"甲.xlsx" to decide; "乙.xlsx" superseded');
    expect(model.notReported.rows.find((r) => r[0] === '县教育体育局')?.at(-1)).toBe(
      notReportedText(jt, 'zh'),
    );
  });

  it('a refused file of this period is listed in that period’s combine only, and an old period’s never', () => {
    // Combined for 2022 on purpose: 民政局's 2023 file is refused for its year and listed.
    const for2022 = combine(
      catalog,
      [
        checkedInput(
          catalog,
          '教体局.xlsx',
          '县教育体育局',
          { 'TY-06': 30 },
          { period: 2022, filledOn: '2022-12-01' },
        ),
        checkedInput(
          catalog,
          '教体局-更正.xlsx',
          '县教育体育局',
          { 'TY-06': 31 },
          { period: 2022, filledOn: '2022-12-20' },
        ),
        checkedInput(catalog, '民政局.xlsx', '县民政局', { 'YL-02': 620 }),
        // Sent two years early: refused in the 2022 combine, and no 2023 report either.
        checkedInput(catalog, '教体局-2024.xlsx', '县教育体育局', { 'TY-06': 40 }, { period: 2024 }),
      ],
      { importedAt: NOW, period: 2022 },
    );
    expect(for2022.notReported.find((n) => n.bureau === '县民政局')?.files.map((f) => f.file)).toStrictEqual([
      '民政局.xlsx',
    ]);
    // 2023 from that master with nothing new: 教体局's superseded 2022 file and its 2024 file,
    // refused in 2022's combine, are not 2023 reports.
    const next = combine(catalog, [], { importedAt: NOW, existing: for2022.state, period: 2023 });
    expect(next.register.find((r) => r.file === '教体局.xlsx')?.outcome).toBe('superseded');
    expect(next.notReported.find((n) => n.bureau === '县教育体育局')?.files).toStrictEqual([]);
  });
});

describe('总览: the indicators a leader must hear about, and why', () => {
  it('behind: the figure against the line; unusable: what is wrong with it', () => {
    expect(model.overview.attention.rows).toStrictEqual([
      {
        cells: ['YL-02 养老床位数', '滞后', '县民政局', '本期 620张，应达 740张，距目标差 180张'],
        status: 'off-track',
      },
      {
        cells: [
          'YL-03 护理型床位占养老机构床位总数比',
          '无效',
          '县民政局',
          '单元格显示错误值 #DIV/0!（公式出错）。请检查公式，或直接填写数字。',
        ],
        status: 'invalid',
      },
    ]);
    const english = masterModel(catalog, master, 'en').overview.attention.rows.map((r) => r.cells[3]);
    expect(english).toStrictEqual([
      '620 张 against 740 expected; 180 short of the target',
      'The cell shows the error #DIV/0!. Fix the formula or type the figure.',
    ]);
  });

  it('to confirm (§5 v2): the warning that questions the figure is the reason, not a warning before it that does not', () => {
    // 6200个 in a 张 indicator: a unit-mismatch warning (kept, not questioning) comes first, then
    // the scale slip that holds the figure at to-confirm; 0.55 in a % indicator: a bare fraction.
    const doubted = combine(
      catalog,
      [checkedInput(catalog, '民政局.xlsx', '县民政局', { 'YL-03': 0.55, 'YL-02': '6200个' })],
      { importedAt: NOW },
    );
    const yl02 = doubted.rows.find((r) => r.code === 'YL-02');
    expect(yl02?.issues.map((i) => i.kind)).toStrictEqual(['unit-mismatch', 'scale-slip']);
    const why = (lang: 'zh' | 'en') =>
      masterModel(catalog, doubted, lang).overview.attention.rows.map((r) => [
        r.cells[0]?.split(' ')[0],
        r.cells[3],
      ]);
    expect(why('zh')).toStrictEqual([
      [
        'YL-02',
        '6200 达到基期值和目标值中较大者（800）的 7.5 倍以上，可能多打了一位数，或把“千”“万”弄错了。请核对；如属实，请在“说明”栏说明。',
      ],
      [
        'YL-03',
        '填写的是 0.55，本指标单位为“%”，是否应为 55？如是，请改为 55；如确为 0.55%，请在“说明”栏注明。',
      ],
    ]);
    expect(why('en')).toStrictEqual([
      [
        'YL-02',
        '6200 is 7.5 times or more the larger of baseline and target (800): perhaps a digit too many, or thousands and ten-thousands mixed up. Please check, and explain in the note column if it is right.',
      ],
      [
        'YL-03',
        'You typed 0.55 but this indicator is in %. Did you mean 55? If so, type 55; if it really is 0.55 %, say so in the note column.',
      ],
    ]);
  });

  it('explained (§5 v2): a questioned figure the bureau vouched for is judged by its figure, not by the doubt', () => {
    // 0.55 in a % indicator, with a note that says why: not held, off-track against 2023's line.
    const vouched = combine(
      catalog,
      [
        checkedInput(
          catalog,
          '民政局.xlsx',
          '县民政局',
          { 'YL-03': 0.55 },
          { notes: { 'YL-03': '新建机构尚未取得护理资质' } },
        ),
      ],
      { importedAt: NOW },
    );
    const yl03 = vouched.rows.find((r) => r.code === 'YL-03');
    expect([yl03?.status, yl03?.issues.map((i) => i.kind)]).toStrictEqual([
      'off-track',
      ['percent-as-fraction'],
    ]);
    const why = masterModel(catalog, vouched, 'zh').overview.attention.rows.find((r) =>
      r.cells[0]?.startsWith('YL-03'),
    )?.cells[3];
    // 32 → 55 % over 2020–2025: three fifths of the way by 2023 is 45.8; 55 − 0.55 = 54.45 short.
    expect(why).toBe('本期 0.55%，应达 45.8%，距目标差 54.45%');
  });

  it('in the target year: a reform not done says what its bureau chose and when it was due, never 未填报; a target with its unit', () => {
    // 2025: GG-02 (due 2025) still 推进中 is off-track (§2); YL-10 has no baseline, so it is judged
    // only now, 50 against 60 %; YL-02 700 against the 800 the plan wants by 2025.
    const final = combine(
      catalog,
      [
        checkedInput(
          catalog,
          '民政局.xlsx',
          '县民政局',
          { 'GG-02': '推进中', 'YL-10': 50, 'YL-02': 700 },
          { period: 2025 },
        ),
      ],
      { importedAt: NOW },
    );
    const why = (lang: 'zh' | 'en') =>
      masterModel(catalog, final, lang).overview.attention.rows.map((r) => [
        r.cells[0]?.split(' ')[0],
        r.cells[3],
      ]);
    // The lead of a reform is the bureau the plan names for it.
    expect(masterModel(catalog, final, 'zh').overview.attention.rows.map((r) => r.cells[2])).toStrictEqual([
      '县民政局',
      '县民政局',
      '县民政局',
    ]);
    expect(why('zh')).toStrictEqual([
      ['YL-02', '本期 700张，应达 800张，距目标差 100张'],
      ['YL-10', '本期 50%，目标：2025 年达到 60%'],
      ['GG-02', '完成情况：推进中，方案要求 2025 年完成'],
    ]);
    expect(why('en')).toStrictEqual([
      ['YL-02', '700 张 against 800 expected; 100 short of the target'],
      ['YL-10', '50 %; target 60 % by 2025'],
      ['GG-02', 'progress: 推进中; due in 2025'],
    ]);
  });

  it('a figure typed but unreadable, from a master of the earlier format (no issue kept), says what was typed, never 未填报', () => {
    const unusable = (code: string, typed: string) => [
      2023,
      code,
      '',
      typed,
      '无效',
      '县民政局',
      'b.xlsx',
      sha256Text('b'),
      '2023-12-22',
      NOW,
      '否',
      '',
      '',
    ];
    const history = sheet('历史', [
      [
        '报告期',
        '编号',
        '完成值',
        '填写内容',
        '状态',
        '填报单位',
        '文件名',
        '文件SHA-256',
        '填报日期',
        '导入时间',
        '已被替代',
        '替代文件',
        '说明',
      ],
      // An unusable figure, with spaces around it; only spaces typed: nothing was typed.
      unusable('YL-03', ' 约六成 '),
      unusable('YL-06', '  '),
    ]);
    const read = readMasterState({ sheets: [history] }, catalog);
    if (read.kind !== 'legacy') throw new Error(read.kind);
    const again = combine(catalog, [], { importedAt: NOW, existing: read.state });
    const why = (lang: 'zh' | 'en') =>
      masterModel(catalog, again, lang).overview.attention.rows.map((r) => [r.cells[0], r.cells[3]]);
    expect(why('zh')).toStrictEqual([
      ['YL-03 护理型床位占养老机构床位总数比', '填写的“约六成”不是可用的数字，请核实'],
      ['YL-06 社区日间照料机构覆盖率', '未填报'],
    ]);
    expect(why('en')).toStrictEqual([
      ['YL-03 护理型床位占养老机构床位总数比', '"约六成" is not a usable figure; check it'],
      ['YL-06 社区日间照料机构覆盖率', 'no figure'],
    ]);
    const remarks = (lang: 'zh' | 'en') => {
      const table = masterModel(catalog, again, lang).summary;
      return table.rows.find((r) => r[0] === 'YL-03')?.[
        table.headers.indexOf(lang === 'zh' ? '备注' : 'remarks')
      ];
    };
    // No issue was kept, so the remark says where the figure came from and how to check it.
    expect(remarks('zh')).toBe('此数取自旧版汇总表：当时未保存问题明细，如需核查请重新汇总原文件');
    expect(remarks('en')).toBe(
      'from a master of an earlier version, which did not store issues; combine the original file again to check it',
    );
  });

  it('a master of the earlier format with columns deleted: what they held is read as unknown, never invented', () => {
    // 填报日期 and 导入时间 deleted by hand, and no 报送登记 to say who filled the file in.
    const history = sheet('历史', [
      ['报告期', '编号', '完成值', '填写内容', '状态', '填报单位', '文件名', '文件SHA-256'],
      [2023, 'YL-02', 620, '620', '滞后', '县民政局', 'b.xlsx', sha256Text('b')],
    ]);
    const read = readMasterState({ sheets: [history] }, catalog);
    if (read.kind !== 'legacy') throw new Error(read.kind);
    expect(
      read.state.files.map((f) => [f.file, f.bureau, f.filledBy, f.filledOn, f.phone, f.importedAt]),
    ).toStrictEqual([['b.xlsx', '县民政局', '', '', '', '']]);
  });

  it('an unusable figure is explained by its error, not by a warning before it; a reform’s progress as chosen, without the spaces typed', () => {
    const due = combine(
      catalog,
      [
        // 约120 for a percentage: an approximate figure (warning) that is over 100 (error).
        checkedInput(
          catalog,
          '民政局.xlsx',
          '县民政局',
          { 'YL-02': 900, 'YL-03': '约120' },
          { period: 2025 },
        ),
        checkedInput(catalog, '发改局.xlsx', '县发展改革局', { 'GG-01': ' 推进中 ' }, { period: 2025 }),
      ],
      { importedAt: NOW, period: 2025 },
    );
    expect(due.rows.find((r) => r.code === 'YL-03')?.issues.map((i) => i.severity)).toStrictEqual([
      'warning',
      'error',
    ]);
    const rows = (lang: 'zh' | 'en') =>
      masterModel(catalog, due, lang).overview.attention.rows.map((r) => [r.cells[0], r.cells[3]]);
    expect(rows('zh')).toStrictEqual([
      ['YL-03 护理型床位占养老机构床位总数比', '120% 超过 100%。请检查后重新填写 0 到 100 之间的数字。'],
      ['GG-01 加强总体规划', '完成情况：推进中，方案要求 2025 年完成'],
    ]);
    expect(rows('en')[1]).toStrictEqual(['GG-01 加强总体规划', 'progress: 推进中; due in 2025']);
  });

  it('an indicator with a target year of its own is held to that year, not the plan’s', () => {
    const own = structuredClone(catalog);
    own.indicators.find((i) => i.code === 'YL-10')!.targetYear = 2024;
    const early = combine(
      own,
      [checkedInput(own, '民政局.xlsx', '县民政局', { 'YL-10': 50 }, { period: 2024 })],
      { importedAt: NOW },
    );
    const yl10 = (lang: 'zh' | 'en') =>
      masterModel(own, early, lang).overview.attention.rows.find((r) => r.cells[0]?.startsWith('YL-10'))
        ?.cells[3];
    expect(yl10('zh')).toBe('本期 50%，目标：2024 年达到 60%');
    expect(yl10('en')).toBe('50 %; target 60 % by 2024');
  });
});

describe('every table as spec §7 "Sheets" asks: shaped, bureau text kept as text, machine columns off the paper', () => {
  // Columns whose words come from a bureau's file (names, notes, file names, what was typed):
  // written as text whatever they start with (§7, last paragraph).
  const FROM_A_FILE = new Set([
    '本期完成值',
    '填写内容',
    '数据来源单位',
    '填报单位',
    '填报人',
    '填报日期',
    '联系电话',
    '文件名',
    '来源文件',
    '采用的文件',
    '替代文件',
    '冲突明细',
    '备注',
    '说明',
    '原因与处理',
    '情况',
  ]);
  // Hashes and codes, for tracing and for the next combine: never on the printed page.
  const MACHINE = new Set(['SHA-256', '文件SHA-256', '结果代码', '原因代码', '状态代码', '导入时间']);
  const tables = (m: MasterModel) => [m.summary, m.register, m.notReported, m.trend, ...m.history];

  it('each table: a width a header, a cell a header in every row, a status a row', () => {
    for (const lang of ['zh', 'en'] as const) {
      for (const table of tables(masterModel(catalog, master, lang))) {
        const where = `${lang} ${table.sheet}`;
        expect({ where, widths: table.widths.length }).toStrictEqual({ where, widths: table.headers.length });
        expect({ where, rows: table.rows.every((r) => r.length === table.headers.length) }).toStrictEqual({
          where,
          rows: true,
        });
        if (table.rowStatus)
          expect({ where, statuses: table.rowStatus.length }).toStrictEqual({
            where,
            statuses: table.rows.length,
          });
        for (const c of [...table.textColumns, table.statusColumn ?? 0, table.progressColumn ?? 0])
          expect({ where, c, inside: c >= 0 && c < table.headers.length }).toStrictEqual({
            where,
            c,
            inside: true,
          });
        expect(table.printColumns ?? table.headers.length).toBeLessThanOrEqual(table.headers.length);
      }
    }
  });

  it('the columns that hold a bureau’s words are text columns, in both languages alike', () => {
    const zh = masterModel(catalog, master, 'zh');
    const en = masterModel(catalog, master, 'en');
    tables(zh).forEach((table, i) => {
      const fromFile = table.headers.flatMap((h, c) => (FROM_A_FILE.has(h) ? [c] : []));
      expect({
        sheet: table.sheet,
        missing: fromFile.filter((c) => !table.textColumns.includes(c)),
      }).toStrictEqual({
        sheet: table.sheet,
        missing: [],
      });
      expect(tables(en)[i]?.textColumns).toStrictEqual(table.textColumns);
    });
    // Every table but 趋势 (figures and words of the catalog only) holds some.
    expect(
      tables(zh)
        .filter((t) => !t.headers.some((h) => FROM_A_FILE.has(h)))
        .map((t) => t.sheet),
    ).toStrictEqual(['趋势']);
  });

  it('hashes, codes and import times stand right of the printed columns; the status and the names print', () => {
    for (const table of tables(masterModel(catalog, master, 'zh'))) {
      const printed = table.headers.slice(0, table.printColumns ?? table.headers.length);
      expect({ sheet: table.sheet, machine: printed.filter((h) => MACHINE.has(h)) }).toStrictEqual({
        sheet: table.sheet,
        machine: [],
      });
      if (table.statusColumn !== undefined)
        expect(table.statusColumn).toBeLessThan(table.printColumns ?? table.headers.length);
    }
    const register = model.register;
    expect(register.headers.slice(register.printColumns)).toStrictEqual([
      '导入时间',
      'SHA-256',
      '结果代码',
      '原因代码',
    ]);
    // 未报送 (the list the office phones round) and 趋势 print whole.
    for (const whole of [model.notReported, model.trend])
      expect(whole.printColumns ?? 0).toBe(whole.headers.length);
    // 县汇总 prints through 备注; the source file, the itemised conflicts and the bureau's note are for the screen.
    expect(model.summary.headers.slice(model.summary.printColumns)).toStrictEqual([
      '来源文件',
      '冲突明细',
      '说明',
    ]);
    const history = model.history[0]!;
    expect(history.headers.slice(0, history.printColumns)).toStrictEqual([
      '报告期',
      '编号',
      '完成值',
      '填写内容',
      '状态',
      '填报单位',
      '文件名',
    ]);
  });
});

describe('报送登记 原因与处理: what the register says of each outcome (spec §7 "Which file")', () => {
  const row = (over: Partial<RegisterRow>): RegisterRow => ({
    file: '民政局-更正.xlsx',
    bureau: '县民政局',
    period: 2023,
    filledBy: '',
    filledOn: '2023-12-20',
    phone: '',
    sha256: '',
    importedAt: '',
    errors: 0,
    warnings: 0,
    outcome: 'used',
    reason: null,
    supersededBy: '',
    byDecision: false,
    pending: null,
    decided: false,
    legacy: false,
    convertedFrom: '',
    ...over,
  });
  const both = (r: RegisterRow) => [registerText(r, 'zh'), registerText(r, 'en')];

  it('superseded by a later 填报日期, or by the office’s choice', () => {
    expect(both(row({ outcome: 'superseded', supersededBy: '新.xlsx' }))).toStrictEqual([
      '“新.xlsx”的填报日期更晚，已替代本文件。',
      '"新.xlsx" has a later 填报日期 and replaces this file.',
    ]);
    expect(both(row({ outcome: 'superseded', supersededBy: '新.xlsx', byDecision: true }))).toStrictEqual([
      '已确认保留“新.xlsx”，本文件不采用。',
      'The office chose "新.xlsx"; this file is not used.',
    ]);
  });

  it('waiting for a decision: the other files, which one is used for now and why, and how to choose', () => {
    const pending = (keptHere: boolean, others: string[], otherCount: number) =>
      row({
        outcome: 'to-confirm',
        supersededBy: keptHere ? '' : '甲.xlsx',
        pending: { keptHere, rule: 'fewer-errors', others, otherCount },
      });
    expect(both(pending(true, ['甲.xlsx'], 1))).toStrictEqual([
      '与“甲.xlsx”是同一单位同一报告期的文件，填报日期相同或未填，需要确认用哪一份。确认前暂用本文件（它的错误较少）。确认方法：命令行加 --keep "要保留的文件名"，或在加载项“汇总”页选择。',
      'Same bureau and period as "甲.xlsx", with the same or no 填报日期: the office must choose one. Until then this file is used (it has fewer errors). To choose: --keep "file" on the command line, or the choice in the add-in\'s 汇总 tab.',
    ]);
    const [zh, en] = both(pending(false, ['甲.xlsx', '乙.xlsx'], 2));
    expect(zh).toContain('与“甲.xlsx”、“乙.xlsx”是同一单位');
    expect(zh).toContain('确认前暂用“甲.xlsx”（它的错误较少）');
    expect(en).toContain('as "甲.xlsx", "乙.xlsx", with');
    expect(en).toContain('Until then "甲.xlsx" is used (it has fewer errors)');
    // Three by name, then how many in all.
    const [manyZh, manyEn] = both(pending(true, ['a', 'b', 'c', 'd'], 7));
    expect(manyZh).toContain('与“a”、“b”、“c”等 7 个文件是同一单位');
    expect(manyEn).toContain('as "a", "b", "c" and 4 more, with');
  });

  it('used: nothing to say, or that it was converted, kept by decision, or carried from an earlier master', () => {
    expect(both(row({}))).toStrictEqual(['', '']);
    expect(both(row({ convertedFrom: '.xls', decided: true, legacy: true }))).toStrictEqual([
      '原文件为 .xls 格式，已用 LibreOffice 转换为 .xlsx 后读取。 已确认保留此文件。 取自旧版汇总表，问题明细未保存。',
      'Sent as .xls; read after LibreOffice converted it to .xlsx. Kept by the office’s decision. From a master of an earlier version; issues were not stored.',
    ]);
  });

  it('rejected: the reason in words, naming the file', () => {
    expect(
      registerText(
        row({ outcome: 'rejected', reason: { kind: 'duplicate-file', params: { other: '甲.xlsx' } } }),
        'zh',
      ),
    ).toContain('民政局-更正.xlsx');
  });
});

describe('完成情况 and 报送登记’s colours: each state in words and colour (spec §7 "Sheets")', () => {
  const filled = combine(
    catalog,
    [
      checkedInput(catalog, '民政局.xlsx', '县民政局', {
        'YL-02': 620,
        'YL-04': 1,
        'YL-03': { type: 'error', value: '#DIV/0!' },
        'YL-05': '不适用',
      }),
      checkedInput(catalog, '卫健局.xlsx', '县卫生健康局', { 'YL-04': 2 }),
    ],
    { importedAt: NOW },
  );

  it('a bureau × indicator cell: filled, invalid, n/a, missing or no file, ★ where it leads; blank where not responsible', () => {
    const matrix = (lang: 'zh' | 'en') => {
      const m = masterModel(catalog, filled, lang).completion;
      return (code: string, bureau: string) =>
        m.rows.find((r) => r.labels[0] === code)?.cells[m.header.indexOf(bureau) - 2];
    };
    const zh = matrix('zh');
    expect(masterModel(catalog, filled, 'zh').completion.header.slice(0, 2)).toStrictEqual([
      '指标 \\ 填报单位',
      '具体指标',
    ]);
    expect(zh('YL-02', '县民政局')).toStrictEqual({ label: '已填★', status: 'achieved' });
    expect(zh('YL-04', '县卫生健康局')).toStrictEqual({ label: '已填', status: 'achieved' });
    expect(zh('YL-03', '县民政局')).toStrictEqual({ label: '有误★', status: 'off-track' });
    expect(zh('YL-05', '县民政局')).toStrictEqual({ label: '不适用★', status: 'not-judged' });
    expect(zh('YL-06', '县民政局')).toStrictEqual({ label: '未填★', status: 'off-track' });
    // Missing from a co-responsible bureau is no gap of the lead's: uncoloured.
    expect(zh('YL-08', '县民政局')).toStrictEqual({ label: '未填', status: 'no-data' });
    expect(zh('YL-08', '县自然资源局')).toStrictEqual({ label: '未报送★', status: 'off-track' });
    expect(zh('YL-08', '县住房城乡建设局')).toStrictEqual({ label: '未报送', status: 'no-data' });
    expect(zh('YL-02', '县卫生健康局')).toBeNull();
    const en = matrix('en');
    expect(
      [
        ['YL-02', '县民政局'],
        ['YL-03', '县民政局'],
        ['YL-05', '县民政局'],
        ['YL-06', '县民政局'],
        ['YL-08', '县住房城乡建设局'],
      ].map(([code, bureau]) => en(code!, bureau!)?.label),
    ).toStrictEqual(['filled★', 'invalid★', 'n/a★', 'missing★', 'no file']);
    expect(masterModel(catalog, filled, 'en').completion.legend).toBe(
      '★ lead bureau. Blank: not responsible.',
    );
    expect(masterModel(catalog, filled, 'zh').completion.legend).toBe(
      `★ 牵头单位。空白：不是该单位的责任指标。（${catalog.documentNumber}）`,
    );
  });

  it('报送登记: used, used by decision, superseded, to decide and rejected, each in words and its colour', () => {
    const run = combine(
      catalog,
      [
        checkedInput(catalog, '民政局-旧.xlsx', '县民政局', { 'YL-02': 600 }, { filledOn: '2023-12-01' }),
        checkedInput(catalog, '民政局-新.xlsx', '县民政局', { 'YL-02': 620 }, { filledOn: '2023-12-20' }),
        checkedInput(catalog, '卫健局-甲.xlsx', '县卫生健康局', { 'YL-04': 1 }, { filledOn: '2023-12-20' }),
        checkedInput(catalog, '卫健局-乙.xlsx', '县卫生健康局', { 'YL-04': 2 }, { filledOn: '2023-12-20' }),
        checkedInput(catalog, '教体局.xlsx', '县教育体育局', { 'TY-06': 30 }, { period: 2022 }),
      ],
      { importedAt: NOW },
    );
    const outcomes = (m: typeof run, lang: 'zh' | 'en') => {
      const register = masterModel(catalog, m, lang).register;
      return register.rows.map((r, i) => [r[0], r[8], register.rowStatus?.[i]]);
    };
    expect(outcomes(run, 'zh').sort()).toStrictEqual(
      [
        ['民政局-旧.xlsx', '已被替代', 'not-judged'],
        ['民政局-新.xlsx', '采用', 'achieved'],
        ['卫健局-甲.xlsx', '待确认', 'to-confirm'],
        ['卫健局-乙.xlsx', '待确认', 'to-confirm'],
        ['教体局.xlsx', '退回', 'off-track'],
      ].sort(),
    );
    const decided = combine(catalog, [], {
      importedAt: NOW,
      existing: run.state,
      keep: [run.register.find((r) => r.file === '卫健局-乙.xlsx')!.sha256],
    });
    const after = (lang: 'zh' | 'en') =>
      outcomes(decided, lang)
        .filter((r) => String(r[0]).startsWith('卫健局'))
        .sort();
    expect(after('zh')).toStrictEqual([
      ['卫健局-乙.xlsx', '采用（已确认）', 'achieved'],
      ['卫健局-甲.xlsx', '已被替代', 'not-judged'],
    ]);
    expect(after('en')).toStrictEqual([
      ['卫健局-乙.xlsx', 'used (decided)', 'achieved'],
      ['卫健局-甲.xlsx', 'superseded', 'not-judged'],
    ]);
  });
});

describe('趋势 and 县汇总 over two periods (spec §7 "Periods")', () => {
  // YL-02: 650 → 800 from 2020 to 2025 expects 740 in 2023 and 770 in 2024; 620 then 700 are
  // both below four fifths of the way (§5), so off-track twice; 80 more beds than last period.
  const first = combine(
    catalog,
    [checkedInput(catalog, '民政局-2023.xlsx', '县民政局', { 'YL-02': 620, 'YL-03': 40 })],
    {
      importedAt: NOW,
    },
  );
  const second = combine(
    catalog,
    [
      checkedInput(
        catalog,
        '民政局-2024.xlsx',
        '县民政局',
        { 'YL-02': 700, 'YL-03': '约四成' },
        { period: 2024 },
      ),
    ],
    { importedAt: NOW, existing: first.state },
  );

  it('趋势: a value, expected value and status a period, oldest first, each status column coloured', () => {
    const trend = masterModel(catalog, second, 'zh').trend;
    expect(trend.title).toBe('各指标历年完成情况（2023、2024年）');
    expect(trend.headers).toStrictEqual([
      '编号',
      '具体指标',
      '单位',
      '2023年完成值',
      '2023年应达值',
      '2023年状态',
      '2024年完成值',
      '2024年应达值',
      '2024年状态',
    ]);
    expect(trend.widths).toHaveLength(9);
    const yl02 = trend.rows.findIndex((r) => r[0] === 'YL-02');
    expect(trend.rows[yl02]).toStrictEqual(['YL-02', '养老床位数', '张', 620, 740, '滞后', 700, 770, '滞后']);
    // What could not be read as a number stays as typed, in a text column.
    const yl03 = trend.rows.find((r) => r[0] === 'YL-03');
    expect(yl03?.[6]).toBe('约四成');
    expect(trend.textColumns).toStrictEqual([3, 6]);
    expect(trend.moreStatusColumns?.map((m) => [m.column, m.statuses[yl02]])).toStrictEqual([
      [5, 'off-track'],
      [8, 'off-track'],
    ]);
    expect(trend.printColumns).toBe(9);
    const en = masterModel(catalog, second, 'en').trend;
    expect(en.title).toBe('Indicators by period (2023, 2024)');
    expect(en.headers.slice(3, 6)).toStrictEqual(['2023 value', '2023 expected', '2023 status']);
  });

  it('县汇总: last period’s value and the change beside this period’s', () => {
    const summary = masterModel(catalog, second, 'zh').summary;
    const at = (header: string) => summary.headers.indexOf(header);
    const yl02 = summary.rows.find((r) => r[0] === 'YL-02')!;
    expect([yl02[at('上期完成值')], yl02[at('本期完成值')], yl02[at('比上期')]]).toStrictEqual([
      620, 700, 80,
    ]);
    // No figure this period: no change, though there was one last period.
    const yl03 = summary.rows.find((r) => r[0] === 'YL-03')!;
    expect([yl03[at('上期完成值')], yl03[at('本期完成值')], yl03[at('比上期')]]).toStrictEqual([
      40,
      '约四成',
      null,
    ]);
  });
});

describe('县汇总’s title lines and 历史’s words (spec §7 "Sheets")', () => {
  it('the title names the county and period; the line under it the plan, the office that compiles it and the files’ tally', () => {
    expect(model.summary.title).toBe('耿马自治县“一老一小”具体指标完成情况汇总表（2023年度）');
    expect(model.summary.subtitle).toBe(
      '耿政办发〔2023〕37号  编制：县推进“一老一小”发展工作领导小组办公室（县发展改革局）  汇总表共收到文件 4 个：采用 3，待确认 0，已被替代 0，退回 1',
    );
    const en = masterModel(catalog, master, 'en').summary;
    expect(en.title).toBe('耿马自治县 elderly and childcare indicators: county master (2023)');
    expect(en.subtitle).toBe(
      '耿政办发〔2023〕37号  compiled by: 县推进“一老一小”发展工作领导小组办公室 (县发展改革局)  4 files received: 3 used, 0 to decide, 0 superseded, 1 rejected',
    );
    // A catalog that names no coordinating office: the plan and the tally only.
    const plain = structuredClone(catalog);
    delete plain.coordinatingOffice;
    expect(masterModel(plain, master, 'zh').summary.subtitle).toBe(
      '耿政办发〔2023〕37号  汇总表共收到文件 4 个：采用 3，待确认 0，已被替代 0，退回 1',
    );
  });

  it('历史 says whether each row was superseded, in the master’s language', () => {
    const run = combine(
      catalog,
      [
        checkedInput(catalog, '旧.xlsx', '县民政局', { 'YL-02': 600 }, { filledOn: '2023-12-01' }),
        checkedInput(catalog, '新.xlsx', '县民政局', { 'YL-02': 620 }, { filledOn: '2023-12-20' }),
      ],
      { importedAt: NOW },
    );
    const superseded = (lang: 'zh' | 'en') => {
      const history = masterModel(catalog, run, lang).history[0]!;
      const at = history.headers.indexOf('已被替代');
      return history.rows.filter((r) => r[1] === 'YL-02').map((r) => [r[6], r[at], r[at + 1]]);
    };
    expect(superseded('zh').sort()).toStrictEqual(
      [
        ['新.xlsx', '否', ''],
        ['旧.xlsx', '是', '新.xlsx'],
      ].sort(),
    );
    expect(superseded('en').sort()).toStrictEqual(
      [
        ['新.xlsx', 'no', ''],
        ['旧.xlsx', 'yes', '新.xlsx'],
      ].sort(),
    );
  });
});

describe('the fixed words of every sheet, in both languages (spec §7 "Sheets")', () => {
  // Written out from what a leader and a clerk read on paper: a word changed here is a word
  // changed on every county's master.
  const en = () => masterModel(catalog, master, 'en');

  it('县汇总, 未报送 and 趋势: titles, the lines under them and every header', () => {
    expect(model.summary.headers).toStrictEqual([
      '编号',
      '具体指标',
      '单位',
      '目标值',
      '上期完成值',
      '本期完成值',
      '比上期',
      '状态',
      '本期应达值',
      '距目标差距',
      '完成进度',
      '数据来源单位',
      '问题数',
      '备注',
      '来源文件',
      '冲突明细',
      '说明',
    ]);
    expect(en().summary.headers).toStrictEqual([
      'code',
      'indicator',
      'unit',
      'target',
      'last period',
      'value',
      'change',
      'status',
      'expected',
      'gap',
      'progress',
      'source bureau',
      'issues',
      'remarks',
      'source file',
      'conflicts',
      'note',
    ]);
    const unreported = master.notReported.length;
    expect([model.notReported.title, model.notReported.subtitle, model.notReported.headers]).toStrictEqual([
      '2023年度未报送单位（催报名单）',
      `共 ${unreported} 个单位。被退回的文件写明了原因，请据此通知重报。`,
      ['填报单位', '牵头的指标和任务', '协同的指标', '情况'],
    ]);
    expect([en().notReported.title, en().notReported.subtitle, en().notReported.headers]).toStrictEqual([
      'Bureaus without a file in use, 2023',
      `${unreported} bureaus. Rejected files say why; ask for them again.`,
      ['bureau', 'leads', 'shares', 'situation'],
    ]);
    expect([model.trend.title, model.trend.subtitle, model.trend.headers]).toStrictEqual([
      '各指标历年完成情况（2023年）',
      '每期的完成值取自该期采用的文件（牵头单位优先），应达值按方案从基期到2025年的直线计算。',
      ['编号', '具体指标', '单位', '2023年完成值', '2023年应达值', '2023年状态'],
    ]);
    expect([en().trend.title, en().trend.subtitle, en().trend.headers]).toStrictEqual([
      'Indicators by period (2023)',
      "Each period's value is from the files used for it (lead bureau first); expected values follow the plan's straight line to 2025.",
      ['code', 'indicator', 'unit', '2023 value', '2023 expected', '2023 status'],
    ]);
  });

  it('未报送: a bureau’s indicators listed with the Chinese enumeration comma in both languages (they are codes)', () => {
    // 县委老干局 sent nothing: it leads YL-11, YL-12, YL-13, YL-16 and YL-17.
    const row = model.notReported.rows.find((r) => r[0] === '县委老干局')!;
    expect(row[1]).toMatch(/^YL-11、YL-12、YL-13、/);
    const shares = model.notReported.rows.find((r) => String(r[2]).includes('、'))!;
    expect(String(shares[2]).split('、').length).toBeGreaterThan(1);
    expect(en().notReported.rows.find((r) => r[0] === '县委老干局')![1]).toBe(row[1]);
  });

  it('总览: its title, status headers, groups with their totals, progress without the reforms, and the footnote', () => {
    const zh = model.overview;
    expect([zh.title, zh.attention.title, zh.attention.headers]).toStrictEqual([
      '2023年度完成情况总览',
      '需要关注的指标（滞后、存在风险、待核实、无效）',
      ['指标', '状态', '牵头单位', '原因'],
    ]);
    expect(zh.footnote).toBe(
      '完成进度：从基期值（或首次报送值）到2025年目标值已走过的比例。待核实：数字有未说明的疑点，核实前不计入达标或正常推进。',
    );
    const english = en().overview;
    expect([english.title, english.attention.title, english.attention.headers]).toStrictEqual([
      'Overview, 2023',
      'Indicators to act on (off track, at risk, to confirm, invalid)',
      ['indicator', 'status', 'lead bureau', 'why'],
    ]);
    expect(english.footnote).toBe(
      'Progress: the share of the way from the baseline (or first reported value) to the 2025 target. To confirm: a figure with an unexplained doubt, not counted as achieved or on track until confirmed.',
    );
    // Each group's total is the sum of its counts: 26 indicators and 4 reforms by area, each counted once.
    for (const group of [...zh.bySection, ...zh.byBureau])
      expect(group.total).toBe(group.counts.reduce((a, b) => a + b, 0));
    expect(zh.bySection.map((g) => g.total).reduce((a, b) => a + b, 0)).toBe(master.rows.length);
    // Progress is drawn for figures only: a reform has no share of the way.
    expect(zh.progress.map((p) => p.label.split(' ')[0])).toStrictEqual(
      master.rows.filter((r) => r.kind !== 'reform').map((r) => r.code),
    );
    expect(zh.progress.some((p) => p.label.startsWith('GG-'))).toBe(false);
    expect(zh.progress[0]!.label).toBe(`${master.rows[0]!.code} ${master.rows[0]!.name}`);
  });

  it('the words both writers share: the grid’s corner, the groups, the chart', () => {
    expect(model.words).toStrictEqual({
      completionCorner: '指标 \\ 填报单位',
      completionName: '具体指标',
      attention: '需要关注的指标（滞后、存在风险、待核实、无效）',
      attentionHeaders: ['指标', '状态', '牵头单位', '原因'],
      bySection: '按方面',
      byBureau: '按牵头单位',
      total: '合计',
      progressHeaders: ['指标', '完成进度', '状态'],
      chartTitle: '各指标完成进度',
    });
    expect(en().words).toStrictEqual({
      completionCorner: 'indicator \\ bureau',
      completionName: 'indicator',
      attention: 'Indicators to act on (off track, at risk, to confirm, invalid)',
      attentionHeaders: ['indicator', 'status', 'lead bureau', 'why'],
      bySection: 'by area',
      byBureau: 'by lead bureau',
      total: 'total',
      progressHeaders: ['indicator', 'progress', 'status'],
      chartTitle: 'Progress to target',
    });
    expect(model.completion.header.slice(0, 2)).toStrictEqual(['指标 \\ 填报单位', '具体指标']);
    expect(en().completion.header.slice(0, 2)).toStrictEqual(['indicator \\ bureau', 'indicator']);
  });
});
