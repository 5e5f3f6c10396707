import fc from 'fast-check';
import { jsonChunks, writeJsonBlocks } from '../../src/xlsx/json-stream';

describe('the JSON report written in pieces', () => {
  it('joins to exactly JSON.stringify(value, null, 2), whatever the value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.integer({ min: 0, max: 4 }), (value, depth) => {
        expect([...jsonChunks(value, depth)].join('')).toBe(JSON.stringify(value, null, 2));
      }),
      { numRuns: 500, seed: 1129 },
    );
  });

  it('as JSON.stringify: undefined members left out, undefined items null, toJSON honoured', () => {
    const value = {
      files: [{ a: 1, b: undefined }, undefined, () => 1, new Date(0)],
      empty: [],
      none: {},
      skipped: undefined,
      text: 'line\nbreak "quoted"',
    };
    expect([...jsonChunks(value)].join('')).toBe(JSON.stringify(value, null, 2));
  });

  it('no piece is larger than one element of the top-level arrays', () => {
    const files = Array.from({ length: 200 }, (_v, i) => ({
      file: `f${i}.xlsx`,
      entries: Array(20).fill({ code: 'YL-01' }),
    }));
    const pieces = [...jsonChunks({ files })];
    const largest = Math.max(...pieces.map((p) => p.length));
    expect(largest).toBeLessThan(JSON.stringify(files[0], null, 2).length * 1.5 + 40);
  });

  it('written in blocks, as bytes or as text, to exactly the report and a line end', () => {
    const report = {
      files: Array.from({ length: 300 }, (_v, i) => ({
        file: `${String(i).padStart(4, '0')}-民政局.xlsx`,
        note: `养老床位 620 张，约75%😀 ${'县'.repeat(i % 50)}`,
      })),
    };
    const expected = `${JSON.stringify(report, null, 2)}\n`;
    const blocks: Buffer[] = [];
    writeJsonBlocks(report, { bytes: (b) => blocks.push(Buffer.from(b)) }, 4096);
    expect(blocks.length).toBeGreaterThan(5);
    // Each block but the last is at least a block's size, none much past it.
    for (const block of blocks.slice(0, -1)) expect(block.length).toBeGreaterThanOrEqual(4096);
    expect(Buffer.concat(blocks).toString('utf8')).toBe(expected);
    const texts: string[] = [];
    writeJsonBlocks(report, { text: (t) => texts.push(t) }, 4096);
    expect(texts.length).toBeGreaterThan(5);
    expect(texts.join('')).toBe(expected);
  });
});
