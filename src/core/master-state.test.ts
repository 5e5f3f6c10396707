import { filledView, sheet } from '../../test/helpers/views';
import {
  checkSubmission,
  combine,
  defaultCatalog,
  masterModel,
  readMasterState,
  readStateRows,
  readSubmission,
  sha256Text,
  STATE_MARK,
  STATE_VERSION,
  stateRows,
  type Master,
  type MasterState,
  type SheetView,
  type WorkbookView,
} from '.';

const catalog = defaultCatalog();

function master(notes: Record<string, string> = {}): Master {
  const read = readSubmission(
    filledView(catalog, '县民政局', 2023, { 'YL-02': '约620张', 'YL-06': 0.55 }, { notes }),
    catalog,
  );
  if (!read.ok) throw new Error('unreadable');
  return combine(
    catalog,
    [
      {
        file: '民政局.xlsx',
        sha256: sha256Text('mz'),
        report: checkSubmission(catalog, read.submission),
        fileErrors: [],
      },
    ],
    { importedAt: '2023-12-20 10:00' },
  );
}

/** The state as a workbook would hold it: a sheet of text cells. */
function asWorkbook(rows: string[][], extra: SheetView[] = []): WorkbookView {
  return { sheets: [sheet('_state', rows), ...extra] };
}

describe('the master’s durable state (spec §7)', () => {
  it('round-trips through cells: every issue with its parameters, notes that look like formulas, long text split', () => {
    const long = `=SUM(A1)${'说明'.repeat(20000)}_x0041_\uFFFF😀`;
    const m = master({ 'YL-02': long });
    const rows = stateRows(m.state);
    // No cell past Excel's 32,767 characters; none that Excel would read as a formula or number.
    for (const row of rows.slice(1))
      for (const cell of row.slice(1)) expect(cell.length).toBeLessThanOrEqual(32767);
    for (const row of rows.slice(1)) for (const cell of row.slice(1)) expect(cell.startsWith('|')).toBe(true);
    expect(rows.flat().join('')).not.toContain('_x0041_');
    expect(rows.flat().join('')).not.toContain('\uFFFF');
    const read = readMasterState(asWorkbook(rows), catalog);
    if (read.kind !== 'master') throw new Error(read.kind);
    expect(read.state).toStrictEqual(m.state);
    const entry = read.state.files[0]!.entries.find((e) => e.code === 'YL-02')!;
    expect(entry.note).toBe(long);
    expect(entry.issues).toStrictEqual([
      expect.objectContaining({
        kind: 'approximate',
        params: { raw: '约620张', value: 620, bound: 'about' },
      }),
    ]);
  });

  it('a master from the state draws the same sheets as the run that wrote it', () => {
    const m = master();
    const read = readMasterState(asWorkbook(stateRows(m.state)), catalog);
    if (read.kind !== 'master') throw new Error(read.kind);
    const again = combine(catalog, [], { importedAt: '2024-01-01 10:00', existing: read.state });
    const a = masterModel(catalog, m, 'zh');
    const b = masterModel(catalog, again, 'zh');
    expect(b.summary).toStrictEqual(a.summary);
    expect(b.register).toStrictEqual(a.register);
    expect(b.overview).toStrictEqual(a.overview);
  });

  it('refuses a state that was edited, cut, or written by a newer version — never guesses', () => {
    const rows = stateRows(master().state);
    const edited = rows.map((r) => [...r]);
    edited[1]![1] = edited[1]![1]!.replace('"value":620', '"value":"620"');
    const cases: [string, string[][], RegExp][] = [
      ['edited', edited, /已损坏或被改动/],
      ['cut', rows.map((r) => r.map((c) => c.slice(0, 50))), /已损坏或被改动/],
      ['no current row', rows.slice(0, -1), /已损坏或被改动/],
      ['newer', [[rows[0]![0]!, '2', ...rows[0]!.slice(2)], ...rows.slice(1)], /更新版本/],
      ['marker lost', rows.map((r, i) => (i === 1 ? [r[0]!, r[1]!.slice(1)] : r)), /已损坏或被改动/],
    ];
    for (const [what, bad, message] of cases) {
      const read = readMasterState(asWorkbook(bad), catalog);
      expect([what, read.kind]).toStrictEqual([what, 'refused']);
      if (read.kind === 'refused') {
        expect(read.zh).toMatch(message);
        expect(read.en.length).toBeGreaterThan(20);
      }
    }
    expect(readStateRows([['something else']]).ok).toBe(false);
  });

  it('says which row of the state it cannot vouch for, and why', () => {
    const rows = stateRows(master().state);
    const [head, ...body] = rows;
    const currentRow = body.at(-1)!;
    const hex = 'a'.repeat(64);
    const damaged = (detail: string) => ({ ok: false, problem: 'damaged', detail });
    const read = (...bodyRows: string[][]) => readStateRows([head!, ...bodyRows]);
    expect(readStateRows([])).toStrictEqual(damaged('A1 is not the state mark'));
    expect(readStateRows([[STATE_MARK, 'v1', 'c', '2023']])).toStrictEqual(damaged('version "v1"'));
    expect(readStateRows([[STATE_MARK, String(STATE_VERSION + 1), 'c', '2023']])).toStrictEqual({
      ok: false,
      problem: 'newer',
      detail: `version ${STATE_VERSION + 1}`,
    });
    expect(readStateRows([[STATE_MARK, String(STATE_VERSION), 'c']])).toStrictEqual(damaged('period ""'));
    expect(read(['file', 'no mark'], currentRow)).toStrictEqual(
      damaged('row 2: a cell without the chunk mark'),
    );
    expect(read(['file', '|{"cut'], currentRow)).toStrictEqual(damaged('row 2: not JSON'));
    expect(read(['decision', `|{"bureau":"","period":2023,"keep":"${hex}"}`], currentRow)).toStrictEqual(
      damaged('row 2: decision'),
    );
    expect(read(['current', '|["not a hash"]'])).toStrictEqual(damaged('row 2: current'));
    expect(read(['note', '|{}'], currentRow)).toStrictEqual(damaged('row 2: unknown row kind "note"'));
    expect(read(body[0]!)).toStrictEqual(damaged('no current row'));
    // A file record names the field that failed (zod's words after it).
    const edited = [...body[0]!];
    edited[1] = edited[1]!.replace('"value":620', '"value":"620"');
    const wrongType = read(edited, currentRow);
    expect(wrongType.ok).toBe(false);
    if (!wrongType.ok) expect(wrongType.detail).toMatch(/^row 2: entries\.\d+\.value \S/);
    // Blank rows (a person's stray Enter) are skipped; a good decision and an empty set read back.
    expect(
      read(
        [],
        ['', ''],
        ['decision', `|{"bureau":"县民政局","period":2023,"keep":"${hex}"}`],
        ['current', '|[]'],
      ),
    ).toStrictEqual({
      ok: true,
      state: {
        catalogId: head![2],
        period: Number(head![3]),
        files: [],
        decisions: [{ bureau: '县民政局', period: 2023, keep: hex }],
        current: [],
      },
    });
  });

  it('reads a state written by hand in the stored format: the mark, the version, every role and figure state', () => {
    // The format is what earlier masters hold on disk, so it is pinned here as literal text, not
    // as whatever stateRows writes today.
    const hex = (c: string) => c.repeat(64);
    const entry = (code: string, role: string, state: string, value: number | null) =>
      `{"code":"${code}","role":"${role}","cell":null,"raw":"","value":${value},"state":"${state}","note":"","issues":[]}`;
    const record =
      `{"file":"a.xlsx","sha256":"${hex('b')}","importedAt":"2024-01-10 08:00","bureau":"县民政局",` +
      `"bureauText":"县民政局","period":2023,"filledBy":"","filledOn":"","phone":"","fileErrors":[],` +
      `"sheetIssues":[],"errors":0,"warnings":0,"entries":[${[
        entry('YL-01', 'lead', 'value', 5),
        entry('YL-02', 'co', 'empty', null),
        entry('YL-03', 'none', 'not-applicable', null),
        entry('YL-04', 'lead', 'invalid', null),
      ].join(',')}]}`;
    const stored = [
      ['yilao-master-state', '1', 'gengma-2023-37', '2023'],
      ['file', `|${record}`],
      ['decision', `|{"bureau":"县民政局","period":2023,"keep":"${hex('b')}"}`],
      ['current', `|["${hex('b')}"]`],
    ];
    const read = readStateRows(stored);
    if (!read.ok) throw new Error(read.detail);
    expect(read.state.catalogId).toBe('gengma-2023-37');
    expect(read.state.files[0]!.entries.map((e) => [e.role, e.state])).toStrictEqual([
      ['lead', 'value'],
      ['co', 'empty'],
      ['none', 'not-applicable'],
      ['lead', 'invalid'],
    ]);
    expect(read.state.decisions).toStrictEqual([{ bureau: '县民政局', period: 2023, keep: hex('b') }]);
    // Written back, it is the same text, cell for cell.
    expect(stateRows(read.state)).toStrictEqual(stored);
  });

  it('takes a file’s SHA-256 only as exactly 64 lowercase hex digits (or none, for a file never read)', () => {
    const rows = stateRows(master().state);
    const [head, fileRow, currentRow] = [rows[0]!, rows[1]!, rows.at(-1)!];
    const good = 'c'.repeat(64);
    const withSha = (sha: string) => [
      fileRow[0]!,
      fileRow[1]!.replace(/"sha256":"[0-9a-f]*"/, `"sha256":"${sha}"`),
    ];
    const decision = (keep: string) => ['decision', `|{"bureau":"县民政局","period":2023,"keep":"${keep}"}`];
    const current = (sha: string) => ['current', `|["${sha}"]`];
    for (const bad of [`x${good}`, `${good}x`, good.slice(1), `${good}c`, good.toUpperCase()]) {
      expect([bad, readStateRows([head, withSha(bad), currentRow]).ok]).toStrictEqual([bad, false]);
      expect([bad, readStateRows([head, decision(bad), currentRow]).ok]).toStrictEqual([bad, false]);
      expect([bad, readStateRows([head, current(bad)]).ok]).toStrictEqual([bad, false]);
    }
    expect(readStateRows([head, withSha(''), currentRow]).ok).toBe(true);
    expect(readStateRows([head, withSha(good), decision(good), current(good)]).ok).toBe(true);
  });

  it('never splits a character outside the BMP between two cells of the state, and fills each cell otherwise', () => {
    // Put a character's two halves exactly across the first cell's boundary (30,000 characters of
    // JSON): the lowest and highest high surrogates and an emoji; then ordinary characters there (a
    // full-width digit lies above the surrogates).
    const probe = master({ 'YL-02': '@@' });
    const at = JSON.stringify(probe.state.files[0]).indexOf('@@');
    for (const wide of ['😀', '\u{10000}', '\u{10FFFD}', '说', '８']) {
      const note = `${'说'.repeat(30000 - 1 - at)}${wide}after`;
      const m = master({ 'YL-02': note });
      const cells = stateRows(m.state)[1]!.slice(1);
      expect(cells.length).toBe(2);
      // Before the pair rather than after half of it; a full cell where no pair is in the way.
      const pair = wide.length === 2;
      expect([wide, cells[0]!.length]).toStrictEqual([wide, 1 + (pair ? 29999 : 30000)]);
      expect(cells[1]!.startsWith(pair ? `|${wide}after` : '|after')).toBe(true);
      const read = readStateRows(stateRows(m.state));
      if (!read.ok) throw new Error(read.detail);
      expect(read.state.files[0]!.entries.find((e) => e.code === 'YL-02')!.note).toBe(note);
    }
  });

  it('refuses a state row that is not what it claims: a kind with no text, text with no kind, a foreign first cell', () => {
    const rows = stateRows(master().state);
    const [head, currentRow] = [rows[0]!, rows.at(-1)!];
    const damaged = (detail: string) => ({ ok: false, problem: 'damaged', detail });
    expect(readStateRows([['something else', ...head.slice(1)], currentRow])).toStrictEqual(
      damaged('A1 is not the state mark'),
    );
    expect(readStateRows([[STATE_MARK]])).toStrictEqual(damaged('version ""'));
    expect(readStateRows([head, ['file'], currentRow])).toStrictEqual(damaged('row 2: not JSON'));
    expect(readStateRows([head, ['', '|{}'], currentRow])).toStrictEqual(
      damaged('row 2: unknown row kind ""'),
    );
    expect(readStateRows([head, ['current', '|[', 'no mark]']])).toStrictEqual(
      damaged('row 2: a cell without the chunk mark'),
    );
    // An empty cell after the chunks (a program that keeps the row's width) is no damage.
    expect(readStateRows([head, ['current', '|[]', '']]).ok).toBe(true);
  });

  it('reads a master of the earlier format: figures, statuses and notes carried, what it never stored said', () => {
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
      [
        2023,
        'YL-02',
        620,
        '620',
        '滞后',
        '县民政局',
        'a.xlsx',
        sha256Text('a'),
        '2023-12-18',
        '2024-01-10T08:00:00.000Z',
        '是',
        'b.xlsx',
        '',
      ],
      [
        2023,
        'YL-02',
        660,
        '660',
        '滞后',
        '县民政局',
        'b.xlsx',
        sha256Text('b'),
        // A date cell, as a program that re-saved the master may leave it: read as its day.
        { type: 'date', value: '2023-12-22T00:00:00.000Z', numFmt: 'yyyy-mm-dd' },
        '2024-01-10T08:00:00.000Z',
        '否',
        '',
        '已核实',
      ],
      [
        2023,
        'YL-01',
        93,
        '93',
        'on track',
        '县人力资源和社会保障局',
        'c.xlsx',
        sha256Text('c'),
        '',
        '2024-01-10T08:00:00.000Z',
        '否',
        '',
        '',
      ],
    ]);
    const register = sheet('报送登记', [
      [
        '文件名',
        '填报单位',
        '报告期',
        '填报人',
        '填报日期',
        '联系电话',
        'SHA-256',
        '错误数',
        '提醒数',
        '处理结果',
        '原因',
        '被替代（更正文件）',
        '原因代码',
        '原因参数',
      ],
      // Its kind stored, its parameters lost; and a row from before kinds were stored at all.
      [
        'x.xlsx',
        '',
        2023,
        '',
        '',
        '',
        sha256Text('x'),
        0,
        0,
        '退回',
        '报告期为  年',
        '',
        'period-mismatch',
        '',
      ],
      ['y.xlsx', '', 2023, '', '', '', sha256Text('y'), 0, 0, '退回', '空表', '', '', ''],
      [
        'b.xlsx',
        '县民政局',
        2023,
        '李明',
        '2023-12-22',
        '0883',
        sha256Text('b'),
        1,
        2,
        '采用',
        '',
        '',
        '',
        '',
      ],
    ]);
    const read = readMasterState({ sheets: [history, register] }, catalog);
    if (read.kind !== 'legacy') throw new Error(read.kind);
    expect(read.notes.zh).toContain('问题明细');
    const state: MasterState = read.state;
    expect(state.period).toBe(2023);
    expect(state.current.sort()).toStrictEqual([sha256Text('b'), sha256Text('c')].sort());
    expect(state.files.find((f) => f.file === 'b.xlsx')).toMatchObject({
      filledOn: '2023-12-22',
      filledBy: '李明',
      errors: 1,
      warnings: 2,
      legacy: true,
    });
    // A reason stored without its parameters keeps its words; never re-rendered with blanks.
    expect(state.files.find((f) => f.file === 'x.xlsx')?.fileErrors).toStrictEqual([
      { kind: 'recorded', params: { text: '报告期为  年' } },
    ]);
    expect(state.files.find((f) => f.file === 'y.xlsx')?.fileErrors).toStrictEqual([
      { kind: 'recorded', params: { text: '空表' } },
    ]);
    const m = combine(catalog, [], { importedAt: '2024-02-01 10:00', existing: state });
    expect(m.rows.find((r) => r.code === 'YL-02')).toMatchObject({
      value: 660,
      file: 'b.xlsx',
      note: '已核实',
      legacy: true,
    });
    const remark = masterModel(catalog, m).summary.rows.find((r) => r[0] === 'YL-02')![13];
    expect(String(remark)).toContain('未保存问题明细');
  });

  it('an earlier-format master whose numbers another program saved as text reads the same figures', () => {
    const history = sheet('历史', [
      ['报告期', '编号', '完成值', '填写内容', '状态', '填报单位', '文件名', '文件SHA-256'],
      [' 2023', 'YL-02', '620', '620', '滞后', '县民政局', 'a.xlsx', sha256Text('a')],
      ['2023', 'YL-03', ' ', '', '未填报', '县民政局', 'a.xlsx', sha256Text('a')],
      ['2023', 'YL-06', '约60', '约60', '无效', '县民政局', 'a.xlsx', sha256Text('a')],
    ]);
    const read = readMasterState({ sheets: [history] }, catalog);
    if (read.kind !== 'legacy') throw new Error(read.kind);
    expect(read.state.period).toBe(2023);
    expect(read.state.files[0]?.entries.map((e) => [e.code, e.value, e.state])).toStrictEqual([
      ['YL-02', 620, 'value'],
      ['YL-03', null, 'empty'],
      ['YL-06', null, 'invalid'],
    ]);
  });

  it('an earlier-format 报送登记: reasons stored with their facts come back whole; a copy under another name keeps its own row', () => {
    const history = sheet('历史', [
      ['报告期', '编号', '完成值', '填写内容', '状态', '填报单位', '文件名', '文件SHA-256', '已被替代'],
      [2023, 'YL-02', 620, '620', '滞后', '县民政局', 'a.xlsx', sha256Text('a'), '否'],
    ]);
    const register = sheet('报送登记', [
      [
        '文件名',
        '填报单位',
        '报告期',
        '填报人',
        'SHA-256',
        '错误数',
        '提醒数',
        '处理结果',
        '原因',
        '原因代码',
        '原因参数',
      ],
      ['a.xlsx', '县民政局', 2023, '王五', sha256Text('a'), '2', '', '采用', '', '', ''],
      // The same bytes sent again under another name: its own row, the figures of the first.
      [
        'a-副本.xlsx',
        '县民政局',
        2023,
        '',
        sha256Text('a'),
        0,
        0,
        '退回',
        '与 a.xlsx 相同',
        'duplicate-file',
        '{"other":"a.xlsx"}',
      ],
      // Neither a file name nor a hash that can be one: not a row of the register.
      ['', '', '', '', sha256Text('b'), 0, 0, '退回', '', '', ''],
      ['c.xlsx', '', '', '', 'not-a-hash', 0, 0, '退回', '', '', ''],
      ['e.xlsx', '', '', '', `x${sha256Text('e')}`, 0, 0, '退回', '', '', ''],
      ['f.xlsx', '', '', '', `${sha256Text('f')}0`, 0, 0, '退回', '', '', ''],
      [
        'd.xlsx',
        '',
        2022,
        '',
        sha256Text('d'),
        '',
        '',
        '退回',
        '报告期不同',
        'period-mismatch',
        '{"period":2022,"expected":2023}',
      ],
    ]);
    const read = readMasterState({ sheets: [history, register] }, catalog);
    if (read.kind !== 'legacy') throw new Error(read.kind);
    const files = read.state.files;
    expect(files.map((f) => f.file)).toStrictEqual(['a.xlsx', 'a-副本.xlsx', 'd.xlsx']);
    // Counts typed as text are read as numbers; a blank count is none.
    expect(files[0]).toMatchObject({ filledBy: '王五', errors: 2, warnings: 0, fileErrors: [] });
    expect(files[1]).toMatchObject({
      sha256: sha256Text('a'),
      fileErrors: [{ kind: 'duplicate-file', params: { other: 'a.xlsx' } }],
      entries: files[0]!.entries,
    });
    expect(files[2]).toMatchObject({
      period: 2022,
      errors: 0,
      warnings: 0,
      entries: [],
      fileErrors: [{ kind: 'period-mismatch', params: { period: 2022, expected: 2023 } }],
    });
    expect(read.state.current).toStrictEqual([sha256Text('a')]);
  });

  it('an earlier-format 历史 row by row: statuses as words or codes, blank rows skipped, each entry’s role and state', () => {
    const history = sheet('历史', [
      ['报告期', '编号', '完成值', '填写内容', '状态', null, '填报单位', '文件名', '文件SHA-256'],
      [2023, 'YL-02', 620, '620', 'off-track', 'x', '县民政局', 'a.xlsx', sha256Text('a')],
      [],
      [2023, 'YL-08', null, '不适用', 'no data', 'x', '县民政局', 'a.xlsx', sha256Text('a')],
      [2023, 'YL-99', 5, '5', '滞后', 'x', '', 'b.xlsx', sha256Text('b')],
    ]);
    const read = readMasterState({ sheets: [history] }, catalog);
    if (read.kind !== 'legacy') throw new Error(read.kind);
    const [a, b] = read.state.files;
    expect([a?.bureau, b?.bureau]).toStrictEqual(['县民政局', null]);
    expect(a?.entries.map((e) => [e.code, e.role, e.state, e.value])).toStrictEqual([
      ['YL-02', 'lead', 'value', 620],
      // 民政局 shares YL-08 (县自然资源局 leads it); typed words without a figure are not applicable.
      ['YL-08', 'co', 'not-applicable', null],
    ]);
    // A code the catalog does not know, from a file without a bureau: taken as the lead's.
    expect(b?.entries.map((e) => [e.code, e.role])).toStrictEqual([['YL-99', 'lead']]);
  });

  it('a 历史 without its period, code or hash column is not a master at all', () => {
    for (const missing of ['报告期', '编号', '文件SHA-256']) {
      const headers = ['报告期', '编号', '完成值', '状态', '文件SHA-256'].filter((h) => h !== missing);
      expect(readMasterState({ sheets: [sheet('历史', [headers])] }, catalog).kind).toBe('not-master');
    }
  });

  it('refuses an earlier-format master whose status it cannot read exactly', () => {
    const history = sheet('历史', [
      ['报告期', '编号', '完成值', '填写内容', '状态', '填报单位', '文件名', '文件SHA-256'],
      [2023, 'YL-02', 620, '620', '好像还行', '县民政局', 'a.xlsx', sha256Text('a')],
    ]);
    const read = readMasterState({ sheets: [history] }, catalog);
    expect(read.kind).toBe('refused');
    if (read.kind === 'refused') expect(read.zh).toContain('第 2 行');
    expect(readMasterState({ sheets: [sheet('Sheet1', [['x']])] }, catalog).kind).toBe('not-master');
  });

  it('an earlier-format master’s file, whole: every fact its 历史 and 报送登记 kept, and nothing invented', () => {
    // Headers as another program may leave them (spaces around), 历史 not the first sheet.
    const history = sheet('历史', [
      [
        ' 报告期 ',
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
        '说明',
      ],
      [
        2023,
        'YL-02',
        620,
        '620',
        '滞后',
        '县民政局',
        'a.xlsx',
        sha256Text('a'),
        '2023-12-18',
        '2024-01-10 08:00',
        '否',
        '新建',
      ],
    ]);
    const register = sheet('报送登记', [
      [
        '文件名',
        '填报单位',
        '报告期',
        '填报人',
        '填报日期',
        '联系电话',
        'SHA-256',
        '错误数',
        '提醒数',
        '处理结果',
        '原因',
      ],
      ['a.xlsx', '县民政局', 2023, '李明', '2023-12-18', '0883-1234567', sha256Text('a'), 0, 1, '采用', ''],
      // Not in 历史: superseded with no reason, and refused with its words.
      ['c.xlsx', '', 2023, '', '2023-12-01', '', sha256Text('c'), 0, 0, '已被替代', '更正'],
      ['d.xlsx', '县卫生健康局', 2023, '王芳', '', '', sha256Text('d'), 1, 0, '退回', '空表'],
    ]);
    const read = readMasterState({ sheets: [sheet('县汇总', [['x']]), history, register] }, catalog);
    if (read.kind !== 'legacy') throw new Error(read.kind);
    expect(read.state.files).toStrictEqual([
      {
        file: 'a.xlsx',
        sha256: sha256Text('a'),
        importedAt: '2024-01-10 08:00',
        bureau: '县民政局',
        bureauText: '县民政局',
        period: 2023,
        filledBy: '李明',
        filledOn: '2023-12-18',
        phone: '0883-1234567',
        fileErrors: [],
        sheetIssues: [],
        errors: 0,
        warnings: 1,
        entries: [
          {
            code: 'YL-02',
            role: 'lead',
            cell: null,
            raw: '620',
            value: 620,
            state: 'value',
            note: '新建',
            issues: [],
          },
        ],
        legacy: true,
      },
      {
        file: 'c.xlsx',
        sha256: sha256Text('c'),
        importedAt: '',
        bureau: null,
        bureauText: '',
        period: 2023,
        filledOn: '2023-12-01',
        filledBy: '',
        phone: '',
        errors: 0,
        warnings: 0,
        fileErrors: [],
        sheetIssues: [],
        entries: [],
        legacy: true,
      },
      {
        file: 'd.xlsx',
        sha256: sha256Text('d'),
        importedAt: '',
        bureau: '县卫生健康局',
        bureauText: '县卫生健康局',
        period: 2023,
        filledOn: '',
        filledBy: '王芳',
        phone: '',
        errors: 1,
        warnings: 0,
        fileErrors: [{ kind: 'recorded', params: { text: '空表' } }],
        sheetIssues: [],
        entries: [],
        legacy: true,
      },
    ]);
    expect(read.state.current).toStrictEqual([sha256Text('a')]);
    expect(read.notes.en).toBe(
      "This master was written by an earlier yilao: combined into, with the figures, statuses and notes of its 3 files carried over; it never stored each figure's issues, which 备注 says. Combine the original files again where that matters.",
    );
  });

  it.each([
    ['a period but no code', [2023, '', 620, '620', '滞后', '县民政局', 'a.xlsx', sha256Text('a')]],
    ['a code but no period', ['', 'YL-02', 620, '620', '滞后', '县民政局', 'a.xlsx', sha256Text('a')]],
    [
      'a hash one digit long',
      [2023, 'YL-02', 620, '620', '滞后', '县民政局', 'a.xlsx', `${sha256Text('a')}0`],
    ],
    [
      'a hash one digit short',
      [2023, 'YL-02', 620, '620', '滞后', '县民政局', 'a.xlsx', sha256Text('a').slice(1)],
    ],
  ])('refuses an earlier-format 历史 row with %s, naming the row in both languages', (_what, row) => {
    const history = sheet('历史', [
      ['报告期', '编号', '完成值', '填写内容', '状态', '填报单位', '文件名', '文件SHA-256'],
      [2023, 'YL-03', 40, '40', '滞后', '县民政局', 'a.xlsx', sha256Text('a')],
      row,
    ]);
    const read = readMasterState({ sheets: [history] }, catalog);
    expect(read).toStrictEqual({
      kind: 'refused',
      zh: '旧版汇总表的“历史”第 3 行无法准确读取（报告期、编号、文件SHA-256 或状态“滞后”不对），为免误读，未接着汇总。请用备份的汇总表，或把所有原文件重新汇总到一个新文件。',
      en: 'Row 3 of 历史 in this earlier-format master cannot be read exactly (period, code, SHA-256 or status "滞后"). Not combined into, to avoid misreading it. Use a backup, or combine all original files into a new master.',
    });
  });
});
