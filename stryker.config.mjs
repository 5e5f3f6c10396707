// Mutation testing (`npm run mutate`): does the suite fail when the code is wrong? Incremental,
// so a rerun after a change tests only the mutants the change touched (on this machine: the
// incremental file is in reports/, not in git). Results: docs/mutation.md, written by
// scripts/mutation-report.js from every run's record in docs/mutation-runs/ (kept from
// reports/mutation/mutation.json after each run).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'jest.stryker.config.js', enableFindRelatedTests: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/core/**/*.ts',
    '!src/core/**/*.test.ts',
    'src/xlsx/reader.ts',
    'src/xlsx/xml.ts',
    'src/xlsx/zip.ts',
    'src/excel/**/*.ts',
  ],
  // The sandbox needs the sources, the tests and their fixtures, not the builds or reports.
  ignorePatterns: ['dist', 'dist-preview', 'build', 'coverage', 'test-results', 'out', 'reports', 'docs'],
  disableTypeChecks: '{src,test}/**/*.{ts,tsx}',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['json', 'clear-text', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 85, low: 75, break: null },
  concurrency: 2,
  // The first run of the whole in-process suite, instrumented and in one process, takes longer
  // than Stryker's default five minutes on two cores.
  dryRunTimeoutMinutes: 30,
  // Added to 1.5 × the covering tests' own time. Run with --concurrency 4 on two cores, most of
  // zip.ts's mutants ended as timeouts, message-text changes among them; at concurrency 2 only
  // mutants that never end did (docs/mutation-notes.md). Keep concurrency at the core count.
  timeoutMS: 10000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
