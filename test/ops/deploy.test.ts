/**
 * `npm run deploy` (src/ops/deploy.ts): configuration checked with clear bilingual errors,
 * the dry run prints every step without touching a target, the real run drives the SDK
 * interface (a fake here) in order, is safe to repeat, and stops at the first failure.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { COLLECTIONS } from '../../src/cloud/store/types';
import schedulerConfig from '../../src/cloud/functions/scheduler/config.json';
import { OpsError } from '../../src/ops/backup';
import { runCli } from '../../src/ops/cli';
import {
  loadDeployConfig, planDeploy, runDeployCommand, type DeployTarget, type FunctionSpec, type Trigger,
} from '../../src/ops/deploy';

const root = path.resolve(__dirname, '../..');
let tmp: string;
let keyFile: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'huhang-deploy-'));
  keyFile = path.join(tmp, 'private.wx0123456789abcdef.key');
  writeFileSync(keyFile, '-----BEGIN RSA PRIVATE KEY-----\nfake\n-----END RSA PRIVATE KEY-----\n');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SERVER_KEY = 's3cr3t-'.repeat(6);
const fakeEnv = () => ({
  HUHANG_APPID: 'wx0123456789abcdef',
  HUHANG_PRIVATE_KEY_PATH: keyFile,
  HUHANG_CLOUD_ENV: 'huhang-prod-1a2b3c',
  TENCENTCLOUD_SECRETID: 'AKIDfake',
  TENCENTCLOUD_SECRETKEY: 'fakekey',
  SERVER_KEY,
  TEMPLATE_NEW_CASE: 'tmpl-new-case',
  TEMPLATE_NEW_CASE_FIELDS: 'category:thing1',
  HUHANG_ALERT_TEMPLATES: 'a1,a2',
  PATH: process.env.PATH,
});

const indexCount = Object.values(COLLECTIONS).reduce((n, f) => n + f.length, 0);
const collectionCount = Object.keys(COLLECTIONS).length;

/** Records every call; collections and indexes exist after the first run, like CloudBase. */
class FakeTarget implements DeployTarget {
  calls: string[] = [];
  collections = new Set<string>();
  indexes = new Set<string>();
  functions = new Map<string, FunctionSpec>();
  triggers = new Map<string, Trigger[]>();
  failOn: string | null = null;
  private note(call: string) {
    this.calls.push(call);
    if (this.failOn && call.startsWith(this.failOn)) throw new Error('ResourceNotFound: fake failure');
  }
  async build(what: string, env: Record<string, string>) { this.note(`build ${what} ${JSON.stringify(env)}`); }
  async uploadWeapp(s: { appid: string; version: string }) { this.note(`upload ${s.appid} ${s.version}`); }
  async deployFunction(fn: FunctionSpec) { this.note(`function ${fn.name}`); this.functions.set(fn.name, fn); }
  async ensureCollection(name: string) {
    this.note(`collection ${name}`);
    if (this.collections.has(name)) return false;
    this.collections.add(name);
    return true;
  }
  async ensureIndex(c: string, f: string) {
    this.note(`index ${c}.${f}`);
    if (!this.collections.has(c)) throw new Error(`index before collection ${c}`);
    if (this.indexes.has(`${c}.${f}`)) return false;
    this.indexes.add(`${c}.${f}`);
    return true;
  }
  async setCollectionAcl(c: string, acl: string) { this.note(`acl ${c} ${acl}`); }
  async setTriggers(fn: string, t: Trigger[]) { this.note(`triggers ${fn}`); this.triggers.set(fn, t); }
  storageAcl: string | null = null;
  async setStorageAcl(acl: string) { this.note(`storage ${acl}`); this.storageAcl = acl; }
}

test('the dry run checks the configuration and prints every step, with no network and no secret shown', async () => {
  const lines: string[] = [];
  const code = await runDeployCommand(['--dry-run'], fakeEnv(), (l) => lines.push(l), {
    root, makeTarget: () => { throw new Error('the dry run must not make a target'); },
  });
  expect(code).toBe(0);
  const text = lines.join('\n');
  expect(text).toMatch(/configuration ok: appid wx0123456789abcdef, env huhang-prod-1a2b3c/);
  expect(text).toMatch(/HUHANG_CLOUD_ENV=huhang-prod-1a2b3c HUHANG_ALERT_TEMPLATES=a1,a2 npm run build:weapp/);
  expect(text).toMatch(/upload weapp: appid wx0123456789abcdef, version \d+\.\d+\.\d+/);
  expect(text).toMatch(/deploy function api: .*SERVER_KEY=\*\*\*/);
  expect(text).toMatch(/deploy function scheduler: .*TEMPLATE_NEW_CASE=tmpl-new-case/);
  for (const [name, fields] of Object.entries(COLLECTIONS)) {
    expect(text).toContain(`collection ${name}: create if absent`);
    for (const f of fields) expect(text).toContain(`index ${name}.${f}`);
    expect(text).toContain(`permission ${name}: ADMINONLY`);
  }
  expect(text).toContain(`triggers scheduler: every5min timer "${schedulerConfig.triggers[0].config}"`);
  expect(text).not.toContain(SERVER_KEY);
  expect(text).not.toContain('fakekey');
  expect(text).toMatch(/templates not set: .*TEMPLATE_HOLIDAY_REMINDER/);
  const stepLines = lines.filter((l) => /^\[\d+\/\d+\]/.test(l));
  expect(text).toContain('storage permission: PRIVATE');
  expect(stepLines).toHaveLength(2 + 1 + 2 + collectionCount * 2 + indexCount + 1 + 1);
});

test('missing or malformed settings are each named, in Chinese and English, and nothing runs', async () => {
  const env: Record<string, string | undefined> = { ...fakeEnv(), HUHANG_APPID: 'touristappid', SERVER_KEY: 'short' };
  delete env.HUHANG_CLOUD_ENV;
  delete env.TENCENTCLOUD_SECRETKEY;
  env.HUHANG_PRIVATE_KEY_PATH = path.join(tmp, 'no-such.key');
  let err: unknown;
  try { loadDeployConfig(env, root); } catch (e) { err = e; }
  expect(err).toBeInstanceOf(OpsError);
  const msg = (err as OpsError).message;
  expect(msg).toMatch(/缺少环境变量 HUHANG_CLOUD_ENV：云开发环境 ID \/ missing environment variable HUHANG_CLOUD_ENV/);
  expect(msg).toMatch(/缺少环境变量 TENCENTCLOUD_SECRETKEY.*missing environment variable TENCENTCLOUD_SECRETKEY/);
  expect(msg).toMatch(/HUHANG_APPID 应形如/);
  expect(msg).toMatch(/SERVER_KEY 至少 32 个字符/);
  expect(msg).toMatch(/找不到 HUHANG_PRIVATE_KEY_PATH/);
  expect(msg).not.toMatch(/HUHANG_PRIVATE_KEY_PATH 是空的|missing environment variable HUHANG_APPID/);

  // through the command: exit 1, the message printed, no target made
  const lines: string[] = [];
  expect(await runCli(['deploy', '--dry-run'], { PATH: process.env.PATH }, (l) => lines.push(l))).toBe(1);
  for (const v of ['HUHANG_APPID', 'HUHANG_PRIVATE_KEY_PATH', 'HUHANG_CLOUD_ENV', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY', 'SERVER_KEY']) {
    expect(lines.join('\n')).toContain(`missing environment variable ${v}`);
  }
  await expect(runDeployCommand(['--dryrun'], fakeEnv(), () => {}, { root })).rejects.toMatchObject({ code: 'BAD_INPUT' });
});

test('the real run drives the SDK interface in order and a second run creates nothing new', async () => {
  const target = new FakeTarget();
  const lines: string[] = [];
  expect(await runDeployCommand([], fakeEnv(), (l) => lines.push(l), { root, makeTarget: () => target })).toBe(0);
  expect(target.calls[0]).toBe('build weapp {"HUHANG_CLOUD_ENV":"huhang-prod-1a2b3c","HUHANG_ALERT_TEMPLATES":"a1,a2"}');
  expect(target.calls[1]).toBe('build cloud {}');
  expect(target.calls[2]).toMatch(/^upload wx0123456789abcdef \d+\.\d+\.\d+$/);
  expect(target.calls.slice(3, 5)).toEqual(['function api', 'function scheduler']);
  expect(target.functions.get('api')!.envVariables).toEqual({ SERVER_KEY });
  expect(target.functions.get('scheduler')!.envVariables).toEqual({ SERVER_KEY, TEMPLATE_NEW_CASE: 'tmpl-new-case', TEMPLATE_NEW_CASE_FIELDS: 'category:thing1' });
  expect(target.functions.get('scheduler')!.dir).toBe(path.join(root, 'dist/cloudfunctions/scheduler'));
  expect([...target.collections].sort()).toEqual(Object.keys(COLLECTIONS).sort());
  expect(target.indexes.size).toBe(indexCount);
  expect(target.triggers.get('scheduler')).toEqual(schedulerConfig.triggers);
  expect(target.calls.slice(-2)).toEqual(['triggers scheduler', 'storage PRIVATE']);
  expect(lines[lines.length - 2]).toContain(`新建集合 ${collectionCount} 个，索引 ${indexCount} 个`);

  // again, without building: the same steps, nothing new created
  lines.length = 0;
  target.calls = [];
  expect(await runDeployCommand(['--skip-build'], fakeEnv(), (l) => lines.push(l), { root, makeTarget: () => target })).toBe(0);
  expect(target.calls.some((c) => c.startsWith('build'))).toBe(false);
  expect(lines.join('\n')).toContain('新建集合 0 个，索引 0 个');
});

test('a failing step stops the run and says which step and that it is safe to run again', async () => {
  const target = new FakeTarget();
  target.failOn = 'index cases.status';
  const plan = planDeploy(loadDeployConfig(fakeEnv(), root), root, { skipBuild: true });
  const failing = plan.findIndex((s) => s.kind === 'ensureIndex' && s.collection === 'cases' && s.field === 'status');
  await expect(runDeployCommand(['--skip-build'], fakeEnv(), () => {}, { root, makeTarget: () => target }))
    .rejects.toMatchObject({ code: 'DEPLOY_FAILED', message: expect.stringContaining(`第 ${failing + 1} 步失败`) });
  expect(target.calls[target.calls.length - 1]).toBe('index cases.status');
  expect(target.triggers.size).toBe(0);
});

test('the installed SDKs have every method the real target calls', () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const CloudBase = require('@cloudbase/manager-node');
  const m = new CloudBase({ secretId: 'AKIDfake', secretKey: 'fake', envId: 'huhang-prod-1a2b3c' });
  for (const fn of ['createFunction', 'createFunctionTriggers']) expect(typeof m.functions[fn]).toBe('function');
  expect(typeof m.storage.setStorageAcl).toBe('function');
  for (const fn of ['createCollectionIfNotExists', 'checkIndexExists', 'updateCollection']) expect(typeof m.database[fn]).toBe('function');
  expect(typeof m.commonService('tcb', '2018-06-08').call).toBe('function');
  const log = jest.spyOn(console, 'log').mockImplementation(() => {}); // miniprogram-ci announces itself on load
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ci = require('miniprogram-ci');
  log.mockRestore();
  expect(typeof ci.upload).toBe('function');
  expect(typeof ci.Project).toBe('function');
}, 30_000);
