import { existsSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { checkWorkbook, defaultCatalog, type SubmissionReport } from '../../src/core';
import { runCli } from '../helpers/run-cli';
import { demoSubmissions, fillTemplate } from '../../src/xlsx/demo';
import { isoFromDateCell, readWorkbook } from '../../src/xlsx/reader';
import { writeTemplate } from '../../src/xlsx/template';

/**
 * Issue 12: what real writers write, each on a real bureau submission altered the same way
 * as the peer file that showed it, and on that peer file where the corpus has it.
 */

const catalog = defaultCatalog();
const PEER = path.resolve(__dirname, '..', '..', '..', 'shared', 'peer-xlsx');
const peer = (name: string) => readFileSync(path.join(PEER, name));
const hasPeer = existsSync(PEER);
const withPeer = hasPeer ? it : it.skip;

type Parts = Record<string, Uint8Array>;

async function submission(): Promise<Parts> {
  const demo = demoSubmissions().find((s) => s.bureau === '县民政局')!;
  return unzipSync(await fillTemplate(await writeTemplate(catalog, demo.bureau, 2023), demo.filling));
}
const text = (parts: Parts, name: string) => strFromU8(parts[name]!);
const put = (parts: Parts, name: string, xml: string) => {
  parts[name] = strToU8(xml);
};
const ENTRY = 'xl/worksheets/sheet1.xml';

function check(parts: Parts): SubmissionReport {
  const read = readWorkbook(zipSync(parts));
  if (!read.ok) throw new Error(`refused: ${read.error.kind} ${JSON.stringify(read.error.params)}`);
  const checked = checkWorkbook(catalog, read.workbook, {});
  if (!checked.ok) throw new Error(`not checked: ${checked.error.kind}`);
  return checked.report;
}

/** The `<c>` of one cell in the entry sheet, replaced by the given XML. */
function replaceCell(xml: string, ref: string, cell: string): string {
  const pattern = new RegExp(`<c r="${ref}"(?:[^>]*/>|[^>]*>.*?</c>)`);
  if (!pattern.test(xml)) throw new Error(`no cell ${ref}`);
  return xml.replace(pattern, cell);
}

/** The row a code stands on in the 民政局 template, read from the file itself. */
function rowOf(parts: Parts, code: string): number {
  // [\s\S]: a string may hold a line break (the template's 基期值 and 目标值 headers do).
  const sst = [...text(parts, 'xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    m[1]!.replace(/<[^>]+>/g, ''),
  );
  const index = sst.indexOf(code);
  const match = new RegExp(`<c r="A(\\d+)"[^>]*t="s"[^>]*><v>${index}</v>`).exec(text(parts, ENTRY));
  if (!match) throw new Error(`no row for ${code}`);
  return Number(match[1]);
}

const entry = (report: SubmissionReport, code: string) => report.entries.find((e) => e.code === code)!;

describe('1. an empty shared-string cell is empty, not the first string', () => {
  it('on a submission: YL-03 written as <v/> is missing, not "…不是数字"', async () => {
    const parts = await submission();
    const row = rowOf(parts, 'YL-03');
    put(parts, ENTRY, replaceCell(text(parts, ENTRY), `G${row}`, `<c r="G${row}" t="s"><v/></c>`));
    const yl03 = entry(check(parts), 'YL-03');
    expect(yl03.raw).toBe('');
    expect(yl03.issues.map((i) => i.kind)).toStrictEqual(['missing']);
  });

  withPeer('on POI 64508 and 64667: E2 and E3 are empty', () => {
    for (const file of [
      'apache__test-data_spreadsheet_64508.xlsx',
      'apache__test-data_spreadsheet_64667.xlsx',
    ]) {
      const read = readWorkbook(peer(file), { allSheets: true });
      if (!read.ok) throw new Error(read.error.kind);
      const rows = read.workbook.sheets[0]!.rows;
      expect(rows[1]?.[4]).toBeUndefined();
      expect(rows[2]?.[4]).toBeUndefined();
    }
  });
});

describe('2. the 1904 date system survives <x15:workbookPr> in the same part', () => {
  it('on a submission: 填报日期 read in the 1904 system, not four years and a day early', async () => {
    const parts = await submission();
    const workbook = text(parts, 'xl/workbook.xml')
      .replace(/<workbookPr([^>]*?)\/>/, '<workbookPr$1 date1904="1"/>')
      .replace(
        '</workbook>',
        '<extLst><ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:workbookPr chartTrackingRefBase="1"/></ext></extLst></workbook>',
      );
    expect(workbook).toContain('date1904="1"');
    put(parts, 'xl/workbook.xml', workbook);
    // The serial of 2023-12-18 in the 1904 system: 1,462 days less than in the 1900 system.
    const sheet = text(parts, ENTRY);
    const serial = Number(/<c r="H2"[^>]*><v>(\d+)<\/v>/.exec(sheet)![1]);
    put(parts, ENTRY, sheet.replace(`<v>${serial}</v>`, `<v>${serial - 1462}</v>`));
    expect(check(parts).filledOn).toBe('2023-12-18');
  });

  withPeer('on exceljs 1904.xlsx, and with the x15 tag added to it', () => {
    const parts = unzipSync(peer('exceljs__spec_integration_data_1904.xlsx'));
    expect(readWorkbook(zipSync(parts)).ok && readWorkbook(zipSync(parts))).toMatchObject({
      workbook: { date1904: true },
    });
    put(
      parts,
      'xl/workbook.xml',
      text(parts, 'xl/workbook.xml').replace(
        '</workbook>',
        '<extLst><ext uri="x" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:workbookPr chartTrackingRefBase="1"/></ext></extLst></workbook>',
      ),
    );
    expect(readWorkbook(zipSync(parts))).toMatchObject({ ok: true, workbook: { date1904: true } });
  });
});

describe('3 and 7. parts found case-insensitively, through _rels/.rels, with backslashes', () => {
  it('on a submission: xl/SharedStrings.xml keeps every text cell', async () => {
    const parts = await submission();
    parts['xl/SharedStrings.xml'] = parts['xl/sharedStrings.xml']!;
    delete parts['xl/sharedStrings.xml'];
    const report = check(parts);
    expect(report.bureau).toBe('县民政局');
    expect(entry(report, 'YL-02').raw).toBe('约620张');
  });

  it('on a submission: the workbook part moved to xl/book.xml and named by _rels/.rels', async () => {
    const parts = await submission();
    parts['xl/book.xml'] = parts['xl/workbook.xml']!;
    parts['xl/_rels/book.xml.rels'] = parts['xl/_rels/workbook.xml.rels']!;
    delete parts['xl/workbook.xml'];
    delete parts['xl/_rels/workbook.xml.rels'];
    put(parts, '_rels/.rels', text(parts, '_rels/.rels').replace('xl/workbook.xml', 'xl/book.xml'));
    expect(check(parts).bureau).toBe('县民政局');
  });

  it('on a submission: zip entry names written with backslashes', async () => {
    const parts = await submission();
    const renamed = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k.replace(/\//g, '\\'), v]));
    const read = readWorkbook(zipSync(renamed));
    expect(read.ok).toBe(true);
  });

  withPeer('on POI 49609 (xl\\sharedstrings.xml, backslashes, lower case)', () => {
    const read = readWorkbook(peer('apache__test-data_spreadsheet_49609.xlsx'), { allSheets: true });
    if (!read.ok) throw new Error(read.error.kind);
    const strings = read.workbook.sheets.flatMap((s) => s.rows.flat()).filter((c) => c?.type === 'string');
    expect(strings.length).toBeGreaterThan(10);
  });
});

describe('4. a chart sheet or dialog sheet does not make a workbook damaged', () => {
  function withChartSheet(parts: Parts, first: boolean): void {
    put(
      parts,
      'xl/chartsheets/sheet1.xml',
      '<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>',
    );
    put(
      parts,
      'xl/_rels/workbook.xml.rels',
      text(parts, 'xl/_rels/workbook.xml.rels').replace(
        '</Relationships>',
        '<Relationship Id="rIdChart" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>',
      ),
    );
    const sheet = '<sheet name="图表" sheetId="99" r:id="rIdChart"/>';
    put(
      parts,
      'xl/workbook.xml',
      text(parts, 'xl/workbook.xml').replace(
        first ? '<sheets>' : '</sheets>',
        first ? `<sheets>${sheet}` : `${sheet}</sheets>`,
      ),
    );
  }

  it('on a submission with a chart sheet first', async () => {
    const parts = await submission();
    withChartSheet(parts, true);
    expect(check(parts).bureau).toBe('县民政局');
  });

  it('on a submission whose 指标填报 was renamed, beside a chart sheet', async () => {
    const parts = await submission();
    withChartSheet(parts, true);
    put(
      parts,
      'xl/workbook.xml',
      text(parts, 'xl/workbook.xml').replace('name="指标填报"', 'name="民政局填报"'),
    );
    expect(check(parts).sheetName).toBe('民政局填报');
  });

  it('a 指标填报 that is itself a chart sheet is refused for that reason', async () => {
    const parts = await submission();
    withChartSheet(parts, false);
    put(
      parts,
      'xl/workbook.xml',
      text(parts, 'xl/workbook.xml')
        .replace('name="指标填报"', 'name="旧表"')
        .replace('name="图表"', 'name="指标填报"'),
    );
    expect(readWorkbook(zipSync(parts))).toMatchObject({
      ok: false,
      error: { kind: 'unsupported-sheet', params: { sheet: '指标填报' } },
    });
  });

  withPeer.each([
    'apache__test-data_spreadsheet_chart_sheet.xlsx',
    'apache__test-data_spreadsheet_WithChartSheet.xlsx',
    'exceljs__spec_integration_data_chart-sheet.xlsx',
    'tealeg__testdocs_testchartsheet.xlsx',
  ])('on %s', (file) => {
    expect(readWorkbook(peer(file), { allSheets: true }).ok).toBe(true);
  });
});

describe('5. the row limit counts rows with data, not row numbers', () => {
  it('on a submission: a formatting-only row 1048576 and a styled empty cell at row 20000', async () => {
    const parts = await submission();
    put(
      parts,
      ENTRY,
      text(parts, ENTRY).replace(
        '</sheetData>',
        '<row r="20000"><c r="A20000" s="1"/></row><row r="1048576" ht="16.5" customHeight="1"/></sheetData>',
      ),
    );
    expect(check(parts).bureau).toBe('县民政局');
  });

  it('but a value past the limit is refused, saying where', async () => {
    const parts = await submission();
    put(
      parts,
      ENTRY,
      text(parts, ENTRY).replace(
        '</sheetData>',
        '<row r="20000"><c r="A20000"><v>1</v></c></row></sheetData>',
      ),
    );
    expect(readWorkbook(zipSync(parts))).toMatchObject({
      ok: false,
      error: { kind: 'too-large', params: { limit: 'rows', at: '指标填报!A20000' } },
    });
  });

  withPeer('on POI 60384 (row 1048576, formatting only)', () => {
    expect(readWorkbook(peer('apache__test-data_spreadsheet_60384.xlsx')).ok).toBe(true);
  });
});

describe('6. date-typed cells: a time alone, and a time without a zone, never through the local zone', () => {
  it('runs in UTC+8 (test/global-setup.js), where the old reading shifted a day before 08:00', () => {
    expect(new Date(2023, 11, 20, 7, 30).toISOString()).toBe('2023-12-19T23:30:00.000Z');
  });

  it('on a submission: 填报日期 as t="d" at 07:30 is that day', async () => {
    const parts = await submission();
    put(
      parts,
      ENTRY,
      replaceCell(text(parts, ENTRY), 'H2', '<c r="H2" t="d"><v>2023-12-20T07:30:00</v></c>'),
    );
    expect(check(parts).filledOn).toBe('2023-12-20');
  });

  it('on a submission: a time alone in a note cell does not make the file damaged', async () => {
    const parts = await submission();
    const row = rowOf(parts, 'YL-02');
    put(parts, ENTRY, replaceCell(text(parts, ENTRY), `H${row}`, `<c r="H${row}" t="d"><v>10:10:10</v></c>`));
    expect(() => check(parts)).not.toThrow();
  });

  it.each([
    ['2023-12-20', '2023-12-20T00:00:00.000Z'],
    ['2023-12-20T07:30:00', '2023-12-20T07:30:00.000Z'],
    ['2023-12-20T07:30:00.5', '2023-12-20T07:30:00.500Z'],
    ['2023-12-20T07:30:00Z', '2023-12-20T07:30:00.000Z'],
    ['2023-12-20T07:30:00+08:00', '2023-12-19T23:30:00.000Z'],
    ['10:10:10', '1899-12-30T10:10:10.000Z'],
    ['not a date', null],
    ['', null],
    // Space around it is no part of it; anything else before or after makes it no date.
    [' 2023-12-20 ', '2023-12-20T00:00:00.000Z'],
    ['约2023-12-20', null],
    ['2023-12-20前', null],
    // Milliseconds to the digit, a time without seconds, a zone without its colon.
    ['2023-12-20T07:30:00.250', '2023-12-20T07:30:00.250Z'],
    ['07:30', '1899-12-30T07:30:00.000Z'],
    ['2023-12-20T07:30:00-0130', '2023-12-20T09:00:00.000Z'],
  ])('isoFromDateCell(%j) = %j', (input, expected) => {
    expect(isoFromDateCell(input)).toBe(expected);
  });
});

describe('8. a folder hands over .xlsm files too', () => {
  it('check DIR reads a macro-enabled copy of a submission', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'yilao-xlsm-'));
    writeFileSync(path.join(dir, '民政局.xlsm'), zipSync(await submission()));
    const { stdout } = await runCli(['check', dir, '--json']);
    const report = JSON.parse(stdout) as { files: { file: string; bureau: string | null }[] };
    expect(report.files).toStrictEqual([
      expect.objectContaining({ file: '民政局.xlsm', bureau: '县民政局' }),
    ]);
  });

  it('and lists a .xls, .ods and .csv there instead of passing them over', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'yilao-mixed-'));
    const fixtures = path.join(__dirname, '..', 'fixtures');
    copyFileSync(path.join(fixtures, 'invalid-old-xls-renamed.xlsx'), path.join(dir, '老格式.xls'));
    copyFileSync(path.join(fixtures, 'invalid-csv-renamed.xlsx'), path.join(dir, '表.csv'));
    writeFileSync(
      path.join(dir, '开放格式.ods'),
      zipSync({
        mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'),
        'content.xml': strToU8('<x/>'),
      }),
    );
    // Without LibreOffice's help (--no-convert): each is listed with what to do.
    const { stdout } = await runCli(['check', dir, '--json', '--no-convert']);
    const report = JSON.parse(stdout) as {
      files: { file: string; fileErrors: { kind: string; message: string }[] }[];
    };
    const kinds = Object.fromEntries(report.files.map((f) => [f.file, f.fileErrors[0]?.kind]));
    expect(kinds).toStrictEqual({ '老格式.xls': 'xls-binary', '表.csv': 'csv', '开放格式.ods': 'ods' });
    const xls = report.files.find((f) => f.file === '老格式.xls')!.fileErrors[0]!.message;
    // Only a renamed file is told its extension was changed.
    expect(xls).not.toContain('扩展名被改成');
    expect(xls).toContain('另存为 .xlsx');
    expect(report.files.find((f) => f.file === '开放格式.ods')!.fileErrors[0]!.message).toContain(
      'Excel 2007-365 (.xlsx)',
    );
  });
});

describe('9. Excel escapes are decoded, and literal CR LF reads as LF', () => {
  it('on a submission: a note written with _x000D_ and with a literal CR LF', async () => {
    const parts = await submission();
    const row = rowOf(parts, 'YL-02');
    put(
      parts,
      ENTRY,
      replaceCell(
        text(parts, ENTRY),
        `H${row}`,
        `<c r="H${row}" t="inlineStr"><is><t>第一行_x000D_\r\n第二行_x005F_x0041_</t></is></c>`,
      ),
    );
    const read = readWorkbook(zipSync(parts));
    if (!read.ok) throw new Error(read.error.kind);
    // _x000D_ is the CR; the literal CR LF after it is read as LF, as XML's end-of-line rule says.
    expect(read.workbook.sheets[0]!.rows[row - 1]![7]).toStrictEqual({
      type: 'string',
      value: '第一行\r\n第二行_x0041_',
    });
  });

  withPeer('on POI 60289 (lower-case _x000d_)', () => {
    const read = readWorkbook(peer('apache__test-data_spreadsheet_60289.xlsx'), { allSheets: true });
    if (!read.ok) throw new Error(read.error.kind);
    const cells = read.workbook.sheets.flatMap((s) => s.rows.flat());
    expect(cells.some((c) => c?.type === 'string' && c.value.includes('Rich Text\r\nTest'))).toBe(true);
  });
});

it('the peer corpus is where the tests expect it', () => {
  expect(hasPeer || process.env.CI !== 'true').toBe(true);
});
