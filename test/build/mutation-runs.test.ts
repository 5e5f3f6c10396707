/**
 * Each Stryker run is kept in git as a small record (scripts/mutation-runs.js), so that
 * docs/mutation.md can be written again on a fresh clone: Stryker's own report is in reports/,
 * which git ignores, and a new machine had lost every earlier run.
 */
import { createHash } from 'node:crypto';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { lineCount, recordOf, recordText, runsOf } = require('../../scripts/mutation-runs.js') as {
  lineCount: (text: string) => number;
  recordOf: (report: unknown, when: Date, relative?: (file: string) => string) => RunRecord;
  recordText: (record: RunRecord) => string;
  runsOf: (record: RunRecord) => { file: string; run: LoadedRun }[];
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { mergeRuns } = require('../../scripts/mutation-merge.js') as {
  mergeRuns: (runs: LoadedRun[]) => { complete: boolean };
};

interface RunRecord {
  when: string;
  stryker: string;
  mutate: string[] | null;
  note?: string;
  files: Record<
    string,
    {
      sha256: string | null;
      lines: number;
      unlisted?: Record<string, number>;
      mutants: [number, string, string, string][];
    }
  >;
}
interface LoadedRun {
  mutants: {
    location: { start: { line: number | null } };
    mutatorName: string;
    status: string;
    replacement: string;
  }[];
  when: Date;
  sha256: string | null;
  lines: number;
  ranges: [number, number][] | null;
  version: string;
}

const READER = 'const a = 1;\nconst b = a > 0;\n';
const strykerMutant = (line: number, mutatorName: string, status: string, replacement?: string) => ({
  id: `${line}-${mutatorName}`,
  mutatorName,
  status,
  replacement,
  location: { start: { line, column: 1 }, end: { line, column: 9 } },
});
// The shape of Stryker's JSON report, as far as a record reads it.
const report = {
  framework: { name: 'StrykerJS', version: '9.5.1' },
  config: { mutate: ['src/xlsx/reader.ts:1-2'] },
  files: {
    '/sandbox/src/xlsx/reader.ts': {
      language: 'typescript',
      source: READER,
      mutants: [
        strykerMutant(2, 'EqualityOperator', 'Survived', 'a >= 0'),
        strykerMutant(1, 'NumericLiteral', 'Killed', '0'),
        strykerMutant(2, 'BooleanLiteral', 'Timeout', 'true'),
        strykerMutant(1, 'BlockStatement', 'NoCoverage'),
      ],
    },
    // A copy of an earlier run's results, carried in every report: not this run's.
    '/sandbox/src/core/parse.ts': {
      language: 'typescript',
      source: 'x',
      mutants: [strykerMutant(1, 'X', 'Killed')],
    },
  },
};
const relative = (file: string) => file.replace('/sandbox/', '');
const WHEN = new Date(Date.UTC(2026, 10, 30, 14, 30));

describe('mutation run records (scripts/mutation-runs.js)', () => {
  it("keeps of a report only the files the run mutated: their code's hash, lines and each mutant", () => {
    const record = recordOf(report, WHEN, relative);
    expect(record).toStrictEqual({
      when: '2026-11-30T14:30:00.000Z',
      stryker: '9.5.1',
      mutate: ['src/xlsx/reader.ts:1-2'],
      files: {
        'src/xlsx/reader.ts': {
          sha256: createHash('sha256').update(READER).digest('hex'),
          lines: 2,
          // In line order, then by mutator; a mutant without a replacement keeps ''.
          mutants: [
            [1, 'BlockStatement', 'NoCoverage', ''],
            [1, 'NumericLiteral', 'Killed', '0'],
            [2, 'BooleanLiteral', 'Timeout', 'true'],
            [2, 'EqualityOperator', 'Survived', 'a >= 0'],
          ],
        },
      },
    });
  });

  it('counts the lines an editor numbers: the end of the last line does not start another', () => {
    expect(lineCount('a\nb\n')).toBe(2);
    expect(lineCount('a\nb')).toBe(2);
    expect(lineCount('a\n\n')).toBe(2);
    expect(lineCount('\n')).toBe(1);
    expect(lineCount('')).toBe(0);
  });

  it('keeps of a run of some lines only those lines: the rest are copies of earlier results', () => {
    const part = { ...report, config: { mutate: ['src/xlsx/reader.ts:2-2'] } };
    expect(recordOf(part, WHEN, relative).files['src/xlsx/reader.ts']?.mutants).toStrictEqual([
      [2, 'BooleanLiteral', 'Timeout', 'true'],
      [2, 'EqualityOperator', 'Survived', 'a >= 0'],
    ]);
  });

  it('writes a record as JSON that reads back the same, one mutant to a line', () => {
    const record = { ...recordOf(report, WHEN, relative), note: 'a note' };
    const text = recordText(record);
    expect(JSON.parse(text)).toStrictEqual(record);
    expect(text).toContain('\n        [2,"EqualityOperator","Survived","a >= 0"]\n');
    const carried: RunRecord = {
      when: WHEN.toISOString(),
      stryker: '9.5.1',
      mutate: null,
      files: {
        'src/a.ts': { sha256: null, lines: 4, unlisted: { Killed: 2 }, mutants: [] },
        'src/b.ts': { sha256: 'x', lines: 1, mutants: [[1, 'M', 'Killed', '"q"']] },
      },
    };
    expect(JSON.parse(recordText(carried))).toStrictEqual(carried);
  });

  it('reads a record back as runs the report puts together, with the lines each was given', () => {
    const [loaded, ...rest] = runsOf(recordOf(report, WHEN, relative));
    expect(rest).toHaveLength(0);
    expect(loaded?.file).toBe('src/xlsx/reader.ts');
    expect(loaded?.run).toMatchObject({ when: WHEN, lines: 2, ranges: [[1, 2]], version: '9.5.1' });
    expect(loaded?.run.mutants[3]).toStrictEqual({
      location: { start: { line: 2 } },
      mutatorName: 'EqualityOperator',
      status: 'Survived',
      replacement: 'a >= 0',
    });
  });

  it('shows a file run in two halves of its lines as run whole (its final newline is no line)', () => {
    const half = (mutate: string, minutes: number) =>
      runsOf(
        recordOf(
          { ...report, config: { mutate: [mutate] } },
          new Date(WHEN.getTime() + minutes * 60_000),
          relative,
        ),
      )[0]!.run;
    expect(mergeRuns([half('src/xlsx/reader.ts:1-1', 0), half('src/xlsx/reader.ts:2-2', 1)]).complete).toBe(
      true,
    );
    expect(mergeRuns([half('src/xlsx/reader.ts:1-1', 0)]).complete).toBe(false);
  });

  it('gives the mutants a carried-over record counted but did not list no line', () => {
    const [loaded] = runsOf({
      when: WHEN.toISOString(),
      stryker: '9.5.1',
      mutate: ['src/a.ts'],
      files: {
        'src/a.ts': {
          sha256: null,
          lines: 9,
          unlisted: { Killed: 2, Timeout: 1 },
          mutants: [[4, 'M', 'Survived', '']],
        },
      },
    });
    expect(loaded?.run.sha256).toBeNull();
    expect(loaded?.run.ranges).toBeNull();
    expect(loaded?.run.mutants.map((m) => [m.location.start.line, m.status])).toStrictEqual([
      [4, 'Survived'],
      [null, 'Killed'],
      [null, 'Killed'],
      [null, 'Timeout'],
    ]);
  });
});
