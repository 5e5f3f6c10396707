import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { defaultCatalog } from '../../src/core';
import { fillTemplate } from '../../src/xlsx/demo';
import { writeTemplate } from '../../src/xlsx/template';
import { buildPreview, startSession, type Session } from './browser';
import { seedFromXlsx } from './seed-from-xlsx';

/**
 * The task pane in real headless Chromium against the in-memory Excel: only the host is
 * simulated, never the pane. Screenshots at the pane's real width go to test-results/.
 */
jest.setTimeout(180_000);

const ROOT = path.join(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const PANE_WIDTH = 350;
mkdirSync(SHOTS, { recursive: true });

let session: Session;
beforeAll(async () => {
  buildPreview();
  session = await startSession();
});
afterAll(async () => {
  await session.close();
});

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

type Cell = { value: unknown; error?: string; fill: string | null; numberFormat: string } | null;
const cellOf = (page: Page, sheet: string, row: number, column: number) =>
  page.evaluate(
    ([s, r, c]) => {
      const cell = window.__yilao.workbook.sheet(s)?.cell(r, c);
      return cell
        ? { value: cell.value, error: cell.error, fill: cell.fill, numberFormat: cell.numberFormat }
        : null;
    },
    [sheet, row, column] as const,
  ) as Promise<Cell>;
const rowOf = (page: Page, code: string) =>
  page.evaluate((c) => {
    const sheet = window.__yilao.workbook.sheet('指标填报');
    for (const [key, cell] of sheet?.cells ?? [])
      if (key.endsWith(',1') && cell.value === c) return Number(key.split(',')[0]);
    return 0;
  }, code);

async function createTemplate(page: Page): Promise<void> {
  await page.getByRole('tab', { name: '填报模板' }).click();
  const combo = page.getByRole('combobox', { name: /填报单位/ });
  await combo.click();
  await combo.pressSequentially('民政');
  await page.getByRole('option', { name: '县民政局' }).click();
  await page.getByRole('textbox', { name: /报告期/ }).fill('2023');
  await page.getByRole('button', { name: '生成填报表' }).click();
  await page.getByText(/已在当前工作簿生成/).waitFor();
}

async function axeViolations(page: Page): Promise<string[]> {
  // The pane's CSP forbids inline scripts (as it should); the test injects axe through the
  // DevTools protocol instead.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
        };
      }
    ).axe;
    // Tabster's focus-trap sentinels (Fluent UI's focus management) are aria-hidden yet
    // focusable by design; axe flags them in every Fluent app. They are not content.
    return axe.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.nodes.length})`);
}

describe('1. 填报模板', () => {
  it('creates the template for 县民政局, 2023', async () => {
    const page = await session.open('?pane=only', PANE_WIDTH);
    await createTemplate(page);
    await shot(page, '1-template');
    expect(await cellOf(page, '指标填报', 4, 7)).toMatchObject({ value: '本期完成值' });
    expect(await cellOf(page, '指标填报', 2, 2)).toMatchObject({ value: '县民政局' });
    const beds = await rowOf(page, 'YL-02');
    expect(beds).toBeGreaterThan(4);
    const validation = await page.evaluate(
      (row) => window.__yilao.workbook.sheet('指标填报')?.validations.get(`G${row}`),
      beds,
    );
    expect(validation?.prompt?.message).toContain('单位：张');
    await page.close();
  });
});

describe('1a. the preview’s grid, as Excel’s', () => {
  it('takes a figure typed into an open cell, and refuses a locked cell of the protected sheet with Excel’s words', async () => {
    const page = await session.open('', 1280);
    await createTemplate(page);
    const beds = await rowOf(page, 'YL-02');
    const typeInto = async (address: string, text: string) => {
      await page.locator(`td[data-cell="${address}"]`).dblclick();
      const input = page.getByRole('textbox', { name: `编辑 ${address}` });
      await input.fill(text);
      await input.press('Enter');
    };
    await typeInto(`G${beds}`, '620');
    await page.waitForFunction(
      (r) => window.__yilao.workbook.sheet('指标填报')?.cell(r, 7)?.value === 620,
      beds,
    );
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    // The indicator's name (column B) is locked: nothing changes, and the grid says why.
    const name = await cellOf(page, '指标填报', beds, 2);
    await typeInto(`B${beds}`, '改掉');
    await page.getByRole('alert').filter({ hasText: '受保护的工作表' }).waitFor();
    expect(await cellOf(page, '指标填报', beds, 2)).toStrictEqual(name);
    await page.close();
  });
});

describe('2. 数据核查', () => {
  it('lists each issue, marks the cells, goes to a cell, re-checks after a fix and clears the marks', async () => {
    const page = await session.open('?pane=only', PANE_WIDTH);
    await createTemplate(page);
    const row = async (code: string) => rowOf(page, code);
    // The clerk's own formatting on a figure cell, to be restored exactly by 清除标记.
    const own = await row('YL-03');
    await page.evaluate((r) => {
      const cell = window.__yilao.workbook.sheet('指标填报')!.ensure(r, 7);
      cell.fill = '#00B0F0';
    }, own);
    await page.evaluate(
      async (rows) => {
        await window.__yilao.type('指标填报', `G${rows.beds}`, '620张');
        await window.__yilao.type('指标填报', `G${rows.nursing}`, '0.85');
        await window.__yilao.type('指标填报', `G${rows.day}`, '约75');
        await window.__yilao.type('指标填报', `G${rows.staff}`, '#DIV/0!');
      },
      { beds: await row('YL-02'), nursing: own, day: await row('YL-06'), staff: await row('YL-14') },
    );
    await page.getByRole('tab', { name: '数据核查' }).click();
    await page.getByRole('button', { name: '核查当前表' }).click();
    const errors = page.getByRole('region', { name: /^错误 \d+$/ });
    await errors.waitFor();
    await shot(page, '2-check');

    await expect(errors.getByText(/错误值 #DIV\/0!/).count()).resolves.toBe(1);
    expect(await errors.getByText(/本单位牵头此指标，本期完成值为空/).count()).toBeGreaterThan(0);
    const warnings = page.getByRole('region', { name: /^提醒 \d+$/ });
    expect(await warnings.getByText(/是否应为 85/).count()).toBe(1);
    expect(await warnings.getByText(/是约数/).count()).toBe(1);
    const staff = await row('YL-14');
    expect(await cellOf(page, '指标填报', staff, 7)).toMatchObject({ fill: '#FF9B9B', error: '#DIV/0!' });
    expect(await cellOf(page, '指标填报', own, 7)).toMatchObject({ fill: '#FFEB9C' });

    await page.getByRole('button', { name: `定位 G${staff}` }).click();
    await page.waitForFunction((r) => window.__yilao.workbook.selection?.address === `G${r}`, staff);

    // Fix the figure: the automatic re-check clears its mark.
    await page.evaluate((r) => window.__yilao.type('指标填报', `G${r}`, '78'), staff);
    await page.waitForFunction(() => !document.body.innerText.includes('#DIV/0!（公式出错）'), undefined, {
      timeout: 10_000,
    });
    await page.waitForFunction(
      (r) => window.__yilao.workbook.sheet('指标填报')?.cell(r, 7)?.fill !== '#FF9B9B',
      staff,
    );
    await shot(page, '2-check-after-fix');

    await page.getByRole('button', { name: '清除标记' }).click();
    await page.getByText('已清除标记，恢复了原来的格式。').waitFor();
    expect(await cellOf(page, '指标填报', own, 7)).toMatchObject({ fill: '#00B0F0' });
    await page.close();
  });

  it('checks a real fixture workbook seeded into the in-memory Excel', async () => {
    const page = await session.open('?pane=only', PANE_WIDTH);
    const seed = await seedFromXlsx(path.join(FIXTURES, 'libreoffice-民政局.xlsx'));
    await page.evaluate((sheets) => window.__yilao.seed(sheets), seed);
    await page.getByRole('tab', { name: '数据核查' }).click();
    await page.getByRole('button', { name: '核查当前表' }).click();
    await page.getByRole('region', { name: /^错误 \d+$/ }).waitFor();
    // The same findings as the command line on the same file (test/xlsx/fixtures.test.ts).
    expect(await page.getByText(/错误值 #DIV\/0!/).count()).toBe(1);
    expect(await page.getByText(/“约35”是约数/).count()).toBe(1);
    await page.close();
  });

  it('in a workbook whose structure is protected, lists the issues and says why nothing is marked, within the pane', async () => {
    const page = await session.open('?pane=only', PANE_WIDTH);
    await createTemplate(page);
    const staff = await rowOf(page, 'YL-14');
    await page.evaluate(async (r) => {
      await window.__yilao.type('指标填报', `G${r}`, '#DIV/0!');
      window.__yilao.workbook.structure = { protected: true };
    }, staff);
    await page.getByRole('tab', { name: '数据核查' }).click();
    await page.getByRole('button', { name: '核查当前表' }).click();
    const notice = page.getByText(/工作簿结构受保护.*没有在表中标记/);
    await notice.waitFor();
    await page.getByRole('region', { name: /^错误 \d+$/ }).waitFor();
    await shot(page, '2-check-structure-protected');
    expect(await cellOf(page, '指标填报', staff, 7)).toMatchObject({ fill: '#FFF8E1' });
    // The whole message is on the page, wrapped rather than cut off at the pane's width.
    const box = await notice.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PANE_WIDTH);
    await page.close();
  });

  it('is usable by keyboard alone', async () => {
    const page = await session.open('?pane=only', PANE_WIDTH);
    await page.evaluate(async () => {
      await window.__yilao.loadSample();
    });
    await page.keyboard.press('Tab');
    // Tabs first (the selected one), then the check button.
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    for (let i = 0; i < 6 && !(await focused()).includes('核查当前表'); i++) await page.keyboard.press('Tab');
    // The button Enter will press is the one that has the focus, not whatever the loop ended on.
    expect(await focused()).toBe('核查当前表');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: /^错误 \d+$/ }).waitFor();
    // Onwards by keyboard: the issues' 定位 buttons are reachable with Tab, and Enter on one selects its cell.
    for (let i = 0; i < 12 && !(await focused()).startsWith('定位'); i++) await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^定位/);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__yilao.workbook.selection !== null);
    await page.close();
  });
});

describe('3. 汇总', () => {
  it('adds three bureau files, rejects the broken one with its reason, writes the master with the conflict and a chart', async () => {
    const page = await session.open('?pane=only', PANE_WIDTH);
    // The files are read off the main thread, in the pane's reading worker.
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.getByRole('tab', { name: '汇总' }).click();
    await page
      .getByTestId('file-input')
      .setInputFiles([
        path.join(FIXTURES, 'openpyxl-民政局.xlsx'),
        path.join(FIXTURES, 'openpyxl-卫健局.xlsx'),
        path.join(FIXTURES, 'invalid-truncated.xlsx'),
      ]);
    await page.getByText(/退回：.*已损坏或不完整/).waitFor();
    expect(workers).toEqual([expect.stringMatching(/read-worker/)]);
    await shot(page, '3-combine-files');
    await page.getByRole('button', { name: '写入汇总表' }).click();
    await page.getByText(/已写入汇总表/).waitFor();
    await shot(page, '3-combine-done');
    const summary = await page.evaluate(() => {
      const sheet = window.__yilao.workbook.sheet('县汇总');
      return sheet ? [...sheet.cells.values()].map((c) => String(c.value ?? '')) : [];
    });
    expect(summary.some((v) => v.includes('各单位数值不一致：县民政局 1 / 县卫生健康局 2'))).toBe(true);
    const charts = await page.evaluate(() => window.__yilao.workbook.sheet('总览')?.charts.length);
    expect(charts).toBe(1);
    const register = await page.evaluate(() =>
      [...(window.__yilao.workbook.sheet('报送登记')?.cells.values() ?? [])].map((c) =>
        String(c.value ?? ''),
      ),
    );
    expect(register).toContain('退回');
    await page.close();
  });
});

describe('1b. the 填报单位 list at 350 px', () => {
  it('opens over the pane without blanking it', async () => {
    const page = await session.open('?pane=only', PANE_WIDTH);
    await page.getByRole('tab', { name: '填报模板' }).click();
    const combo = page.getByRole('combobox', { name: /填报单位/ });
    await combo.click();
    await page.getByRole('listbox').waitFor();
    await shot(page, '1-dropdown-open');
    // The title is still what is at the top of the pane: no layer of the popup covers it.
    const top = await page.evaluate(
      () => document.elementFromPoint(40, 20)?.closest('header')?.textContent ?? null,
    );
    expect(top).toContain('一老一小指标核查');
    const layer = await page.evaluate(() => {
      const list = document.querySelector('[role="listbox"]');
      let node = list?.parentElement ?? null;
      while (node && node.parentElement !== document.body) node = node.parentElement;
      return node ? node.getBoundingClientRect().height : null;
    });
    expect(layer).not.toBeNull();
    expect(layer!).toBeLessThan(200);
    await page.close();
  });
});

describe('5. 诊断 for the first sideload', () => {
  it('lists the host, the bundled Office.js and each requirement set, and runs a round trip', async () => {
    const page = await session.open('?pane=only', PANE_WIDTH);
    await page.getByRole('button', { name: '诊断' }).click();
    await page.getByRole('button', { name: '运行诊断' }).click();
    const report = page.getByRole('textbox', { name: /诊断/ });
    await report.waitFor();
    const text = await report.inputValue();
    expect(text).toMatch(/随加载项提供的 Office\.js: @microsoft\/office-js \d+\.\d+\.\d+/);
    expect(text).toContain('ExcelApi 1.18（批注）');
    expect(text).toMatch(/读写测试: 成功/);
    await shot(page, '5-diagnostics');
    await page.close();
  });
});

describe('3b. 汇总: files that need a decision', () => {
  it('shows the choice before writing, and the chosen file is the one written', async () => {
    const catalog = defaultCatalog();
    const template = await writeTemplate(catalog, '县人力资源和社会保障局', 2023);
    const filledOn = new Date(Date.UTC(2023, 11, 20));
    const file = async (name: string, figures: Record<string, number | string>) => ({
      name,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await fillTemplate(template, { figures, filledOn }),
    });
    const page = await session.open('?pane=only', PANE_WIDTH);
    await page.getByRole('tab', { name: '汇总' }).click();
    await page
      .getByTestId('file-input')
      .setInputFiles([
        await file('人社局-原稿.xlsx', { 'YL-01': 39, 'TY-06': '二十' }),
        await file('人社局-更正.xlsx', { 'YL-01': 93, 'TY-06': 20 }),
      ]);
    const choice = page.getByRole('radiogroup', { name: /待确认.*县人力资源和社会保障局/ });
    await choice.waitFor();
    await shot(page, '3-combine-choice');
    await choice.getByRole('radio', { name: /人社局-原稿\.xlsx/ }).check();
    await page.getByText(/^采用：已确认保留此文件/).waitFor();
    await shot(page, '3-combine-chosen');
    await page.getByRole('button', { name: '写入汇总表' }).click();
    await page.getByText(/已写入汇总表/).waitFor();
    expect(await cellOf(page, '报送登记', 2, 9)).toMatchObject({ value: '采用（已确认）' });
    expect(await cellOf(page, '报送登记', 2, 1)).toMatchObject({ value: '人社局-原稿.xlsx' });
    await page.close();
  });
});

describe('4. English and dark theme', () => {
  it('renders in English, and in the dark theme', async () => {
    const english = await session.open('?pane=only&lang=en', PANE_WIDTH);
    await english.evaluate(() => window.__yilao.loadSample());
    await english.getByRole('button', { name: 'Check this sheet' }).click();
    await english.getByRole('region', { name: /^Errors \d+$/ }).waitFor();
    await shot(english, '4-english');
    await english.close();

    const dark = await session.open('?pane=only&theme=dark', PANE_WIDTH);
    await dark.evaluate(() => window.__yilao.loadSample());
    await dark.getByRole('button', { name: '核查当前表' }).click();
    await dark.getByRole('region', { name: /^错误 \d+$/ }).waitFor();
    const background = await dark.evaluate(
      () => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor,
    );
    expect(background).not.toBe('rgb(255, 255, 255)');
    await shot(dark, '4-dark');
    await dark.close();
  });
});

describe('5. accessibility', () => {
  it.each(['填报模板', '数据核查', '汇总'])('%s has no serious or critical axe violation', async (tab) => {
    const page = await session.open('?pane=only', PANE_WIDTH);
    await page.evaluate(() => window.__yilao.loadSample());
    await page.getByRole('tab', { name: tab }).click();
    if (tab === '数据核查') {
      await page.getByRole('button', { name: '核查当前表' }).click();
      await page.getByRole('region', { name: /^错误 \d+$/ }).waitFor();
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('6. the network', () => {
  it('made no request to any origin but its own', async () => {
    // Watched here as well, so that run alone it still sees the pane load, check and open 汇总.
    const page = await session.open('?pane=only', PANE_WIDTH);
    await page.evaluate(() => window.__yilao.loadSample());
    await page.getByRole('button', { name: '核查当前表' }).click();
    await page.getByRole('region', { name: /^错误 \d+$/ }).waitFor();
    await page.getByRole('tab', { name: '汇总' }).click();
    await page.getByTestId('file-input').waitFor({ state: 'attached' });
    await page.close();
    expect(session.seen.filter((url) => url.startsWith(session.origin)).length).toBeGreaterThan(3);
    expect(session.foreign).toEqual([]);
  });

  it('keeps the preview page free of cut-off text at 350 px', async () => {
    const page = await session.open('?pane=only', PANE_WIDTH);
    await page.evaluate(() => window.__yilao.loadSample());
    await page.getByRole('button', { name: '核查当前表' }).click();
    await page.getByRole('region', { name: /^错误 \d+$/ }).waitFor();
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll('.pane *')]
        .filter(
          (el) =>
            el.scrollWidth > el.clientWidth + 1 &&
            getComputedStyle(el).overflowX === 'visible' &&
            el.clientWidth > 0,
        )
        .map((el) => el.textContent?.slice(0, 30)),
    );
    expect(overflowing).toEqual([]);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PANE_WIDTH);
    await page.close();
  });
});

afterAll(() => {
  // The README shows the pane from these screenshots; refresh them when the pane changes.
  if (process.env.UPDATE_DOC_IMAGES === '1') {
    const docs = path.join(ROOT, 'docs', 'images');
    mkdirSync(docs, { recursive: true });
    for (const name of ['1-template', '2-check', '3-combine-done', '4-english', '4-dark']) {
      copyFileSync(path.join(SHOTS, `${name}.png`), path.join(docs, `${name}.png`));
    }
  }
});
