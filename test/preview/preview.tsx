import { createRoot } from 'react-dom/client';
import { StrictMode, useState } from 'react';
import { buildTemplateModel, catalogHash, defaultCatalog } from '../../src/core';
import { officeHost } from '../../src/excel/office';
import { App } from '../../src/taskpane/App';
import { installOfficeDouble } from '../office/excel-double';
import { seedWorkbook, type SeedSheet } from './seed';
import { SheetView } from './SheetView';

/**
 * The preview: the real task pane, unchanged, with the in-memory Excel in place of office.js,
 * and a plain rendering of the workbook beside it. For reviewers and trainers without Excel,
 * and for the browser tests. Never deployed.
 */
const params = new URLSearchParams(location.search);
const office = installOfficeDouble();
const workbook = office.workbook;
workbook.displayLanguage = params.get('lang') === 'en' ? 'en-US' : 'zh-CN';
if (params.get('theme') === 'dark') workbook.theme = { bodyBackgroundColor: '#1F1F1F' };
if (params.get('excelapi')) workbook.requirementSets.ExcelApi = params.get('excelapi') ?? '1.18';
workbook.addSheet('Sheet1');
const catalog = defaultCatalog();

/** A 民政局 sheet with the mistakes clerks make, typed into the in-memory Excel. */
async function loadSample(): Promise<void> {
  const host = officeHost();
  if (!workbook.sheet('指标填报'))
    await host.insertTemplate(buildTemplateModel(catalog, '县民政局', 2023, catalogHash(catalog)));
  const sheet = workbook.sheet('指标填报');
  if (!sheet) return;
  const rowOf = (code: string) =>
    [...sheet.cells].find(([k, c]) => k.endsWith(',1') && c.value === code)?.[0].split(',')[0];
  const typed: [string, string][] = [
    ['YL-02', '620张'],
    ['YL-03', '0.85'],
    ['YL-04', '1'],
    ['YL-05', '100'],
    ['YL-06', '约75'],
    ['YL-07', '150'],
    ['YL-14', '#DIV/0!'],
    ['YL-15', '100'],
  ];
  for (const [code, text] of typed) {
    const row = rowOf(code);
    if (row) await workbook.type('指标填报', `G${row}`, text);
  }
}

declare global {
  interface Window {
    __yilao: {
      workbook: typeof workbook;
      seed: (sheets: SeedSheet[]) => void;
      type: (sheet: string, address: string, value: string) => Promise<void>;
      loadSample: () => Promise<void>;
    };
  }
}
window.__yilao = {
  workbook,
  seed: (sheets) => seedWorkbook(workbook, sheets),
  type: (sheet, address, value) => workbook.type(sheet, address, value),
  loadSample,
};

function Preview() {
  const [loading, setLoading] = useState(false);
  const embedded = params.get('pane') === 'only';
  return (
    <div className={embedded ? 'layout pane-only' : 'layout'}>
      {!embedded ? (
        <header className="banner" role="note">
          <strong>预览 · Preview</strong>：不连接 Excel，右侧是模拟的工作表（双击单元格可输入）。This is a
          preview without Excel.
          <button
            disabled={loading}
            onClick={() => {
              setLoading(true);
              void loadSample().finally(() => setLoading(false));
            }}
          >
            载入示例数据 · Load sample data
          </button>
        </header>
      ) : null}
      <div className="pane" aria-label="任务窗格">
        <App
          host={officeHost()}
          catalog={catalog}
          readerWorker={() => new Worker(new URL('../../src/taskpane/read-worker.ts', import.meta.url))}
        />
      </div>
      {!embedded ? <SheetView workbook={workbook} /> : null}
    </div>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <StrictMode>
    <Preview />
  </StrictMode>,
);
