/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/global-setup.js',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  // Benchmarks run with `npm run bench`, never as tests.
  testPathIgnorePatterns: ['/node_modules/', '/test/bench/'],
  // Jest's 5 s default is a statement about this machine's speed, not a rule of the code: under
  // load (coverage, a mutation run beside it) tests that read and write real workbooks passed 5 s
  // and failed. A hang still fails, after 30 s; speed is judged by `npm run bench`.
  testTimeout: 30_000,
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          target: 'es2022',
          transform: { react: { runtime: 'automatic' } },
        },
      },
    ],
  },
  // Coverage is collected where CI runs it (`npm test -- --coverage`), over every layer; the
  // browser-only entry files (the pane's bootstrap and its reading worker) run in the e2e tests.
  collectCoverageFrom: [
    'src/core/**/*.ts',
    'src/xlsx/**/*.ts',
    'src/excel/**/*.ts',
    'src/taskpane/**/*.{ts,tsx}',
    '!src/**/*.test.ts',
    '!src/taskpane/index.tsx',
    '!src/taskpane/read-worker.ts',
    '!src/xlsx/check-worker.ts',
  ],
  coverageThreshold: {
    './src/core/': { statements: 90, branches: 85, functions: 90, lines: 90 },
    './src/xlsx/': { statements: 88, branches: 75, functions: 88, lines: 90 },
    './src/excel/': { statements: 92, branches: 72, functions: 92, lines: 94 },
    './src/taskpane/': { statements: 72, branches: 60, functions: 65, lines: 74 },
  },
};
