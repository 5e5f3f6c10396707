import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { defaultCatalog, type FileResult } from '../../src/core';
import { checkBytes } from '../../src/xlsx/files';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const catalog = defaultCatalog();
const check = (file: string): FileResult =>
  checkBytes(file, readFileSync(path.join(FIXTURES, file)), catalog);
const entry = (result: FileResult, code: string) => result.report!.entries.find((e) => e.code === code)!;

describe('fixtures: every invalid-* file is refused with a file error, every other file reads', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.xlsx'));
  it.each(files)('%s', (file) => {
    const result = check(file);
    if (file.startsWith('invalid-')) {
      expect(result.fileErrors.length).toBeGreaterThan(0);
      expect(result.report).toBeNull();
    } else {
      expect(result.fileErrors).toStrictEqual([]);
      expect(result.report?.fileErrors).toStrictEqual([]);
    }
  });

  it.each([
    ['invalid-not-a-workbook.xlsx', 'not-a-workbook'],
    ['invalid-csv-renamed.xlsx', 'csv'],
    ['invalid-old-xls-renamed.xlsx', 'xls-binary'],
    ['invalid-truncated.xlsx', 'damaged'],
    ['invalid-no-header.xlsx', 'no-header'],
  ])('%s is refused as %s', (file, kind) => {
    expect(check(file).fileErrors.map((e) => e.kind)).toStrictEqual([kind]);
  });
});

describe('the same figures written by openpyxl and rewritten by LibreOffice read the same', () => {
  // Read inside each test, not while jest collects them: code run outside a test is what
  // Stryker calls static and reruns the whole suite for (docs/mutation.md).
  const both = () => [check('openpyxl-民政局.xlsx'), check('libreoffice-民政局.xlsx')] as const;

  it.each([
    ['YL-02', 620, 'off-track', []],
    ['YL-03', 45, 'at-risk', []],
    ['YL-04', 1, 'achieved', []],
    ['YL-05', 100, 'achieved', []],
    ['YL-06', 62, 'off-track', []],
    ['YL-07', 150, 'on-track', []],
    ['YL-09', null, 'invalid', ['formula-error']],
    ['YL-10', 35, 'not-judged', ['approximate']],
    ['YL-15', null, 'no-data', ['not-applicable']],
    ['YL-17', 55, 'achieved', []],
  ])('%s → %s (%s)', (code, value, status, kinds) => {
    for (const result of both()) {
      expect(entry(result, code)).toMatchObject({ value, status });
      expect(entry(result, code).issues.map((i) => i.kind)).toStrictEqual(kinds);
    }
  });

  it('keeps notes that start with = or @ as the text typed', () => {
    for (const result of both()) {
      expect(entry(result, 'YL-15').note).toBe('=未开展探访统计');
      expect(entry(result, 'YL-10').note).toBe('@乡镇上报');
      expect(entry(result, 'YL-10').explained).toBe(true);
    }
  });

  it('reads a formula by its computed value, and one never calculated as an error', () => {
    const [openpyxl, libreoffice] = both();
    // openpyxl cannot calculate =70+8; LibreOffice calculated and cached 78 when it saved.
    expect(entry(openpyxl, 'YL-14')).toMatchObject({ value: null, status: 'invalid' });
    expect(entry(openpyxl, 'YL-14').issues[0]).toMatchObject({
      kind: 'formula-error',
      params: expect.objectContaining({ uncalculated: true }),
    });
    expect(entry(libreoffice, 'YL-14')).toMatchObject({ value: 78, status: 'off-track' });
  });

  it('reads the header fields from both', () => {
    for (const result of both()) {
      expect(result.report).toMatchObject({
        bureau: '县民政局',
        period: 2023,
        filledBy: '李明',
        phone: '0883-6123456',
        filledOn: '2023-12-20',
      });
    }
  });
});

describe('deviations of spec §3', () => {
  it('reads moved columns, reordered rows, lower-case and full-width codes, an alias and no _meta', () => {
    const result = check('deviant-moved-columns.xlsx');
    expect(result.report).toMatchObject({ bureau: '县民政局', period: 2023 });
    expect(entry(result, 'YL-02')).toMatchObject({ value: 620, cell: 'B6', note: '增加了30张' });
    expect(entry(result, 'YL-03')).toMatchObject({ value: 45, cell: 'B4' });
    expect(entry(result, 'YL-05')).toMatchObject({ value: 100 });
    // Rows the clerk deleted are missing for the lead.
    expect(entry(result, 'YL-06').issues.map((i) => i.kind)).toStrictEqual(['missing']);
  });

  it('reads 填报日期 in a 1904-date-system workbook', () => {
    expect(check('date1904-民政局.xlsx').report?.filledOn).toBe('2023-12-20');
  });
});
