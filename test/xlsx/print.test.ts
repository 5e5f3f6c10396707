import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultCatalog } from '../../src/core';
import { findSoffice } from '../../src/xlsx/convert';
import { demoSubmissions, fillTemplate } from '../../src/xlsx/demo';
import { writeTemplate } from '../../src/xlsx/template';
import { runCli } from '../helpers/run-cli';

/**
 * The master on paper, as LibreOffice prints it to PDF: machine columns (hashes, import times,
 * codes) stay off the printed page, and 县汇总 fits A4 landscape one page wide.
 */

const catalog = defaultCatalog();

it('prints the master without hashes or machine codes, 县汇总 one page wide', async () => {
  const soffice = findSoffice();
  if (!soffice) throw new Error('LibreOffice (soffice) is needed: apt-get install libreoffice-calc-nogui');
  const dir = mkdtempSync(path.join(tmpdir(), 'yilao-print-'));
  const files: string[] = [];
  for (const s of demoSubmissions()) {
    const file = path.join(dir, s.file);
    writeFileSync(file, await fillTemplate(await writeTemplate(catalog, s.bureau, 2023), s.filling));
    files.push(file);
  }
  const master = path.join(dir, '县汇总.xlsx');
  await runCli(['combine', ...files, '--out', master]);
  execFileSync(
    soffice,
    [
      `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      master,
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  const pdf = readdirSync(dir).find((f) => f.endsWith('.pdf'));
  expect(pdf).toBeDefined();
  const pages = execFileSync('pdftotext', ['-layout', path.join(dir, pdf ?? ''), '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((p) => p.trim() !== '');
  // No SHA-256 (64 hex digits, or any long run of them) and no machine column on any page.
  for (const [i, page] of pages.entries()) {
    expect([i + 1, /[0-9a-f]{20,}/.test(page)]).toEqual([i + 1, false]);
    for (const header of ['SHA-256', '导入时间', '结果代码', '原因代码', '状态代码'])
      expect([i + 1, header, page.includes(header)]).toEqual([i + 1, header, false]);
  }
  // 县汇总 is one page wide: every page that holds its header holds the remarks column too.
  const summary = pages.filter((p) => p.includes('具体指标') && p.includes('目标值'));
  expect(summary.length).toBeGreaterThan(0);
  for (const page of summary) expect(page).toContain('备注');
  // 总览 is the leader's page: the first sheet, on one page, with what needs acting on and why.
  expect(pages[0]).toContain('完成情况总览');
  expect(pages.filter((p) => p.includes('完成情况总览'))).toHaveLength(1);
  expect(pages[0]).toContain('需要关注的指标');
  expect(pages[0]).toMatch(/YL-02[\s\S]*滞后[\s\S]*县民政局/);
  // 完成情况 prints an indicator a row: two pages for the demo's 39 codes, the bureaus heading each.
  const completion = pages.filter((p) => p.includes('指标 \\ 填报单'));
  expect(completion).toHaveLength(2);
  for (const page of completion) expect(page).toMatch(/县民政局[\s\S]*县教育体育局/);
  // 县汇总 in at most three pages.
  expect(summary.length).toBeLessThanOrEqual(3);
}, 180_000);
