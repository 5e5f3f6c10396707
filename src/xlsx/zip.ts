import { Inflate, inflateSync } from 'fflate';

/**
 * The zip container of an .xlsx, read from its central directory (APPNOTE.TXT §4.3.16,
 * §4.3.12), with every part inflated under a byte budget shared by the whole file and checked
 * against its declared size and CRC-32. fflate's `unzipSync` trusts the sizes a file declares and
 * has no budget across parts (a 1.3 MB file of twenty 63 MB sheets reached 2.3 GB); a part that
 * inflates to less or more than it declares was silently cut. No Node APIs: the pane uses it too.
 */

export interface ZipEntry {
  /** The name as a reader should see it: `\` written by some Windows tools read as `/`. */
  name: string;
  /** Lower-case name: OPC part names are case-insensitive (ECMA-376 Part 2 §9.1.1.1). */
  key: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  crc: number;
  localOffset: number;
}

export type ZipFailure =
  /** The container itself is broken: no directory, a bad header, data that does not inflate. */
  | { kind: 'damaged'; detail: string }
  /** The file's inflated parts would exceed the budget. */
  | { kind: 'budget'; detail: string };

export type ZipDirectoryResult = { ok: true; entries: ZipEntry[] } | { ok: false; failure: ZipFailure };
export type InflateResult = { ok: true; data: Uint8Array } | { ok: false; failure: ZipFailure };

const EOCD = 0x06054b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function u16(b: Uint8Array, i: number): number {
  return (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
}
function u32(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16) | ((b[i + 3] ?? 0) << 24)) >>> 0;
}
function u64(b: Uint8Array, i: number): number {
  // Sizes past 2^53 cannot be real here; the budget refuses anything near them.
  return u32(b, i) + u32(b, i + 4) * 0x1_0000_0000;
}

const utf8 = new TextDecoder('utf-8');
const latin = new TextDecoder('latin1');

/** Reads the central directory. Linear in the directory's size; never inflates anything. */
export function readZipDirectory(bytes: Uint8Array, maxEntries = 100_000): ZipDirectoryResult {
  const damaged = (detail: string): ZipDirectoryResult => ({
    ok: false,
    failure: { kind: 'damaged', detail },
  });
  // The end record sits in the last 22 bytes plus a comment of at most 65,535.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(bytes, i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return damaged('zip: end of central directory not found (file cut off?)');
  let count = u16(bytes, eocd + 10);
  let dirOffset = u32(bytes, eocd + 16);
  if ((count === 0xffff || dirOffset === 0xffffffff) && u32(bytes, eocd - 20) === ZIP64_LOCATOR) {
    const z64 = u64(bytes, eocd - 12);
    if (u32(bytes, z64) !== ZIP64_EOCD) return damaged('zip64: end record not found');
    count = u64(bytes, z64 + 32);
    dirOffset = u64(bytes, z64 + 48);
  }
  if (count > maxEntries) return { ok: false, failure: { kind: 'budget', detail: `zip: ${count} entries` } };
  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL)
      return damaged(`zip: central directory entry ${n + 1} of ${count} is broken`);
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    const crc = u32(bytes, at + 16);
    let compressedSize = u32(bytes, at + 20);
    let size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    let localOffset = u32(bytes, at + 42);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise CP437, which for the ASCII names of OPC parts is the same.
    const name = ((flags & 0x800) !== 0 ? utf8 : latin).decode(nameBytes).replace(/\\/g, '/');
    // Zip64 extended information (APPNOTE §4.5.3): present only for the fields that overflowed.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = u16(bytes, extra);
      const length = u16(bytes, extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        if (size === 0xffffffff) {
          size = u64(bytes, field);
          field += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(bytes, field);
          field += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(bytes, field);
      }
      extra += 4 + length;
    }
    entries.push({ name, key: name.toLowerCase(), method, flags, compressedSize, size, crc, localOffset });
    at = extraEnd + commentLength;
  }
  return { ok: true, entries };
}

/**
 * CRC-32 eight bytes a step ("slicing-by-8"): table k holds the CRC of a byte followed by k zero
 * bytes, so eight lookups replace eight dependent byte steps. Every inflated part is checked;
 * on 3 KB parts this is about four times faster than the byte-wise loop it replaces.
 */
const CRC_TABLES = (() => {
  const table = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  for (let n = 0; n < 256; n++)
    for (let k = 1; k < 8; k++) {
      const previous = table[(k - 1) * 256 + n] ?? 0;
      table[k * 256 + n] = (previous >>> 8) ^ (table[previous & 0xff] ?? 0);
    }
  return table;
})();

export function crc32(data: Uint8Array, crc = 0): number {
  // Every index is in range (i + 7 < length, a byte < 256), so lookups are asserted, not
  // checked: a check per lookup costs almost half the speed.
  const t = CRC_TABLES;
  const d = data;
  let c = ~crc;
  let i = 0;
  for (const last = data.length - 8; i <= last; i += 8) {
    const word =
      c ^
      ((d[i] as number) |
        ((d[i + 1] as number) << 8) |
        ((d[i + 2] as number) << 16) |
        ((d[i + 3] as number) << 24));
    c =
      (t[1792 + (word & 0xff)] as number) ^
      (t[1536 + ((word >>> 8) & 0xff)] as number) ^
      (t[1280 + ((word >>> 16) & 0xff)] as number) ^
      (t[1024 + (word >>> 24)] as number) ^
      (t[768 + (d[i + 4] as number)] as number) ^
      (t[512 + (d[i + 5] as number)] as number) ^
      (t[256 + (d[i + 6] as number)] as number) ^
      (t[d[i + 7] as number] as number);
  }
  for (; i < data.length; i++) c = (t[(c ^ (d[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * Inflating and CRC-32 as the host's own native code does them (Node's zlib, lent by the command
 * line through src/xlsx/node-zip.ts); the pane has no zlib and keeps fflate. Reading a bureau
 * file spends most of its time here: zlib inflates about a third faster than fflate and adds the
 * CRC in half the time. The checks around it are the same either way.
 */
export interface NativeZip {
  /**
   * The raw deflate data inflated, or `'over'` as soon as it would exceed `cap` bytes (never
   * holding more than that); throws when the data is not deflate, with what the inflater found.
   */
  inflateRaw(compressed: Uint8Array, cap: number): Uint8Array | 'over';
  crc32(data: Uint8Array): number;
}

let native: NativeZip | null = null;

/** Lends the reader the host's native inflater (null: back to fflate); returns the one it replaces. */
export function useNativeZip(zip: NativeZip | null): NativeZip | null {
  const before = native;
  native = zip;
  return before;
}

/**
 * What the inflater said. Not `instanceof Error`: an error thrown by Node's own code comes from
 * another realm where the reader runs in a sandbox (jest's), and its words would be lost.
 */
function whatFailed(cause: unknown): string {
  const message = (cause as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : 'inflate failed';
}

/** What a whole file may still inflate; shared by every part read from it. */
export class InflateBudget {
  constructor(public remaining: number) {}
}

/**
 * Compressed input is pushed in slices so that output overshooting a part's declared size is
 * noticed after at most one slice: deflate expands at most 1,032 to 1, so one slice's output is
 * at most 66 MB. A part no larger than one slice is inflated in one call into a buffer of its
 * declared size (fflate drops what would not fit, and the CRC then tells), which is the common
 * case for a bureau file and several times faster than streaming.
 */
const SLICE = 64 * 1024;

/** An entry's compressed bytes, found through its local header; not inflated, not checked. */
export function compressedData(bytes: Uint8Array, entry: ZipEntry): InflateResult {
  const fail = (detail: string): InflateResult => ({ ok: false, failure: { kind: 'damaged', detail } });
  const at = entry.localOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL) return fail(`${entry.name}: local header missing`);
  if (entry.flags & 1) return fail(`${entry.name}: encrypted zip entry`);
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) return fail(`${entry.name}: data runs past the end of the file`);
  return { ok: true, data: bytes.subarray(start, end) };
}

/**
 * Inflates one part, refusing when the part would exceed its declared size or the file's
 * budget, and checking the result against the declared size and CRC-32.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget): InflateResult {
  const fail = (kind: ZipFailure['kind'], detail: string): InflateResult => ({
    ok: false,
    failure: { kind, detail },
  });
  if (entry.size > budget.remaining)
    return fail('budget', `${entry.name}: ${entry.size} bytes declared, ${budget.remaining} left`);
  const located = compressedData(bytes, entry);
  if (!located.ok) return located;
  const compressed = located.data;

  let data: Uint8Array;
  if (entry.method === 0) {
    data = compressed;
  } else if (entry.method === 8 && native) {
    // The declared size is the cap, as below; an empty part may still hold an empty block.
    const cap = Math.max(entry.size, 1);
    let inflated: Uint8Array | 'over';
    try {
      inflated = native.inflateRaw(compressed, cap);
    } catch (cause) {
      return fail('damaged', `${entry.name}: ${whatFailed(cause)}`);
    }
    if (inflated === 'over')
      return fail('damaged', `${entry.name}: inflates to more than the ${entry.size} bytes it declares`);
    data = inflated;
  } else if (entry.method === 8 && compressed.length <= SLICE) {
    try {
      const out = new Uint8Array(entry.size + 1);
      data = inflateSync(compressed, { out });
    } catch (cause) {
      return fail('damaged', `${entry.name}: ${whatFailed(cause)}`);
    }
  } else if (entry.method === 8) {
    // The declared size is the cap: a part that inflates to more than it says is not trusted.
    const cap = entry.size;
    const out = new Uint8Array(cap);
    let length = 0;
    let over = false;
    let error: unknown = null;
    const inflater = new Inflate((chunk) => {
      if (over) return;
      if (length + chunk.length > cap) {
        over = true;
        return;
      }
      out.set(chunk, length);
      length += chunk.length;
    });
    try {
      for (let i = 0; i < compressed.length && !over; i += SLICE) {
        inflater.push(compressed.subarray(i, i + SLICE), i + SLICE >= compressed.length);
      }
    } catch (cause) {
      error = cause;
    }
    if (error !== null) return fail('damaged', `${entry.name}: ${whatFailed(error)}`);
    if (over) return fail('damaged', `${entry.name}: inflates to more than the ${cap} bytes it declares`);
    data = out.subarray(0, length);
  } else {
    return fail('damaged', `${entry.name}: compression method ${entry.method} is not used by .xlsx writers`);
  }
  if (data.length !== entry.size)
    return fail('damaged', `${entry.name}: ${data.length} bytes inflated, ${entry.size} declared`);
  if ((native ? native.crc32(data) : crc32(data)) !== entry.crc)
    return fail('damaged', `${entry.name}: CRC-32 mismatch`);
  budget.remaining -= data.length;
  return { ok: true, data };
}

/**
 * Entries by lower-case name, or the name that occurs twice. Two parts of one name (or names
 * differing only in case, the same part to OPC) let two readers see two different workbooks:
 * POI's duplicate-filename.xlsx reads "v1" here and "v2" in exceljs. Such a file is refused.
 */
export function indexEntries(
  entries: readonly ZipEntry[],
): { ok: true; parts: Map<string, ZipEntry> } | { ok: false; duplicate: string } {
  const parts = new Map<string, ZipEntry>();
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    if (parts.has(entry.key)) return { ok: false, duplicate: entry.name };
    parts.set(entry.key, entry);
  }
  return { ok: true, parts };
}

/**
 * Inflates every part of a file within the budget, for a caller that hands the whole file to
 * another library (exceljs inflates every part, the theme included, with no limit of its own).
 */
export function verifyWholeZip(bytes: Uint8Array, maxInflatedBytes: number): ZipFailure | null {
  const directory = readZipDirectory(bytes);
  if (!directory.ok) return directory.failure;
  const declared = directory.entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > maxInflatedBytes)
    return {
      kind: 'budget',
      detail: `parts declare ${declared} bytes in all, more than ${maxInflatedBytes}`,
    };
  const budget = new InflateBudget(maxInflatedBytes);
  for (const entry of directory.entries) {
    if (entry.name.endsWith('/')) continue;
    const result = inflateEntry(bytes, entry, budget);
    if (!result.ok) return result.failure;
  }
  return null;
}

/**
 * The UTF-8 text of a package's parts by name (case-insensitive, as OPC part names are), each
 * inflated within one budget for the file: undefined where the part is missing or does not inflate.
 * For writers that edit a few parts of a package they did not read through the reader.
 */
export function partTexts(bytes: Uint8Array, maxInflatedBytes: number): (name: string) => string | undefined {
  const directory = readZipDirectory(bytes);
  const parts = directory.ok ? indexEntries(directory.entries) : null;
  const budget = new InflateBudget(maxInflatedBytes);
  const utf8 = new TextDecoder('utf-8');
  return (name) => {
    const entry = parts?.ok ? parts.parts.get(name.toLowerCase()) : undefined;
    const data = entry ? inflateEntry(bytes, entry, budget) : undefined;
    return data?.ok ? utf8.decode(data.data) : undefined;
  };
}
