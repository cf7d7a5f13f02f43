/**
 * Before the browser tests: make sure Chromium and the CJK fonts are there
 * (installed with apt as root on Debian, else one line saying what to
 * install: systemDeps.ts), and that the H5 app and the server bundle are
 * current, exactly as `npm start` would (stale H5 → taro build; cloud → esbuild).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ensureSystemDeps } from './systemDeps';

export default async function globalSetup() {
  ensureSystemDeps();
  const root = path.resolve(__dirname, '../..');
  const { h5IsStale } = await import(path.join(root, 'config/scripts/stale.mjs'));
  if (h5IsStale(root)) {
    // jest sets NODE_ENV=test, which makes babel-preset-taro reach for react-refresh (a dev-server
    // plugin we do not install): build exactly as `npm start` does, for production.
    execFileSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  }
  execFileSync('node', ['config/scripts/build-cloud.mjs'], { cwd: root, stdio: 'inherit' });
}
