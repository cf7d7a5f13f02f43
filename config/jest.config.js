/**
 * One jest run, six projects:
 *  - node:        domain units, cloud handlers against a temporary SQLite file, HTTP integration
 *  - node-cloudbase: the same cloud handler tests on the CloudBase adapter (production's) over the
 *                 fake wx-server-sdk database (STORE=cloudbase, see test/cloud/harness.ts); the
 *                 adapter-level files that already name their adapter run once, in `node`
 *  - components:  React components/pages in jsdom with Taro's React components
 *  - native:      our native weapp components in miniprogram-simulate
 *  - e2e:         the real server + H5 build in headless Debian Chromium (Playwright)
 *  - weapp:       the real weapp build (dist/weapp) in a simulated WeChat AppService, against the
 *                 real cloud handlers on a temporary SQLite file (test/weapp/harness.ts)
 */
const path = require('path');
const root = path.resolve(__dirname, '..');
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2020' }, module: { type: 'commonjs' } }];

module.exports = {
  rootDir: root,
  projects: [
    {
      displayName: 'node',
      rootDir: root,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/{domain,cloud,http,ops}/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      // cookie 1.x (used by fastify's inject) ships ESM only: let swc turn it into CommonJS.
      transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
    },
    {
      displayName: 'node-cloudbase',
      rootDir: root,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/cloud/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/test/cloud/(store\\.contract|sqlite|cloudbase|checkpointer)\\.test\\.ts$'],
      setupFiles: ['<rootDir>/test/cloud/storeCloudbase.setup.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
    },
    {
      displayName: 'components',
      rootDir: root,
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/components/**/*.test.tsx'],
      transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
      transformIgnorePatterns: [],
      setupFiles: ['<rootDir>/test/components/setup.ts'],
      moduleNameMapper: {
        '\\.(css|scss|sass)$': '<rootDir>/test/components/styleStub.js',
        '^@tarojs/components$': '@tarojs/components/lib/react/components',
        '^@tarojs/taro$': '<rootDir>/test/components/taroShim.ts',
      },
    },
    {
      displayName: 'native',
      rootDir: root,
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/native/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
    },
    {
      displayName: 'e2e',
      rootDir: root,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
    },
    {
      displayName: 'weapp',
      rootDir: root,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/weapp/**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      globalSetup: '<rootDir>/test/weapp/globalSetup.ts',
    },
  ],
};
