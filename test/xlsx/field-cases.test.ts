import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultCatalog } from '../../src/core';
import { findSoffice } from '../../src/xlsx/convert';
import { fillTemplate } from '../../src/xlsx/demo';
import { writeTemplate } from '../../src/xlsx/template';
import { reportSchema } from '../helpers/report-schema';
import { runCli } from '../helpers/run-cli';

/**
 * The county office's usual mix of files (issue: the master as a record), through the command
 * line: two files of one bureau with the same 填报日期, an untouched template, a template of
 * another bureau, and a folder holding .xls, .ods and .csv files.
 */

const catalog = defaultCatalog();
let dir = '';
const at = (name: string) => path.join(dir, name);
const december = (day: number) => new Date(Date.UTC(2023, 11, day));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'yilao-field-'));
  const rs = await writeTemplate(catalog, '县人力资源和社会保障局', 2023);
  const lg = await writeTemplate(catalog, '县委老干局', 2023);
  const mz = await writeTemplate(catalog, '县民政局', 2023);
  const files: Record<string, Uint8Array> = {
    // 原稿 sorts after 更正 by name; the same date: only a decision tells them apart.
    '人社局-2024-更正.xlsx': await fillTemplate(rs, {
      figures: { 'YL-01': 93, 'TY-06': 20 },
      filledOn: december(20),
    }),
    '人社局-2024-原稿.xlsx': await fillTemplate(rs, {
      figures: { 'YL-01': 39, 'TY-06': '二十' },
      filledOn: december(20),
    }),
    '老干局-2024.xlsx': await fillTemplate(lg, {
      figures: { 'YL-11': 100, 'YL-12': 90, 'YL-13': 70, 'YL-16': 12 },
      filledOn: december(18),
    }),
    '老干局-空表.xlsx': lg,
    '卫健局-2024.xlsx': await fillTemplate(await writeTemplate(catalog, '县卫生健康局', 2023), {
      figures: { 'TY-03': 655, 'TY-01': 85 },
      filledOn: december(19),
    }),
    '卫健局-2024-新.xlsx': await fillTemplate(mz, {
      figures: { 'YL-02': 700 },
      filledOn: december(28),
      bureauText: '县卫生健康局',
    }),
  };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(at(name), bytes);
}, 60_000);

async function combineJson(args: string[]) {
  const result = await runCli(['combine', ...args, '--json']);
  expect(result.code).not.toBe(2);
  return { ...result, json: reportSchema.parse(JSON.parse(result.stdout)) };
}

describe('choosing the file (spec §7)', () => {
  it('same 填报日期: both 待确认, the one with fewer errors used for now — the name never decides', async () => {
    const out = at('tie.xlsx');
    const { json } = await combineJson([
      at('人社局-2024-原稿.xlsx'),
      at('人社局-2024-更正.xlsx'),
      '--out',
      out,
    ]);
    expect(json.master?.find((m) => m.code === 'YL-01')).toMatchObject({
      value: 93,
      file: '人社局-2024-更正.xlsx',
    });
    expect(json.register?.map((r) => [r.file, r.outcome])).toEqual([
      ['人社局-2024-更正.xlsx', 'to-confirm'],
      ['人社局-2024-原稿.xlsx', 'to-confirm'],
    ]);
    const text = await runCli(['combine', at('人社局-2024-更正.xlsx'), '--out', out]);
    expect(text.stdout).toContain('待确认（1 组');
    expect(text.stdout).toContain('--keep');

    // The office decides for the draft; the decision stays in the master for the next combine.
    const decided = await combineJson([
      at('人社局-2024-原稿.xlsx'),
      '--keep',
      at('人社局-2024-原稿.xlsx'),
      '--out',
      out,
    ]);
    expect(decided.json.master?.find((m) => m.code === 'YL-01')).toMatchObject({ value: 39 });
    expect(decided.json.register?.map((r) => [r.file, r.outcome])).toEqual([
      ['人社局-2024-原稿.xlsx', 'used'],
      ['人社局-2024-更正.xlsx', 'superseded'],
    ]);
    const later = await combineJson([at('老干局-2024.xlsx'), '--out', out]);
    expect(later.json.master?.find((m) => m.code === 'YL-01')).toMatchObject({ value: 39 });
    expect(later.json.pending).toEqual([]);
  });

  it('--keep of a file nobody gave is a usage error that names it', async () => {
    const result = await runCli([
      'combine',
      at('老干局-2024.xlsx'),
      '--keep',
      '没有这个.xlsx',
      '--out',
      at('k.xlsx'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('没有这个.xlsx');
  });

  it('an untouched template is 空表 and replaces nothing; another bureau’s template is 用错模板', async () => {
    const { json } = await combineJson([
      at('老干局-空表.xlsx'),
      at('老干局-2024.xlsx'),
      at('卫健局-2024-新.xlsx'),
      at('卫健局-2024.xlsx'),
      '--out',
      at('blank.xlsx'),
    ]);
    expect(json.master?.find((m) => m.code === 'YL-11')).toMatchObject({
      value: 100,
      file: '老干局-2024.xlsx',
    });
    expect(json.master?.find((m) => m.code === 'TY-03')).toMatchObject({
      value: 655,
      file: '卫健局-2024.xlsx',
    });
    const reasons = Object.fromEntries((json.register ?? []).map((r) => [r.file, r.reason]));
    expect(reasons['老干局-空表.xlsx']).toContain('空表');
    expect(reasons['卫健局-2024-新.xlsx']).toMatch(/用错了模板.*县卫生健康局.*县民政局/);
    // 未报送 is about bureaus without a file in use: 民政局's template does not count for it.
    const missing = (json.notReported ?? []).map((n) => n.bureau);
    expect(missing).toContain('县民政局');
    expect(missing).not.toContain('县卫生健康局');
  });
});

describe('nothing silently skipped: .xls, .ods and .csv in a folder', () => {
  let folder = '';
  beforeAll(() => {
    const soffice = findSoffice();
    if (!soffice) throw new Error('LibreOffice (soffice) is needed: apt-get install libreoffice-calc-nogui');
    folder = at('报送');
    mkdirSync(folder);
    const work = at('convert');
    mkdirSync(work);
    copyFileSync(at('老干局-2024.xlsx'), path.join(work, '老干局-2024.xlsx'));
    writeFileSync(path.join(work, '卫健局-2024.xlsx'), readFileSync(at('卫健局-2024.xlsx')));
    const profile = `-env:UserInstallation=file://${at('lo-profile')}`;
    for (const [source, format] of [
      ['老干局-2024.xlsx', 'xls'],
      ['卫健局-2024.xlsx', 'ods'],
    ] as const) {
      execFileSync(
        soffice,
        [profile, '--headless', '--convert-to', format, '--outdir', folder, path.join(work, source)],
        {
          stdio: 'ignore',
          timeout: 120_000,
        },
      );
    }
    writeFileSync(path.join(folder, '人社局-2024.csv'), '编号,本期完成值\nYL-01,93\n');
    copyFileSync(at('人社局-2024-更正.xlsx'), path.join(folder, '人社局-2024-更正.xlsx'));
  }, 180_000);

  it('without conversion, every file is listed, the others rejected with what to do', async () => {
    const result = await runCli(['check', folder, '--no-convert', '--json']);
    const json = reportSchema.parse(JSON.parse(result.stdout));
    const byFile = Object.fromEntries(
      json.files.map((f) => [f.file, f.fileErrors.map((e) => e.message).join(' ')]),
    );
    expect(Object.keys(byFile).sort()).toEqual(
      ['人社局-2024-更正.xlsx', '人社局-2024.csv', '卫健局-2024.ods', '老干局-2024.xls'].sort(),
    );
    expect(byFile['老干局-2024.xls']).toContain('另存为 .xlsx');
    expect(byFile['卫健局-2024.ods']).toContain('Excel 2007-365 (.xlsx)');
    expect(byFile['人社局-2024.csv']).toContain('CSV');
    expect(byFile['人社局-2024-更正.xlsx']).toBe('');
  });

  it('with LibreOffice, .xls and .ods are read from converted copies, said so, originals untouched', async () => {
    const before = readFileSync(path.join(folder, '老干局-2024.xls'));
    const out = at('converted.xlsx');
    const result = await runCli(['combine', folder, '--out', out, '--json']);
    expect(result.stderr).toContain('LibreOffice');
    const json = reportSchema.parse(JSON.parse(result.stdout));
    const xls = json.files.find((f) => f.file === '老干局-2024.xls') as {
      convertedFrom?: string;
      fileErrors: unknown[];
    };
    expect(xls).toMatchObject({ convertedFrom: '.xls', fileErrors: [] });
    expect(json.master?.find((m) => m.code === 'YL-11')).toMatchObject({
      value: 100,
      file: '老干局-2024.xls',
    });
    expect(json.master?.find((m) => m.code === 'TY-03')).toMatchObject({
      value: 655,
      file: '卫健局-2024.ods',
    });
    expect(json.register?.find((r) => r.file === '卫健局-2024.ods')?.text).toContain('LibreOffice');
    expect(json.register?.find((r) => r.file === '人社局-2024.csv')?.outcome).toBe('rejected');
    expect(readFileSync(path.join(folder, '老干局-2024.xls')).equals(before)).toBe(true);
    const text = await runCli(['check', path.join(folder, '老干局-2024.xls')]);
    expect(text.stdout).toContain('已用 LibreOffice 把副本转换为 .xlsx 后核查');
  }, 120_000);
});
