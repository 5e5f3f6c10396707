import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/run-cli';
import { readWorkbook } from '../../src/xlsx/reader';
import { reportSchema } from '../helpers/report-schema';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const fixture = (name: string) => path.join(FIXTURES, name);

const run = runCli;
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'yilao-'));
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function sheetOf(file: string, name: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

describe('yilao usage', () => {
  it.each(['template', 'check', 'combine', 'lint-catalog', 'demo'])(
    '%s --help in Chinese and English',
    async (command) => {
      const zh = await run([command, '--help']);
      const en = await run([command, '--help', '--lang', 'en']);
      expect(zh.code).toBe(0);
      expect(en.code).toBe(0);
      expect(zh.stdout).toMatch(/[\u4e00-\u9fff]/);
      expect(en.stdout).toContain(`yilao ${command}`);
    },
  );

  it.each([
    [[], 2],
    [['--help'], 0],
    [['frobnicate'], 2],
    [['check', '--bogus'], 2],
    [['check'], 2],
    [['template'], 2],
    [['template', '--period', '25'], 2],
    [['template', '--period', '2025', '--bureau', '农业局'], 2],
    [['template', '--period', '2025', '--bureau', '县公安局'], 2],
    [['combine', fixture('openpyxl-民政局.xlsx')], 2],
    [['check', fixture('openpyxl-民政局.xlsx'), '--lang', 'fr'], 2],
    [['check', '--history'], 2],
  ])('%j exits %d', async (args, code) => {
    const result = await run(args);
    expect(result.code).toBe(code);
    if (code === 2 && args.length > 0) expect(result.stderr).toMatch(/^yilao: /);
  });

  it('names the bureaus there are when a name is not found', async () => {
    const result = await run(['template', '--period', '2025', '--bureau', '农业局']);
    expect(result.stderr).toContain('县民政局');
  });

  it('explains a bad catalog by its field', async () => {
    const dir = tmp();
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ id: 'Bad Id' }));
    const result = await run(['lint-catalog', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('id');
    writeFileSync(file, '{ not json');
    expect((await run(['check', fixture('openpyxl-民政局.xlsx'), '--catalog', file])).code).toBe(2);
  });
});

describe('yilao template', () => {
  it('writes one bureau by alias, and every responsible bureau when none is named', async () => {
    const dir = tmp();
    const one = await run(['template', '--bureau', '耿马县民政局', '--period', '2025', '--out', dir]);
    expect(one.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['2025年度一老一小指标填报-县民政局.xlsx']);
    const all = await run(['template', '--period', '2025', '--out', path.join(dir, 'all')]);
    expect(all.code).toBe(0);
    expect(readdirSync(path.join(dir, 'all'))).toHaveLength(8);
    const checked = await run(['check', path.join(dir, 'all'), '--json']);
    const json = reportSchema.parse(JSON.parse(checked.stdout));
    expect(json.files.map((f) => f.fileErrors)).toEqual(Array(8).fill([]));
  });
});

describe('yilao check', () => {
  it('prints a table per file and exits 1 when an error issue was found', async () => {
    const result = await run(['check', fixture('openpyxl-民政局.xlsx')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('YL-02');
    expect(result.stdout).toContain('滞后');
    expect(result.stdout).toContain('错误');
  });

  it('exits 0 for a file without errors, and reports a broken file without stopping the others', async () => {
    expect((await run(['check', fixture('openpyxl-卫健局.xlsx')])).code).toBe(1); // 卫健局 leaves lead rows empty: missing
    const dir = tmp();
    await run(['template', '--bureau', '县自然资源局', '--period', '2023', '--out', dir]);
    const [file] = readdirSync(dir);
    const ExcelWorkbook = new ExcelJS.Workbook();
    await ExcelWorkbook.xlsx.readFile(path.join(dir, file!));
    ExcelWorkbook.getWorksheet('指标填报')!.getCell('G6').value = 100;
    await ExcelWorkbook.xlsx.writeFile(path.join(dir, file!));
    expect((await run(['check', path.join(dir, file!)])).code).toBe(0);

    const mixed = await run(['check', fixture('invalid-truncated.xlsx'), path.join(dir, file!), '--json']);
    expect(mixed.code).toBe(1);
    const json = reportSchema.parse(JSON.parse(mixed.stdout));
    expect(json.files[0]!.fileErrors[0]!.kind).toBe('damaged');
    expect(json.files[1]!.entries[0]).toMatchObject({ code: 'YL-08', value: 100 });
  });

  it('--json matches section 8, in Chinese or English', async () => {
    const zh = reportSchema.parse(
      JSON.parse((await run(['check', fixture('openpyxl-民政局.xlsx'), '--json'])).stdout),
    );
    const yl02 = zh.files[0]!.entries.find((e) => e.code === 'YL-02')!;
    expect(yl02).toMatchObject({ cell: 'G6', raw: '620', value: 620, status: 'off-track', expected: 740 });
    const en = reportSchema.parse(
      JSON.parse((await run(['check', fixture('openpyxl-民政局.xlsx'), '--json', '--lang', 'en'])).stdout),
    );
    const message = en.files[0]!.entries.find((e) => e.code === 'YL-10')!.issues[0]!.message;
    expect(message).toMatch(/approximate/);
  });

  it('--annotate writes a marked copy and never touches the original', async () => {
    const dir = tmp();
    const original = path.join(dir, '民政局.xlsx');
    copyFileSync(fixture('openpyxl-民政局.xlsx'), original);
    const before = sha(original);
    const result = await run(['check', original, '--annotate', path.join(dir, 'out')]);
    expect(sha(original)).toBe(before);
    const copy = path.join(dir, 'out', '民政局-核查结果.xlsx');
    expect(result.stdout).toContain(copy);
    const sheet = await sheetOf(copy, '指标填报');
    expect(sheet.getCell('I4').value).toBe('核查结果');
    const yl09 = sheet.getCell('G13');
    expect(sheet.getCell('A13').value).toBe('YL-09');
    expect(yl09.note).toBeDefined();
    expect(JSON.stringify(yl09.note)).toContain('错误值');
    expect((yl09.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFF9B9B');
    // Off-track figures are marked apart from wrong ones; an achieved one keeps its own look.
    expect((sheet.getCell('G6').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(sheet.getCell('A8').value).toBe('YL-04');
    expect((sheet.getCell('G8').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBeUndefined();
    expect(sheet.getCell('I6').text).toContain('滞后');
  });

  it('--history uses the master for the previous period', async () => {
    const dir = tmp();
    const master = path.join(dir, 'master.xlsx');
    await run(['combine', fixture('openpyxl-民政局-更正.xlsx'), '--out', master, '--period', '2023']);
    // Pretend the 2023 figures were last year's: re-run the 2023 file as history for itself is no change.
    const result = await run(['check', fixture('openpyxl-民政局.xlsx'), '--history', master, '--json']);
    expect(result.code).toBe(1);
    const notMaster = await run([
      'check',
      fixture('openpyxl-民政局.xlsx'),
      '--history',
      fixture('openpyxl-卫健局.xlsx'),
    ]);
    expect(notMaster.code).toBe(2);
    expect(notMaster.stderr).toContain('不是 yilao 生成的汇总表');
  });
});

describe('yilao combine', () => {
  const inputs = [
    'openpyxl-民政局.xlsx',
    'openpyxl-民政局-更正.xlsx',
    'openpyxl-卫健局.xlsx',
    'invalid-truncated.xlsx',
  ];

  it('combines: lead values, a conflict, a superseded resubmission whatever the order, a broken file rejected', async () => {
    for (const order of [inputs, [...inputs].reverse()]) {
      const dir = tmp();
      const out = path.join(dir, '县汇总.xlsx');
      const result = await run(['combine', ...order.map(fixture), '--out', out, '--json']);
      expect(result.code).toBe(1);
      const json = reportSchema.parse(JSON.parse(result.stdout));
      const master = json.master!;
      expect(master.find((m) => m.code === 'YL-02')).toMatchObject({ value: 660, bureau: '县民政局' });
      expect(master.find((m) => m.code === 'YL-04')).toMatchObject({ value: 1, bureau: '县民政局' });
      expect(master.find((m) => m.code === 'YL-04')!.conflicts.map((c) => [c.bureau, c.value])).toEqual(
        expect.arrayContaining([
          ['县民政局', 1],
          ['县卫生健康局', 2],
        ]),
      );
      const register = await sheetOf(out, '报送登记');
      const rows: Record<string, string> = {};
      register.eachRow((row, n) => {
        if (n > 1) rows[row.getCell(1).text] = `${row.getCell(9).text}|${row.getCell(11).text}`;
      });
      expect(rows).toEqual({
        'openpyxl-民政局.xlsx': '已被替代|openpyxl-民政局-更正.xlsx',
        'openpyxl-民政局-更正.xlsx': '采用|',
        'openpyxl-卫健局.xlsx': '采用|',
        'invalid-truncated.xlsx': '退回|',
      });
    }
  });

  it('writes bureau text as text, never as a formula', async () => {
    const dir = tmp();
    const out = path.join(dir, '县汇总.xlsx');
    await run(['combine', fixture('openpyxl-民政局.xlsx'), '--out', out]);
    const history = await sheetOf(out, '历史');
    const notes: ExcelJS.Cell[] = [];
    history.eachRow((row, n) => {
      if (n > 1 && /^[=@]/.test(row.getCell(13).text)) notes.push(row.getCell(13));
    });
    expect(notes.map((c) => c.text).sort()).toEqual(['=未开展探访统计', '@乡镇上报']);
    for (const cell of notes) expect(cell.type).toBe(ExcelJS.ValueType.String);
    const summary = await sheetOf(out, '县汇总');
    let found = 0;
    summary.eachRow((row) => {
      const cell = row.getCell(17);
      if (cell.text.startsWith('=')) {
        found++;
        expect(cell.type).toBe(ExcelJS.ValueType.String);
      }
    });
    expect(found).toBe(1);
    // The raw XML has no formula element at all.
    const read = readWorkbook(readFileSync(out), { allSheets: true });
    expect(read.ok && read.workbook.sheets.flatMap((s) => s.rows.flat()).some((c) => c?.formula)).toBe(false);
  });

  it('is idempotent and keeps the history when combining into an existing master', async () => {
    const dir = tmp();
    const a = path.join(dir, 'a.xlsx');
    const b = path.join(dir, 'b.xlsx');
    const files = inputs.map(fixture);
    await run(['combine', ...files, '--out', a]);
    await run(['combine', ...files, '--out', b]);
    const view = (file: string) => {
      const read = readWorkbook(readFileSync(file), { allSheets: true });
      if (!read.ok) throw new Error('unreadable master');
      return read.workbook.sheets;
    };
    expect(view(b)).toEqual(view(a));

    const before = sha(fixture('openpyxl-民政局.xlsx'));
    // Combining the same files into the master again adds nothing to its history.
    await run(['combine', ...files, '--out', a], '2024-03-01T00:00:00.000Z');
    expect(view(a)).toEqual(view(b));
    expect(sha(fixture('openpyxl-民政局.xlsx'))).toBe(before);

    // Combining only 卫健局 into it later keeps 民政局's rows and figures.
    const later = await run(
      ['combine', fixture('openpyxl-卫健局.xlsx'), '--out', a, '--json'],
      '2024-03-01T00:00:00.000Z',
    );
    const json = reportSchema.parse(JSON.parse(later.stdout));
    expect(json.master!.find((m) => m.code === 'YL-02')).toMatchObject({ value: 660, bureau: '县民政局' });
    const historyRows = (file: string) => view(file).find((s) => s.name === '历史')!.rows.length;
    expect(historyRows(a)).toBe(historyRows(b));
  });

  it('combines into a master whose history is longer than a bureau file may be', async () => {
    const dir = tmp();
    const out = path.join(dir, '县汇总.xlsx');
    const { combine, defaultCatalog, sha256Text } = await import('../../src/core');
    const { writeMaster } = await import('../../src/xlsx/master');
    const { READ_LIMITS } = await import('../../src/xlsx/reader');
    // A master that has received more files than a bureau file may have rows: one figure each,
    // each a correction of the one before (a later 填报日期), all in 历史.
    const day = (i: number) => new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10);
    const files = Array.from({ length: READ_LIMITS.maxRows + 2000 }, (_, i) => ({
      file: `old-${i}.xlsx`,
      sha256: sha256Text(`old-${i}`),
      importedAt: '2023-01-05 08:00',
      bureau: '县民政局',
      bureauText: '县民政局',
      period: 2022,
      filledBy: '',
      filledOn: day(i),
      phone: '',
      fileErrors: [],
      sheetIssues: [],
      errors: 0,
      warnings: 0,
      entries: [
        {
          code: 'YL-02',
          role: 'lead' as const,
          cell: 'G6',
          raw: String(600 + (i % 50)),
          value: 600 + (i % 50),
          state: 'value' as const,
          note: '',
          issues: [],
        },
      ],
    }));
    const history = files;
    const master = combine(defaultCatalog(), [], {
      importedAt: '2023-01-05 08:00',
      period: 2022,
      existing: { catalogId: defaultCatalog().id, period: 2022, files, decisions: [], current: [] },
    });
    writeFileSync(out, await writeMaster(defaultCatalog(), master));
    const result = await run([
      'combine',
      fixture('openpyxl-民政局-更正.xlsx'),
      '--out',
      out,
      '--json',
      '--period',
      '2022',
    ]);
    expect(result.stderr).toBe('');
    const read = readWorkbook(readFileSync(out), {
      allSheets: true,
      limits: (await import('../../src/xlsx/reader')).MASTER_READ_LIMITS,
    });
    expect(read.ok && read.workbook.sheets.find((s) => s.name === '历史')!.rows.length).toBeGreaterThan(
      history.length,
    );
  }, 30_000);

  it('refuses to overwrite a file that is not a master', async () => {
    const dir = tmp();
    const out = path.join(dir, 'precious.xlsx');
    copyFileSync(fixture('openpyxl-卫健局.xlsx'), out);
    const before = sha(out);
    const result = await run(['combine', fixture('openpyxl-民政局.xlsx'), '--out', out]);
    expect(result.code).toBe(2);
    expect(sha(out)).toBe(before);
  });
});

describe('yilao lint-catalog and demo', () => {
  it('prints the plan’s notes', async () => {
    const result = await run(['lint-catalog']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('YL-09');
    expect(result.stdout).toContain('100000');
    const json = JSON.parse((await run(['lint-catalog', '--json'])).stdout) as {
      findings: { kind: string }[];
    };
    expect(json.findings.map((f) => f.kind)).toEqual(
      expect.arrayContaining(['percent-target-printed', 'per-thousand-population']),
    );
  });

  it('runs the demo end to end', async () => {
    const dir = tmp();
    const result = await run(['demo', '--out', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('县汇总表');
    expect(existsSync(path.join(dir, '县汇总-2023.xlsx'))).toBe(true);
    expect(readdirSync(path.join(dir, '3-核查结果')).length).toBe(9);
    reportSchema.parse(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')));
  });
});
