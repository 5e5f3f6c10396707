/**
 * `JSON.stringify(value, null, 2)` in pieces: the JSON report of a province's combine (every file,
 * every entry) runs to hundreds of megabytes, past what one string can hold in V8 (about 512 M
 * characters). The top-level object and its arrays are walked here; each element is stringified
 * on its own and indented to its place, so no piece is larger than one file's report. The pieces
 * join to exactly what JSON.stringify would have written (test/xlsx/json-stream.test.ts).
 */
export function* jsonChunks(value: unknown, depth = 2, indent = ''): Generator<string> {
  const inner = `${indent}  `;
  if (depth > 0 && Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i++) {
      // JSON.stringify writes null for what it cannot represent inside an array.
      const item: unknown = value[i];
      const representable = item !== undefined && typeof item !== 'function' && typeof item !== 'symbol';
      yield `${i > 0 ? ',' : ''}\n${inner}`;
      if (representable) yield* jsonChunks(item, depth - 1, inner);
      else yield 'null';
    }
    yield `\n${indent}]`;
    return;
  }
  if (depth > 0 && value !== null && typeof value === 'object' && !hasToJSON(value)) {
    const entries = Object.entries(value).filter(
      ([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol',
    );
    if (entries.length === 0) {
      yield '{}';
      return;
    }
    yield '{';
    for (const [i, [key, v]] of entries.entries()) {
      yield `${i > 0 ? ',' : ''}\n${inner}${JSON.stringify(key)}: `;
      yield* jsonChunks(v, depth - 1, inner);
    }
    yield `\n${indent}}`;
    return;
  }
  const text = JSON.stringify(value, null, 2);
  yield indent === '' ? text : text.replace(/\n/g, `\n${indent}`);
}

function hasToJSON(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/** Where a JSON report goes: a byte stream (stdout), or text where only text is taken. */
export type JsonSink = { bytes: (block: Buffer) => void } | { text: (block: string) => void };

/**
 * `JSON.stringify(report, null, 2)` and a line end, written in blocks of about a megabyte: a
 * province's report would not fit in one string. Each piece is encoded as it comes and the bytes
 * written in blocks: joining the pieces into one string first and encoding that took about twice
 * as long (0.2 s of a 14 MB report at 2,600 files, BENCHMARKS.md). Encoding each piece as it comes,
 * not at the flush, is kept on purpose: holding the strings to the flush took 170 ms against 100.
 */
export function writeJsonBlocks(report: unknown, sink: JsonSink, blockSize = 1 << 20): void {
  const pieces: string[] = [];
  const encoded: Buffer[] = [];
  let size = 0;
  const flush = (): void => {
    if ('bytes' in sink) sink.bytes(Buffer.concat(encoded, size));
    else sink.text(pieces.join(''));
    pieces.length = 0;
    encoded.length = 0;
    size = 0;
  };
  const add = (piece: string): void => {
    if ('bytes' in sink) {
      const bytes = Buffer.from(piece, 'utf8');
      encoded.push(bytes);
      size += bytes.length;
    } else {
      pieces.push(piece);
      size += piece.length;
    }
  };
  for (const piece of jsonChunks(report)) {
    add(piece);
    if (size >= blockSize) flush();
  }
  add('\n');
  flush();
}
