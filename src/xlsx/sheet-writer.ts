import { columnLetter, type TableCell } from '../core';
import { MASTER_READ_LIMITS, sheetPartNames } from './reader';
import { partTexts } from './zip';
import { repackZip, type NewPart } from './zip-writer';

/**
 * The body rows of the master's tables (县汇总, 报送登记, 未报送, 趋势, 历史) and its durable state,
 * written as SpreadsheetML text and spliced into the workbook exceljs wrote. exceljs builds an
 * object per cell and a style lookup per cell; for 16,000 history rows that was most of the
 * master's write time (BENCHMARKS.md). exceljs still writes each table's title, header row,
 * columns, page setup, filter and frozen panes, and the two drawn sheets (总览, 完成情况); this
 * module adds rows below the headers and the few cell formats those rows use.
 *
 * Element by element (ECMA-376 Part 1): row §18.3.1.73 (`r`, `ht`, `customHeight`), c §18.3.1.4
 * (`r`, `s`, `t`), inline string §18.3.1.53 `is` with `t` §18.4.12, dimension §18.3.1.35, the
 * style sheet's fonts §18.8.23, fills §18.8.21, borders §18.8.5 and cellXfs §18.8.10.
 */

export interface CellFormat {
  font: { name: string; size: number; bold?: boolean; colour?: string };
  /** ARGB of a solid fill. */
  fill?: string;
  /** A thin box of this ARGB colour. */
  box?: string;
  /** Wrapped text, centred vertically. */
  wrap?: boolean;
  /** Shown as a percentage: Excel's built-in format 9, `0%` (ECMA-376 Part 1 §18.8.30). */
  percent?: boolean;
}

export interface SplicedRows {
  /** The part name of the worksheet, as in the package (`xl/worksheets/sheet7.xml`). */
  part: string;
  /** The first row to write (the rows above are exceljs's). */
  firstRow: number;
  rows: readonly (readonly TableCell[])[];
  /** The format index (into `formats`) of a cell, or undefined for Excel's default. */
  formatOf?: (row: number, column: number) => number | undefined;
  /** Row height in points, or undefined to let the program size it. */
  heightOf?: (row: number) => number | undefined;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * A cell's text as SpreadsheetML holds it. `_xHHHH_` in a string is an escape to Excel
 * (ECMA-376 Part 1 §22.9.2.19 ST_Xstring), so a bureau's literal `_x0041_` is written with its
 * underscore escaped (`_x005F_`), as Excel itself does; otherwise Excel would show `A`.
 */
export function xmlText(text: string): string {
  if (!/[&<>_]/.test(text)) return text;
  return text.replace(/[&<>]/g, (c) => escapes[c] ?? c).replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
}

/**
 * A growing byte buffer the rows are written into as UTF-8, a row at a time. Building each row as a
 * string, joining them and encoding the result made and copied the 历史's 14 MB three times over;
 * that was half of the master's write time at 2,600 files (BENCHMARKS.md).
 */
export class XmlBytes {
  private buffer = Buffer.allocUnsafe(1 << 16);
  private at = 0;

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }

  /** Any text; UTF-8 takes at most three bytes for one UTF-16 unit. */
  text(text: string): void {
    this.room(text.length * 3);
    this.at += this.buffer.write(text, this.at, 'utf8');
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.at);
  }
}

function cellXml(ref: string, value: TableCell, style: number | undefined): string {
  const s = style === undefined ? '' : ` s="${style}"`;
  if (value === null || value === '') return style === undefined ? '' : `<c r="${ref}"${s}/>`;
  if (typeof value === 'number') {
    // A value Excel cannot hold as a number is kept as its text rather than lost.
    if (!Number.isFinite(value))
      return `<c r="${ref}"${s} t="inlineStr"><is><t>${String(value)}</t></is></c>`;
    return `<c r="${ref}"${s}><v>${String(value)}</v></c>`;
  }
  // xml:space only where white space at an end or a line break would otherwise be dropped.
  const space = /^\s|\s$|\n/.test(value) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
}

/** Writes the rows as SpreadsheetML into `out`, a row at a time. */
export function writeRows(out: XmlBytes, spliced: SplicedRows, styleIds: readonly number[]): void {
  const letters: string[] = [];
  spliced.rows.forEach((values, i) => {
    const r = spliced.firstRow + i;
    const height = spliced.heightOf?.(i);
    let row = `<row r="${r}"${height === undefined ? '' : ` ht="${height}" customHeight="1"`}>`;
    values.forEach((value, c) => {
      const letter = (letters[c] ??= columnLetter(c + 1));
      const format = spliced.formatOf?.(i, c);
      row += cellXml(`${letter}${r}`, value, format === undefined ? undefined : styleIds[format]);
    });
    out.text(`${row}</row>`);
  });
}

function appendTo(xml: string, list: string, items: readonly string[]): { xml: string; first: number } {
  // `<fonts count="3">…</fonts>`: exceljs always writes the list with a count.
  const open = new RegExp(`<${list} count="(\\d+)"([^>]*)>`).exec(xml);
  const close = xml.indexOf(`</${list}>`);
  if (!open || close < 0) throw new Error(`styles.xml has no <${list}> list to extend`);
  const first = Number(open[1]);
  const updated =
    xml.slice(0, open.index) +
    `<${list} count="${first + items.length}"${open[2] ?? ''}>` +
    xml.slice(open.index + open[0].length, close) +
    items.join('') +
    xml.slice(close);
  return { xml: updated, first };
}

/** Adds the formats to exceljs's style sheet; returns the style sheet and each format's xf index. */
export function addFormats(
  stylesXml: string,
  formats: readonly CellFormat[],
): { xml: string; ids: number[] } {
  if (formats.length === 0) return { xml: stylesXml, ids: [] };
  const fonts = formats.map(
    (f) =>
      `<font>${f.font.bold ? '<b/>' : ''}<sz val="${f.font.size}"/>${
        f.font.colour ? `<color rgb="${f.font.colour}"/>` : ''
      }<name val="${xmlText(f.font.name)}"/><family val="2"/></font>`,
  );
  const fills = formats.map((f) =>
    f.fill
      ? `<fill><patternFill patternType="solid"><fgColor rgb="${f.fill}"/><bgColor indexed="64"/></patternFill></fill>`
      : '<fill><patternFill patternType="none"/></fill>',
  );
  const side = (name: string, colour?: string) =>
    colour ? `<${name} style="thin"><color rgb="${colour}"/></${name}>` : `<${name}/>`;
  const borders = formats.map(
    (f) =>
      `<border>${side('left', f.box)}${side('right', f.box)}${side('top', f.box)}${side('bottom', f.box)}<diagonal/></border>`,
  );
  let xml = stylesXml;
  const font = appendTo(xml, 'fonts', fonts);
  xml = font.xml;
  const fill = appendTo(xml, 'fills', fills);
  xml = fill.xml;
  const border = appendTo(xml, 'borders', borders);
  xml = border.xml;
  const xfs = formats.map(
    (f, i) =>
      `<xf numFmtId="${f.percent ? 9 : 0}" fontId="${font.first + i}" fillId="${fill.first + i}" borderId="${border.first + i}" xfId="0" applyFont="1"${f.percent ? ' applyNumberFormat="1"' : ''}${
        f.fill ? ' applyFill="1"' : ''
      }${f.box ? ' applyBorder="1"' : ''}${
        f.wrap ? ' applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>' : '/>'
      }`,
  );
  const xf = appendTo(xml, 'cellXfs', xfs);
  return { xml: xf.xml, ids: formats.map((_f, i) => xf.first + i) };
}

/**
 * Puts the rows into their worksheet: before `</sheetData>`, with the sheet's dimension widened.
 * Returns the part's bytes; the rows are written straight into them (XmlBytes).
 */
export function spliceSheet(
  sheetXml: string,
  spliced: SplicedRows & { lastColumn: number },
  styleIds: readonly number[],
): Buffer {
  const lastRow = spliced.firstRow + spliced.rows.length - 1;
  const dimension = `<dimension ref="A1:${columnLetter(Math.max(1, spliced.lastColumn))}${Math.max(1, lastRow)}"/>`;
  let xml = /<dimension [^>]*\/>/.test(sheetXml)
    ? sheetXml.replace(/<dimension [^>]*\/>/, dimension)
    : sheetXml.replace(/<sheetPr[^>]*\/>|<sheetPr[^>]*>.*?<\/sheetPr>/s, (m) => m + dimension);
  xml = xml.replace('<sheetData/>', '<sheetData></sheetData>');
  const end = xml.indexOf('</sheetData>');
  if (end < 0) throw new Error('the worksheet has no <sheetData>');
  const out = new XmlBytes();
  out.text(xml.slice(0, end));
  writeRows(out, spliced, styleIds);
  out.text(xml.slice(end));
  return out.bytes();
}

/**
 * Rewrites exceljs's package with the rows added to the named sheets and the formats added to its
 * style sheet. Only the workbook, its relationships, the style sheet and those sheets are inflated;
 * every other part is copied as exceljs compressed it.
 */
export function spliceWorkbook(
  bytes: Uint8Array,
  formats: readonly CellFormat[],
  sheets: ReadonlyMap<string, Omit<SplicedRows, 'part'> & { lastColumn: number }>,
): Buffer {
  const read = partTexts(bytes, Number.MAX_SAFE_INTEGER);
  const text = (name: string): string => {
    const xml = read(name);
    if (xml === undefined) throw new Error(`spliceWorkbook: the workbook has no readable ${name}`);
    return xml;
  };
  const names = sheetPartNames(bytes, MASTER_READ_LIMITS);
  const added = addFormats(text('xl/styles.xml'), formats);
  const parts: NewPart[] = [{ name: 'xl/styles.xml', data: Buffer.from(added.xml) }];
  for (const [sheet, spliced] of sheets) {
    const part = names.get(sheet);
    if (!part) throw new Error(`spliceWorkbook: the workbook has no sheet ${sheet}`);
    parts.push({ name: part, data: spliceSheet(text(part), { ...spliced, part }, added.ids) });
  }
  return repackZip(bytes, parts);
}
