import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildTemplateModel,
  catalogHash,
  checkWorkbook,
  combine,
  sha256Text,
  defaultCatalog,
  type CombineInput,
  type SubmissionReport,
  type WorkbookView,
} from '../../src/core';
import { officeHost } from '../../src/excel/office';
import { buildPreview, startSession } from '../e2e/browser';
import { installOfficeDouble } from '../office/excel-double';

/** Round trips of the Office.js adapter and the pane's first render, for BENCHMARKS.md. */
jest.setTimeout(300_000);
const catalog = defaultCatalog();
const check = (view: WorkbookView): SubmissionReport | string => {
  const result = checkWorkbook(catalog, view);
  return result.ok ? result.report : result.error.kind;
};

interface Sizes {
  syncs: number;
  request: number;
  response: number;
}

async function checkSyncs(rows: number): Promise<Sizes> {
  const office = installOfficeDouble();
  try {
    const sheet = office.workbook.addSheet('指标填报');
    ['编号', '具体指标', '单位', '基期值', '目标值', '责任单位', '本期完成值', '说明'].forEach(
      (h, i) => (sheet.ensure(4, i + 1).value = h),
    );
    sheet.ensure(2, 2).value = '县民政局';
    sheet.ensure(2, 5).value = 2023;
    for (let r = 0; r < rows; r++) {
      sheet.ensure(5 + r, 1).value = catalog.indicators[r % 26]!.code;
      sheet.ensure(5 + r, 7).value = r % 3 === 0 ? '约100' : 50;
    }
    const syncs = (await officeHost().checkActive(check, 'zh')).syncs;
    return { syncs, request: office.workbook.largestRequest, response: office.workbook.largestResponse };
  } finally {
    office.uninstall();
  }
}

async function combineSyncs(files: number): Promise<Sizes & { files: number }> {
  const office = installOfficeDouble();
  try {
    office.workbook.addSheet('Sheet1');
    const host = officeHost();
    const model = buildTemplateModel(catalog, '县民政局', 2023, catalogHash(catalog));
    const inputs: CombineInput[] = [];
    for (let i = 0; i < files; i++) {
      const rows = [
        [],
        // Each a correction of the one before: a later 填报日期 (one file used, the rest superseded).
        [
          '填报单位',
          '县民政局',
          '',
          '报告期',
          2023,
          '',
          '填报日期',
          new Date(Date.UTC(2016, 0, 1 + i)).toISOString().slice(0, 10),
        ],
        [],
        model.columns.map((c) => c.header),
      ] as (string | number)[][];
      for (const r of model.rows) if (r.kind === 'indicator') rows.push([...r.cells, 600 + i]);
      const view: WorkbookView = {
        sheets: [
          {
            name: '指标填报',
            visibility: 'visible',
            merges: [],
            rows: rows.map((row) =>
              row.map((v) =>
                typeof v === 'number'
                  ? { type: 'number' as const, value: v }
                  : { type: 'string' as const, value: v },
              ),
            ),
          },
        ],
      };
      const checked = checkWorkbook(catalog, view);
      if (checked.ok)
        inputs.push({
          file: `${i}.xlsx`,
          sha256: sha256Text(String(i)),
          report: checked.report,
          fileErrors: [],
        });
    }
    // An existing master of the same files first: reading it back is part of a combine.
    await host.writeMaster(catalog, combine(catalog, inputs, { importedAt: '2024-01-01 08:00' }), 'zh');
    office.workbook.largestRequest = 0;
    office.workbook.largestResponse = 0;
    const before = office.workbook.syncs;
    const read = await host.readMasterState(catalog);
    const state = read.kind === 'master' || read.kind === 'legacy' ? read.state : undefined;
    await host.writeMaster(
      catalog,
      combine(catalog, inputs, { importedAt: '2024-01-01 08:00', ...(state ? { existing: state } : {}) }),
      'zh',
    );
    return {
      files,
      syncs: office.workbook.syncs - before,
      request: office.workbook.largestRequest,
      response: office.workbook.largestResponse,
    };
  } finally {
    office.uninstall();
  }
}

interface Throughput {
  files: number;
  seconds: number;
  /** The longest the page's main thread was busy at once while reading (long tasks, ms). */
  longestTaskMs: number;
  /** Main-thread JavaScript heap: before the drop and at its largest while reading (MB). */
  heapBeforeMb: number;
  heapPeakMb: number;
}

/**
 * The pane reading and checking dropped files: the 汇总 tab of the preview build, the files given
 * to its file input as a clerk's drop gives them, timed until every file is listed.
 */
async function paneThroughput(
  session: Awaited<ReturnType<typeof startSession>>,
  dir: string,
): Promise<Throughput> {
  const files = readdirSync(dir).map((f) => path.join(dir, f));
  const page = await session.open('?pane=only', 420);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024;
  };
  try {
    await page.getByRole('tab', { name: '汇总' }).click();
    await page.evaluate(() => {
      const w = window as unknown as { __longest: number };
      w.__longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    const heapBeforeMb = await heap();
    let heapPeakMb = heapBeforeMb;
    let polling = true;
    const poll = (async () => {
      while (polling) {
        heapPeakMb = Math.max(heapPeakMb, await heap());
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const start = Date.now();
    await page.getByTestId('file-input').setInputFiles(files);
    // Read when the first files are listed (the pane lists up to 200 at once) and the progress bar is gone.
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('ul[aria-label="添加各单位报送的文件"] > li').length === Math.min(n, 200) &&
        !document.querySelector('[role="progressbar"]'),
      files.length,
      { timeout: 600_000, polling: 250 },
    );
    const seconds = (Date.now() - start) / 1000;
    polling = false;
    await poll;
    const longestTaskMs = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
    return { files: files.length, seconds, longestTaskMs, heapBeforeMb, heapPeakMb };
  } finally {
    await page.close();
  }
}

it('measures', async () => {
  const check26 = await checkSyncs(26);
  const check2600 = await checkSyncs(2600);
  const combines = [];
  for (const files of [20, 200, 2600]) combines.push(await combineSyncs(files));

  buildPreview();
  const session = await startSession();
  const times: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const page = await session.browser.newPage({ viewport: { width: 350, height: 900 } });
      const start = Date.now();
      await page.goto(`${session.origin}/?pane=only`);
      await page.getByRole('button', { name: '核查当前表' }).waitFor();
      times.push(Date.now() - start);
      await page.close();
    }
  } finally {
    await session.close();
  }
  times.sort((a, b) => a - b);
  // The files bench.js generated for each size, when it passes them (BENCH_FILE_DIRS).
  const dirs = JSON.parse(process.env.BENCH_FILE_DIRS ?? '[]') as string[];
  const throughput: Throughput[] = [];
  if (dirs.length > 0) {
    const reading = await startSession();
    try {
      for (const dir of dirs) throughput.push(await paneThroughput(reading, dir));
    } finally {
      await reading.close();
    }
  }
  const out = { check26, check2600, combines, firstRenderMs: times[2], throughput };
  if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify(out));
  expect(check26.syncs).toBeGreaterThan(0);
});
