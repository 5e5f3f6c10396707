import { filledView, type CellInput } from '../../test/helpers/views';
import {
  allFigureIndicators,
  checkSubmission,
  combine,
  defaultCatalog,
  jsonReport,
  readSubmission,
  type CombineInput,
} from '.';

const catalog = defaultCatalog();
const NOW = '2024-01-10T08:00:00.000Z';

let order = 0;
function input(
  file: string,
  bureau: string,
  figures: Record<string, CellInput>,
  opts: { filledOn?: string; period?: number; hash?: string } = {},
): CombineInput {
  const read = readSubmission(
    filledView(catalog, bureau, opts.period ?? 2023, figures, { filledOn: opts.filledOn ?? '' }),
    catalog,
  );
  if (!read.ok) throw new Error('unreadable');
  return {
    file,
    sha256: opts.hash ?? `hash-${file}`,
    order: order++,
    report: checkSubmission(catalog, read.submission),
    fileErrors: [],
  };
}
const row = (master: ReturnType<typeof combine>, code: string) => master.rows.find((r) => r.code === code)!;

describe('combine (spec §7)', () => {
  const mz = input('民政局.xlsx', '县民政局', { 'YL-02': 620, 'YL-03': 45, 'YL-04': 1, 'YL-14': 80 });
  const wj = input('卫健局.xlsx', '县卫生健康局', { 'YL-04': 2, 'TY-03': 655, 'TY-04': 2.3, 'TY-06': 20 });
  const rs = input('人社局.xlsx', '县人力资源和社会保障局', { 'YL-01': 93, 'YL-14': 80, 'TY-06': 25 });
  const broken: CombineInput = {
    file: '坏文件.xlsx',
    sha256: 'hash-broken',
    order: order++,
    report: null,
    fileErrors: [{ kind: 'damaged', params: {} }],
  };

  const master = combine(catalog, [mz, wj, rs, broken], { importedAt: NOW });

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
    expect(row(master, 'YL-04').conflicts).toEqual([
      { bureau: '县民政局', value: 1, file: '民政局.xlsx' },
      { bureau: '县卫生健康局', value: 2, file: '卫健局.xlsx' },
    ]);
    expect(row(master, 'YL-14').conflicts).toEqual([]);
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

  it('registers every file, the broken one rejected with its reason', () => {
    expect(master.register.map((r) => [r.file, r.accepted, r.reason?.kind ?? null])).toEqual([
      ['民政局.xlsx', true, null],
      ['卫健局.xlsx', true, null],
      ['人社局.xlsx', true, null],
      ['坏文件.xlsx', false, 'damaged'],
    ]);
  });

  it('lets a later 填报日期 supersede, whatever the order the files were given in', () => {
    const first = input('民政局-初报.xlsx', '县民政局', { 'YL-02': 620 }, { filledOn: '2023-12-01' });
    const second = input('民政局-更正.xlsx', '县民政局', { 'YL-02': 660 }, { filledOn: '2023-12-15' });
    for (const inputs of [
      [first, second],
      [second, first],
    ]) {
      const m = combine(catalog, inputs, { importedAt: NOW });
      expect(row(m, 'YL-02')).toMatchObject({ value: 660, file: '民政局-更正.xlsx', conflicts: [] });
      expect(m.register.find((r) => r.file === '民政局-初报.xlsx')?.supersededBy).toBe('民政局-更正.xlsx');
      const old = m.history.filter((h) => h.file === '民政局-初报.xlsx');
      expect(old.length).toBeGreaterThan(0);
      expect(old.every((h) => h.superseded && h.supersededBy === '民政局-更正.xlsx')).toBe(true);
    }
  });

  it('without dates, the file given later supersedes', () => {
    const a = input('a.xlsx', '县民政局', { 'YL-02': 620 });
    const b = input('b.xlsx', '县民政局', { 'YL-02': 640 });
    expect(row(combine(catalog, [a, b], { importedAt: NOW }), 'YL-02').value).toBe(640);
  });

  it('is idempotent, and combining into the master adds to its history', () => {
    const again = combine(catalog, [mz, wj, rs, broken], { importedAt: NOW });
    expect(again).toEqual(master);
    const into = combine(catalog, [mz, wj, rs, broken], {
      importedAt: '2024-02-01T00:00:00.000Z',
      existing: { history: master.history, register: master.register },
    });
    expect(into.history).toEqual(master.history);
    expect(into.rows).toEqual(master.rows);

    const resubmit = input(
      '民政局-更正.xlsx',
      '县民政局',
      { 'YL-02': 700, 'YL-03': 46 },
      { filledOn: '2024-01-20' },
    );
    const later = combine(catalog, [resubmit], {
      importedAt: '2024-02-01T00:00:00.000Z',
      existing: { history: master.history, register: master.register },
    });
    // Other bureaus' figures carry over from the history; the resubmission wins for 民政局.
    expect(row(later, 'YL-02')).toMatchObject({ value: 700, file: '民政局-更正.xlsx' });
    expect(row(later, 'YL-01')).toMatchObject({ value: 93, bureau: '县人力资源和社会保障局' });
    expect(later.history.slice(0, master.history.length).map((h) => [h.code, h.value, h.file])).toEqual(
      master.history.map((h) => [h.code, h.value, h.file]),
    );
    expect(later.history.filter((h) => h.file === '民政局.xlsx').every((h) => h.superseded)).toBe(true);
    expect(later.register.find((r) => r.file === '民政局.xlsx')).toMatchObject({
      earlier: true,
      supersededBy: '民政局-更正.xlsx',
    });
  });

  it('counts the same file given twice once', () => {
    const twice = combine(catalog, [mz, { ...mz, file: '民政局(1).xlsx', order: 99 }], { importedAt: NOW });
    expect(twice.register[1]).toMatchObject({ accepted: false, reason: { kind: 'duplicate-file' } });
  });

  it('rejects a file of another period', () => {
    const old = input('民政局-2022.xlsx', '县民政局', { 'YL-02': 600 }, { period: 2022 });
    const m = combine(catalog, [mz, wj, old], { importedAt: NOW });
    expect(m.register.find((r) => r.file === '民政局-2022.xlsx')).toMatchObject({
      accepted: false,
      reason: { kind: 'period-mismatch' },
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
