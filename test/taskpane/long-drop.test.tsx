/**
 * @jest-environment jsdom
 */
// First: jsdom lacks TextDecoder and friends, which the reader needs when its module loads.
import './setup-dom';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultCatalog } from '../../src/core';
import { officeHost } from '../../src/excel/office';
import { App } from '../../src/taskpane/App';
import { officeDoublePerTest } from '../helpers/office';

/**
 * A province-sized drop in the 汇总 tab: in a file of its own, because in the long pane suite the
 * in-thread reader's yield to the event loop (setTimeout 0, jsdom only: the real pane reads in a
 * worker) grew to a quarter of a second a file.
 */

const catalog = defaultCatalog();
// The pane talks to Excel through the globals the in-memory Excel puts up for each test.
officeDoublePerTest();

function renderPane(language = 'zh-CN') {
  return render(<App host={officeHost()} catalog={catalog} language={language} dark={false} />);
}

it('lists a long drop in part and the rest on request; every file counts in the master', async () => {
  renderPane();
  fireEvent.click(screen.getByRole('tab', { name: '汇总' }));
  const input = await screen.findByTestId('file-input');
  const bytes = readFileSync(path.join(__dirname, '..', 'fixtures', 'openpyxl-卫健局.xlsx'));
  // 203 copies of one file: identical content counts once, the rest are listed as duplicates.
  const files = Array.from(
    { length: 203 },
    (_v, i) => new File([bytes], `卫健局-${String(i).padStart(3, '0')}.xlsx`),
  );
  fireEvent.change(input, { target: { files } });
  const more = await screen.findByRole('button', { name: '显示其余 3 个文件' }, { timeout: 30_000 });
  const list = screen.getByRole('list', { name: '添加各单位报送的文件' });
  expect(within(list).getAllByRole('listitem')).toHaveLength(200);
  expect(within(list).queryByText('卫健局-200.xlsx')).toBeNull();
  fireEvent.click(more);
  expect(within(list).getAllByRole('listitem')).toHaveLength(203);
  expect(within(list).getByText('卫健局-202.xlsx')).toBeTruthy();
  expect(screen.queryByRole('button', { name: /显示其余/ })).toBeNull();
  fireEvent.click(screen.getByRole('button', { name: '写入汇总表' }));
  await screen.findByText(/已写入汇总表：203 个文件，采用 1 个/);
}, 60_000);
