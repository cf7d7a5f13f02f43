/** The crash and anonymity tests run the real local server bundle: build it (esbuild, ~0.2 s). */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default async function globalSetup() {
  const root = path.resolve(__dirname, '../..');
  execFileSync('node', ['config/scripts/build-cloud.mjs'], { cwd: root, stdio: 'inherit' });
}
