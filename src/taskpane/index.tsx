import { createRoot } from 'react-dom/client';
import { defaultCatalog } from '../core';
import { officeHost } from '../excel/office';
import { App } from './App';

/**
 * The production entry: waits for Office.js (bundled beside the pane, never from a CDN unless
 * the build asked for it), then renders the pane with the real Excel adapter.
 */
const container = document.getElementById('root');
if (!container) throw new Error('#root missing from taskpane.html');
const root = createRoot(container);

void Office.onReady((info) => {
  if (info.host !== Office.HostType.Excel) {
    container.textContent = '请在 Excel 中打开本加载项。Open this add-in inside Excel.';
    return;
  }
  root.render(
    <App
      host={officeHost()}
      catalog={defaultCatalog()}
      readerWorker={() => new Worker(new URL('./read-worker.ts', import.meta.url))}
    />,
  );
});
