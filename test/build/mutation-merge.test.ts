/**
 * docs/mutation.md puts a file's Stryker runs together (scripts/mutation-merge.js): a long file
 * run in parts by lines counts as run only when its parts cover it, and only runs of the same code
 * are put together.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { rangesOf, mergeRuns, linesText } = require('../../scripts/mutation-merge.js') as {
  rangesOf: (targets: unknown, file: string) => [number, number][] | null | undefined;
  mergeRuns: (list: Run[]) => {
    mutants: Mutant[];
    complete: boolean;
    ranges: [number, number][] | null;
    when: Date;
  };
  linesText: (ranges: [number, number][] | null) => string;
};

interface Mutant {
  id: string;
  status: string;
  location: { start: { line: number | null } };
}
interface Run {
  mutants: Mutant[];
  when: Date;
  sha256: string | null;
  lines: number;
  ranges: [number, number][] | null;
}

const FILE = 'src/xlsx/reader.ts';
// A run's code as the report knows it: its SHA-256 and its number of lines.
const source = (lines: number, edit = '') => ({ sha256: `code of ${lines} lines${edit}`, lines });
const mutant = (id: string, line: number | null, status = 'Killed'): Mutant => ({
  id,
  status,
  location: { start: { line } },
});
const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 12, minute));

describe('mutation runs of part of a file (scripts/mutation-merge.js)', () => {
  it('takes from a run only the files it mutated: a report also carries copies of earlier results', () => {
    expect(rangesOf(['src/core/combine.ts'], FILE)).toBeUndefined();
    expect(rangesOf(['src/xlsx/xml.ts:1-9'], FILE)).toBeUndefined();
    expect(rangesOf(['!src/xlsx/**/*.ts'], FILE)).toBeUndefined();
    // The project's whole list (stryker.config.mjs) names it.
    expect(
      rangesOf(['src/core/**/*.ts', '!src/core/**/*.test.ts', FILE, 'src/excel/**/*.ts'], FILE),
    ).toBeNull();
  });

  it('reads the lines a run was given, for this file only', () => {
    expect(rangesOf([`${FILE}:1-300`, `${FILE}:600-700`, 'src/xlsx/xml.ts:1-9'], FILE)).toStrictEqual([
      [1, 300],
      [600, 700],
    ]);
    // Named whole, matched by a pattern, or a run that did not say: the whole file.
    expect(rangesOf([FILE], FILE)).toBeNull();
    expect(rangesOf(['src/xlsx/*.ts'], FILE)).toBeNull();
    expect(rangesOf(undefined, FILE)).toBeNull();
    // Given both whole and in part, or in part and by a pattern that matches it: the whole file.
    expect(rangesOf([`${FILE}:1-5`, FILE], FILE)).toBeNull();
    expect(rangesOf([`${FILE}:1-5`, 'src/xlsx/*.ts'], FILE)).toBeNull();
    expect(rangesOf([`${FILE}:1-5`, 'src/**/*.ts'], FILE)).toBeNull();
    // A pattern that does not match it leaves the lines as given.
    expect(
      rangesOf(
        [
          `${FILE}:1-5`,
          'src/core/**/*.ts',
          'src/xlsx/*.js',
          'src/xlsx/reader.tsx',
          'src/*.ts',
          'src/xlsx/read',
          'xlsx/reader.ts',
        ],
        FILE,
      ),
    ).toStrictEqual([[1, 5]]);
    // A run of another file's lines and this file whole.
    expect(rangesOf(['src/xlsx/xml.ts:1-9', FILE], FILE)).toBeNull();
  });

  it('puts runs of parts of the same code together; complete only when they cover every line', () => {
    const code = source(10);
    const first: Run = {
      mutants: [mutant('a', 2), mutant('b', 5, 'Survived')],
      when: at(0),
      ...code,
      ranges: [[1, 5]],
    };
    const second: Run = { mutants: [mutant('c', 7)], when: at(30), ...code, ranges: [[6, 8]] };
    const part = mergeRuns([first, second]);
    expect(part.mutants.map((m) => m.id).sort()).toStrictEqual(['a', 'b', 'c']);
    expect(part.complete).toBe(false);
    expect(linesText(part.ranges)).toBe('1–8');
    expect(part.when).toStrictEqual(at(30));
    const third: Run = { mutants: [mutant('d', 10)], when: at(60), ...code, ranges: [[9, 10]] };
    expect(mergeRuns([third, first, second])).toMatchObject({ complete: true });
  });

  it('a line left out between parts, or at the end, leaves the file partly run', () => {
    const code = source(10);
    const run = (ranges: [number, number][], minute: number): Run => ({
      mutants: [],
      when: at(minute),
      ...code,
      ranges,
    });
    expect(mergeRuns([run([[1, 5]], 0), run([[7, 10]], 1)]).complete).toBe(false);
    expect(mergeRuns([run([[1, 5]], 0), run([[6, 10]], 1)]).complete).toBe(true);
    expect(mergeRuns([run([[1, 5]], 0), run([[6, 9]], 1)]).complete).toBe(false);
    expect(mergeRuns([run([[2, 10]], 0)]).complete).toBe(false);
  });

  it('takes the newest run for a line run twice', () => {
    const code = source(10);
    const old: Run = {
      mutants: [mutant('old', 3, 'Survived'), mutant('kept', 8)],
      when: at(0),
      ...code,
      ranges: null,
    };
    const rerun: Run = { mutants: [mutant('new', 3)], when: at(30), ...code, ranges: [[1, 5]] };
    const merged = mergeRuns([old, rerun]);
    expect(merged.mutants.map((m) => m.id).sort()).toStrictEqual(['kept', 'new']);
    expect(merged.complete).toBe(true);
  });

  it('never mixes in a run of code that has changed since: its lines no longer mean the same', () => {
    const old: Run = { mutants: [mutant('old', 8)], when: at(0), ...source(10), ranges: null };
    const rerun: Run = {
      mutants: [mutant('new', 3)],
      when: at(30),
      ...source(10, ' changed'),
      ranges: [[1, 5]],
    };
    const merged = mergeRuns([old, rerun]);
    expect(merged.mutants.map((m) => m.id)).toStrictEqual(['new']);
    expect(merged.complete).toBe(false);
    expect(linesText(merged.ranges)).toBe('1–5');
  });

  it('never puts a run whose code was not recorded with another, even on the same lines', () => {
    const code = source(10);
    const old: Run = { mutants: [mutant('old', 8)], when: at(0), sha256: null, lines: 10, ranges: [[6, 10]] };
    const rerun: Run = { mutants: [mutant('new', 3)], when: at(30), ...code, ranges: [[1, 5]] };
    expect(mergeRuns([old, rerun]).mutants.map((m) => m.id)).toStrictEqual(['new']);
    // Nor a newer such run with an older recorded one.
    const unrecorded: Run = { ...rerun, sha256: null };
    const recorded: Run = { ...old, ...code };
    expect(mergeRuns([recorded, unrecorded]).mutants.map((m) => m.id)).toStrictEqual(['new']);
    // Nor two such runs: both unrecorded is not the same code.
    expect(mergeRuns([old, unrecorded]).mutants.map((m) => m.id)).toStrictEqual(['new']);
  });

  it("takes an older run's mutants without a line only when none of its lines were run again", () => {
    const code = source(10);
    const old: Run = {
      mutants: [mutant('no-line', null), mutant('on-9', 9, 'Survived')],
      when: at(0),
      ...code,
      ranges: [[6, 10]],
    };
    const elsewhere: Run = { mutants: [mutant('new', 3)], when: at(30), ...code, ranges: [[1, 5]] };
    expect(
      mergeRuns([old, elsewhere])
        .mutants.map((m) => m.id)
        .sort(),
    ).toStrictEqual(['new', 'no-line', 'on-9']);
    // Lines 5–6 run again: where the unlisted mutant was is not known, so it is not taken.
    const overlapping: Run = { ...elsewhere, ranges: [[1, 6]] };
    expect(
      mergeRuns([old, overlapping])
        .mutants.map((m) => m.id)
        .sort(),
    ).toStrictEqual(['new', 'on-9']);
    // A newer run of the lines after it leaves it whole.
    const before: Run = { ...old, mutants: [mutant('no-line', null)], ranges: [[1, 5]] };
    const after: Run = { ...elsewhere, ranges: [[6, 10]] };
    expect(
      mergeRuns([before, after])
        .mutants.map((m) => m.id)
        .sort(),
    ).toStrictEqual(['new', 'no-line']);
    // Its last line alone run again: the same (line 9 was not, so its survivor is kept).
    const lastLine: Run = { ...elsewhere, ranges: [[10, 10]] };
    expect(
      mergeRuns([old, lastLine])
        .mutants.map((m) => m.id)
        .sort(),
    ).toStrictEqual(['new', 'on-9']);
  });

  it('a whole-file run stands alone, whatever older runs hold', () => {
    const code = source(10);
    const part: Run = { mutants: [mutant('part', 3)], when: at(0), ...code, ranges: [[1, 5]] };
    const whole: Run = { mutants: [mutant('whole', 3)], when: at(30), ...code, ranges: null };
    expect(mergeRuns([part, whole])).toMatchObject({ complete: true, mutants: [mutant('whole', 3)] });
  });

  it('names the lines run, merged and in order', () => {
    expect(
      linesText([
        [420, 600],
        [1, 200],
        [201, 300],
      ]),
    ).toBe('1–300、420–600');
  });
});
