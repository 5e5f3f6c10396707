import ExcelJS from 'exceljs';
import {
  buildTemplateModel,
  catalogHash,
  checkWorkbook,
  defaultCatalog,
  type SubmissionReport,
} from '../../src/core';
import { officeHost } from '../../src/excel/office';
import { checkBytes } from '../../src/xlsx/files';
import { writeTemplate } from '../../src/xlsx/template';
import { installOfficeDouble, type CellModel } from '../office/excel-double';

/**
 * One table of typed inputs, through the add-in (Office.js adapter on the in-memory Excel) and
 * through the command line (a real .xlsx file): the reports must be the same.
 */
const catalog = defaultCatalog();
const TYPED: Record<string, string> = {
  'YL-02': '620张',
  'YL-03': '0.85',
  'YL-04': '1个',
  'YL-05': '100',
  'YL-06': '约75',
  'YL-07': '150',
  'YL-09': '不适用',
  'YL-10': '#DIV/0!',
  'YL-14': '85%',
  'YL-15': '3-5',
  'YL-17': '６０',
};

function summary(report: SubmissionReport) {
  return report.entries.map((e) => ({
    code: e.code,
    // What the clerk is quoted: a date Excel made of 3-5 reads 2023-03-05 in both, not a serial.
    raw: e.raw,
    value: e.value,
    status: e.status,
    expected: e.expected,
    kinds: e.issues.map((i) => i.kind),
  }));
}

it('gives the same report through the add-in and through the command line', async () => {
  // The add-in: the template written by the Office.js adapter, the inputs typed as a clerk would,
  // stored as the double's model of Excel's parsing decides.
  const office = installOfficeDouble();
  try {
    office.workbook.addSheet('Sheet1');
    const host = officeHost();
    await host.insertTemplate(buildTemplateModel(catalog, '县民政局', 2023, catalogHash(catalog)));
    const entrySheet = office.workbook.sheet('指标填报')!;
    const stored = new Map<string, CellModel>();
    for (const [key, cell] of [...entrySheet.cells]) {
      if (!key.endsWith(',1')) continue;
      const text = TYPED[String(cell.value)];
      if (text === undefined) continue;
      const row = Number(key.split(',')[0]);
      await office.workbook.type('指标填报', `G${row}`, text);
      stored.set(String(cell.value), { ...entrySheet.cell(row, 7)! });
    }
    const outcome = await host.checkActive((view) => {
      const result = checkWorkbook(catalog, view);
      return result.ok ? result.report : result.error.kind;
    }, 'zh');

    // The command line: the template file with the same stored cells written by exceljs.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeTemplate(catalog, '县民政局', 2023)) as unknown as ExcelJS.Buffer);
    workbook.getWorksheet('指标填报')!.eachRow((row) => {
      const cell = stored.get(row.getCell(1).text);
      if (!cell) return;
      const target = row.getCell(7);
      target.value = cell.error ? ({ error: cell.error } as ExcelJS.CellErrorValue) : cell.value;
      target.style = { ...target.style, numFmt: cell.numberFormat };
    });
    const file = checkBytes('民政局.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer()), catalog);

    expect(summary(outcome.report!)).toStrictEqual(summary(file.report!));
    // And the table means what it says.
    const kinds = Object.fromEntries(summary(file.report!).map((e) => [e.code, e.kinds]));
    expect(kinds).toMatchObject({
      'YL-02': [],
      'YL-03': ['percent-as-fraction'],
      'YL-04': [],
      'YL-06': ['approximate'],
      'YL-09': ['not-applicable'],
      'YL-10': ['formula-error'],
      'YL-14': [],
      'YL-15': ['date-typed'],
      'YL-17': [],
    });
  } finally {
    office.uninstall();
  }
});
