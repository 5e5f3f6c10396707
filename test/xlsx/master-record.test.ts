import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  combine,
  defaultCatalog,
  displayText,
  sha256Bytes,
  statePoints,
  type CombineInput,
  type MasterState,
} from '../../src/core';
import { officeHost } from '../../src/excel/office';
import { demoSubmissions, fillTemplate } from '../../src/xlsx/demo';
import { MASTER_READ_LIMITS, readWorkbook } from '../../src/xlsx/reader';
import { checkFileBytes } from '../../src/xlsx/submission';
import { writeTemplate } from '../../src/xlsx/template';
import { runCli } from '../helpers/run-cli';
import { installOfficeDouble, type SheetModel } from '../office/excel-double';

/**
 * Spec §7, "The master is durable": combining files B into a master made from files A gives the
 * same 县汇总, 报送登记, 未报送, 完成情况 and 总览 as combining A and B in one run, in any order and
 * any split, in either language — through the command line's files and through the add-in's
 * adapter on the in-memory Excel, and the two agree cell for cell.
 */

const catalog = defaultCatalog();
const COMPARED = ['县汇总', '报送登记', '未报送', '完成情况', '趋势', '总览'] as const;
/** 报送登记's 导入时间 (column L) is the one thing allowed to differ between runs ("import times aside"). */
const IMPORT_TIME = { sheet: '报送登记', column: 12 };

let dir = '';
let files: string[] = [];
/** Next period's reports (2024), some of which come early, during 2023's combining. */
let nextFiles: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'yilao-record-'));
  const made: { file: string; bytes: Uint8Array }[] = [];
  for (const s of demoSubmissions())
    made.push({
      file: s.file,
      bytes: await fillTemplate(await writeTemplate(catalog, s.bureau, 2023), s.filling),
    });
  const health = made.find((m) => m.file === '卫健局-2023.xlsx');
  if (!health) throw new Error('no 卫健局 demo file');
  // The field cases of the issue: an untouched template, a copy under another name, and
  // 民政局's template with B2 changed to 卫健局 (用错模板).
  made.push({ file: '老干局-空表.xlsx', bytes: await writeTemplate(catalog, '县委老干局', 2023) });
  made.push({ file: '卫健局-2023(1).xlsx', bytes: health.bytes });
  made.push({
    file: '卫健局-用民政局模板.xlsx',
    bytes: await fillTemplate(await writeTemplate(catalog, '县民政局', 2023), {
      figures: { 'YL-02': 777 },
      filledOn: new Date(Date.UTC(2023, 11, 30)),
      bureauText: '县卫生健康局',
    }),
  });
  for (const { file, bytes } of made) writeFileSync(path.join(dir, file), bytes);
  files = made.map((m) => m.file);
  // 2024: three bureaus report again a year on, a blank template and a resubmission among them.
  const next: { file: string; bytes: Uint8Array }[] = [];
  for (const s of demoSubmissions().filter((d) =>
    ['民政局-2023-更正.xlsx', '卫健局-2023.xlsx', '教体局-2023.xlsx'].includes(d.file),
  )) {
    const filledOn = s.filling.filledOn ?? new Date(Date.UTC(2023, 11, 20));
    const figures = Object.fromEntries(
      Object.entries(s.filling.figures).map(([code, typed]) => [
        code,
        typeof typed === 'number' ? typed + 5 : typed,
      ]),
    );
    next.push({
      file: s.file.replace(/-2023(-更正)?/, '-2024'),
      bytes: await fillTemplate(await writeTemplate(catalog, s.bureau, 2024), {
        ...s.filling,
        figures,
        filledOn: new Date(filledOn.getTime() + 366 * 86_400_000),
      }),
    });
  }
  next.push({ file: '老干局-2024-空表.xlsx', bytes: await writeTemplate(catalog, '县委老干局', 2024) });
  next.push({
    file: '卫健局-2024-更正.xlsx',
    bytes: await fillTemplate(await writeTemplate(catalog, '县卫生健康局', 2024), {
      figures: { 'YL-16': 66 },
      filledOn: new Date(Date.UTC(2025, 0, 5)),
    }),
  });
  for (const { file, bytes } of next) writeFileSync(path.join(dir, file), bytes);
  nextFiles = next.map((m) => m.file);
}, 60_000);

/** A sheet as the text of each cell, row by row, trailing blanks trimmed. */
type Grid = string[][];

function trim(grid: Grid): Grid {
  const rows = grid.map((row) => {
    const out = [...row];
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out;
  });
  while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
  return rows;
}

function withoutImportTime(name: string, grid: Grid): Grid {
  if (name !== IMPORT_TIME.sheet) return grid;
  return grid.map((row, r) => (r === 0 ? row : row.map((v, c) => (c === IMPORT_TIME.column - 1 ? '' : v))));
}

function gridsOfFile(file: string): Record<string, Grid> {
  const read = readWorkbook(readFileSync(file), { allSheets: true, limits: MASTER_READ_LIMITS });
  if (!read.ok) throw new Error(`master unreadable: ${read.error.kind}`);
  const out: Record<string, Grid> = {};
  for (const name of COMPARED) {
    const sheet = read.workbook.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    out[name] = withoutImportTime(
      name,
      trim(sheet.rows.map((row) => Array.from(row, (cell) => (cell ? displayText(cell) : '')))),
    );
  }
  return out;
}

/** A cell of the in-memory Excel as the core quotes it: numbers under their format (0 % as 0%). */
function text(value: string | number | boolean | null | undefined, numFmt: string): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? displayText({ type: 'number', value, numFmt }) : String(value);
}

function gridsOfDouble(sheets: (name: string) => SheetModel | undefined): Record<string, Grid> {
  const out: Record<string, Grid> = {};
  for (const name of COMPARED) {
    const sheet = sheets(name);
    if (!sheet) throw new Error(`no sheet ${name} in Excel`);
    const used = sheet.used(true);
    const grid: Grid = [];
    for (let r = 1; used && r <= used.bottom; r++) {
      const row: string[] = [];
      for (let c = 1; c <= used.right; c++) {
        const cell = sheet.cell(r, c);
        row.push(text(cell?.value, cell?.numberFormat ?? 'General'));
      }
      grid.push(row);
    }
    out[name] = withoutImportTime(name, trim(grid));
  }
  return out;
}

const clock = (step: number) => new Date(Date.UTC(2024, 0, 10 + step, 0, 0)).toISOString();

/** Splits a list into consecutive runs at the given cut points. */
function split<T>(list: readonly T[], cuts: readonly number[]): T[][] {
  const points = [...new Set(cuts.map((c) => c % (list.length + 1)))].sort((a, b) => a - b);
  const runs: T[][] = [];
  let from = 0;
  for (const at of [...points, list.length]) {
    if (at > from) runs.push(list.slice(from, at));
    from = Math.max(from, at);
  }
  return runs;
}

/** The add-in's path: the same core, the Office.js adapter writing into the in-memory Excel. */
async function combineInExcel(runs: readonly string[][]): Promise<Record<string, Grid>> {
  const office = installOfficeDouble();
  try {
    office.workbook.addSheet('Sheet1');
    const host = officeHost();
    for (const [step, run] of runs.entries()) {
      const read = await host.readMasterState(catalog);
      if (read.kind === 'refused') throw new Error(read.en);
      const state: MasterState | undefined = read.kind === 'master' ? read.state : undefined;
      const inputs: CombineInput[] = run.map((file) => {
        const bytes = readFileSync(path.join(dir, file));
        return checkFileBytes(file, bytes, sha256Bytes(bytes), catalog, { history: statePoints(state) });
      });
      const master = combine(catalog, inputs, {
        importedAt: `2024-02-${String(step + 1).padStart(2, '0')} 09:00`,
        ...(state ? { existing: state } : {}),
      });
      await host.writeMaster(catalog, master, step % 2 === 0 ? 'zh' : 'en');
    }
    // The last write in Chinese, as the command line's is: the facts are the same either way.
    const read = await host.readMasterState(catalog);
    if (read.kind !== 'master') throw new Error('no master in Excel');
    await host.writeMaster(
      catalog,
      combine(catalog, [], { importedAt: '2024-03-01 09:00', existing: read.state }),
      'zh',
    );
    return gridsOfDouble((name) => office.workbook.sheet(name));
  } finally {
    office.uninstall();
  }
}

describe('the master is durable (spec §7)', () => {
  it('§7: combining in steps, in any order and split, in either language, gives the master of one run — on the command line and in the add-in', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(files.slice(), { minLength: 2 }),
        fc.array(fc.nat(20), { minLength: 1, maxLength: 3 }),
        fc.array(fc.constantFrom<'zh' | 'en'>('zh', 'en'), { minLength: 4, maxLength: 4 }),
        async (chosen, cuts, langs) => {
          const case_ = path.join(dir, `case-${n++}`);
          const batch = `${case_}-batch.xlsx`;
          const steps = `${case_}-steps.xlsx`;
          await runCli(['combine', ...chosen.map((f) => path.join(dir, f)), '--out', batch], clock(0));
          const runs = split(chosen, cuts);
          for (const [i, run] of runs.entries()) {
            const result = await runCli(
              ['combine', ...run.map((f) => path.join(dir, f)), '--out', steps, '--lang', langs[i] ?? 'zh'],
              clock(i + 1),
            );
            expect(result.code).not.toBe(2);
          }
          // Re-combining everything again (in Chinese) changes nothing but import times.
          await runCli(['combine', ...chosen.map((f) => path.join(dir, f)), '--out', steps], clock(9));
          const one = gridsOfFile(batch);
          const stepped = gridsOfFile(steps);
          for (const name of COMPARED) expect([name, stepped[name]]).toEqual([name, one[name]]);
          const excel = await combineInExcel(runs);
          for (const name of COMPARED) expect([name, excel[name]]).toEqual([name, one[name]]);
        },
      ),
      { numRuns: 12, seed: 20261129 },
    );
  }, 300_000);

  it("§7: next period's files sent early, during this period's combining in any order and split, give the master of combining each period in turn", async () => {
    let n = 0;
    const at = (f: string) => path.join(dir, f);
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(files.slice(), { minLength: 1 }),
        fc.shuffledSubarray(nextFiles.slice(), { minLength: 1 }),
        fc.array(fc.nat(30), { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(30), { minLength: 1, maxLength: 3 }),
        async (thisYear, early, places, cuts) => {
          const case_ = path.join(dir, `mixed-${n++}`);
          const inTurn = `${case_}-in-turn.xlsx`;
          const steps = `${case_}-steps.xlsx`;
          const rest = nextFiles.filter((f) => !early.includes(f));
          // Each period in turn: 2023's files, then all of 2024's.
          await runCli(['combine', ...thisYear.map(at), '--out', inTurn, '--period', '2023'], clock(0));
          await runCli(['combine', ...nextFiles.map(at), '--out', inTurn, '--period', '2024'], clock(1));
          // The early 2024 files mixed into 2023's runs, which are combined as 2023 …
          const mixed = [...thisYear];
          for (const [i, f] of early.entries())
            mixed.splice((places[i % places.length] ?? 0) % (mixed.length + 1), 0, f);
          for (const [i, run] of split(mixed, cuts).entries()) {
            const result = await runCli(
              ['combine', ...run.map(at), '--out', steps, '--period', '2023'],
              clock(i + 2),
            );
            expect(result.code).not.toBe(2);
          }
          // … then 2024 is combined with the files that had not come yet (or one given again).
          const last = rest.length > 0 ? rest : early.slice(0, 1);
          await runCli(['combine', ...last.map(at), '--out', steps, '--period', '2024'], clock(9));
          const one = gridsOfFile(inTurn);
          const stepped = gridsOfFile(steps);
          for (const name of COMPARED) expect([name, stepped[name]]).toEqual([name, one[name]]);
        },
      ),
      { numRuns: 10, seed: 20261130 },
    );
  }, 300_000);

  it('a late file into an existing master keeps every fact of the files already in it', async () => {
    const first = files.filter((f) => f !== '民政局-2023-更正.xlsx');
    const out = path.join(dir, 'late.xlsx');
    const batch = path.join(dir, 'late-batch.xlsx');
    await runCli(['combine', ...first.map((f) => path.join(dir, f)), '--out', out], clock(0));
    await runCli(['combine', path.join(dir, '民政局-2023-更正.xlsx'), '--out', out], clock(1));
    await runCli(['combine', ...files.map((f) => path.join(dir, f)), '--out', batch], clock(0));
    const late = gridsOfFile(out);
    const one = gridsOfFile(batch);
    expect(late['县汇总']).toEqual(one['县汇总']);
    expect(late['报送登记']).toEqual(one['报送登记']);
    // The register names every file with what became of it, not just this run's.
    const outcomes = Object.fromEntries((late['报送登记'] ?? []).slice(1).map((r) => [r[0], r[8]]));
    expect(outcomes).toMatchObject({
      '民政局-2023.xlsx': '已被替代',
      '民政局-2023-更正.xlsx': '采用',
      '老干局-空表.xlsx': '退回',
      '卫健局-2023(1).xlsx': '采用',
      '卫健局-2023.xlsx': '退回',
      '卫健局-用民政局模板.xlsx': '退回',
    });
    expect(late['县汇总']?.[1]?.[0]).toContain(`汇总表共收到文件 ${files.length} 个`);
  }, 60_000);
});
