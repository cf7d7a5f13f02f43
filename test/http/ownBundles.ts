/**
 * The local server (and commands) bundled for one test file, as build-cloud makes them, under
 * test/.artifacts (inside the checkout, so node_modules resolve): a build running for another test at
 * the same time cannot swap dist/server under it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(__dirname, '../..');

/** Bundles src/cloud/local/<name>.ts for each name into a folder of its own; answers the folder. */
export async function ownBundles(tag: string, names: string[]): Promise<string> {
  const dir = path.join(root, 'test/.artifacts', `${tag}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  for (const name of names) {
    await build({
      entryPoints: [path.join(root, `src/cloud/local/${name}.ts`)], outfile: path.join(dir, `${name}.js`),
      bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'warning',
    });
  }
  return dir;
}
