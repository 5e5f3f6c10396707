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
  // The pane's jsdom tests do not exercise the mutated folders.
  testPathIgnorePatterns: [
    '/node_modules/',
    '/test/bench/',
    '/test/e2e/',
    '/test/build/',
    '/test/peer/',
    '/test/taskpane/',
  ],
  coverageThreshold: undefined,
};
