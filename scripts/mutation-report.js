#!/usr/bin/env node
// Writes docs/mutation.md from the runs kept in docs/mutation-runs/: the score per folder against
// the goals (src/core ≥ 85 %, the reader and src/excel ≥ 75 %), per file, and every surviving
// mutant, so that each is either killed by a new test, explained as equivalent, or listed as a
// known gap. A new Stryker report (reports/mutation/mutation.json) is first kept as a run record.
//
// Every run record is read: a run of part of the code (`npm run mutate -- --mutate
// src/excel/office.ts`) leaves the other files' last results standing. A file's results are taken
// only from runs that mutated it, the newest first, put together with older runs of other lines
// of the same code (scripts/mutation-merge.js). Files in Stryker's `mutate` list that no run mutated are listed as
// not run: a folder is never called met on the files that happened to run.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { mergeRuns, linesText } = require('./mutation-merge');
const { recordOf, recordText, runsOf, sha256 } = require('./mutation-runs');

const ROOT = path.join(__dirname, '..');
const DIR = path.join(ROOT, 'reports', 'mutation');
const RUNS = path.join(ROOT, 'docs', 'mutation-runs');
const GOALS = [
  ['src/core', 85],
  ['src/xlsx (reader, xml, zip)', 75],
  ['src/excel', 75],
];
// The files `stryker.config.mjs` mutates (kept in step with its `mutate` list).
const IN_SCOPE = [
  ...fs
    .readdirSync(path.join(ROOT, 'src', 'core'), { recursive: true })
    .map((f) => path.join('src/core', String(f)))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')),
  'src/xlsx/reader.ts',
  'src/xlsx/xml.ts',
  'src/xlsx/zip.ts',
  ...fs
    .readdirSync(path.join(ROOT, 'src', 'excel'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `src/excel/${f}`),
].map((f) => f.split(path.sep).join('/'));

const folderOf = (file) =>
  file.startsWith('src/core')
    ? 'src/core'
    : file.startsWith('src/excel')
      ? 'src/excel'
      : 'src/xlsx (reader, xml, zip)';

// Stryker writes each run to reports/mutation/mutation.json, which git ignores and the next run
// overwrites: keep it as a record in docs/mutation-runs/ (scripts/mutation-runs.js says why), and
// the full report under the run's time in reports/ for a closer look on this machine.
const fresh = path.join(DIR, 'mutation.json');
if (fs.existsSync(fresh)) {
  const when = fs.statSync(fresh).mtime;
  const stamp = when.toISOString().replace(/[:.]/g, '-');
  const report = JSON.parse(fs.readFileSync(fresh, 'utf8'));
  const record = recordOf(report, when, (file) =>
    path.relative(ROOT, path.resolve(ROOT, file)).split(path.sep).join('/'),
  );
  fs.mkdirSync(RUNS, { recursive: true });
  fs.writeFileSync(path.join(RUNS, `${stamp}.json`), recordText(record));
  fs.renameSync(fresh, path.join(DIR, `run-${stamp}.json`));
}

// file → every run that mutated it.
const runs = new Map();
const records = fs.existsSync(RUNS) ? fs.readdirSync(RUNS).filter((f) => f.endsWith('.json')) : [];
for (const name of records) {
  for (const { file, run } of runsOf(JSON.parse(fs.readFileSync(path.join(RUNS, name), 'utf8')))) {
    const list = runs.get(file) ?? [];
    list.push(run);
    runs.set(file, list);
  }
}

// Whether a file's code is still the code its newest run was on.
const codeNow = (file, run) => {
  if (run.sha256 === null) return '未记录';
  const full = path.join(ROOT, file);
  if (!fs.existsSync(full)) return '文件已删';
  return sha256(fs.readFileSync(full, 'utf8')) === run.sha256 ? '未改' : '已改';
};

// file → { mutants, when, complete, ranges }: the newest run, with older runs of other lines of
// the same code added (scripts/mutation-merge.js).
const latest = new Map([...runs].map(([file, list]) => [file, mergeRuns(list)]));
if (latest.size === 0) {
  console.error('docs/mutation-runs/ holds no run: run `npm run mutate` first.');
  process.exit(1);
}

const empty = () => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, other: 0 });
const folders = new Map();
const files = [];
const survivors = [];
for (const [file, merged] of [...latest].sort(([a], [b]) => a.localeCompare(b))) {
  const { mutants, when, complete, ranges } = merged;
  const counts = empty();
  for (const m of mutants) {
    if (m.status === 'Killed') counts.killed++;
    else if (m.status === 'Timeout') counts.timeout++;
    else if (m.status === 'Survived') counts.survived++;
    else if (m.status === 'NoCoverage') counts.noCoverage++;
    else if (m.status === 'Ignored') counts.ignored++;
    else counts.other++;
    if (m.status === 'Survived' || m.status === 'NoCoverage')
      survivors.push(
        `| ${file}:${m.location.start.line ?? '?'} | ${m.mutatorName} | ${m.status} | \`${String(
          m.replacement ?? '',
        )
          .slice(0, 60)
          .replace(/\|/g, '\\|')
          .replace(/\n/g, ' ')}\` |`,
      );
  }
  files.push({ file, counts, when, complete, ranges, code: codeNow(file, merged) });
  const folder = folders.get(folderOf(file)) ?? empty();
  for (const key of Object.keys(folder)) folder[key] += counts[key];
  folders.set(folderOf(file), folder);
}

const score = (f) => {
  const detected = f.killed + f.timeout;
  const valid = detected + f.survived + f.noCoverage;
  return valid === 0 ? null : (100 * detected) / valid;
};
const percent = (f) => {
  const s = score(f);
  return s === null ? '—' : `${s.toFixed(1)}%`;
};
const notRun = IN_SCOPE.filter((f) => !latest.has(f));
const version = [...latest.values()][0]?.version ?? '';
const lines = [
  '# 变异测试 · Mutation testing',
  '',
  `\`npm run mutate\`（StrykerJS ${version}，jest 运行器，TypeScript 检查器，增量）；\`node scripts/mutation-report.js\` 由 ` +
    '`docs/mutation-runs/` 下各次运行的记录写出本页（同一个文件以最近一次为准；记录在 git 里，换一台机器也能重写本页）。每个变异体是对代码的一处改动；' +
    '测试失败即“杀死”。得分 = 杀死（含超时）÷（杀死 + 存活 + 无覆盖）。',
  '',
  '变异体只对模块自己的测试运行（`jest.stryker.config.js`：核心、读取器、加载项适配层的测试），不含命令行端到端、' +
    'LibreOffice、浏览器和同行文件的测试：得分是模块自己的测试能证明的部分。一次运行的文件都在同一个目录时' +
    '（`npm run mutate -- --mutate src/core/parse.ts`），只运行该目录自己的测试（核心：`src/core` 与性质测试；' +
    '读取器：`test/xlsx` 的模块测试；加载项：`test/excel`）。XML 扫描器另有一组（`STRYKER_SUITE=xml npm run mutate -- --mutate src/xlsx/xml.ts`）：' +
    '它自己的测试和读取器的单元测试——读取器的每个测试都经过扫描器，整组测试会让每个变异体重跑 30 MB 和百万合并单元格的拒绝测试。',
  '',
  '## 按目录 · By folder',
  '',
  '| 目录 | 目标 | 得分 | 杀死 | 超时 | 存活 | 无覆盖 | 已运行的文件 | 未运行的文件 |',
  '|---|---|---|---|---|---|---|---|---|',
  ...GOALS.map(([folder, goal]) => {
    const f = folders.get(folder);
    const missing = notRun.filter((file) => folderOf(file) === folder).length;
    const ran = files.filter((x) => folderOf(x.file) === folder).length;
    // A run with `--ignoreStatic` left its static mutants (Stryker's "Ignored") untested: partial too.
    const partly = files.some((x) => folderOf(x.file) === folder && (!x.complete || x.counts.ignored > 0));
    if (!f) return `| ${folder} | ≥ ${goal}% | 未运行 | | | | | 0 | ${missing} |`;
    return `| ${folder} | ≥ ${goal}% | ${percent(f)}${missing > 0 || partly ? '（部分）' : ''} | ${f.killed} | ${f.timeout} | ${f.survived} | ${f.noCoverage} | ${ran} | ${missing} |`;
  }),
  '',
  '“（部分）”：该目录还有文件没有运行过，或有文件只运行了一部分行，得分只代表已运行的部分，不能算达标。' +
    '一个长文件可以分几次按行运行（`npm run mutate -- --mutate src/xlsx/reader.ts:1-300`）：同一份代码上各次运行的行合在一起算；' +
    '代码改过之后，较早的运行不再算入。' +
    '“未运行静态变异体”：那次运行用了 `--ignoreStatic`，模块加载时就执行的常量（静态变异体）没有测试，得分只算其余的变异体，也算“（部分）”。',
  '',
  '## 按文件 · By file',
  '',
  '| 文件 | 运行时间（UTC） | 运行后代码 | 得分 | 杀死 | 超时 | 存活 | 无覆盖 |',
  '|---|---|---|---|---|---|---|---|',
  ...files.map(
    ({ file, counts: c, when, complete, ranges, code }) =>
      `| ${file} | ${when.toISOString().slice(0, 16).replace('T', ' ')} | ${code} | ${percent(c)}${complete ? '' : `（部分：第 ${linesText(ranges)} 行）`}${c.ignored > 0 ? `（未运行静态变异体 ${c.ignored} 个）` : ''} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} |`,
  ),
  '',
  '“运行后代码”：该文件现在的代码是否还是那次运行时的代码（比较 SHA-256）。“已改”的文件，得分和存活变异体的行号都是那次运行时的，' +
    '改动之后的测试和代码要再运行一次才算数；“未记录”是开始保存运行记录之前的运行（由当时的本页转来，只保留了存活变异体的行号）。',
  '',
  notRun.length === 0
    ? '每个文件都运行过。'
    : `没有运行过的文件：${notRun.map((f) => `\`${f}\``).join('、')}。`,
  '',
  '## 存活的变异体 · Surviving mutants',
  '',
  survivors.length === 0 ? '无。' : '| 位置 | 变异 | 状态 | 改成 |',
  ...(survivors.length === 0 ? [] : ['|---|---|---|---|', ...survivors]),
  '',
  '存活变异体中哪些是等价的（改了也不改变行为）、哪些在运行之后已有测试，见 [mutation-notes.md](mutation-notes.md)（手写，不由本脚本生成）。',
  '',
];
fs.writeFileSync(path.join(ROOT, 'docs', 'mutation.md'), `${lines.join('\n')}\n`);
console.log(`docs/mutation.md: ${files.length} files, ${survivors.length} surviving mutants listed`);
