import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import {
  columnLetter,
  defaultCatalog,
  responsibleBureaus,
  type RawCell,
  type WorkbookView,
} from '../../src/core';
import {
  READ_LIMITS,
  clearPartCache,
  partCacheSize,
  readWorkbook,
  sheetPartNames,
  sniff,
  type ReadLimits,
} from '../../src/xlsx/reader';
import { writeTemplate } from '../../src/xlsx/template';
import { crc32 } from '../../src/xlsx/zip';
import { demoSubmissions, fillTemplate } from '../../src/xlsx/demo';
import { exceljsView } from '../helpers/exceljs-view';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const catalog = defaultCatalog();

/** What the core sees of a cell; the ISO time of a date is compared to the day. */
function comparable(view: WorkbookView) {
  return view.sheets.map((sheet) => ({
    name: sheet.name,
    visibility: sheet.visibility,
    merges: [...sheet.merges].sort(),
    cells: sheet.rows.flatMap((row, r) =>
      row.flatMap((cell, c) => (cell ? [[r + 1, c + 1, normalise(cell)] as const] : [])),
    ),
  }));
}
function normalise(cell: RawCell): unknown {
  // LibreOffice writes `yyyy\-mm\-dd`, exceljs hands back `yyyy-mm-dd`: the same format.
  const numFmt = cell.numFmt?.replace(/\\(.)/g, '$1');
  const value = cell.type === 'date' ? cell.value.slice(0, 10) : cell.type === 'empty' ? null : cell.value;
  return { type: cell.type, value, numFmt, formula: cell.formula ?? false };
}

async function workbooksUnderTest(): Promise<[string, Uint8Array][]> {
  const files: [string, Uint8Array][] = readdirSync(FIXTURES)
    .filter((f) => !f.startsWith('invalid-'))
    .map((f) => [f, readFileSync(path.join(FIXTURES, f))]);
  for (const bureau of responsibleBureaus(catalog)) {
    files.push([`template ${bureau.name}`, await writeTemplate(catalog, bureau.name, 2023)]);
  }
  for (const submission of demoSubmissions()) {
    const template = await writeTemplate(catalog, submission.bureau, 2023);
    files.push([`demo ${submission.file}`, await fillTemplate(template, submission.filling)]);
  }
  return files;
}

describe('the fast reader agrees with exceljs', () => {
  it('on every fixture, template and demo file: the same raw cells', async () => {
    const files = await workbooksUnderTest();
    expect(files.length).toBeGreaterThan(15);
    for (const [name, bytes] of files) {
      const fast = readWorkbook(bytes, { allSheets: true });
      expect({ name, ok: fast.ok }).toStrictEqual({ name, ok: true });
      if (!fast.ok) continue;
      const reference = await exceljsView(bytes);
      expect({ name, sheets: comparable(fast.workbook) }).toStrictEqual({
        name,
        sheets: comparable(reference),
      });
    }
  });
});

function xlsx(parts: Record<string, string>): Uint8Array {
  const base: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'xl/workbook.xml':
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="指标填报" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ...parts,
  };
  return zipSync(Object.fromEntries(Object.entries(base).map(([k, v]) => [k, strToU8(v)])));
}
const sheetXml = (rows: string) =>
  `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const relsXml = (rels: string) =>
  `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`;

describe('readWorkbook on hand-made parts', () => {
  /** A package of the named sheets (name, state), each with one cell holding its own name. */
  function sheets(list: [string, string?][]): Uint8Array {
    const parts: Record<string, string> = {
      'xl/workbook.xml': `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${list
        .map(
          ([name, state], i) =>
            `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"${state ? ` state="${state}"` : ''}/>`,
        )
        .join('')}</sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list
        .map(
          (_s, i) =>
            `<Relationship Id="rId${i + 1}" Type="worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('')}</Relationships>`,
    };
    list.forEach(([name], i) => {
      parts[`xl/worksheets/sheet${i + 1}.xml`] = sheetXml(
        `<row r="1"><c r="A1" t="inlineStr"><is><t>${name}</t></is></c></row>`,
      );
    });
    return xlsx(parts);
  }
  const names = (bytes: Uint8Array, options: Parameters<typeof readWorkbook>[1] = {}) => {
    const result = readWorkbook(bytes, options);
    if (!result.ok) throw new Error(result.error.kind);
    return result.workbook.sheets.map((s) => s.name);
  };

  it('a row without cells between rows that have some is an empty row, not a hole', () => {
    const result = readWorkbook(
      xlsx({
        'xl/worksheets/sheet1.xml': sheetXml(
          '<row r="1"><c r="A1"><v>1</v></c></row><row r="4"><c r="B4"><v>4</v></c></row>',
        ),
      }),
    );
    if (!result.ok) throw new Error(result.error.kind);
    // Within a row, a cell never written stays a hole, as the core reads it (cellAt: empty).
    const fourth: RawCell[] = [];
    fourth[1] = { type: 'number', value: 4 };
    expect(result.workbook.sheets[0]!.rows).toStrictEqual([[{ type: 'number', value: 1 }], [], [], fourth]);
  });

  it('a package with more parts than the limit is too large, said with the limit; a damaged directory is damaged', () => {
    const bytes = sheets([['指标填报'], ['Sheet2'], ['Sheet3']]);
    const result = readWorkbook(bytes, { limits: { ...READ_LIMITS, maxEntries: 3 } });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'too-large', params: { limit: 'entries', max: 3 } },
    });
    // The end of the central directory cut off: damaged, with what was wrong.
    const cut = readWorkbook(bytes.slice(0, bytes.length - 10));
    expect(cut).toMatchObject({
      ok: false,
      error: { kind: 'damaged', params: { detail: expect.stringMatching(/\S/) } },
    });
  });

  it('reads the template’s sheets (names trimmed as typed) and no other; without 指标填报, every visible sheet', () => {
    const bytes = sheets([
      ['说明'],
      ['指标填报 '],
      [' 重点任务'],
      ['_meta', 'veryHidden'],
      ['草稿', 'hidden'],
      ['Sheet3'],
    ]);
    expect(names(bytes)).toStrictEqual(['指标填报 ', ' 重点任务', '_meta']);
    expect(names(bytes, { allSheets: true })).toStrictEqual([
      '说明',
      '指标填报 ',
      ' 重点任务',
      '_meta',
      '草稿',
      'Sheet3',
    ]);
    // A workbook someone rebuilt without the entry sheet: what a person can see, for the reader to
    // find the table in (a hidden draft is not read).
    expect(names(sheets([['Sheet1'], ['草稿', 'hidden'], ['Sheet2']]))).toStrictEqual(['Sheet1', 'Sheet2']);
    // At most maxSheets.
    expect(
      names(sheets([['A'], ['B'], ['C']]), { allSheets: true, limits: { ...READ_LIMITS, maxSheets: 2 } }),
    ).toStrictEqual(['A', 'B']);
  });

  it('reads inline strings, rich text, booleans, errors, cached string formulas and entities', () => {
    const bytes = xlsx({
      'xl/sharedStrings.xml':
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>编号</t></si><si><r><t>6</t></r><r><rPr><b/></rPr><t>20</t></r><rPh><t>ろく</t></rPh></si><si><t xml:space="preserve"> a&amp;b </t></si></sst>',
      'xl/worksheets/sheet1.xml': sheetXml(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
          '<row r="2"><c r="A2" t="inlineStr"><is><t>620张</t></is></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="e"><v>#DIV/0!</v></c>' +
          '<c r="D2" t="str"><f>A2&amp;""</f><v>620张</v></c><c r="E2"><f>1+1</f><v>2</v></c><c r="F2"><f>1+1</f></c><c r="G2"><v>1e3</v></c></row>',
      ),
    });
    const result = readWorkbook(bytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [row1, row2] = result.workbook.sheets[0]!.rows;
    expect(row1).toStrictEqual([
      { type: 'string', value: '编号' },
      { type: 'string', value: '620' },
      { type: 'string', value: ' a&b ' },
    ]);
    expect(row2).toStrictEqual([
      { type: 'string', value: '620张' },
      { type: 'boolean', value: true },
      { type: 'error', value: '#DIV/0!' },
      { type: 'string', value: '620张', formula: true },
      { type: 'number', value: 2, formula: true },
      { type: 'empty', formula: true },
      { type: 'number', value: 1000 },
    ]);
  });

  it('finds sheets by their relationships, with namespace prefixes and without r attributes', () => {
    const bytes = xlsx({
      'xl/workbook.xml':
        '<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="封面" sheetId="2" r:id="rId2" state="hidden"/><x:sheet name="指标填报" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>',
      'xl/_rels/workbook.xml.rels':
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="/xl/worksheets/data.xml"/><Relationship Id="rId2" Target="worksheets/cover.xml"/></Relationships>',
      'xl/worksheets/data.xml':
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c><x:v>5</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A3:B3"/></x:mergeCells></x:worksheet>',
      'xl/worksheets/cover.xml': sheetXml(''),
    });
    const result = readWorkbook(bytes, { allSheets: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.workbook.date1904).toBe(true);
    expect(result.workbook.sheets.map((s) => [s.name, s.visibility])).toStrictEqual([
      ['封面', 'hidden'],
      ['指标填报', 'visible'],
    ]);
    expect(result.workbook.sheets[1]!.rows[0]).toStrictEqual([
      { type: 'string', value: 'a' },
      { type: 'number', value: 5 },
    ]);
    expect(result.workbook.sheets[1]!.merges).toStrictEqual(['A3:B3']);
  });

  it('applies custom, built-in and Chinese built-in number formats', () => {
    const bytes = xlsx({
      'xl/styles.xml':
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="9"/><xf numFmtId="31"/><xf numFmtId="14"/></cellXfs></styleSheet>',
      'xl/worksheets/sheet1.xml': sheetXml(
        '<row r="1"><c r="A1" s="1"><v>0.855</v></c><c r="B1" s="2"><v>0.5</v></c><c r="C1" s="3"><v>45280</v></c><c r="D1" s="4"><v>45280</v></c></row>',
      ),
    });
    const result = readWorkbook(bytes);
    if (!result.ok) throw new Error(result.error.kind);
    expect(result.workbook.sheets[0]!.rows[0]).toStrictEqual([
      { type: 'number', value: 0.855, numFmt: '0.0%' },
      { type: 'number', value: 0.5, numFmt: '0%' },
      { type: 'date', value: '2023-12-20T00:00:00.000Z', numFmt: 'yyyy"年"m"月"d"日"' },
      { type: 'date', value: '2023-12-20T00:00:00.000Z', numFmt: 'mm-dd-yy' },
    ]);
  });

  it('refuses a part whose declared size is over the limit, before inflating it', () => {
    const bytes = xlsx({ 'xl/worksheets/sheet1.xml': sheetXml('') });
    // Patch the declared uncompressed size in the central directory to 1 GB.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = bytes.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) !== 0x02014b50) continue;
      const nameLength = view.getUint16(i + 28, true);
      const name = new TextDecoder().decode(bytes.subarray(i + 46, i + 46 + nameLength));
      if (name === 'xl/worksheets/sheet1.xml') view.setUint32(i + 24, 1_000_000_000, true);
    }
    expect(readWorkbook(bytes)).toMatchObject({ ok: false, error: { kind: 'too-large' } });
  });

  it('refuses a sheet with more rows than the limit', () => {
    const bytes = xlsx({
      'xl/worksheets/sheet1.xml': sheetXml(
        `<row r="${READ_LIMITS.maxRows + 1}"><c r="A${READ_LIMITS.maxRows + 1}"><v>1</v></c></row>`,
      ),
    });
    expect(readWorkbook(bytes)).toMatchObject({ ok: false, error: { kind: 'too-large' } });
  });

  it('a number cell whose text is not a finite number is kept as the text it holds', () => {
    const result = readWorkbook(
      xlsx({
        'xl/worksheets/sheet1.xml': sheetXml(
          '<row r="1"><c r="A1"><v>abc</v></c><c r="B1"><v>1e999</v></c></row>',
        ),
      }),
    );
    if (!result.ok) throw new Error(result.error.kind);
    expect(result.workbook.sheets[0]!.rows[0]).toStrictEqual([
      { type: 'string', value: 'abc' },
      { type: 'string', value: '1e999' },
    ]);
  });

  it('a shared string past the end of the table, or a sheet without its data, is a damaged part, said where', () => {
    const past = xlsx({
      'xl/sharedStrings.xml':
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a</t></si></sst>',
      'xl/worksheets/sheet1.xml': sheetXml('<row r="1"><c r="A1" t="s"><v>5</v></c></row>'),
    });
    expect(readWorkbook(past)).toStrictEqual({
      ok: false,
      error: {
        kind: 'part-damaged',
        params: {
          part: 'xl/worksheets/sheet1.xml',
          detail: '指标填报!A1 refers to shared string 5, the table has 1',
        },
      },
    });
    // Said at the cell Excel would name, also past column Z.
    for (const at of ['Z3', 'AB7', 'AZ2', 'BA9']) {
      const wrong = xlsx({
        'xl/sharedStrings.xml':
          '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a</t></si></sst>',
        'xl/worksheets/sheet1.xml': sheetXml(
          `<row r="${at.replace(/[A-Z]+/, '')}"><c r="${at}" t="s"><v>5</v></c></row>`,
        ),
      });
      expect(readWorkbook(wrong)).toMatchObject({
        ok: false,
        error: { params: { detail: `指标填报!${at} refers to shared string 5, the table has 1` } },
      });
    }
    // The worksheet schema requires <sheetData> (ECMA-376 Part 1, CT_Worksheet): without it the part was cut.
    const noData = xlsx({
      'xl/worksheets/sheet1.xml':
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
    });
    expect(readWorkbook(noData)).toStrictEqual({
      ok: false,
      error: {
        kind: 'part-damaged',
        params: {
          part: 'xl/worksheets/sheet1.xml',
          detail: 'xl/worksheets/sheet1.xml: sheet data is incomplete',
        },
      },
    });
  });

  it('reports a zip without a workbook, and XML that is not well-formed', () => {
    const noWorkbook = zipSync({ 'hello.txt': strToU8('hi') });
    expect(readWorkbook(noWorkbook)).toMatchObject({ ok: false, error: { kind: 'not-a-workbook' } });
    const broken = xlsx({ 'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row>' });
    expect(readWorkbook(broken)).toMatchObject({ ok: false, error: { kind: 'part-damaged' } });
  });
});

describe('the package as other programs write it (reader.ts: parts, relationships, strings, styles)', () => {
  const workbookXml = (sheetsXml: string) =>
    `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheetsXml}</sheets></workbook>`;
  const oneCell = (value: string) =>
    sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>${value}</t></is></c></row>`);
  const read = (bytes: Uint8Array, options: Parameters<typeof readWorkbook>[1] = { allSheets: true }) => {
    const result = readWorkbook(bytes, options);
    if (!result.ok) throw new Error(`${result.error.kind} ${JSON.stringify(result.error.params)}`);
    return result.workbook;
  };
  const a1 = (bytes: Uint8Array) => read(bytes).sheets.map((s) => [s.name, s.rows[0]?.[0] ?? null]);
  const utf16 = (text: string, bigEndian: boolean): Uint8Array => {
    const out = new Uint8Array(2 + text.length * 2);
    out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const [hi, lo] = [code >> 8, code & 0xff];
      out.set(bigEndian ? [hi, lo] : [lo, hi], 2 + i * 2);
    }
    return out;
  };

  it('parts written in UTF-16 with a byte order mark, either order, read as the same text (XML 1.0 §4.3.3)', () => {
    const bytes = zipSync({
      'xl/workbook.xml': utf16(workbookXml(`<sheet name="指标填报" sheetId="1" r:id="rId1"/>`), false),
      'xl/_rels/workbook.xml.rels': strToU8(
        relsXml('<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>'),
      ),
      'xl/worksheets/sheet1.xml': utf16(oneCell('床位620'), true),
    });
    expect(a1(bytes)).toStrictEqual([['指标填报', { type: 'string', value: '床位620' }]]);
  });

  it('a part carrying a DOCTYPE is refused as damaged, with the part named (Excel writes none)', () => {
    const bytes = xlsx({ 'xl/worksheets/sheet1.xml': `<!DOCTYPE worksheet>${sheetXml('')}` });
    expect(readWorkbook(bytes)).toStrictEqual({
      ok: false,
      error: {
        kind: 'part-damaged',
        params: {
          part: 'xl/worksheets/sheet1.xml',
          detail: 'xl/worksheets/sheet1.xml: <!DOCTYPE> is not allowed in OOXML',
        },
      },
    });
  });

  it.each([
    ['./worksheets/./sheet9.xml', 'xl/worksheets/sheet9.xml'],
    ['../xl/worksheets/sheet9.xml', 'xl/worksheets/sheet9.xml'],
    ['/xl/worksheets/sheet9.xml', 'xl/worksheets/sheet9.xml'],
    ['worksheets\\sheet9.xml', 'xl/worksheets/sheet9.xml'],
    ['worksheets//sheet9.xml', 'xl/worksheets/sheet9.xml'],
  ])(
    'a relationship target %j is the part %s (OPC part names: . and .. resolved, \\ read as /)',
    (target, part) => {
      const bytes = xlsx({
        'xl/_rels/workbook.xml.rels': relsXml(
          `<Relationship Id="rId1" Type="worksheet" Target="${target}"/>`,
        ),
        [part]: oneCell('found'),
      });
      expect(a1(bytes)).toStrictEqual([['指标填报', { type: 'string', value: 'found' }]]);
    },
  );

  it('an external relationship is not a part of the package: the sheet is read from its conventional part', () => {
    const bytes = xlsx({
      'xl/_rels/workbook.xml.rels': relsXml(
        '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet2.xml" TargetMode="External"/>',
      ),
      'xl/worksheets/sheet1.xml': oneCell('conventional'),
      'xl/worksheets/sheet2.xml': oneCell('external'),
    });
    expect(a1(bytes)).toStrictEqual([['指标填报', { type: 'string', value: 'conventional' }]]);
    // Without an Id or a Target, a relationship is no relationship either.
    const incomplete = xlsx({
      'xl/_rels/workbook.xml.rels': relsXml(
        '<Relationship Type="worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="worksheet"/>',
      ),
      'xl/worksheets/sheet1.xml': oneCell('conventional'),
      'xl/worksheets/sheet2.xml': oneCell('external'),
    });
    expect(a1(incomplete)).toStrictEqual([['指标填报', { type: 'string', value: 'conventional' }]]);
    // A shared-strings relationship without an Id is not followed either: the conventional part is.
    const strings = (value: string) => `<sst xmlns="${MAIN}"><si><t>${value}</t></si></sst>`;
    const noId = xlsx({
      'xl/_rels/workbook.xml.rels': relsXml(
        `<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/><Relationship Type="${REL}/sharedStrings" Target="other.xml"/>`,
      ),
      'xl/sharedStrings.xml': strings('conventional'),
      'xl/other.xml': strings('without an Id'),
      'xl/worksheets/sheet1.xml': sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
    });
    expect(a1(noId)).toStrictEqual([['指标填报', { type: 'string', value: 'conventional' }]]);
  });

  it('a sheet listed without a name or a relationship id is read by position, its name empty', () => {
    const bytes = xlsx({
      'xl/workbook.xml': workbookXml('<sheet sheetId="1"/><sheet name="第二" sheetId="2"/>'),
      'xl/_rels/workbook.xml.rels': relsXml(''),
      'xl/worksheets/sheet1.xml': oneCell('one'),
      'xl/worksheets/sheet2.xml': oneCell('two'),
    });
    expect(a1(bytes)).toStrictEqual([
      ['', { type: 'string', value: 'one' }],
      ['第二', { type: 'string', value: 'two' }],
    ]);
  });

  it.each([
    ['dialogsheet', 'dialogsheet'],
    ['xlMacrosheet', 'macrosheet'],
    ['xlIntlMacrosheet', 'macrosheet'],
    ['chartsheet', 'chartsheet'],
  ])('指标填报 made a %s is refused as a sheet that holds no cells (%s)', (type, kind) => {
    const bytes = xlsx({
      'xl/_rels/workbook.xml.rels': relsXml(
        `<Relationship Id="rId1" Type="${REL}/${type}" Target="worksheets/sheet1.xml"/>`,
      ),
      'xl/worksheets/sheet1.xml': oneCell('hidden cells'),
    });
    expect(readWorkbook(bytes)).toStrictEqual({
      ok: false,
      error: { kind: 'unsupported-sheet', params: { sheet: '指标填报', detail: kind } },
    });
  });

  it('any other relationship type is read as a worksheet, as Excel reads sloppy hand-made packages', () => {
    const bytes = xlsx({
      'xl/_rels/workbook.xml.rels': relsXml(
        `<Relationship Id="rId1" Type="${REL}/macrosheetish" Target="worksheets/sheet1.xml"/>`,
      ),
      'xl/worksheets/sheet1.xml': oneCell('cells'),
    });
    expect(a1(bytes)).toStrictEqual([['指标填报', { type: 'string', value: 'cells' }]]);
  });

  it('an OpenDocument package is told apart from a zip of something else by its mimetype', () => {
    const ods = zipSync({
      mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet\n'),
      'content.xml': strToU8('<office:document-content/>'),
    });
    expect(readWorkbook(ods)).toStrictEqual({
      ok: false,
      error: { kind: 'ods', params: { detail: 'application/vnd.oasis.opendocument.spreadsheet' } },
    });
    const epub = zipSync({ mimetype: strToU8('application/epub+zip'), 'content.opf': strToU8('<package/>') });
    expect(readWorkbook(epub)).toMatchObject({ ok: false, error: { kind: 'not-a-workbook' } });
  });

  it('shared strings: an empty <si/> is an empty string in its place; a self-closing <rPh/> hides nothing after it', () => {
    const bytes = xlsx({
      'xl/sharedStrings.xml': `<sst xmlns="${MAIN}"><si/><si><rPh/><t>后</t></si><si><t>_x005F_x0041_</t></si></sst>`,
      'xl/worksheets/sheet1.xml': sheetXml(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>',
      ),
    });
    const [empty, after, escaped] = read(bytes).sheets[0]!.rows[0]!;
    // An empty text is no value (a hole), but it holds index 0: the next cell reads index 1.
    expect(empty).toBeUndefined();
    expect([after, escaped]).toStrictEqual([
      { type: 'string', value: '后' },
      { type: 'string', value: '_x0041_' },
    ]);
  });

  it('styles: a numFmt without a code or with an id that is not a number is ignored; an unknown id is General', () => {
    const bytes = xlsx({
      'xl/styles.xml': `<styleSheet xmlns="${MAIN}"><numFmts><numFmt numFmtId="164"/><numFmt numFmtId="x" formatCode="0.0"/><numFmt numFmtId="165" formatCode="0.000"/></numFmts><cellXfs><xf numFmtId="164"/><xf numFmtId="300"/><xf numFmtId="165"/><xf/><xf numFmtId="x"/></cellXfs><cellStyleXfs><xf numFmtId="165"/></cellStyleXfs></styleSheet>`,
      'xl/worksheets/sheet1.xml': sheetXml(
        '<row r="1"><c r="A1" s="0"><v>1</v></c><c r="B1" s="1"><v>2</v></c><c r="C1" s="2"><v>3</v></c><c r="D1" s="3"><v>4</v></c><c r="E1" s="5"><v>5</v></c><c r="F1" s="4"><v>6</v></c></row>',
      ),
    });
    expect(read(bytes).sheets[0]!.rows[0]).toStrictEqual([
      { type: 'number', value: 1 },
      { type: 'number', value: 2 },
      { type: 'number', value: 3, numFmt: '0.000' },
      { type: 'number', value: 4 },
      // Only <cellXfs> styles cells: a style index past them is General.
      { type: 'number', value: 5 },
      // A format id that is not a number matches no numFmt, not even one with the same text.
      { type: 'number', value: 6 },
    ]);
  });

  it('the memory of parts shared between files is bounded: emptied when full, never past 64 parts', () => {
    clearPartCache();
    // Each package has its own workbook part (its sheet's name differs), so each adds to the memory.
    const sizes: number[] = [];
    for (let i = 0; i < 70; i++) {
      read(xlsx({ 'xl/workbook.xml': workbookXml(`<sheet name="表${i}" sheetId="1" r:id="rId1"/>`) }));
      sizes.push(partCacheSize());
    }
    expect(Math.max(...sizes)).toBe(64);
    // Emptied once full, then filling again: the size fell somewhere along the way.
    expect(sizes.some((size, i) => i > 0 && size < (sizes[i - 1] ?? 0))).toBe(true);
    clearPartCache();
    expect(partCacheSize()).toBe(0);
  });

  it('cell references in lower case are read as Excel reads them; a reference with no column or row follows the cell before', () => {
    const bytes = xlsx({
      'xl/worksheets/sheet1.xml': sheetXml(
        '<row r="2"><c r="c2"><v>1</v></c><c r="7"><v>2</v></c><c r="E0"><v>3</v></c><c r="ab2"><v>4</v></c></row>',
      ),
    });
    const row = read(bytes).sheets[0]!.rows[1]!;
    expect(row[2]).toStrictEqual({ type: 'number', value: 1 });
    expect(row[3]).toStrictEqual({ type: 'number', value: 2 });
    expect(row[4]).toStrictEqual({ type: 'number', value: 3 });
    expect(row[27]).toStrictEqual({ type: 'number', value: 4 });
    expect(row.filter(Boolean)).toHaveLength(4);
  });
});

describe('a sheet’s cells as its XML has them (readSheet)', () => {
  const rowsOf = (rows: string, limits: Partial<ReadLimits> = {}) => {
    const result = readWorkbook(xlsx({ 'xl/worksheets/sheet1.xml': sheetXml(rows) }), {
      limits: { ...READ_LIMITS, ...limits },
    });
    if (!result.ok) throw new Error(`${result.error.kind} ${JSON.stringify(result.error.params)}`);
    return result.workbook.sheets[0]!.rows;
  };
  const text = (value: string): RawCell => ({ type: 'string', value });
  const num = (value: number): RawCell => ({ type: 'number', value });
  /** A row as the reader gives it: a cell never written is a hole (cellAt reads it as empty). */
  const row = (...cells: (RawCell | undefined)[]) => {
    const out: RawCell[] = [];
    cells.forEach((cell, i) => {
      if (cell) out[i] = cell;
    });
    return out;
  };

  it('an inline string without its phonetic guide (rPh), its runs joined, its entities read', () => {
    expect(
      rowsOf(
        '<row r="1"><c r="A1" t="inlineStr"><is><r><t>养老</t></r><r><t xml:space="preserve">床位 &amp; </t></r>' +
          '<rPh sb="0" eb="2"><t>ようろう</t></rPh><rPh sb="2" eb="4"><t/></rPh><t>张</t></is></c>' +
          // An empty phonetic guide, self-closed, ends nothing: the text after it is kept.
          '<c r="B1" t="inlineStr"><is><rPh/><t>620</t></is></c></row>',
      ),
    ).toStrictEqual([[text('养老床位 & 张'), text('620')]]);
  });

  it('text outside <is> and outside <v> is not the cell’s: a stray <t>, an <extLst>', () => {
    expect(
      rowsOf(
        '<row r="1"><c r="A1"><t>not mine</t><v>7</v><extLst><ext><t>nor this</t></ext></extLst></c>' +
          '<c r="B1" t="inlineStr"><is><t>a</t></is><t>b</t></c>' +
          // An inline-string cell whose only text is outside <is>: no cell.
          '<c r="C1" t="inlineStr"><t>stray</t></c>' +
          // Rich text as a writer that indents its XML writes it: only the <t>s are the text.
          '<c r="D1" t="inlineStr"><is>\n  <r>\n    <rPr><b/></rPr>\n    <t>养老</t>\n  </r>\n</is></c></row>',
      ),
    ).toStrictEqual([row(num(7), text('a'), undefined, text('养老'))]);
  });

  it('a value split by the scanner’s chunks or entities is one value; <v/> is no value', () => {
    expect(
      rowsOf(
        '<row r="1"><c r="A1" t="str"><v>6&#50;0</v></c><c r="B1"><v/></c><c r="C1" t="s"/><c r="D1"><v>1</v></c>' +
          // A comment or a CDATA section cuts the text in pieces: still one value.
          '<c r="E1"><v>6<!-- x -->20</v></c><c r="F1" t="str"><v><![CDATA[约]]>75</v></c></row>',
      ),
    ).toStrictEqual([row(text('620'), undefined, undefined, num(1), num(620), text('约75'))]);
  });

  it('rows without a usable r follow the row before; cells without r follow the cell before', () => {
    const rows = rowsOf(
      '<row r="2"><c><v>1</v></c><c><v>2</v></c></row><row r="0"><c><v>3</v></c></row>' +
        '<row r="x"><c><v>4</v></c></row><row r="2.5"><c><v>5</v></c></row><row><c r="C9"><v>6</v></c><c><v>7</v></c></row>',
    );
    expect(rows.map((r) => Array.from(r, (c) => (c && c.type === 'number' ? c.value : null)))).toStrictEqual([
      [],
      [1, 2],
      [3],
      [4],
      [5],
      [],
      [],
      [],
      [null, null, 6, 7],
    ]);
  });

  it('a <c> inside a <c> ends the outer one, not merged into it', () => {
    expect(rowsOf('<row r="1"><c r="A1"><v>1</v><c r="B1"><v>2</v></c></c></row>')).toStrictEqual([
      [num(1), num(2)],
    ]);
  });

  it('cells past the column limit are left out; the row limit refuses at its first row past, the cell limit at its first cell past', () => {
    expect(
      rowsOf('<row r="1"><c r="C1"><v>3</v></c><c r="D1"><v>4</v></c></row>', { maxColumns: 3 }),
    ).toStrictEqual([row(undefined, undefined, num(3))]);
    // Exactly at each limit: read.
    expect(rowsOf('<row r="3"><c r="A3"><v>1</v></c></row>', { maxRows: 3 })).toHaveLength(3);
    expect(
      rowsOf('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>', { maxCells: 2 })[0],
    ).toHaveLength(2);
    const past = (rows: string, limits: Partial<ReadLimits>) =>
      readWorkbook(xlsx({ 'xl/worksheets/sheet1.xml': sheetXml(rows) }), {
        limits: { ...READ_LIMITS, ...limits },
      });
    expect(past('<row r="4"><c r="B4"><v>1</v></c></row>', { maxRows: 3 })).toStrictEqual({
      ok: false,
      error: { kind: 'too-large', params: { limit: 'rows', max: 3, at: '指标填报!B4' } },
    });
    expect(
      past('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c></row>', {
        maxCells: 2,
      }),
    ).toStrictEqual({ ok: false, error: { kind: 'too-large', params: { limit: 'cells', max: 2 } } });
    // An empty cell is not a cell read: it counts toward no limit.
    expect(
      rowsOf('<row r="1"><c r="A1"/><c r="B1"><v></v></c><c r="C1"><v>1</v></c></row>', { maxCells: 1 }),
    ).toStrictEqual([row(undefined, undefined, num(1))]);
  });

  it('a value of blanks is no value, whatever the cell’s type; booleans as Excel and LibreOffice write them', () => {
    expect(
      rowsOf(
        '<row r="1"><c r="A1"><v> </v></c><c r="B1" t="s"><v> </v></c><c r="C1" t="d"><v> </v></c>' +
          '<c r="D1" t="b"><v>true</v></c><c r="E1" t="b"><v>0</v></c><c r="F1" t="b"><v>false</v></c>' +
          // A cached string result keeps its text, also when it looks like a number.
          '<c r="G1" t="str"><f>A1</f><v>1e3</v></c></row>',
      ),
    ).toStrictEqual([
      row(
        undefined,
        undefined,
        undefined,
        { type: 'boolean', value: true },
        { type: 'boolean', value: false },
        { type: 'boolean', value: false },
        { type: 'string', value: '1e3', formula: true },
      ),
    ]);
  });

  it('a chart sheet, or a sheet whose part is missing, is a sheet with no cells and no merges', () => {
    const result = readWorkbook(
      xlsx({
        'xl/workbook.xml':
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="图" sheetId="1" r:id="rId1"/><sheet name="缺" sheetId="2" r:id="rId2"/></sheets></workbook>',
        'xl/_rels/workbook.xml.rels':
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/><Relationship Id="rId2" Type="worksheet" Target="worksheets/gone.xml"/></Relationships>',
        'xl/chartsheets/sheet1.xml':
          '<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
      }),
      { allSheets: true },
    );
    expect(result).toStrictEqual({
      ok: true,
      workbook: {
        date1904: false,
        sheets: [
          { name: '图', visibility: 'visible', rows: [], merges: [] },
          { name: '缺', visibility: 'visible', rows: [], merges: [] },
        ],
      },
    });
  });

  it('merged areas: each read, one without a ref ignored, the merge limit refusing at its first past', () => {
    const merged = (list: string, limits: Partial<ReadLimits> = {}) =>
      readWorkbook(
        xlsx({
          'xl/worksheets/sheet1.xml': `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/><mergeCells>${list}</mergeCells></worksheet>`,
        }),
        { limits: { ...READ_LIMITS, ...limits } },
      );
    expect(
      merged('<mergeCell ref="A1:B1"/><mergeCell/><mergeCell ref="C2:C3"/>', { maxMerges: 2 }),
    ).toMatchObject({
      ok: true,
      workbook: { sheets: [{ rows: [], merges: ['A1:B1', 'C2:C3'] }] },
    });
    expect(
      merged('<mergeCell ref="A1:B1"/><mergeCell ref="C2:C3"/><mergeCell ref="D4:E4"/>', { maxMerges: 2 }),
    ).toStrictEqual({ ok: false, error: { kind: 'too-large', params: { limit: 'merges', max: 2 } } });
  });
});

describe('sniff', () => {
  it.each([
    ['invalid-not-a-workbook.xlsx', 'not-a-workbook'],
    ['invalid-csv-renamed.xlsx', 'csv'],
    ['invalid-old-xls-renamed.xlsx', 'xls-binary'],
  ])('%s → %s', (file, kind) => {
    expect(sniff(readFileSync(path.join(FIXTURES, file)))).toMatchObject({ kind });
  });

  it('tells an encrypted workbook from an old .xls by its EncryptionInfo stream', () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(
      Array.from('EncryptionInfo').flatMap((ch) => [ch.charCodeAt(0), 0]),
      1024,
    );
    expect(sniff(ole)).toStrictEqual({ kind: 'encrypted', params: {} });
  });

  it('a zip, even an empty one, passes to the reader; a page or XML saved as .xlsx is not a workbook, not CSV', () => {
    expect(sniff(Uint8Array.from([0x50, 0x4b, 3, 4]))).toBeNull();
    expect(sniff(Uint8Array.from([0x50, 0x4b, 5, 6, 0]))).toBeNull();
    expect(sniff(Uint8Array.from([0x50, 0x4b, 7, 8, 0]))).toMatchObject({ kind: 'not-a-workbook' });
    expect(sniff(Uint8Array.from([0x50, 0x4b, 3]))).toMatchObject({ kind: 'not-a-workbook' });
    expect(sniff(strToU8('  <html><body><table><tr><td>a,b</td></tr></table></body></html>'))).toStrictEqual({
      kind: 'not-a-workbook',
      params: {},
    });
    expect(sniff(strToU8('<?xml version="1.0"?>\n<Workbook>\t1;2</Workbook>'))).toMatchObject({
      kind: 'not-a-workbook',
    });
  });

  it('CSV is text with a comma, tab or semicolon and no control characters but tab, line ends, VT and FF', () => {
    expect(sniff(strToU8('编号,本期完成值\r\nYL-02,620\n'))).toStrictEqual({ kind: 'csv', params: {} });
    expect(sniff(strToU8('编号\t本期完成值'))).toMatchObject({ kind: 'csv' });
    expect(sniff(strToU8('编号;本期完成值\x0b\x0c'))).toMatchObject({ kind: 'csv' });
    expect(sniff(strToU8('no delimiter at all'))).toMatchObject({ kind: 'not-a-workbook' });
    for (const control of ['\x00', '\x08', '\x0e', '\x1f'])
      expect(sniff(strToU8(`a,b${control}`))).toMatchObject({ kind: 'not-a-workbook' });
    expect(sniff(strToU8('a,b '))).toMatchObject({ kind: 'csv' });
  });

  it('refuses a file over the size limit before reading it', () => {
    expect(sniff(new Uint8Array(READ_LIMITS.maxFileBytes + 1))).toStrictEqual({
      kind: 'too-large',
      params: { limit: 'file', size: '20.0', max: 20 },
    });
    expect(sniff(new Uint8Array(0))).toMatchObject({ kind: 'not-a-workbook' });
  });

  it('reads a truncated file as damaged', () => {
    expect(readWorkbook(readFileSync(path.join(FIXTURES, 'invalid-truncated.xlsx')))).toMatchObject({
      ok: false,
      error: { kind: 'damaged' },
    });
  });
});

describe('reader.ts lines 1–599 as the mutation run of 2026-12-01 found them unstated', () => {
  const sheetRel = '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>';
  const firstRow = (bytes: Uint8Array): (RawCell | undefined)[] => {
    const result = readWorkbook(bytes);
    if (!result.ok) throw new Error(`${result.error.kind} ${JSON.stringify(result.error.params)}`);
    return result.workbook.sheets[0]!.rows[0] ?? [];
  };

  it('a style naming a built-in format by id reads as that format (ECMA-376 Part 1 §18.8.30; exceljs’s table, zh-CN)', () => {
    // exceljs's own table of the built-in formats, an independent transcription, in its zh-CN
    // form where the format depends on the locale.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exceljs = require('exceljs/lib/xlsx/defaultnumformats.js') as Record<
      string,
      { f?: string; 'zh-cn'?: string }
    >;
    // Its ids past 58 are Thai only: no zh-CN form, and not read here.
    const ids = Object.keys(exceljs)
      .map(Number)
      .filter((id) => exceljs[id]?.f ?? exceljs[id]?.['zh-cn']);
    expect(ids.length).toBeGreaterThan(40);
    const bytes = xlsx({
      'xl/_rels/workbook.xml.rels': relsXml(
        `${sheetRel}<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>`,
      ),
      'xl/styles.xml': `<styleSheet xmlns="${MAIN}"><cellXfs>${ids.map((id) => `<xf numFmtId="${id}"/>`).join('')}</cellXfs></styleSheet>`,
      'xl/worksheets/sheet1.xml': sheetXml(
        `<row r="1">${ids.map((_id, i) => `<c r="${columnLetter(i + 1)}1" s="${i}"><v>1</v></c>`).join('')}</row>`,
      ),
    });
    const row = firstRow(bytes);
    const read = Object.fromEntries(ids.map((id, i) => [id, row[i]?.numFmt ?? 'General']));
    const expected = Object.fromEntries(ids.map((id) => [id, exceljs[id]?.f ?? exceljs[id]?.['zh-cn']]));
    // Where the two differ. 22, 39 and 40 as ISO/IEC 29500-1 §18.8.30 lists them (exceljs quotes
    // the h of 22 and puts a space before the ; of 39 and 40); 34, 35, 55 and 56 without the
    // space exceljs puts after 上午/下午. Either way a time or a number format, never a date read
    // as a figure.
    const ours = {
      22: 'm/d/yy h:mm',
      39: '#,##0.00;(#,##0.00)',
      40: '#,##0.00;[Red](#,##0.00)',
      34: '上午/下午h"时"mm"分"',
      35: '上午/下午h"时"mm"分"ss"秒"',
      55: '上午/下午h"时"mm"分"',
      56: '上午/下午h"时"mm"分"ss"秒"',
    };
    for (const id of Object.keys(ours)) expect(expected[id]).not.toBe(ours[Number(id) as keyof typeof ours]);
    expect(read).toStrictEqual({ ...expected, ...ours });
  });

  it('shared strings: rich-text runs joined as shown — the indentation between runs and the phonetic reading left out', () => {
    const bytes = xlsx({
      'xl/_rels/workbook.xml.rels': relsXml(
        `${sheetRel}<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="strings/sst.xml"/>`,
      ),
      // At a path only its relationship names: found by its type, not by the usual name.
      'xl/strings/sst.xml': `<sst xmlns="${MAIN}">
  <si>
    <r>
      <rPr><b/></rPr>
      <t>甲</t>
    </r>
    <r><t xml:space="preserve"> 乙</t></r>
    <rPh sb="0" eb="1"><t>ジャ</t></rPh>
    <phoneticPr fontId="1"/>
  </si>
  <si><t>丙</t><rPh sb="0" eb="1"><t>へい</t></rPh><t>丁</t></si>
</sst>`,
      'xl/worksheets/sheet1.xml': sheetXml(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
      ),
    });
    expect(firstRow(bytes)).toStrictEqual([
      { type: 'string', value: '甲 乙' },
      { type: 'string', value: '丙丁' },
    ]);
  });

  it('shared strings: an <si> left open inside another ends there; a string cell in a file with no table is a damaged part', () => {
    const nested = xlsx({
      'xl/sharedStrings.xml': `<sst xmlns="${MAIN}"><si><t>甲</t><si><t>乙</t></si></si></sst>`,
      'xl/worksheets/sheet1.xml': sheetXml(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
      ),
    });
    expect(firstRow(nested)).toStrictEqual([
      { type: 'string', value: '甲' },
      { type: 'string', value: '乙' },
    ]);
    const none = xlsx({
      'xl/worksheets/sheet1.xml': sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
    });
    expect(readWorkbook(none)).toStrictEqual({
      ok: false,
      error: {
        kind: 'part-damaged',
        params: {
          part: 'xl/worksheets/sheet1.xml',
          detail: '指标填报!A1 refers to shared string 0, the table has 0',
        },
      },
    });
  });

  it('styles at a path only their relationship names are found by its type', () => {
    const bytes = xlsx({
      'xl/_rels/workbook.xml.rels': relsXml(
        `${sheetRel}<Relationship Id="rId2" Type="${REL}/styles" Target="theme/looks.xml"/>`,
      ),
      'xl/theme/looks.xml': `<styleSheet xmlns="${MAIN}"><numFmts><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>`,
      'xl/worksheets/sheet1.xml': sheetXml('<row r="1"><c r="A1" s="1"><v>0.5</v></c></row>'),
    });
    expect(firstRow(bytes)).toStrictEqual([{ type: 'number', value: 0.5, numFmt: '0.0%' }]);
  });

  it('a part cut off, or not well-formed, is refused as damaged, saying which part and why; a zip with no workbook says so', () => {
    const refusal = (bytes: Uint8Array) => {
      const result = readWorkbook(bytes);
      return result.ok ? null : result.error;
    };
    const part = 'xl/workbook.xml';
    const cut = xlsx({ [part]: `<workbook xmlns="${MAIN}"><sheets><sheet name="指标填报"` });
    expect(refusal(cut)).toStrictEqual({
      kind: 'part-damaged',
      params: { part, detail: `${part}: ends inside a tag or with elements left open` },
    });
    const mismatched = xlsx({
      'xl/worksheets/sheet1.xml': sheetXml('<row r="1"><c r="A1"><v>1</v></row></c>'),
    });
    expect(refusal(mismatched)).toMatchObject({
      kind: 'part-damaged',
      params: {
        part: 'xl/worksheets/sheet1.xml',
        detail: expect.stringMatching(/^xl\/worksheets\/sheet1\.xml: not well-formed XML: \S/),
      },
    });
    expect(refusal(zipSync({ 'hello.txt': strToU8('hi') }))).toStrictEqual({
      kind: 'not-a-workbook',
      params: { detail: 'no workbook part (_rels/.rels names none, no xl/workbook.xml)' },
    });
  });

  it('sniff: a CSV saved by Chinese Windows (GBK, not UTF-8) is CSV; a file at the size limit is read; OLE2 only by its whole signature', () => {
    // 编号,本期完成值 / YL-02,620 in GBK, as Excel's "CSV" on a Chinese Windows saves it.
    const gbk = Uint8Array.from([
      177, 224, 186, 197, 44, 177, 190, 198, 218, 205, 234, 179, 201, 214, 181, 13, 10, 89, 76, 45, 48, 50,
      44, 54, 50, 48,
    ]);
    expect(sniff(gbk)).toStrictEqual({ kind: 'csv', params: {} });
    // At the limit exactly it is read (and found to be no workbook); a byte more is too large.
    expect(sniff(new Uint8Array(READ_LIMITS.maxFileBytes))).toStrictEqual({
      kind: 'not-a-workbook',
      params: {},
    });
    // The first byte of the OLE2 signature, or of a zip's, is not the signature.
    const signature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const partly = new Uint8Array(64);
    partly.set(signature.slice(0, 4));
    expect(sniff(partly)).toStrictEqual({ kind: 'not-a-workbook', params: {} });
    expect(sniff(Uint8Array.from([0x51, 0x4b, 3, 4]))).toStrictEqual({ kind: 'not-a-workbook', params: {} });
    expect(sniff(Uint8Array.from([0x50, 0x4c, 3, 4]))).toStrictEqual({ kind: 'not-a-workbook', params: {} });
  });

  it('sniff: the EncryptionInfo stream is looked for through the first megabyte, up to the file’s last byte', () => {
    const needle = Array.from('EncryptionInfo').flatMap((ch) => [ch.charCodeAt(0), 0]);
    const ole = (size: number, at: number) => {
      const bytes = new Uint8Array(size);
      bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      bytes.set(needle, at);
      return bytes;
    };
    // Ending on the file's last byte: found.
    expect(sniff(ole(4096, 4096 - needle.length))).toStrictEqual({ kind: 'encrypted', params: {} });
    // Starting past the first megabyte: not looked for, an old .xls as far as sniff can tell.
    const MB = 1024 * 1024;
    expect(sniff(ole(2 * MB, MB))).toStrictEqual({ kind: 'encrypted', params: {} });
    expect(sniff(ole(2 * MB, MB + 1))).toStrictEqual({ kind: 'xls-binary', params: {} });
  });

  it('a part remembered from an earlier file is still held to this file’s budget: refused at the same part, with the same words', async () => {
    const template = await writeTemplate(catalog, '县民政局', 2023);
    // The smallest budget the first part read cannot fit in.
    const first = (): { error: unknown } => {
      clearPartCache();
      const cold = readWorkbook(template, { limits: { ...READ_LIMITS, maxInflatedBytes: 100 } });
      if (cold.ok) throw new Error('read within 100 bytes');
      return { error: cold.error };
    };
    const cold = first();
    expect(cold.error).toMatchObject({
      kind: 'too-large',
      params: {
        limit: 'inflated',
        max: 100 / 1024 / 1024,
        detail: expect.stringMatching(/ bytes declared, 100 left$/),
      },
    });
    // Now with every shared part remembered from a read within the usual budget.
    expect(readWorkbook(template).ok).toBe(true);
    const warm = readWorkbook(template, { limits: { ...READ_LIMITS, maxInflatedBytes: 100 } });
    expect(warm.ok ? null : warm.error).toStrictEqual(cold.error);
  });

  it('a remembered part is found again only by its very bytes: two workbook parts of one size and one CRC-32 read as themselves', () => {
    // CRC-32 is no hash: a part's four bytes can be chosen to give any CRC (run the table
    // backwards). Two workbook parts alike in name, size and CRC, unlike in the sheet they name.
    const T = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      T[n] = c >>> 0;
    }
    const REV = new Uint8Array(256);
    for (let n = 0; n < 256; n++) REV[T[n]! >>> 24] = n;
    const step = (reg: number, b: number) => ((reg >>> 8) ^ T[(reg ^ b) & 0xff]!) >>> 0;
    const back = (reg: number, b: number) => {
      const idx = REV[reg >>> 24]!;
      return (((reg ^ T[idx]!) << 8) | (idx ^ b)) >>> 0;
    };
    const forge = (prefix: Uint8Array, suffix: Uint8Array, target: number): Uint8Array => {
      const state = prefix.reduce(step, 0xffffffff);
      let reg = ~target >>> 0;
      for (let i = suffix.length - 1; i >= 0; i--) reg = back(reg, suffix[i]!);
      for (let i = 0; i < 4; i++) reg = back(reg, 0);
      const x = (reg ^ state) >>> 0;
      return Uint8Array.from([x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, x >>> 24]);
    };
    const workbook = (sheet: string) =>
      `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${sheet}" sheetId="1" r:id="rId1"/></sheets></workbook><!--`;
    const first = strToU8(`${workbook('表一')}abcd-->`);
    const suffix = strToU8('-->');
    const forged = forge(strToU8(workbook('表二')), suffix, crc32(first));
    const second = Uint8Array.from([...strToU8(workbook('表二')), ...forged, ...suffix]);
    expect([second.length, crc32(second)]).toStrictEqual([first.length, crc32(first)]);
    // Deflated, the two differ in length too; stored, only byte by byte.
    const withWorkbook = (part: Uint8Array, level: 0 | 6 = 6) =>
      zipSync({
        '[Content_Types].xml': strToU8(
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        ),
        'xl/workbook.xml': [part, { level }],
        'xl/_rels/workbook.xml.rels': strToU8(relsXml(sheetRel)),
        'xl/worksheets/sheet1.xml': strToU8(sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>')),
      });
    const names = (bytes: Uint8Array) => {
      const result = readWorkbook(bytes, { allSheets: true });
      return result.ok ? result.workbook.sheets.map((sheet) => sheet.name) : result.error;
    };
    clearPartCache();
    expect(names(withWorkbook(first))).toStrictEqual(['表一']);
    expect(names(withWorkbook(second))).toStrictEqual(['表二']);
    expect(names(withWorkbook(first))).toStrictEqual(['表一']);
    expect(names(withWorkbook(first, 0))).toStrictEqual(['表一']);
    expect(names(withWorkbook(second, 0))).toStrictEqual(['表二']);
  });

  it('the workbook part is the one the package names as the office document, not the first part it names', () => {
    const bytes = xlsx({
      '_rels/.rels': relsXml(
        `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/book.xml"/>`,
      ),
      'docProps/core.xml':
        '<cp:coreProperties xmlns:cp="urn:core"><dc:title xmlns:dc="urn:dc">x</dc:title></cp:coreProperties>',
      'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="不是这个" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/book.xml': `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="指标填报" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/book.xml.rels': relsXml(sheetRel),
      'xl/worksheets/sheet1.xml': sheetXml('<row r="1"><c r="A1"><v>7</v></c></row>'),
    });
    const result = readWorkbook(bytes, { allSheets: true });
    expect(result.ok ? result.workbook.sheets.map((sheet) => sheet.name) : result.error).toStrictEqual([
      '指标填报',
    ]);
  });

  it('spreadsheetml parts: read without any namespace bound; an element of another namespace named like ours is not ours', () => {
    const cells = (sst: string) =>
      firstRow(
        xlsx({
          'xl/sharedStrings.xml': sst,
          'xl/worksheets/sheet1.xml': sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
        }),
      )[0];
    expect(cells('<sst><si><t>无名空间</t></si></sst>')).toStrictEqual({ type: 'string', value: '无名空间' });
    expect(
      cells(
        `<sst xmlns="${MAIN}" xmlns:o="urn:other"><si><t>甲<o:t/>乙</t><o:t>外</o:t><o:si/><t>丙</t></si></sst>`,
      ),
    ).toStrictEqual({ type: 'string', value: '甲乙丙' });
  });

  it('cell references: lower case to z; more letters than any column has is no reference, the cell takes the next place', () => {
    const row = (cells: string) =>
      firstRow(xlsx({ 'xl/worksheets/sheet1.xml': sheetXml(`<row r="1">${cells}</row>`) }));
    const lower = row('<c r="z1"><v>26</v></c>');
    expect([lower.length, lower[25]]).toStrictEqual([26, { type: 'number', value: 26 }]);
    // Excel's last column is XFD: a reference of five letters names none.
    const next: RawCell[] = [];
    next[1] = { type: 'number', value: 2 };
    next[2] = { type: 'number', value: 3 };
    expect(row('<c r="B1"><v>2</v></c><c r="AAAAA1"><v>3</v></c>')).toStrictEqual(next);
  });

  it('a workbook part marking the 1904 date system with `true` reads its dates from 1904', () => {
    const workbook = (value: string) =>
      `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr date1904="${value}"/><sheets><sheet name="指标填报" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const dated = (value: string) =>
      xlsx({
        'xl/workbook.xml': workbook(value),
        'xl/_rels/workbook.xml.rels': relsXml(
          `${sheetRel}<Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>`,
        ),
        'xl/styles.xml': `<styleSheet xmlns="${MAIN}"><cellXfs><xf numFmtId="14"/></cellXfs></styleSheet>`,
        'xl/worksheets/sheet1.xml': sheetXml('<row r="1"><c r="A1" s="0"><v>1</v></c></row>'),
      });
    const day = (value: string) => {
      const cell = firstRow(dated(value))[0];
      return cell?.type === 'date' ? cell.value.slice(0, 10) : cell;
    };
    expect([day('true'), day('1'), day('false'), day('0')]).toStrictEqual([
      '1904-01-02',
      '1904-01-02',
      '1900-01-01',
      '1900-01-01',
    ]);
  });
});

describe('reader.ts lines 600–939 as the mutation run of 2026-12-01 (07:01) found them unstated', () => {
  const sheetRel = '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>';

  it('a boolean cell without a value is no cell; one with a formula and no cached result is an empty formula cell', () => {
    const result = readWorkbook(
      xlsx({
        'xl/worksheets/sheet1.xml': sheetXml(
          '<row r="1"><c r="A1" t="b"></c><c r="B1" t="b"><f>1=1</f></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="b"><v>0</v></c></row>',
        ),
      }),
    );
    const cells: (RawCell | undefined)[] = [];
    cells[1] = { type: 'empty', formula: true };
    cells[2] = { type: 'boolean', value: true };
    cells[3] = { type: 'boolean', value: false };
    expect(result.ok ? result.workbook.sheets[0]?.rows : result.error).toStrictEqual([cells]);
  });

  it('each worksheet’s part by sheet name, for writers that edit sheets: not a chart sheet; one without a relationship by the conventional name', () => {
    const bytes = xlsx({
      'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="指标填报" sheetId="1" r:id="rId1"/><sheet name="图" sheetId="2" r:id="rId2"/><sheet name="缺" sheetId="3" r:id="rId9"/><sheet name="重点任务" sheetId="4" r:id="rId3"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': relsXml(
        `${sheetRel}<Relationship Id="rId2" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/><Relationship Id="rId3" Type="${REL}/worksheet" Target="/xl/worksheets/tasks.xml"/>`,
      ),
      'xl/chartsheets/sheet1.xml': `<chartsheet xmlns="${MAIN}"/>`,
      'xl/worksheets/sheet1.xml': sheetXml(''),
      'xl/worksheets/tasks.xml': sheetXml(''),
    });
    expect([...sheetPartNames(bytes)]).toStrictEqual([
      ['指标填报', 'xl/worksheets/sheet1.xml'],
      // As the reader reads it: the name Excel's own files give the third sheet.
      ['缺', 'xl/worksheets/sheet3.xml'],
      ['重点任务', 'xl/worksheets/tasks.xml'],
    ]);
  });

  it('no sheet parts where the package cannot be read: not a zip, a workbook part that is not XML', () => {
    expect(sheetPartNames(strToU8('not a zip at all'))).toStrictEqual(new Map());
    expect(sheetPartNames(xlsx({ 'xl/workbook.xml': '<workbook><sheets><sheet name="a"' }))).toStrictEqual(
      new Map(),
    );
  });

  it('a package with two parts of one name is refused as damaged, naming the part (which one a program reads differs)', () => {
    // Two names of one length, then the second renamed to the first in its local header and in
    // the central directory: the bytes of a package holding xl/worksheets/sheet1.xml twice.
    const twice = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/worksheets/sheet1.xml': strToU8(sheetXml('')),
      'xl/worksheets/sheetX.xml': strToU8(sheetXml('<row r="1"><c r="A1"><v>2</v></c></row>')),
    });
    const from = strToU8('xl/worksheets/sheetX.xml');
    const to = strToU8('xl/worksheets/sheet1.xml');
    let renamed = 0;
    for (let i = 0; i + from.length <= twice.length; i++) {
      if (from.every((byte, k) => twice[i + k] === byte)) {
        twice.set(to, i);
        renamed++;
      }
    }
    expect(renamed).toBe(2);
    expect(readWorkbook(twice)).toStrictEqual({
      ok: false,
      error: { kind: 'damaged', params: { detail: 'zip: two parts named xl/worksheets/sheet1.xml' } },
    });
  });
});
