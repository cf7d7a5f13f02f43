/**
 * Before the weapp tests: make sure dist/weapp is the build of the current
 * sources (a stale one is rebuilt, as `npm start` does for H5).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default async function globalSetup() {
  const root = path.resolve(__dirname, '../..');
  const { weappIsStale } = await import(path.join(root, 'config/scripts/stale.mjs'));
  if (weappIsStale(root)) {
    const started = Date.now();
    // NODE_ENV=production for the same reason as the e2e setup (jest's NODE_ENV=test pulls in react-refresh).
    execFileSync('npx', ['taro', 'build', '--type', 'weapp'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    process.stdout.write(`weapp build for the tests took ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
}
