#!/usr/bin/env node
/**
 * Bundles each cloud function into dist/cloudfunctions/<name>/ (index.js,
 * package.json with wx-server-sdk, config.json), ready to upload from WeChat
 * DevTools, and the local server into dist/server/main.js.
 * esbuild: ~100 ms per bundle, so `npm start` can always rebuild these.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleNodeCommand } from './nodeBundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const started = Date.now();

// Native or platform-provided modules stay outside the bundle and are installed
// by CloudBase from the function's package.json ("云端安装依赖").
const FUNCTIONS = {
  api: { external: ['wx-server-sdk', 'sharp'], deps: { sharp: pkg.dependencies.sharp } },
  scheduler: { external: ['wx-server-sdk', 'sharp'], deps: {} },
};

for (const [name, spec] of Object.entries(FUNCTIONS)) {
  const out = path.join(root, 'dist/cloudfunctions', name);
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [path.join(root, 'src/cloud/functions', name, 'index.ts')],
    outfile: path.join(out, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16', // CloudBase's Node.js 16 runtime
    format: 'cjs',
    external: spec.external,
    legalComments: 'none',
    logLevel: 'warning',
  });
  writeFileSync(path.join(out, 'package.json'), JSON.stringify({
    name, version: pkg.version, main: 'index.js', private: true,
    dependencies: { 'wx-server-sdk': '~3.0.1', ...spec.deps },
  }, null, 2) + '\n');
  copyFileSync(path.join(root, 'src/cloud/functions', name, 'config.json'), path.join(out, 'config.json'));
}

// The local server, the admin command (npm run admin: codes for the first coordinator or school admin) and the
// operations command (npm run backup / restore / deploy) run from this checkout: node_modules stay external.
await bundleNodeCommand(path.join(root, 'src/cloud/local/main.ts'), path.join(root, 'dist/server/main.js'));
await bundleNodeCommand(path.join(root, 'src/cloud/local/admin.ts'), path.join(root, 'dist/server/admin.js'));
await bundleNodeCommand(path.join(root, 'src/ops/cli.ts'), path.join(root, 'dist/server/ops.js'));
if (!process.argv.includes('--quiet')) console.log(`cloud functions, local server, admin and ops commands bundled in ${Date.now() - started} ms → dist/cloudfunctions/{${Object.keys(FUNCTIONS).join(',')}}, dist/server/{main,admin,ops}.js`);
