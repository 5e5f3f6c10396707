/** The peer corpus harness (`npm run test:peer`): slow, so apart from `npm test`, but run in CI. */
const base = require('./jest.config.js');
module.exports = {
  ...base,
  roots: ['<rootDir>/test/peer'],
  testMatch: ['**/*.peer.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  coverageThreshold: undefined,
};
