import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { defaultCatalog } from '../../src/core';
import { demoSubmissions, fillTemplate } from '../../src/xlsx/demo';
import { readWorkbook } from '../../src/xlsx/reader';
import { writeTemplate } from '../../src/xlsx/template';
import { InflateBudget, crc32, inflateEntry, readZipDirectory } from '../../src/xlsx/zip';

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
    expect(wide).toEqual(ordinary);
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
    expect(texts).toEqual([
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
    expect(readWorkbook(toZip64(bytes), { allSheets: true })).toEqual(original);
  });

  it.each([[['offset']], [['size']], [['compressed']], [['size', 'offset']], [['compressed', 'offset']]] as [
    Zip64Field[],
  ][])('an extra field holding only the fields that overflowed (%j) reads the same', (moved) => {
    // APPNOTE §4.5.3: a field is in the zip64 extra only when its 32-bit slot says 0xFFFFFFFF;
    // a reader that expects all three takes an offset for a size.
    const zip = toZip64(plain(), undefined, moved);
    const directory = readZipDirectory(zip);
    expect(directory).toEqual(readZipDirectory(plain()));
    if (!directory.ok) return;
    for (const entry of directory.entries)
      expect(inflateEntry(zip, entry, new InflateBudget(1 << 20)).ok).toBe(true);
  });

  it('a locator pointing at no zip64 end record is a damaged file, saying so', () => {
    const broken = readZipDirectory(toZip64(plain(), 7));
    expect(broken).toEqual({
      ok: false,
      failure: { kind: 'damaged', detail: 'zip64: end record not found' },
    });
  });
});
