import { unzipSync, type UnzipFileInfo } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import {
  ENTRY_SHEET,
  META_SHEET,
  MILESTONE_SHEET,
  isDateFormat,
  serialToIsoDate,
  type FileError,
  type RawCell,
  type SheetView,
  type WorkbookView,
} from '../core';

/**
 * A fast, tolerant reader of the sheets that matter in a bureau's .xlsx file. It unzips only
 * the parts it needs and scans their XML with a streaming tokenizer: a full exceljs load costs
 * about 20 times as much and is too heavy for the task pane, which uses this same reader.
 * No Node APIs here: it runs in the browser as well.
 */

export const READ_LIMITS = {
  /** Bureau files are tens of kilobytes; anything this large is not a filled template. */
  maxFileBytes: 20 * 1024 * 1024,
  /** Declared uncompressed size of one part, checked before inflating (zip bombs). */
  maxPartBytes: 64 * 1024 * 1024,
  /** Rows read from one sheet; a template has about 40. */
  maxRows: 10_000,
  /** Columns read from one row. */
  maxColumns: 200,
  /** Sheets scanned when the 指标填报 sheet is missing. */
  maxSheets: 20,
} as const;

/** A county master grows with every file ever combined: its history can run to many rows. */
export const MASTER_READ_LIMITS = {
  ...READ_LIMITS,
  maxFileBytes: 512 * 1024 * 1024,
  maxPartBytes: 1024 * 1024 * 1024,
  maxRows: 5_000_000,
} as const;

export type ReadLimits = { [K in keyof typeof READ_LIMITS]: number };

/** Sheets inflated in the first pass over the zip; the template has three. */
const EAGER_SHEETS = 4;

export type WorkbookReadResult = { ok: true; workbook: WorkbookView } | { ok: false; error: FileError };

// Excel's built-in number formats that a file may reference by id without defining them.
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  // Ids 27–36 and 50–58 are locale-dependent; in zh-CN they are all date formats.
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** "EncryptionInfo" in UTF-16LE: an encrypted OOXML file is an OLE2 container holding this stream. */
function hasEncryptionInfo(bytes: Uint8Array): boolean {
  const needle = Array.from('EncryptionInfo').flatMap((ch) => [ch.charCodeAt(0), 0]);
  const limit = Math.min(bytes.length - needle.length, 1024 * 1024);
  outer: for (let i = 0; i <= limit; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  if (sample.length === 0) return false;
  let control = 0;
  for (const b of sample) if (b < 9 || (b > 13 && b < 32)) control++;
  return control === 0;
}

/** What kind of file this is, before any parsing (issue: check type and size before a full parse). */
export function sniff(bytes: Uint8Array, limits: ReadLimits = READ_LIMITS): FileError | null {
  if (bytes.length > limits.maxFileBytes) {
    return {
      kind: 'too-large',
      params: {
        detail: `${(bytes.length / 1024 / 1024).toFixed(1)} MB > ${limits.maxFileBytes / 1024 / 1024} MB`,
      },
    };
  }
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5))
    return null;
  if (startsWith(bytes, OLE2_MAGIC)) {
    return hasEncryptionInfo(bytes) ? { kind: 'encrypted', params: {} } : { kind: 'xls-binary', params: {} };
  }
  if (looksLikeText(bytes)) {
    const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512)).trimStart();
    if (head.startsWith('<')) return { kind: 'not-a-workbook', params: {} };
    if (/[,\t;]/.test(head)) return { kind: 'csv', params: {} };
  }
  return { kind: 'not-a-workbook', params: {} };
}

const decoder = new TextDecoder('utf-8');

function parseXml(
  bytes: Uint8Array,
  handlers: {
    open?: (tag: SaxesTagPlain) => void;
    close?: (tag: SaxesTagPlain) => void;
    text?: (text: string) => void;
  },
): void {
  const parser = new SaxesParser({ xmlns: false, position: false });
  if (handlers.open) parser.on('opentag', handlers.open);
  if (handlers.close) parser.on('closetag', handlers.close);
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  parser.write(decoder.decode(bytes)).close();
}

/** `x:c` → `c`: some writers prefix the spreadsheetml namespace. */
function local(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function attr(tag: SaxesTagPlain, name: string): string | undefined {
  const value = tag.attributes[name];
  if (value !== undefined) return value;
  for (const [key, v] of Object.entries(tag.attributes)) if (local(key) === name) return v;
  return undefined;
}

interface SheetEntry {
  name: string;
  visibility: SheetView['visibility'];
  path: string;
}

function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

function readWorkbookParts(files: Record<string, Uint8Array>): { sheets: SheetEntry[]; date1904: boolean } {
  const workbookXml = files['xl/workbook.xml'];
  const relsXml = files['xl/_rels/workbook.xml.rels'];
  if (!workbookXml) throw new Error('xl/workbook.xml missing');
  const targets = new Map<string, string>();
  if (relsXml) {
    parseXml(relsXml, {
      open(tag) {
        if (local(tag.name) !== 'Relationship') return;
        const id = attr(tag, 'Id');
        const target = attr(tag, 'Target');
        if (id && target) targets.set(id, resolvePath('xl/workbook.xml', target));
      },
    });
  }
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  parseXml(workbookXml, {
    open(tag) {
      const name = local(tag.name);
      if (name === 'workbookPr') {
        const value = attr(tag, 'date1904');
        date1904 = value === '1' || value === 'true';
      } else if (name === 'sheet') {
        const id = attr(tag, 'id') ?? '';
        const state = attr(tag, 'state');
        sheets.push({
          name: attr(tag, 'name') ?? '',
          visibility: state === 'hidden' ? 'hidden' : state === 'veryHidden' ? 'veryHidden' : 'visible',
          path: targets.get(id) ?? `xl/worksheets/sheet${sheets.length + 1}.xml`,
        });
      }
    },
  });
  return { sheets, date1904 };
}

// Phonetic runs (<rPh>) carry readings, not the text the cell shows.
const PHONETIC = /<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g;
const TEXT_RUN = /<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g;

/** The text of an <si> or <is>: its <t> runs joined, phonetic runs left out. */
function runText(inner: string): string {
  const text = inner.includes('rPh') ? inner.replace(PHONETIC, '') : inner;
  let out = '';
  for (const match of text.matchAll(TEXT_RUN)) out += decodeText(match[1] ?? '');
  return out;
}

function decodeText(text: string): string {
  if (text.startsWith('<![CDATA[')) return text.slice(9, text.lastIndexOf(']]>'));
  return text.includes('&') ? decodeEntities(text) : text;
}

/**
 * Shared strings and sheets are scanned by tag rather than through a general XML parser: they
 * are machine-written, and a scan is several times faster (BENCHMARKS.md). The fast reader is
 * checked against exceljs on every fixture, from exceljs, openpyxl and LibreOffice alike.
 */
function readSharedStrings(bytes: Uint8Array | undefined): string[] {
  if (!bytes) return [];
  const xml = decoder.decode(bytes);
  const strings: string[] = [];
  for (const match of xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)) {
    strings.push(runText(match[1] ?? ''));
  }
  return strings;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? '';
  });
}

function attrOf(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return match ? decodeEntities(match[1] ?? match[2] ?? '') : undefined;
}

/**
 * Number formats by style index. styles.xml is machine-written and only its numFmt and
 * cellXfs/xf tags matter here, so a tag scan does (a full XML parse of it was a fifth of the
 * reading time per file).
 */
function readStyles(bytes: Uint8Array | undefined): string[] {
  if (!bytes) return [];
  const xml = decoder.decode(bytes);
  const custom = new Map<number, string>();
  for (const match of xml.matchAll(/<(?:\w+:)?numFmt\b[^>]*>/g)) {
    const id = Number(attrOf(match[0], 'numFmtId'));
    const code = attrOf(match[0], 'formatCode');
    if (Number.isFinite(id) && code !== undefined) custom.set(id, code);
  }
  const xfFormats: string[] = [];
  const cellXfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml);
  if (cellXfs) {
    for (const match of (cellXfs[1] ?? '').matchAll(/<(?:\w+:)?xf\b[^>]*>/g)) {
      const id = Number(attrOf(match[0], 'numFmtId') ?? 0);
      xfFormats.push(custom.get(id) ?? BUILTIN_FORMATS[id] ?? 'General');
    }
  }
  return xfFormats;
}

/** `G12` → [12, 7]. */
function parseRef(ref: string): [number, number] | null {
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) column = column * 26 + code - 64;
    else if (code >= 97 && code <= 122) column = column * 26 + code - 96;
    else break;
  }
  const row = Number(ref.slice(i));
  return column > 0 && Number.isInteger(row) && row > 0 ? [row, column] : null;
}

class TooManyRows extends Error {}

const SHEET_TAGS = /<(?:\w+:)?(row|c|mergeCell)\b([^>]*?)(\/?)>/g;
const ATTRIBUTE = {
  r: /\sr\s*=\s*"([^"]*)"/,
  s: /\ss\s*=\s*"(\d+)"/,
  t: /\st\s*=\s*"([^"]*)"/,
  ref: /\sref\s*=\s*"([^"]*)"/,
};

function readSheet(
  bytes: Uint8Array,
  entry: SheetEntry,
  strings: readonly string[],
  formats: readonly string[],
  date1904: boolean,
  limits: ReadLimits,
): SheetView {
  const xml = decoder.decode(bytes);
  // A sheet cut off in transfer has no end to its data.
  if (!/<\/(?:\w+:)?sheetData>|<(?:\w+:)?sheetData\s*\/>/.test(xml))
    throw new Error(`${entry.path}: sheet data is incomplete`);
  const rows: (RawCell | undefined)[][] = [];
  const merges: string[] = [];
  let rowNumber = 0;
  let column = 0;

  const put = (cell: RawCell | undefined): void => {
    if (!cell || column > limits.maxColumns) return;
    let row = rows[rowNumber - 1];
    if (!row) {
      row = [];
      rows[rowNumber - 1] = row;
    }
    row[column - 1] = cell;
  };

  SHEET_TAGS.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = SHEET_TAGS.exec(xml)) !== null) {
    const [, tag, attributes = '', selfClosing] = match;
    if (tag === 'row') {
      const r = Number(ATTRIBUTE.r.exec(attributes)?.[1]);
      rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
      column = 0;
      if (rowNumber > limits.maxRows) throw new TooManyRows();
      continue;
    }
    if (tag === 'mergeCell') {
      const ref = ATTRIBUTE.ref.exec(attributes)?.[1];
      if (ref) merges.push(ref);
      continue;
    }
    const ref = ATTRIBUTE.r.exec(attributes)?.[1];
    const parsed = ref ? parseRef(ref) : null;
    if (parsed) [rowNumber, column] = parsed;
    else column++;
    if (rowNumber > limits.maxRows) throw new TooManyRows();
    if (selfClosing) continue;
    // The cell's content runs to its closing </c> (or </x:c>); nothing inside a cell is a <c>.
    const end = findCellEnd(xml, SHEET_TAGS.lastIndex);
    const inner = xml.slice(SHEET_TAGS.lastIndex, end);
    SHEET_TAGS.lastIndex = end;
    const type = ATTRIBUTE.t.exec(attributes)?.[1] ?? 'n';
    const style = Number(ATTRIBUTE.s.exec(attributes)?.[1] ?? 0) || 0;
    const hasFormula = /<(?:\w+:)?f\b/.test(inner);
    const v = /<(?:\w+:)?v\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?v>)/.exec(inner);
    const value = v ? decodeText(v[1] ?? '') : null;
    const inline =
      type === 'inlineStr'
        ? runText(/<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(inner)?.[1] ?? '')
        : '';
    put(toCell(type, value, inline, formats[style], hasFormula, strings, date1904));
  }
  // Holes in `rows` are rows without cells; make them explicit empty rows for the core.
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { name: entry.name, visibility: entry.visibility, rows, merges };
}

const CELL_END = /<\/(?:\w+:)?c>/g;

function findCellEnd(xml: string, from: number): number {
  CELL_END.lastIndex = from;
  const found = CELL_END.exec(xml);
  if (!found) throw new Error('cell without an end');
  return found.index;
}

function toCell(
  type: string,
  value: string | null,
  inline: string,
  numFmt: string | undefined,
  hasFormula: boolean,
  strings: readonly string[],
  date1904: boolean,
): RawCell | undefined {
  const base = {
    ...(numFmt && numFmt !== 'General' ? { numFmt } : {}),
    ...(hasFormula ? { formula: true } : {}),
  };
  let cell: RawCell | undefined;
  switch (type) {
    case 's': {
      const text = strings[Number(value)];
      cell = text === undefined ? undefined : { type: 'string', value: text, ...base };
      break;
    }
    case 'inlineStr':
      cell = { type: 'string', value: inline, ...base };
      break;
    case 'str':
      cell = value === null ? undefined : { type: 'string', value, ...base };
      break;
    case 'b':
      cell =
        value === null ? undefined : { type: 'boolean', value: value === '1' || value === 'true', ...base };
      break;
    case 'e':
      cell = value === null ? undefined : { type: 'error', value, ...base };
      break;
    case 'd':
      cell = value === null ? undefined : { type: 'date', value: new Date(value).toISOString(), ...base };
      break;
    default: {
      if (value === null || value === '') break;
      const number = Number(value);
      if (!Number.isFinite(number)) {
        cell = { type: 'string', value, ...base };
      } else if (isDateFormat(numFmt)) {
        const iso = serialToIsoDate(number, date1904);
        cell = iso
          ? { type: 'date', value: `${iso}T00:00:00.000Z`, ...base }
          : { type: 'number', value: number, ...base };
      } else {
        cell = { type: 'number', value: number, ...base };
      }
    }
  }
  // An empty string holds nothing a reader can use (exceljs drops it the same way).
  if (cell?.type === 'string' && cell.value === '' && !hasFormula) cell = undefined;
  // A formula without a cached result (written by a script, never calculated) is not empty.
  if (!cell && hasFormula) cell = { type: 'empty', formula: true };
  return cell;
}

/**
 * Reads the sheets a submission needs: 指标填报, 重点任务 and _meta, or, where 指标填报 is
 * missing, the visible sheets (the core picks the first with the header). Never throws.
 */
export function readWorkbook(
  bytes: Uint8Array,
  options: { allSheets?: boolean; limits?: ReadLimits } = {},
): WorkbookReadResult {
  const limits = options.limits ?? READ_LIMITS;
  const refused = sniff(bytes, limits);
  if (refused) return { ok: false, error: refused };

  let files: Record<string, Uint8Array>;
  let oversized: UnzipFileInfo | null = null;
  const fixedParts = new Set([
    'xl/workbook.xml',
    'xl/_rels/workbook.xml.rels',
    'xl/sharedStrings.xml',
    'xl/styles.xml',
  ]);
  // A bureau file has three sheets: inflate them with the fixed parts in one pass. A workbook
  // with many sheets gets the first few now and the rest, if wanted, in a second pass.
  let sheetsInflated = 0;
  let bytesInflated = 0;
  try {
    files = unzipSync(bytes, {
      filter(file) {
        const isSheet = /^xl\/worksheets\/[^/]+\.xml$/.test(file.name);
        if ((fixedParts.has(file.name) || isSheet) && file.originalSize > limits.maxPartBytes) {
          oversized = file;
          return false;
        }
        if (fixedParts.has(file.name)) return true;
        if (
          !isSheet ||
          sheetsInflated >= EAGER_SHEETS ||
          bytesInflated + file.originalSize > limits.maxPartBytes
        )
          return false;
        sheetsInflated++;
        bytesInflated += file.originalSize;
        return true;
      },
    });
  } catch (cause) {
    return { ok: false, error: { kind: 'damaged', params: { detail: String(cause) } } };
  }
  if (oversized) {
    const info = oversized as UnzipFileInfo;
    return {
      ok: false,
      error: {
        kind: 'too-large',
        params: { detail: `${info.name} ${(info.originalSize / 1024 / 1024).toFixed(0)} MB` },
      },
    };
  }
  if (!files['xl/workbook.xml']) return { ok: false, error: { kind: 'not-a-workbook', params: {} } };

  try {
    const { sheets: entries, date1904 } = readWorkbookParts(files);
    const strings = readSharedStrings(files['xl/sharedStrings.xml']);
    const formats = readStyles(files['xl/styles.xml']);
    const hasEntrySheet = entries.some((e) => e.name.trim() === ENTRY_SHEET);
    const wanted = entries.filter(
      (e) =>
        options.allSheets ||
        [ENTRY_SHEET, META_SHEET, MILESTONE_SHEET].includes(e.name.trim()) ||
        (!hasEntrySheet && e.visibility === 'visible'),
    );
    const missing = new Set(
      wanted
        .slice(0, limits.maxSheets)
        .map((e) => e.path)
        .filter((p) => !files[p]),
    );
    const sheetFiles =
      missing.size === 0
        ? files
        : {
            ...files,
            ...unzipSync(bytes, {
              filter: (file) => missing.has(file.name) && file.originalSize <= limits.maxPartBytes,
            }),
          };
    const sheets: SheetView[] = [];
    for (const entry of wanted.slice(0, limits.maxSheets)) {
      const data = sheetFiles[entry.path];
      sheets.push(
        data
          ? readSheet(data, entry, strings, formats, date1904, limits)
          : { name: entry.name, visibility: entry.visibility, rows: [], merges: [] },
      );
    }
    return { ok: true, workbook: { sheets, date1904 } };
  } catch (cause) {
    if (cause instanceof TooManyRows) {
      return { ok: false, error: { kind: 'too-large', params: { detail: `> ${limits.maxRows} 行` } } };
    }
    return {
      ok: false,
      error: { kind: 'damaged', params: { detail: cause instanceof Error ? cause.message : String(cause) } },
    };
  }
}
