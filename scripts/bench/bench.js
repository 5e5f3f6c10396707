#!/usr/bin/env node
/* eslint-disable */
// npm run bench: measures combine throughput and memory against the floor and two peers, the
// add-in's round trips and the task pane's weight, in one run on this machine, and rewrites
// BENCHMARKS.md. Speed is measured here, never asserted in a test: the machine is shared.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { unzipSync, zipSync, strToU8, strFromU8 } = require('fflate');
const { SaxesParser } = require('saxes');

const ROOT = path.join(__dirname, '..', '..');
const build = (p) => require(path.join(ROOT, 'build', p));
const { defaultCatalog } = build('core/index.js');
const { writeTemplate } = build('xlsx/template.js');
const { fillTemplate, demoSubmissions } = build('xlsx/demo.js');

const SIZES = (process.env.BENCH_SIZES || '20,200,2600').split(',').map(Number);
const results = { sizes: {}, machine: {}, pane: {}, syncs: {} };

function seconds(fn) {
  const start = process.hrtime.bigint();
  const value = fn();
  return { value, s: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** Distinct bureau files from the demo's fillings: the same figures and mistakes, each file unique. */
async function makeFiles(dir, count) {
  const catalog = defaultCatalog();
  const bases = [];
  for (const submission of demoSubmissions()) {
    const template = await writeTemplate(catalog, submission.bureau, 2023);
    bases.push({
      name: submission.file.replace(/\.xlsx$/, ''),
      bytes: await fillTemplate(template, {
        ...submission.filling,
        filledBy: submission.filling.filledBy ?? '填报人',
      }),
    });
  }
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const base = bases[i % bases.length];
    const parts = unzipSync(base.bytes);
    // A different 填报人 per file makes each file distinct, as 2,600 real submissions are.
    const strings = strFromU8(parts['xl/sharedStrings.xml']);
    parts['xl/sharedStrings.xml'] = strToU8(
      strings.replace(
        /<t>(李明|王芳|赵强|孙丽|周敏|吴刚|郑伟|陈军|填报人)<\/t>/,
        `<t>$1${String(i).padStart(4, '0')}</t>`,
      ),
    );
    fs.writeFileSync(
      path.join(dir, `${String(i).padStart(4, '0')}-${base.name}.xlsx`),
      zipSync(parts, { level: 6 }),
    );
  }
}

function floor(dir) {
  // Unzip each file's 指标填报 sheet XML and scan it: no checks, no writing.
  let cells = 0;
  for (const file of fs.readdirSync(dir)) {
    const parts = unzipSync(fs.readFileSync(path.join(dir, file)), {
      filter: (f) => f.name === 'xl/worksheets/sheet1.xml' || f.name === 'xl/sharedStrings.xml',
    });
    const parser = new SaxesParser();
    parser.on('opentag', (tag) => {
      if (tag.name === 'c') cells++;
    });
    parser.write(strFromU8(parts['xl/worksheets/sheet1.xml'])).close();
  }
  return cells;
}

function timed(command, args, env = {}) {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  const rss = /BENCH_MAXRSS_KB=(\d+)/.exec(run.stderr || '');
  const gnu = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr || '');
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
  return {
    s,
    rssMb: rss ? Number(rss[1]) / 1024 : gnu ? Number(gnu[1]) / 1024 : null,
    stdout: run.stdout,
    stderrText: run.stderr,
  };
}

function exceljsRead(dir) {
  return timed(process.execPath, [
    '-r',
    path.join(__dirname, 'rss.js'),
    '-e',
    `
    const ExcelJS = require('exceljs'); const fs = require('fs'); const path = require('path');
    (async () => { let n = 0; for (const f of fs.readdirSync(${JSON.stringify(dir)})) {
      const wb = new ExcelJS.Workbook(); await wb.xlsx.readFile(path.join(${JSON.stringify(dir)}, f));
      wb.getWorksheet('指标填报').eachRow(() => n++); } })();`,
  ]);
}

function openpyxl(dir, out) {
  return timed('/usr/bin/time', [
    '-v',
    '/usr/bin/python3',
    path.join(__dirname, 'naive_openpyxl.py'),
    dir,
    out,
  ]);
}

function yilaoCombine(dir, out, env = {}, fresh = true) {
  if (fresh) fs.rmSync(out, { force: true });
  const run = timed(
    process.execPath,
    [
      '-r',
      path.join(__dirname, 'rss.js'),
      path.join(ROOT, 'bin', 'yilao.js'),
      'combine',
      dir,
      '--out',
      out,
      '--json',
    ],
    { YILAO_NOW: '2024-01-10T00:00:00Z', YILAO_TIMING: '1', ...env },
  );
  // YILAO_TIMING=1 makes the command line print its phases.
  const phase = (name) =>
    Number(new RegExp(`${name}=(\\d+)ms`).exec(run.stderrText || '')?.[1] ?? NaN) / 1000;
  return {
    ...run,
    start: phase('start'),
    readCheck: phase('read\\+check'),
    combining: phase('combine'),
    write: phase('write'),
    report: phase('report'),
  };
}

/**
 * `forget`: the reader's memory of parts shared byte for byte (relationships, workbook, styles)
 * emptied before each file, as if every file had been saved by a different program — the
 * benchmark's files share those parts, real files saved by many copies of Excel fewer of them.
 */
function readAndCheck(dir, forget = false) {
  const { checkFile } = build('xlsx/files.js');
  const { clearPartCache } = build('xlsx/reader.js');
  const catalog = defaultCatalog();
  return (async () => {
    clearPartCache();
    const start = process.hrtime.bigint();
    for (const file of fs.readdirSync(dir)) {
      if (forget) clearPartCache();
      await checkFile(path.join(dir, file), catalog);
    }
    return Number(process.hrtime.bigint() - start) / 1e9;
  })();
}

function paneWeight() {
  execFileSync(process.execPath, [require.resolve('webpack/bin/webpack.js'), '--mode', 'production'], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, ADDIN_URL: 'https://bench.invalid/' },
  });
  const dist = path.join(ROOT, 'dist');
  const html = fs.readFileSync(path.join(dist, 'taskpane.html'), 'utf8');
  const initial = [...html.matchAll(/<script defer src="?([^" >]+)"?/g)].map((m) => m[1]);
  const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length;
  const initialKb = initial.reduce((n, f) => n + gz(f), 0) / 1024;
  const lazy = fs.readdirSync(dist).filter((f) => f.endsWith('.js') && !initial.includes(f));
  return { initialKb, lazyKb: lazy.reduce((n, f) => n + gz(f), 0) / 1024, initial, lazy };
}

/** Median wall time of a command started fresh, five runs: what the IT person waits for once. */
function coldStart(work, oneFile) {
  const yilao = path.join(ROOT, 'bin', 'yilao.js');
  const out = path.join(work, 'cold');
  fs.mkdirSync(out, { recursive: true });
  const commands = [
    ['node -e 0 (Node alone)', ['-e', '0']],
    ['yilao --help', [yilao, '--help']],
    ['yilao lint-catalog', [yilao, 'lint-catalog']],
    ['yilao check one.xlsx', [yilao, 'check', oneFile]],
    ['yilao check one.xlsx --json', [yilao, 'check', oneFile, '--json']],
    ['yilao check one.xlsx --annotate DIR', [yilao, 'check', oneFile, '--annotate', out]],
    [
      'yilao template --bureau 民政局',
      [yilao, 'template', '--period', '2023', '--bureau', '民政局', '--out', out],
    ],
    [
      'yilao combine one.xlsx --out master.xlsx',
      [yilao, 'combine', oneFile, '--out', path.join(out, 'm.xlsx')],
    ],
  ];
  return commands.map(([label, args]) => {
    const times = [];
    for (let i = 0; i < 5; i++) {
      fs.rmSync(path.join(out, 'm.xlsx'), { force: true });
      times.push(timed(process.execPath, args).s);
    }
    times.sort((a, b) => a - b);
    return { label, s: times[2] };
  });
}

/**
 * One run past a province: 20,000 files (a national period is about 57,000), the whole command,
 * its peak memory and the master it writes. Peers are not run at this size.
 */
async function farRun(work, count) {
  const dir = path.join(work, `files-${count}`);
  await makeFiles(dir, count);
  const bytes = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
  const masterFile = path.join(work, `master-${count}.xlsx`);
  const run = yilaoCombine(dir, masterFile);
  const report = run.stdout.length;
  // The master it wrote is read back by the next combine: time that too.
  const again = yilaoCombine(dir, masterFile, {}, false);
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    files: count,
    mb: bytes / 1024 / 1024,
    s: run.s,
    readCheck: run.readCheck,
    write: run.write,
    rssMb: run.rssMb,
    masterMb: fs.statSync(masterFile).size / 1024 / 1024,
    reportMb: report / 1024 / 1024,
    againS: again.s,
    againRssMb: again.rssMb,
  };
}

function paneTimings(dirs) {
  // Jest runs the browser and Office-double measurements (they need the TypeScript test helpers).
  const out = path.join(os.tmpdir(), `yilao-bench-${process.pid}.json`);
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
      '--config',
      path.join(ROOT, 'jest.bench.config.js'),
    ],
    {
      cwd: ROOT,
      stdio: 'pipe',
      env: { ...process.env, BENCH_OUT: out, BENCH_FILE_DIRS: JSON.stringify(dirs) },
    },
  );
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yilao-bench-'));
  results.machine = {
    nproc: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
    cpu: os.cpus()[0]?.model ?? '',
  };
  for (const n of SIZES) {
    const dir = path.join(work, `files-${n}`);
    const made = seconds(() => null);
    await makeFiles(dir, n);
    const bytes = fs.readdirSync(dir).reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0);
    // The least of three floors and of two read + check runs: on a shared machine a single run
    // can be slowed by a neighbour, and the ratio of two single runs then says nothing.
    const fastest = (runs) => runs.sort((a, b) => a.s - b.s)[0];
    const floorRun = fastest([0, 1, 2].map(() => seconds(() => floor(dir))));
    const check = Math.min(await readAndCheck(dir), await readAndCheck(dir));
    const checkForgetting = Math.min(await readAndCheck(dir, true), await readAndCheck(dir, true));
    const masterFile = path.join(work, `master-${n}.xlsx`);
    // The faster of two runs, as for read + check: one slowed by a neighbour says nothing.
    const combine = fastest([yilaoCombine(dir, masterFile), yilaoCombine(dir, masterFile)]);
    const masterMb = fs.statSync(masterFile).size / 1024 / 1024;
    // The peers by the same rule as the combine, the faster of two: a ratio of our best run to
    // their only one would flatter us whenever a neighbour slowed theirs.
    const excel = fastest([exceljsRead(dir), exceljsRead(dir)]);
    const naive = fastest([0, 1].map(() => openpyxl(dir, path.join(work, `naive-${n}.xlsx`))));
    results.sizes[n] = {
      files: n,
      mb: bytes / 1024 / 1024,
      floor: floorRun.s,
      check,
      checkForgetting,
      combine: combine.s,
      combineStart: combine.start,
      combineReadCheck: combine.readCheck,
      combineCombining: combine.combining,
      combineWrite: combine.write,
      combineReport: combine.report,
      masterMb,
      combineRssMb: combine.rssMb,
      exceljs: excel.s,
      exceljsRssMb: excel.rssMb,
      openpyxl: naive.s,
      openpyxlRssMb: naive.rssMb,
    };
    process.stderr.write(`bench ${n}: ${JSON.stringify(results.sizes[n])}\n`);
    void made;
  }
  {
    // One thread against two workers on the largest set, inside yilao combine.
    const dir = path.join(work, `files-${Math.max(...SIZES)}`);
    const one = yilaoCombine(dir, path.join(work, 'w1.xlsx'));
    const two = yilaoCombine(dir, path.join(work, 'w2.xlsx'), { YILAO_WORKERS: '2' });
    results.workers = { one: one.readCheck, two: two.readCheck };
  }
  {
    const one = fs.readdirSync(path.join(work, `files-${Math.min(...SIZES)}`))[0];
    results.cold = coldStart(work, path.join(work, `files-${Math.min(...SIZES)}`, one));
  }
  results.pane = paneWeight();
  results.syncs = paneTimings(SIZES.map((n) => path.join(work, `files-${n}`)));
  const far = Number(process.env.BENCH_FAR ?? 20000);
  if (far > 0) results.far = await farRun(work, far);
  if (process.env.BENCH_KEEP === '1') process.stderr.write(`files kept in ${work}\n`);
  else fs.rmSync(work, { recursive: true, force: true });
  fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), render(results));
  process.stderr.write('BENCHMARKS.md written\n');
}

const f1 = (x) => (x === null || x === undefined ? '—' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const ratio = (a, b) => (a && b ? (a / b).toFixed(1) : '—');

const mb = (chars) => (chars / 1024 / 1024).toFixed(2);

function render(r) {
  const rows = Object.values(r.sizes);
  const big = r.sizes[Math.max(...SIZES)];
  const lines = [];
  lines.push('# Benchmarks');
  lines.push('');
  lines.push(
    `Written by \`npm run bench\` on ${r.machine.date}: ${r.machine.nproc} cores, ${r.machine.memoryGb} GiB, Node ${r.machine.node}, ${r.machine.cpu}.`,
  );
  lines.push(
    'The machine is shared and noisy: the goals are ratios measured in the same run on the same files, not absolute times.',
  );
  lines.push('');
  lines.push('## Combining bureau files');
  lines.push('');
  lines.push(
    "Files are generated from the demo's submissions (the same figures and mistakes), each made distinct. The floor unzips each file and scans its sheet XML, nothing else.",
  );
  lines.push('');
  lines.push(
    '| files | MB | floor (s) | read + check (s) | read + check, no shared parts (s) | `yilao combine` (s) | of which read + check / write (s) | files/s | peak RSS (MB) | exceljs read (s) | exceljs RSS (MB) | naive openpyxl (s) | openpyxl RSS (MB) |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const x of rows) {
    lines.push(
      `| ${x.files} | ${f1(x.mb)} | ${f1(x.floor)} | ${f1(x.check)} | ${f1(x.checkForgetting)} | ${f1(x.combine)} | ${f1(x.combineReadCheck)} / ${f1(x.combineWrite)} | ${Math.round(x.files / x.combine)} | ${f1(x.combineRssMb)} | ${f1(x.exceljs)} | ${f1(x.exceljsRssMb)} | ${f1(x.openpyxl)} | ${f1(x.openpyxlRssMb)} |`,
    );
  }
  lines.push('');
  lines.push(
    'Read + check is measured in this process, one thread, after the files were generated (the least of two runs; the floor the least of three); "no shared parts" empties the reader\'s memory of parts shared byte for byte before each file, as files saved by many different programs would have it; `yilao combine` is the whole command in a fresh process (start-up, reading, checking, combining, writing the master, the JSON report) and its peak resident memory, the faster of two runs; the exceljs read and the naive openpyxl script likewise the faster of two, so each ratio compares like with like.',
  );
  lines.push('');
  lines.push('## Goals');
  lines.push('');
  const goal = (ok) => (ok ? 'met' : '**not met**');
  const checkRatio = big.check / big.floor;
  const vsOpenpyxl = big.openpyxl / big.combine;
  const vsExceljs = big.exceljs / big.combine;
  lines.push(`| goal (at ${big.files} files) | measured | status |`);
  lines.push('|---|---|---|');
  lines.push(
    `| read + check within 2.5× of the floor | ${checkRatio.toFixed(1)}×; ${ratio(big.checkForgetting, big.floor)}× with no shared parts | ${goal(checkRatio <= 2.5)}${checkRatio <= 2.5 && big.checkForgetting / big.floor > 2.5 ? ' on files sharing the template’s parts; **not met** with none shared' : ''} |`,
  );
  lines.push(
    `| \`yilao combine\` (durable master written) ≥ 8× faster than naive openpyxl | ${vsOpenpyxl.toFixed(1)}× | ${goal(vsOpenpyxl >= 8)} |`,
  );
  lines.push(
    `| \`yilao combine\` ≥ 3× faster than a bare exceljs read | ${vsExceljs.toFixed(1)}× | ${goal(vsExceljs >= 3)} |`,
  );
  lines.push(
    `| peak RSS under 500 MB | ${f1(big.combineRssMb)} MB | ${goal(big.combineRssMb !== null && big.combineRssMb < 500)} |`,
  );
  lines.push(
    `| task pane initial JavaScript under 250 KB gzip (office.js excluded) | ${r.pane.initialKb.toFixed(0)} KB | ${goal(r.pane.initialKb < 250)} |`,
  );
  lines.push(
    `| check: at most 4 round trips, whatever the rows | ${r.syncs.check26.syncs} at 26 rows, ${r.syncs.check2600.syncs} at 2,600 | ${goal(r.syncs.check26.syncs <= 4 && r.syncs.check2600.syncs <= 4)} |`,
  );
  lines.push(
    `| add-in, Excel on the web: every sync under 4 MB, check and combine at 2,600 | largest ${mb(Math.max(...r.syncs.combines.map((c) => Math.max(c.request, c.response)), r.syncs.check2600.request, r.syncs.check2600.response))} MB | ${goal(Math.max(...r.syncs.combines.map((c) => Math.max(c.request, c.response)), r.syncs.check2600.request, r.syncs.check2600.response) < 4 * 1024 * 1024)} |`,
  );
  lines.push('');
  lines.push('## The task pane');
  lines.push('');
  lines.push(
    `- Initial JavaScript: ${r.pane.initialKb.toFixed(0)} KB gzip (${r.pane.initial.join(', ')}); loaded on demand for 汇总 only: ${r.pane.lazyKb.toFixed(0)} KB gzip. office.js is served beside it and not counted.`,
  );
  lines.push(
    `- Time to first render in headless Chromium (preview build, development React, median of 5): ${r.syncs.firstRenderMs} ms.`,
  );
  lines.push(
    `- \`context.sync()\` round trips and the largest request / response of one sync (JSON characters, as Office.js serialises a batch), counted with the Office.js double on its Excel-on-the-web profile (5 MB limit each way):`,
  );
  lines.push('');
  lines.push('| job | syncs | largest request (MB) | largest response (MB) |');
  lines.push('|---|---|---|---|');
  for (const [label, c] of [
    ['check, 26 rows', r.syncs.check26],
    ['check, 2,600 rows', r.syncs.check2600],
    ...r.syncs.combines.map((c) => [`combine, ${c.files} files (read the master, write it)`, c]),
  ])
    lines.push(`| ${label} | ${c.syncs} | ${mb(c.request)} | ${mb(c.response)} |`);
  lines.push('');
  lines.push(
    'The check costs four round trips (read; lift protection and read what the marks cover; mark; notes and protection back in a sync of their own). The combine writes the master beside the old one under temporary names, in blocks under a running 3 MB estimate, then swaps: the number of syncs grows with the master, the size of each does not.',
  );
  lines.push('');
  if (r.syncs.throughput?.length) {
    lines.push(
      '- **Reading dropped files in the pane** (汇总 tab, headless Chromium, preview build: development React and source maps; the files given to its file input as a drop gives them; timed until they are listed). The pane reads in a Web Worker, eight files ahead; the main thread hashes (WebCrypto), keeps the list and combines at the end.',
    );
    lines.push('');
    lines.push(
      '| files | pane (s) | command line read + check, in process (s) | pane ÷ command line | longest main-thread task (ms) | main-thread heap before → peak (MB) |',
    );
    lines.push('|---|---|---|---|---|---|');
    for (const t of r.syncs.throughput) {
      const cli = r.sizes[t.files]?.check;
      lines.push(
        `| ${t.files} | ${f1(t.seconds)} | ${f1(cli)} | ${ratio(t.seconds, cli)}× | ${Math.round(t.longestTaskMs)} | ${f1(t.heapBeforeMb)} → ${f1(t.heapPeakMb)} |`,
      );
    }
    lines.push('');
    lines.push(
      "The longest task is the combine of every file and the first render of the list after the last file is read: the pane is busy for that long once, at the end; while files are read, the progress bar moves and input is taken. The heap is the page's main thread (the worker holds at most eight files). A county office drops 20 to 30 files; 2,600 is a province in one pane, where the command line is the tool.",
    );
    lines.push('');
  }
  if (r.cold) {
    lines.push('## Cold start of each command');
    lines.push('');
    lines.push(
      'Median of five fresh processes on one bureau file; what a user waits for before anything happens, and a floor under every run.',
    );
    lines.push('');
    lines.push('| command | seconds |');
    lines.push('|---|---|');
    for (const c of r.cold) lines.push(`| \`${c.label}\` | ${c.s.toFixed(2)} |`);
    lines.push('');
    lines.push(
      '`check` without `--annotate` and `lint-catalog` do not load exceljs (test/xlsx/cold-start.test.ts holds that); `--annotate`, `template` and `combine` load it when they write.',
    );
    lines.push('');
  }
  if (r.far) {
    const f = r.far;
    lines.push(`## Past one province: ${f.files.toLocaleString('en')} files in one run`);
    lines.push('');
    lines.push(
      '| files | MB | `yilao combine` (s) | read + check / write (s) | peak RSS (MB) | master (MB) | JSON report (MB) | combined again into that master (s, RSS MB) |',
    );
    lines.push('|---|---|---|---|---|---|---|---|');
    lines.push(
      `| ${f.files} | ${f1(f.mb)} | ${f1(f.s)} | ${f1(f.readCheck)} / ${f1(f.write)} | ${f1(f.rssMb)} | ${f1(f.masterMb)} | ${f1(f.reportMb)} | ${f1(f.againS)}, ${f1(f.againRssMb)} |`,
    );
    lines.push('');
    lines.push(...FAR_PLAN(f, big, r.syncs.combines[r.syncs.combines.length - 1]));
    lines.push('');
  }
  lines.push('## What the numbers say, and what limits them');
  lines.push('');
  lines.push(
    `- **Read + check** (${f1(big.check)} s for ${big.files} files, ${checkRatio.toFixed(1)}× the floor, against a goal of 2.5×; this shared machine's noise moves the ratio by several tenths between runs). The floor unzips one part and scans one sheet; a submission needs the workbook, its relationships, shared strings, number formats and three sheets (指标填报, 重点任务, _meta), then the checks. What the goal asks, in bytes: a demo submission holds about 38 KB of XML that must be read (指标填报 16.6 KB, styles 8.5 KB, 重点任务 5.5 KB, shared strings 3.9 KB, _meta, the workbook and its relationships); the floor inflates 20.5 KB of it and scans 16.6 KB. A profile of read + check at 2,600 files, taken before the last changes to reading (one run, on a busy machine: shares, not times), put reading the workbook at 59 % (inflating 19 %, scanning and the handlers about 30 %, the styles part alone 12 %), the checks at 23 %, opening and reading the files 6 %: at those shares, reading alone is about ${(0.59 * checkRatio).toFixed(1)}× the floor in this run, and the 2.5× goal would need the reading and the checks both to shrink. Since then the styles part is read for each <xf>'s numFmtId only, one UTF-8 decoder serves every part and attribute values are normalised only where they hold a tab or line end; the CRC-32, eight bytes a step, came before the profile and after the previous run of this benchmark. Parts that files share byte for byte — the package's and the workbook's relationships, the workbook part and the styles — are now read once per process and found again by their compressed bytes, name, size and CRC-32 (charged to each file's budget as if read again, so a file reads the same whatever came before it). The benchmark's files, made from one template by one program, share all four; files saved by many copies of Excel share fewer, so read + check with that memory emptied before every file is measured too: ${f1(big.checkForgetting)} s, ${ratio(big.checkForgetting, big.floor)}× the floor. The command line now inflates with Node's zlib, capped at each part's declared size, and checks each CRC-32 with zlib.crc32, both lent to the reader by src/xlsx/files.ts (the pane keeps fflate): an earlier trial of zlib for inflating alone was recorded as no faster; counted in CPU time over the 2,600 files, reading every workbook fell from about 760 to 600 ms, and the 471 peer-corpus files read identically either way (test/peer); the run before this change measured read + check at 1.32 s and \`yilao combine\` at 3.35 s on files made the same way; \`foldWidth\` returning text with nothing to fold untouched and bureau keys computed once per catalog took those two from about 250 ms to about 30 ms of a profiled run (profiler time, larger than plain time).`,
  );
  lines.push(
    `- **Both cores.** With \`YILAO_WORKERS=2\` the ${big.files} files were read and checked inside \`yilao combine\` in ${f1(r.workers?.two)} s against ${f1(r.workers?.one)} s in one thread. On this 2-core machine one Node process already keeps the second core busy with garbage collection and compilation; workers are off by default and there for servers with more cores.`,
  );
  lines.push(
    `- **Writing the master** (${f1(big.combineWrite)} s, a ${f1(big.masterMb)} MB file, including loading exceljs). exceljs writes the titles, headers, column widths, page setup, filters, frozen panes, 总览 and 完成情况; the body rows of every table, the history and the durable state are written as SpreadsheetML and spliced into its package (src/xlsx/sheet-writer.ts, checked by reading back through exceljs, our reader and LibreOffice). The rows go straight into one growing UTF-8 buffer, a row at a time: building them as strings, joining them in blocks and encoding those copied 历史's 14 MB three times, and the write took 1.12 s in the previous run of this benchmark (1.05–1.2 s against 0.7–0.8 s now, in runs side by side on the same files). Before the splicing, exceljs wrote every cell: 2.28 s at 2,600 files; the durable state alone (about 3 MB of JSON in a very hidden sheet) cost 0.38 s of it. Deflating the spliced parts on the thread pool while the next is written was tried and measured no faster here (the second core already collects garbage), so they are deflated in turn.`,
  );
  lines.push(
    `- **The durable master (issue: the master as a record), before and after.** Before the state was kept (commit 7aa2fbf): the master written in 1.21 s, \`yilao combine\` 3.20 s, peak RSS 202.4 MB. With the state, all written by exceljs (commit 6bae4e1): a 1.76 MB master written in 2.28 s, the combine 6.56 s, 270.0 MB. This run, rows spliced: a ${f1(big.masterMb)} MB master written in ${f1(big.combineWrite)} s, the combine ${f1(big.combine)} s, ${f1(big.combineRssMb)} MB. What the state still costs is the combine itself re-judging every file from it (about 0.4 s) and holding it (about 85 MB more at its peak).`,
  );
  lines.push(
    `- **Against the peers.** The combine is ${vsOpenpyxl.toFixed(1)}× faster than the naive openpyxl script (goal 8×) and ${vsExceljs.toFixed(1)}× faster than a bare exceljs read (goal 3×). Where the ${f1(big.combine)} s go, as the command prints them (YILAO_TIMING=1): Node's start, loading the modules and listing the files ${f1(big.combineStart)} s, read + check ${f1(big.combineReadCheck)} s, the combine itself ${f1(big.combineCombining)} s (every file re-judged from the durable state), the master ${f1(big.combineWrite)} s, the JSON report (every file and entry, about 14 MB) ${f1(big.combineReport)} s. The report is encoded piece by piece and written in blocks of bytes; it was joined into megabyte strings and encoded after, about 0.2 s more. Of the start, Node alone is about 0.1 s and loading zod (the catalog's and the durable state's schemas) about 0.09 s: the core needs it for every catalog and master it reads. Read + check inside the command (${f1(big.combineReadCheck)} s) is slower than the in-process figure above (${f1(big.check)} s) because that figure is the faster of two runs in one process, the second on code the JIT has already compiled: a fresh process reads its first 200 files at about a third of the speed it reaches after some 1,200 (measured in 200-file steps: about 330 ms, then 180, 160, … 90). V8's flags for earlier compiling (\`--maglev\`, \`--always-sparkplug\`, a lower \`--interrupt-budget\`, \`--no-lazy-feedback-allocation\`) and a larger young generation changed nothing measurable here. The 8× goal would need read + check near the floor and a master written in well under a second: at this size the read is the wall, and splitting it over processes needs more than two cores.`,
  );
  lines.push('');
  return lines.join('\n') + '\n';
}

/** What breaks first past one machine, from the far run's figures: the written plan of the scale issue. */
function FAR_PLAN(f, big, addin) {
  const perFile = f.s / f.files;
  const national = 57000;
  const mbPerFile = f.masterMb / f.files;
  const historyRowsPerFile = 6.1; // 15,894 history rows for 2,600 demo files
  return [
    `Read on: one run of ${f.files.toLocaleString('en')} files took ${f1(f.s)} s (${(perFile * 1000).toFixed(1)} ms a file, against ${((big.combine / big.files) * 1000).toFixed(1)} ms at ${big.files}) and ${f1(f.rssMb)} MB at its peak; combining the same files again into the master it wrote took ${f1(f.againS)} s. What breaks first, in order, for a national period (about 2,800 counties × 20 bureaus ≈ ${national.toLocaleString('en')} files):`,
    '',
    `1. **Memory.** Every file's report, its record in the durable state and the master's rows are held at once: ${f1(f.rssMb)} MB at ${f.files.toLocaleString('en')} files, so about ${f1(((f.rssMb / f.files) * national) / 1024)} GB for a national period in one run, and five periods in one master would pass what a county office PC has. This is the first limit, well before time (${f1((perFile * national) / 60)} minutes).`,
    `2. **Excel's rows.** 历史 holds about ${historyRowsPerFile} rows a file: ${Math.round(historyRowsPerFile * national).toLocaleString('en')} for one national period, ${Math.round(historyRowsPerFile * national * 5).toLocaleString('en')} over the plan's five — past 1,048,576. The master never writes a sheet past it: 历史 is split by period (历史2023, 历史2023-2, …) in both writers, and the command line says so. 报送登记 (a row a file) and the state (a row a file) stay far below.`,
    `3. **The master as a file.** ${f1(f.masterMb)} MB at ${f.files.toLocaleString('en')} files (about ${(mbPerFile * national).toFixed(0)} MB a national period, most of it the durable state and 历史): a workbook that size is slow to open and to mail, and the add-in's combine writes it through Office.js in syncs of at most 3 MB — hundreds of round trips (${addin?.syncs ?? '—'} at ${addin?.files ?? '—'} files, measured above). The county → city → province roll-up should not pass workbooks upward past a city.`,
    `4. **The JSON report.** ${f1(f.reportMb)} MB at ${f.files.toLocaleString('en')} files, written in pieces (no single string past one file's report), so it does not break; past a province it should be one JSON line per file (NDJSON) for tools to stream.`,
    '',
    `**What would carry it.** Above a city, move 历史 and the durable state out of the workbook into a database and keep the workbook as the printed view: **PostgreSQL** where the province already runs a server (a table per record kind — file records with their entries and typed issues as JSONB, decisions, the current choice — keyed by SHA-256 and period, so a resubmission is an insert and the §7 choice a query), or **DuckDB** embedded where one analyst runs the roll-up on a workstation (the same records as Parquet files per county and period, read in one query; no server). Either is fed by the same \`combine\` core: \`recordOf\` already turns a checked file into a record, and \`combine(catalog, inputs, { existing })\` already rebuilds a master from records, so the roll-up reads records from the database instead of the _state sheet and writes the same 县汇总/总览 for the level above. Not built: nothing here needs it below a province.`,
  ];
}

if (require.main === module)
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });

module.exports = { makeFiles };
