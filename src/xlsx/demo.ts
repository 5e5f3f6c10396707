import ExcelJS from 'exceljs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  HEADER_FIELDS,
  MILESTONE_SHEET,
  ENTRY_SHEET,
  combine,
  countyTime,
  defaultCatalog,
  fileErrorMessage,
  jsonReport,
  statusLabel,
  type Catalog,
  type CombineInput,
  type Lang,
} from '../core';
import { annotateWorkbook, annotatedFileName } from './annotate';
import { checkBytes } from './files';
import type { Io } from './cli';
import { UsageError } from './usage';
import { writeMaster } from './master';
import { formatMaster, type Painter } from './output';
import { restyle } from './style';
import { templateFileName, writeTemplate } from './template';

/**
 * The demo: the whole job on sample figures from the plan's own context (620 beds, 655 childcare
 * places, …), typed with the mistakes clerks really make, so a newcomer sees every check work.
 */

/** What a clerk typed into one cell: a value exceljs writes as is, or a cell with a format. */
export type Typed = ExcelJS.CellValue | { value: ExcelJS.CellValue; numFmt: string };

export interface Filling {
  figures: Record<string, Typed>;
  notes?: Record<string, string>;
  /** 完成情况 of milestone rows, by code. */
  progress?: Record<string, string>;
  filledBy?: string;
  phone?: string;
  filledOn?: Date;
  /** What the clerk typed into B2, where it is not the template's own bureau (用错模板). */
  bureauText?: string;
}

function isFormatted(typed: Typed): typed is { value: ExcelJS.CellValue; numFmt: string } {
  return typeof typed === 'object' && typed !== null && 'numFmt' in typed && 'value' in typed;
}

/** Types figures into a template as a clerk would, by code, and returns the file's bytes. */
export async function fillTemplate(template: Uint8Array, filling: Filling): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(template) as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet(ENTRY_SHEET);
  if (!sheet) throw new Error('template has no 指标填报 sheet');
  if (filling.bureauText) sheet.getCell(HEADER_FIELDS.bureau.cell).value = filling.bureauText;
  if (filling.filledBy) sheet.getCell(HEADER_FIELDS.filledBy.cell).value = filling.filledBy;
  if (filling.phone) sheet.getCell(HEADER_FIELDS.phone.cell).value = filling.phone;
  if (filling.filledOn) sheet.getCell(HEADER_FIELDS.filledOn.cell).value = filling.filledOn;
  const put = (cell: ExcelJS.Cell, typed: Typed): void => {
    if (isFormatted(typed)) {
      cell.value = typed.value;
      restyle(cell, { numFmt: typed.numFmt });
    } else {
      cell.value = typed;
    }
  };
  sheet.eachRow((row) => {
    const code = row.getCell(1).text;
    const typed = filling.figures[code];
    if (typed !== undefined) put(row.getCell(7), typed);
    const note = filling.notes?.[code];
    if (note !== undefined) row.getCell(8).value = note;
  });
  const milestones = workbook.getWorksheet(MILESTONE_SHEET);
  milestones?.eachRow((row) => {
    const code = row.getCell(1).text;
    const progress = filling.progress?.[code];
    if (progress !== undefined) row.getCell(5).value = progress;
    const typed = filling.figures[code];
    if (typed !== undefined) put(row.getCell(6), typed);
    const note = filling.notes?.[code];
    if (note !== undefined) row.getCell(7).value = note;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const day = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

/** The sample submissions of 2023: realistic figures, and the mistakes the issue list names. */
export function demoSubmissions(): { file: string; bureau: string; filling: Filling }[] {
  return [
    {
      file: '民政局-2023.xlsx',
      bureau: '县民政局',
      filling: {
        filledBy: '李明',
        phone: '0883-6123456',
        filledOn: day('2023-12-18'),
        figures: {
          'YL-02': '约620张',
          'YL-03': 45,
          'YL-04': 1,
          'YL-05': 100,
          'YL-06': 0.62,
          'YL-07': 150,
          'YL-09': '待统计',
          'YL-10': 35,
          'YL-14': 78,
          'YL-15': '１００％',
          'YL-17': 55,
          'XM-01-床位': 120,
          'XM-01-投资': '6000万元',
          'XM-01-进度': { value: 0.4, numFmt: '0%' },
        },
        progress: { 'GG-02': '推进中', 'XM-01-床位': '推进中' },
        notes: { 'YL-02': '含在建床位' },
      },
    },
    {
      // The corrected resubmission: a later 填报日期 supersedes the first file.
      file: '民政局-2023-更正.xlsx',
      bureau: '县民政局',
      filling: {
        filledBy: '李明',
        phone: '0883-6123456',
        filledOn: day('2023-12-22'),
        figures: {
          'YL-02': 620,
          'YL-03': 45,
          'YL-04': 1,
          'YL-05': 100,
          'YL-06': 62,
          'YL-07': 150,
          'YL-09': 0,
          'YL-10': 35,
          'YL-14': 78,
          'YL-15': 100,
          'YL-17': 55,
          'XM-01-床位': 120,
          'XM-01-投资': 0.6,
          'XM-01-进度': 40,
        },
        progress: { 'GG-02': '推进中', 'XM-01-床位': '推进中' },
        notes: {
          'YL-02': '=以上数据已经分管领导审核',
          'YL-09': '失能照护服务机构在建，2024年建成',
        },
      },
    },
    {
      file: '卫健局-2023.xlsx',
      bureau: '县卫生健康局',
      filling: {
        filledBy: '王芳',
        phone: '0883-6123789',
        filledOn: day('2023-12-20'),
        figures: {
          'YL-04': 2,
          'TY-01': 85,
          'TY-02': 1,
          'TY-03': '655个',
          'TY-04': 5,
          'TY-05': 56.5,
          'TY-06': 32,
          'TY-07': { value: 0.45, numFmt: '0%' },
          'TY-08': '约60',
          'TY-09': { formula: '1/0', result: { error: '#DIV/0!' } },
        },
        progress: { 'GG-03': '已完成', 'GG-04': '推进中' },
        notes: { 'TY-08': '抽样调查估算' },
      },
    },
    {
      file: '人社局-2023.xlsx',
      bureau: '县人力资源和社会保障局',
      filling: {
        filledBy: '赵强',
        phone: '0883-6125555',
        filledOn: day('2023-12-19'),
        figures: { 'YL-01': 93.5, 'YL-14': 78, 'TY-06': 30 },
      },
    },
    {
      file: '教体局-2023.xlsx',
      bureau: '县教育体育局',
      filling: {
        filledBy: '孙丽',
        filledOn: day('2023-12-21'),
        figures: { 'YL-16': '１８', 'TY-06': 32, 'TY-08': 48 },
      },
    },
    {
      file: '老干局-2023.xlsx',
      bureau: '县委老干局',
      filling: {
        filledBy: '周敏',
        filledOn: day('2023-12-15'),
        figures: {
          'YL-11': 100,
          // Typed 3-5 meaning "3 of 5"; Excel made it 5 March.
          'YL-12': { value: day('2023-03-05'), numFmt: 'm-d' },
          'YL-13': 65,
          'YL-16': 17,
        },
      },
    },
    {
      file: '自然资源局-2023.xlsx',
      bureau: '县自然资源局',
      filling: { filledBy: '吴刚', filledOn: day('2023-12-20'), figures: { 'YL-08': 100 } },
    },
    {
      file: '住建局-2023.xlsx',
      bureau: '县住房城乡建设局',
      filling: { filledBy: '郑伟', filledOn: day('2023-12-20'), figures: { 'YL-08': 0.95 } },
    },
    {
      file: '发改局-2023.xlsx',
      bureau: '县发展改革局',
      filling: {
        filledBy: '陈军',
        filledOn: day('2023-12-16'),
        figures: {},
        progress: { 'GG-01': '已完成' },
      },
    },
  ];
}

/** Marks a folder as the demo's own, so that a second run may clear what the first wrote. */
const DEMO_MARK = '.yilao-demo';

/**
 * The demo clears only what an earlier demo wrote there, and only in a folder it marked: a
 * `--out` naming a folder of the user's own (even a home folder) is refused, never emptied.
 */
async function prepareDemoFolder(out: string, own: readonly string[]): Promise<void> {
  let names: string[] = [];
  try {
    names = await readdir(out);
  } catch {
    // No folder yet: nothing to protect.
  }
  // A folder holding nothing but what a demo writes (an earlier version wrote no mark) is its own too.
  const ownNames = new Set(own.map((item) => path.basename(item)));
  const onlyDemo = names.every((name) => ownNames.has(name) || name === DEMO_MARK);
  if (names.length > 0 && !names.includes(DEMO_MARK) && !onlyDemo) {
    throw new UsageError(
      `目录 ${out} 中已有其他文件，演示不会清空或覆盖它。请用 --out 指定一个新的或空的目录。`,
      `${out} already holds other files; the demo never empties or overwrites a folder it did not make. Give a new or empty folder with --out.`,
    );
  }
  for (const item of own) await rm(item, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, DEMO_MARK), 'yilao demo\n');
}

export async function runDemo(options: {
  out: string;
  io: Io;
  lang: Lang;
  paint: Painter;
  catalog?: Catalog;
}): Promise<number> {
  const { out, io, lang, paint } = options;
  const catalog = options.catalog ?? defaultCatalog();
  const period = 2023;
  const say = (zh: string, en: string): void => {
    io.stdout(`${lang === 'zh' ? zh : en}\n`);
  };
  const dirs = {
    templates: path.join(out, '1-模板'),
    submitted: path.join(out, '2-报送文件'),
    annotated: path.join(out, '3-核查结果'),
  };
  await prepareDemoFolder(out, [
    ...Object.values(dirs),
    path.join(out, `县汇总-${period}.xlsx`),
    path.join(out, 'report.json'),
  ]);
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });

  say(`① 生成 ${period} 年度填报模板`, `1. Templates for ${period}`);
  const submissions = demoSubmissions();
  const templates = new Map<string, Buffer>();
  for (const bureau of new Set(submissions.map((s) => s.bureau))) {
    const bytes = await writeTemplate(catalog, bureau, period);
    templates.set(bureau, bytes);
    await writeFile(path.join(dirs.templates, templateFileName(bureau, period)), bytes);
  }
  say(
    `   ${templates.size} 个单位的模板 → ${dirs.templates}`,
    `   ${templates.size} templates → ${dirs.templates}`,
  );

  say(
    '② 各单位填报（含常见错误：约数、带单位、0.62 当 62%、全角数字、被改成日期、#DIV/0!、重复报送……）',
    '2. Bureaus fill them in, with the usual mistakes',
  );
  const files: { file: string; bytes: Buffer }[] = [];
  for (const submission of submissions) {
    const template = templates.get(submission.bureau);
    if (!template) continue;
    const bytes = await fillTemplate(template, submission.filling);
    files.push({ file: submission.file, bytes });
  }
  // A file cut off in transfer: the others must still combine.
  const cut = files[3]?.bytes ?? Buffer.alloc(0);
  files.push({ file: '统计局-2023（传输中断）.xlsx', bytes: cut.subarray(0, Math.floor(cut.length / 2)) });
  for (const { file, bytes } of files) await writeFile(path.join(dirs.submitted, file), bytes);
  say(`   ${files.length} 个报送文件 → ${dirs.submitted}`, `   ${files.length} files → ${dirs.submitted}`);

  say('③ 核查并生成标注副本', '3. Check, and annotated copies');
  const inputs: CombineInput[] = [];
  for (const { file, bytes } of files) {
    const result = checkBytes(file, bytes, catalog);
    inputs.push(result);
    const report = result.report;
    if (report) {
      await writeFile(
        path.join(dirs.annotated, annotatedFileName(file)),
        await annotateWorkbook(bytes, report, lang),
      );
      const c = report.counts;
      const mark = c.errors > 0 ? paint.red('✗') : c.warnings > 0 ? paint.yellow('!') : paint.green('✓');
      say(
        `   ${mark} ${file}：错误 ${c.errors}，提醒 ${c.warnings}（已说明 ${c.explainedWarnings}），滞后 ${c.byStatus['off-track']}，存在风险 ${c.byStatus['at-risk']}`,
        `   ${mark} ${file}: ${c.errors} errors, ${c.warnings} warnings (${c.explainedWarnings} explained), ${c.byStatus['off-track']} off track, ${c.byStatus['at-risk']} at risk`,
      );
    } else {
      const error = result.fileErrors[0];
      const reason = error ? fileErrorMessage(error, lang, file) : '';
      say(`   ${paint.red('✗')} ${reason}`, `   ${paint.red('✗')} ${reason}`);
    }
  }

  say('④ 汇总为县汇总表', '4. Combine into the county master');
  const master = combine(catalog, inputs, { importedAt: countyTime(options.io.now()), period });
  const masterFile = path.join(out, `县汇总-${period}.xlsx`);
  await writeFile(masterFile, await writeMaster(catalog, master, lang));
  const reportFile = path.join(out, 'report.json');
  await writeFile(reportFile, `${JSON.stringify(jsonReport(inputs, lang, master), null, 2)}\n`);
  io.stdout(`${formatMaster(master, lang, paint)}\n\n`);

  const counts = master.rows.reduce<Record<string, number>>((acc, row) => {
    acc[row.status] = (acc[row.status] ?? 0) + 1;
    return acc;
  }, {});
  const summary = Object.entries(counts)
    .map(([status, n]) => `${statusLabel(status as Parameters<typeof statusLabel>[0], lang)} ${n}`)
    .join('，');
  const superseded = master.register.filter((r) => r.outcome === 'superseded').map((r) => r.file);
  const rejected = master.register.filter((r) => r.outcome === 'rejected').map((r) => r.file);
  say(`汇总结果：${summary}。`, `Result: ${summary}.`);
  say(
    `被更正文件替代：${superseded.join('、') || '无'}；退回：${rejected.join('、') || '无'}。`,
    `Superseded: ${superseded.join(', ') || 'none'}; rejected: ${rejected.join(', ') || 'none'}.`,
  );
  say(
    `\n文件：\n  模板        ${dirs.templates}\n  报送文件    ${dirs.submitted}\n  核查结果    ${dirs.annotated}\n  县汇总表    ${masterFile}\n  JSON 报告   ${reportFile}`,
    `\nFiles:\n  templates   ${dirs.templates}\n  submitted   ${dirs.submitted}\n  annotated   ${dirs.annotated}\n  master      ${masterFile}\n  JSON        ${reportFile}`,
  );
  // The demo's own exit code says whether it ran, not whether its sample data has mistakes.
  await readFile(masterFile);
  return 0;
}
