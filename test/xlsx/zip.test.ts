import fc from 'fast-check';
import { deflateSync, strToU8, zipSync } from 'fflate';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { defaultCatalog } from '../../src/core';
import { demoSubmissions, fillTemplate } from '../../src/xlsx/demo';
import { readWorkbook } from '../../src/xlsx/reader';
import { writeTemplate } from '../../src/xlsx/template';
import {
  InflateBudget,
  crc32,
  indexEntries,
  inflateEntry,
  partTexts,
  readZipDirectory,
  useNativeZip,
  verifyWholeZip,
  type NativeZip,
  type ZipEntry,
} from '../../src/xlsx/zip';
import { nodeZip } from '../../src/xlsx/node-zip';

// Importing the demo loads files.ts, which lends the reader Node's zlib. This file tests the
// pane's fflate unless a block says otherwise (the inflating rules run under both).
let lentByImports: NativeZip | null = null;
beforeAll(() => {
  lentByImports = useNativeZip(null);
});
afterAll(() => useNativeZip(lentByImports));

/**
 * The reader checks every inflated part against its CRC-32 (APPNOTE 4.4.7), eight bytes a step.
 * Node's zlib is the reference; lengths cover every tail the eight-byte loop leaves.
 */
describe('crc32 (slicing-by-8) agrees with zlib', () => {
  it('on any bytes, of any length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (bytes) => {
        expect(crc32(bytes)).toBe(zlibCrc32(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('continued over pieces, as the streaming inflater feeds it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ maxLength: 100 }), (a, b) => {
        const whole = new Uint8Array([...a, ...b]);
        expect(crc32(b, crc32(a))).toBe(zlibCrc32(whole));
      }),
      { numRuns: 300 },
    );
  });

  it('known values: empty, "123456789" (the CRC-32 check value), a megabyte of one byte', () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const big = new Uint8Array(1 << 20).fill(0xa5);
    expect(crc32(big)).toBe(zlibCrc32(big));
  });
});

/**
 * Zip64 (APPNOTE §4.3.14–4.3.15, §4.5.3): sizes and offsets that overflow 32 bits are written as
 * 0xFFFFFFFF with the real values in an extra field, and the directory is found through the
 * zip64 end record. Writers switch to it for large files; a reader that skips it sees nonsense
 * offsets. `toZip64` rewrites an ordinary zip in that form, every field moved that can be.
 */
type Zip64Field = 'size' | 'compressed' | 'offset';
/** Where each field sits in a central directory entry, in the order the extra field lists them. */
const ZIP64_FIELDS: [Zip64Field, number][] = [
  ['size', 24],
  ['compressed', 20],
  ['offset', 42],
];

function toZip64(
  input: Uint8Array,
  z64Offset?: number,
  moved: readonly Zip64Field[] = ['size', 'compressed', 'offset'],
): Uint8Array {
  // A plain copy: a Node Buffer's slice() is a view into a shared pool, not a copy.
  const zip = new Uint8Array(input);
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  const parts: Uint8Array[] = [zip.subarray(0, cdOffset)];
  let cdLength = 0;
  let at = cdOffset;
  for (let n = 0; n < count; n++) {
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const fixed = zip.slice(at, at + 46);
    const f = new DataView(fixed.buffer);
    // An unrelated field first (extended timestamp, 0x5455), so the reader must walk past it.
    const other = new Uint8Array([0x55, 0x54, 5, 0, 1, 0, 0, 0, 0]);
    // Only the fields that "overflowed", in APPNOTE's order: size, compressed size, offset.
    const fields = ZIP64_FIELDS.filter(([name]) => moved.includes(name));
    const z = new Uint8Array(4 + 8 * fields.length);
    const zv = new DataView(z.buffer);
    zv.setUint16(0, 0x0001, true);
    zv.setUint16(2, 8 * fields.length, true);
    for (const [k, [, field]] of fields.entries()) {
      zv.setBigUint64(4 + 8 * k, BigInt(f.getUint32(field, true)), true);
      f.setUint32(field, 0xffffffff, true);
    }
    f.setUint16(30, extraLength + other.length + z.length, true);
    const end = at + 46 + nameLength + extraLength;
    const entry = [fixed, zip.slice(at + 46, end), other, z, zip.slice(end, end + commentLength)];
    parts.push(...entry);
    cdLength += entry.reduce((sum, p) => sum + p.length, 0);
    at = end + commentLength;
  }
  const record = new DataView(new ArrayBuffer(56));
  record.setUint32(0, 0x06064b50, true);
  record.setBigUint64(4, 44n, true);
  record.setBigUint64(24, BigInt(count), true);
  record.setBigUint64(32, BigInt(count), true);
  record.setBigUint64(40, BigInt(cdLength), true);
  record.setBigUint64(48, BigInt(cdOffset), true);
  const locator = new DataView(new ArrayBuffer(20));
  locator.setUint32(0, 0x07064b50, true);
  locator.setBigUint64(8, BigInt(z64Offset ?? cdOffset + cdLength), true);
  locator.setUint32(16, 1, true);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, 0xffff, true);
  end.setUint16(10, 0xffff, true);
  end.setUint32(12, cdLength, true);
  end.setUint32(16, 0xffffffff, true);
  parts.push(new Uint8Array(record.buffer), new Uint8Array(locator.buffer), new Uint8Array(end.buffer));
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

describe('zip64 (APPNOTE §4.3.14, §4.5.3)', () => {
  const plain = () =>
    zipSync({ 'a.xml': strToU8('<a>'.repeat(50)), 'dir/b.txt': strToU8('b'), 'c.bin': new Uint8Array(300) });

  it('the directory read through the zip64 records is the same as the ordinary one', () => {
    const ordinary = readZipDirectory(plain());
    const wide = readZipDirectory(toZip64(plain()));
    expect(ordinary.ok).toBe(true);
    expect(wide).toStrictEqual(ordinary);
  });

  it('every part inflates from its zip64 offsets and sizes, CRC checked', () => {
    const zip = toZip64(plain());
    const directory = readZipDirectory(zip);
    if (!directory.ok) throw new Error(directory.failure.detail);
    const texts = directory.entries.map((entry) => {
      const part = inflateEntry(zip, entry, new InflateBudget(1 << 20));
      if (!part.ok) throw new Error(part.failure.detail);
      return [entry.name, part.data.length];
    });
    expect(texts).toStrictEqual([
      ['a.xml', 150],
      ['dir/b.txt', 1],
      ['c.bin', 300],
    ]);
  });

  it('a submission rewritten as zip64 reads cell for cell as the original', async () => {
    const catalog = defaultCatalog();
    const demo = demoSubmissions()[0]!;
    const bytes = await fillTemplate(await writeTemplate(catalog, demo.bureau, 2023), demo.filling);
    const original = readWorkbook(bytes, { allSheets: true });
    expect(original.ok).toBe(true);
    expect(readWorkbook(toZip64(bytes), { allSheets: true })).toStrictEqual(original);
  });

  it.each([[['offset']], [['size']], [['compressed']], [['size', 'offset']], [['compressed', 'offset']]] as [
    Zip64Field[],
  ][])('an extra field holding only the fields that overflowed (%j) reads the same', (moved) => {
    // APPNOTE §4.5.3: a field is in the zip64 extra only when its 32-bit slot says 0xFFFFFFFF;
    // a reader that expects all three takes an offset for a size.
    const zip = toZip64(plain(), undefined, moved);
    const directory = readZipDirectory(zip);
    expect(directory).toStrictEqual(readZipDirectory(plain()));
    if (!directory.ok) return;
    for (const entry of directory.entries)
      expect(inflateEntry(zip, entry, new InflateBudget(1 << 20)).ok).toBe(true);
  });

  it('a locator pointing at no zip64 end record is a damaged file, saying so', () => {
    const broken = readZipDirectory(toZip64(plain(), 7));
    expect(broken).toStrictEqual({
      ok: false,
      failure: { kind: 'damaged', detail: 'zip64: end record not found' },
    });
  });
});

// Text over sixteen letters: compresses to about half, with real Huffman blocks, so 300 KB
// gives compressed data of several 64 KB slices.
const text = (length: number, seed = 7): Uint8Array => {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = 97 + ((x >>> 16) & 15);
  }
  return out;
};

/**
 * One part inflated (APPNOTE §4.3.7–4.3.9, §4.4.4–4.4.9): its declared size is a cap and its
 * CRC a check, against the one budget of its file. Parts larger than one 64 KB slice of
 * compressed data go through the streaming inflater, which a bureau file never reaches: these
 * tests take both paths directly, with the failure each refusal reports.
 */
describe.each([
  {
    inflater: 'fflate (the pane)',
    lent: null,
    // fflate inflates a small part in one call into a buffer one byte larger than declared.
    smallOver: (size: number) => `${size + 1} bytes inflated, ${size} declared`,
    cutShort: 'unexpected EOF',
    notDeflate: 'invalid block type',
  },
  {
    inflater: "Node's zlib (the command line)",
    lent: nodeZip,
    // zlib stops at the cap, whatever the part's size.
    smallOver: (size: number) => `inflates to more than the ${size} bytes it declares`,
    cutShort: 'unexpected end of file',
    notDeflate: 'invalid block type',
  },
])(
  'inflating one part with $inflater: declared size, CRC and the file budget',
  ({ lent, smallOver, cutShort, notDeflate }) => {
    let before: NativeZip | null = null;
    beforeAll(() => {
      before = useNativeZip(lent);
    });
    afterAll(() => useNativeZip(before));
    const big = text(300_000);
    const zip = zipSync({
      'xl/big.xml': big,
      'xl/Small.xml': strToU8('<a/>'),
      'stored.bin': [text(500), { level: 0 }],
    });
    const entry = (name: string) => {
      const directory = readZipDirectory(zip);
      if (!directory.ok) throw new Error(directory.failure.detail);
      const found = directory.entries.find((e) => e.name === name);
      if (!found) throw new Error(name);
      return found;
    };
    const roomy = () => new InflateBudget(10 << 20);

    it('a part of several slices inflates through the streaming path to its exact bytes', () => {
      const large = entry('xl/big.xml');
      expect(large.method).toBe(8);
      expect(large.compressedSize).toBeGreaterThan(2 * 64 * 1024);
      const result = inflateEntry(zip, large, roomy());
      expect(result.ok && Buffer.from(result.data).equals(Buffer.from(big))).toBe(true);
    });

    it('a part that inflates past its declared size is refused at the cap, in either path', () => {
      const large = entry('xl/big.xml');
      expect(inflateEntry(zip, { ...large, size: large.size - 1 }, roomy())).toStrictEqual({
        ok: false,
        failure: {
          kind: 'damaged',
          detail: `xl/big.xml: inflates to more than the ${large.size - 1} bytes it declares`,
        },
      });
      // One call into a buffer one byte larger than declared: the byte too many is seen.
      const small = entry('xl/Small.xml');
      expect(inflateEntry(zip, { ...small, size: small.size - 1 }, roomy())).toStrictEqual({
        ok: false,
        failure: {
          kind: 'damaged',
          detail: `xl/Small.xml: ${smallOver(small.size - 1)}`,
        },
      });
    });

    it('a part that inflates to less than it declares is damaged, saying both sizes', () => {
      const e = entry('xl/big.xml');
      expect(inflateEntry(zip, { ...e, size: e.size + 1 }, roomy())).toStrictEqual({
        ok: false,
        failure: { kind: 'damaged', detail: `xl/big.xml: ${e.size} bytes inflated, ${e.size + 1} declared` },
      });
    });

    it('a deflate stream damaged past its first slice is damaged, never a partial part', () => {
      const e = entry('xl/big.xml');
      const broken = new Uint8Array(zip);
      const start =
        e.localOffset + 30 + (broken[e.localOffset + 26] ?? 0) + (broken[e.localOffset + 28] ?? 0);
      for (let i = start + 100_000; i < start + 100_400; i++) broken[i] = 0xff;
      const result = inflateEntry(broken, e, roomy());
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.failure.kind).toBe('damaged');
        expect(result.failure.detail.startsWith('xl/big.xml: ')).toBe(true);
      }
    });

    it('compressed data cut short is reported as the inflater finds it, not as a size mismatch', () => {
      // The last slice is pushed as final, so fflate says the stream ended early.
      const e = entry('xl/big.xml');
      const result = inflateEntry(zip, { ...e, compressedSize: e.compressedSize - 1000 }, roomy());
      expect(result).toStrictEqual({
        ok: false,
        failure: { kind: 'damaged', detail: `xl/big.xml: ${cutShort}` },
      });
    });

    it('a small part whose deflate data is not deflate says what the inflater found, with its name', () => {
      const e = entry('xl/Small.xml');
      const broken = new Uint8Array(zip);
      const start =
        e.localOffset + 30 + (broken[e.localOffset + 26] ?? 0) + (broken[e.localOffset + 28] ?? 0);
      broken.fill(0xff, start, start + e.compressedSize);
      expect(inflateEntry(broken, e, roomy())).toStrictEqual({
        ok: false,
        failure: { kind: 'damaged', detail: `xl/Small.xml: ${notDeflate}` },
      });
    });

    it('a stored part (method 0) is taken as it is, and still held to its CRC', () => {
      const e = entry('stored.bin');
      expect(e.method).toBe(0);
      const good = inflateEntry(zip, e, roomy());
      expect(good.ok && Buffer.from(good.data).equals(Buffer.from(text(500)))).toBe(true);
      expect(inflateEntry(zip, { ...e, crc: (e.crc ^ 1) >>> 0 }, roomy())).toStrictEqual({
        ok: false,
        failure: { kind: 'damaged', detail: 'stored.bin: CRC-32 mismatch' },
      });
    });

    it('the budget is shared: a part is refused before inflating when it declares more than is left', () => {
      const e = entry('xl/big.xml');
      const budget = new InflateBudget(e.size + 10);
      expect(inflateEntry(zip, e, budget).ok).toBe(true);
      expect(budget.remaining).toBe(10);
      expect(inflateEntry(zip, e, budget)).toStrictEqual({
        ok: false,
        failure: { kind: 'budget', detail: `xl/big.xml: ${e.size} bytes declared, 10 left` },
      });
      // Exactly what is left is still allowed.
      expect(inflateEntry(zip, entry('xl/Small.xml'), new InflateBudget(4)).ok).toBe(true);
    });

    it('an empty part, deflated, inflates to nothing and passes', () => {
      const empty = zipSync({ 'e.xml': [new Uint8Array(0), { level: 6 }] });
      const directory = readZipDirectory(empty);
      const e = directory.ok ? directory.entries[0] : undefined;
      expect(e?.method).toBe(8);
      const result = e && inflateEntry(empty, e, roomy());
      expect(result?.ok && result.data.length).toBe(0);
    });

    it('what .xlsx writers never write is damaged, each for its reason', () => {
      const e = entry('xl/Small.xml');
      const reason = (changed: Partial<typeof e>, bytes: Uint8Array = zip) => {
        const result = inflateEntry(bytes, { ...e, ...changed }, roomy());
        return result.ok ? 'ok' : `${result.failure.kind}: ${result.failure.detail}`;
      };
      expect(reason({ flags: 1 })).toBe('damaged: xl/Small.xml: encrypted zip entry');
      expect(reason({ method: 12 })).toBe(
        'damaged: xl/Small.xml: compression method 12 is not used by .xlsx writers',
      );
      expect(reason({ localOffset: e.localOffset + 1 })).toBe('damaged: xl/Small.xml: local header missing');
      expect(reason({ localOffset: zip.length - 29 })).toBe('damaged: xl/Small.xml: local header missing');
      expect(reason({ compressedSize: zip.length })).toBe(
        'damaged: xl/Small.xml: data runs past the end of the file',
      );
    });
  },
);

describe('the inflater the host lends', () => {
  afterEach(() => useNativeZip(null));

  it('its CRC-32 is the one the part is held to', () => {
    const zip = zipSync({ 'xl/a.xml': strToU8('<a/>') });
    const directory = readZipDirectory(zip);
    const e = directory.ok ? directory.entries[0] : undefined;
    if (!e) throw new Error('no entry');
    useNativeZip({ ...nodeZip, crc32: (data) => (nodeZip.crc32(data) ^ 1) >>> 0 });
    expect(inflateEntry(zip, e, new InflateBudget(100))).toStrictEqual({
      ok: false,
      failure: { kind: 'damaged', detail: 'xl/a.xml: CRC-32 mismatch' },
    });
  });

  it("reading files from disk lends Node's zlib: its own words for a part cut short", () => {
    const zip = zipSync({ 'xl/a.xml': text(5000) });
    const directory = readZipDirectory(zip);
    const e = directory.ok ? directory.entries[0] : undefined;
    if (!e) throw new Error('no entry');
    const cut = { ...e, compressedSize: e.compressedSize - 10 };
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('../../src/xlsx/zip') as typeof import('../../src/xlsx/zip');
      const said = () => {
        const result = fresh.inflateEntry(zip, cut, new fresh.InflateBudget(1 << 20));
        return result.ok ? 'ok' : result.failure.detail;
      };
      expect(said()).toBe('xl/a.xml: unexpected EOF');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../../src/xlsx/files');
      expect(said()).toBe('xl/a.xml: unexpected end of file');
    });
  });
});

describe('whole packages: verifyWholeZip, partTexts, indexEntries', () => {
  const zip = zipSync({
    'xl/workbook.xml': strToU8('<workbook/>'),
    'docs/': new Uint8Array(0),
    'b.txt': strToU8('bb'),
  });

  it('a sound package passes; one declaring more than the budget in all is refused before inflating', () => {
    expect(verifyWholeZip(zip, 1000)).toBeNull();
    expect(verifyWholeZip(zip, 12)).toStrictEqual({
      kind: 'budget',
      detail: 'parts declare 13 bytes in all, more than 12',
    });
    expect(verifyWholeZip(zip, 13)).toBeNull();
  });

  it("a part that fails to inflate fails the package with that part's reason", () => {
    const broken = new Uint8Array(zip);
    const directory = readZipDirectory(zip);
    if (!directory.ok) throw new Error('directory');
    const b = directory.entries.find((e) => e.name === 'b.txt');
    if (!b) throw new Error('b.txt');
    broken[b.localOffset] = 0; // its local header signature
    expect(verifyWholeZip(broken, 1000)).toStrictEqual({
      kind: 'damaged',
      detail: 'b.txt: local header missing',
    });
    expect(verifyWholeZip(new Uint8Array(10), 1000)?.kind).toBe('damaged');
  });

  it('partTexts: a part by name, case-insensitively; undefined when missing or past the budget', () => {
    const texts = partTexts(zip, 1000);
    expect(texts('XL/Workbook.xml')).toBe('<workbook/>');
    expect(texts('b.txt')).toBe('bb');
    expect(texts('xl/styles.xml')).toBeUndefined();
    const tight = partTexts(zip, 12);
    expect(tight('xl/workbook.xml')).toBe('<workbook/>');
    expect(tight('b.txt')).toBeUndefined();
    expect(partTexts(new Uint8Array(5), 1000)('b.txt')).toBeUndefined();
  });

  it('indexEntries: folders are not parts; two names differing only in case are one part, twice', () => {
    const directory = readZipDirectory(zip);
    if (!directory.ok) throw new Error('directory');
    const index = indexEntries(directory.entries);
    expect(index.ok && [...index.parts.keys()].sort()).toStrictEqual(['b.txt', 'xl/workbook.xml']);
    const twice = zipSync({ 'xl/a.xml': strToU8('1'), 'XL/A.xml': strToU8('2') });
    const again = readZipDirectory(twice);
    if (!again.ok) throw new Error('directory');
    expect(indexEntries(again.entries)).toStrictEqual({ ok: false, duplicate: 'XL/A.xml' });
  });
});

/**
 * The end of central directory record (APPNOTE §4.3.16) is found by searching back from the end
 * of the file: it is 22 bytes followed by a comment of at most 65,535 bytes, so the search covers
 * exactly that window and no more.
 */
describe('finding the end record, behind a comment of any allowed length', () => {
  const base = zipSync({ 'a.xml': strToU8('<a/>') });
  /** The zip with `comment` bytes of comment (its declared length capped at 65,535) and `junk` more after it. */
  const withComment = (comment: number, junk = 0): Uint8Array => {
    const out = new Uint8Array(base.length + comment + junk).fill(0x20);
    out.set(base);
    new DataView(out.buffer).setUint16(base.length - 2, Math.min(comment, 0xffff), true);
    return out;
  };

  it.each([0, 1, 1000, 65_535])('a comment of %i bytes: the directory is read', (length) => {
    expect(readZipDirectory(withComment(length))).toStrictEqual(readZipDirectory(base));
  });

  it('one byte more than a comment can hold: the end record is out of reach, and the file is damaged', () => {
    expect(readZipDirectory(withComment(65_535, 1))).toStrictEqual({
      ok: false,
      failure: { kind: 'damaged', detail: 'zip: end of central directory not found (file cut off?)' },
    });
  });

  it('a file shorter than an end record, or cut inside it, is damaged', () => {
    for (const bytes of [new Uint8Array(0), new Uint8Array(21), base.subarray(0, base.length - 1)])
      expect(readZipDirectory(bytes)).toMatchObject({ ok: false, failure: { kind: 'damaged' } });
  });
});

/** The directory's view of an entry at offset 0, for parts built by hand with `localEntry`. */
function handEntry(
  name: string,
  fields: Pick<ZipEntry, 'method' | 'compressedSize' | 'size' | 'crc'>,
): ZipEntry {
  return { name, key: name.toLowerCase(), flags: 0, localOffset: 0, ...fields };
}

/** A local header (APPNOTE §4.3.7) for `name`, with an extra field of `extra` bytes, then `data`. */
function localEntry(name: string, data: Uint8Array, method: number, extra = 0): Uint8Array {
  const nameBytes = strToU8(name);
  const header = new DataView(new ArrayBuffer(30));
  header.setUint32(0, 0x04034b50, true);
  header.setUint16(8, method, true);
  header.setUint16(26, nameBytes.length, true);
  header.setUint16(28, extra, true);
  const out = new Uint8Array(30 + nameBytes.length + extra + data.length);
  out.set(new Uint8Array(header.buffer));
  out.set(nameBytes, 30);
  out.fill(0xee, 30 + nameBytes.length, 30 + nameBytes.length + extra);
  out.set(data, 30 + nameBytes.length + extra);
  return out;
}

describe('the central directory and local headers, field by field (APPNOTE §4.3.7, §4.3.12, §4.3.16)', () => {
  const three = () =>
    zipSync({ 'a.xml': strToU8('<a/>'), 'b.xml': strToU8('<b/>'), 'c.xml': strToU8('<c/>') });
  /** The end record's fields: entry counts at 8 and 10, directory offset at 16, comment length at 20. */
  const patchEnd = (zip: Uint8Array, field: 'count' | 'offset' | 'comment', value: number): Uint8Array => {
    const out = new Uint8Array(zip);
    const view = new DataView(out.buffer);
    const eocd = out.length - 22;
    if (field === 'count') {
      view.setUint16(eocd + 8, value, true);
      view.setUint16(eocd + 10, value, true);
    } else if (field === 'offset') view.setUint32(eocd + 16, value, true);
    else view.setUint16(eocd + 20, value, true);
    return out;
  };
  /** Where the end record says the central directory starts. */
  const directoryOffset = (zip: Uint8Array): number =>
    new DataView(zip.buffer, zip.byteOffset, zip.byteLength).getUint32(zip.length - 22 + 16, true);
  const broken = (n: number, of: number) => ({
    ok: false,
    failure: { kind: 'damaged', detail: `zip: central directory entry ${n} of ${of} is broken` },
  });

  it('an empty zip — an end record and nothing else — has no parts', () => {
    const empty = zipSync({});
    expect(empty.length).toBe(22);
    expect(readZipDirectory(empty)).toStrictEqual({ ok: true, entries: [] });
  });

  it('more entries than allowed are refused from the count alone', () => {
    expect(readZipDirectory(three(), 2)).toStrictEqual({
      ok: false,
      failure: { kind: 'budget', detail: 'zip: 3 entries' },
    });
    expect(readZipDirectory(three(), 3).ok).toBe(true);
  });

  it('a directory offset pointing at something else is broken at its first entry', () => {
    expect(readZipDirectory(patchEnd(three(), 'offset', 0))).toStrictEqual(broken(1, 3));
  });

  it('an offset of 0xFFFFFFFF without a zip64 locator is not zip64: it points nowhere', () => {
    expect(readZipDirectory(patchEnd(three(), 'offset', 0xffffffff))).toStrictEqual(broken(1, 3));
  });

  it('more entries counted than the directory holds: broken at the first missing one', () => {
    expect(readZipDirectory(patchEnd(three(), 'count', 4))).toStrictEqual(broken(4, 4));
  });

  it('an entry whose signature is there but whose fixed fields run past the end is broken', () => {
    // The directory offset points into the end record's comment, which holds a bare signature.
    const zip = three();
    const comment = new Uint8Array([0x50, 0x4b, 0x01, 0x02, 0, 0, 0, 0]);
    const patched = patchEnd(
      patchEnd(patchEnd(zip, 'count', 1), 'offset', zip.length),
      'comment',
      comment.length,
    );
    const out = new Uint8Array(zip.length + comment.length);
    out.set(patched);
    out.set(comment, zip.length);
    expect(readZipDirectory(out)).toStrictEqual(broken(1, 1));
  });

  it.each(['count', 'offset'] as const)(
    'zip64 where only the %s overflowed reads the same directory',
    (field) => {
      const plain = three();
      // The other field put back to its real 32-bit value: only `field` still says 0xFFFF….
      const wide =
        field === 'count'
          ? patchEnd(toZip64(plain), 'offset', directoryOffset(plain))
          : patchEnd(toZip64(plain), 'count', 3);
      expect(readZipDirectory(wide)).toStrictEqual(readZipDirectory(plain));
    },
  );

  it('names are UTF-8 where bit 11 says so, and read byte for byte (CP437 for ASCII) where it does not', () => {
    const zip = zipSync({ '指标/数据.xml': strToU8('<a/>') });
    const read = readZipDirectory(zip);
    expect(read.ok && read.entries.map((e) => e.name)).toStrictEqual(['指标/数据.xml']);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const dir = directoryOffset(zip);
    expect(view.getUint16(dir + 8, true) & 0x800).toBe(0x800);
    view.setUint16(dir + 8, view.getUint16(dir + 8, true) & ~0x800, true);
    const latin = readZipDirectory(zip);
    expect(latin.ok && latin.entries.map((e) => e.name)).toStrictEqual([
      Buffer.from(strToU8('指标/数据.xml')).toString('latin1'),
    ]);
  });

  it('a file comment after an entry is skipped to reach the next one', () => {
    const zip = zipSync({
      'a.xml': [strToU8('<a/>'), { comment: '说明：第一个' }],
      'b.xml': strToU8('<b/>'),
    });
    const read = readZipDirectory(zip);
    expect(read.ok && read.entries.map((e) => e.name)).toStrictEqual(['a.xml', 'b.xml']);
  });

  it('verifyWholeZip does not inflate folder entries, which hold nothing', () => {
    const zip = zipSync({ 'docs/': new Uint8Array(0), 'b.txt': strToU8('bb') });
    const read = readZipDirectory(zip);
    const folder = read.ok ? read.entries.find((e) => e.name === 'docs/') : undefined;
    if (!folder) throw new Error('docs/');
    zip[folder.localOffset] = 0;
    expect(verifyWholeZip(zip, 1000)).toBeNull();
  });

  it("a local header's own extra field is skipped to reach the data, which may end the file", () => {
    const data = strToU8('hello, 耿马');
    const bytes = localEntry('x.xml', data, 0, 12);
    const entry = handEntry('x.xml', {
      method: 0,
      compressedSize: data.length,
      size: data.length,
      crc: crc32(data),
    });
    const read = inflateEntry(bytes, entry, new InflateBudget(1000));
    expect(read.ok && Buffer.from(read.data).toString()).toBe('hello, 耿马');
  });

  it('a local header of exactly 30 bytes ending the file, for an empty part, is read', () => {
    const bytes = localEntry('', new Uint8Array(0), 0);
    expect(bytes.length).toBe(30);
    const entry = handEntry('', { method: 0, compressedSize: 0, size: 0, crc: 0 });
    const read = inflateEntry(bytes, entry, new InflateBudget(0));
    expect(read.ok && read.data.length).toBe(0);
  });

  it('a local header signature with fewer than 30 bytes after it is a missing header', () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0, 0]);
    const entry = handEntry('x', { method: 0, compressedSize: 0, size: 0, crc: 0 });
    expect(inflateEntry(bytes, entry, new InflateBudget(1000))).toStrictEqual({
      ok: false,
      failure: { kind: 'damaged', detail: 'x: local header missing' },
    });
  });

  it('a small part is inflated into a buffer one byte past its declared size, never further', () => {
    // The cap holds the output: a part declaring 100 bytes less than it holds yields 101 more than declared.
    const data = new Uint8Array(5000).fill(0x61);
    const zip = zipSync({ 'a.xml': data });
    const read = readZipDirectory(zip);
    if (!read.ok || !read.entries[0]) throw new Error('directory');
    const entry = { ...read.entries[0], size: 4900 };
    expect(inflateEntry(zip, entry, new InflateBudget(1 << 20))).toStrictEqual({
      ok: false,
      failure: { kind: 'damaged', detail: 'a.xml: 4901 bytes inflated, 4900 declared' },
    });
  });

  /** A deflated entry standing alone, declared with the size and CRC of what it should inflate to. */
  const inflateDeflated = (name: string, deflated: Uint8Array, content: Uint8Array) =>
    inflateEntry(
      localEntry(name, deflated, 8),
      handEntry(name, {
        method: 8,
        compressedSize: deflated.length,
        size: content.length,
        crc: crc32(content),
      }),
      new InflateBudget(1 << 20),
    );

  it('compressed data of exactly two slices: the second is pushed as the last', () => {
    // Two stored deflate blocks (RFC 1951 §3.2.4) of 65,535 and 65,527 bytes: 131,072 bytes in all.
    const content = new Uint8Array(131_062);
    for (let i = 0; i < content.length; i++) content[i] = (i * 7) & 0xff;
    const block = (final: boolean, data: Uint8Array) => {
      const out = new Uint8Array(5 + data.length);
      out[0] = final ? 1 : 0;
      new DataView(out.buffer).setUint16(1, data.length, true);
      new DataView(out.buffer).setUint16(3, ~data.length & 0xffff, true);
      out.set(data, 5);
      return out;
    };
    const first = block(false, content.subarray(0, 65_535));
    const second = block(true, content.subarray(65_535));
    const deflated = new Uint8Array(first.length + second.length);
    deflated.set(first);
    deflated.set(second, first.length);
    expect(deflated.length).toBe(2 * 64 * 1024);
    const read = inflateDeflated('two.bin', deflated, content);
    expect(read.ok && Buffer.from(read.data).equals(Buffer.from(content))).toBe(true);
  });

  it('a Huffman stream cut off at exactly two slices is reported as cut off', () => {
    // The second slice must be pushed as the last: told that more may follow, the inflater
    // waits for it, and the part would be refused only later, for its size, with the real cause
    // (the data ends inside a block) lost. A complete stream ends itself with its final-block
    // bit, so only a cut one tells the two apart.
    const exact = 2 * 64 * 1024;
    const content = text(400_000, 11);
    const cut = deflateSync(content).subarray(0, exact);
    expect(cut.length).toBe(exact);
    expect(inflateDeflated('cut.bin', cut, content)).toStrictEqual({
      ok: false,
      failure: { kind: 'damaged', detail: 'cut.bin: unexpected EOF' },
    });
  });
});
