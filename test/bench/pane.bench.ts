import { writeFileSync } from 'node:fs';
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
  const out = { check26, check2600, combines, firstRenderMs: times[2] };
  if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify(out));
  expect(check26.syncs).toBeGreaterThan(0);
});
