import { deflateRawSync } from 'node:zlib';
import { nodeZip } from './node-zip';
import { readZipDirectory } from './zip';

/**
 * Rewrites a zip package with some parts replaced or added (APPNOTE.TXT §4.3: local header, data,
 * central directory, end record). The parts that stay are copied as they were compressed — nothing
 * is inflated and deflated again — and the new ones are deflated by Node's zlib. Used on the
 * master that exceljs just wrote, never on a file from outside.
 */

export type NewPart = { name: string; data: Uint8Array };

interface Written {
  name: Uint8Array;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

export function repackZip(bytes: Uint8Array, replaced: readonly NewPart[], level = 6): Buffer {
  const directory = readZipDirectory(bytes);
  if (!directory.ok) throw new Error(`repackZip: ${directory.failure.detail}`);
  const replacing = new Map(replaced.map((p) => [p.name, p]));
  const chunks: Uint8Array[] = [];
  const written: Written[] = [];
  let offset = 0;
  const encoder = new TextEncoder();
  const add = (name: string, method: number, crc: number, size: number, data: Uint8Array) => {
    const nameBytes = encoder.encode(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0, deflate
    header.writeUInt16LE(0x800, 6); // UTF-8 names; sizes are in this header, no data descriptor
    header.writeUInt16LE(method, 8);
    header.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00, a fixed time: the same rows give the same bytes
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    chunks.push(header, nameBytes, data);
    written.push({ name: nameBytes, method, crc, compressedSize: data.length, size, offset });
    offset += header.length + nameBytes.length + data.length;
    if (offset > 0xffffffff) throw new Error('repackZip: the package would pass 4 GB (zip64 is not written)');
  };
  for (const entry of directory.entries) {
    if (replacing.has(entry.name)) continue;
    const local = entry.localOffset;
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const start = local + 30 + view.readUInt16LE(local + 26) + view.readUInt16LE(local + 28);
    add(entry.name, entry.method, entry.crc, entry.size, bytes.subarray(start, start + entry.compressedSize));
  }
  for (const part of replaced)
    add(part.name, 8, nodeZip.crc32(part.data), part.data.length, deflateRawSync(part.data, { level }));

  const directoryStart = offset;
  for (const w of written) {
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x800, 8);
    header.writeUInt16LE(w.method, 10);
    header.writeUInt32LE(0x00210000, 12);
    header.writeUInt32LE(w.crc, 16);
    header.writeUInt32LE(w.compressedSize, 20);
    header.writeUInt32LE(w.size, 24);
    header.writeUInt16LE(w.name.length, 28);
    header.writeUInt32LE(w.offset, 42);
    chunks.push(header, w.name);
    offset += header.length + w.name.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(written.length, 8);
  end.writeUInt16LE(written.length, 10);
  end.writeUInt32LE(offset - directoryStart, 12);
  end.writeUInt32LE(directoryStart, 16);
  chunks.push(end);
  return Buffer.concat(chunks);
}
