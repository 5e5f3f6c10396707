import { ISSUE_LABELS, fileErrorMessage, issueMessage, statusLabel, STATUS_LABELS } from './messages';
import { STATUSES, type FileErrorKind, type IssueKind } from './types';

const ISSUE_KINDS: IssueKind[] = [
  'percent-as-fraction',
  'unit-mismatch',
  'approximate',
  'not-applicable',
  'missing',
  'formula-error',
  'date-typed',
  'not-a-number',
  'out-of-range',
  'not-whole',
  'not-responsible',
  'scale-slip',
  'inconsistent',
  'suspicious-change',
  'unknown-code',
  'duplicate-code',
  'merged-cell',
  'meta-mismatch',
  'bureau-unknown',
  'period-missing',
  'catalog-mismatch',
  'milestone-status',
];
const FILE_KINDS: FileErrorKind[] = [
  'not-a-workbook',
  'damaged',
  'encrypted',
  'xls-binary',
  'csv',
  'too-large',
  'empty-workbook',
  'no-sheet',
  'no-header',
  'bureau-unknown',
  'period-missing',
  'period-mismatch',
  'duplicate-file',
  'unreadable',
];

describe('messages', () => {
  it.each(ISSUE_KINDS)('%s reads in Chinese and English', (kind) => {
    const params = {
      raw: '620张',
      unit: '张',
      value: 620,
      typedUnit: '个',
      suggested: 85,
      code: 'YL-02',
      error: '#REF!',
      limit: 'over-100',
      lead: '县民政局',
      reference: 800,
      other: 'TY-03',
      rate: 5,
      population: 282500,
      implied: 1413,
      count: 655,
      tolerance: 10,
      previousPeriod: 2022,
      previous: 700,
      row: 9,
      typed: 'x',
      rows: '6、9',
      range: 'G6:G7',
      field: '填报单位',
      visible: 'a',
      meta: 'b',
      fileCatalog: 'a',
      catalog: 'b',
    };
    const zh = issueMessage({ kind, params }, 'zh');
    const en = issueMessage({ kind, params }, 'en');
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(en).toMatch(/[a-z]/);
    expect(zh + en).not.toMatch(/undefined|\[object/);
    expect(ISSUE_LABELS.zh[kind]).toMatch(/[\u4e00-\u9fff]/);
    expect(ISSUE_LABELS.en[kind]).toMatch(/[a-z]/);
  });

  it('tells the clerk what to type instead', () => {
    expect(issueMessage({ kind: 'unit-mismatch', params: { unit: '张', typedUnit: '个', value: 620 } })).toBe(
      '填写的单位“个”与本指标单位“张”不符，请只填写以“张”计的数字，如 620。',
    );
    expect(issueMessage({ kind: 'percent-as-fraction', params: { raw: '0.55', suggested: 55 } })).toContain(
      '是否应为 55',
    );
  });

  it.each(FILE_KINDS)('file error %s names the file', (kind) => {
    const params = {
      file: '民政局.xlsx',
      typed: 'x',
      period: 2022,
      expected: 2023,
      other: 'y.xlsx',
      detail: 'z',
    };
    expect(fileErrorMessage({ kind, params }, 'zh')).toContain('民政局.xlsx');
    expect(fileErrorMessage({ kind, params }, 'en')).toContain('民政局.xlsx');
  });

  it('labels every status in both languages', () => {
    for (const status of STATUSES) {
      expect(statusLabel(status)).toBe(STATUS_LABELS.zh[status]);
      expect(statusLabel(status, 'en')).toMatch(/[a-z]/);
    }
    expect(statusLabel('off-track')).toBe('滞后');
  });
});
