import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { runCli } from '../helpers/run-cli';
import { readWorkbook } from '../../src/xlsx/reader';
import {
  BUREAU_BUDGET_REFUSALS,
  ENCRYPTED,
  EXCELJS_CANNOT,
  FUZZED,
  KNOWN_DIFFERENCES,
  REFUSALS,
} from './expectations';
import { COMPARE_LIMITS, PEER_DIR, comparePeerFile, type PeerOutcome } from './harness';
import { nodeZip } from '../../src/xlsx/node-zip';
import { useNativeZip } from '../../src/xlsx/zip';

/**
 * `npm run test:peer`: the fast reader over 471 workbooks from other projects' test suites
 * (../shared/peer-xlsx, SOURCES.tsv), cell by cell against exceljs, each refusal for its true
 * reason, and a combine over the whole folder. Counts are printed for docs/reliability.md.
 */

if (!existsSync(PEER_DIR))
  throw new Error(`the peer corpus is not at ${PEER_DIR}: it comes with shared/, beside the repository`);
const files = readdirSync(PEER_DIR)
  .filter((f) => /\.xls[xm]$/i.test(f))
  .sort();
const outcomes = new Map<string, PeerOutcome>();

beforeAll(async () => {
  for (const file of files) outcomes.set(file, await comparePeerFile(file));
}, 1_800_000);

it('holds the corpus it was reviewed on', () => {
  expect(files.length).toBe(471);
});

it('reads every file or refuses it for its true reason', () => {
  const wrong: string[] = [];
  for (const [file, outcome] of outcomes) {
    const expected = REFUSALS[file];
    const refusal = outcome.fast.ok ? null : outcome.fast;
    if (expected) {
      const [kind, detail] = expected;
      if (!refusal || refusal.kind !== kind || !detail.test(refusal.detail))
        wrong.push(`${file}: expected ${kind} ${String(detail)}, got ${JSON.stringify(outcome.fast)}`);
    } else if (ENCRYPTED.has(file)) {
      if (refusal?.kind !== 'encrypted')
        wrong.push(`${file}: expected encrypted, got ${JSON.stringify(outcome.fast)}`);
    } else if (FUZZED.test(file) && refusal) {
      if (refusal.kind !== 'damaged' || !/^(zip|_rels|xl)/.test(refusal.detail))
        wrong.push(`${file}: a fuzzed file refused for another reason: ${JSON.stringify(refusal)}`);
    } else if (refusal) {
      wrong.push(`${file}: refused, ${refusal.kind} ${refusal.detail}`);
    }
  }
  expect(wrong).toEqual([]);
});

it('agrees with exceljs on every cell, after the reasoned corrections', () => {
  const unexplained: string[] = [];
  for (const [file, outcome] of outcomes) {
    const known = KNOWN_DIFFERENCES[file];
    if (known) {
      if (outcome.differences.length !== known[0])
        unexplained.push(`${file}: ${outcome.differences.length} differences, ${known[0]} known`);
      continue;
    }
    if (outcome.differences.length > 0)
      unexplained.push(`${file}: ${outcome.differences.slice(0, 5).join(' | ')}`);
  }
  expect(unexplained).toEqual([]);
});

it('reads each file exceljs cannot, and the list of them is current', () => {
  const cannot = [...outcomes.values()].filter((o) => o.fast.ok && !o.exceljs.ok).map((o) => o.file);
  expect(cannot.sort()).toEqual(Object.keys(EXCELJS_CANNOT).sort());
});

it('applies the bureau budget where a bureau file could never be this large', () => {
  for (const [file, limit] of Object.entries(BUREAU_BUDGET_REFUSALS)) {
    const read = readWorkbook(readFileSync(path.join(PEER_DIR, file)));
    const spent = !read.ok && read.error.kind === 'too-large' ? read.error.params.limit : null;
    expect({ file, read: read.ok ? 'ok' : [read.error.kind, spent] }).toEqual({
      file,
      read: ['too-large', limit],
    });
  }
});

it("reads every file alike with Node's zlib (the command line) and fflate (the pane)", () => {
  // Refusals may word an inflater's failure in its own words ("unexpected EOF", "unexpected end
  // of file"); the kind of refusal and every cell read must be the same.
  const outcome = (bytes: Uint8Array) => {
    const read = readWorkbook(bytes, { allSheets: true, limits: COMPARE_LIMITS });
    return read.ok ? read.workbook : `refused: ${read.error.kind}`;
  };
  const differ: string[] = [];
  // runCli loaded the command line, which lent zlib: the combine after this test must still read as it does.
  const before = useNativeZip(null);
  try {
    for (const file of files) {
      const bytes = readFileSync(path.join(PEER_DIR, file));
      useNativeZip(null);
      const pane = outcome(bytes);
      useNativeZip(nodeZip);
      // Compared as values: the largest workbook does not fit in one JSON string.
      if (!isDeepStrictEqual(outcome(bytes), pane)) differ.push(file);
    }
  } finally {
    useNativeZip(before);
  }
  expect(differ).toEqual([]);
});

it('combines the whole folder: every file has a result, and the master is written', async () => {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'peer-')), 'master.xlsx');
  const { code, stdout } = await runCli(['combine', PEER_DIR, '--out', out, '--period', '2023', '--json']);
  expect(code).toBe(1);
  const report = JSON.parse(stdout) as { files: { file: string }[] };
  // Every file in the folder, the README and SOURCES.tsv included: nothing is passed over.
  expect(report.files.length).toBe(readdirSync(PEER_DIR).filter((f) => !f.startsWith('.')).length);
  expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
}, 600_000);

afterAll(() => {
  const all = [...outcomes.values()];
  const counts: Record<string, number> = {};
  const corrections: Record<string, number> = {};
  let cells = 0;
  for (const o of all) {
    const key = `fast ${o.fast.ok ? 'read' : `refused (${o.fast.kind})`}, exceljs ${o.exceljs.ok ? 'read' : o.exceljs.error === 'timeout' ? 'timed out' : 'failed'}`;
    counts[key] = (counts[key] ?? 0) + 1;
    cells += o.cells;
    for (const [k, v] of Object.entries(o.corrections)) corrections[k] = (corrections[k] ?? 0) + v;
  }
  process.stdout.write(
    `peer corpus: ${all.length} files, ${cells} cells compared\n${Object.entries(counts)
      .sort()
      .map(([k, v]) => `  ${v}  ${k}`)
      .join('\n')}\n  corrections of exceljs (cells): ${JSON.stringify(corrections)}\n`,
  );
});
