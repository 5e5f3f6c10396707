/**
 * The suite Stryker runs against each mutant (`npm run mutate`): the tests written against the
 * mutated modules themselves — the core's, the reader's and the add-in adapter's — run in this
 * process. Left out: the command line's end-to-end files (cli, contract, hostile files through
 * `combine`, field cases, parallel, cold start), the LibreOffice files (print, typing matrix, the writer's check), the browser,
 * build and peer-corpus suites. Under Stryker's instrumentation they run several times slower
 * (some past their own time limits), each would rerun for every reader mutant it touches, and
 * what they add is the integration, not the modules' rules. So the score is what the modules'
 * own tests prove; docs/mutation.md says so beside it.
 */
const base = require('./jest.config.js');

// Each folder's own tests. When every file being mutated is in one folder, scripts/mutate.js sets
// STRYKER_SUITE to it and only that folder's tests run: a mutant in a module-level constant (a
// regex, a table) is "static" — Stryker cannot tell which test covers it and runs every test for
// it — so the suite's size is the run's length. A folder's score is what its own tests prove.
const SUITES = {
  core: ['<rootDir>/src/core/**/*.test.ts', '<rootDir>/test/corpus/**/*.test.ts'],
  xlsx: [
    '<rootDir>/test/xlsx/reader.test.ts',
    '<rootDir>/test/xlsx/reader-real.test.ts',
    '<rootDir>/test/xlsx/bounded.test.ts',
    '<rootDir>/test/xlsx/zip.test.ts',
    '<rootDir>/test/xlsx/xml.test.ts',
    '<rootDir>/test/xlsx/fixtures.test.ts',
    '<rootDir>/test/xlsx/annotate.test.ts',
    // The add-in and the file reader reading the same typed figures alike.
    '<rootDir>/test/excel/parity.test.ts',
  ],
  excel: ['<rootDir>/test/excel/**/*.test.ts'],
  // The XML scanner alone (`STRYKER_SUITE=xml npm run mutate -- --mutate src/xlsx/xml.ts`): its
  // own tests and the reader's. Every reader test passes through the scanner, so under the whole
  // xlsx suite each of its mutants reran the 30 MB and million-merge refusals (docs/mutation-notes.md).
  xml: ['<rootDir>/test/xlsx/xml.test.ts', '<rootDir>/test/xlsx/reader.test.ts'],
};
const suite = SUITES[process.env.STRYKER_SUITE ?? ''];
// A misspelt name would otherwise run every suite, for hours, without a word.
if (process.env.STRYKER_SUITE && !suite)
  throw new Error(`STRYKER_SUITE=${process.env.STRYKER_SUITE}: not one of ${Object.keys(SUITES).join(', ')}`);

module.exports = {
  ...base,
  // Stryker's own node environment records which test covers which mutant (perTest coverage).
  testEnvironment: '@stryker-mutator/jest-runner/jest-env/node',
  testMatch: suite ?? [...new Set(Object.values(SUITES).flat())],
  testPathIgnorePatterns: ['/node_modules/'],
  setupFilesAfterEnv: ['<rootDir>/test/helpers/stryker-setup.ts'],
  // Instrumented code is slower; a test's own limit still applies where it sets one.
  testTimeout: 60_000,
  coverageThreshold: undefined,
};
