#!/usr/bin/env node
/**
 * `npm run bench`: every figure the README quotes, measured side by side
 * with its baseline in the same run on the same machine.
 *
 * This script only prepares: it builds what is stale (our weapp and H5,
 * the cloud bundles), builds the bare Taro hello-world baseline from
 * test/fixtures/hello-taro into a temporary folder, bundles the bench
 * itself (test/bench/*.ts, so it can use the real store and domain code),
 * and runs it. The bench prints one markdown table and writes it to
 * test/.artifacts/bench.md. Exit code 1 when a package is over WeChat's 2 MB.
 *
 *   BENCH_SECONDS=5   seconds per load run (each endpoint × concurrency 1, 10, 50)
 *   BENCH_SKIP=h5,city  sections to leave out (sizes, h5, load, inbox, report, screening, commitment, lesson, anatomy, rollup, reminders, city, enrol)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { h5IsStale, newestMtime } from './stale.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts, env: { ...process.env, NODE_ENV: 'production', ...opts.env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const skip = new Set((process.env.BENCH_SKIP || '').split(',').filter(Boolean));

function weappIsStale() {
  const marker = path.join(root, 'dist/weapp/app.json');
  if (!existsSync(marker)) return true;
  return newestMtime(path.join(root, 'src'), [path.join(root, 'src/cloud')]) > statSync(marker).mtimeMs;
}

if (!skip.has('sizes') && weappIsStale()) { console.log('building weapp…'); run('npx', ['taro', 'build', '--type', 'weapp']); }
if (!skip.has('h5') && h5IsStale(root)) { console.log('building H5…'); run('npx', ['taro', 'build', '--type', 'h5']); }
run('node', ['config/scripts/build-cloud.mjs']);

// The baseline, built now with the same Taro and the same node_modules (resolved from the fixture upwards).
const hello = path.join(os.tmpdir(), 'huhang-bench-hello');
const fixture = path.join(root, 'test/fixtures/hello-taro');
for (const type of ['weapp', 'h5']) {
  if (type === 'weapp' && skip.has('sizes')) continue;
  if (type === 'h5' && skip.has('h5')) continue;
  const out = path.join(hello, type);
  const fresh = existsSync(out) && readdirSync(out).length > 0 && statSync(out).mtimeMs > newestMtime(fixture);
  if (!fresh) {
    console.log(`building the bare hello-world (${type})…`);
    run(path.join(root, 'node_modules/.bin/taro'), ['build', '--type', type], { cwd: fixture, env: { HELLO_OUT: out } });
  }
}

mkdirSync(path.join(root, 'dist/bench'), { recursive: true });
await build({
  entryPoints: [path.join(root, 'test/bench/main.ts')],
  outfile: path.join(root, 'dist/bench/main.js'),
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'warning',
});
// the city roll-ups hold a whole city's rows in memory at once
run('node', ['--max-old-space-size=6144', path.join(root, 'dist/bench/main.js')], { env: { HELLO_DIR: hello } });
