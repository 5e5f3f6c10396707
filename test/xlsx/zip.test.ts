import fc from 'fast-check';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { crc32 } from '../../src/xlsx/zip';

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
