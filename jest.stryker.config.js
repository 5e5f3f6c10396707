/**
 * The suite Stryker runs against each mutant (`npm run mutate`): every test that exercises the
 * mutated code, without the browser, build and peer-corpus suites, which test the bundle and
 * other projects' files rather than these modules and take minutes each.
 */
const base = require('./jest.config.js');
module.exports = {
  ...base,
  // Stryker's own node environment records which test covers which mutant (perTest coverage).
  testEnvironment: '@stryker-mutator/jest-runner/jest-env/node',
  // The pane's jsdom tests do not exercise the mutated folders. The files that drive LibreOffice
  // (print, typing matrix, field cases' conversions, the writer's LibreOffice check) or child
  // processes (the JSON contract through a pipe, parallel workers, which load the unmutated
  // build) take seconds a run and each would rerun for every reader mutant they touch: the
  // score is the in-process suite's (docs/mutation.md says so).
  testPathIgnorePatterns: [
    '/test/xlsx/print.test.ts',
    '/test/xlsx/typing-matrix.test.ts',
    '/test/xlsx/field-cases.test.ts',
    '/test/xlsx/sheet-writer.test.ts',
    '/test/xlsx/contract.test.ts',
    '/test/xlsx/parallel.test.ts',
    '/node_modules/',
    '/test/bench/',
    '/test/e2e/',
    '/test/build/',
    '/test/peer/',
    '/test/taskpane/',
  ],
  coverageThreshold: undefined,
};
