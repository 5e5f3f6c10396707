#!/usr/bin/env node
// npm run office-js:update -- --from <base URL or folder> [--to vendor/office-js]
//
// The add-in ships Office.js itself (intranets have no Microsoft CDN), from the npm package
// @microsoft/office-js — which lags the CDN: 1.1.110 is build 16.0.15407 (2022), whose Excel host
// files have no `workbook.notes`. This mirrors the current files an Excel add-in needs (office.js,
// the Excel host files, the locale strings) from the CDN's base address, or from a folder someone
// copied it to, into vendor/office-js/, which the build then copies instead of the npm package.
//
// Nothing else calls out to the network; this is run by the IT person, on purpose, on a machine
// that can reach the source. A file the source does not have keeps the npm package's copy, and
// the run says which.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const PACKAGE = path.join(ROOT, 'node_modules', '@microsoft', 'office-js', 'dist');

/** The files an Excel task pane loads, by name, as the npm package lays them out. */
function wanted(dir = PACKAGE) {
  const files = [];
  const keepTop = /^(office|o15apptofilemappingtable|es6-promise)\.js$|^excel[\w.-]*\.js$/;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && keepTop.test(entry.name) && !entry.name.endsWith('.debug.js'))
      files.push(entry.name);
    // Locale folders (zh-cn, en-us, …): the strings Office.js shows in the user's language.
    if (entry.isDirectory() && /^[a-z]{2,3}(-[a-z0-9]+)+$/.test(entry.name)) {
      const strings = path.join(entry.name, 'office_strings.js');
      if (fs.existsSync(path.join(dir, strings))) files.push(strings.split(path.sep).join('/'));
    }
  }
  return files.sort();
}

function parseArgs(argv) {
  const args = { from: '', to: path.join(ROOT, 'vendor', 'office-js') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--from') args.from = argv[++i] ?? '';
    else if (argv[i] === '--to') args.to = path.resolve(argv[++i] ?? '');
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!args.from)
    throw new Error(
      '请用 --from 指定来源：Office.js 的网址（如 https://appsforoffice.microsoft.com/lib/1/hosted/）或已下载的文件夹',
    );
  return args;
}

async function fetchFrom(source, name) {
  if (/^https?:\/\//.test(source)) {
    const url = new URL(name, source.endsWith('/') ? source : `${source}/`);
    const response = await fetch(url, { redirect: 'follow' });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }
  const file = path.join(source, ...name.split('/'));
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
}

async function update({ from, to }, log = console.log) {
  const names = wanted();
  const fetched = [];
  const missing = [];
  for (const name of names) {
    const bytes = await fetchFrom(from, name);
    if (bytes === null) {
      missing.push(name);
      continue;
    }
    fetched.push({ name, bytes });
  }
  if (!fetched.some((f) => f.name === 'office.js'))
    throw new Error(`来源中没有 office.js：${from}。请检查地址或文件夹。`);
  // Written into a fresh folder and swapped in, so a failed run leaves the old copy whole.
  const staging = `${to}.new`;
  fs.rmSync(staging, { recursive: true, force: true });
  for (const { name, bytes } of fetched) {
    const target = path.join(staging, ...name.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bytes);
  }
  // What the source lacks keeps the npm package's copy: Office.js must find every file it asks for.
  for (const name of missing) {
    const target = path.join(staging, ...name.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(PACKAGE, ...name.split('/')), target);
  }
  fs.writeFileSync(
    path.join(staging, 'SOURCE.txt'),
    `from: ${from}\nat: ${new Date().toISOString()}\nfiles: ${fetched.length} from the source, ${missing.length} from @microsoft/office-js\n${missing.map((m) => `kept: ${m}`).join('\n')}\n`,
  );
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.renameSync(staging, to);
  log(
    `office-js: ${fetched.length} files from ${from}${missing.length ? `; ${missing.length} not there, kept from the npm package` : ''} → ${path.relative(ROOT, to) || to}`,
  );
  return { fetched: fetched.map((f) => f.name), missing };
}

module.exports = { wanted, update };

if (require.main === module) {
  update(parseArgs(process.argv.slice(2))).catch((error) => {
    console.error(`office-js:update: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
