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

// Core's own tests (src/core and the property corpus). Used alone when every file being mutated is
// in src/core (`STRYKER_SUITE=core`, set by scripts/mutate.js): a mutant in a module-level constant
// (a regex, a table) is "static" — Stryker cannot tell which test covers it and runs every test
// for it — and core's own suite is a fifth of the whole; the core's score is what its own tests prove.
const CORE_TESTS = ['<rootDir>/src/core/**/*.test.ts', '<rootDir>/test/corpus/**/*.test.ts'];

module.exports = {
  ...base,
  // Stryker's own node environment records which test covers which mutant (perTest coverage).
  testEnvironment: '@stryker-mutator/jest-runner/jest-env/node',
  testMatch:
    process.env.STRYKER_SUITE === 'core'
      ? CORE_TESTS
      : [
          ...CORE_TESTS,
          '<rootDir>/test/excel/**/*.test.ts',
          '<rootDir>/test/xlsx/reader.test.ts',
          '<rootDir>/test/xlsx/reader-real.test.ts',
          '<rootDir>/test/xlsx/bounded.test.ts',
          '<rootDir>/test/xlsx/zip.test.ts',
          '<rootDir>/test/xlsx/xml.test.ts',
          '<rootDir>/test/xlsx/fixtures.test.ts',
          '<rootDir>/test/xlsx/annotate.test.ts',
        ],
  testPathIgnorePatterns: ['/node_modules/'],
  setupFilesAfterEnv: ['<rootDir>/test/helpers/stryker-setup.ts'],
  // Instrumented code is slower; a test's own limit still applies where it sets one.
  testTimeout: 60_000,
  coverageThreshold: undefined,
};
