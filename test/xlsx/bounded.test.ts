import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { defaultCatalog, fileErrorDetail } from '../../src/core';
import { demoSubmissions, fillTemplate } from '../../src/xlsx/demo';
import { clearPartCache, READ_LIMITS, readWorkbook } from '../../src/xlsx/reader';
import { writeTemplate } from '../../src/xlsx/template';
import { scanXml, type XmlHandler } from '../../src/xlsx/xml';
import { readZipDirectory } from '../../src/xlsx/zip';

/**
 * Issue 15: bounded work on any input. Nothing here is timed: the XML scanner counts the
 * characters it looks at, and the properties hold that count to a small multiple of the input.
 */

type Parts = Record<string, Uint8Array>;
const catalog = defaultCatalog();

async function submission(): Promise<Parts> {
  const demo = demoSubmissions().find((s) => s.bureau === '县民政局')!;
  return unzipSync(await fillTemplate(await writeTemplate(catalog, demo.bureau, 2023), demo.filling));
}

const silent: XmlHandler = {
  open: () => undefined,
  close: () => undefined,
  text: () => undefined,
  wantText: () => true,
};

/** Fragments of spreadsheet XML a careless or hostile writer could repeat, nest or leave open. */
const fragment = fc.constantFrom(
  '<si>',
  '<si><t>',
  '</si>',
  '<c r="A1" t="s">',
  '<c>',
  '</c>',
  '<v>',
  '<v>1',
  '</v>',
  '<t>',
  '</t>',
  '<rPh>',
  '</rPh>',
  '<is>',
  '<row>',
  '<x:c r="B2">',
  '"',
  "'",
  '<c r="',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '&amp;',
  '&#',
  '&#x1F600;',
  '_x000D_',
  'text',
  '>',
  '<',
  '<?pi',
  '<mergeCell ref="A1:B2"/>',
  ' '.repeat(20),
);

describe('the XML scanner does work linear in its input', () => {
  it('over generated hostile XML: unclosed, repeated and nested tags', () => {
    fc.assert(
      fc.property(
        fc.array(fragment, { maxLength: 400 }),
        fc.integer({ min: 1, max: 50 }),
        (pieces, repeat) => {
          const xml = pieces.join('').repeat(repeat);
          const stats = scanXml(xml, silent);
          expect(stats.steps).toBeLessThanOrEqual(xml.length + 16);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('through the whole reader: every part it scans, with the hostile XML in the sheet and the strings', async () => {
    const base = await submission();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fragment, { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        async (pieces, repeat) => {
          const junk = pieces.join('').repeat(repeat);
          const parts = { ...base };
          const sheet = strFromU8(base['xl/worksheets/sheet1.xml']!);
          parts['xl/worksheets/sheet1.xml'] = strToU8(sheet.replace('</sheetData>', `${junk}</sheetData>`));
          const sst = strFromU8(base['xl/sharedStrings.xml']!);
          parts['xl/sharedStrings.xml'] = strToU8(sst.replace('</sst>', `${junk}</sst>`));
          const work = { steps: 0, xmlChars: 0 };
          readWorkbook(zipSync(parts), { work });
          await Promise.resolve();
          expect(work.xmlChars).toBeGreaterThan(junk.length);
          expect(work.steps).toBeLessThanOrEqual(work.xmlChars + 64);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('20,000 unclosed <si> (the 14.5 KB file that took 45 s) are refused, scanned once', async () => {
    const parts = await submission();
    const sst = strFromU8(parts['xl/sharedStrings.xml']!);
    parts['xl/sharedStrings.xml'] = strToU8(sst.replace('</sst>', `${'<si><t>x'.repeat(20_000)}</sst>`));
    const bytes = zipSync(parts, { level: 9 });
    expect(bytes.length).toBeLessThan(64 * 1024);
    const work = { steps: 0, xmlChars: 0 };
    expect(readWorkbook(bytes, { work })).toMatchObject({ ok: false, error: { kind: 'part-damaged' } });
    expect(work.steps).toBeLessThanOrEqual(work.xmlChars + 64);
  });

  it.each(['<c r="G7">', '<v>', '<rPh>', '<c r="G7"><v>'])(
    'unclosed %s repeated 40,000 times: refused',
    async (tag) => {
      const parts = await submission();
      const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
      parts['xl/worksheets/sheet1.xml'] = strToU8(
        sheet.replace('</sheetData>', `${tag.repeat(40_000)}</sheetData>`),
      );
      const work = { steps: 0, xmlChars: 0 };
      const read = readWorkbook(zipSync(parts, { level: 9 }), { work });
      expect(read.ok).toBe(false);
      expect(work.steps).toBeLessThanOrEqual(work.xmlChars + 64);
    },
  );
});

describe('budgets per file', () => {
  it('a million <mergeCell> in a small file is refused for its merges, not run out of memory', async () => {
    const parts = await submission();
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    const merges = `<mergeCells>${'<mergeCell ref="A1:B2"/>'.repeat(1_000_000)}</mergeCells>`;
    parts['xl/worksheets/sheet1.xml'] = strToU8(sheet.replace('</worksheet>', `${merges}</worksheet>`));
    const bytes = zipSync(parts, { level: 9 });
    expect(bytes.length).toBeLessThan(200 * 1024);
    expect(readWorkbook(bytes)).toMatchObject({
      ok: false,
      error: { kind: 'too-large', params: { limit: 'merges', max: READ_LIMITS.maxMerges } },
    });
  }, 60_000);

  it('the inflate budget is for the whole file: three sheets of 30 MB each are refused, though each is under it', async () => {
    const parts = await submission();
    const filler = new Uint8Array(30 * 1024 * 1024).fill(32);
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    const padded = (xml: string) => {
      const head = strToU8(xml.replace('</worksheet>', ''));
      const out = new Uint8Array(head.length + filler.length + 12);
      out.set(head);
      out.set(filler, head.length);
      out.set(strToU8('</worksheet>'), head.length + filler.length);
      return out;
    };
    // 指标填报, 重点任务 and _meta: the three sheets a submission is read for.
    for (const name of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml'])
      parts[name] = padded(name === 'xl/worksheets/sheet1.xml' ? sheet : strFromU8(parts[name]!));
    const bytes = zipSync(parts, { level: 1 });
    const read = readWorkbook(bytes);
    expect(read).toMatchObject({ ok: false, error: { kind: 'too-large', params: { limit: 'inflated' } } });
  }, 60_000);

  it('a part whose declared size is smaller than its data is damaged, not "no header"', async () => {
    const parts = await submission();
    const bytes = zipSync(parts);
    const directory = readZipDirectory(bytes);
    if (!directory.ok) throw new Error('no directory');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = bytes.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) !== 0x02014b50) continue;
      const nameLength = view.getUint16(i + 28, true);
      const name = new TextDecoder().decode(bytes.subarray(i + 46, i + 46 + nameLength));
      if (name === 'xl/sharedStrings.xml') view.setUint32(i + 24, view.getUint32(i + 24, true) - 100, true);
    }
    expect(readWorkbook(bytes)).toMatchObject({ ok: false, error: { kind: 'damaged' } });
  });

  it('a part whose data does not match its CRC is damaged', async () => {
    const parts = await submission();
    const bytes = zipSync(parts, { level: 0 });
    // Stored (level 0): flip one byte of the entry sheet's data in place.
    const text = new TextDecoder('latin1').decode(bytes);
    const at = text.indexOf('<sheetData>');
    bytes[at + 3] = 'X'.charCodeAt(0);
    const read = readWorkbook(bytes);
    expect(read).toMatchObject({ ok: false, error: { kind: 'damaged' } });
    expect(read.ok || fileErrorDetail(read.error)).toMatch(/CRC-32/);
  });

  it('a date cell of a million spaces is read without backtracking', async () => {
    const parts = await submission();
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    parts['xl/worksheets/sheet1.xml'] = strToU8(
      sheet.replace(/<c r="H2"[^>]*>.*?<\/c>/, `<c r="H2" t="d"><v>${' '.repeat(1_000_000)}x</v></c>`),
    );
    expect(readWorkbook(zipSync(parts)).ok).toBe(true);
  });

  it('a deflate stream damaged in the middle is damaged, never a partial sheet', async () => {
    const parts = await submission();
    const bytes = zipSync(parts, { level: 6 });
    const directory = readZipDirectory(bytes);
    if (!directory.ok) throw new Error('no directory');
    const entry = directory.entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const start = entry.localOffset + 30 + entry.name.length;
    bytes.fill(0xff, start + 20, start + 40);
    expect(readWorkbook(bytes)).toMatchObject({ ok: false, error: { kind: 'damaged' } });
  });
});

describe('a file larger than a bureau file can be is refused from its size, never read', () => {
  it('the command line: a 25 MB file (sparse on disk) is too-large from fstat', async () => {
    const { mkdtempSync, openSync, ftruncateSync, closeSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { checkFile } = await import('../../src/xlsx/files');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'yilao-big-')), '大文件.xlsx');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 25 * 1024 * 1024);
    closeSync(fd);
    expect(checkFile(file, catalog)).toMatchObject({
      fileErrors: [{ kind: 'too-large', params: { limit: 'file', size: '25.0', max: 20 } }],
      report: null,
    });
  });

  it('the pane: File.size decides before the bytes are asked for', async () => {
    const { readDroppedFiles } = await import('../../src/taskpane/read-files');
    let read = false;
    const big = {
      name: '大文件.xlsx',
      size: READ_LIMITS.maxFileBytes + 1,
      arrayBuffer: () => {
        read = true;
        return Promise.resolve(new ArrayBuffer(0));
      },
    } as unknown as File;
    const [result] = await readDroppedFiles([big], catalog, {}, () => undefined);
    expect(read).toBe(false);
    expect(result).toMatchObject({
      file: '大文件.xlsx',
      fileErrors: [{ kind: 'too-large', params: { limit: 'file' } }],
    });
  });
});

describe('parts shared by many files are read once, and a file reads the same whoever came before', () => {
  // A fresh template's package: its styles part is stored (level 0) so that bytes can be changed in place.
  async function stored(): Promise<Uint8Array> {
    return zipSync(await submission(), { level: 0 });
  }
  const stylesAt = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes).indexOf('<cellXfs');

  /** Sets the CRC-32 an entry declares, in its local header and in the central directory. */
  function declareCrc(bytes: Uint8Array, part: string, crc: number): Uint8Array {
    const copy = bytes.slice();
    const view = new DataView(copy.buffer);
    for (let i = 0; i + 46 < copy.length; i++) {
      const signature = view.getUint32(i, true);
      const [nameAt, lengthAt, crcAt] =
        signature === 0x04034b50 ? [30, 26, 14] : signature === 0x02014b50 ? [46, 28, 16] : [0, 0, 0];
      if (!nameAt) continue;
      const name = new TextDecoder().decode(
        copy.subarray(i + nameAt, i + nameAt + view.getUint16(i + lengthAt, true)),
      );
      if (name === part) view.setUint32(i + crcAt, crc, true);
    }
    return copy;
  }
  function crcOf(bytes: Uint8Array, part: string): number {
    const directory = readZipDirectory(bytes, 100);
    if (!directory.ok) throw new Error('not a zip');
    return directory.entries.find((e) => e.name === part)!.crc;
  }

  it('reads a file the same and counts the same work, first or again (spec §9: bounded work)', async () => {
    const bytes = await stored();
    clearPartCache();
    const cold = { steps: 0, xmlChars: 0 };
    const first = readWorkbook(bytes, { work: cold });
    const warm = { steps: 0, xmlChars: 0 };
    const again = readWorkbook(bytes, { work: warm });
    expect(again).toStrictEqual(first);
    expect(warm).toStrictEqual(cold);
    expect(cold.steps).toBeGreaterThan(0);
  });

  it('a part with the bytes of one read before but another CRC-32 declared is still damaged', async () => {
    const bytes = await stored();
    readWorkbook(bytes);
    const lying = declareCrc(bytes, 'xl/styles.xml', (crcOf(bytes, 'xl/styles.xml') ^ 1) >>> 0);
    const read = readWorkbook(lying);
    expect(read.ok || fileErrorDetail(read.error)).toMatch(/styles\.xml: CRC-32 mismatch/);
  });

  it('a part changed in place, its name, size and CRC-32 as declared before, is still damaged', async () => {
    const bytes = await stored();
    expect(readWorkbook(bytes).ok).toBe(true);
    const changed = bytes.slice();
    changed[stylesAt(bytes) + 1] = 'X'.charCodeAt(0);
    const read = readWorkbook(changed);
    expect(read.ok || fileErrorDetail(read.error)).toMatch(/styles\.xml: CRC-32 mismatch/);
  });

  it('a part met before is charged to the file’s inflate budget as if inflated again', async () => {
    const bytes = await stored();
    const read = (max: number) => readWorkbook(bytes, { limits: { ...READ_LIMITS, maxInflatedBytes: max } });
    // The least budget that reads the file, found with nothing remembered.
    let [low, high] = [0, 10_000_000];
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      clearPartCache();
      if (read(mid).ok) high = mid;
      else low = mid;
    }
    clearPartCache();
    const refused = read(high - 1);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'too-large' } });
    expect(readWorkbook(bytes).ok).toBe(true);
    // Every part remembered now: the same budget still reads it; one byte less is refused at the
    // same part, in the same words.
    expect(read(high).ok).toBe(true);
    expect(read(high - 1)).toStrictEqual(refused);
    // And wherever the budget runs out — in a part remembered or not — at the same part.
    for (let max = 0; max < high; max += Math.ceil(high / 300)) {
      clearPartCache();
      const cold = read(max);
      readWorkbook(bytes);
      expect([max, read(max)]).toStrictEqual([max, cold]);
    }
  });
});
