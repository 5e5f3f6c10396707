/**
 * @jest-environment jsdom
 */
// First: jsdom lacks TextDecoder and friends, which the reader needs when its module loads.
import './setup-dom';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultCatalog } from '../../src/core';
import { fillTemplate } from '../../src/xlsx/demo';
import { writeTemplate } from '../../src/xlsx/template';
import { officeHost } from '../../src/excel/office';
import { App } from '../../src/taskpane/App';
import { officeDoublePerTest } from '../helpers/office';

const catalog = defaultCatalog();
const office = officeDoublePerTest();

function renderPane(language = 'zh-CN') {
  return render(<App host={officeHost()} catalog={catalog} language={language} dark={false} />);
}

async function makeTemplate(bureau = '民政局') {
  fireEvent.click(screen.getByRole('tab', { name: '填报模板' }));
  const combo = screen.getByRole('combobox', { name: /填报单位/ });
  fireEvent.change(combo, { target: { value: bureau } });
  fireEvent.click(screen.getByRole('button', { name: '生成填报表' }));
  await screen.findByText(/已在当前工作簿生成/);
}

const rowOf = (code: string) => {
  const sheet = office.workbook.sheet('指标填报')!;
  for (const [key, cell] of sheet.cells)
    if (key.endsWith(',1') && cell.value === code) return Number(key.split(',')[0]);
  throw new Error(code);
};

/** A fixture workbook as a dropped file, under its own name or another. */
const fixture = (name: string, as = name) =>
  new File([readFileSync(path.join(__dirname, '..', 'fixtures', name))], as);

/** Opens 汇总 and gives it files as its file input (or a drop) does; the input, for more batches. */
async function dropOnCombine(files: File[]): Promise<HTMLElement> {
  fireEvent.click(screen.getByRole('tab', { name: '汇总' }));
  const input = await screen.findByTestId('file-input');
  fireEvent.change(input, { target: { files } });
  return input;
}

describe('the task pane', () => {
  it('creates the template for a bureau typed by its short name', async () => {
    renderPane();
    await makeTemplate();
    expect(office.workbook.sheet('指标填报')?.cell(2, 2)?.value).toBe('县民政局');
  });

  it('says when the bureau is unknown and keeps the button disabled', () => {
    renderPane();
    fireEvent.click(screen.getByRole('tab', { name: '填报模板' }));
    fireEvent.change(screen.getByRole('combobox', { name: /填报单位/ }), { target: { value: '农业局' } });
    expect(screen.getByText('找不到这个单位，请从列表中选择')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: '生成填报表' }).disabled).toBe(true);
  });

  it('checks the sheet, lists the issues and takes the clerk to a cell', async () => {
    renderPane();
    await makeTemplate();
    await office.workbook.type('指标填报', `G${rowOf('YL-02')}`, '620张');
    await office.workbook.type('指标填报', `G${rowOf('YL-03')}`, '0.85');
    await office.workbook.type('指标填报', `G${rowOf('YL-06')}`, '约75');
    await office.workbook.type('指标填报', `G${rowOf('YL-14')}`, '#DIV/0!');
    fireEvent.click(screen.getByRole('tab', { name: '数据核查' }));
    fireEvent.click(screen.getByRole('button', { name: '核查当前表' }));
    const errors = await screen.findByRole('region', { name: /^错误 \d+$/ });
    expect(within(errors).getByText(/错误值 #DIV\/0!/)).toBeTruthy();
    expect(within(errors).getAllByText(/本单位牵头此指标/).length).toBeGreaterThan(0);
    const warnings = screen.getByRole('region', { name: /^提醒 \d+$/ });
    expect(within(warnings).getByText(/是否应为 85/)).toBeTruthy();
    expect(within(warnings).getByText(/是约数/)).toBeTruthy();
    const indicators = screen.getByRole('list', { name: '指标完成情况' });
    expect(within(indicators).getAllByText('滞后').length).toBeGreaterThan(0);

    const cell = `G${rowOf('YL-14')}`;
    fireEvent.click(screen.getByRole('button', { name: `定位 ${cell}` }));
    await waitFor(() => expect(office.workbook.selection).toEqual({ sheet: '指标填报', address: cell }));

    fireEvent.click(screen.getByRole('button', { name: '清除标记' }));
    await screen.findByText('已清除标记，恢复了原来的格式。');
    expect(office.workbook.sheet('指标填报')!.cell(rowOf('YL-14'), 7)?.fill).toBe('#FFF8E1');
  });

  it('with the workbook’s structure protected, the check lists the issues and says why nothing was marked and how to lift it', async () => {
    renderPane();
    await makeTemplate();
    await office.workbook.type('指标填报', `G${rowOf('YL-14')}`, '#DIV/0!');
    office.workbook.structure = { protected: true };
    fireEvent.click(screen.getByRole('tab', { name: '数据核查' }));
    fireEvent.click(screen.getByRole('button', { name: '核查当前表' }));
    await screen.findByText(/工作簿结构受保护.*没有在表中标记.*问题清单仍然有效.*撤销“保护工作簿”/);
    expect(screen.getByText(/错误值 #DIV\/0!/)).toBeTruthy();
  });

  it('with the workbook’s structure protected, a template is refused in words the clerk can act on', async () => {
    office.workbook.structure = { protected: true };
    renderPane();
    fireEvent.click(screen.getByRole('tab', { name: '填报模板' }));
    fireEvent.change(screen.getByRole('combobox', { name: /填报单位/ }), { target: { value: '民政局' } });
    fireEvent.click(screen.getByRole('button', { name: '生成填报表' }));
    await screen.findByText(
      '工作簿结构受保护，加载项无法添加工作表。请在“审阅”选项卡中撤销“保护工作簿”后再试。',
    );
  });

  it('re-checks by itself when a figure changes', async () => {
    renderPane();
    await makeTemplate();
    await office.workbook.type('指标填报', `G${rowOf('YL-14')}`, '#DIV/0!');
    fireEvent.click(screen.getByRole('tab', { name: '数据核查' }));
    fireEvent.click(screen.getByRole('button', { name: '核查当前表' }));
    await screen.findByText(/错误值 #DIV\/0!/);
    // Let the pane subscribe to the sheet's changes, then type as a clerk would.
    await waitFor(() => expect(office.workbook.sheet('指标填报')!.handlers.length).toBe(1));
    await act(async () => {
      await office.workbook.type('指标填报', `G${rowOf('YL-14')}`, '78');
    });
    await waitFor(() => expect(screen.queryByText(/错误值 #DIV\/0!/)).toBeNull(), { timeout: 3000 });
  });

  it('says a sheet is empty in words about a sheet, not a file', async () => {
    renderPane();
    fireEvent.click(screen.getByRole('tab', { name: '数据核查' }));
    fireEvent.click(screen.getByRole('button', { name: '核查当前表' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('工作表“Sheet1”是空的');
    expect(alert.textContent).not.toContain('文件“Sheet1”');
  });

  it('诊断 reports the desktop profile: every set claimed and present, a round trip that leaves nothing behind', async () => {
    office.workbook.profile = 'desktop';
    renderPane();
    fireEvent.click(screen.getByRole('button', { name: '诊断' }));
    fireEvent.click(await screen.findByRole('button', { name: '运行诊断' }));
    const report = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: /诊断/ });
    expect(report.value).toContain('宿主: Excel · PC');
    expect(report.value).toContain('ExcelApi 1.18（批注）：Excel 宣称支持，实际可用');
    expect(report.value).toMatch(/读写测试: 成功 · \d+ ms/);
    expect(office.workbook.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });

  it('诊断 on the web with an Office.js that has no notes says the claim and the runtime differ', async () => {
    office.workbook.runtimeHasNotes = false;
    renderPane();
    fireEvent.click(screen.getByRole('button', { name: '诊断' }));
    fireEvent.click(await screen.findByRole('button', { name: '运行诊断' }));
    const report = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: /诊断/ });
    expect(report.value).toContain('宿主: Excel · OfficeOnline');
    expect(report.value).toContain('ExcelApi 1.18（批注）：Excel 宣称支持，实际不可用 — 以实际为准');
    expect(report.value).toContain('ExcelApi 1.9（基本功能）：Excel 宣称支持，实际可用');
  });

  it('诊断 says when the round trip fails', async () => {
    renderPane();
    office.workbook.failAtSync = office.workbook.syncs + 1;
    fireEvent.click(screen.getByRole('button', { name: '诊断' }));
    fireEvent.click(await screen.findByRole('button', { name: '运行诊断' }));
    const report = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: /诊断/ });
    expect(report.value).toMatch(/读写测试: 失败（The connection to Excel was lost\.）/);
  });

  it('诊断 in a workbook whose structure is protected says that, not Excel’s refusal, and still lists what is present', async () => {
    office.workbook.structure = { protected: true };
    renderPane();
    fireEvent.click(screen.getByRole('button', { name: '诊断' }));
    fireEvent.click(await screen.findByRole('button', { name: '运行诊断' }));
    const report = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: /诊断/ });
    expect(report.value).toMatch(/读写测试: 失败（工作簿结构受保护，加载项无法添加工作表。.*）/);
    expect(report.value).toContain('ExcelApi 1.13（合并单元格检查）：Excel 宣称支持，实际可用');
    expect(office.workbook.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });

  it('speaks English when Office does', async () => {
    renderPane('en-US');
    expect(screen.getByRole('tab', { name: 'Check' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Check this sheet' }));
    await screen.findByText('This sheet cannot be checked');
  });

  it('warns on an Excel older than the minimum', () => {
    office.workbook.requirementSets.ExcelApi = '1.7';
    renderPane();
    expect(screen.getByText(/当前 Excel 版本过旧/)).toBeTruthy();
  });

  it('combines bureau files in the master workbook, rejecting a broken one with its reason', async () => {
    renderPane();
    await dropOnCombine([
      fixture('openpyxl-民政局.xlsx'),
      fixture('openpyxl-卫健局.xlsx'),
      fixture('invalid-truncated.xlsx'),
    ]);
    await waitFor(
      () => expect(screen.queryByText('openpyxl-卫健局.xlsx') ?? screen.queryByRole('alert')).toBeTruthy(),
      { timeout: 5000 },
    );
    expect(screen.queryByRole('alert')?.textContent ?? '').toBe('');
    await screen.findByText('openpyxl-卫健局.xlsx');
    expect(await screen.findByText(/退回：.*已损坏或不完整/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '写入汇总表' }));
    // Three files given, two used (the third is damaged).
    await screen.findByText(/已写入汇总表：3 个文件，采用 2 个/);
    // Who has not reported, with why where a file came back: the list the office phones round.
    const missing = screen.getByRole('region', { name: /^未报送（2023年度，\d+ 个单位）$/ });
    expect(within(missing).getByText('县委老干局')).toBeTruthy();
    expect(within(missing).getAllByText(/未收到文件/).length).toBeGreaterThan(0);
    const codes = [...(office.workbook.sheet('县汇总')?.cells.values() ?? [])].map((c) => c.value);
    expect(codes).toContain('YL-01');
    expect(codes).toContain('TY-09');
    expect(office.workbook.sheet('总览')?.charts).toHaveLength(1);
  });

  it('§7: shows files that need a decision before writing, and writes the office’s choice', async () => {
    const template = await writeTemplate(catalog, '县人力资源和社会保障局', 2023);
    const filledOn = new Date(Date.UTC(2023, 11, 20));
    const file = async (name: string, figures: Record<string, number | string>) =>
      new File([new Uint8Array(await fillTemplate(template, { figures, filledOn }))], name);
    renderPane();
    await dropOnCombine([
      await file('人社局-原稿.xlsx', { 'YL-01': 39, 'TY-06': '二十' }),
      await file('人社局-更正.xlsx', { 'YL-01': 93, 'TY-06': 20 }),
    ]);
    const choice = await screen.findByRole(
      'radiogroup',
      { name: /待确认.*县人力资源和社会保障局/ },
      { timeout: 5000 },
    );
    // Until someone decides, the file with fewer errors is used, and the pane says so.
    expect(within(choice).getByRole('radio', { name: /人社局-更正\.xlsx.*← 暂用/ })).toBeTruthy();
    expect(screen.getAllByText(/^待确认：与/).length).toBe(2);
    fireEvent.click(within(choice).getByRole('radio', { name: /人社局-原稿\.xlsx/ }));
    // The choice stays on screen, made: it can still be changed before writing.
    await waitFor(() =>
      expect(within(choice).getByRole('radio', { name: /人社局-原稿\.xlsx/ })).toHaveProperty(
        'checked',
        true,
      ),
    );
    expect(within(choice).queryByText(/暂用/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '写入汇总表' }));
    await screen.findByText(/已写入汇总表：2 个文件，采用 1 个/);
    const register = office.workbook.sheet('报送登记')!;
    expect([register.cell(2, 1)?.value, register.cell(2, 9)?.value]).toEqual([
      '人社局-原稿.xlsx',
      '采用（已确认）',
    ]);
    expect(register.cell(3, 9)?.value).toBe('已被替代');
    const summary = office.workbook.sheet('县汇总')!;
    const yl01 = [...summary.cells.entries()].find(([, c]) => c.value === 'YL-01')![0].split(',')[0];
    expect(summary.cell(Number(yl01), 6)?.value).toBe(39);
  }, 20_000);

  it('keeps files dropped while others are still being read: both batches are listed', async () => {
    renderPane();
    const input = await dropOnCombine([fixture('openpyxl-民政局.xlsx')]);
    // The first batch is still being read when the second arrives.
    fireEvent.change(input, { target: { files: [fixture('openpyxl-卫健局.xlsx')] } });
    await screen.findByText('openpyxl-卫健局.xlsx', undefined, { timeout: 5000 });
    expect(screen.getByText('openpyxl-民政局.xlsx')).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: '写入汇总表' })).toHaveProperty('disabled', false),
    );
    fireEvent.click(screen.getByRole('button', { name: '写入汇总表' }));
    await screen.findByText(/已写入汇总表：2 个文件，采用 2 个/);
  });

  it('with the workbook’s structure protected, the master is not written and the office is told how to lift it', async () => {
    office.workbook.structure = { protected: true };
    renderPane();
    await dropOnCombine([fixture('openpyxl-民政局.xlsx')]);
    await screen.findByText('openpyxl-民政局.xlsx');
    fireEvent.click(screen.getByRole('button', { name: '写入汇总表' }));
    await screen.findByText(
      '工作簿结构受保护，加载项无法添加工作表。请在“审阅”选项卡中撤销“保护工作簿”后再试。',
    );
    expect(office.workbook.sheet('县汇总')).toBeUndefined();
  });

  it('says why it cannot combine into a master whose record was edited, and writes nothing', async () => {
    office.workbook.addSheet('_state').ensure(1, 1).value = 'yilao-master-state';
    renderPane();
    await dropOnCombine([fixture('openpyxl-卫健局.xlsx', 'x.xlsx')]);
    expect((await screen.findByRole('alert')).textContent).toMatch(/内部记录.*已损坏或被改动/);
    expect(office.workbook.sheet('县汇总')).toBeUndefined();
  });
});
