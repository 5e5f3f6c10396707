import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultCatalog, findIndicator, parseFigure, validationFor, type RawCell } from '../../src/core';
import { toRawCell } from '../../src/excel/cells';
import { readWorkbook } from '../../src/xlsx/reader';
import { writeTemplate } from '../../src/xlsx/template';
import { enter, type CellModel } from '../office/excel-double';

/**
 * What a clerk types into the template's figure cells, as each program stores it, and how we read
 * it (issue: the template in three programs; the decision is in docs/typing-matrix.md). LibreOffice
 * is driven through UNO (test/helpers/uno-typing.py: .uno:EnterString, Calc's typing path);
 * Excel through the double's model of Excel's typing (test/office/excel-double.ts `enter`). WPS
 * cannot run here.
 */

const catalog = defaultCatalog();
const ROWS = { 'YL-02': 6, 'YL-03': 7, 'YL-04': 8, 'YL-05': 9, 'YL-06': 10 } as const;
type Code = keyof typeof ROWS;

/** [indicator, typed, value read, issue kinds] — the same in both programs, with General cells. */
const TYPED: {
  code: Code;
  typed: string;
  libreoffice: [number | null, string[]];
  excel: [number | null, string[]];
}[] = [
  { code: 'YL-03', typed: '80', libreoffice: [80, []], excel: [80, []] },
  // Both programs give a General cell a percent format with 0.8; the reader sees the format. With
  // the old `0.0` cells Calc kept its format and stored a bare 0.8, and the check had to ask.
  { code: 'YL-03', typed: '80%', libreoffice: [80, []], excel: [80, []] },
  { code: 'YL-05', typed: '８０％', libreoffice: [80, []], excel: [80, []] },
  { code: 'YL-06', typed: '85.5', libreoffice: [85.5, []], excel: [85.5, []] },
  // Both make 3-5 and 3/5 5 March, in a date format: refused as a date, never a count of 46086
  // (what Calc stored, with no date format, in the old `0` cells).
  { code: 'YL-02', typed: '3-5', libreoffice: [null, ['date-typed']], excel: [null, ['date-typed']] },
  { code: 'YL-04', typed: '3/5', libreoffice: [null, ['date-typed']], excel: [null, ['date-typed']] },
  { code: 'YL-02', typed: '620张', libreoffice: [620, []], excel: [620, []] },
];

function python(): string {
  // Debian's python3-uno is for the system Python, not a pyenv or venv one.
  for (const candidate of ['/usr/bin/python3'])
    if (existsSync(candidate) && existsSync('/usr/lib/python3/dist-packages/uno.py')) return candidate;
  throw new Error('LibreOffice’s Python bridge is needed: apt-get install python3-uno');
}

function read(cell: RawCell | undefined, code: Code): [number | null, string[]] {
  const parsed = parseFigure(cell ?? { type: 'empty' }, findIndicator(catalog, code)!);
  return [parsed.value, parsed.issues.map((i) => i.kind)];
}

it('LibreOffice: each string typed into the template reads as the table says', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'yilao-typing-'));
  const template = path.join(dir, 'template.xlsx');
  writeFileSync(template, await writeTemplate(catalog, '县民政局', 2023));
  const results: unknown[] = [];
  // One file per string: a row holds one typed figure at a time.
  const rounds = new Map<number, (typeof TYPED)[number][]>();
  TYPED.forEach((t) => {
    const round = [...rounds.values()].findIndex((r) => !r.some((x) => x.code === t.code));
    const at = round < 0 ? rounds.size : round;
    rounds.set(at, [...(rounds.get(at) ?? []), t]);
  });
  for (const [round, cases] of rounds) {
    const out = path.join(dir, `typed-${round}.xlsx`);
    execFileSync(
      python(),
      [
        path.join(__dirname, '..', 'helpers', 'uno-typing.py'),
        template,
        out,
        '指标填报',
        ...cases.map((c) => `G${ROWS[c.code]}=${c.typed}`),
      ],
      { stdio: 'pipe', timeout: 120_000, env: { ...process.env, UNO_LOCALE: 'zh-CN' } },
    );
    const workbook = readWorkbook(readFileSync(out));
    if (!workbook.ok) throw new Error('LibreOffice wrote an unreadable file');
    const sheet = workbook.workbook.sheets.find((s) => s.name === '指标填报');
    for (const c of cases)
      results.push([c.code, c.typed, ...read(sheet?.rows[ROWS[c.code] - 1]?.[6], c.code)]);
  }
  expect(results).toEqual(expect.arrayContaining(TYPED.map((t) => [t.code, t.typed, ...t.libreoffice])));
  expect(results).toHaveLength(TYPED.length);
}, 300_000);

it('Excel (the double’s model of typing): each string reads as the table says', () => {
  for (const t of TYPED) {
    const numFmt = validationFor(findIndicator(catalog, t.code)!, catalog).numFmt;
    const cell: CellModel = {
      value: null,
      numberFormat: numFmt,
      fill: null,
      fillPattern: 'None',
      fontColor: '#000000',
      bold: false,
      fontSize: 11,
      locked: false,
      wrapText: false,
      horizontalAlignment: 'General',
      verticalAlignment: 'Bottom',
    };
    enter(cell, t.typed);
    // Read as the add-in reads a cell Office.js hands back (src/excel/cells.ts).
    const raw = toRawCell(
      cell.value,
      typeof cell.value === 'number' ? 'Double' : cell.value === null ? 'Empty' : 'String',
      cell.numberFormat,
    );
    expect([t.code, t.typed, ...read(raw, t.code)]).toEqual([t.code, t.typed, ...t.excel]);
  }
});
