import { readFileSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  combine,
  countyTime,
  defaultCatalog,
  fileErrorMessage,
  findingMessage,
  jsonReport,
  lintCatalog,
  loadCatalog,
  printable,
  readMasterState,
  registerText,
  resolveBureau,
  statePoints,
  responsibleBureaus,
  type Catalog,
  type CombineInput,
  type FileResult,
  type Lang,
  type Master,
  type MasterState,
} from '../core';
import { convertToXlsx, findSoffice } from './convert';
import { checkBytes, expandInputs } from './files';
import { checkFiles } from './parallel';
import { formatFileResult, formatMaster, painter, progressBar, terminalSafe, type Painter } from './output';
import { OutputExists, outputPaths, pathInside, writeFileSafely } from './safe-files';
import { verifyWholeZip } from './zip';
import { writeJsonBlocks } from './json-stream';
import { MASTER_READ_LIMITS, READ_LIMITS, readWorkbook } from './reader';
// The writers (exceljs, about 0.3 s to load) are loaded by the commands that write: `check`
// without --annotate and `lint-catalog` only read, and start without them. `require` rather than
// `import()`: the build is CommonJS, and a dynamic import would load these as ES modules.
/* eslint-disable @typescript-eslint/no-require-imports */
const writers = {
  annotate: () => require('./annotate') as typeof import('./annotate'),
  master: () => require('./master') as typeof import('./master'),
  template: () => require('./template') as typeof import('./template'),
  demo: () => require('./demo') as typeof import('./demo'),
};
/* eslint-enable @typescript-eslint/no-require-imports */
import { UsageError } from './usage';

export { UsageError };

/** `yilao`: the command-line twin of the add-in, on .xlsx files. Exit 0 ok, 1 problems found, 2 usage. */

export interface Io {
  stdout: (text: string) => void;
  /** The same stream as bytes, where the caller has them: a large JSON report is written so. */
  stdoutBytes?: (bytes: Uint8Array) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal: progress bars and colour. */
  tty: boolean;
  /** Clock for 导入时间, injectable so runs can be compared. */
  now: () => Date;
}

const defaultIo = (): Io => ({
  stdout: (text) => process.stdout.write(text),
  stdoutBytes: (bytes) => process.stdout.write(bytes),
  stderr: (text) => process.stderr.write(text),
  tty: process.stderr.isTTY && !process.env.NO_COLOR,
  now: () => (process.env.YILAO_NOW ? new Date(process.env.YILAO_NOW) : new Date()),
});

interface Parsed {
  positionals: string[];
  options: Map<string, string | true>;
  /** Every value of an option that may be given more than once (`--keep`). */
  lists: Map<string, string[]>;
}

/**
 * The options each command takes, like frictionless's per-command options: an option a
 * command does not take is a usage error that names the ones it does, never silently ignored.
 * `--help` and `--lang` are taken by every command.
 */
const COMMAND_OPTIONS: Record<string, { values: readonly string[]; flags: readonly string[] }> = {
  template: { values: ['--period', '--bureau', '--out', '--catalog'], flags: ['--force', '--no-color'] },
  check: {
    values: ['--catalog', '--annotate', '--history'],
    flags: ['--json', '--no-color', '--no-convert'],
  },
  combine: {
    values: ['--out', '--period', '--catalog', '--keep'],
    flags: ['--json', '--no-color', '--no-convert'],
  },
  'lint-catalog': { values: ['--catalog'], flags: ['--json', '--no-color'] },
  demo: { values: ['--out'], flags: ['--no-color'] },
};
const COMMON_VALUES = ['--lang'];
const COMMON_FLAGS = ['--help', '-h'];

function optionList(command: string): string {
  const own = COMMAND_OPTIONS[command];
  return [...(own?.values ?? []), ...COMMON_VALUES, ...(own?.flags ?? []), '--help'].join(' ');
}

export function parseArgs(argv: readonly string[], command = ''): Parsed {
  const own = COMMAND_OPTIONS[command];
  const values = new Set([...(own?.values ?? []), ...COMMON_VALUES]);
  const flags = new Set([...(own?.flags ?? []), ...COMMON_FLAGS]);
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const [name = '', inline] = arg.split(/=(.*)/s, 2);
      if (values.has(name)) {
        const value = inline ?? argv[++i];
        if (value === undefined || value === '')
          throw new UsageError(`选项 ${name} 需要一个值。`, `option ${name} needs a value.`);
        options.set(name, value);
        lists.set(name, [...(lists.get(name) ?? []), value]);
      } else if (flags.has(name) && inline === undefined) {
        options.set(name === '-h' ? '--help' : name, true);
      } else {
        const list = optionList(command);
        throw new UsageError(
          command ? `${command} 不接受选项 ${name}。可用的选项：${list}` : `不认识的选项 ${name}。`,
          command ? `${command} does not take ${name}. Its options: ${list}` : `unknown option ${name}.`,
        );
      }
    } else {
      positionals.push(arg);
    }
  }
  return { positionals, options, lists };
}

function option(parsed: Parsed, name: string): string | undefined {
  const value = parsed.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

function langOf(parsed: Parsed): Lang {
  const lang = option(parsed, '--lang') ?? 'zh';
  if (lang !== 'zh' && lang !== 'en')
    throw new UsageError(`--lang 只能是 zh 或 en，收到 ${lang}。`, `--lang takes zh or en, not ${lang}.`);
  return lang;
}

function yearOf(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const year = Number(text);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new UsageError(
      `${name} 应为四位年份，如 2025，收到 ${text}。`,
      `${name} takes a year such as 2025, not ${text}.`,
    );
  }
  return year;
}

async function catalogOf(parsed: Parsed, file?: string): Promise<Catalog> {
  const source = file ?? option(parsed, '--catalog');
  if (!source) return defaultCatalog();
  let data: unknown;
  try {
    data = JSON.parse(await readFile(source, 'utf8'));
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new UsageError(`无法读取指标目录 ${source}：${why}`, `cannot read the catalog ${source}: ${why}`);
  }
  const result = loadCatalog(data);
  if (!result.ok)
    throw new UsageError(
      `指标目录 ${source} 有误：\n  ${result.errors.join('\n  ')}`,
      `the catalog ${source} is wrong:\n  ${result.errors.join('\n  ')}`,
    );
  return result.catalog;
}

const HELP: Record<string, Record<Lang, string>> = {
  main: {
    zh: `yilao —— “一老一小”指标填报表的生成、核查与汇总

用法：
  yilao template --period 年份 [--bureau 单位] [--out 目录]     生成填报模板（不写单位则为所有责任单位各生成一份）
  yilao check 文件... [--json] [--annotate 目录] [--history 汇总表.xlsx]   核查填报文件
  yilao combine 文件或目录... --out 汇总表.xlsx [--json] [--period 年份] [--keep 文件]   汇总为县汇总表
  yilao lint-catalog [目录文件.json] [--json]                检查指标目录
  yilao demo [--out 目录]                                    用示例数据演示全过程

通用选项：--lang zh|en 输出语言；--catalog 文件 使用其他指标目录；--help 查看某个命令的帮助。
退出码：0 全部正常；1 发现文件错误或错误级问题；2 用法错误。`,
    en: `yilao — make, check and combine the 一老一小 indicator workbooks

Usage:
  yilao template --period YEAR [--bureau NAME] [--out DIR]     write templates (every responsible bureau when none is named)
  yilao check FILE... [--json] [--annotate DIR] [--history MASTER.xlsx]
  yilao combine FILE|DIR... --out MASTER.xlsx [--json] [--period YEAR] [--keep FILE]
  yilao lint-catalog [CATALOG.json] [--json]
  yilao demo [--out DIR]

Common options: --lang zh|en; --catalog FILE for another catalog; --help on any command.
Exit codes: 0 all fine; 1 a file error or an error issue was found; 2 wrong usage.`,
  },
  template: {
    zh: `yilao template --period 年份 [--bureau 单位] [--out 目录] [--catalog 目录文件]
  为一个单位（可写简称，如“民政局”）或所有责任单位生成本期填报模板（.xlsx）。
  例：yilao template --bureau 民政局 --period 2025 --out 模板/`,
    en: `yilao template --period YEAR [--bureau NAME] [--out DIR] [--catalog FILE]
  Writes the template for one bureau (short names work: 民政局) or for every responsible bureau.
  e.g. yilao template --bureau 民政局 --period 2025 --out templates/`,
  },
  check: {
    zh: `yilao check 文件... [--json] [--lang zh|en] [--annotate 目录] [--history 汇总表.xlsx]
  核查填报文件：逐项读取完成值，报告错误、提醒和完成状态。
  --annotate 目录   另存一份标注了问题的副本（原文件不会被修改），可退回填报单位
  --history 汇总表  用汇总表的历史数据核对与上期相比的异常变化
  --no-convert      不用 LibreOffice 转换 .xls/.ods/.et 文件（默认：本机装有 LibreOffice 时转换副本后核查）`,
    en: `yilao check FILE... [--json] [--lang zh|en] [--annotate DIR] [--history MASTER.xlsx]
  Checks bureau files: every figure read, errors, warnings and status reported.
  --annotate DIR   writes a marked-up copy of each file (the original is never changed)
  --history FILE   uses a master's history for changes against the previous period
  --no-convert     do not convert .xls/.ods/.et with LibreOffice (by default a copy is converted where it is installed)`,
  },
  combine: {
    zh: `yilao combine 文件或目录... --out 汇总表.xlsx [--json] [--lang zh|en] [--period 年份] [--keep 文件]...
  把各单位的填报文件汇总为县汇总表。目录中的每个文件都列出（不是 .xlsx 的列为退回并说明原因）。
  --out 已存在时在其基础上汇总：已汇总的文件都保留，结果与一次汇总全部文件相同。
  同一单位有多份文件时，只有填报日期更晚的才替代较早的；日期相同或未填则列为“待确认”，
  确认前暂用已在使用的（或错误较少的）一份。
  --keep 文件       确认保留这一份（可写多次，每个单位一份）；决定会记在汇总表里
  --period 年份     汇总指定年份（默认：汇总表原有年份与本次多数文件年份中较晚的一个）
  --no-convert      不用 LibreOffice 转换 .xls/.ods/.et 文件`,
    en: `yilao combine FILE|DIR... --out MASTER.xlsx [--json] [--lang zh|en] [--period YEAR] [--keep FILE]...
  Combines the bureaus' files into the county master. Every file in a folder is listed (anything
  not .xlsx as rejected, with why). When --out exists, combines into it: every file it holds is
  kept, and the result is that of combining all files in one run.
  Of several files from one bureau, only a strictly later 填报日期 supersedes; the same or no date
  is "to decide", and until decided the file already used (or the one with fewer errors) is used.
  --keep FILE       decide for this file (repeat, one per bureau); the decision is kept in the master
  --period YEAR     combine this year (default: the later of the master's and most files')
  --no-convert      do not convert .xls/.ods/.et with LibreOffice`,
  },
  'lint-catalog': {
    zh: `yilao lint-catalog [目录文件.json] [--json]
  检查指标目录（不写文件则检查内置的耿马 2023 目录），列出方案本身的矛盾和说明。`,
    en: `yilao lint-catalog [CATALOG.json] [--json]
  Lints a catalog (the built-in Gengma 2023 one by default): the plan's inconsistencies and notes.`,
  },
  demo: {
    zh: `yilao demo [--out 目录]
  用内置示例数据走一遍：生成模板、按常见错误填写、核查、标注、汇总。默认输出到 out/demo/。`,
    en: `yilao demo [--out DIR]
  Runs the whole job on sample data: templates, filled with typical mistakes, checked, annotated, combined.`,
  },
};

async function commandTemplate(parsed: Parsed, io: Io, lang: Lang): Promise<number> {
  const catalog = await catalogOf(parsed);
  const period = yearOf(option(parsed, '--period'), '--period');
  if (period === undefined)
    throw new UsageError(
      '请用 --period 指定报告期年份，如 --period 2025。',
      'give the year with --period, e.g. --period 2025.',
    );
  // Reporting periods are the plan's years after its base year (2021–2025 for the 2023 plan).
  const first = catalog.baseYear + 1;
  if (period < first || period > catalog.targetYear)
    throw new UsageError(
      `--period ${period} 不在本方案的报告期 ${first}–${catalog.targetYear} 年之内。`,
      `--period ${period} is outside this plan's reporting years ${first}–${catalog.targetYear}.`,
    );
  const typed = option(parsed, '--bureau');
  let bureaus = responsibleBureaus(catalog);
  if (typed !== undefined) {
    const bureau = resolveBureau(catalog, typed);
    const names = responsibleBureaus(catalog)
      .map((b) => b.name)
      .join('、');
    if (!bureau) {
      throw new UsageError(
        `找不到单位“${typed}”。可用的单位：${names}`,
        `no bureau "${typed}". Bureaus: ${names}`,
      );
    }
    if (!responsibleBureaus(catalog).includes(bureau)) {
      throw new UsageError(
        `“${bureau.name}”不是任何指标的责任单位，无需填报。`,
        `${bureau.name} is responsible for no indicator and reports nothing.`,
      );
    }
    bureaus = [bureau];
  }
  const out = option(parsed, '--out') ?? '.';
  const replace = parsed.options.has('--force');
  await mkdir(out, { recursive: true });
  let refused = 0;
  const { templateFileName, writeTemplate } = writers.template();
  for (const bureau of bureaus) {
    // A catalog's bureau name becomes a file name: made safe, and kept inside --out.
    const file = pathInside(out, templateFileName(bureau.name, period));
    try {
      await writeFileSafely(file, await writeTemplate(catalog, bureau.name, period), { replace });
      io.stdout(`${lang === 'zh' ? '已生成' : 'wrote'} ${file}\n`);
    } catch (error) {
      if (!(error instanceof OutputExists)) throw error;
      refused++;
      io.stderr(
        lang === 'zh'
          ? `yilao: ${file} 已存在，未覆盖（它可能已经填好）。要覆盖请加 --force，或换一个 --out 目录。\n`
          : `yilao: ${file} exists and was not overwritten (it may be filled in). Use --force to replace it, or another --out.\n`,
      );
    }
  }
  return refused > 0 ? 1 : 0;
}

/** The state of an existing master, to combine into or check against; a clear refusal otherwise. */
async function readMasterFrom(file: string, catalog: Catalog, io: Io, lang: Lang): Promise<MasterState> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new UsageError(`无法读取汇总表 ${file}：${why}`, `cannot read the master ${file}: ${why}`);
  }
  // A master outgrows the limits of a bureau file: its history holds every file ever combined.
  const read = readWorkbook(bytes, { allSheets: true, limits: MASTER_READ_LIMITS });
  if (!read.ok) {
    const error = { ...read.error, file };
    throw new UsageError(
      `${fileErrorMessage(error, 'zh')}（读取汇总表时）`,
      `${fileErrorMessage(error, 'en')} (reading the master)`,
    );
  }
  const master = readMasterState(read.workbook, catalog);
  switch (master.kind) {
    case 'master':
      return master.state;
    case 'legacy':
      io.stderr(`yilao: ${master.notes[lang]}\n`);
      return master.state;
    case 'refused':
      throw new UsageError(`${file}：${master.zh}`, `${file}: ${master.en}`);
    case 'not-master':
      throw new UsageError(
        `${file} 不是 yilao 生成的汇总表（没有“历史”工作表）。请换一个文件名，或先备份后删除它。`,
        `${file} is not a master written by yilao (no 历史 sheet). Choose another name, or back it up and remove it.`,
      );
  }
}

function exitCodeFor(results: readonly FileResult[]): number {
  const bad = results.some(
    (r) =>
      r.fileErrors.length > 0 || (r.report && (r.report.fileErrors.length > 0 || r.report.counts.errors > 0)),
  );
  return bad ? 1 : 0;
}

async function checkAll(
  files: readonly string[],
  catalog: Catalog,
  state: MasterState | undefined,
  io: Io,
): Promise<FileResult[]> {
  const showProgress = io.tty && files.length > 1;
  const results = await checkFiles(files, catalog, { history: statePoints(state) }, (done, file) => {
    if (showProgress) io.stderr(progressBar(done, files.length, path.basename(file)));
  });
  if (showProgress) io.stderr('\n');
  return results;
}

/**
 * Annotated copies, one file at a time: a file that exceljs cannot take (text the fast reader
 * accepts but exceljs refuses, a part that would inflate past the budget) is reported for that
 * file, and the others still get their copies. exceljs only ever sees a file whose every part
 * inflated within the budget.
 */
async function annotateAll(
  files: readonly string[],
  results: readonly FileResult[],
  dir: string,
  io: Io,
  lang: Lang,
  converted: ReadonlyMap<string, Uint8Array> = new Map(),
): Promise<{ written: string[]; failed: number }> {
  await mkdir(dir, { recursive: true });
  const { annotateWorkbook, annotatedFileName } = writers.annotate();
  const chosen = results.flatMap((result, i) =>
    result.report && files[i] ? [{ result, source: files[i] }] : [],
  );
  // A converted file is marked on its .xlsx copy: the original format is not ours to write.
  const targets = await outputPaths(
    chosen.map(({ source }) =>
      path.join(
        dir,
        annotatedFileName(
          converted.has(source) ? path.basename(source).replace(/\.[^.]*$/, '.xlsx') : path.basename(source),
        ),
      ),
    ),
    files,
  );
  const written: string[] = [];
  let failed = 0;
  for (const [i, { result, source }] of chosen.entries()) {
    const target = targets[i] ?? '';
    try {
      const bytes = converted.get(source) ?? (await readFile(source));
      const over = verifyWholeZip(bytes, READ_LIMITS.maxInflatedBytes);
      if (over) throw new Error(over.detail);
      if (!result.report) continue;
      const copy = await annotateWorkbook(bytes, result.report, lang, (cells) => {
        const where = cells.slice(0, 5).join('、') + (cells.length > 5 ? ' …' : '');
        io.stderr(
          lang === 'zh'
            ? `yilao: 注意：“${path.basename(source)}”含有会连接外部的公式（超链接或 DDE：${where}），标注副本原样保留了它们。打开或转发前请确认来源；Excel 打开时会询问是否启用。\n`
            : `yilao: note: "${path.basename(source)}" holds formulas that reach outside (hyperlink or DDE: ${where}); the marked copy keeps them as they were. Check where it came from before opening or forwarding it.\n`,
        );
      });
      await writeFileSafely(target, copy);
      written.push(target);
    } catch (error) {
      failed++;
      const why = error instanceof Error ? error.message : String(error);
      io.stderr(
        lang === 'zh'
          ? `yilao: 无法为“${path.basename(source)}”生成标注副本（${why}），已跳过；其核查结果照常列出。\n`
          : `yilao: no marked copy of "${path.basename(source)}" (${why}); skipped, its results are listed as usual.\n`,
      );
    }
  }
  return { written, failed };
}

async function commandCheck(parsed: Parsed, io: Io, lang: Lang, paint: Painter): Promise<number> {
  const catalog = await catalogOf(parsed);
  if (parsed.positionals.length === 0)
    throw new UsageError('请给出要核查的文件。', 'give the files to check.');
  const files = await expandInputs(parsed.positionals);
  const historyFile = option(parsed, '--history');
  const state = historyFile ? await readMasterFrom(historyFile, catalog, io, lang) : undefined;
  const results = await checkAll(files, catalog, state, io);
  const converted = await convertRefused(parsed, files, results, catalog, state, io, lang);

  const annotateDir = option(parsed, '--annotate');
  const annotated = annotateDir
    ? await annotateAll(files, results, annotateDir, io, lang, converted)
    : { written: [], failed: 0 };

  if (parsed.options.has('--json')) {
    writeJson(io, jsonReport(results, lang));
  } else {
    for (const result of results) io.stdout(`${formatFileResult(result, lang, paint)}\n\n`);
    for (const file of annotated.written) io.stdout(`${lang === 'zh' ? '已标注' : 'annotated'} ${file}\n`);
  }
  return Math.max(exitCodeFor(results), annotated.failed > 0 ? 1 : 0);
}

/** The JSON report, written whole: the caller's stream drains before the process exits. */
function writeJson(io: Io, report: unknown): void {
  writeJsonBlocks(report, io.stdoutBytes ? { bytes: io.stdoutBytes } : { text: io.stdout });
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** YILAO_TIMING=1 prints how long each phase of a combine took, for the IT person and the benchmark. */
function phases() {
  // The first mark is what came before: Node's start, loading the modules, listing the files.
  let last = performance.now();
  const marks: [string, number][] = [['start', last]];
  return {
    mark(name: string): void {
      const now = performance.now();
      marks.push([name, now - last]);
      last = now;
    },
    report(io: Io): void {
      if (process.env.YILAO_TIMING !== '1') return;
      io.stderr(`YILAO_TIMING ${marks.map(([name, ms]) => `${name}=${Math.round(ms)}ms`).join(' ')}\n`);
    },
  };
}

async function commandCombine(parsed: Parsed, io: Io, lang: Lang, paint: Painter): Promise<number> {
  const catalog = await catalogOf(parsed);
  const out = option(parsed, '--out');
  if (!out)
    throw new UsageError(
      '请用 --out 指定汇总表文件，如 --out 县汇总.xlsx。',
      'give the master file with --out, e.g. --out master.xlsx.',
    );
  if (parsed.positionals.length === 0)
    throw new UsageError('请给出要汇总的文件或目录。', 'give the files or folders to combine.');
  const period = yearOf(option(parsed, '--period'), '--period');
  const files = (await expandInputs(parsed.positionals)).filter((f) => path.resolve(f) !== path.resolve(out));
  const existing = (await exists(out)) ? await readMasterFrom(out, catalog, io, lang) : undefined;
  const clock = phases();
  const results = await checkAll(files, catalog, existing, io);
  await convertRefused(parsed, files, results, catalog, existing, io, lang);
  clock.mark('read+check');
  const keep = keptFiles(parsed.lists.get('--keep') ?? [], results, existing);
  const inputs: CombineInput[] = results;
  const master = combine(catalog, inputs, {
    importedAt: countyTime(io.now()),
    ...(period !== undefined ? { period } : {}),
    ...(existing ? { existing } : {}),
    ...(keep.length > 0 ? { keep: keep.map((k) => k.sha256) } : {}),
  });
  for (const kept of keep) {
    const row = master.register.find((r) => r.sha256 === kept.sha256 && r.file === kept.file);
    if (row && row.outcome !== 'used')
      io.stderr(
        lang === 'zh'
          ? `yilao: --keep “${kept.file}”没有生效：${registerText(row, 'zh')}\n`
          : `yilao: --keep "${kept.file}" had no effect: ${registerText(row, 'en')}\n`,
      );
  }
  clock.mark('combine');
  await mkdir(path.dirname(path.resolve(out)), { recursive: true });
  const { writeMaster } = writers.master();
  const bytes = await writeMaster(catalog, master, lang, {
    onCleaned: (count) =>
      io.stderr(
        lang === 'zh'
          ? `yilao: 汇总表中有 ${count} 处填报单位的文字含有 Excel 无法保存的字符或超过 32767 字，已去掉这些字符或截断（截断处有标注）。\n`
          : `yilao: ${count} bureau texts held characters a workbook cannot store or ran past 32,767 characters; those characters were removed or the text cut (marked where cut).\n`,
      ),
    onSplit: (sheets) =>
      io.stderr(
        lang === 'zh'
          ? `yilao: 历史记录超过 Excel 一张工作表的行数上限（1048576 行），已按报告期分为 ${sheets.length} 张表：${sheets.join('、')}。\n`
          : `yilao: the history passed Excel's rows per sheet (1,048,576) and was split by period into ${sheets.length} sheets: ${sheets.join(', ')}.\n`,
      ),
  });
  try {
    await writeFileSafely(out, bytes);
  } catch (cause) {
    throw new Error(
      lang === 'zh'
        ? `写入汇总表 ${out} 失败，原文件未改动`
        : `writing ${out} failed; the old master is unchanged`,
      { cause },
    );
  }
  clock.mark('write');

  if (parsed.options.has('--json')) {
    writeJson(io, jsonReport(results, lang, master));
    clock.mark('report');
    clock.report(io);
  } else {
    clock.report(io);
    for (const result of results) io.stdout(`${formatFileResult(result, lang, paint)}\n\n`);
    io.stdout(
      `${paint.bold(lang === 'zh' ? `县汇总（${master.period}年度）` : `County master (${master.period})`)}\n`,
    );
    io.stdout(`${formatMaster(master, lang, paint)}\n\n`);
    io.stdout(formatDecisions(master, lang, paint));
    const used = master.register.filter((r) => r.outcome === 'used').length;
    const rejected = master.register.filter((r) => r.outcome === 'rejected').length;
    io.stdout(
      lang === 'zh'
        ? `汇总表已写入 ${out}：采用 ${used} 个文件，待确认 ${master.pending.length} 组，退回 ${rejected} 个，历史记录 ${master.history.length} 条。\n`
        : `Master written to ${out}: ${used} files used, ${master.pending.length} to decide, ${rejected} rejected, ${master.history.length} history rows.\n`,
    );
  }
  return exitCodeFor(results);
}

/**
 * `--keep FILE`: a file of this run (by path or name) or one the master already holds (by name).
 * A name that fits no file, or two different files, is a usage error: the office must know what it chose.
 */
function keptFiles(
  wanted: readonly string[],
  results: readonly FileResult[],
  state: MasterState | undefined,
): { file: string; sha256: string }[] {
  return wanted.map((given) => {
    const name = path.basename(given);
    const candidates = [
      ...results.filter((r) => r.sha256 !== '').map((r) => ({ file: r.file, sha256: r.sha256 })),
      ...(state?.files ?? []).map((r) => ({ file: r.file, sha256: r.sha256 })),
    ].filter((c) => c.file === name || path.basename(c.file) === name);
    const distinct = [...new Map(candidates.map((c) => [c.sha256, c])).values()];
    if (distinct.length === 0)
      throw new UsageError(
        `--keep 指定的“${given}”既不在本次汇总的文件中，也不在汇总表中。请给出要保留的文件名（见“报送登记”）。`,
        `--keep "${given}" is neither among the files combined nor in the master. Give the name of the file to keep (see 报送登记).`,
      );
    if (distinct.length > 1)
      throw new UsageError(
        `--keep 指定的“${given}”对应 ${distinct.length} 个内容不同的文件，无法确定保留哪一个。请先给文件改名再汇总。`,
        `--keep "${given}" fits ${distinct.length} different files. Rename them first.`,
      );
    return distinct[0] as { file: string; sha256: string };
  });
}

/** Kinds of refusal LibreOffice can turn into a readable .xlsx. */
const CONVERTIBLE = new Set(['xls-binary', 'ods']);

/**
 * Files refused as .xls, .ods or WPS .et are read after LibreOffice converts a copy, where it is
 * installed and `--no-convert` is not given; the original is never touched. Returns the
 * converted bytes by path, for marked copies.
 */
async function convertRefused(
  parsed: Parsed,
  files: readonly string[],
  results: FileResult[],
  catalog: Catalog,
  state: MasterState | undefined,
  io: Io,
  lang: Lang,
): Promise<Map<string, Uint8Array>> {
  const converted = new Map<string, Uint8Array>();
  const wanted = results.flatMap((result, i) => {
    const kind = result.fileErrors[0]?.kind ?? '';
    const file = files[i];
    const et = /\.et$/i.test(file ?? '') && (kind === 'not-a-workbook' || kind === 'xls-binary');
    return file && (CONVERTIBLE.has(kind) || et) ? [i] : [];
  });
  if (wanted.length === 0 || parsed.options.has('--no-convert')) return converted;
  const soffice = findSoffice();
  if (!soffice) {
    io.stderr(
      lang === 'zh'
        ? `yilao: 有 ${wanted.length} 个 .xls/.ods/.et 文件未能读取：本机没有 LibreOffice（soffice）。请安装 LibreOffice，或请报送单位另存为 .xlsx。\n`
        : `yilao: ${wanted.length} .xls/.ods/.et files were not read: LibreOffice (soffice) is not installed here. Install it, or ask for .xlsx.\n`,
    );
    return converted;
  }
  for (const i of wanted) {
    const file = files[i] ?? '';
    const result = results[i];
    if (!result) continue;
    io.stderr(
      lang === 'zh'
        ? `yilao: 正在用 LibreOffice 转换“${printable(path.basename(file))}”…\n`
        : `yilao: converting "${printable(path.basename(file))}" with LibreOffice…\n`,
    );
    const original = await readFile(file);
    const outcome = await convertToXlsx(soffice, original, path.extname(file));
    if (!outcome.ok) {
      io.stderr(
        lang === 'zh'
          ? `yilao: “${printable(path.basename(file))}”转换失败（${outcome.detail}），按原样退回。\n`
          : `yilao: converting "${printable(path.basename(file))}" failed (${outcome.detail}); rejected as it is.\n`,
      );
      continue;
    }
    const checked = checkBytes(result.file, outcome.bytes, catalog, { history: statePoints(state) });
    // The file is what the bureau sent: its name and its own SHA-256 identify it, not the copy's.
    results[i] = {
      ...checked,
      sha256: result.sha256,
      convertedFrom: path.extname(file).toLowerCase() || '.xls',
    };
    converted.set(file, outcome.bytes);
  }
  return converted;
}

/** After a combine: the duplicates waiting for a decision, and who has not reported (§7). */
function formatDecisions(master: Master, lang: Lang, paint: Painter): string {
  const lines: string[] = [];
  if (master.pending.length > 0) {
    lines.push(
      paint.bold(
        lang === 'zh'
          ? `待确认（${master.pending.length} 组，同一单位有多份文件，需要决定用哪一份）`
          : `To decide (${master.pending.length}: a bureau sent several files)`,
      ),
    );
    for (const choice of master.pending) {
      lines.push(`  ${printable(choice.bureau)}：`);
      for (const c of choice.candidates)
        lines.push(
          `    ${c.file === choice.kept ? '→' : ' '} ${printable(c.file)}  ${lang === 'zh' ? `填报日期 ${c.filledOn || '未填'}，错误 ${c.errors}，可用数字 ${c.figures}` : `filled ${c.filledOn || 'no date'}, ${c.errors} errors, ${c.figures} figures`}`,
        );
      lines.push(
        lang === 'zh'
          ? `    暂用 → 标出的文件。要改用另一份：yilao combine … --keep "文件名"`
          : `    Using the file marked →. To use another: yilao combine … --keep "file"`,
      );
    }
    lines.push('');
  }
  if (master.notReported.length > 0) {
    lines.push(
      paint.bold(
        lang === 'zh'
          ? `未报送（${master.notReported.length} 个单位，${master.period}年度）`
          : `Not reported (${master.notReported.length} bureaus, ${master.period})`,
      ),
    );
    for (const item of master.notReported) {
      const files = item.files
        .map((f) => (f.reason ? fileErrorMessage(f.reason, lang, f.file) : f.file))
        .join('；');
      lines.push(
        `  ${printable(item.bureau)}  ${lang === 'zh' ? '牵头' : 'leads'} ${item.leads.length}${item.shares.length ? `${lang === 'zh' ? '，协同' : ', shares'} ${item.shares.length}` : ''}  ${files ? printable(files) : lang === 'zh' ? '未收到文件' : 'no file'}`,
      );
    }
    lines.push('');
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

async function commandLint(parsed: Parsed, io: Io, lang: Lang, paint: Painter): Promise<number> {
  const catalog = await catalogOf(parsed, parsed.positionals[0]);
  const findings = lintCatalog(catalog);
  if (parsed.options.has('--json')) {
    const json = findings.map((f) => ({ ...f, message: findingMessage(f, lang) }));
    writeJson(io, { catalog: catalog.id, findings: json });
  } else {
    io.stdout(
      `${paint.bold(`${catalog.title}（${catalog.documentNumber}）`)}  ${
        lang === 'zh' ? `${catalog.indicators.length} 项指标` : `${catalog.indicators.length} indicators`
      }\n`,
    );
    for (const f of findings) {
      const mark =
        f.severity === 'error'
          ? paint.red('✗')
          : f.severity === 'warning'
            ? paint.yellow('!')
            : paint.dim('i');
      io.stdout(`${mark} ${findingMessage(f, lang)}\n`);
    }
  }
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** The version of the installed package, not a string kept by hand. */
function version(): string {
  const file = path.join(__dirname, '..', '..', 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/**
 * Human output made safe for a terminal whatever the files held: only the painter's own colour
 * codes pass, every other control, C1 or bidi character is shown escaped. JSON goes out as is.
 */
function safeIo(io: Io, json: boolean, colour: boolean): Io {
  return {
    ...io,
    stdout: json ? io.stdout : (text) => io.stdout(terminalSafe(text, colour)),
    stderr: (text) => io.stderr(terminalSafe(text, colour)),
  };
}

export async function main(argv: readonly string[], rawIo: Io = defaultIo()): Promise<number> {
  const [command = '', ...rest] = argv;
  // The language for an error found while the options are still being read.
  let lang: Lang = argv.some((a, i) => a === '--lang=en' || (a === '--lang' && argv[i + 1] === 'en'))
    ? 'en'
    : 'zh';
  let io = safeIo(rawIo, false, false);
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      const parsed = parseArgs(rest);
      lang = langOf(parsed);
      io.stdout(`${HELP.main?.[lang] ?? ''}\n`);
      return command ? 0 : 2;
    }
    if (command === '--version' || command === '-V') {
      io.stdout(`yilao ${version()}\n`);
      return 0;
    }
    const help = HELP[command];
    if (!help)
      throw new UsageError(
        `没有命令“${command}”。运行 yilao --help 查看用法。`,
        `no command "${command}". Run yilao --help for usage.`,
      );
    const parsed = parseArgs(rest, command);
    lang = langOf(parsed);
    const colour = rawIo.tty && !parsed.options.has('--no-color');
    io = safeIo(rawIo, parsed.options.has('--json'), colour);
    const paint = painter(colour);
    if (parsed.options.has('--help')) {
      io.stdout(`${help[lang]}\n`);
      return 0;
    }
    switch (command) {
      case 'template':
        return await commandTemplate(parsed, io, lang);
      case 'check':
        return await commandCheck(parsed, io, lang, paint);
      case 'combine':
        return await commandCombine(parsed, io, lang, paint);
      case 'lint-catalog':
        return await commandLint(parsed, io, lang, paint);
      default:
        return await writers.demo().runDemo({
          out: option(parsed, '--out') ?? path.join('out', 'demo'),
          io,
          lang,
          paint,
        });
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`yilao: ${error.say(lang)}\n`);
      return 2;
    }
    const cause = error instanceof Error && error.cause instanceof Error ? `\n  ${error.cause.message}` : '';
    io.stderr(`yilao: ${error instanceof Error ? error.message : String(error)}${cause}\n`);
    return 1;
  }
}
