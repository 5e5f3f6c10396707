import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  combine,
  defaultCatalog,
  fileErrorMessage,
  findingMessage,
  historyPoints,
  jsonReport,
  lintCatalog,
  loadCatalog,
  readMasterState,
  resolveBureau,
  responsibleBureaus,
  type Catalog,
  type CombineInput,
  type FileResult,
  type HistoryRow,
  type Lang,
  type RegisterRow,
} from '../core';
import { annotateWorkbook, annotatedFileName } from './annotate';
import { expandInputs } from './files';
import { checkFiles } from './parallel';
import { writeMaster } from './master';
import { formatFileResult, formatMaster, painter, progressBar, type Painter } from './output';
import { MASTER_READ_LIMITS, readWorkbook } from './reader';
import { templateFileName, writeTemplate } from './template';
import { runDemo } from './demo';

/** `yilao`: the command-line twin of the add-in, on .xlsx files. Exit 0 ok, 1 problems found, 2 usage. */

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal: progress bars and colour. */
  tty: boolean;
  /** Clock for 导入时间, injectable so runs can be compared. */
  now: () => Date;
}

const defaultIo = (): Io => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  tty: process.stderr.isTTY && !process.env.NO_COLOR,
  now: () => (process.env.YILAO_NOW ? new Date(process.env.YILAO_NOW) : new Date()),
});

export class UsageError extends Error {}

interface Parsed {
  positionals: string[];
  options: Map<string, string | true>;
}

const VALUE_OPTIONS = new Set([
  '--bureau',
  '--period',
  '--catalog',
  '--out',
  '--lang',
  '--annotate',
  '--history',
]);
const FLAG_OPTIONS = new Set(['--json', '--help', '-h', '--no-color']);

export function parseArgs(argv: readonly string[]): Parsed {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const [name = '', inline] = arg.split(/=(.*)/s, 2);
      if (VALUE_OPTIONS.has(name)) {
        const value = inline ?? argv[++i];
        if (value === undefined || value === '')
          throw new UsageError(`选项 ${name} 需要一个值（option ${name} needs a value）`);
        options.set(name, value);
      } else if (FLAG_OPTIONS.has(name)) {
        options.set(name === '-h' ? '--help' : name, true);
      } else {
        throw new UsageError(`不认识的选项 ${name}（unknown option）`);
      }
    } else {
      positionals.push(arg);
    }
  }
  return { positionals, options };
}

function option(parsed: Parsed, name: string): string | undefined {
  const value = parsed.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

function langOf(parsed: Parsed): Lang {
  const lang = option(parsed, '--lang') ?? 'zh';
  if (lang !== 'zh' && lang !== 'en')
    throw new UsageError(`--lang 只能是 zh 或 en（--lang takes zh or en），收到 ${lang}`);
  return lang;
}

function yearOf(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const year = Number(text);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new UsageError(`${name} 应为四位年份，如 2025（${name} takes a year such as 2025），收到 ${text}`);
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
    throw new UsageError(
      `无法读取指标目录 ${source}：${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
  const result = loadCatalog(data);
  if (!result.ok) throw new UsageError(`指标目录 ${source} 有误：\n  ${result.errors.join('\n  ')}`);
  return result.catalog;
}

const HELP: Record<string, Record<Lang, string>> = {
  main: {
    zh: `yilao —— “一老一小”指标填报表的生成、核查与汇总

用法：
  yilao template --period 年份 [--bureau 单位] [--out 目录]     生成填报模板（不写单位则为所有责任单位各生成一份）
  yilao check 文件... [--json] [--annotate 目录] [--history 汇总表.xlsx]   核查填报文件
  yilao combine 文件或目录... --out 汇总表.xlsx [--json] [--period 年份]   汇总为县汇总表
  yilao lint-catalog [目录文件.json] [--json]                检查指标目录
  yilao demo [--out 目录]                                    用示例数据演示全过程

通用选项：--lang zh|en 输出语言；--catalog 文件 使用其他指标目录；--help 查看某个命令的帮助。
退出码：0 全部正常；1 发现文件错误或错误级问题；2 用法错误。`,
    en: `yilao — make, check and combine the 一老一小 indicator workbooks

Usage:
  yilao template --period YEAR [--bureau NAME] [--out DIR]     write templates (every responsible bureau when none is named)
  yilao check FILE... [--json] [--annotate DIR] [--history MASTER.xlsx]
  yilao combine FILE|DIR... --out MASTER.xlsx [--json] [--period YEAR]
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
  --history 汇总表  用汇总表的历史数据核对与上期相比的异常变化`,
    en: `yilao check FILE... [--json] [--lang zh|en] [--annotate DIR] [--history MASTER.xlsx]
  Checks bureau files: every figure read, errors, warnings and status reported.
  --annotate DIR   writes a marked-up copy of each file (the original is never changed)
  --history FILE   uses a master's history for changes against the previous period`,
  },
  combine: {
    zh: `yilao combine 文件或目录... --out 汇总表.xlsx [--json] [--lang zh|en] [--period 年份]
  把各单位的填报文件汇总为县汇总表。目录中的 .xlsx 文件全部读取。
  --out 已存在时在其基础上汇总：历史记录只增不删，更正文件替代旧文件。`,
    en: `yilao combine FILE|DIR... --out MASTER.xlsx [--json] [--lang zh|en] [--period YEAR]
  Combines the bureaus' files into the county master. Folders are read for .xlsx files.
  When --out exists, combines into it: its history is kept and extended.`,
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
    throw new UsageError('请用 --period 指定报告期年份，如 --period 2025（--period is required）');
  const typed = option(parsed, '--bureau');
  let bureaus = responsibleBureaus(catalog);
  if (typed !== undefined) {
    const bureau = resolveBureau(catalog, typed);
    if (!bureau) {
      throw new UsageError(
        `找不到单位“${typed}”。可用的单位：${responsibleBureaus(catalog)
          .map((b) => b.name)
          .join('、')}`,
      );
    }
    if (!responsibleBureaus(catalog).includes(bureau)) {
      throw new UsageError(`“${bureau.name}”不是任何指标的责任单位，无需填报。`);
    }
    bureaus = [bureau];
  }
  const out = option(parsed, '--out') ?? '.';
  await mkdir(out, { recursive: true });
  for (const bureau of bureaus) {
    const file = path.join(out, templateFileName(bureau.name, period));
    await writeFile(file, await writeTemplate(catalog, bureau.name, period));
    io.stdout(`${lang === 'zh' ? '已生成' : 'wrote'} ${file}\n`);
  }
  return 0;
}

async function readHistoryFrom(file: string): Promise<{ history: HistoryRow[]; register: RegisterRow[] }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    throw new UsageError(`无法读取汇总表 ${file}：${cause instanceof Error ? cause.message : String(cause)}`);
  }
  // A master outgrows the limits of a bureau file: its history holds every file ever combined.
  const read = readWorkbook(bytes, { allSheets: true, limits: MASTER_READ_LIMITS });
  if (!read.ok) {
    throw new UsageError(
      `${fileErrorMessage({ kind: read.error.kind, params: { file, ...read.error.params } })}（读取汇总表时）`,
    );
  }
  const state = readMasterState(read.workbook);
  if (!state) {
    throw new UsageError(
      `${file} 不是 yilao 生成的汇总表（没有“历史”工作表）。请换一个文件名，或先备份后删除它。`,
    );
  }
  return state;
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
  history: readonly HistoryRow[],
  io: Io,
): Promise<FileResult[]> {
  const showProgress = io.tty && files.length > 1;
  const results = await checkFiles(files, catalog, { history: historyPoints(history) }, (done, file) => {
    if (showProgress) io.stderr(progressBar(done, files.length, path.basename(file)));
  });
  if (showProgress) io.stderr('\n');
  return results;
}

async function commandCheck(parsed: Parsed, io: Io, lang: Lang, paint: Painter): Promise<number> {
  const catalog = await catalogOf(parsed);
  if (parsed.positionals.length === 0) throw new UsageError('请给出要核查的文件（give the files to check）');
  const files = await expandInputs(parsed.positionals);
  const historyFile = option(parsed, '--history');
  const history = historyFile ? (await readHistoryFrom(historyFile)).history : [];
  const results = await checkAll(files, catalog, history, io);

  const annotateDir = option(parsed, '--annotate');
  const annotated: string[] = [];
  if (annotateDir) {
    await mkdir(annotateDir, { recursive: true });
    for (const [i, result] of results.entries()) {
      if (!result.report) continue;
      const source = files[i] ?? '';
      const target = path.join(annotateDir, annotatedFileName(path.basename(source)));
      if (path.resolve(target) === path.resolve(source)) continue;
      await writeFile(target, await annotateWorkbook(await readFile(source), result.report, lang));
      annotated.push(target);
    }
  }

  if (parsed.options.has('--json')) {
    io.stdout(`${JSON.stringify(jsonReport(results, lang), null, 2)}\n`);
  } else {
    for (const result of results) io.stdout(`${formatFileResult(result, lang, paint)}\n\n`);
    for (const file of annotated) io.stdout(`${lang === 'zh' ? '已标注' : 'annotated'} ${file}\n`);
  }
  return exitCodeFor(results);
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** Writes next to the target and renames: a failure midway leaves the previous master as it was. */
async function writeAtomically(file: string, data: Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (cause) {
    await rm(temp, { force: true });
    throw new Error(`写入汇总表 ${file} 失败，原文件未改动`, { cause });
  }
}

/** YILAO_TIMING=1 prints how long each phase of a combine took, for the IT person and the benchmark. */
function phases() {
  const marks: [string, number][] = [];
  let last = performance.now();
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
  if (!out) throw new UsageError('请用 --out 指定汇总表文件，如 --out 县汇总.xlsx（--out is required）');
  if (parsed.positionals.length === 0)
    throw new UsageError('请给出要汇总的文件或目录（give the files or folders to combine）');
  const period = yearOf(option(parsed, '--period'), '--period');
  const files = (await expandInputs(parsed.positionals)).filter((f) => path.resolve(f) !== path.resolve(out));
  const existing = (await exists(out)) ? await readHistoryFrom(out) : undefined;
  const clock = phases();
  const results = await checkAll(files, catalog, existing?.history ?? [], io);
  clock.mark('read+check');
  const inputs: CombineInput[] = results.map((result, order) => ({ ...result, order }));
  const master = combine(catalog, inputs, {
    importedAt: io.now().toISOString(),
    ...(period !== undefined ? { period } : {}),
    ...(existing ? { existing } : {}),
  });
  clock.mark('combine');
  await mkdir(path.dirname(path.resolve(out)), { recursive: true });
  await writeAtomically(out, await writeMaster(catalog, master, lang));
  clock.mark('write');
  clock.report(io);

  if (parsed.options.has('--json')) {
    io.stdout(`${JSON.stringify(jsonReport(results, lang, master), null, 2)}\n`);
  } else {
    for (const result of results) io.stdout(`${formatFileResult(result, lang, paint)}\n\n`);
    io.stdout(
      `${paint.bold(lang === 'zh' ? `县汇总（${master.period}年度）` : `County master (${master.period})`)}\n`,
    );
    io.stdout(`${formatMaster(master, lang, paint)}\n\n`);
    const accepted = master.register.filter((r) => r.accepted && !r.earlier && !r.supersededBy).length;
    const rejected = master.register.filter((r) => !r.accepted).length;
    io.stdout(
      lang === 'zh'
        ? `汇总表已写入 ${out}：采用 ${accepted} 个文件，退回 ${rejected} 个，历史记录 ${master.history.length} 条。\n`
        : `Master written to ${out}: ${accepted} files used, ${rejected} rejected, ${master.history.length} history rows.\n`,
    );
  }
  return exitCodeFor(results);
}

async function commandLint(parsed: Parsed, io: Io, lang: Lang, paint: Painter): Promise<number> {
  const catalog = await catalogOf(parsed, parsed.positionals[0]);
  const findings = lintCatalog(catalog);
  if (parsed.options.has('--json')) {
    const json = findings.map((f) => ({ ...f, message: findingMessage(f, lang) }));
    io.stdout(`${JSON.stringify({ catalog: catalog.id, findings: json }, null, 2)}\n`);
  } else {
    io.stdout(
      `${paint.bold(`${catalog.title}（${catalog.documentNumber}）`)}  ${catalog.indicators.length} 项指标\n`,
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

export async function main(argv: readonly string[], io: Io = defaultIo()): Promise<number> {
  const [command, ...rest] = argv;
  let lang: Lang = 'zh';
  try {
    const parsed = parseArgs(rest);
    lang = langOf(parsed);
    const paint = painter(io.tty && !parsed.options.has('--no-color'));
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(`${HELP.main?.[lang] ?? ''}\n`);
      return command ? 0 : 2;
    }
    if (command === '--version') {
      io.stdout('yilao 0.1.0\n');
      return 0;
    }
    const help = HELP[command];
    if (!help) throw new UsageError(`没有命令“${command}”（unknown command）。运行 yilao --help 查看用法。`);
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
      case 'demo':
        return await runDemo({ out: option(parsed, '--out') ?? path.join('out', 'demo'), io, lang, paint });
      default:
        throw new UsageError(`没有命令“${command}”`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`yilao: ${error.message}\n`);
      return 2;
    }
    const cause = error instanceof Error && error.cause instanceof Error ? `\n  ${error.cause.message}` : '';
    io.stderr(`yilao: ${error instanceof Error ? error.message : String(error)}${cause}\n`);
    return 1;
  }
}
