/** Jest for `npm run bench` only: the measurements that need the TypeScript test helpers. */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/bench'],
  testMatch: ['**/*.bench.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  coverageThreshold: undefined,
};
