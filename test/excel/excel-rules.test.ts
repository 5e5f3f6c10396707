import {
  buildTemplateModel,
  catalogHash,
  checkWorkbook,
  combine,
  defaultCatalog,
  readMasterState,
  sha256Text,
  type CombineInput,
  type SubmissionReport,
  type WorkbookView,
} from '../../src/core';
import { filledView, sheet as sheetView } from '../helpers/views';
import { STRUCTURE_LOCKED } from '../../src/excel/host';
import { MARKS_SHEET, officeHost } from '../../src/excel/office';
import { writeMasterIn } from '../../src/excel/master-writer';
import { STATUS_FILL } from '../../src/excel/runtime';
import { WEB_PAYLOAD_LIMIT } from '../office/excel-double';
import { officeDoublePerTest } from '../helpers/office';

/**
 * Excel's documented rules, as the in-memory Excel enforces them, and the add-in living with each.
 * References: the office-js reference (WorksheetProtection.protect and its options, Worksheet.delete,
 * Worksheet.name, Range.getMergedAreasOrNullObject) and "Resource limits and performance
 * optimization for Office Add-ins" (Excel on the web: 5 MB per request and per response).
 */

const catalog = defaultCatalog();
const check = (view: WorkbookView): SubmissionReport | string => {
  const result = checkWorkbook(catalog, view);
  return result.ok ? result.report : result.error.kind;
};

const office = officeDoublePerTest();

const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => Excel.run(batch);
const sheet = (name = '指标填报') => office.workbook.sheet(name)!;
/** The double refuses a bad property value at the assignment; Excel refuses it with the same code at the next sync, so the batch fails either way. This returns that code. */
const codeThrownBy = (act: () => void): string | undefined => {
  try {
    act();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};
const rowOf = (code: string) => {
  for (const [key, cell] of sheet().cells)
    if (key.endsWith(',1') && cell.value === code) return Number(key.split(',')[0]);
  throw new Error(`no row for ${code}`);
};

async function templateWithFigures() {
  const host = officeHost();
  await host.insertTemplate(buildTemplateModel(catalog, '县民政局', 2023, catalogHash(catalog)));
  await office.workbook.type('指标填报', `G${rowOf('YL-02')}`, '620张');
  await office.workbook.type('指标填报', `G${rowOf('YL-03')}`, '0.85');
  await office.workbook.type('指标填报', `G${rowOf('YL-14')}`, '#DIV/0!');
  return host;
}

describe('the in-memory Excel refuses what Excel refuses', () => {
  it('WorksheetProtection.protect fails on a protected sheet, unprotect on one that is not', async () => {
    await run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').protection.protect();
      await context.sync();
      context.workbook.worksheets.getItem('Sheet1').protection.protect();
      await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
      context.workbook.worksheets.getItem('Sheet1').protection.unprotect();
      await context.sync();
      context.workbook.worksheets.getItem('Sheet1').protection.unprotect();
      await expect(context.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
    });
  });

  it('formatting a locked cell of a protected sheet fails unless the protection allows formatting cells', async () => {
    await run(async (context) => {
      const s = context.workbook.worksheets.getItem('Sheet1');
      s.protection.protect({ allowFormatColumns: true });
      await context.sync();
      s.getRange('A1').format.fill.color = '#FF0000';
      await expect(context.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
      s.protection.unprotect();
      s.protection.protect({ allowFormatCells: true });
      s.getRange('A1').format.fill.color = '#FF0000';
      await context.sync();
    });
    expect(sheet('Sheet1').cell(1, 1)?.fill).toBe('#FF0000');
  });

  it('a column width on a protected sheet fails unless its protection allows formatting columns', async () => {
    await run(async (context) => {
      const s = context.workbook.worksheets.getItem('Sheet1');
      s.protection.protect();
      s.getRange('C:C').format.columnWidth = 100;
      await expect(context.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
      s.getRange('C1').setColumnProperties([{ format: { columnWidth: 100 } }]);
      await expect(context.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
      s.protection.unprotect();
      s.protection.protect({ allowFormatColumns: true });
      s.getRange('C1').setColumnProperties([{ format: { columnWidth: 100 } }]);
      await context.sync();
    });
    expect(sheet('Sheet1').columnWidths.get(3)).toBe(100);
  });

  it('a row height on a protected sheet fails unless its protection allows formatting rows; past 409 points it fails anywhere', async () => {
    await run(async (context) => {
      const s = context.workbook.worksheets.getItem('Sheet1');
      // Excel's specifications and limits: a row is at most 409 points high.
      expect(codeThrownBy(() => (s.getRange('A2').format.rowHeight = 410))).toBe('InvalidArgument');
      expect(codeThrownBy(() => (s.getRange('A2').format.rowHeight = -1))).toBe('InvalidArgument');
      s.getRange('A2').format.rowHeight = 409;
      await context.sync();
      s.protection.protect();
      s.getRange('A3:B4').format.rowHeight = 30;
      await expect(context.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
      s.protection.unprotect();
      s.protection.protect({ allowFormatRows: true });
      s.getRange('A3:B4').format.rowHeight = 30;
      await context.sync();
    });
    expect([...sheet('Sheet1').rowHeights]).toStrictEqual([
      [2, 409],
      [3, 30],
      [4, 30],
    ]);
  });

  it('an alignment is one of Excel’s words (HorizontalAlignment, VerticalAlignment); any other is refused', async () => {
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('B2');
      // A word a caller might guess; typed as one of the allowed literals only to reach the setter.
      const guessed = 'Middle' as 'Center';
      expect(codeThrownBy(() => (range.format.horizontalAlignment = guessed))).toBe('InvalidArgument');
      expect(codeThrownBy(() => (range.format.verticalAlignment = guessed))).toBe('InvalidArgument');
      range.format.horizontalAlignment = 'CenterAcrossSelection';
      range.format.verticalAlignment = 'Top';
      await context.sync();
    });
    expect(sheet('Sheet1').cell(2, 2)).toMatchObject({
      horizontalAlignment: 'CenterAcrossSelection',
      verticalAlignment: 'Top',
    });
  });

  it('Worksheet.delete fails on a very hidden sheet and on the last visible one; names follow Excel’s rules', async () => {
    await run(async (context) => {
      const sheets = context.workbook.worksheets;
      const hidden = sheets.add('_x');
      hidden.visibility = 'VeryHidden';
      await context.sync();
      hidden.delete();
      await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
      sheets.getItem('Sheet1').delete();
      await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
      for (const bad of ['a'.repeat(32), 'a/b', '[x]', 'SHEET1', ' ']) {
        sheets.getItem('_x').name = bad;
        await expect(context.sync()).rejects.toMatchObject({
          code: expect.stringMatching(/InvalidArgument|ItemAlreadyExists/),
        });
      }
    });
  });

  it('a note on a cell with a threaded comment fails; more than 512 merged areas fail', async () => {
    office.workbook.threadedComments.add('Sheet1!B2');
    const s = sheet('Sheet1');
    for (let i = 0; i < 513; i++) s.merges.push(`A${i * 2 + 1}:B${i * 2 + 1}`);
    s.ensure(1100, 3).value = 'x';
    await run(async (context) => {
      context.workbook.notes?.add('Sheet1!B2', 'x');
      await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
      context.workbook.worksheets
        .getItem('Sheet1')
        .getRange('A1:C1100')
        .getMergedAreasOrNullObject()
        .load('address');
      await expect(context.sync()).rejects.toMatchObject({ code: 'GeneralException' });
    });
  });

  it('Excel on the web refuses a request or a response over 5 MB; the desktop does not', async () => {
    const big = [['x'.repeat(WEB_PAYLOAD_LIMIT)]];
    await run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = big;
      await expect(context.sync()).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    });
    office.workbook.profile = 'desktop';
    await run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = big;
      await context.sync();
    });
    office.workbook.profile = 'web';
    await run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').load('values');
      await expect(context.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    });
  });

  it('a protected workbook structure refuses adding, deleting, renaming, hiding and showing sheets; its password is needed to lift it', async () => {
    office.workbook.addSheet('Sheet2');
    office.workbook.structure = { protected: true, password: 'gm' };
    const refused = async (change: (context: Excel.RequestContext) => void) =>
      run(async (context) => {
        change(context);
        await expect(context.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
      });
    await refused((c) => c.workbook.worksheets.add('New'));
    await refused((c) => c.workbook.worksheets.getItem('Sheet2').delete());
    await refused((c) => (c.workbook.worksheets.getItem('Sheet2').name = 'Renamed'));
    await refused((c) => (c.workbook.worksheets.getItem('Sheet2').visibility = 'Hidden'));
    await run(async (context) => {
      const protection = context.workbook.protection.load('protected');
      await context.sync();
      expect(protection.protected).toBe(true);
      context.workbook.protection.unprotect();
      await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
      context.workbook.protection.unprotect('gm');
      context.workbook.worksheets.add('New');
      await context.sync();
    });
    expect(office.workbook.sheets.map((s) => s.name)).toStrictEqual(['Sheet1', 'Sheet2', 'New']);
  });

  it('a runtime whose Office.js has no notes has no workbook.notes, whatever the host claims', async () => {
    office.workbook.runtimeHasNotes = false;
    await run(async (context) => {
      expect(context.workbook.notes).toBeUndefined();
      expect(Office.context.requirements.isSetSupported('ExcelApi', '1.18')).toBe(true);
      await context.sync();
    });
  });
});

describe('the add-in lives with those rules', () => {
  it('checks, re-checks and clears where the host claims ExcelApi 1.18 but the runtime has no notes', async () => {
    office.workbook.runtimeHasNotes = false;
    const host = await templateWithFigures();
    for (let i = 0; i < 2; i++) {
      const outcome = await host.checkActive(check, 'zh');
      expect(outcome.markingFailed).toBeNull();
    }
    expect(office.workbook.notes.size).toBe(0);
    const results = [...sheet().cells.entries()]
      .filter(([k]) => k.endsWith(',9'))
      .map(([, c]) => String(c.value));
    expect(results.some((t) => /公式错误|#DIV\/0!/.test(t))).toBe(true);
    expect(await host.clearMarks()).toBe(true);
    expect(sheet().protection.protected).toBe(true);
  });

  it('checks with 重点任务 active: each sheet is protected once again, with its options', async () => {
    const host = await templateWithFigures();
    const options = { ...sheet('重点任务').protection.options };
    office.workbook.active = '重点任务';
    const outcome = await host.checkActive(check, 'zh');
    expect(outcome.unreadable ?? outcome.markingFailed).toBeNull();
    expect(sheet('重点任务').protection).toStrictEqual({ protected: true, options });
  });

  it('清除标记 from another sheet restores the marked sheet and puts its protection back with its options', async () => {
    const host = await templateWithFigures();
    const options = { ...sheet().protection.options };
    const beds = rowOf('YL-14');
    const before = sheet().cell(beds, 7)?.fill;
    await host.checkActive(check, 'zh');
    expect(sheet().cell(beds, 7)?.fill).not.toBe(before);
    office.workbook.active = 'Sheet1';
    expect(await host.clearMarks()).toBe(true);
    expect(sheet().cell(beds, 7)?.fill).toBe(before);
    expect(sheet().protection).toStrictEqual({ protected: true, options });
    expect(office.workbook.sheet(MARKS_SHEET)).toBeUndefined();
  });

  it('a threaded comment on a marked cell costs only the note: the marks stand and the sheet is protected again', async () => {
    const host = await templateWithFigures();
    const options = { ...sheet().protection.options };
    office.workbook.threadedComments.add(`指标填报!G${rowOf('YL-14')}`);
    const outcome = await host.checkActive(check, 'zh');
    expect(outcome.report).not.toBeNull();
    expect(outcome.markingFailed).toMatch(/^notes:/);
    expect(sheet().cell(rowOf('YL-14'), 7)?.fill).toBe('#FF9B9B');
    expect(sheet().protection).toStrictEqual({ protected: true, options });
  });

  it('a sync lost halfway through marking leaves the sheet protected as it was', async () => {
    const host = await templateWithFigures();
    const options = { ...sheet().protection.options };
    office.workbook.failAtSync = office.workbook.syncs + 3;
    const outcome = await host.checkActive(check, 'zh');
    expect(outcome.markingFailed).toContain('connection');
    expect(sheet().protection).toStrictEqual({ protected: true, options });
  });

  it('checked on 指标填报, then checked from 重点任务: the first sheet’s marks are put back and it is protected again', async () => {
    const host = await templateWithFigures();
    const options = { ...sheet().protection.options };
    const beds = rowOf('YL-14');
    const before = sheet().cell(beds, 7)?.fill;
    await host.checkActive(check, 'zh');
    expect(sheet().cell(beds, 7)?.fill).toBe('#FF9B9B');
    office.workbook.active = '重点任务';
    const outcome = await host.checkActive(check, 'zh');
    expect(outcome.markingFailed).toBeNull();
    expect(sheet().cell(beds, 7)?.fill).toBe(before);
    expect(sheet().protection).toStrictEqual({ protected: true, options });
  });

  it('a second check that marks fewer cells leaves no stale record: 清除标记 keeps what the clerk did in between', async () => {
    const host = await templateWithFigures();
    const tasks = sheet('重点任务');
    const rowsOf = (code: string) =>
      [...tasks.cells]
        .filter(([k, c]) => k.endsWith(',1') && String(c.value).startsWith(code))
        .map(([k]) => Number(k.split(',')[0]));
    const [reformRow] = rowsOf('GG-02');
    const projectRows = rowsOf('XM-01');
    await host.checkActive(check, 'zh');
    // The last marks of the list are 重点任务's: the reform and the project's figures, all empty.
    expect(tasks.cell(reformRow!, 5)?.fill).toBe('#FF9B9B');
    // The clerk fills them in; the second check marks fewer cells and writes a shorter list.
    await office.workbook.type('重点任务', `E${reformRow}`, '已完成');
    for (const row of projectRows) {
      await office.workbook.type('重点任务', `E${row}`, '推进中');
      await office.workbook.type('重点任务', `F${row}`, '1');
    }
    await host.checkActive(check, 'zh');
    expect(tasks.cell(reformRow!, 5)?.fill).not.toBe('#FF9B9B');
    // Then colours the reform's cell their own way and clears the marks: it stays theirs.
    tasks.ensure(reformRow!, 5).fill = '#00B0F0';
    expect(await host.clearMarks()).toBe(true);
    expect(tasks.cell(reformRow!, 5)?.fill).toBe('#00B0F0');
  });

  it('more than 512 merged areas: Excel refuses to list them, so the sheet is read and checked without them', async () => {
    const host = await templateWithFigures();
    // 513 merges below the table (a clerk's own notes block), inside the used range.
    for (let i = 0; i < 513; i++) sheet().merges.push(`J${100 + i * 2}:K${100 + i * 2}`);
    sheet().ensure(1200, 10).value = '备注';
    const outcome = await host.checkActive(check, 'zh');
    expect(outcome.unreadable).toBeNull();
    expect(outcome.markingFailed).toBeNull();
    expect(outcome.report?.entries.find((e) => e.code === 'YL-02')).toMatchObject({ value: 620 });
    // Read without merges: none is reported, not even one over the figures.
    expect(outcome.report?.sheetIssues.map((i) => i.kind)).not.toContain('merged-cell');
    expect(sheet().cell(rowOf('YL-14'), 7)?.fill).toBe('#FF9B9B');
  });

  it('without ExcelApi 1.13 a failed first read is Excel’s error, not retried', async () => {
    const host = await templateWithFigures();
    office.workbook.requirementSets = { ...office.workbook.requirementSets, ExcelApi: '1.12' };
    office.workbook.failAtSync = office.workbook.syncs + 1;
    await expect(host.checkActive(check, 'zh')).rejects.toMatchObject({ code: expect.any(String) });
    // One attempt only: the retry without merged areas is for hosts that have them.
    expect(office.workbook.syncs).toBe(office.workbook.failAtSync);
  });

  it('清除标记 skips records someone edited by hand in the marks sheet and puts back the rest', async () => {
    const host = await templateWithFigures();
    const [beds, rooms, rate] = [rowOf('YL-14'), rowOf('YL-02'), rowOf('YL-03')];
    const before = sheet().cell(rate, 7)?.fill;
    await host.checkActive(check, 'zh');
    expect([beds, rooms, rate].map((r) => sheet().cell(r, 7)?.fill)).toStrictEqual([
      '#FF9B9B',
      '#FFC7CE',
      '#FFEB9C',
    ]);
    // Each record: kind, sheet, the cell's local address, what it covered as JSON. YL-14's loses
    // its JSON, YL-02's becomes a number; YL-03's stays whole.
    const marks = sheet(MARKS_SHEET);
    const edited: string[] = [];
    for (const [key, cell] of [...marks.cells]) {
      const [row, column] = key.split(',').map(Number) as [number, number];
      if (column !== 3 || row === 1 || marks.cell(row, 1)?.value === 'result') continue;
      const address = String(cell.value);
      if (address === `G${beds}`) marks.ensure(row, 4).value = '{not json';
      else if (address === `G${rooms}`) marks.ensure(row, 4).value = 5;
      else continue;
      edited.push(address);
    }
    expect(edited.sort()).toStrictEqual([`G${beds}`, `G${rooms}`].sort());
    // The result record's fields replaced by things that are not rows.
    for (const [key, cell] of [...marks.cells])
      if (key.endsWith(',1') && cell.value === 'result')
        marks.ensure(Number(key.split(',')[0]), 4).value =
          '{"values":"x","numberFormat":5,"wrap":"x","width":"w"}';
    expect(await host.clearMarks()).toBe(true);
    // The edited records' cells keep their marks; the whole one is restored, and the sheet protected.
    expect(sheet().cell(beds, 7)?.fill).toBe('#FF9B9B');
    expect(sheet().cell(rooms, 7)?.fill).toBe('#FFC7CE');
    expect(sheet().cell(rate, 7)?.fill).toBe(before);
    expect(sheet().protection.protected).toBe(true);
  });

  it('the answer to the last sync lost after Excel put protection back: the sheet is not protected twice', async () => {
    const host = await templateWithFigures();
    const options = { ...sheet().protection.options };
    // The check's fourth sync puts notes and protection back; Excel applies it, the answer is lost.
    office.workbook.loseResponseAtSync = office.workbook.syncs + 4;
    const outcome = await host.checkActive(check, 'zh');
    expect(outcome.markingFailed).toMatch(/connection/);
    expect(sheet().protection).toStrictEqual({ protected: true, options });
    expect(sheet().cell(rowOf('YL-14'), 7)?.fill).toBe('#FF9B9B');
  });

  it('清除标记 whose last answer is lost after protection went back: the marks are cleared and the sheet is protected once', async () => {
    const host = await templateWithFigures();
    const options = { ...sheet().protection.options };
    await host.checkActive(check, 'zh');
    // 清除标记's syncs: read the records, read protection, restore and delete, notes and protection.
    office.workbook.loseResponseAtSync = office.workbook.syncs + 4;
    await expect(host.clearMarks()).resolves.toBe(true);
    expect(sheet().protection).toStrictEqual({ protected: true, options });
  });

  it('清除标记 whose last sync is lost before Excel did it: the sheet is protected again all the same', async () => {
    const host = await templateWithFigures();
    const options = { ...sheet().protection.options };
    await host.checkActive(check, 'zh');
    office.workbook.failAtSync = office.workbook.syncs + 4;
    await expect(host.clearMarks()).resolves.toBe(true);
    expect(sheet().protection).toStrictEqual({ protected: true, options });
  });

  it('清除标记 with an empty marks sheet (its records deleted by hand) has nothing to put back, and removes the sheet', async () => {
    await templateWithFigures();
    office.workbook.addSheet(MARKS_SHEET).visibility = 'VeryHidden';
    await expect(officeHost().clearMarks()).resolves.toBe(false);
    expect(office.workbook.sheets.map((s) => s.name)).not.toContain(MARKS_SHEET);
  });

  it('a sheet the office protected with a password: the check lists the issues, changes nothing and leaves the protection as it was', async () => {
    const host = await templateWithFigures();
    const options = { ...sheet().protection.options };
    sheet().protection = { protected: true, options, password: '耿马' };
    const before = structuredClone([...sheet().cells]);
    const outcome = await host.checkActive(check, 'zh');
    expect(outcome.report?.counts.errors).toBeGreaterThan(0);
    expect(outcome.markingFailed).toMatch(/密码/);
    expect([...sheet().cells]).toStrictEqual(before);
    expect(sheet().protection).toStrictEqual({ protected: true, options, password: '耿马' });
    expect(office.workbook.sheet(MARKS_SHEET)).toBeUndefined();
  });

  it('a protected workbook structure: the check lists the issues and marks nothing, since no marks sheet can be added', async () => {
    const host = await templateWithFigures();
    const before = structuredClone([...sheet().cells]);
    const protection = structuredClone(sheet().protection);
    office.workbook.structure = { protected: true };
    const outcome = await host.checkActive(check, 'zh');
    expect(outcome.markingFailed).toBe(STRUCTURE_LOCKED);
    expect(outcome.report?.counts.errors).toBeGreaterThan(0);
    expect([...sheet().cells]).toStrictEqual(before);
    expect(sheet().protection).toStrictEqual(protection);
    expect(office.workbook.sheet(MARKS_SHEET)).toBeUndefined();
    expect(office.workbook.notes.size).toBe(0);
    await expect(host.clearMarks()).resolves.toBe(false);
  });

  it('a structure protected after a first check: the next check and 清除标记 use the marks sheet there, and blank its records', async () => {
    const host = await templateWithFigures();
    const beds = rowOf('YL-14');
    const before = sheet().cell(beds, 7)?.fill;
    const protection = structuredClone(sheet().protection);
    await host.checkActive(check, 'zh');
    // Someone showed the marks sheet before the structure was protected: it cannot be hidden again.
    office.workbook.sheet(MARKS_SHEET)!.visibility = 'Hidden';
    office.workbook.structure = { protected: true };
    const again = await host.checkActive(check, 'zh');
    expect(again.markingFailed).toBeNull();
    expect(sheet().cell(beds, 7)?.fill).not.toBe(before);
    expect(office.workbook.sheet(MARKS_SHEET)?.visibility).toBe('Hidden');
    await expect(host.clearMarks()).resolves.toBe(true);
    expect(sheet().cell(beds, 7)?.fill).toBe(before);
    expect(sheet().protection).toStrictEqual(protection);
    // The sheet stays (Excel will not delete it), with nothing left to put back.
    const marks = office.workbook.sheet(MARKS_SHEET)!;
    expect([...marks.cells.values()].every((c) => c.value === '' || c.value === null)).toBe(true);
    await expect(host.clearMarks()).resolves.toBe(false);
    expect(sheet().cell(beds, 7)?.fill).toBe(before);
  });

  it('a protected workbook structure: a template or a master is refused before anything is written, in words the clerk can act on', async () => {
    office.workbook.structure = { protected: true };
    const host = officeHost();
    const model = buildTemplateModel(catalog, '县民政局', 2023, catalogHash(catalog));
    await expect(host.insertTemplate(model)).rejects.toMatchObject({
      kind: 'protected',
      message: expect.stringMatching(/工作簿结构受保护.*撤销“保护工作簿”/),
    });
    const master = combine(catalog, [], { importedAt: '2024-01-01 08:00' });
    await expect(host.writeMaster(catalog, master, 'zh')).rejects.toMatchObject({ kind: 'protected' });
    expect(office.workbook.sheets.map((s) => s.name)).toStrictEqual(['Sheet1']);
  });

  it('a figure marked for its status alone (behind schedule, no issue) gets a colour and no note', async () => {
    const host = await templateWithFigures();
    await office.workbook.type('指标填报', `G${rowOf('YL-03')}`, '45');
    await host.checkActive(check, 'zh');
    const where = `'指标填报'!G${rowOf('YL-03')}`;
    expect(sheet().cell(rowOf('YL-03'), 7)?.fill).toBe('#FFEB9C');
    expect(office.workbook.notes.has(where)).toBe(false);
    expect(office.workbook.notes.has(`'指标填报'!G${rowOf('YL-14')}`)).toBe(true);
  });

  it('reports merged cells over the figures, as the command line does', async () => {
    const host = await templateWithFigures();
    sheet().merges.push(`G${rowOf('YL-05')}:H${rowOf('YL-05')}`);
    const outcome = await host.checkActive(check, 'zh');
    const kinds = [
      ...(outcome.report?.sheetIssues ?? []),
      ...(outcome.report?.entries.flatMap((e) => e.issues) ?? []),
    ].map((i) => i.kind);
    expect(kinds).toContain('merged-cell');
  });
});

describe('the master on Excel on the web', () => {
  function inputs(n: number): CombineInput[] {
    const out: CombineInput[] = [];
    const bureaus = ['县民政局', '县卫生健康局', '县人力资源和社会保障局', '县委老干局', '县教育体育局'];
    for (let i = 0; i < n; i++) {
      const view = filledView(
        catalog,
        bureaus[i % bureaus.length]!,
        2023,
        { 'YL-02': 600 + i, 'TY-03': 500 + i, 'YL-11': 90 },
        {
          filledOn: `2023-12-${String(1 + (i % 28)).padStart(2, '0')}`,
          notes: { 'YL-02': `第 ${i} 份文件的说明，写得比较长，像真正的说明那样。`.repeat(3) },
        },
      );
      const checked = checkWorkbook(catalog, view);
      if (!checked.ok) throw new Error('unreadable');
      out.push({
        file: `f-${i}.xlsx`,
        sha256: sha256Text(String(i)),
        report: checked.report,
        fileErrors: [],
      });
    }
    return out;
  }

  it('writes and reads back a 2,600-file master with every sync under 4 MB', async () => {
    const host = officeHost();
    const master = combine(catalog, inputs(2600), { importedAt: '2024-01-01 08:00' });
    await host.writeMaster(catalog, master, 'zh');
    expect(office.workbook.largestRequest).toBeLessThan(4 * 1024 * 1024);
    const read = await host.readMasterState(catalog);
    expect(read.kind).toBe('master');
    if (read.kind === 'master') expect(read.state.files).toHaveLength(2600);
    expect(office.workbook.largestResponse).toBeLessThan(4 * 1024 * 1024);
  }, 120_000);

  it('a master of the earlier format (历史 and 报送登记, no _state) is read in Excel as the command line reads it', async () => {
    const master = combine(catalog, inputs(3), { importedAt: '2024-01-01 08:00' });
    await officeHost().writeMaster(catalog, master, 'zh');
    // Masters written before the durable state had no _state sheet.
    office.workbook.sheets = office.workbook.sheets.filter((s) => s.name !== '_state');
    const read = await officeHost().readMasterState(catalog);
    if (read.kind !== 'legacy') throw new Error(`read as ${read.kind}`);
    // The same sheets, read as the core reads them from a file, give the same state.
    const views = ['历史', '报送登记'].map((name) => {
      const cells = sheet(name).cells;
      const last = Math.max(...[...cells.keys()].map((k) => Number(k.split(',')[0])));
      const width = Math.max(...[...cells.keys()].map((k) => Number(k.split(',')[1])));
      const rows = Array.from({ length: last }, (_, r) =>
        Array.from({ length: width }, (_, c) => {
          const value = cells.get(`${r + 1},${c + 1}`)?.value;
          return value === null || value === '' || typeof value === 'number' ? value : value?.toString();
        }),
      );
      return sheetView(name, rows);
    });
    const fromFile = readMasterState({ sheets: views }, catalog);
    expect(fromFile.kind).toBe('legacy');
    if (fromFile.kind === 'legacy') expect(read.state).toStrictEqual(fromFile.state);
    expect(read.state.files.map((f) => f.file).sort()).toStrictEqual(['f-0.xlsx', 'f-1.xlsx', 'f-2.xlsx']);
    expect(
      read.state.files.find((f) => f.file === 'f-0.xlsx')?.entries.find((e) => e.code === 'YL-02'),
    ).toMatchObject({
      value: 600,
    });
    expect(read.notes.zh).not.toBe('');

    // A 填报日期 that Excel "helped" into a date is read as the date it shows, not its serial:
    // the cell's format is read with its value (2023-12-01 is serial 45261).
    const history = sheet('历史');
    const headers = [...Array(20).keys()].map((c) => history.cell(1, c + 1)?.value);
    const dateColumn = headers.indexOf('填报日期') + 1;
    const fileColumn = headers.indexOf('文件名') + 1;
    expect(dateColumn).toBeGreaterThan(0);
    for (const [key, cell] of history.cells) {
      const [r, c] = key.split(',').map(Number) as [number, number];
      if (c === dateColumn && history.cell(r, fileColumn)?.value === 'f-0.xlsx') {
        cell.value = 45261;
        cell.numberFormat = 'yyyy-mm-dd';
      }
    }
    const dated = await officeHost().readMasterState(catalog);
    if (dated.kind !== 'legacy') throw new Error(`read as ${dated.kind}`);
    expect(dated.state.files.find((f) => f.file === 'f-0.xlsx')?.filledOn).toBe('2023-12-01');

    // Without 报送登记, 历史 alone is read.
    office.workbook.sheets = office.workbook.sheets.filter((s) => s.name !== '报送登记');
    const alone = await officeHost().readMasterState(catalog);
    expect(alone.kind).toBe('legacy');
    if (alone.kind === 'legacy') expect(alone.state.files).toHaveLength(3);
  });

  it('a sync lost while writing leaves the old master whole, and the next write cleans up', async () => {
    const host = officeHost();
    const first = combine(catalog, inputs(3), { importedAt: '2024-01-01 08:00' });
    await host.writeMaster(catalog, first, 'zh');
    const names = office.workbook.sheets.map((s) => s.name);
    const summary = JSON.stringify([...sheet('县汇总').cells.entries()]);
    const bigger = combine(catalog, inputs(5), { importedAt: '2024-01-02 08:00', existing: first.state });
    for (const lost of [2, 3]) {
      office.workbook.failAtSync = office.workbook.syncs + lost;
      await expect(host.writeMaster(catalog, bigger, 'zh')).rejects.toThrow(/connection/);
      expect(JSON.stringify([...sheet('县汇总').cells.entries()])).toBe(summary);
      const read = await host.readMasterState(catalog);
      expect(read.kind === 'master' && read.state.files.length).toBe(3);
    }
    office.workbook.failAtSync = null;
    await host.writeMaster(catalog, bigger, 'zh');
    expect(office.workbook.sheets.map((s) => s.name)).toStrictEqual(names);
    const read = await host.readMasterState(catalog);
    expect(read.kind === 'master' && read.state.files.length).toBe(5);
  });

  it('a 历史 split by period (past the rows of a sheet) is written, and replaced whole by the next write', async () => {
    const master = combine(catalog, inputs(4), { importedAt: '2024-01-01 08:00' });
    const rows = master.history.length;
    await Excel.run((context) => writeMasterIn(context, catalog, master, 'zh', 5));
    const parts = office.workbook.sheets.map((s) => s.name).filter((n) => n.startsWith('历史'));
    expect(parts.slice(0, 2)).toStrictEqual(['历史2023', '历史2023-2']);
    expect(rows).toBeGreaterThan(8);
    expect(parts).toHaveLength(Math.ceil(rows / 4));
    // Every part within the limit, header included; together they hold every history row.
    let held = 0;
    for (const name of parts) {
      const used = Math.max(...[...sheet(name).cells.keys()].map((k) => Number(k.split(',')[0])));
      expect(used).toBeLessThanOrEqual(5);
      held += used - 1;
    }
    expect(held).toBe(rows);
    // A later write that fits one sheet leaves no part of the split behind.
    await officeHost().writeMaster(catalog, master, 'zh');
    expect(office.workbook.sheets.map((s) => s.name).filter((n) => n.startsWith('历史'))).toStrictEqual([
      '历史',
    ]);
    expect((await officeHost().readMasterState(catalog)).kind).toBe('master');
  });

  it('趋势 colours each period’s status, and 县汇总 shows YL-09’s target as printed and as read', async () => {
    const master = combine(catalog, inputs(3), { importedAt: '2024-01-01 08:00' });
    await officeHost().writeMaster(catalog, master, 'zh');
    const trend = sheet('趋势');
    // Title, subtitle, header: rows of indicators from row 4; each period's status in column 6, 9, …
    const statusOf = (row: number) => trend.cells.get(`${row},6`);
    master.trend.forEach((row, i) => {
      const status = row.cells[0]!.status;
      expect([row.code, statusOf(4 + i)?.fill]).toStrictEqual([row.code, STATUS_FILL[status]?.fill]);
    });
    const summary = sheet('县汇总');
    const yl09 = [...summary.cells].find(([, c]) => c.value === 'YL-09')![0].split(',')[0];
    expect(summary.cells.get(`${yl09},4`)?.value).toBe('1（按100%）');
  });
});
