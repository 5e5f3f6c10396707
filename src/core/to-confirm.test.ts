import { checkedReport, filledView } from '../../test/helpers/views';
import {
  checkSubmission,
  combine,
  defaultCatalog,
  entrySummary,
  explains,
  jsonReport,
  masterModel,
  readSubmission,
  sha256Text,
  type SubmissionReport,
} from '.';

/** Spec §5 v2: a usable figure with an unexplained warning that questions it is to-confirm (待核实). */

const catalog = defaultCatalog();

const check = (
  figures: Record<string, string | number>,
  notes: Record<string, string> = {},
): SubmissionReport => checkedReport(catalog, '县民政局', 2023, figures, notes);
const entry = (report: SubmissionReport, code: string) => report.entries.find((e) => e.code === code)!;

describe('to-confirm (spec §5 v2)', () => {
  it('§5 v2: 0.55 typed for a percentage is held at to-confirm with the status it would have', () => {
    // YL-06: 55 → 80 by 2025; 0.55 would be far behind (off-track) if it were right.
    const report = check({ 'YL-06': 0.55 });
    expect(entry(report, 'YL-06')).toMatchObject({ status: 'to-confirm', wouldBe: 'off-track', value: 0.55 });
    expect(report.counts.byStatus['to-confirm']).toBe(1);
    expect(report.counts.byStatus['off-track']).toBe(0);
  });

  it('§5 v2: to-confirm comes before achieved — a questioned figure is never counted achieved', () => {
    // YL-02 target 800 beds; 8000 is past the scale-slip line — achieved, if it were right.
    const report = check({ 'YL-02': 8000 });
    const e = entry(report, 'YL-02');
    expect(e.issues.map((i) => i.kind)).toStrictEqual(['scale-slip']);
    expect(e).toMatchObject({ status: 'to-confirm', wouldBe: 'achieved' });
    expect(report.counts.byStatus.achieved).toBe(0);
  });

  it('§5 v2: a 说明 that says something explains; "见附件", "同上" and three characters do not', () => {
    for (const note of ['见附件', '详见说明', '同上', '已核实', '见附件1', '  。']) {
      expect([note, explains(note)]).toStrictEqual([note, false]);
      expect(entry(check({ 'YL-06': 0.55 }, { 'YL-06': note }), 'YL-06').status).toBe('to-confirm');
    }
    for (const note of ['统计口径为覆盖乡镇比例', '见附件：今年新建两个站点', '数据经核实无误']) {
      expect([note, explains(note)]).toStrictEqual([note, true]);
      const e = entry(check({ 'YL-06': 0.55 }, { 'YL-06': note }), 'YL-06');
      expect(e).toMatchObject({ status: 'off-track', explained: true });
      expect(e.wouldBe).toBeUndefined();
    }
  });

  it('§5 v2: every way of only pointing elsewhere says nothing; four characters of one’s own do', () => {
    const pointers = [
      '请见附表',
      '参见上表',
      '另见材料',
      '见下文',
      '见上文',
      '见备注',
      '见文件',
      '见报告',
      '见附页2',
      '详见附件三',
      '见下表',
      '同前',
      '同左',
      '同下',
      '如上',
      '如前',
      '略',
      '同上；见附件。',
      '！！！！',
      '(见附件)',
      '见附件１',
      // Symbols say nothing either.
      '★',
      '+-',
    ];
    // Four times over, so that a pointer not taken out whole would leave four characters behind.
    expect(pointers.map((note) => note.repeat(4)).filter((note) => explains(note))).toStrictEqual([]);
    // Four characters are enough, three are not — counted as characters, not UTF-16 units.
    expect(explains('核实无误')).toBe(true);
    expect(explains('核实过')).toBe(false);
    expect(explains('\u{20000}\u{20001}\u{20002}')).toBe(false);
    expect(explains('\u{20000}\u{20001}\u{20002}\u{20003}')).toBe(true);
    // What points elsewhere is taken out; what is left still counts.
    expect(explains('见附件，新建两站')).toBe(true);
    expect(explains('ＡＢＣＤ')).toBe(true);
    // 见 points even with no word after it: 详见第3页 leaves 第3页, three characters.
    expect(explains('详见第3页')).toBe(false);
    expect(explains('详见第3页表格')).toBe(true);
  });

  it('§5: a 说明 explains warnings only — an invalid figure with a note is not explained', () => {
    const note = '数据经核实无误';
    expect(explains(note)).toBe(true);
    const e = entry(check({ 'YL-02': 'abc' }, { 'YL-02': note }), 'YL-02');
    expect(e.issues.map((i) => [i.severity, i.kind])).toStrictEqual([['error', 'not-a-number']]);
    expect(e).toMatchObject({ status: 'invalid', explained: false });
  });

  it('§5 v2: warnings that do not question the figure (approximate) leave the status alone', () => {
    const e = entry(check({ 'YL-02': '约760张' }), 'YL-02');
    expect(e.issues.map((i) => i.kind)).toStrictEqual(['approximate']);
    expect(e.status).toBe('on-track');
  });

  it('§5 v2: an error makes the figure invalid, not to-confirm', () => {
    expect(entry(check({ 'YL-06': 'abc' }), 'YL-06').status).toBe('invalid');
  });

  it('says what the figure would be, and why the note does not count', () => {
    const e = entry(check({ 'YL-06': 0.55 }, { 'YL-06': '见附件' }), 'YL-06');
    expect(entrySummary(e, 'zh')).toMatch(/^待核实（若属实：滞后；说明“见附件”没有写明原因）/);
    expect(entrySummary(e, 'en')).toMatch(
      /^to confirm \(if right: off track; the note "见附件" gives no reason\)/,
    );
  });

  it('holds in the master: the row, the JSON report and the overview count it as 待核实', () => {
    const report = check({ 'YL-06': 0.55 });
    const master = combine(catalog, [{ file: 'a.xlsx', sha256: sha256Text('a'), report, fileErrors: [] }], {
      importedAt: '2023-12-20 10:00',
    });
    const row = master.rows.find((r) => r.code === 'YL-06')!;
    expect(row).toMatchObject({ status: 'to-confirm', wouldBe: 'off-track' });
    const json = jsonReport([], 'zh', master);
    expect(json.master?.find((m) => m.code === 'YL-06')).toMatchObject({
      status: 'to-confirm',
      wouldBe: 'off-track',
    });
    const model = masterModel(catalog, master, 'zh');
    const elderly = model.overview.bySection.find((g) => g.label === master.overview.bySection[0]!.label)!;
    expect(elderly.counts[model.overview.statusHeaders.indexOf('待核实')]).toBe(1);
    // On the leader's page too, with why in words.
    const attention = model.overview.attention.rows.find((r) => r.cells[0]?.startsWith('YL-06 '))!;
    expect(attention.cells[1]).toContain('待核实');
    expect(attention.cells[2]).toBe('县民政局');
    expect(attention.cells[3]).toContain('0.55');
    const summaryRow = model.summary.rows.find((r) => r[0] === 'YL-06')!;
    expect(summaryRow[7]).toBe('待核实');
    expect(String(summaryRow[13])).toContain('若属实：滞后');
  });

  it('a cross-bureau inconsistency found only in the master holds the rate at to-confirm there', () => {
    const edu = readSubmission(filledView(catalog, '县教育体育局', 2023, { 'TY-04': 5 }), catalog);
    const health = readSubmission(filledView(catalog, '县卫生健康局', 2023, { 'TY-03': 655 }), catalog);
    if (!edu.ok || !health.ok) throw new Error('unreadable');
    const master = combine(
      catalog,
      [
        {
          file: 'e.xlsx',
          sha256: sha256Text('e'),
          report: checkSubmission(catalog, edu.submission),
          fileErrors: [],
        },
        {
          file: 'h.xlsx',
          sha256: sha256Text('h'),
          report: checkSubmission(catalog, health.submission),
          fileErrors: [],
        },
      ],
      { importedAt: '2023-12-20 10:00' },
    );
    const row = master.rows.find((r) => r.code === 'TY-04')!;
    expect(row.issues.map((i) => i.kind)).toContain('inconsistent');
    expect(row.status).toBe('to-confirm');
    expect(row.wouldBe).not.toBe('to-confirm');
  });
});
