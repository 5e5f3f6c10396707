import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultCatalog } from '../../src/core';
import { runCli } from '../helpers/run-cli';
import { fillTemplate } from '../../src/xlsx/demo';
import { readWorkbook, READ_LIMITS } from '../../src/xlsx/reader';
import { writeTemplate } from '../../src/xlsx/template';
import * as masterModule from '../../src/xlsx/master';
import * as readerModule from '../../src/xlsx/reader';

jest.mock('../../src/xlsx/reader', () => {
  const real = jest.requireActual<typeof import('../../src/xlsx/reader')>('../../src/xlsx/reader');
  return { ...real, readWorkbook: jest.fn(real.readWorkbook) };
});
jest.mock('../../src/xlsx/master', () => {
  const real = jest.requireActual<typeof import('../../src/xlsx/master')>('../../src/xlsx/master');
  return { ...real, writeMaster: jest.fn(real.writeMaster) };
});

/**
 * Broken and hostile files: each gets a clear Chinese message naming the file, the others still
 * combine, nothing from a bureau's file runs, and nothing is lost.
 */
jest.setTimeout(60_000);
const catalog = defaultCatalog();
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

const run = runCli;

function sheetZip(sheetXml: string): Uint8Array {
  return zipSync(
    {
      '[Content_Types].xml': strToU8(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      ),
      'xl/workbook.xml': strToU8(
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="指标填报" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(sheetXml),
    },
    { level: 9 },
  );
}

let dir: string;
const hostileText = {
  filledBy: "=cmd|'/c calc'!A1",
  phone: '+86 0883 1234567',
  notes: { 'YL-02': '@SUM(1,2)', 'YL-03': '\t=1+1', 'YL-05': '\r=HYPERLINK("http://x")', 'YL-06': '-1+1' },
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'yilao-hostile-'));
  const template = await writeTemplate(catalog, '县民政局', 2023);
  // A good file whose every text field is something a spreadsheet would run.
  writeFileSync(
    path.join(dir, '=恶意文件名.xlsx'),
    await fillTemplate(template, {
      figures: { 'YL-02': 620, 'YL-03': 45, 'YL-05': 100, 'YL-06': 62 },
      filledBy: hostileText.filledBy,
      phone: hostileText.phone,
      filledOn: new Date(Date.UTC(2023, 11, 20)),
      notes: hostileText.notes,
    }),
  );
  const health = await writeTemplate(catalog, '县卫生健康局', 2023);
  writeFileSync(
    path.join(dir, '卫健局.xlsx'),
    await fillTemplate(health, { figures: { 'TY-01': 85, 'TY-03': 655 } }),
  );

  // An empty workbook, a workbook without the sheet, the same code twice, merged cells over G.
  const empty = new ExcelJS.Workbook();
  empty.addWorksheet('Sheet1');
  writeFileSync(path.join(dir, '空工作簿.xlsx'), Buffer.from(await empty.xlsx.writeBuffer()));
  const other = new ExcelJS.Workbook();
  other.addWorksheet('统计表').getCell('A1').value = '这里没有指标表';
  writeFileSync(path.join(dir, '没有指标表.xlsx'), Buffer.from(await other.xlsx.writeBuffer()));

  const twice = new ExcelJS.Workbook();
  await twice.xlsx.load(template as unknown as ExcelJS.Buffer);
  const sheet = twice.getWorksheet('指标填报')!;
  sheet.getCell('G6').value = 620;
  sheet.getCell('A7').value = 'YL-02';
  sheet.getCell('G7').value = 999;
  sheet.unMergeCells('A1:H1');
  sheet.mergeCells('G8:G9');
  writeFileSync(path.join(dir, '重复编号和合并单元格.xlsx'), Buffer.from(await twice.xlsx.writeBuffer()));

  // A zip bomb: a small file whose sheet XML inflates past the limit.
  const bomb = sheetZip(
    `<worksheet><sheetData>${' '.repeat(READ_LIMITS.maxInflatedBytes + 1024)}</sheetData></worksheet>`,
  );
  writeFileSync(path.join(dir, '压缩炸弹.xlsx'), bomb);
  // A sheet with a million rows, under the part-size limit: refused by the row limit.
  const rows: string[] = ['<worksheet><sheetData>'];
  for (let r = 1; r <= 1_000_000; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>1</v></c></row>`);
  rows.push('</sheetData></worksheet>');
  writeFileSync(path.join(dir, '一百万行.xlsx'), sheetZip(rows.join('')));

  for (const name of [
    'invalid-not-a-workbook.xlsx',
    'invalid-truncated.xlsx',
    'invalid-old-xls-renamed.xlsx',
    'invalid-csv-renamed.xlsx',
    'invalid-no-header.xlsx',
  ]) {
    copyFileSync(path.join(FIXTURES, name), path.join(dir, name));
  }
});

describe('broken and hostile files', () => {
  it('are small on disk where they should be', () => {
    expect(readFileSync(path.join(dir, '压缩炸弹.xlsx')).length).toBeLessThan(1024 * 1024);
  });

  it('each gets a clear Chinese message naming it, and the good files still combine', async () => {
    const before = Object.fromEntries(readdirSync(dir).map((f) => [f, sha(path.join(dir, f))]));
    const out = path.join(dir, 'out', '县汇总.xlsx');
    // --no-convert: the refusal of a .xls is what is tested here (its conversion, in field-cases).
    const result = await run(['combine', dir, '--out', out, '--json', '--no-convert']);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as {
      files: { file: string; fileErrors: { kind: string; message: string }[] }[];
      register: { file: string; accepted: boolean; reason: string | null }[];
      master: { code: string; value: number | null }[];
    };
    const reason = (file: string) => json.files.find((f) => f.file === file)?.fileErrors[0];
    const expected: Record<string, [string, RegExp]> = {
      'invalid-not-a-workbook.xlsx': ['not-a-workbook', /不是 Excel 工作簿/],
      'invalid-truncated.xlsx': ['damaged', /已损坏或不完整/],
      'invalid-old-xls-renamed.xlsx': ['xls-binary', /另存为 \.xlsx/],
      'invalid-csv-renamed.xlsx': ['csv', /CSV/],
      'invalid-no-header.xlsx': ['no-header', /找不到表头/],
      '空工作簿.xlsx': ['empty-workbook', /没有任何数据/],
      '没有指标表.xlsx': ['no-sheet', /不是县里下发的填报表/],
      '压缩炸弹.xlsx': ['too-large', /解压后的内容超过 64 MB/],
      '一百万行.xlsx': ['too-large', /指标填报!A10001 仍有数据，超过 10000 行/],
    };
    for (const [file, [kind, message]] of Object.entries(expected)) {
      expect({ file, kind: reason(file)?.kind }).toEqual({ file, kind });
      expect(reason(file)?.message).toMatch(message);
      expect(reason(file)?.message).toContain(file);
      expect(json.register.find((r) => r.file === file)).toMatchObject({ accepted: false });
    }
    // The same code twice and merged cells over G are errors inside a file that was read.
    const dup = json.files.find((f) => f.file === '重复编号和合并单元格.xlsx') as unknown as {
      sheetIssues: { kind: string }[];
    };
    expect(dup.sheetIssues.map((i) => i.kind)).toEqual(
      expect.arrayContaining(['duplicate-code', 'merged-cell']),
    );
    // The good files combined.
    expect(json.master.find((m) => m.code === 'TY-03')?.value).toBe(655);
    // No input file was modified.
    for (const [file, hash] of Object.entries(before))
      expect({ file, hash: sha(path.join(dir, file)) }).toEqual({ file, hash });
  });

  it('are refused before a full parse: type and size first', () => {
    const bomb = readFileSync(path.join(dir, '压缩炸弹.xlsx'));
    const started = process.memoryUsage().rss;
    const work = { steps: 0, xmlChars: 0 };
    expect(readWorkbook(bomb, { work })).toMatchObject({ ok: false, error: { kind: 'too-large' } });
    // Refused on the declared size: not one character of the bomb's sheet was scanned.
    expect(work.xmlChars).toBeLessThan(64 * 1024);
    // Refused on the declared size: nothing near the inflated 64 MB was allocated.
    expect(process.memoryUsage().rss - started).toBeLessThan(32 * 1024 * 1024);
  });
});

describe('nothing from a bureau’s file runs', () => {
  it('keeps every bureau text as text in the master, the annotated copy and the JSON', async () => {
    const out = path.join(dir, 'text', '县汇总.xlsx');
    const file = path.join(dir, '=恶意文件名.xlsx');
    const json = await run(['combine', file, '--out', out, '--json']);
    const report = JSON.parse(json.stdout) as {
      files: { file: string; filledBy: string; entries: { code: string; note: string }[] }[];
    };
    expect(report.files[0]).toMatchObject({ file: '=恶意文件名.xlsx', filledBy: hostileText.filledBy });
    expect(report.files[0]!.entries.find((e) => e.code === 'YL-02')?.note).toBe('@SUM(1,2)');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const texts: ExcelJS.Cell[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string' && /^[=+\-@\t\r]/.test(cell.value)) texts.push(cell);
        }),
      ),
    );
    const values = texts.map((c) => c.value as string);
    expect(values).toEqual(
      expect.arrayContaining([
        '=恶意文件名.xlsx',
        hostileText.filledBy,
        hostileText.phone,
        '@SUM(1,2)',
        '-1+1',
      ]),
    );
    for (const cell of texts) expect(cell.type).toBe(ExcelJS.ValueType.String);
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))),
    );

    const annotated = path.join(dir, 'annotated');
    await run(['check', file, '--annotate', annotated]);
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(path.join(annotated, '=恶意文件名-核查结果.xlsx'));
    copy.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))),
    );
    expect(copy.getWorksheet('指标填报')!.getCell('B3').value).toBe(hostileText.filledBy);
  });
});

describe('nothing is lost', () => {
  it('a file that throws in the middle is rejected with what happened, and the others combine', async () => {
    const mock = readerModule.readWorkbook as jest.Mock;
    const real =
      jest.requireActual<typeof import('../../src/xlsx/reader')>('../../src/xlsx/reader').readWorkbook;
    let calls = 0;
    mock.mockImplementation((bytes: Uint8Array, options?: { allSheets?: boolean }) => {
      calls++;
      if (calls === 2) throw new Error('磁盘读取错误（模拟）');
      return real(bytes, options);
    });
    try {
      const out = path.join(dir, 'throws', '县汇总.xlsx');
      const result = await run([
        'combine',
        path.join(dir, '=恶意文件名.xlsx'),
        path.join(dir, '卫健局.xlsx'),
        path.join(FIXTURES, 'openpyxl-人社局-not-there.xlsx'),
        '--out',
        out,
        '--json',
      ]);
      const json = JSON.parse(result.stdout) as {
        files: { file: string; fileErrors: { kind: string; message: string }[] }[];
      };
      expect(json.files[1]!.fileErrors[0]).toMatchObject({
        kind: 'unreadable',
        message: expect.stringContaining('磁盘读取错误（模拟）'),
      });
      expect(json.files[0]!.fileErrors).toEqual([]);
      expect(json.files[2]!.fileErrors[0]).toMatchObject({
        kind: 'unreadable',
        message: expect.stringContaining('找不到文件'),
      });
    } finally {
      mock.mockImplementation(real);
    }
  });

  it('a failure while writing the master leaves the previous master intact and says so', async () => {
    const out = path.join(dir, 'keep', '县汇总.xlsx');
    // Exit 1 here only says the 卫健局 file has errors (empty lead rows); the master is written.
    await run(['combine', path.join(dir, '卫健局.xlsx'), '--out', out]);
    const before = sha(out);
    const write = masterModule.writeMaster as jest.Mock;
    write.mockImplementationOnce(() => Promise.reject(new Error('磁盘已满（模拟）')));
    const result = await run(['combine', path.join(dir, '=恶意文件名.xlsx'), '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('磁盘已满（模拟）');
    expect(sha(out)).toBe(before);
    expect(readdirSync(path.dirname(out))).toEqual(['县汇总.xlsx']);
  });

  it('an --out that cannot be written is refused, with no temporary file left and the old master as it was', async () => {
    const out = path.join(dir, 'rename', '县汇总.xlsx');
    await run(['combine', path.join(dir, '卫健局.xlsx'), '--out', out]);
    const before = sha(out);
    // A master that is a directory where the file should be cannot be replaced.
    const blocked = path.join(dir, 'rename', 'blocked.xlsx');
    (await import('node:fs')).mkdirSync(blocked);
    const result = await run(['combine', path.join(dir, '卫健局.xlsx'), '--out', blocked]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/yilao: /);
    // What stood at --out is as it was, the master beside it untouched, and no temporary file left.
    expect((await import('node:fs')).statSync(blocked).isDirectory()).toBe(true);
    expect(readdirSync(blocked)).toEqual([]);
    expect(sha(out)).toBe(before);
    expect(readdirSync(path.dirname(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
