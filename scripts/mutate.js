#!/usr/bin/env node
// `npm run mutate [-- --mutate FILE …]`: Stryker, then docs/mutation.md from its report.
// A wrapper rather than `stryker run && node scripts/mutation-report.js` in package.json, because
// npm appends the arguments after `--` to the end of a script: they reached the report script and
// Stryker ran every file. Here they go to Stryker, and the report is written even after a run
// whose score Stryker reports as low (its exit code is passed on).
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');

// Every file being mutated in one folder: run only that folder's own tests
// (jest.stryker.config.js says why).
const args = process.argv.slice(2);
const targets = args.flatMap((arg, i) =>
  arg === '--mutate' || arg === '-m'
    ? (args[i + 1] ?? '').split(',')
    : arg.startsWith('--mutate=')
      ? arg.slice(9).split(',')
      : [],
);
const folders = new Set(targets.map((t) => /^src\/(core|xlsx|excel)\//.exec(t)?.[1] ?? 'other'));
// A suite named in the environment wins: the XML scanner has one of its own (jest.stryker.config.js).
const suite =
  process.env.STRYKER_SUITE ?? (folders.size === 1 && !folders.has('other') ? [...folders][0] : undefined);
const env = suite ? { ...process.env, STRYKER_SUITE: suite } : process.env;
if (suite) console.log(`Mutating src/${suite} only: running its own tests (STRYKER_SUITE=${suite}).`);

const stryker = spawnSync(
  process.execPath,
  [path.join(ROOT, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js'), 'run', ...args],
  { cwd: ROOT, stdio: 'inherit', env },
);
if (stryker.error) throw stryker.error;
const report = spawnSync(process.execPath, [path.join(__dirname, 'mutation-report.js')], {
  cwd: ROOT,
  stdio: 'inherit',
});
process.exitCode = stryker.status || report.status || 0;
