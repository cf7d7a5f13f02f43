#!/usr/bin/env node
/**
 * `npm start`: build what is stale (the H5 app; the cloud bundles are always
 * rebuilt, they take ~100 ms), then run the local server.
 */
import { spawnSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { h5IsStale } from './stale.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = (cmd, args) => {
  // A production build whatever NODE_ENV the shell has (a dev build needs react-refresh, not installed).
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (h5IsStale(root)) {
  console.log('构建 H5 应用（约半分钟）…');
  const t = Date.now();
  run('npx', ['taro', 'build', '--type', 'h5']);
  console.log(`H5 构建完成，用时 ${Math.round((Date.now() - t) / 1000)} 秒`);
} else {
  console.log('H5 应用已是最新，跳过构建。');
}
run('node', [path.join(root, 'config/scripts/build-cloud.mjs')]);

const server = spawn('node', ['--enable-source-maps', path.join(root, 'dist/server/main.js')], { cwd: root, stdio: 'inherit', env: process.env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
