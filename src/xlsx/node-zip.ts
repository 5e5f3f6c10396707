import * as zlib from 'node:zlib';
import { crc32 as ownCrc32, type NativeZip } from './zip';

/**
 * Node's zlib as the reader's inflater (src/xlsx/zip.ts, NativeZip). `maxOutputLength` makes
 * zlib stop once the output would pass the cap, so a part that inflates past its declared size
 * costs no more memory than it declared. zlib.crc32 is Node 20.15 and later; before it, our own.
 */
export const nodeZip: NativeZip = {
  inflateRaw(compressed, cap) {
    try {
      return zlib.inflateRawSync(compressed, { maxOutputLength: cap });
    } catch (cause) {
      if ((cause as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return 'over';
      throw cause;
    }
  },
  crc32: typeof zlib.crc32 === 'function' ? (data) => zlib.crc32(data) >>> 0 : ownCrc32,
};
