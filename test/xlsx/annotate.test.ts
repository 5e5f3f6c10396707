import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { defaultCatalog } from '../../src/core';
import { annotateWorkbook } from '../../src/xlsx/annotate';
import { demoSubmissions, fillTemplate } from '../../src/xlsx/demo';
import { checkBytes } from '../../src/xlsx/files';
import { writeTemplate } from '../../src/xlsx/template';

/** The marked copy sent back to a bureau: the checker's marks are what the clerk sees and prints. */

const catalog = defaultCatalog();

async function markedCopy(bureau: string, progress: Record<string, string> = {}) {
  const submission = demoSubmissions().find((s) => s.bureau === bureau)!;
  const bytes = await fillTemplate(await writeTemplate(catalog, bureau, 2023), {
    ...submission.filling,
    progress: { ...submission.filling.progress, ...progress },
  });
  const report = checkBytes(submission.file, bytes, catalog).report!;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await annotateWorkbook(bytes, report, 'zh')) as unknown as ExcelJS.Buffer);
  return { report, workbook };
}

type WithFormats = ExcelJS.Worksheet & { conditionalFormattings: { ref: string }[] };

it('the template’s own conditional formats no longer paint over the checker’s marks', async () => {
  const original = new ExcelJS.Workbook();
  await original.xlsx.load((await writeTemplate(catalog, '县民政局', 2023)) as unknown as ExcelJS.Buffer);
  expect((original.getWorksheet('指标填报') as WithFormats).conditionalFormattings.length).toBeGreaterThan(0);
  const { report, workbook } = await markedCopy('县民政局');
  const formats = (workbook.getWorksheet('指标填报') as WithFormats).conditionalFormattings;
  const checked = new Set(report.entries.filter((e) => e.sheet === '指标填报').map((e) => e.cell));
  expect(formats.filter((f) => checked.has(f.ref))).toStrictEqual([]);
});

it('reasons on 重点任务 are printed in its own 核查结果 column, not only in notes', async () => {
  // A progress that is not one of the three choices is an error on 重点任务.
  const { report, workbook } = await markedCopy('县民政局', { 'GG-02': '快完成了' });
  const milestones = workbook.getWorksheet('重点任务')!;
  const header = milestones.getRow(1);
  const column = (header.values as unknown[]).indexOf('核查结果');
  expect(column).toBeGreaterThan(7);
  const withIssues = report.entries.filter((e) => e.sheet === '重点任务' && e.issues.length > 0);
  expect(withIssues.length).toBeGreaterThan(0);
  for (const entry of withIssues) expect(milestones.getRow(entry.row!).getCell(column).text).not.toBe('');
  // Boxed like the table beside it, header and results, so the column prints as part of it.
  for (const cell of [
    header.getCell(column),
    ...withIssues.map((e) => milestones.getRow(e.row!).getCell(column)),
  ])
    expect(cell.border?.top?.style).toBe('thin');
});

it('keeps “fit to one page wide” of a copy saved by LibreOffice (fitToPage="true") in the marked copy', async () => {
  const submission = demoSubmissions().find((s) => s.bureau === '县民政局')!;
  const filled = await fillTemplate(await writeTemplate(catalog, '县民政局', 2023), submission.filling);
  const parts = unzipSync(filled);
  const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
  expect(sheet).toContain('<pageSetUpPr fitToPage="1"/>');
  // LibreOffice writes the xsd:boolean as true; exceljs alone reads only 1.
  parts['xl/worksheets/sheet1.xml'] = strToU8(sheet.replace('fitToPage="1"', 'fitToPage="true"'));
  const bytes = zipSync(parts);
  const alone = new ExcelJS.Workbook();
  await alone.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  expect(alone.getWorksheet('指标填报')!.pageSetup.fitToPage).toBeFalsy();
  const report = checkBytes(submission.file, bytes, catalog).report!;
  const marked = new ExcelJS.Workbook();
  await marked.xlsx.load((await annotateWorkbook(bytes, report, 'zh')) as unknown as ExcelJS.Buffer);
  const setup = marked.getWorksheet('指标填报')!.pageSetup;
  expect([setup.fitToPage, setup.fitToWidth, setup.fitToHeight, setup.orientation]).toStrictEqual([
    true,
    1,
    0,
    'landscape',
  ]);
});

it('a legend below the table says what each colour means, in the colours the marks use', async () => {
  const { report, workbook } = await markedCopy('县民政局');
  const sheet = workbook.getWorksheet('指标填报')!;
  let titleRow = 0;
  sheet.eachRow((row, r) => {
    if (row.getCell(1).value === '核查标记的颜色') titleRow = r;
  });
  expect(titleRow).toBeGreaterThan(0);
  const swatches = new Map<string, string | undefined>();
  for (let r = titleRow + 1; r <= titleRow + 4; r++) {
    const cell = sheet.getRow(r).getCell(1);
    swatches.set(cell.text, (cell.fill as ExcelJS.FillPattern).fgColor?.argb);
    expect(sheet.getRow(r).getCell(2).text).not.toBe('');
  }
  expect([...swatches.keys()]).toStrictEqual(['错误', '提醒', '滞后', '存在风险']);
  // Each kind of mark in the copy is painted in its swatch's colour.
  const fillOf = (code: string) => {
    const entry = report.entries.find((e) => e.code === code)!;
    return (sheet.getCell(entry.cell!).fill as ExcelJS.FillPattern).fgColor?.argb;
  };
  const kinds = {
    错误: report.entries.find((e) => e.sheet === '指标填报' && e.issues.some((i) => i.severity === 'error')),
    滞后: report.entries.find((e) => e.status === 'off-track' && e.issues.length === 0),
    存在风险: report.entries.find((e) => e.status === 'at-risk' && e.issues.length === 0),
  };
  for (const [label, entry] of Object.entries(kinds)) {
    expect([label, entry?.code !== undefined]).toStrictEqual([label, true]);
    expect([label, fillOf(entry!.code)]).toStrictEqual([label, swatches.get(label)]);
  }
});
