import fc from 'fast-check';
import { jsonChunks } from '../../src/xlsx/json-stream';

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
});
