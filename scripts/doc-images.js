#!/usr/bin/env node
/* eslint-disable */
// npm run doc-images: the README's pictures of the printed master, taken from real files. Runs the
// demo, combines its files without two bureaus (so 未报送 has names in it), prints the master to
// PDF with LibreOffice and renders the leader's page (总览) and the 未报送 page with pdftoppm.
// Needs soffice and pdftoppm (apt-get install libreoffice-calc-nogui poppler-utils).
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const yilao = path.join(ROOT, 'bin', 'yilao.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yilao-doc-images-'));
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: 'pipe', timeout: 180_000, ...opts });

run(process.execPath, [yilao, 'demo', '--out', work], {
  env: { ...process.env, YILAO_NOW: '2024-01-10T00:00:00Z' },
});
const sent = path.join(work, '2-报送文件');
const files = fs
  .readdirSync(sent)
  .filter((f) => !f.startsWith('教体局') && !f.startsWith('老干局'))
  .map((f) => path.join(sent, f));
const master = path.join(work, '县汇总.xlsx');
try {
  run(process.execPath, [yilao, 'combine', ...files, '--out', master, '--keep', '民政局-2023-更正.xlsx'], {
    env: { ...process.env, YILAO_NOW: '2024-01-10T00:00:00Z' },
  });
} catch (error) {
  // Exit 1 says some files had errors (the demo's do, on purpose); the master is written.
  if (error.status !== 1) throw error;
}
run('soffice', [
  `-env:UserInstallation=file://${path.join(work, 'profile')}`,
  '--headless',
  '--convert-to',
  'pdf',
  '--outdir',
  work,
  master,
]);
const pdf = path.join(work, '县汇总.pdf');
const pages = run('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f');
const pageOf = (text) => pages.findIndex((p) => p.includes(text)) + 1;
const out = path.join(ROOT, 'docs', 'images');
fs.mkdirSync(out, { recursive: true });
const render = (page, name, crop = []) => {
  if (page < 1) throw new Error(`no page for ${name}`);
  run('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    ...crop,
    pdf,
    path.join(out, name),
  ]);
  process.stderr.write(`docs/images/${name}.png: page ${page}\n`);
};
render(pageOf('完成情况总览'), 'master-overview');
// The 未报送 list is short: the top of its page (A4 landscape at 80 dpi is 935 × 661).
render(pageOf('未报送单位'), 'master-not-reported', ['-x', '0', '-y', '0', '-W', '935', '-H', '300']);
fs.rmSync(work, { recursive: true, force: true });
