import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { combine, defaultCatalog, masterModel, readMasterState, type Master } from '../../src/core';
import { findSoffice } from '../../src/xlsx/convert';
import { demoSubmissions, fillTemplate } from '../../src/xlsx/demo';
import { checkBytes } from '../../src/xlsx/files';
import { writeMaster } from '../../src/xlsx/master';
import { MASTER_READ_LIMITS, readWorkbook } from '../../src/xlsx/reader';
import { XmlBytes, xmlText } from '../../src/xlsx/sheet-writer';
import { displayWidth } from '../../src/xlsx/output';
import { STATUS_STYLE } from '../../src/xlsx/style';
import { writeTemplate } from '../../src/xlsx/template';
import { readZipDirectory } from '../../src/xlsx/zip';

/**
 * 历史 and the durable state are written as SpreadsheetML text spliced into exceljs's package
 * (sheet-writer.ts, for speed). Whatever wrote them, three readers must see the same cells: exceljs,
 * our own reader, and LibreOffice — every value, its type, and the formats that carry meaning.
 */

const catalog = defaultCatalog();

async function demoMaster(): Promise<Master> {
  const results = [];
  for (const s of demoSubmissions()) {
    const bytes = await fillTemplate(await writeTemplate(catalog, s.bureau, 2023), s.filling);
    results.push(checkBytes(s.file, bytes, catalog));
  }
  return combine(catalog, results, { importedAt: '2024-01-10 08:00' });
}

/** Texts a bureau could type that a careless XML writer gets wrong. */
const HOSTILE = [
  'a & b < c > d',
  '_x0041_ stays',
  '  leading and trailing  ',
  'two\nlines',
  '=SUM(A1:A9)',
  '@cmd',
  '"quoted" \'too\'',
];

let master: Master;
let bytes: Buffer;
beforeAll(async () => {
  master = await demoMaster();
  // Bureau texts land in 说明 and 填写内容 of the history; a project's 完成情况 would come first in
  // 说明, so those rows carry none here: the texts are compared as written.
  HOSTILE.forEach((text, i) => {
    const row = master.history[i];
    if (row) {
      row.note = text;
      delete row.progressText;
    }
  });
  bytes = await writeMaster(catalog, master, 'zh');
});

it('escapes what XML and Excel would read otherwise, and nothing else', () => {
  expect(xmlText('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
  expect(xmlText('_x0041_ and _x00e9_')).toBe('_x005F_x0041_ and _x005F_x00e9_');
  expect(xmlText('_x12 _xZZZZ_ 县_民政')).toBe('_x12 _xZZZZ_ 县_民政');
});

it('writes rows past its first buffer byte for byte as UTF-8, whatever the mix of scripts', () => {
  // The 历史 of a province is megabytes: the buffer grows many times over while rows are written.
  const out = new XmlBytes();
  // A piece larger than twice the buffer, as a long sheet head or a bureau's 32,767-character note.
  const pieces: string[] = ['县'.repeat(100_000)];
  out.text(pieces[0]!);
  for (let i = 0; i < 20_000; i++) {
    const piece = i % 3 === 0 ? `<c r="A${i}">` : i % 3 === 1 ? `民政局第${i}行，养老床位 620 张😀` : 'é';
    pieces.push(piece);
    out.text(piece);
  }
  const expected = Buffer.from(pieces.join(''), 'utf8');
  expect(out.bytes().length).toBe(expected.length);
  expect(out.bytes().equals(expected)).toBe(true);
});

it('exceljs reads every history and state cell as written, with its status colour', async () => {
  const model = masterModel(catalog, master, 'zh');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const history = workbook.getWorksheet('历史');
  expect(history?.rowCount).toBe(model.history[0]!.rows.length + 1);
  model.history[0]!.rows.forEach((values, i) => {
    const row = history?.getRow(i + 2);
    const read = values.map((_v, c) => row?.getCell(c + 1).value ?? null);
    // exceljs does not decode `_xHHHH_`: compare the text Excel would show through our reader below.
    // An empty text is an empty cell, as Excel stores one typed or written through Office.js.
    expect(read.map((v) => (typeof v === 'string' ? v.replace(/_x005F_/g, '_') : v))).toEqual(
      values.map((v) => (v === '' ? null : v)),
    );
    const status = model.history[0]!.rowStatus?.[i];
    const cell = row?.getCell((model.history[0]!.statusColumn ?? 0) + 1);
    expect(cell?.fill).toEqual({
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: status ? STATUS_STYLE[status].fill : '' },
      bgColor: { indexed: 64 },
    });
    expect(cell?.font?.color?.argb).toBe(status ? STATUS_STYLE[status].font : '');
    expect(cell?.font?.bold ?? false).toBe(status === 'off-track');
    expect(row?.getCell(1).font?.name).toBe('宋体');
    // A short history is dressed as the other tables: boxed, wrapped, its height fitted.
    expect(row?.getCell(2).border?.top?.style).toBe('thin');
    expect(row?.getCell(2).alignment).toEqual({ vertical: 'middle', wrapText: true });
    expect(row?.height).toBeGreaterThanOrEqual(20);
    // Sized to what prints: a row whose printed cells each fit on a line is one line tall, however
    // long its hash beyond the print area.
    const printed = values.slice(0, model.history[0]!.printColumns);
    const oneLine = printed.every(
      (v, c) => displayWidth(String(v ?? '')) < (model.history[0]!.widths[c] ?? 10) - 1,
    );
    if (oneLine) expect([i, row?.height]).toEqual([i, 20]);
  });
  const state = workbook.getWorksheet('_state');
  expect(state?.state).toBe('veryHidden');
  const stateRead = model.state.rows.map((values, r) =>
    values.map((_v, c) => state?.getRow(r + 1).getCell(c + 1).value),
  );
  expect(stateRead).toEqual(model.state.rows);
});

it('our reader sees the bureau texts exactly as typed, `_x0041_` included', () => {
  const read = readWorkbook(bytes, { allSheets: true });
  if (!read.ok) throw new Error('unreadable');
  const history = read.workbook.sheets.find((s) => s.name === '历史');
  const noteColumn = 13;
  const notes = HOSTILE.map((_t, i) => {
    const cell = history?.rows[i + 1]?.[noteColumn - 1];
    return cell?.type === 'string' ? cell.value : cell;
  });
  expect(notes).toEqual(HOSTILE);
});

it('the package is a sound zip: every part listed once, names in UTF-8', () => {
  const directory = readZipDirectory(bytes);
  if (!directory.ok) throw new Error(directory.failure.detail);
  const names = directory.entries.map((e) => e.name);
  expect(new Set(names).size).toBe(names.length);
  expect(names).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/styles.xml']));
});

it('LibreOffice opens the master and reads 历史 as written', () => {
  const soffice = findSoffice();
  if (!soffice) throw new Error('LibreOffice (soffice) is needed: apt-get install libreoffice-calc-nogui');
  const dir = mkdtempSync(path.join(tmpdir(), 'yilao-splice-'));
  const file = path.join(dir, 'master.xlsx');
  writeFileSync(file, bytes);
  // Sheet 7 (历史) as CSV: UTF-8, comma, every cell quoted as text would be ambiguous, so plain.
  execFileSync(
    soffice,
    [
      `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
      '--headless',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,7',
      '--outdir',
      dir,
      file,
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  const csv = readFileSync(path.join(dir, 'master-历史.csv'), 'utf8');
  const model = masterModel(catalog, master, 'zh');
  for (const text of HOSTILE.filter((t) => !t.includes('\n') && !t.includes('"')))
    expect(csv).toContain(text.trim());
  // Every history row is there: the header, one line per row, and one more per line break typed.
  const lines = csv.trimEnd().split('\n').length;
  expect(lines).toBe(model.history[0]!.rows.length + 1 + 1);
});

it('splits 历史 by period where it would pass the rows of a sheet, and says so', async () => {
  const model = masterModel(catalog, master, 'zh');
  const all = model.history[0]!.rows;
  const maxRows = 40;
  const split: string[][] = [];
  const bytesSplit = await writeMaster(catalog, master, 'zh', { onSplit: (s) => split.push(s) }, maxRows);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytesSplit as unknown as ExcelJS.Buffer);
  const parts = workbook.worksheets.filter((w) => w.name.startsWith('历史'));
  expect(split).toEqual([parts.map((w) => w.name)]);
  expect(parts.map((w) => w.name).slice(0, 2)).toEqual(['历史2023', '历史2023-2']);
  expect(workbook.getWorksheet('历史')).toBeUndefined();
  const rows: unknown[][] = [];
  for (const sheet of parts) {
    expect(sheet.rowCount).toBeLessThanOrEqual(maxRows);
    expect(sheet.getRow(1).getCell(1).value).toBe('报告期');
    sheet.eachRow((row, r) => {
      if (r > 1) rows.push(all[0]!.map((_v, c) => row.getCell(c + 1).value ?? null));
    });
  }
  expect(rows.map((r) => r.map((v) => (typeof v === 'string' ? v.replace(/_x005F_/g, '_') : v)))).toEqual(
    all.map((r) => r.map((v) => (v === '' ? null : v))),
  );
  // The durable state does not depend on 历史: the split master reads back whole.
  const read = readWorkbook(bytesSplit, { allSheets: true, limits: MASTER_READ_LIMITS });
  if (!read.ok) throw new Error('unreadable');
  const state = readMasterState(read.workbook, catalog);
  expect(state.kind === 'master' ? state.state : state).toEqual(master.state);
});

it('趋势 shows each period’s status in its colours, as 县汇总 shows the current one', async () => {
  const model = masterModel(catalog, master, 'zh');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const trend = workbook.getWorksheet('趋势')!;
  const columns = model.trend.moreStatusColumns ?? [];
  expect(columns.length).toBeGreaterThan(0);
  let coloured = 0;
  for (const { column, statuses } of columns)
    statuses.forEach((status, i) => {
      const cell = trend.getRow(4 + i).getCell(column + 1);
      expect([i, cell.value, cell.fill]).toEqual([
        i,
        model.trend.rows[i]![column],
        expect.objectContaining({ fgColor: { argb: STATUS_STYLE[status].fill } }),
      ]);
      coloured++;
    });
  expect(coloured).toBe(master.trend.length * columns.length);
  // 目标值 of YL-09 as the plan prints it and as it is read, never a bare 1 beside 完成值 100.
  const summary = workbook.getWorksheet('县汇总')!;
  const yl09 = summary.getColumn(1).values.findIndex((v) => v === 'YL-09');
  expect(summary.getRow(yl09).getCell(4).value).toBe('1（按100%）');
});

it('完成情况: an indicator a row and a bureau a column, lead bureaus starred, blank where not responsible', async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet('完成情况')!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(header.slice(0, 2)).toEqual(['指标 \\ 填报单位', '具体指标']);
  const bureaus = header.slice(2) as string[];
  expect(bureaus).toContain('县民政局');
  const rowOf = (code: string) => {
    let found = 0;
    sheet.eachRow((row, r) => {
      if (row.getCell(1).value === code) found = r;
    });
    return sheet.getRow(found);
  };
  const yl02 = rowOf('YL-02');
  expect(yl02.getCell(2).value).toBe('养老床位数');
  // 县民政局 leads YL-02 and reported it; 县委老干局 is not responsible for it.
  expect(yl02.getCell(3 + bureaus.indexOf('县民政局')).text).toMatch(/★$/);
  const notOurs = yl02.getCell(3 + bureaus.indexOf('县委老干局'));
  expect([notOurs.value ?? null, (notOurs.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb]).toEqual([
    null,
    'FFF2F2F2',
  ]);
  // The bureaus head every printed page.
  expect(sheet.pageSetup.printTitlesRow).toBe('1:1');
});
