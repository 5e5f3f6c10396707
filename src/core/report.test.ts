import { checkedInput, checkedReport, type CellInput } from '../../test/helpers/views';
import {
  combine,
  defaultCatalog,
  entrySummary,
  issueMessage,
  jsonReport,
  makeIssue,
  notJudgedText,
  responsibleBureaus,
  sha256Text,
  statusText,
  type CombineInput,
  type EntryReport,
  type SubmissionReport,
} from '.';

/**
 * The words a clerk reads about one figure (the 核查结果 column, a cell's note, `yilao check`'s
 * text) and the §8 JSON report's register, tested where they are made. Expected texts are
 * written out by hand from the message templates, not produced by the code under test.
 */

const catalog = defaultCatalog();

const report = (
  bureau: string,
  period: number,
  figures: Record<string, CellInput>,
  notes: Record<string, string> = {},
): SubmissionReport => checkedReport(catalog, bureau, period, figures, notes);
const entry = (r: SubmissionReport, code: string): EntryReport => r.entries.find((e) => e.code === code)!;

describe('notJudgedText: why a figure was not judged, and what it will be judged against (§5)', () => {
  it('no baseline: judged in the target year — percent units written without a space in Chinese', () => {
    const yl10 = entry(report('县民政局', 2023, { 'YL-10': 50 }), 'YL-10');
    expect(yl10.notJudged).toStrictEqual({ reason: 'no-baseline', targetYear: 2025 });
    expect(notJudgedText(yl10, 'zh')).toBe(
      '方案未给基期值，算不出本期应达值，到目标年才评估；目标：2025 年达到 60%',
    );
    expect(notJudgedText(yl10, 'en')).toBe(
      'the plan gives no baseline, so there is no expected value for this period; judged in the target year against 60 % by 2025',
    );
  });

  it('a period not after the starting year has no expected value yet', () => {
    const yl02 = entry(report('县民政局', 2020, { 'YL-02': 700 }), 'YL-02');
    expect(notJudgedText(yl02, 'zh')).toBe('本期不晚于起算年 2020 年，尚无应达值；目标：2025 年达到 800张');
    expect(notJudgedText(yl02, 'en')).toBe(
      'this period is not after the starting year 2020; target 800 张 by 2025',
    );
  });

  it('a reform before its due year is not judged; a judged figure has no such text', () => {
    const gg03 = entry(report('县卫生健康局', 2023, { 'GG-03': '推进中' }), 'GG-03');
    expect(notJudgedText(gg03, 'zh')).toBe('方案要求 2025 年完成，此前不评估进度');
    expect(notJudgedText(gg03, 'en')).toBe('due in 2025; the plan sets no pace before then');
    expect(notJudgedText(entry(report('县民政局', 2023, { 'YL-03': 45 }), 'YL-03'), 'zh')).toBe('');
  });

  it('no reporting year: there is no schedule to compare with', () => {
    const yl02: EntryReport = {
      ...entry(report('县民政局', 2023, { 'YL-02': 700 }), 'YL-02'),
      status: 'not-judged',
      notJudged: { reason: 'no-period' },
    };
    expect(notJudgedText(yl02, 'zh')).toBe('表头没有报告期（E2），无法对照进度');
    expect(notJudgedText(yl02, 'en')).toBe('no reporting year (E2), so there is no schedule to compare with');
  });
});

describe('statusText: a status in words; to-confirm says what it would be and why a note does not count', () => {
  it('a plain status is its label', () => {
    expect(statusText({ status: 'off-track', note: '' }, 'zh')).toBe('滞后');
    expect(statusText({ status: 'off-track', note: 'ignored' }, 'en')).toBe('off track');
  });

  it('to confirm, without a note and with one (cut after twelve characters)', () => {
    expect(statusText({ status: 'to-confirm', wouldBe: 'achieved', note: '' }, 'zh')).toBe(
      '待核实（若属实：达标）',
    );
    expect(statusText({ status: 'to-confirm', wouldBe: 'achieved', note: ' 已核 ' }, 'zh')).toBe(
      '待核实（若属实：达标；说明“已核”没有写明原因）',
    );
    expect(
      statusText({ status: 'to-confirm', wouldBe: 'off-track', note: '一二三四五六七八九十甲乙' }, 'zh'),
    ).toBe('待核实（若属实：滞后；说明“一二三四五六七八九十甲乙”没有写明原因）');
    expect(
      statusText({ status: 'to-confirm', wouldBe: 'off-track', note: '一二三四五六七八九十甲乙丙' }, 'zh'),
    ).toBe('待核实（若属实：滞后；说明“一二三四五六七八九十甲乙…”没有写明原因）');
    expect(statusText({ status: 'to-confirm', note: 'checked' }, 'en')).toBe(
      'to confirm (if right: not judged; the note "checked" gives no reason)',
    );
    expect(statusText({ status: 'to-confirm', note: 'checked by me' }, 'en')).toBe(
      'to confirm (if right: not judged; the note "checked by m…" gives no reason)',
    );
    expect(statusText({ status: 'to-confirm', wouldBe: 'on-track', note: '' }, 'en')).toBe(
      'to confirm (if right: on track)',
    );
  });
});

describe('entrySummary: the status, then every issue, as sentences', () => {
  // 民政局 2023: YL-02 约620张 (approximate, not explained), YL-06 0.7 with a note (explained).
  let checked: SubmissionReport;
  beforeEach(() => {
    checked = report(
      '县民政局',
      2023,
      { 'YL-02': '约620张', 'YL-06': 0.7, 'YL-10': 50 },
      { 'YL-06': '按0.7填报' },
    );
  });

  it('an unexplained warning keeps its advice; a sentence that ends in 。 is not followed by ；', () => {
    expect(entrySummary(entry(checked, 'YL-02'), 'zh')).toBe(
      '滞后；提醒：“约620张”是约数，已按 620 读取。请填写准确数字；确实只有约数的，请在“说明”栏说明。',
    );
    expect(entrySummary(entry(checked, 'YL-02'), 'en')).toBe(
      'off track; warning: "约620张" is an approximate figure, read as 620. Type the exact figure, or explain in the note column.',
    );
  });

  it('an explained warning quotes the note and drops only the sentence asking for one', () => {
    expect(entrySummary(entry(checked, 'YL-06'), 'zh')).toBe(
      '滞后；提醒（已说明：按0.7填报）：填写的是 0.7，本指标单位为“%”，是否应为 70？',
    );
    expect(entrySummary(entry(checked, 'YL-06'), 'en')).toBe(
      'off track; warning (explained: 按0.7填报): You typed 0.7 but this indicator is in %. Did you mean 70?',
    );
  });

  it('a figure not judged says why inside the status; a separator lists the parts instead', () => {
    expect(entrySummary(entry(checked, 'YL-10'), 'zh')).toBe(
      '未评估（方案未给基期值，算不出本期应达值，到目标年才评估；目标：2025 年达到 60%）',
    );
    expect(entrySummary(entry(checked, 'YL-02'), 'zh', '\n')).toBe(
      '滞后\n提醒：“约620张”是约数，已按 620 读取。请填写准确数字；确实只有约数的，请在“说明”栏说明。',
    );
  });

  it('after a sentence that ends, the next issue follows without a ；', () => {
    // 约6200张 for 650 → 800 beds: an approximate figure and a scale slip, so 待核实 (§5 v2).
    const two = entry(report('县民政局', 2023, { 'YL-02': '约6200张' }), 'YL-02');
    expect(entrySummary(two, 'zh')).toBe(
      '待核实（若属实：达标）；提醒：“约6200张”是约数，已按 6200 读取。请填写准确数字；确实只有约数的，请在“说明”栏说明。' +
        '提醒：6200 达到基期值和目标值中较大者（800）的 7.5 倍以上，可能多打了一位数，或把“千”“万”弄错了。请核对；如属实，请在“说明”栏说明。',
    );
    expect(entrySummary(two, 'en')).toBe(
      'to confirm (if right: achieved); warning: "约6200张" is an approximate figure, read as 6200. Type the exact figure, or explain in the note column. ' +
        'warning: 6200 is 7.5 times or more the larger of baseline and target (800): perhaps a digit too many, or thousands and ten-thousands mixed up. Please check, and explain in the note column if it is right.',
    );
  });

  it('an explained warning whose every sentence asks for a note is kept whole, never emptied', () => {
    const yl06 = entry(checked, 'YL-06');
    const adviceOnly: EntryReport = {
      ...yl06,
      issues: [makeIssue('warning', 'not-a-number', { raw: '', unit: '%', tooLong: true })],
    };
    expect(entrySummary(adviceOnly, 'zh')).toBe(
      '滞后；提醒（已说明：按0.7填报）：本期完成值只能填数字（单位：%），文字说明请写在“说明”栏。',
    );
  });

  it('a note is quoted whole up to forty characters, cut with … past them', () => {
    const forty = '按0.7填报，' + '核'.repeat(33);
    expect(forty.length).toBe(40);
    const summary = (note: string) =>
      entrySummary(entry(report('县民政局', 2023, { 'YL-06': 0.7 }, { 'YL-06': note }), 'YL-06'), 'zh');
    expect(summary(forty)).toContain(`提醒（已说明：${forty}）：`);
    expect(summary(`${forty}实`)).toContain(`提醒（已说明：${forty}…）：`);
  });
});

describe('jsonReport (§8): the register and who has not reported', () => {
  it('each file with its outcome and reason in words; nothing reported is listed by bureau', () => {
    const used = checkedInput(catalog, '民政局.xlsx', '县民政局', { 'YL-02': 620 });
    const broken: CombineInput = {
      file: '坏.xlsx',
      sha256: sha256Text('坏'),
      report: null,
      fileErrors: [{ kind: 'damaged', params: {} }],
    };
    const master = combine(catalog, [used, broken], { importedAt: '2024-01-10T08:00:00.000Z' });
    const json = jsonReport([], 'zh', master);
    expect(json.period).toBe(2023);
    expect(json.register).toHaveLength(2);
    const first = json.register?.find((r) => r.file === '坏.xlsx');
    const second = json.register?.find((r) => r.file === '民政局.xlsx');
    expect(first).toMatchObject({
      file: '坏.xlsx',
      bureau: '',
      outcome: 'rejected',
      accepted: false,
      reasonKind: 'damaged',
      reason: '文件“坏.xlsx”已损坏或不完整（压缩包结构被破坏，可能下载或传输中断），请让填报单位重新发送。',
      supersededBy: null,
    });
    expect(second).toMatchObject({
      file: '民政局.xlsx',
      bureau: '县民政局',
      period: 2023,
      outcome: 'used',
      accepted: true,
      reasonKind: null,
      reason: null,
      supersededBy: null,
    });
    // Every bureau but 民政局 sent nothing usable; 民政局 is not listed.
    expect(json.notReported?.map((n) => n.bureau)).not.toContain('县民政局');
    expect(json.notReported?.length).toBe(responsibleBureaus(catalog).length - 1);
    expect(json.notReported?.every((n) => n.files.length === 0)).toBe(true);
    expect(json.master?.find((m) => m.code === 'YL-02')).toMatchObject({
      value: 620,
      bureau: '县民政局',
      file: '民政局.xlsx',
      fromCoResponsible: false,
    });
    // The row carries the figure's issues in words.
    const approximate = combine(
      catalog,
      [checkedInput(catalog, '民政局.xlsx', '县民政局', { 'YL-02': '约620张' })],
      { importedAt: '2024-01-10T08:00:00.000Z' },
    );
    expect(jsonReport([], 'en', approximate).master?.find((m) => m.code === 'YL-02')?.issues).toStrictEqual([
      {
        severity: 'warning',
        kind: 'approximate',
        message:
          '"约620张" is an approximate figure, read as 620. Type the exact figure, or explain in the note column.',
        cell: 'G6', // row 5 is the 养老 section row; YL-02 is 民政局's first indicator
        code: 'YL-02',
      },
    ]);
    // A row nobody reported carries null, not an empty string, for its bureau and file.
    expect(json.master?.find((m) => m.code === 'TY-03')).toMatchObject({ bureau: null, file: null });
  });
});

describe('jsonReport (§8): one entry per file, read or refused', () => {
  it('a refused file: no bureau or period (null, not empty), its errors in words with their detail', () => {
    const json = jsonReport(
      [
        {
          file: '坏.xlsx',
          sha256: sha256Text('坏'),
          report: null,
          fileErrors: [
            { kind: 'damaged', params: { detail: 'invalid distance too far back' } },
            { kind: 'damaged', params: {} },
          ],
          convertedFrom: '.xls',
        },
      ],
      'en',
    );
    // No master given: the report has files only.
    expect(Object.keys(json)).toStrictEqual(['files']);
    expect(json.files).toStrictEqual([
      {
        file: '坏.xlsx',
        sha256: sha256Text('坏'),
        convertedFrom: '.xls',
        bureau: null,
        period: null,
        filledBy: '',
        filledOn: '',
        fileErrors: [
          {
            kind: 'damaged',
            message:
              '"坏.xlsx" is damaged or incomplete (its zip structure is broken, perhaps cut off in transfer). Ask the bureau to send it again.',
            detail: 'invalid distance too far back',
          },
          {
            kind: 'damaged',
            message:
              '"坏.xlsx" is damaged or incomplete (its zip structure is broken, perhaps cut off in transfer). Ask the bureau to send it again.',
          },
        ],
        sheetIssues: [],
        counts: null,
        entries: [],
      },
    ]);
  });

  it('a read file: who filled it, its counts, and each entry with its issues, cells and codes', () => {
    const checked = report('县民政局', 2023, { 'YL-02': '约620张', 'YL-10': 50 });
    const json = jsonReport([{ file: '民政局.xlsx', sha256: 'ab', report: checked, fileErrors: [] }], 'zh');
    const [file] = json.files;
    expect(file).toMatchObject({
      bureau: '县民政局',
      period: 2023,
      filledBy: '张三',
      filledOn: '2023-12-20',
      fileErrors: [],
      counts: checked.counts,
    });
    expect(Object.keys(file!)).not.toContain('convertedFrom');
    const yl02 = file!.entries.find((e) => e.code === 'YL-02')!;
    expect(yl02).toMatchObject({
      raw: '约620张',
      value: 620,
      unit: '张',
      status: 'off-track',
      explained: false,
    });
    expect(Object.keys(yl02)).not.toContain('notJudged');
    expect(yl02.issues).toStrictEqual([
      {
        severity: 'warning',
        kind: 'approximate',
        message: '“约620张”是约数，已按 620 读取。请填写准确数字；确实只有约数的，请在“说明”栏说明。',
        cell: entry(checked, 'YL-02').cell,
        code: 'YL-02',
      },
    ]);
    expect(Object.keys(yl02)).not.toContain('wouldBe');
    const scaled = jsonReport(
      [{ file: 'b.xlsx', sha256: 'ab', report: report('县民政局', 2023, { 'YL-02': 6200 }), fileErrors: [] }],
      'zh',
    ).files[0]!.entries.find((e) => e.code === 'YL-02');
    expect(scaled).toMatchObject({ status: 'to-confirm', wouldBe: 'achieved' });
    expect(file!.entries.find((e) => e.code === 'YL-10')?.notJudged).toBe(
      '方案未给基期值，算不出本期应达值，到目标年才评估；目标：2025 年达到 60%',
    );
  });

  it('a project figure carries its 完成情况 as progressText, in the file and the master; a reform keeps it in raw only', () => {
    const figures = {
      'XM-01-床位': 180,
      'XM-01-床位:progress': '推进中',
      'XM-01-投资': '0.9亿元',
      'GG-02': '已完成',
    };
    const used = checkedInput(catalog, '民政局.xlsx', '县民政局', figures, { period: 2024 });
    const json = jsonReport(
      [{ file: '民政局.xlsx', sha256: 'ab', report: report('县民政局', 2024, figures), fileErrors: [] }],
      'zh',
      combine(catalog, [used], { importedAt: '2024-01-10T08:00:00.000Z' }),
    );
    const entries = json.files[0]!.entries;
    expect(entries.find((e) => e.code === 'XM-01-床位')).toMatchObject({
      value: 180,
      progressText: '推进中',
    });
    // No 完成情况 chosen on its row: no key, not an empty one.
    expect(Object.keys(entries.find((e) => e.code === 'XM-01-投资')!)).not.toContain('progressText');
    const gg02 = entries.find((e) => e.code === 'GG-02')!;
    expect(gg02.raw).toBe('已完成');
    expect(Object.keys(gg02)).not.toContain('progressText');
    expect(json.master?.find((m) => m.code === 'XM-01-床位')).toMatchObject({
      value: 180,
      progressText: '推进中',
    });
    expect(Object.keys(json.master!.find((m) => m.code === 'XM-01-投资')!)).not.toContain('progressText');
    expect(Object.keys(json.master!.find((m) => m.code === 'GG-02')!)).not.toContain('progressText');
  });

  it('an issue without a cell or code has neither key, and sheet-level issues are listed', () => {
    const checked = report('县民政局', 2023, { 'YL-02': 620 });
    const sheetIssue = makeIssue('warning', 'catalog-mismatch', { fileCatalog: 'x', catalog: 'y' });
    const json = jsonReport(
      [{ file: 'a.xlsx', sha256: 'ab', report: { ...checked, sheetIssues: [sheetIssue] }, fileErrors: [] }],
      'zh',
    );
    expect(Object.keys(json.files[0]!.sheetIssues[0]!)).toStrictEqual(['severity', 'kind', 'message']);
  });

  it('who has not reported lists each refused file with its reason in words', () => {
    const wrongYear = checkedInput(catalog, '教体局.xlsx', '县教育体育局', { 'TY-01': 5 }, { period: 2022 });
    const used = checkedInput(catalog, '民政局.xlsx', '县民政局', { 'YL-02': 620 });
    const master = combine(catalog, [used, wrongYear], { importedAt: '2024-01-10T08:00:00.000Z' });
    const json = jsonReport([], 'zh', master);
    expect(json.notReported?.find((n) => n.bureau === '县教育体育局')?.files).toStrictEqual([
      {
        file: '教体局.xlsx',
        outcome: 'rejected',
        reason:
          '文件“教体局.xlsx”的报告期为 2022 年，与本次汇总的 2023 年不同，未汇总。请确认报告期，或在 2022 年的汇总中使用它。',
      },
    ]);
  });
});

describe('entrySummary and statusText in English, and the edges of their cuts', () => {
  it('a figure not judged says why in brackets', () => {
    const yl10 = entry(report('县民政局', 2023, { 'YL-10': 50 }), 'YL-10');
    expect(entrySummary(yl10, 'en')).toBe(
      'not judged (the plan gives no baseline, so there is no expected value for this period; judged in the target year against 60 % by 2025)',
    );
  });

  it('an English note of exactly twelve characters is quoted whole', () => {
    expect(statusText({ status: 'to-confirm', wouldBe: 'achieved', note: 'checked by m' }, 'en')).toBe(
      'to confirm (if right: achieved; the note "checked by m" gives no reason)',
    );
  });

  it('an error on an explained entry is still an error, with its advice', () => {
    const yl06 = entry(report('县民政局', 2023, { 'YL-06': 0.7 }, { 'YL-06': '按0.7填报' }), 'YL-06');
    const withError: EntryReport = {
      ...yl06,
      issues: [makeIssue('error', 'not-a-number', { raw: 'abc', unit: '%', tooLong: false })],
    };
    expect(entrySummary(withError, 'zh')).toBe(`滞后；错误：${issueMessageOf(withError, 'zh')}`);
    expect(entrySummary(withError, 'en')).toBe(`off track; error: ${issueMessageOf(withError, 'en')}`);
  });

  it('an explained English warning whose every sentence asks for a note is kept whole', () => {
    const yl06 = entry(report('县民政局', 2023, { 'YL-06': 0.7 }, { 'YL-06': 'as typed' }), 'YL-06');
    const adviceOnly: EntryReport = {
      ...yl06,
      issues: [makeIssue('warning', 'not-a-number', { raw: '', unit: '%', tooLong: true })],
    };
    const message = issueMessageOf(adviceOnly, 'en');
    expect(message).toContain('note column');
    expect(entrySummary(adviceOnly, 'en')).toBe(`off track; warning (explained: as typed): ${message}`);
  });

  it('a part with a full stop inside but not at its end is followed by ；', () => {
    // A to-confirm status quoting a note with 。 in it ends in ）, so the next part needs its ；.
    const yl02 = entry(report('县民政局', 2023, { 'YL-02': 620 }), 'YL-02');
    const quoted: EntryReport = {
      ...yl02,
      status: 'to-confirm',
      wouldBe: 'achieved',
      note: '已核。无误',
      explained: false,
      issues: [makeIssue('warning', 'approximate', { raw: '约620张', value: 620, bound: 'about' })],
    };
    expect(entrySummary(quoted, 'zh')).toBe(
      '待核实（若属实：达标；说明“已核。无误”没有写明原因）；提醒：“约620张”是约数，已按 620 读取。请填写准确数字；确实只有约数的，请在“说明”栏说明。',
    );
    expect(entrySummary({ ...quoted, note: 'ok. fine' }, 'en')).toBe(
      'to confirm (if right: achieved; the note "ok. fine" gives no reason); warning: "约620张" is an approximate figure, read as 620. Type the exact figure, or explain in the note column.',
    );
  });
});

function issueMessageOf(e: EntryReport, lang: 'zh' | 'en'): string {
  return issueMessage(e.issues[0]!, lang);
}
