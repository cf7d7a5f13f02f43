#!/usr/bin/env node
/**
 * `npm run backup | restore | deploy`: bundles src/ops/cli.ts (esbuild, ~0.1 s)
 * into dist/server/ops.js and runs it with the same arguments.
 */
import { bundleNodeCommand } from './nodeBundle.mjs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outfile = path.join(root, 'dist/server/ops.js');
await bundleNodeCommand(path.join(root, 'src/ops/cli.ts'), outfile);
const r = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env: process.env });
process.exit(r.status ?? 1);
