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
const stryker = spawnSync(
  process.execPath,
  [
    path.join(ROOT, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js'),
    'run',
    ...process.argv.slice(2),
  ],
  { cwd: ROOT, stdio: 'inherit' },
);
if (stryker.error) throw stryker.error;
const report = spawnSync(process.execPath, [path.join(__dirname, 'mutation-report.js')], {
  cwd: ROOT,
  stdio: 'inherit',
});
process.exitCode = stryker.status || report.status || 0;
