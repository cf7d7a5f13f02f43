/**
 * `npm run test:reliability`: crash, fuzz, authorization and anonymity checks
 * (test/reliability). Kept out of `npm test` so the everyday suite stays fast;
 * CI (.ci/run) runs both.
 */
const path = require('path');
const root = path.resolve(__dirname, '..');
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2020' }, module: { type: 'commonjs' } }];

module.exports = {
  rootDir: root,
  displayName: 'reliability',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/reliability/**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
  // the crash test runs the bundled local server (dist/server/main.js), as `npm start` does
  globalSetup: '<rootDir>/test/reliability/globalSetup.ts',
  testTimeout: 120_000,
};
