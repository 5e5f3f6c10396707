import { checkedInput, checkedView, filledView, type CellInput } from '../../test/helpers/views';
import {
  allFigureIndicators,
  checkSubmission,
  combine,
  defaultCatalog,
  jsonReport,
  masterModel,
  readSubmission,
  registerText,
  sha256Text,
  statePoints,
  type CombineInput,
} from '.';

const catalog = defaultCatalog();
const NOW = '2024-01-10T08:00:00.000Z';

function input(
  file: string,
  bureau: string,
  figures: Record<string, CellInput>,
  opts: { filledOn?: string; period?: number; hash?: string } = {},
): CombineInput {
  const made = checkedInput(catalog, file, bureau, figures, {
    period: opts.period ?? 2023,
    filledOn: opts.filledOn ?? '2023-12-20',
  });
  return opts.hash ? { ...made, sha256: sha256Text(opts.hash) } : made;
}
const row = (master: ReturnType<typeof combine>, code: string) => master.rows.find((r) => r.code === code)!;

describe('combine (spec §7)', () => {
  // Built in beforeEach, inside each test as jest runs it, not while jest collects the tests:
  // code run outside a test is what Stryker calls static and reruns the whole suite for.
  let mz: CombineInput;
  let wj: CombineInput;
  let rs: CombineInput;
  let broken: CombineInput;
  let master: ReturnType<typeof combine>;
  beforeEach(() => {
    mz = input('民政局.xlsx', '县民政局', { 'YL-02': 620, 'YL-03': 45, 'YL-04': 1, 'YL-14': 80 });
    wj = input('卫健局.xlsx', '县卫生健康局', { 'YL-04': 2, 'TY-03': 655, 'TY-04': 2.3, 'TY-06': 20 });
    rs = input('人社局.xlsx', '县人力资源和社会保障局', { 'YL-01': 93, 'YL-14': 80, 'TY-06': 25 });
    broken = {
      file: '坏文件.xlsx',
      sha256: sha256Text('broken'),
      report: null,
      fileErrors: [{ kind: 'damaged', params: {} }],
    };
    master = combine(catalog, [mz, wj, rs, broken], { importedAt: NOW });
  });

  it('takes each value from the lead bureau', () => {
    expect(master.period).toBe(2023);
    expect(row(master, 'YL-02')).toMatchObject({
      value: 620,
      status: 'off-track',
      expected: 740,
      bureau: '县民政局',
      file: '民政局.xlsx',
      fromCoResponsible: false,
    });
    expect(row(master, 'YL-01')).toMatchObject({ value: 93, bureau: '县人力资源和社会保障局' });
  });

  it('lists a conflict with every bureau’s value, showing the lead’s', () => {
    expect(row(master, 'YL-04')).toMatchObject({ value: 1, bureau: '县民政局' });
    expect(row(master, 'YL-04').conflicts).toStrictEqual([
      { bureau: '县民政局', value: 1, file: '民政局.xlsx' },
      { bureau: '县卫生健康局', value: 2, file: '卫健局.xlsx' },
    ]);
    expect(row(master, 'YL-14').conflicts).toStrictEqual([]);
  });

  it('falls back to a co-responsible bureau where the lead sent no figure, marked as such', () => {
    // TY-06 is led by 卫健局 (20) — and 人社局 says 25: a conflict, lead wins.
    expect(row(master, 'TY-06')).toMatchObject({ value: 20, fromCoResponsible: false });
    const withoutLead = combine(catalog, [rs], { importedAt: NOW });
    expect(row(withoutLead, 'TY-06')).toMatchObject({
      value: 25,
      bureau: '县人力资源和社会保障局',
      fromCoResponsible: true,
    });
    expect(row(withoutLead, 'TY-03')).toMatchObject({ value: null, status: 'no-data', bureau: '' });
  });

  it('registers every file, sorted by bureau, the broken one rejected with its reason', () => {
    expect(master.register.map((r) => [r.file, r.outcome, r.reason?.kind ?? null])).toStrictEqual([
      ['民政局.xlsx', 'used', null],
      ['人社局.xlsx', 'used', null],
      ['卫健局.xlsx', 'used', null],
      ['坏文件.xlsx', 'rejected', 'damaged'],
    ]);
  });

  it('§7: only a strictly later 填报日期 supersedes, whatever the order the files were given in', () => {
    const first = input('民政局-初报.xlsx', '县民政局', { 'YL-02': 620 }, { filledOn: '2023-12-01' });
    const second = input('民政局-更正.xlsx', '县民政局', { 'YL-02': 660 }, { filledOn: '2023-12-15' });
    for (const inputs of [
      [first, second],
      [second, first],
    ]) {
      const m = combine(catalog, inputs, { importedAt: NOW });
      expect(row(m, 'YL-02')).toMatchObject({ value: 660, file: '民政局-更正.xlsx', conflicts: [] });
      expect(m.register.find((r) => r.file === '民政局-初报.xlsx')).toMatchObject({
        outcome: 'superseded',
        supersededBy: '民政局-更正.xlsx',
        byDecision: false,
      });
      const old = m.history.filter((h) => h.file === '民政局-初报.xlsx');
      expect(old.length).toBe(1);
      expect(old.every((h) => h.superseded && h.supersededBy === '民政局-更正.xlsx')).toBe(true);
      expect(m.pending).toStrictEqual([]);
    }
  });

  it('§7: the same 填报日期 is a duplicate that needs a decision; the name never decides', () => {
    // 原稿 sorts after 更正 by name; the file with fewer errors is used until someone decides.
    const corrected = input(
      '人社局-2024-更正.xlsx',
      '县人力资源和社会保障局',
      { 'YL-01': 93 },
      { filledOn: '2023-12-20' },
    );
    const draft = input(
      '人社局-2024-原稿.xlsx',
      '县人力资源和社会保障局',
      { 'YL-01': 90, 'TY-06': '九十' },
      { filledOn: '2023-12-20' },
    );
    for (const inputs of [
      [corrected, draft],
      [draft, corrected],
    ]) {
      const m = combine(catalog, inputs, { importedAt: NOW });
      expect(row(m, 'YL-01')).toMatchObject({ value: 93, file: '人社局-2024-更正.xlsx' });
      expect(m.pending).toHaveLength(1);
      expect(m.pending[0]).toMatchObject({
        bureau: '县人力资源和社会保障局',
        kept: '人社局-2024-更正.xlsx',
        rule: 'fewer-errors',
      });
      expect(m.register.map((r) => [r.file, r.outcome, r.pending?.keptHere])).toStrictEqual([
        ['人社局-2024-更正.xlsx', 'to-confirm', true],
        ['人社局-2024-原稿.xlsx', 'to-confirm', false],
      ]);
      // Both files are in 历史; the one not used is marked, with the file used for now.
      expect(m.history.find((h) => h.file === '人社局-2024-原稿.xlsx' && h.code === 'YL-01')).toMatchObject({
        superseded: true,
        supersededBy: '人社局-2024-更正.xlsx',
      });
    }
    // The office decides for the draft: it is used, the other is set aside by decision.
    const decided = combine(catalog, [corrected, draft], { importedAt: NOW, keep: [draft.sha256] });
    expect(row(decided, 'YL-01')).toMatchObject({ file: '人社局-2024-原稿.xlsx', value: 90 });
    expect(decided.pending).toStrictEqual([]);
    expect(decided.register.map((r) => [r.file, r.outcome, r.decided, r.byDecision])).toStrictEqual([
      ['人社局-2024-原稿.xlsx', 'used', true, false],
      ['人社局-2024-更正.xlsx', 'superseded', false, true],
    ]);
    // The decision is kept in the state: combining into that master again keeps it.
    const again = combine(catalog, [], { importedAt: NOW, existing: decided.state });
    expect(row(again, 'YL-01').file).toBe('人社局-2024-原稿.xlsx');
  });

  it('§7: a tie of five names three others on each row and counts them all', () => {
    const files = [1, 2, 3, 4, 5].map((n) =>
      input(`人社局-${n}.xlsx`, '县人力资源和社会保障局', { 'YL-01': 90 + n }, { filledOn: '2023-12-20' }),
    );
    const m = combine(catalog, files, { importedAt: NOW });
    const first = m.register.find((r) => r.file === '人社局-3.xlsx')!;
    const names = files.map((f) => f.file).filter((f) => f !== '人社局-3.xlsx');
    expect(first.pending?.otherCount).toBe(4);
    expect(first.pending?.others).toHaveLength(3);
    expect(names).toStrictEqual(expect.arrayContaining(first.pending?.others ?? []));
    expect(m.register.filter((r) => r.outcome === 'to-confirm')).toHaveLength(5);
    const quoted = (first.pending?.others ?? []).map((f) => `“${f}”`).join('、');
    expect(registerText(first, 'zh')).toContain(`与${quoted}等 4 个文件是同一单位`);
    expect(registerText(first, 'en')).toContain('and 1 more');
  });

  it('§7: without dates, fewer errors, then more usable figures decide (never the order given)', () => {
    // An empty row the bureau leads is an error (missing): b left one fewer empty.
    const a = input('a.xlsx', '县民政局', { 'YL-02': 620 }, { filledOn: '' });
    const b = input('b.xlsx', '县民政局', { 'YL-02': 640, 'YL-03': 40 }, { filledOn: '' });
    // 民政局 shares YL-08: a figure there is usable and no row it leads is left empty.
    const c = input('c.xlsx', '县民政局', { 'YL-02': 660, 'YL-08': 90 }, { filledOn: '' });
    for (const inputs of [
      [a, b],
      [b, a],
    ]) {
      const m = combine(catalog, inputs, { importedAt: NOW });
      expect(row(m, 'YL-02').value).toBe(640);
      expect(m.pending[0]?.rule).toBe('fewer-errors');
    }
    for (const inputs of [
      [a, c],
      [c, a],
    ]) {
      const m = combine(catalog, inputs, { importedAt: NOW });
      expect(row(m, 'YL-02').value).toBe(660);
      expect(m.pending[0]?.rule).toBe('more-figures');
    }
  });

  it('§7: a blank template is 空表 and supersedes nothing', () => {
    const filled = input('老干局-2024.xlsx', '县委老干局', { 'YL-11': 100 }, { filledOn: '2023-12-01' });
    const blank = input('老干局-空表.xlsx', '县委老干局', {}, { filledOn: '' });
    const m = combine(catalog, [filled, blank], { importedAt: NOW });
    expect(row(m, 'YL-11')).toMatchObject({ value: 100, file: '老干局-2024.xlsx' });
    expect(m.register.find((r) => r.file === '老干局-空表.xlsx')).toMatchObject({
      outcome: 'rejected',
      reason: { kind: 'blank' },
    });
    expect(m.pending).toStrictEqual([]);
  });

  it('§7: a file filled on another bureau’s template is 用错模板, with both names', () => {
    const read = readSubmission(
      filledView(catalog, '县民政局', 2023, { 'YL-02': 700 }, { bureauText: '县卫生健康局' }),
      catalog,
    );
    if (!read.ok) throw new Error('unreadable');
    const wrong: CombineInput = {
      file: '卫健局.xlsx',
      sha256: sha256Text('wrong'),
      report: checkSubmission(catalog, read.submission),
      fileErrors: [],
    };
    expect(wrong.report?.fileErrors).toStrictEqual([
      { kind: 'wrong-template', params: { visible: '县卫生健康局', meta: '县民政局' } },
    ]);
    const m = combine(catalog, [wj, wrong], { importedAt: NOW });
    expect(row(m, 'TY-03')).toMatchObject({ value: 655, bureau: '县卫生健康局' });
    expect(m.register.find((r) => r.sha256 === wrong.sha256)?.outcome).toBe('rejected');
  });

  it('is deterministic, and combining into the master keeps every fact', () => {
    const again = combine(catalog, [broken, rs, wj, mz], { importedAt: NOW });
    expect(again).toStrictEqual(master);
    const into = combine(catalog, [mz, wj, rs, broken], {
      importedAt: '2024-02-01 08:00',
      existing: master.state,
    });
    // Re-combining the same files changes nothing, not even the import times (first received).
    expect(into).toStrictEqual(master);

    const resubmit = input(
      '民政局-更正.xlsx',
      '县民政局',
      { 'YL-02': 700, 'YL-03': 46 },
      { filledOn: '2024-01-20' },
    );
    const later = combine(catalog, [resubmit], { importedAt: '2024-02-01 08:00', existing: master.state });
    // Other bureaus' figures and issues carry over from the state; the resubmission wins for 民政局.
    expect(row(later, 'YL-02')).toMatchObject({ value: 700, file: '民政局-更正.xlsx' });
    expect(row(later, 'YL-01')).toMatchObject({ value: 93, bureau: '县人力资源和社会保障局' });
    expect(row(later, 'TY-03')).toStrictEqual(row(master, 'TY-03'));
    expect(later.history.slice(0, master.history.length).map((h) => [h.code, h.value, h.file])).toStrictEqual(
      master.history.map((h) => [h.code, h.value, h.file]),
    );
    expect(later.history.filter((h) => h.file === '民政局.xlsx').every((h) => h.superseded)).toBe(true);
    expect(later.register.find((r) => r.file === '民政局.xlsx')).toMatchObject({
      outcome: 'superseded',
      supersededBy: '民政局-更正.xlsx',
    });
    expect(later.register.find((r) => r.file === '坏文件.xlsx')).toMatchObject({
      outcome: 'rejected',
      reason: { kind: 'damaged' },
    });
    const batch = combine(catalog, [mz, wj, rs, broken, resubmit], { importedAt: NOW });
    expect(later.rows).toStrictEqual(batch.rows);
    const withoutTime = (rows: typeof batch.register) => rows.map((r) => ({ ...r, importedAt: '' }));
    expect(withoutTime(later.register)).toStrictEqual(withoutTime(batch.register));
  });

  it('counts the same file given twice once, whichever name comes first', () => {
    const copy = { ...mz, file: '民政局(1).xlsx' };
    for (const inputs of [
      [mz, copy],
      [copy, mz],
    ]) {
      const twice = combine(catalog, inputs, { importedAt: NOW });
      expect(twice.register.map((r) => [r.file, r.outcome, r.reason?.kind ?? null])).toStrictEqual([
        ['民政局(1).xlsx', 'used', null],
        ['民政局.xlsx', 'rejected', 'duplicate-file'],
      ]);
    }
  });

  it('rejects a file of another period', () => {
    const old = input('民政局-2022.xlsx', '县民政局', { 'YL-02': 600 }, { period: 2022 });
    const m = combine(catalog, [mz, wj, old], { importedAt: NOW });
    expect(m.register.find((r) => r.file === '民政局-2022.xlsx')).toMatchObject({
      outcome: 'rejected',
      reason: { kind: 'period-mismatch', params: { period: 2022, expected: 2023 } },
    });
  });

  it('§7: 历史 keeps what was typed — a row per typed figure, none for rows left empty', () => {
    const typed = [mz, wj, rs].flatMap((i) => i.report!.entries.filter((e) => e.raw !== ''));
    expect(master.history).toHaveLength(typed.length);
    expect(master.history.some((h) => h.raw === '' && h.value === null)).toBe(false);
    expect(master.history.filter((h) => h.file === '民政局.xlsx').map((h) => h.code)).toStrictEqual([
      'YL-02',
      'YL-03',
      'YL-04',
      'YL-14',
    ]);
  });

  it('§7: 历史 keeps a project’s 完成情况 chosen with its figure left empty, and says it in 说明 as 县汇总 does', () => {
    const progressOnly = checkedInput(
      catalog,
      '民政局-项目.xlsx',
      '县民政局',
      {
        'XM-01-床位:progress': '推进中',
        'XM-01-投资': '0.9亿元',
        'XM-01-投资:progress': '已完成',
        'XM-01-进度': '',
      },
      { period: 2024 },
    );
    const m = combine(catalog, [progressOnly], { importedAt: NOW });
    expect(m.history.map((h) => [h.code, h.raw, h.status, h.progressText ?? null])).toStrictEqual([
      ['XM-01-床位', '', 'no-data', '推进中'],
      ['XM-01-投资', '0.9亿元', 'on-track', '已完成'],
    ]);
    const noteOf = (master: ReturnType<typeof combine>, lang: 'zh' | 'en', code: string) =>
      masterModel(catalog, master, lang).history[0]!.rows.find((r) => r[1] === code)![12];
    expect(noteOf(m, 'zh', 'XM-01-床位')).toBe('完成情况：推进中');
    expect(noteOf(m, 'en', 'XM-01-床位')).toBe('progress: 推进中');
    // The bureau's own note follows it; a row without a 完成情况 keeps its note alone.
    const noted = { ...m, history: m.history.map((h) => ({ ...h, note: '主体已封顶' })) };
    expect(noteOf(noted, 'zh', 'XM-01-床位')).toBe('完成情况：推进中；主体已封顶');
    expect(noteOf(noted, 'en', 'XM-01-床位')).toBe('progress: 推进中; 主体已封顶');
    const plain = { ...noted, history: noted.history.map((h) => ({ ...h, progressText: undefined })) };
    expect(noteOf(plain, 'zh', 'XM-01-投资')).toBe('主体已封顶');
  });

  it('§6: the rate-per-thousand conflict is listed once, whether one bureau or two sent the figures', () => {
    const both = input('卫健局-两项.xlsx', '县卫生健康局', { 'TY-03': 655, 'TY-04': 5 });
    const alone = combine(catalog, [both], { importedAt: NOW });
    expect(row(alone, 'TY-04').issues.filter((i) => i.kind === 'inconsistent')).toHaveLength(1);
    const edu = input('教体局.xlsx', '县教育体育局', { 'TY-04': 5 });
    const health = input('卫健局2.xlsx', '县卫生健康局', { 'TY-03': 655 });
    const split = combine(catalog, [edu, health], { importedAt: NOW });
    expect(row(split, 'TY-04').issues.filter((i) => i.kind === 'inconsistent')).toHaveLength(1);
    expect(row(split, 'TY-04').issueCount).toBe(row(split, 'TY-04').issues.length);
    // Also where the figure has an issue of its own already.
    const about = combine(catalog, [input('教体局.xlsx', '县教育体育局', { 'TY-04': '约5' }), health], {
      importedAt: NOW,
    });
    expect(
      row(about, 'TY-04')
        .issues.map((i) => i.kind)
        .sort(),
    ).toStrictEqual(['approximate', 'inconsistent']);
  });

  it('§7 Periods: 2024 files combined into the 2023 master — 县汇总 shows 2024 with last period and change; 趋势 keeps 2023', () => {
    const mz24 = input(
      '民政局-2024.xlsx',
      '县民政局',
      { 'YL-02': 700, 'YL-03': 30 },
      { period: 2024, filledOn: '2024-12-20' },
    );
    const later = combine(catalog, [mz24], { importedAt: '2025-01-05 09:00', existing: master.state });
    expect(later.period).toBe(2024);
    expect(row(later, 'YL-02')).toMatchObject({ value: 700, previous: { period: 2023, value: 620 } });
    // The 2023 files stay in use for 2023: nothing of 2023 was superseded by a 2024 file.
    expect(later.register.find((r) => r.file === '民政局.xlsx')?.outcome).toBe('used');
    const trend = later.trend.find((t) => t.code === 'YL-02')!;
    expect(trend.cells.map((c) => [c.period, c.value, c.status])).toStrictEqual([
      [2023, 620, 'off-track'],
      [2024, 700, 'off-track'],
    ]);
    // The change rule of §6 sees 2023: YL-03 fell from 45 to 30, against its direction by more than 30 % of the span.
    expect(row(later, 'YL-03').issues.map((i) => i.kind)).toContain('suspicious-change');
    // A row with no earlier value has no previous.
    expect(row(later, 'YL-05').previous).toBeUndefined();
    // Given in one 2024 run, the 2023 files are of another period: rejected, with both years (§7).
    const mixed = combine(catalog, [mz, mz24], { importedAt: NOW, period: 2024 });
    expect(mixed.register.find((r) => r.file === '民政局.xlsx')?.reason).toMatchObject({
      kind: 'period-mismatch',
      params: { period: 2023, expected: 2024 },
    });
  });

  it('cross-checks the master values across bureaus', () => {
    const edu = input('教体局.xlsx', '县教育体育局', { 'TY-04': 5 });
    const health = input('卫健局2.xlsx', '县卫生健康局', { 'TY-03': 655 });
    const m = combine(catalog, [edu, health], { importedAt: NOW });
    expect(row(m, 'TY-04')).toMatchObject({ value: 5, fromCoResponsible: true });
    expect(row(m, 'TY-04').issues.map((i) => i.kind)).toContain('inconsistent');
  });

  it('tabulates completion and the overview', () => {
    expect(master.completion.find((c) => c.bureau === '县民政局' && c.code === 'YL-02')?.state).toBe(
      'filled',
    );
    expect(master.completion.find((c) => c.bureau === '县民政局' && c.code === 'YL-05')?.state).toBe(
      'missing',
    );
    expect(master.completion.find((c) => c.bureau === '县委老干局')?.state).toBe('no-file');
    const elderly = master.overview.bySection.find((s) => s.key === 'elderly')!;
    expect(Object.values(elderly.counts).reduce((a, b) => a + b, 0)).toBe(17);
    const mz = master.overview.byBureau.find((b) => b.key === '县民政局')!;
    // Every indicator, project figure and reform 县民政局 leads is counted under it, once.
    const leads =
      allFigureIndicators(catalog).filter((i) => i.lead === '县民政局').length +
      catalog.milestones.reforms.filter((r) => r.bureau === '县民政局').length;
    expect(Object.values(mz.counts).reduce((a, b) => a + b, 0)).toBe(leads);
  });

  it('produces the JSON report of §8', () => {
    const json = jsonReport(
      [{ file: '民政局.xlsx', sha256: 'x', fileErrors: [], report: mz.report }],
      'zh',
      master,
    );
    expect(json.master?.find((m) => m.code === 'YL-02')).toMatchObject({
      value: 620,
      status: 'off-track',
      bureau: '县民政局',
      conflicts: [],
    });
    expect(json.files[0]!.entries.find((e) => e.code === 'YL-02')).toMatchObject({
      cell: 'G6',
      value: 620,
      expected: 740,
    });
    const en = jsonReport(
      [{ file: 'x.xlsx', sha256: 'x', fileErrors: [{ kind: 'damaged', params: {} }], report: null }],
      'en',
    );
    expect(en.files[0]!.fileErrors[0]!.message).toContain('damaged');
    expect(en).not.toHaveProperty('master');
  });
});

describe('combine: rules the first mutation run found unstated (spec §7)', () => {
  const later = (master: ReturnType<typeof combine>, inputs: CombineInput[], at = '2024-02-01 08:00') =>
    combine(catalog, inputs, { importedAt: at, existing: master.state });
  /** A bureau's file whose reporting year cannot be read (E2 empty, no _meta): refused for it. */
  const withoutYear = (file: string, bureau: string): CombineInput => {
    const read = readSubmission(filledView(catalog, bureau, 2023, { 'YL-02': 620 }), catalog);
    if (!read.ok) throw new Error(read.error.kind);
    return {
      file,
      sha256: sha256Text(file),
      report: checkSubmission(catalog, { ...read.submission, period: null, periodText: '' }),
      fileErrors: [],
    };
  };

  it('§7 历史: a figure typed as not applicable is kept as typed', () => {
    const m = combine(catalog, [input('民政局.xlsx', '县民政局', { 'YL-02': '/', 'YL-03': 45 })], {
      importedAt: NOW,
    });
    expect(m.history.filter((h) => h.code === 'YL-02').map((h) => [h.raw, h.value])).toStrictEqual([
      ['/', null],
    ]);
  });

  it('§7: a refused file keeps its own reason, and only that one (never 空表 on top)', () => {
    const broken: CombineInput = {
      file: '坏文件.xlsx',
      sha256: sha256Text('broken'),
      report: null,
      fileErrors: [{ kind: 'damaged', params: {} }],
    };
    const other = input('人社局-2022.xlsx', '县人力资源和社会保障局', {}, { period: 2022 });
    const m = combine(catalog, [broken, other, input('民政局.xlsx', '县民政局', { 'YL-02': 620 })], {
      importedAt: NOW,
    });
    const record = (file: string) => m.state.files.find((f) => f.file === file)!;
    expect(record('坏文件.xlsx')).toMatchObject({
      fileErrors: [{ kind: 'damaged', params: {} }],
      bureau: null,
      period: null,
      filledBy: '',
      filledOn: '',
      phone: '',
      entries: [],
    });
    // A file refused for its own reason (here, another bureau's template) and with no figure is
    // told that reason alone.
    const read = readSubmission(
      filledView(catalog, '县民政局', 2023, {}, { bureauText: '县卫生健康局' }),
      catalog,
    );
    if (!read.ok) throw new Error('unreadable');
    const wrong = combine(
      catalog,
      [
        {
          file: '错表.xlsx',
          sha256: sha256Text('wrong'),
          report: checkSubmission(catalog, read.submission),
          fileErrors: [],
        },
      ],
      { importedAt: NOW },
    );
    expect(wrong.state.files[0]!.fileErrors.map((e) => e.kind)).toStrictEqual(['wrong-template']);
    // Blank and of another year: the year is told first (filling in that template would not do),
    // 空表 kept behind it for when that year is combined.
    expect(record('人社局-2022.xlsx').fileErrors.map((e) => e.kind)).toStrictEqual([
      'period-mismatch',
      'blank',
    ]);
  });

  it('§7 空表: a file whose every entry gives no figure counts what was typed; a reform’s progress alone is not blank', () => {
    const m = combine(
      catalog,
      [
        input('民政局-待统计.xlsx', '县民政局', { 'YL-02': '待统计', 'YL-03': '  ', 'YL-04': '不详' }),
        input('卫健局-只有改革.xlsx', '县卫生健康局', { 'GG-03': '已完成', 'GG-04': '推进中' }),
      ],
      { importedAt: NOW },
    );
    const reason = (file: string) => m.register.find((r) => r.file === file)!;
    expect(reason('民政局-待统计.xlsx')).toMatchObject({
      outcome: 'rejected',
      reason: { kind: 'blank', params: { typed: 2 } },
    });
    expect(reason('卫健局-只有改革.xlsx')).toMatchObject({ outcome: 'used' });
    expect(row(m, 'GG-03')).toMatchObject({ status: 'achieved', toTarget: 1 });
    expect(row(m, 'GG-04')).toMatchObject({
      toTarget: null,
      status: 'not-judged',
      notJudged: expect.anything(),
    });
    // A reform's progress stands as its lead typed it, readable or not.
    const unclear = combine(
      catalog,
      [input('卫健局.xlsx', '县卫生健康局', { 'TY-03': 655, 'GG-03': '差不多了' })],
      {
        importedAt: NOW,
      },
    );
    expect(row(unclear, 'GG-03')).toMatchObject({
      status: 'invalid',
      raw: '差不多了',
      bureau: '县卫生健康局',
    });
  });

  it('§7 Periods: the period most files report is combined; on a tie, the later', () => {
    const two = [
      input('民政局-2023.xlsx', '县民政局', { 'YL-02': 620 }, { period: 2023 }),
      input('卫健局-2024.xlsx', '县卫生健康局', { 'TY-03': 655 }, { period: 2024 }),
    ];
    expect(combine(catalog, two, { importedAt: NOW }).period).toBe(2024);
    expect(combine(catalog, [...two].reverse(), { importedAt: NOW }).period).toBe(2024);
    const more2023 = [
      ...two,
      input('人社局-2023.xlsx', '县人力资源和社会保障局', { 'YL-01': 93 }, { period: 2023 }),
    ];
    expect(combine(catalog, more2023, { importedAt: NOW }).period).toBe(2023);
  });

  it('§7: an undated file beside a dated one of the same bureau is 待确认, not silently the older', () => {
    const m = combine(
      catalog,
      [
        input('民政局-有日期.xlsx', '县民政局', { 'YL-02': 620 }, { filledOn: '2023-12-20' }),
        input('民政局-无日期.xlsx', '县民政局', { 'YL-02': 660 }, { filledOn: '' }),
      ],
      { importedAt: NOW },
    );
    expect(m.pending.map((p) => p.candidates.map((c) => c.file).sort())).toStrictEqual([
      ['民政局-无日期.xlsx', '民政局-有日期.xlsx'],
    ]);
  });

  it('§7 --keep: a kept file must be one that can be used; a refused one or an unknown hash decides nothing', () => {
    const a = input('民政局-甲.xlsx', '县民政局', { 'YL-02': 620 }, { hash: 'a' });
    const b = input('民政局-乙.xlsx', '县民政局', { 'YL-02': 660 }, { hash: 'b' });
    const blank = input('民政局-空.xlsx', '县民政局', {}, { hash: 'blank' });
    for (const keep of [[sha256Text('blank')], [sha256Text('nothing')]]) {
      const m = combine(catalog, [a, b, blank], { importedAt: NOW, keep });
      expect([keep, m.state.decisions, m.pending.length]).toStrictEqual([keep, [], 1]);
    }
    const older = input(
      '民政局-旧.xlsx',
      '县民政局',
      { 'YL-02': 600 },
      { hash: 'old', filledOn: '2023-12-01' },
    );
    const decided = combine(catalog, [a, b, blank, older], { importedAt: NOW, keep: [sha256Text('b')] });
    expect(decided.state.decisions).toStrictEqual([
      { bureau: '县民政局', period: 2023, keep: sha256Text('b') },
    ]);
    expect(row(decided, 'YL-02')).toMatchObject({ value: 660 });
    // The kept file is used, the other of the tie set aside by the decision, the older by its date.
    expect(decided.register.map((r) => [r.file, r.outcome, r.byDecision])).toStrictEqual([
      ['民政局-乙.xlsx', 'used', false],
      ['民政局-甲.xlsx', 'superseded', true],
      ['民政局-旧.xlsx', 'superseded', false],
      ['民政局-空.xlsx', 'rejected', false],
    ]);
  });

  it('§7 --keep: the decisions are stored in one order, whatever the order they were given in', () => {
    const tie = (bureau: string, short: string) => [
      input(`${short}-甲.xlsx`, bureau, {}, { hash: `${short}a` }),
      input(`${short}-乙.xlsx`, bureau, {}, { hash: `${short}b` }),
    ];
    const files = [
      ...tie('县民政局', '民政局').map((f) => ({
        ...f,
        report: checkedView(catalog, filledView(catalog, '县民政局', 2023, { 'YL-02': 620 })),
      })),
      ...tie('县卫生健康局', '卫健局').map((f) => ({
        ...f,
        report: checkedView(catalog, filledView(catalog, '县卫生健康局', 2023, { 'TY-03': 655 })),
      })),
    ];
    const keep = [sha256Text('卫健局b'), sha256Text('民政局b')];
    const one = combine(catalog, files, { importedAt: NOW, keep });
    const other = combine(catalog, files, { importedAt: NOW, keep: [...keep].reverse() });
    expect(one.state.decisions.map((d) => d.bureau)).toStrictEqual(['县卫生健康局', '县民政局'].sort());
    expect(other.state).toStrictEqual(one.state);
  });

  it('§7 待确认 until decided: the file already in use stays, then the one with more usable figures', () => {
    const first = combine(catalog, [input('民政局-甲.xlsx', '县民政局', { 'YL-02': 620 }, { hash: 'a' })], {
      importedAt: NOW,
    });
    // YL-08 is shared (县自然资源局 leads): one more usable figure, no error either way.
    const fuller = input('民政局-乙.xlsx', '县民政局', { 'YL-02': 660, 'YL-08': 40 }, { hash: 'b' });
    const again = later(first, [fuller]);
    expect(again.pending[0]).toMatchObject({ kept: '民政局-甲.xlsx', rule: 'kept-earlier' });
    expect(again.pending[0]!.candidates.map((c) => c.file)).toStrictEqual([
      '民政局-甲.xlsx',
      '民政局-乙.xlsx',
    ]);
    expect(row(again, 'YL-02')).toMatchObject({ value: 620 });
    // In one run, neither in use: more usable figures first, whichever content sorts first.
    for (const [thin, full] of [
      ['a', 'b'],
      ['b', 'a'],
    ]) {
      const m = combine(
        catalog,
        [
          input('民政局-甲.xlsx', '县民政局', { 'YL-02': 620 }, { hash: thin }),
          input('民政局-乙.xlsx', '县民政局', { 'YL-02': 660, 'YL-08': 40 }, { hash: full }),
        ],
        { importedAt: NOW },
      );
      expect(m.pending[0]).toMatchObject({ kept: '民政局-乙.xlsx', rule: 'more-figures' });
      expect(m.pending[0]!.candidates.map((c) => c.figures)).toStrictEqual([2, 1]);
      // 报送登记 lists the file kept for now first, though its name sorts after the other's.
      expect(
        m.register.map((r) => [r.file, r.pending?.keptHere, r.supersededBy, r.convertedFrom]),
      ).toStrictEqual([
        ['民政局-乙.xlsx', true, '', ''],
        ['民政局-甲.xlsx', false, '民政局-乙.xlsx', ''],
      ]);
    }
    // All else equal, only the content can order them: said as such.
    const even = combine(
      catalog,
      [
        input('民政局-甲.xlsx', '县民政局', { 'YL-02': 620 }, { hash: 'a' }),
        input('民政局-乙.xlsx', '县民政局', { 'YL-02': 660 }, { hash: 'b' }),
      ],
      { importedAt: NOW },
    );
    expect(even.pending[0]).toMatchObject({ rule: 'content' });
  });

  it('§6 a suspicious change is found again at each combine against the history, never stored and then doubled', () => {
    const m2023 = combine(catalog, [input('民政局-2023.xlsx', '县民政局', { 'YL-02': 620 })], {
      importedAt: NOW,
    });
    // Checked against the master's history, as `yilao combine` and the pane check new files: the
    // file's own report then carries the change too.
    const report = checkedView(catalog, filledView(catalog, '县民政局', 2024, { 'YL-02': 300 }), {
      history: statePoints(m2023.state),
    });
    expect(report.entries.find((e) => e.code === 'YL-02')!.issues.map((i) => i.kind)).toContain(
      'suspicious-change',
    );
    const m2024 = later(m2023, [
      { file: '民政局-2024.xlsx', sha256: sha256Text('2024'), report, fileErrors: [] },
    ]);
    const changes = (m: ReturnType<typeof combine>) =>
      row(m, 'YL-02').issues.filter((i) => i.kind === 'suspicious-change').length;
    expect(changes(m2024)).toBe(1);
    const stored = m2024.state.files.find((f) => f.file === '民政局-2024.xlsx')!;
    expect(stored.entries.flatMap((e) => e.issues).map((i) => i.kind)).not.toContain('suspicious-change');
    expect(changes(later(m2024, [], '2024-03-01 08:00'))).toBe(1);
    // Against the figure in use last period, on the figure's own cell; last period shown beside it.
    const change = row(m2024, 'YL-02').issues.find((i) => i.kind === 'suspicious-change')!;
    expect(change).toMatchObject({ params: { previousPeriod: 2023, previous: 620, value: 300 } });
    expect(change.cell).toMatch(/^G\d+$/);
    expect(row(m2024, 'YL-02').previous).toStrictEqual({ period: 2023, value: 620 });
    // With three periods, the last one before, not the first.
    const m2022 = combine(
      catalog,
      [input('民政局-2022.xlsx', '县民政局', { 'YL-02': 500 }, { period: 2022 })],
      {
        importedAt: NOW,
      },
    );
    const m23 = later(m2022, [input('民政局-2023.xlsx', '县民政局', { 'YL-02': 620 })]);
    const m24 = later(
      m23,
      [input('民政局-2024.xlsx', '县民政局', { 'YL-02': 700 }, { period: 2024 })],
      '2024-03-01 08:00',
    );
    expect(row(m24, 'YL-02').previous).toStrictEqual({ period: 2023, value: 620 });
  });

  it('§6 the change is measured against the file in use last period, not one it superseded', () => {
    // Whichever of the two contents sorts first.
    for (const [newer, older] of [
      ['a', 'b'],
      ['b', 'a'],
    ]) {
      const m2023 = combine(
        catalog,
        [
          input('民政局-更正.xlsx', '县民政局', { 'YL-02': 620 }, { filledOn: '2023-12-20', hash: newer }),
          input('民政局-原稿.xlsx', '县民政局', { 'YL-02': 2000 }, { filledOn: '2023-12-01', hash: older }),
        ],
        { importedAt: NOW },
      );
      // 900 after 620 is no suspicious change; after the superseded 2,000 it would have halved.
      const m2024 = later(m2023, [input('民政局-2024.xlsx', '县民政局', { 'YL-02': 900 }, { period: 2024 })]);
      expect(row(m2024, 'YL-02').issues.map((i) => i.kind)).not.toContain('suspicious-change');
    }
  });

  it('§7 Periods: 趋势 runs oldest to newest, also when an earlier period is asked for; a tie of another period waits there', () => {
    const tie = combine(
      catalog,
      [
        input('民政局-甲.xlsx', '县民政局', { 'YL-02': 620 }, { hash: 'a' }),
        input('民政局-乙.xlsx', '县民政局', { 'YL-02': 660 }, { hash: 'b' }),
      ],
      { importedAt: NOW },
    );
    expect(tie.pending).toHaveLength(1);
    const m2024 = later(tie, [input('卫健局-2024.xlsx', '县卫生健康局', { 'TY-03': 655 }, { period: 2024 })]);
    expect(m2024.period).toBe(2024);
    expect(m2024.pending).toStrictEqual([]);
    const asked = combine(catalog, [], { importedAt: NOW, existing: m2024.state, period: 2022 });
    expect(asked.trend[0]!.cells.map((c) => c.period)).toStrictEqual([2022, 2023, 2024]);
  });

  it('完成情况: each bureau’s cell for each figure it leads or shares — filled, invalid, not applicable, missing, no file', () => {
    const m = combine(
      catalog,
      [input('民政局.xlsx', '县民政局', { 'YL-02': 620, 'YL-03': '待统计', 'YL-04': '/', 'YL-08': 40 })],
      { importedAt: NOW },
    );
    const cell = (bureau: string, code: string) =>
      m.completion.find((c) => c.bureau === bureau && c.code === code)!;
    expect(cell('县民政局', 'YL-02')).toMatchObject({ role: 'lead', state: 'filled' });
    expect(cell('县民政局', 'YL-03')).toMatchObject({ role: 'lead', state: 'invalid' });
    expect(cell('县民政局', 'YL-04')).toMatchObject({ state: 'not-applicable' });
    expect(cell('县民政局', 'YL-14')).toMatchObject({ role: 'lead', state: 'missing' });
    expect(cell('县民政局', 'YL-08')).toMatchObject({ role: 'co', state: 'filled' });
    expect(cell('县自然资源局', 'YL-08')).toMatchObject({ role: 'lead', state: 'no-file' });
  });

  it('完成情况 and 历史: a cell of spaces only (half- or full-width) is missing, as a blank one is — not 不适用, not a row of 历史', () => {
    const m = combine(
      catalog,
      [input('民政局.xlsx', '县民政局', { 'YL-02': 620, 'YL-03': '  ', 'YL-14': '\u3000', 'YL-04': '/' })],
      { importedAt: NOW },
    );
    const state = (code: string) =>
      m.completion.find((c) => c.bureau === '县民政局' && c.code === code)!.state;
    expect([state('YL-03'), state('YL-14'), state('YL-04')]).toStrictEqual([
      'missing',
      'missing',
      'not-applicable',
    ]);
    expect(m.history.map((h) => h.code)).toStrictEqual(['YL-02', 'YL-04']);
  });

  it('未报送: a bureau whose file gave another year is told it came and why; one of an older period is not counted as sent', () => {
    const m = combine(
      catalog,
      [
        input('民政局.xlsx', '县民政局', { 'YL-02': 620 }),
        input('卫健局-年份写错.xlsx', '县卫生健康局', { 'TY-03': 655 }, { period: 2024 }),
        input('人社局-去年.xlsx', '县人力资源和社会保障局', { 'YL-01': 93 }, { period: 2022 }),
      ],
      { importedAt: NOW, period: 2023 },
    );
    const files = (bureau: string) => m.notReported.find((n) => n.bureau === bureau)?.files;
    expect(files('县卫生健康局')).toStrictEqual([
      {
        file: '卫健局-年份写错.xlsx',
        outcome: 'rejected',
        reason: {
          kind: 'period-mismatch',
          params: { period: 2024, expected: 2023 },
          file: '卫健局-年份写错.xlsx',
        },
      },
    ]);
    expect(files('县人力资源和社会保障局')).toStrictEqual([
      {
        file: '人社局-去年.xlsx',
        outcome: 'rejected',
        reason: {
          kind: 'period-mismatch',
          params: { period: 2022, expected: 2023 },
          file: '人社局-去年.xlsx',
        },
      },
    ]);
    expect(m.notReported.map((n) => n.bureau)).not.toContain('县民政局');
  });

  it('未报送 for a period lists the files of that period that were not used, never those of an earlier one', () => {
    const m2022 = combine(
      catalog,
      [
        input(
          '民政局-2022-更正.xlsx',
          '县民政局',
          { 'YL-02': 600 },
          { period: 2022, filledOn: '2022-12-20' },
        ),
        input(
          '民政局-2022-原稿.xlsx',
          '县民政局',
          { 'YL-02': 500 },
          { period: 2022, filledOn: '2022-12-01' },
        ),
      ],
      { importedAt: NOW },
    );
    const m2023 = later(m2022, [
      input('卫健局.xlsx', '县卫生健康局', { 'TY-03': 655 }),
      input('民政局-空表.xlsx', '县民政局', {}),
    ]);
    expect(m2023.period).toBe(2023);
    // With every figure it leads and shares, for the phone call.
    const mz = m2023.notReported.find((n) => n.bureau === '县民政局')!;
    expect(mz.leads).toEqual(expect.arrayContaining(['YL-02', 'YL-14', 'GG-02']));
    expect(mz.shares).toStrictEqual(['YL-08']);
    expect(m2023.notReported.find((n) => n.bureau === '县民政局')?.files).toStrictEqual([
      { file: '民政局-空表.xlsx', outcome: 'rejected', reason: expect.objectContaining({ kind: 'blank' }) },
    ]);
  });

  it('rows and the overview name each kind: indicators by their section, projects, reforms (no unit)', () => {
    const m = combine(catalog, [input('民政局.xlsx', '县民政局', { 'YL-02': 620 })], { importedAt: NOW });
    expect(
      ['YL-02', 'XM-01-床位', 'GG-02'].map((code) => {
        const r = row(m, code);
        return [r.kind, r.section, r.unit];
      }),
    ).toStrictEqual([
      ['indicator', 'elderly', '张'],
      ['project', 'project', '张'],
      ['reform', 'reform', ''],
    ]);
    expect(m.overview.bySection.map((g) => [g.key, g.label])).toStrictEqual([
      ['elderly', '一、养老方面'],
      ['childcare', '二、托育方面'],
      ['project', '重大项目'],
      ['reform', '重大改革'],
    ]);
  });

  it('§7 历史: files in the catalog’s order of bureaus, each file’s figures in the catalog’s order even where its rows were moved', () => {
    // A reform last: the catalog's order is not the codes' text order.
    const moved = input('民政局.xlsx', '县民政局', {
      'YL-02': 620,
      'YL-03': 45,
      'YL-14': 80,
      'GG-02': '推进中',
    });
    const shuffled: CombineInput = {
      ...moved,
      report: { ...moved.report!, entries: [...moved.report!.entries].reverse() },
    };
    const m = combine(
      catalog,
      [
        input('人社局.xlsx', '县人力资源和社会保障局', { 'YL-01': 93 }),
        input('卫健局.xlsx', '县卫生健康局', { 'TY-03': 655 }),
        shuffled,
      ],
      { importedAt: NOW },
    );
    const order = new Map(catalog.bureaus.map((b, i) => [b.name, i]));
    const bureaus = [...new Set(m.history.map((h) => h.bureau))];
    expect(bureaus).toStrictEqual([...bureaus].sort((a, b) => order.get(a)! - order.get(b)!));
    expect(bureaus).toHaveLength(3);
    expect(m.history.filter((h) => h.file === '民政局.xlsx').map((h) => h.code)).toStrictEqual([
      'YL-02',
      'YL-03',
      'YL-14',
      'GG-02',
    ]);
  });

  it('a figure its lead left empty comes from the first co-responsible bureau that has one, not the first that sent a file', () => {
    const m = combine(
      catalog,
      [
        input('人社局.xlsx', '县人力资源和社会保障局', { 'YL-01': 93 }),
        input('教体局.xlsx', '县教育体育局', { 'TY-06': 25 }),
      ],
      { importedAt: NOW },
    );
    // TY-06: 县卫生健康局 leads (no file), then 人社局 (a file, TY-06 empty), then 教体局.
    expect(row(m, 'TY-06')).toMatchObject({
      value: 25,
      bureau: '县教育体育局',
      fromCoResponsible: true,
      note: '',
    });
    // A figure with no baseline, below its target, is not judged before the target year, and says why.
    expect(row(m, 'YL-01')).toMatchObject({ value: 93 });
    expect(
      row(
        combine(catalog, [input('人社局.xlsx', '县人力资源和社会保障局', { 'YL-01': 80 })], {
          importedAt: NOW,
        }),
        'YL-01',
      ),
    ).toMatchObject({
      status: 'not-judged',
      notJudged: { reason: 'no-baseline' },
    });
    // A figure nobody sent: empty, 无数据, nothing explained.
    expect(row(m, 'YL-02')).toMatchObject({
      value: null,
      raw: '',
      note: '',
      status: 'no-data',
      explained: false,
    });
  });

  it('a figure under a code the catalog no longer has stays in 历史 as typed, not judged', () => {
    const m = combine(
      catalog,
      [input('民政局.xlsx', '县民政局', { 'YL-02': 620, 'YL-03': '待统计', 'YL-14': '/' })],
      {
        importedAt: NOW,
      },
    );
    const renamed = { 'YL-02': 'YL-97', 'YL-03': 'YL-98', 'YL-14': 'YL-99' } as Record<string, string>;
    const state = {
      ...m.state,
      files: m.state.files.map((f) => ({
        ...f,
        entries: f.entries.map((e) => ({ ...e, code: renamed[e.code] ?? e.code })),
      })),
    };
    const again = combine(catalog, [], { importedAt: NOW, existing: state });
    const status = (code: string) => again.history.find((h) => h.code === code)?.status;
    expect([status('YL-97'), status('YL-98'), status('YL-99')]).toStrictEqual([
      'not-judged',
      'invalid',
      'no-data',
    ]);
  });

  it('statePoints: the figures of the files in use, by bureau and period, for checking new files against the master', () => {
    const m = combine(
      catalog,
      [
        input('民政局-旧.xlsx', '县民政局', { 'YL-02': 600 }, { filledOn: '2023-12-01' }),
        input('民政局-新.xlsx', '县民政局', { 'YL-02': 620, 'YL-03': 45 }, { filledOn: '2023-12-20' }),
        input('坏.xlsx', '县卫生健康局', {}),
      ],
      { importedAt: NOW },
    );
    const points = statePoints(m.state).filter((p) => p.value !== null);
    expect(points.sort((a, b) => a.code.localeCompare(b.code))).toStrictEqual([
      { period: 2023, code: 'YL-02', value: 620, superseded: false, bureau: '县民政局' },
      { period: 2023, code: 'YL-03', value: 45, superseded: false, bureau: '县民政局' },
    ]);
    expect(statePoints(undefined)).toStrictEqual([]);
  });

  it('§7 Periods: a file of next period sent early is refused now, and used when its period is combined, as if it came then', () => {
    const figures = (file: string, bureau: string, f: Record<string, CellInput>, period: number) =>
      input(file, bureau, f, { period, filledOn: `${period}-12-20` });
    const m2023 = combine(
      catalog,
      [
        figures('民政局-2023.xlsx', '县民政局', { 'YL-02': 600 }, 2023),
        figures('卫健局-2023.xlsx', '县卫生健康局', { 'TY-03': 600 }, 2023),
        figures('人社局-2024-早到.xlsx', '县人力资源和社会保障局', { 'YL-01': 91 }, 2024),
      ],
      { importedAt: NOW },
    );
    expect(m2023.register.find((r) => r.file === '人社局-2024-早到.xlsx')).toMatchObject({
      outcome: 'rejected',
      reason: { kind: 'period-mismatch', params: { period: 2024, expected: 2023 } },
    });
    // 2024 is combined into that master without the early file given again.
    const m2024 = later(m2023, [figures('民政局-2024.xlsx', '县民政局', { 'YL-02': 640 }, 2024)]);
    expect(m2024.period).toBe(2024);
    expect(m2024.register.find((r) => r.file === '人社局-2024-早到.xlsx')).toMatchObject({
      outcome: 'used',
      reason: null,
    });
    expect(row(m2024, 'YL-01')).toMatchObject({ value: 91, file: '人社局-2024-早到.xlsx' });
    expect(m2024.notReported.map((n) => n.bureau)).not.toContain('县人力资源和社会保障局');
    // The same as if the file had come with 2024's files.
    const atOnce = later(m2023, [
      figures('民政局-2024.xlsx', '县民政局', { 'YL-02': 640 }, 2024),
      figures('人社局-2024-早到.xlsx', '县人力资源和社会保障局', { 'YL-01': 91 }, 2024),
    ]);
    expect(m2024.rows).toStrictEqual(atOnce.rows);
    expect(m2024.notReported).toStrictEqual(atOnce.notReported);
    // 2023's files stay used for 2023; a refusal for another reason stands.
    expect(m2024.register.find((r) => r.file === '卫健局-2023.xlsx')?.outcome).toBe('used');
  });

  it('§7 Periods: only a refusal for the period is lifted when that period is combined, never another', () => {
    const m2023 = combine(
      catalog,
      [
        input('民政局-2023.xlsx', '县民政局', { 'YL-02': 600 }),
        input('卫健局-2023.xlsx', '县卫生健康局', { 'TY-03': 600 }),
        input('人社局-2024-空表.xlsx', '县人力资源和社会保障局', {}, { period: 2024 }),
        input('民政局-2022.xlsx', '县民政局', { 'YL-02': 500 }, { period: 2022, filledOn: '2022-12-20' }),
      ],
      { importedAt: NOW },
    );
    expect(m2023.period).toBe(2023);
    // A blank template of 2024 sent with 2023's files is told its year first: filling it in
    // would not do. It stays blank behind that.
    const blankReason = m2023.register.find((r) => r.file === '人社局-2024-空表.xlsx')?.reason;
    expect(blankReason?.kind).toBe('period-mismatch');
    expect(blankReason?.params).toStrictEqual({ period: 2024, expected: 2023, blank: true });
    expect(m2023.state.files.find((f) => f.file === '人社局-2024-空表.xlsx')?.fileErrors).toStrictEqual([
      { kind: 'period-mismatch', params: { period: 2024, expected: 2023, blank: true } },
      { kind: 'blank', params: { typed: 0 } },
    ]);
    // A record that holds a second refusal beside the period's (as a state written by another
    // version might): the other refusal stands, so the file is not lifted.
    const twice = combine(
      catalog,
      [input('人社局-2024-两个原因.xlsx', '县人力资源和社会保障局', { 'YL-01': 91 }, { period: 2024 })],
      { importedAt: NOW, period: 2023, existing: m2023.state },
    ).state;
    const withTwo = {
      ...twice,
      files: twice.files.map((f) =>
        f.file === '人社局-2024-两个原因.xlsx'
          ? { ...f, fileErrors: [...f.fileErrors, { kind: 'damaged' as const, params: {} }] }
          : f,
      ),
    };
    expect(
      combine(catalog, [input('民政局-2024.xlsx', '县民政局', { 'YL-02': 640 }, { period: 2024 })], {
        importedAt: NOW,
        existing: withTwo,
      }).register.find((r) => r.file === '人社局-2024-两个原因.xlsx')?.outcome,
    ).toBe('rejected');
    const m2024 = later(m2023, [input('民政局-2024.xlsx', '县民政局', { 'YL-02': 640 }, { period: 2024 })]);
    const reason = (file: string) => m2024.register.find((r) => r.file === file)?.reason;
    // Blank stays blank whatever the period; a file of 2022 is still not one of 2024.
    expect(reason('人社局-2024-空表.xlsx')?.kind).toBe('blank');
    // Not blank: no `blank` in its reason, so it is told to check its year.
    expect(reason('民政局-2022.xlsx')?.kind).toBe('period-mismatch');
    expect(reason('民政局-2022.xlsx')?.params).toStrictEqual({ period: 2022, expected: 2023 });
  });

  it('§7 待确认 when nothing else tells two files apart: the one received earlier is used for now', () => {
    // The first came early, with 2023's files, and was refused then; the second with 2024's.
    const m2023 = combine(
      catalog,
      [
        input('民政局-2023.xlsx', '县民政局', { 'YL-02': 600 }),
        input('卫健局-2023.xlsx', '县卫生健康局', { 'TY-03': 600 }),
        input(
          '人社局-早.xlsx',
          '县人力资源和社会保障局',
          { 'YL-01': 91 },
          { period: 2024, filledOn: '2024-12-20' },
        ),
      ],
      { importedAt: '2024-01-10T08:00:00.000Z' },
    );
    const m2024 = later(
      m2023,
      [
        input(
          '人社局-晚.xlsx',
          '县人力资源和社会保障局',
          { 'YL-01': 92 },
          { period: 2024, filledOn: '2024-12-20' },
        ),
      ],
      '2025-01-10T08:00:00.000Z',
    );
    expect(m2024.pending).toHaveLength(1);
    expect(m2024.pending[0]).toMatchObject({ kept: '人社局-早.xlsx', rule: 'earlier-received' });
    expect(row(m2024, 'YL-01').value).toBe(91);
  });

  it('§7 待确认 until decided: nothing is set aside by a decision, ties listed in the catalog’s order of bureaus; the files in use stored in content order', () => {
    // Hashes chosen so that content order runs against the catalog's order of bureaus.
    const m = combine(
      catalog,
      [
        input('卫健局-甲.xlsx', '县卫生健康局', { 'TY-03': 650 }, { hash: 'k30' }),
        input('卫健局-乙.xlsx', '县卫生健康局', { 'TY-03': 655 }, { hash: 'k2' }),
        // 民政局-甲 has more figures and is used for now; it is last in content order and by name.
        input('民政局-甲.xlsx', '县民政局', { 'YL-02': 620, 'YL-03': 50 }, { hash: 'k33' }),
        input('民政局-乙.xlsx', '县民政局', { 'YL-02': 630 }, { hash: 'k7' }),
      ],
      { importedAt: NOW },
    );
    expect(m.pending.map((p) => p.bureau)).toStrictEqual(['县民政局', '县卫生健康局']);
    expect(m.register.every((r) => r.outcome === 'to-confirm' && !r.byDecision && !r.decided)).toBe(true);
    // The file used for now is first among its bureau's, whatever the content order.
    for (const bureau of ['县民政局', '县卫生健康局']) {
      const rows = m.register.filter((r) => r.bureau === bureau);
      expect(rows.map((r) => r.pending?.keptHere)).toStrictEqual([true, false]);
    }
    // The state's current files are listed in content order, also where a bureau's file in use
    // comes after another bureau's in that order (卫健局-新 after 民政局, 卫健局-旧 before both).
    const current = combine(
      catalog,
      [
        input('卫健局-旧.xlsx', '县卫生健康局', { 'TY-03': 650 }, { hash: 'k2', filledOn: '2023-12-01' }),
        input('卫健局-新.xlsx', '县卫生健康局', { 'TY-03': 655 }, { hash: 'k39' }),
        input('民政局.xlsx', '县民政局', { 'YL-02': 620 }, { hash: 'k30' }),
      ],
      { importedAt: NOW },
    ).state.current;
    expect(current).toStrictEqual([sha256Text('k30'), sha256Text('k39')]);
  });

  it('a file in use has nobody superseding it in 历史; 未报送 lists bureaus in the catalog’s order with exactly what each leads', () => {
    const m = combine(catalog, [input('卫健局.xlsx', '县卫生健康局', { 'TY-03': 655 })], { importedAt: NOW });
    expect(m.history.filter((h) => h.file === '卫健局.xlsx').every((h) => h.supersededBy === '')).toBe(true);
    const order = catalog.bureaus.map((b) => b.name);
    const listed = m.notReported.map((n) => n.bureau);
    expect(listed).toStrictEqual([...listed].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    const mz = m.notReported.find((n) => n.bureau === '县民政局')!;
    expect(mz.leads).toStrictEqual([
      ...allFigureIndicators(catalog)
        .filter((i) => i.lead === '县民政局')
        .map((i) => i.code),
      ...catalog.milestones.reforms.filter((r) => r.bureau === '县民政局').map((r) => r.code),
    ]);
  });

  it('总览 by section leaves out a part the catalog does not have (a catalog without reforms)', () => {
    const noReforms = structuredClone(catalog);
    noReforms.milestones.reforms = [];
    const m = combine(noReforms, [input('民政局.xlsx', '县民政局', { 'YL-02': 620 })], { importedAt: NOW });
    expect(m.overview.bySection.map((s) => s.key)).toStrictEqual([
      ...catalog.sections.map((s) => s.id),
      'project',
    ]);
  });

  it('报送登记 order: newest period first, bureaus in the catalog’s order, then used, 待确认 (the one used for now first), superseded (latest 填报日期 first), refused (by name, then content)', () => {
    const noYear = withoutYear('民政局-无年份.xlsx', '县民政局');
    // Names chosen so that name order differs from the rule each key states.
    const files = [
      noYear,
      input('民政局-去年.xlsx', '县民政局', { 'YL-02': 600 }, { period: 2022, filledOn: '2022-12-20' }),
      input('民政局-空表.xlsx', '县民政局', {}, { hash: 'blank 1' }),
      input('民政局-空表.xlsx', '县民政局', {}, { hash: 'blank 2' }),
      // First by name, last by content.
      input('民政局-0空表.xlsx', '县民政局', {}, { hash: 'blank 5' }),
      input('民政局-第1次.xlsx', '县民政局', { 'YL-02': 600 }, { filledOn: '2023-12-01' }),
      input('民政局-第2次.xlsx', '县民政局', { 'YL-02': 610 }, { filledOn: '2023-12-10' }),
      input('民政局-第3次.xlsx', '县民政局', { 'YL-02': 620 }, { filledOn: '2023-12-20' }),
      input('卫健局-乙.xlsx', '县卫生健康局', { 'TY-03': 650 }),
      input('卫健局-甲.xlsx', '县卫生健康局', { 'TY-03': 655, 'TY-04': 2.3 }),
      input('卫健局-丁.xlsx', '县卫生健康局', { 'TY-03': 640 }, { filledOn: '2023-12-01' }),
    ];
    // Two blank files share a name; their contents order them (the sha256 is the last key; the
    // records reach the sort in content order already, so dropping that key changes nothing).
    const [blankFirst, blankSecond] = [sha256Text('blank 1'), sha256Text('blank 2')].sort();
    const expected = [
      ['民政局-第3次.xlsx', 2023, 'used', undefined],
      ['民政局-第2次.xlsx', 2023, 'superseded', undefined],
      ['民政局-第1次.xlsx', 2023, 'superseded', undefined],
      ['民政局-0空表.xlsx', 2023, 'rejected', undefined],
      ['民政局-空表.xlsx', 2023, 'rejected', blankFirst],
      ['民政局-空表.xlsx', 2023, 'rejected', blankSecond],
      ['卫健局-甲.xlsx', 2023, 'to-confirm', undefined],
      ['卫健局-乙.xlsx', 2023, 'to-confirm', undefined],
      ['卫健局-丁.xlsx', 2023, 'superseded', undefined],
      ['民政局-去年.xlsx', 2022, 'rejected', undefined],
      ['民政局-无年份.xlsx', null, 'rejected', undefined],
    ];
    for (const order of [files, [...files].reverse()]) {
      const m = combine(catalog, order, { importedAt: NOW });
      expect(
        m.register.map((r, i) => [
          r.file,
          r.period,
          r.outcome,
          expected[i]?.[3] === undefined ? undefined : r.sha256,
        ]),
      ).toStrictEqual(expected);
      expect(m.register.find((r) => r.file === '卫健局-甲.xlsx')?.pending?.keptHere).toBe(true);
    }
  });

  it('§7 a tie names the first three other files in the tie’s own order', () => {
    const files = [1, 2, 3, 4, 5].map((n) =>
      input(`人社局-${n}.xlsx`, '县人力资源和社会保障局', { 'YL-01': 90 + n }, { filledOn: '2023-12-20' }),
    );
    const m = combine(catalog, files, { importedAt: NOW });
    const order = m.pending[0]!.candidates.map((c) => c.file);
    for (const name of order) {
      const others = order.filter((f) => f !== name).slice(0, 3);
      expect(m.register.find((r) => r.file === name)?.pending).toMatchObject({ others, otherCount: 4 });
    }
  });

  it('未报送: a bureau’s file without a reporting year is counted as sent, with its reason', () => {
    const noYear = withoutYear('民政局-无年份.xlsx', '县民政局');
    const m = combine(catalog, [noYear, input('卫健局.xlsx', '县卫生健康局', { 'TY-03': 655 })], {
      importedAt: NOW,
    });
    expect(m.notReported.find((n) => n.bureau === '县民政局')?.files).toStrictEqual([
      {
        file: '民政局-无年份.xlsx',
        outcome: 'rejected',
        reason: { kind: 'period-missing', params: {}, file: '民政局-无年份.xlsx' },
      },
    ]);
  });

  it('总览 by bureau: each lead bureau once, in the order its first row comes, its figures counted by status', () => {
    const m = combine(
      catalog,
      [
        input('民政局.xlsx', '县民政局', { 'YL-02': 620, 'YL-03': 50, 'GG-02': '已完成' }),
        input('卫健局.xlsx', '县卫生健康局', { 'TY-03': 655 }),
      ],
      { importedAt: NOW },
    );
    const firstLead = new Map<string, number>();
    m.rows.forEach((r, i) => {
      const lead =
        allFigureIndicators(catalog).find((x) => x.code === r.code)?.lead ??
        catalog.milestones.reforms.find((x) => x.code === r.code)?.bureau;
      if (lead && !firstLead.has(lead)) firstLead.set(lead, i);
    });
    expect(m.overview.byBureau.map((b) => b.key)).toStrictEqual([...firstLead.keys()]);
    expect(m.overview.byBureau.every((b) => b.label === b.key)).toBe(true);
    const counted = (bureau: string) => {
      const counts = m.overview.byBureau.find((b) => b.key === bureau)!.counts;
      return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
    };
    const mzLeads =
      allFigureIndicators(catalog).filter((i) => i.lead === '县民政局').length +
      catalog.milestones.reforms.filter((r) => r.bureau === '县民政局').length;
    expect(counted('县民政局')).toStrictEqual({
      'off-track': 1,
      'on-track': 1,
      achieved: 1,
      'no-data': mzLeads - 3,
    });
    expect(counted('县卫生健康局')).toMatchObject({ 'off-track': 1 });
    // The reform 县民政局 leads is counted under it, not under a bureau with no name.
    expect(m.overview.byBureau.map((b) => b.key)).not.toContain('');
  });
});
