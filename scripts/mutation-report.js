#!/usr/bin/env node
// Writes docs/mutation.md from Stryker's JSON report: the score per folder against the goals
// (src/core ≥ 85 %, the reader and src/excel ≥ 75 %) and every surviving mutant, so that each
// is either killed by a new test, explained as equivalent, or listed as a known gap.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const report = JSON.parse(fs.readFileSync(path.join(ROOT, 'reports', 'mutation', 'mutation.json'), 'utf8'));
const GOALS = [
  ['src/core', 85],
  ['src/xlsx (reader, xml, zip)', 75],
  ['src/excel', 75],
];
const folderOf = (file) =>
  file.startsWith('src/core')
    ? 'src/core'
    : file.startsWith('src/excel')
      ? 'src/excel'
      : 'src/xlsx (reader, xml, zip)';

const folders = new Map();
const survivors = [];
for (const [file, { mutants }] of Object.entries(report.files)) {
  const name = path.relative(ROOT, path.resolve(ROOT, file));
  const folder = folders.get(folderOf(name)) ?? {
    killed: 0,
    survived: 0,
    noCoverage: 0,
    timeout: 0,
    other: 0,
  };
  for (const m of mutants) {
    if (m.status === 'Killed') folder.killed++;
    else if (m.status === 'Timeout') folder.timeout++;
    else if (m.status === 'Survived') folder.survived++;
    else if (m.status === 'NoCoverage') folder.noCoverage++;
    else folder.other++;
    if (m.status === 'Survived' || m.status === 'NoCoverage')
      survivors.push(
        `| ${name}:${m.location.start.line} | ${m.mutatorName} | ${m.status} | \`${String(m.replacement ?? '')
          .slice(0, 60)
          .replace(/\|/g, '\\|')
          .replace(/\n/g, ' ')}\` |`,
      );
  }
  folders.set(folderOf(name), folder);
}

const score = (f) => {
  const detected = f.killed + f.timeout;
  const valid = detected + f.survived + f.noCoverage;
  return valid === 0 ? null : (100 * detected) / valid;
};
const lines = [
  '# 变异测试 · Mutation testing',
  '',
  `\`npm run mutate\`（StrykerJS ${report.framework?.version ?? ''}，jest 运行器，TypeScript 检查器，增量）。` +
    '每个变异体是对代码的一处改动；测试失败即“杀死”。得分 = 杀死（含超时）÷（杀死 + 存活 + 无覆盖）。',
  '',
  `最近一次：${new Date().toISOString().slice(0, 10)}，变异的文件：${Object.keys(report.files)
    .map((f) => `\`${path.relative(ROOT, path.resolve(ROOT, f))}\``)
    .join('、')}。` + '没有列出的目录在这一次没有运行：下表中它们显示为“未运行”，不代表达标。',
  '',
  '| 目录 | 目标 | 得分 | 杀死 | 超时 | 存活 | 无覆盖 |',
  '|---|---|---|---|---|---|---|',
  ...GOALS.map(([folder, goal]) => {
    const f = folders.get(folder);
    if (!f) return `| ${folder} | ≥ ${goal}% | 未运行 | | | | |`;
    const s = score(f);
    return `| ${folder} | ≥ ${goal}% | ${s === null ? '—' : `${s.toFixed(1)}%`} | ${f.killed} | ${f.timeout} | ${f.survived} | ${f.noCoverage} |`;
  }),
  '',
  '## 存活的变异体 · Surviving mutants',
  '',
  survivors.length === 0 ? '无。' : '| 位置 | 变异 | 状态 | 改成 |',
  ...(survivors.length === 0 ? [] : ['|---|---|---|---|', ...survivors]),
  '',
  '存活变异体中哪些是等价的（改了也不改变行为）、哪些在这次运行之后已有测试，见 [mutation-notes.md](mutation-notes.md)（手写，不由本脚本生成）。',
  '',
];
fs.writeFileSync(path.join(ROOT, 'docs', 'mutation.md'), `${lines.join('\n')}\n`);
console.log(`docs/mutation.md: ${survivors.length} surviving mutants listed`);
