/**
 * One esbuild setting for everything that runs on this server from this checkout (the local server,
 * `npm run admin`, `npm run backup | restore | deploy`): node_modules stay external, source maps on so a
 * stack trace names the TypeScript line.
 */
import { build } from 'esbuild';

export const bundleNodeCommand = (entry, outfile) => build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
