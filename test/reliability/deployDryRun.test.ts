/**
 * The bundled command as an operator runs it (`npm run deploy -- --dry-run` runs dist/server/ops.js):
 * with a fake configuration it checks, prints every step and exits 0 without network; without one it
 * exits 1 naming every missing variable.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { COLLECTIONS } from '../../src/cloud/store/types';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
let tmp: string;
beforeAll(() => { tmp = mkdtempSync(path.join(tmpdir(), 'huhang-deploy-cli-')); });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('deploy --dry-run from the bundle: every step printed, no network, exit 0; nothing configured: exit 1', async () => {
  const key = path.join(tmp, 'upload.key');
  writeFileSync(key, 'fake');
  const env = {
    PATH: process.env.PATH!, HUHANG_APPID: 'wx00112233445566ff', HUHANG_PRIVATE_KEY_PATH: key, HUHANG_CLOUD_ENV: 'prod-9z8y',
    TENCENTCLOUD_SECRETID: 'AKIDx', TENCENTCLOUD_SECRETKEY: 'y', SERVER_KEY: 'k'.repeat(40),
    // no route out: a network call would fail loudly
    HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9',
  };
  const { stdout } = await run('node', [path.join(root, 'dist/server/ops.js'), 'deploy', '--dry-run'], { cwd: root, env: env as unknown as NodeJS.ProcessEnv, encoding: 'utf8' });
  const steps = stdout.split('\n').filter((l) => /^\[\d+\/\d+\]/.test(l));
  const indexes = Object.values(COLLECTIONS).reduce((n, f) => n + f.length, 0);
  expect(steps).toHaveLength(5 + Object.keys(COLLECTIONS).length * 2 + indexes + 2);
  expect(stdout).toContain('dry run, no network');
  expect(stdout).not.toContain('k'.repeat(40));

  const failed = await run('node', [path.join(root, 'dist/server/ops.js'), 'deploy', '--dry-run'], { cwd: root, env: { PATH: process.env.PATH } as unknown as NodeJS.ProcessEnv, encoding: 'utf8' }).catch((e) => e);
  expect(failed.code).toBe(1);
  expect(failed.stdout).toMatch(/缺少环境变量 HUHANG_APPID/);
  expect(failed.stdout).toMatch(/missing environment variable SERVER_KEY/);
});
