import {
  ENTRY_SHEET,
  META_SHEET,
  MILESTONE_SHEET,
  isDateFormat,
  serialToIsoDate,
  type FileError,
  type FileErrorKind,
  type FileErrorParamsOf,
  type RawCell,
  type SheetView,
  type WorkbookView,
} from '../core';
import { attribute, decodeExcelEscapes, mainPrefix, parseAttributes, scanXml, type XmlHandler } from './xml';
import {
  compressedData,
  InflateBudget,
  indexEntries,
  inflateEntry,
  readZipDirectory,
  type ZipEntry,
} from './zip';

/**
 * A fast, careful reader of the sheets that matter in a bureau's .xlsx file. It inflates only
 * the parts it needs, under one budget for the whole file, and scans their XML forward only, so
 * its work is linear in the file whatever the file holds: a full exceljs load costs about 20
 * times as much and is too heavy for the task pane, which uses this same reader. It finds parts
 * as the Open Packaging Conventions say (relationships, case-insensitive names) and refuses a
 * file only for a reason it can name. No Node APIs here: it runs in the browser as well.
 */

export const READ_LIMITS = {
  /** Bureau files are tens of kilobytes; anything this large is not a filled template. */
  maxFileBytes: 20 * 1024 * 1024,
  /** Bytes inflated from all the parts read, together (zip bombs, many-sheet bombs). */
  maxInflatedBytes: 64 * 1024 * 1024,
  /** The last row that holds a value; a template has about 40. Empty, formatted rows do not count. */
  maxRows: 10_000,
  /** Columns read from one row. */
  maxColumns: 200,
  /** Cells holding a value, across the sheets read. */
  maxCells: 200_000,
  /** Merged areas across the sheets read; a template has none. */
  maxMerges: 10_000,
  /** Sheets scanned when the 指标填报 sheet is missing. */
  maxSheets: 20,
  /** Entries in the zip directory; a workbook has a few dozen. */
  maxEntries: 10_000,
} as const;

/** A county master grows with every file ever combined: its history can run to many rows. */
export const MASTER_READ_LIMITS = {
  ...READ_LIMITS,
  maxFileBytes: 512 * 1024 * 1024,
  maxInflatedBytes: 2048 * 1024 * 1024,
  maxRows: 1_048_576,
  maxCells: 50_000_000,
} as const;

export type ReadLimits = { [K in keyof typeof READ_LIMITS]: number };

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

const MB = 1024 * 1024;

/** The parameters of a refusal for the file's own size; the pane and the CLI check it before reading. */
export function fileTooLarge(size: number, limits: ReadLimits = READ_LIMITS): FileError {
  return {
    kind: 'too-large',
    params: { limit: 'file', size: (size / MB).toFixed(1), max: limits.maxFileBytes / MB },
  };
}

/** What kind of file this is, before any parsing (issue: check type and size before a full parse). */
export function sniff(bytes: Uint8Array, limits: ReadLimits = READ_LIMITS): FileError | null {
  if (bytes.length > limits.maxFileBytes) {
    return fileTooLarge(bytes.length, limits);
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

/** A refusal found deep in reading, carried out to `readWorkbook` as its result. */
class Refusal extends Error {
  constructor(readonly error: FileError) {
    super(error.kind);
  }
}

function refuse<K extends FileErrorKind>(kind: K, params: FileErrorParamsOf[K]): never {
  // The signature checks the parameters against the kind; the union cannot follow a generic K.
  throw new Refusal({ kind, params } as FileError);
}

class MissingString extends Error {
  constructor(
    readonly index: number,
    readonly count: number,
  ) {
    super(`shared string ${index} of ${count}`);
  }
}

/** Everything read from one file shares one budget and one set of counters. */
interface Reading {
  bytes: Uint8Array;
  parts: Map<string, ZipEntry>;
  budget: InflateBudget;
  limits: ReadLimits;
  cells: number;
  merges: number;
  /** Characters the XML scanner looked at across every part read (ScanStats.steps). */
  steps: number;
  /** Characters of XML in the parts read, the measure the work is held to. */
  xmlChars: number;
}

// Built once, not per part: a file has half a dozen parts and a combine thousands of files.
const UTF8 = new TextDecoder('utf-8');

function decodePart(data: Uint8Array): string {
  // Excel writes UTF-8; XML allows UTF-16 with a byte order mark, and some tools write it.
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  return UTF8.decode(data);
}

/** The text of a part, or undefined where the package has none by that name. */
function partText(reading: Reading, name: string): string | undefined {
  const entry = reading.parts.get(name.toLowerCase());
  if (!entry) return undefined;
  const inflated = inflateEntry(reading.bytes, entry, reading.budget);
  if (!inflated.ok) {
    if (inflated.failure.kind === 'budget')
      refuse('too-large', {
        limit: 'inflated',
        max: reading.limits.maxInflatedBytes / MB,
        detail: inflated.failure.detail,
      });
    refuse('damaged', { detail: inflated.failure.detail });
  }
  return decodePart((inflated as { data: Uint8Array }).data);
}

/**
 * What was read from the parts every file saved by one program shares byte for byte — the
 * package's and the workbook's relationships, the workbook part, the styles — kept so that a
 * combine of thousands of files made from one template reads each of them once. A part is found
 * again only when its name, compression method, declared size and CRC-32 and its compressed bytes
 * are all the same, so it would inflate, pass every check and read exactly as before; it is
 * charged to the file's budget and work counters as if read again, so that how a file reads never
 * depends on the files read before it. Bounded: small parts only, and emptied when full.
 */
interface CachedPart {
  compressed: Uint8Array;
  value: unknown;
  steps: number;
  xmlChars: number;
}
const partCache = new Map<string, CachedPart>();
const PART_CACHE_ENTRIES = 64;
const PART_CACHE_MAX_BYTES = 64 * 1024;

/** Forgets every part read before: for tests that compare a first read with a later one. */
export function clearPartCache(): void {
  partCache.clear();
}

/** How many parts are remembered: for the test that holds the memory to its bound. */
export function partCacheSize(): number {
  return partCache.size;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `read(text)` of a part, from the cache where the part was met before; undefined where the package
 * has no part by that name. `read` must depend on the part's text and `name` only.
 */
function readCachedPart<T>(reading: Reading, name: string, read: (xml: string) => T): T | undefined {
  const entry = reading.parts.get(name.toLowerCase());
  if (!entry) return undefined;
  const located = compressedData(reading.bytes, entry);
  const cacheable =
    located.ok && entry.compressedSize <= PART_CACHE_MAX_BYTES && entry.size <= reading.budget.remaining;
  const key = `${name}\n${entry.method}\n${entry.size}\n${entry.crc}`;
  if (cacheable) {
    const hit = partCache.get(key);
    if (hit && sameBytes(hit.compressed, located.data)) {
      reading.budget.remaining -= entry.size;
      reading.steps += hit.steps;
      reading.xmlChars += hit.xmlChars;
      return hit.value as T;
    }
  }
  const [steps, xmlChars] = [reading.steps, reading.xmlChars];
  const value = read(partText(reading, name) ?? '');
  if (cacheable) {
    if (partCache.size >= PART_CACHE_ENTRIES) partCache.clear();
    partCache.set(key, {
      compressed: located.data.slice(),
      value,
      steps: reading.steps - steps,
      xmlChars: reading.xmlChars - xmlChars,
    });
  }
  return value;
}

/** Scans a part, refusing it when it is cut off or carries a DTD (Excel writes neither). */
function scanPart(reading: Reading, xml: string, name: string, handler: XmlHandler): void {
  const stats = scanXml(xml, handler);
  reading.steps += stats.steps;
  reading.xmlChars += xml.length;
  const damaged = (why: string): void => refuse('part-damaged', { part: name, detail: `${name}: ${why}` });
  if (stats.doctype) damaged('<!DOCTYPE> is not allowed in OOXML');
  if (stats.malformed) damaged(`not well-formed XML: ${stats.malformed}`);
  if (stats.truncated) damaged('ends inside a tag or with elements left open');
}

/**
 * A handler that only sees elements of the spreadsheetml namespace as the root binds it, so
 * that `<x15:workbookPr>` (written routinely by Excel 2013+) is not taken for `<workbookPr>`.
 */
function mainOnly(inner: {
  open(local: string, attributes: string, selfClosing: boolean): void;
  close?(local: string): void;
  text?(text: string): void;
  wantText?(): boolean;
}): XmlHandler {
  let main: string | null | undefined;
  return {
    open(local, prefix, attributes, selfClosing) {
      if (main === undefined) main = mainPrefix(parseAttributes(attributes));
      if (main === null || prefix === main) inner.open(local, attributes, selfClosing);
    },
    close(local, prefix) {
      if (main === null || prefix === main) inner.close?.(local);
    },
    text: (text) => inner.text?.(text),
    wantText: () => inner.wantText?.() ?? false,
  };
}

interface Relationship {
  type: string;
  target: string;
}

/** `xl/workbook.xml` + `worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml` (OPC part names). */
function resolvePath(base: string, target: string): string {
  const clean = target.replace(/\\/g, '/');
  if (clean.startsWith('/')) return clean.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const piece of clean.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

/** The relationships of a part, from its `_rels/<name>.rels`, targets resolved. */
function relationships(reading: Reading, source: string): ReadonlyMap<string, Relationship> {
  const folder = source.includes('/') ? source.slice(0, source.lastIndexOf('/') + 1) : '';
  const file = source.slice(folder.length);
  const relsName = `${folder}_rels/${file}.rels`;
  return (
    readCachedPart(reading, relsName, (xml) => readRelationships(reading, xml, relsName, source)) ?? new Map()
  );
}

function readRelationships(
  reading: Reading,
  xml: string,
  relsName: string,
  source: string,
): ReadonlyMap<string, Relationship> {
  const map = new Map<string, Relationship>();
  scanPart(reading, xml, relsName, {
    open(local, _prefix, raw) {
      if (local !== 'Relationship') return;
      const a = parseAttributes(raw);
      const id = a.get('Id');
      const target = a.get('Target');
      if (id === undefined || target === undefined || a.get('TargetMode') === 'External') return;
      map.set(id, { type: a.get('Type') ?? '', target: resolvePath(source, target) });
    },
    close: () => undefined,
    text: () => undefined,
    wantText: () => false,
  });
  return map;
}

/** Relationship types are URIs that end in the kind's name, transitional and strict alike. */
const typeIs = (rel: Relationship, kind: string): boolean => rel.type.endsWith(`/${kind}`);

type SheetKind = 'worksheet' | 'chartsheet' | 'dialogsheet' | 'macrosheet';

interface SheetEntry {
  name: string;
  visibility: SheetView['visibility'];
  path: string | null;
  kind: SheetKind;
}

interface WorkbookParts {
  sheets: SheetEntry[];
  date1904: boolean;
  sharedStrings: string | null;
  styles: string | null;
}

/** The workbook part: where the package's relationships say it is, else the usual place. */
function findWorkbookPart(reading: Reading): string {
  for (const rel of relationships(reading, '').values()) {
    if (typeIs(rel, 'officeDocument') && reading.parts.has(rel.target.toLowerCase())) return rel.target;
  }
  if (reading.parts.has('xl/workbook.xml')) return 'xl/workbook.xml';
  if (reading.parts.has('mimetype')) {
    const mime = partText(reading, 'mimetype') ?? '';
    if (mime.startsWith('application/vnd.oasis.opendocument')) refuse('ods', { detail: mime.trim() });
  }
  return refuse('not-a-workbook', {
    detail: 'no workbook part (_rels/.rels names none, no xl/workbook.xml)',
  });
}

/** What the workbook part itself says: its sheets as listed, and the 1904 date system. */
interface WorkbookListing {
  sheets: { name: string; state: string | undefined; id: string }[];
  date1904: boolean;
}

function readWorkbookListing(reading: Reading, xml: string, name: string): WorkbookListing {
  const sheets: WorkbookListing['sheets'] = [];
  let date1904: boolean | null = null;
  scanPart(
    reading,
    xml,
    name,
    mainOnly({
      open(local, raw) {
        if (local === 'workbookPr' && date1904 === null) {
          const value = parseAttributes(raw).get('date1904');
          date1904 = value === '1' || value === 'true';
        } else if (local === 'sheet') {
          const a = parseAttributes(raw);
          sheets.push({ name: a.get('name') ?? '', state: a.get('state'), id: a.get('id') ?? '' });
        }
      },
    }),
  );
  return { sheets, date1904: date1904 ?? false };
}

function readWorkbookParts(reading: Reading): WorkbookParts {
  const workbookPath = findWorkbookPart(reading);
  const rels = relationships(reading, workbookPath);
  const listing =
    readCachedPart(reading, workbookPath, (xml) => readWorkbookListing(reading, xml, workbookPath)) ??
    readWorkbookListing(reading, '', workbookPath);
  const sheets = listing.sheets.map(({ name, state, id }, i): SheetEntry => {
    const rel = rels.get(id);
    // Only the kinds that hold no cells are told apart; any other relationship is read as a
    // worksheet, as Excel does with hand-made packages whose types are sloppy.
    const kind: SheetKind = !rel
      ? 'worksheet'
      : typeIs(rel, 'chartsheet')
        ? 'chartsheet'
        : typeIs(rel, 'dialogsheet')
          ? 'dialogsheet'
          : typeIs(rel, 'xlMacrosheet') || typeIs(rel, 'xlIntlMacrosheet')
            ? 'macrosheet'
            : 'worksheet';
    return {
      name,
      visibility: state === 'hidden' ? 'hidden' : state === 'veryHidden' ? 'veryHidden' : 'visible',
      // A sheet without a relationship: the conventional name, as Excel's own files have it.
      path: rel ? rel.target : `xl/worksheets/sheet${i + 1}.xml`,
      kind,
    };
  });
  const { date1904 } = listing;
  let sharedStrings: string | null = null;
  let styles: string | null = null;
  for (const rel of rels.values()) {
    if (typeIs(rel, 'sharedStrings')) sharedStrings = rel.target;
    else if (typeIs(rel, 'styles')) styles = rel.target;
  }
  // Some writers leave out the relationships of these two; the conventional names then.
  sharedStrings ??= reading.parts.has('xl/sharedstrings.xml') ? 'xl/sharedStrings.xml' : null;
  styles ??= reading.parts.has('xl/styles.xml') ? 'xl/styles.xml' : null;
  return { sheets, date1904, sharedStrings, styles };
}

/**
 * The text of each <si>: its <t> runs joined, phonetic runs (<rPh>, readings rather than the
 * text shown) left out, Excel's `_xHHHH_` escapes decoded.
 */
function readSharedStrings(reading: Reading, name: string | null): string[] {
  const xml = name ? partText(reading, name) : undefined;
  if (xml === undefined) return [];
  const strings: string[] = [];
  let inItem = false;
  let inPhonetic = 0;
  let inText = false;
  let text = '';
  scanPart(
    reading,
    xml,
    name ?? '',
    mainOnly({
      open(local, _raw, selfClosing) {
        if (local === 'si') {
          // An <si> opened inside another was never closed: the first ends here.
          if (inItem) strings.push(decodeExcelEscapes(text));
          inItem = !selfClosing;
          text = '';
          if (selfClosing) strings.push('');
        } else if (local === 'rPh') {
          if (!selfClosing) inPhonetic++;
        } else if (local === 't') {
          inText = !selfClosing && inItem && inPhonetic === 0;
        }
      },
      close(local) {
        if (local === 'si' && inItem) {
          strings.push(decodeExcelEscapes(text));
          inItem = false;
        } else if (local === 'rPh' && inPhonetic > 0) inPhonetic--;
        else if (local === 't') inText = false;
      },
      text(chunk) {
        text += chunk;
      },
      wantText: () => inText,
    }),
  );
  if (inItem) strings.push(decodeExcelEscapes(text));
  return strings;
}

/** Number formats by cell style index: only numFmt and cellXfs/xf matter here. */
function readStyles(reading: Reading, name: string | null): readonly string[] {
  return (name ? readCachedPart(reading, name, (xml) => readFormats(reading, xml, name)) : undefined) ?? [];
}

function readFormats(reading: Reading, xml: string, name: string): readonly string[] {
  const custom = new Map<number, string>();
  const xfIds: number[] = [];
  let inCellXfs = false;
  scanPart(
    reading,
    xml,
    name,
    mainOnly({
      open(local, raw, selfClosing) {
        if (local === 'numFmt') {
          const a = parseAttributes(raw);
          const id = Number(a.get('numFmtId'));
          const code = a.get('formatCode');
          if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
        } else if (local === 'cellXfs') {
          inCellXfs = !selfClosing;
        } else if (local === 'xf' && inCellXfs) {
          // Only the format id: a style's <xf> carries half a dozen attributes the reader never uses.
          xfIds.push(Number(attribute(raw, 'numFmtId') ?? 0));
        }
      },
      close(local) {
        if (local === 'cellXfs') inCellXfs = false;
      },
    }),
  );
  return xfIds.map((id) => custom.get(id) ?? BUILTIN_FORMATS[id] ?? 'General');
}

/** `G12` → [12, 7]. */
function parseRef(ref: string): [number, number] | null {
  let column = 0;
  let i = 0;
  for (; i < ref.length && i < 4; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) column = column * 26 + code - 64;
    else if (code >= 97 && code <= 122) column = column * 26 + code - 96;
    else break;
  }
  const row = Number(ref.slice(i));
  return column > 0 && Number.isInteger(row) && row > 0 ? [row, column] : null;
}

/**
 * A value of a date-typed cell (`t="d"`, ISO 8601 without a zone as Excel writes it), read as
 * the wall-clock time it says: never through the machine's time zone. A time alone is a time
 * on Excel's day 0 (1899-12-30), as the serial number of a time would be.
 */
export function isoFromDateCell(text: string): string | null {
  // A date-time is at most about 35 characters; anything longer is not one, and is not scanned.
  const trimmed = text.length > 64 ? '' : text.trim();
  const match =
    /^(?:(\d{4})-(\d{2})-(\d{2}))?(?:[T ]?(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      trimmed,
    );
  if (!match || (match[1] === undefined && match[4] === undefined)) return null;
  const [, y = '1899', mo = '12', d = '30', h = '00', mi = '00', sec = '00', frac = '', zone] = match;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec));
  ms += Math.round(Number(`0.${frac || '0'}`) * 1000);
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
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
      // `<v/>` or `<v></v>` is no index at all: not string 0, which Number('') would give.
      const index = value === null || value.trim() === '' ? NaN : Number(value);
      if (Number.isNaN(index)) break;
      const text = Number.isInteger(index) ? strings[index] : undefined;
      // A reference past the end of the table: the file lost its strings (or names them in a
      // form that is not OOXML, like Office 2007 beta's <sstItem>). Reading the cell as empty
      // would turn a clerk's text into 未填 without a word.
      if (text === undefined) throw new MissingString(index, strings.length);
      cell = { type: 'string', value: text, ...base };
      break;
    }
    case 'inlineStr':
      cell = { type: 'string', value: inline, ...base };
      break;
    case 'str':
      cell = value === null ? undefined : { type: 'string', value: decodeExcelEscapes(value), ...base };
      break;
    case 'b':
      cell =
        value === null ? undefined : { type: 'boolean', value: value === '1' || value === 'true', ...base };
      break;
    case 'e':
      cell = value === null ? undefined : { type: 'error', value, ...base };
      break;
    case 'd': {
      if (value === null || value.trim() === '') break;
      const iso = isoFromDateCell(value);
      cell = iso ? { type: 'date', value: iso, ...base } : { type: 'string', value, ...base };
      break;
    }
    default: {
      if (value === null || value.trim() === '') break;
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

function readSheet(
  reading: Reading,
  entry: SheetEntry,
  strings: readonly string[],
  formats: readonly string[],
  date1904: boolean,
): SheetView {
  const empty: SheetView = { name: entry.name, visibility: entry.visibility, rows: [], merges: [] };
  // Chart and dialog sheets hold no cells: a workbook with one is still a workbook.
  if (entry.kind !== 'worksheet' || entry.path === null) return empty;
  const xml = partText(reading, entry.path);
  if (xml === undefined) return empty;
  const { limits } = reading;
  const rows: (RawCell | undefined)[][] = [];
  const merges: string[] = [];
  let rowNumber = 0;
  let column = 0;
  let sheetDataEnded = false;
  // The cell being read: its attributes, and what its <v>, <f> and <is> held.
  let inCell = false;
  let cellType = 'n';
  let cellStyle = 0;
  let value: string | null = null;
  let inline = '';
  let hasFormula = false;
  let capture: 'v' | 't' | null = null;
  let inInline = false;
  let inPhonetic = 0;

  const endCell = (): void => {
    inCell = false;
    capture = null;
    let cell: RawCell | undefined;
    try {
      cell = toCell(
        cellType,
        value,
        decodeExcelEscapes(inline),
        formats[cellStyle],
        hasFormula,
        strings,
        date1904,
      );
    } catch (error) {
      if (!(error instanceof MissingString)) throw error;
      return refuse('part-damaged', {
        part: entry.path ?? '',
        detail: `${entry.name}!${ref(rowNumber, column)} refers to shared string ${error.index}, the table has ${error.count}`,
      });
    }
    if (!cell || column > limits.maxColumns) return;
    if (rowNumber > limits.maxRows)
      refuse('too-large', {
        limit: 'rows',
        max: limits.maxRows,
        at: `${entry.name}!${ref(rowNumber, column)}`,
      });
    if (++reading.cells > limits.maxCells) refuse('too-large', { limit: 'cells', max: limits.maxCells });
    let row = rows[rowNumber - 1];
    if (!row) {
      row = [];
      rows[rowNumber - 1] = row;
    }
    row[column - 1] = cell;
  };

  scanPart(
    reading,
    xml,
    entry.path,
    mainOnly({
      open(local, raw, selfClosing) {
        if (inCell && local !== 'c') {
          if (local === 'v') {
            value = '';
            capture = selfClosing ? null : 'v';
          } else if (local === 'f') hasFormula = true;
          else if (local === 'is') inInline = !selfClosing;
          else if (local === 'rPh' && !selfClosing) inPhonetic++;
          else if (local === 't' && inInline && inPhonetic === 0 && !selfClosing) capture = 't';
          return;
        }
        // A <c> inside a <c> that never closed: the first ends here.
        if (inCell) endCell();
        if (local === 'row') {
          const r = Number(attribute(raw, 'r'));
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          column = 0;
        } else if (local === 'c') {
          const cellRef = attribute(raw, 'r');
          const parsed = cellRef ? parseRef(cellRef) : null;
          if (parsed) [rowNumber, column] = parsed;
          else column++;
          if (selfClosing) return;
          inCell = true;
          cellType = attribute(raw, 't') ?? 'n';
          cellStyle = Number(attribute(raw, 's') ?? 0) || 0;
          value = null;
          inline = '';
          hasFormula = false;
          inInline = false;
          inPhonetic = 0;
        } else if (local === 'mergeCell') {
          const area = parseAttributes(raw).get('ref');
          if (!area) return;
          if (++reading.merges > limits.maxMerges)
            refuse('too-large', { limit: 'merges', max: limits.maxMerges });
          merges.push(area);
        } else if (local === 'sheetData' && selfClosing) {
          sheetDataEnded = true;
        }
      },
      close(local) {
        if (inCell) {
          if (local === 'c') endCell();
          else if ((local === 'v' && capture === 'v') || (local === 't' && capture === 't')) capture = null;
          else if (local === 'is') inInline = false;
          else if (local === 'rPh' && inPhonetic > 0) inPhonetic--;
          return;
        }
        if (local === 'sheetData') sheetDataEnded = true;
      },
      text(chunk) {
        if (capture === 'v') value = (value ?? '') + chunk;
        else inline += chunk;
      },
      wantText: () => capture !== null,
    }),
  );
  if (inCell) endCell();
  // A sheet cut off in transfer has no end to its data.
  if (!sheetDataEnded)
    refuse('part-damaged', { part: entry.path, detail: `${entry.path}: sheet data is incomplete` });
  // Holes in `rows` are rows without cells; make them explicit empty rows for the core.
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { name: entry.name, visibility: entry.visibility, rows, merges };
}

function ref(row: number, column: number): string {
  let letters = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26))
    letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/**
 * Reads the sheets a submission needs: 指标填报, 重点任务 and _meta, or, where 指标填报 is
 * missing, the visible sheets (the core picks the first with the header). Never throws: a file
 * it cannot read is refused with the reason, and the internal cause in `detail`.
 */
export function readWorkbook(
  bytes: Uint8Array,
  options: {
    allSheets?: boolean;
    limits?: ReadLimits;
    /** Receives the XML scanner's work, for the tests that hold it linear in the input. */
    work?: { steps: number; xmlChars: number };
  } = {},
): WorkbookReadResult {
  const opened = openReading(bytes, options.limits ?? READ_LIMITS);
  if (!opened.ok) return opened;
  const { reading } = opened;
  try {
    return readParts(reading, options);
  } catch (cause) {
    if (cause instanceof Refusal) return { ok: false, error: cause.error };
    // A bug of ours, not the file's fault; said as such rather than blamed on the sender.
    return {
      ok: false,
      error: {
        kind: 'unreadable',
        params: { cause: 'other', detail: cause instanceof Error ? cause.message : String(cause) },
      },
    };
  } finally {
    if (options.work) {
      options.work.steps += reading.steps;
      options.work.xmlChars += reading.xmlChars;
    }
  }
}

/** The package's directory checked and indexed, ready to read parts from under the limits. */
function openReading(
  bytes: Uint8Array,
  limits: ReadLimits,
): { ok: true; reading: Reading } | { ok: false; error: FileError } {
  const refused = sniff(bytes, limits);
  if (refused) return { ok: false, error: refused };
  const directory = readZipDirectory(bytes, limits.maxEntries);
  if (!directory.ok) {
    const { failure } = directory;
    return {
      ok: false,
      error:
        failure.kind === 'budget'
          ? {
              kind: 'too-large',
              params: { limit: 'entries', max: limits.maxEntries, detail: failure.detail },
            }
          : { kind: 'damaged', params: { detail: failure.detail } },
    };
  }
  const index = indexEntries(directory.entries);
  if (!index.ok)
    return {
      ok: false,
      error: { kind: 'damaged', params: { detail: `zip: two parts named ${index.duplicate}` } },
    };
  return {
    ok: true,
    reading: {
      bytes,
      parts: index.parts,
      budget: new InflateBudget(limits.maxInflatedBytes),
      limits,
      cells: 0,
      merges: 0,
      steps: 0,
      xmlChars: 0,
    },
  };
}

/**
 * Each worksheet's part in the package by sheet name, found as the reader finds them (the
 * package's relationships, then the workbook's); empty where the package cannot be read. For
 * writers that edit a package's sheets: the marked copy, the master's spliced rows.
 */
export function sheetPartNames(bytes: Uint8Array, limits: ReadLimits = READ_LIMITS): Map<string, string> {
  const opened = openReading(bytes, limits);
  if (!opened.ok) return new Map();
  try {
    return new Map(
      readWorkbookParts(opened.reading).sheets.flatMap((e) =>
        e.path !== null && e.kind === 'worksheet' ? [[e.name, e.path] as const] : [],
      ),
    );
  } catch (cause) {
    if (cause instanceof Refusal) return new Map();
    throw cause;
  }
}

function readParts(reading: Reading, options: { allSheets?: boolean }): WorkbookReadResult {
  const { limits } = reading;
  const parts = readWorkbookParts(reading);
  const strings = readSharedStrings(reading, parts.sharedStrings);
  const formats = readStyles(reading, parts.styles);
  const entrySheet = parts.sheets.find((e) => e.name.trim() === ENTRY_SHEET);
  if (entrySheet && entrySheet.kind !== 'worksheet')
    refuse('unsupported-sheet', { sheet: entrySheet.name, detail: entrySheet.kind });
  const wanted = parts.sheets.filter(
    (e) =>
      options.allSheets ||
      [ENTRY_SHEET, META_SHEET, MILESTONE_SHEET].includes(e.name.trim()) ||
      (!entrySheet && e.visibility === 'visible'),
  );
  const sheets = wanted
    .slice(0, limits.maxSheets)
    .map((entry) => readSheet(reading, entry, strings, formats, parts.date1904));
  return { ok: true, workbook: { sheets, date1904: parts.date1904 } };
}
