#!/usr/bin/env node
// Writes docs/mutation.md from Stryker's JSON reports: the score per folder against the goals
// (src/core ≥ 85 %, the reader and src/excel ≥ 75 %), per file, and every surviving mutant, so
// that each is either killed by a new test, explained as equivalent, or listed as a known gap.
//
// Every report in reports/mutation/*.json is read: a run of part of the code (`npm run mutate --
// --mutate src/excel/office.ts`) leaves the other files' last results standing. For a file that
// several reports hold, the newest report wins. Files in Stryker's `mutate` list that no report
// holds are listed as not run: a folder is never called met on the files that happened to run.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const DIR = path.join(ROOT, 'reports', 'mutation');
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

// Stryker writes each run to mutation.json; keep it under the run's time so the next run does not
// overwrite the files this one tested.
const fresh = path.join(DIR, 'mutation.json');
if (fs.existsSync(fresh)) {
  const stamp = fs.statSync(fresh).mtime.toISOString().replace(/[:.]/g, '-');
  fs.renameSync(fresh, path.join(DIR, `run-${stamp}.json`));
}

// file → { mutants, when, source }: the newest report holding the file.
const latest = new Map();
const reports = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => f.endsWith('.json')) : [];
for (const name of reports) {
  const full = path.join(DIR, name);
  const when = fs.statSync(full).mtime;
  const report = JSON.parse(fs.readFileSync(full, 'utf8'));
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const rel = path.relative(ROOT, path.resolve(ROOT, file)).split(path.sep).join('/');
    const held = latest.get(rel);
    if (!held || held.when < when)
      latest.set(rel, { mutants, when, source: name, version: report.framework?.version });
  }
}
if (latest.size === 0) {
  console.error('reports/mutation/ holds no Stryker report: run `npm run mutate` first.');
  process.exit(1);
}

const empty = () => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, other: 0 });
const folders = new Map();
const files = [];
const survivors = [];
for (const [file, { mutants, when }] of [...latest].sort(([a], [b]) => a.localeCompare(b))) {
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
        `| ${file}:${m.location.start.line} | ${m.mutatorName} | ${m.status} | \`${String(m.replacement ?? '')
          .slice(0, 60)
          .replace(/\|/g, '\\|')
          .replace(/\n/g, ' ')}\` |`,
      );
  }
  files.push({ file, counts, when });
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
    '`reports/mutation/` 下的各次运行结果写出本页（同一个文件以最近一次为准）。每个变异体是对代码的一处改动；' +
    '测试失败即“杀死”。得分 = 杀死（含超时）÷（杀死 + 存活 + 无覆盖）。',
  '',
  '变异体只对模块自己的测试运行（`jest.stryker.config.js`：核心、读取器、加载项适配层的测试），不含命令行端到端、' +
    'LibreOffice、浏览器和同行文件的测试：得分是模块自己的测试能证明的部分。一次运行的文件都在同一个目录时' +
    '（`npm run mutate -- --mutate src/core/parse.ts`），只运行该目录自己的测试（核心：`src/core` 与性质测试；' +
    '读取器：`test/xlsx` 的模块测试；加载项：`test/excel`）。',
  '',
  '## 按目录 · By folder',
  '',
  '| 目录 | 目标 | 得分 | 杀死 | 超时 | 存活 | 无覆盖 | 已运行的文件 | 未运行的文件 |',
  '|---|---|---|---|---|---|---|---|---|',
  ...GOALS.map(([folder, goal]) => {
    const f = folders.get(folder);
    const missing = notRun.filter((file) => folderOf(file) === folder).length;
    const ran = files.filter((x) => folderOf(x.file) === folder).length;
    if (!f) return `| ${folder} | ≥ ${goal}% | 未运行 | | | | | 0 | ${missing} |`;
    return `| ${folder} | ≥ ${goal}% | ${percent(f)}${missing > 0 ? '（部分）' : ''} | ${f.killed} | ${f.timeout} | ${f.survived} | ${f.noCoverage} | ${ran} | ${missing} |`;
  }),
  '',
  '“（部分）”：该目录还有文件没有运行过，得分只代表已运行的文件，不能算达标。',
  '',
  '## 按文件 · By file',
  '',
  '| 文件 | 运行日期 | 得分 | 杀死 | 超时 | 存活 | 无覆盖 |',
  '|---|---|---|---|---|---|---|',
  ...files.map(
    ({ file, counts: c, when }) =>
      `| ${file} | ${when.toISOString().slice(0, 10)} | ${percent(c)} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} |`,
  ),
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
