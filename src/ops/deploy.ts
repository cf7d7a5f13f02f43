/**
 * `npm run deploy [-- --dry-run] [-- --skip-build]`: the CloudBase deployment in one command.
 *
 *  1. build the weapp (with the env id and template ids baked in) and the cloud functions
 *  2. upload the weapp as a development version (miniprogram-ci; the console then submits it for review)
 *  3. create or update the cloud functions `api` and `scheduler` with their environment variables
 *     (@cloudbase/manager-node; CloudBase installs their dependencies)
 *  4. create every collection in COLLECTIONS with an index per listed field, readable and writable
 *     only by cloud functions (ADMINONLY)
 *  5. set the scheduler's timer trigger from src/cloud/functions/scheduler/config.json
 *  6. make cloud storage private (a phone writes its own upload; only functions read the rest)
 *
 * The plan is data (planDeploy); the SDK calls sit behind DeployTarget so a test runs the plan
 * against a fake. `--dry-run` validates the configuration and prints every step without network.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { COLLECTIONS } from '../cloud/store/types';
import schedulerConfig from '../cloud/functions/scheduler/config.json';
import apiConfig from '../cloud/functions/api/config.json';
import { OpsError } from './backup';

/** Every variable the deploy reads, with what it is (Chinese, English) for the error messages. */
const VARIABLES = {
  HUHANG_APPID: ['小程序 AppID（公众平台 → 开发管理 → 开发设置）', 'the mini-program AppID'],
  HUHANG_PRIVATE_KEY_PATH: ['代码上传密钥文件的路径（公众平台 → 开发设置 → 小程序代码上传）', 'path of the code-upload private key'],
  HUHANG_CLOUD_ENV: ['云开发环境 ID', 'the CloudBase environment id'],
  TENCENTCLOUD_SECRETID: ['腾讯云 API 密钥 SecretId（访问管理 → API 密钥）', 'Tencent Cloud API SecretId'],
  TENCENTCLOUD_SECRETKEY: ['腾讯云 API 密钥 SecretKey', 'Tencent Cloud API SecretKey'],
  SERVER_KEY: ['服务器密钥：至少 32 个字符的随机串，一旦设定永不更改', 'the server key: 32+ random characters, never changed'],
} as const;

const required = (name: keyof typeof VARIABLES) => z.string({
  required_error: `缺少环境变量 ${name}：${VARIABLES[name][0]} / missing environment variable ${name}: ${VARIABLES[name][1]}`,
}).trim().min(1, `环境变量 ${name} 是空的：${VARIABLES[name][0]} / ${name} is empty: ${VARIABLES[name][1]}`);

const templateList = (name: string) => z.string().optional().transform((s) => (s ?? '').split(',').map((t) => t.trim()).filter(Boolean))
  .refine((ids) => ids.length <= 3, `${name} 最多 3 个模板 ID / ${name}: at most three template ids`);

export const deployConfigSchema = z.object({
  HUHANG_APPID: required('HUHANG_APPID').regex(/^wx[0-9a-f]{16}$/, 'HUHANG_APPID 应形如 wx 加 16 位十六进制（不是 touristappid）/ HUHANG_APPID looks like wx + 16 hex digits'),
  HUHANG_PRIVATE_KEY_PATH: required('HUHANG_PRIVATE_KEY_PATH'),
  HUHANG_CLOUD_ENV: required('HUHANG_CLOUD_ENV').regex(/^[A-Za-z0-9-]{4,64}$/, 'HUHANG_CLOUD_ENV 应是云开发环境 ID（字母、数字和 -）/ HUHANG_CLOUD_ENV: letters, digits and -'),
  TENCENTCLOUD_SECRETID: required('TENCENTCLOUD_SECRETID'),
  TENCENTCLOUD_SECRETKEY: required('TENCENTCLOUD_SECRETKEY'),
  SERVER_KEY: required('SERVER_KEY').refine((s) => s.length >= 32, 'SERVER_KEY 至少 32 个字符 / SERVER_KEY needs at least 32 characters'),
  HUHANG_VERSION: z.string().regex(/^\d+\.\d+\.\d+$/, 'HUHANG_VERSION 形如 1.2.3 / HUHANG_VERSION like 1.2.3').optional(),
  HUHANG_DESC: z.string().max(200).optional(),
  HUHANG_ROBOT: z.coerce.number().int().min(1).max(30).optional(),
  HUHANG_ALERT_TEMPLATES: templateList('HUHANG_ALERT_TEMPLATES'),
  HUHANG_HOLIDAY_TEMPLATES: templateList('HUHANG_HOLIDAY_TEMPLATES'),
  MINIPROGRAM_STATE: z.enum(['developer', 'trial', 'formal']).optional(),
});

export interface DeployConfig {
  appid: string;
  privateKeyPath: string;
  envId: string;
  secretId: string;
  secretKey: string;
  serverKey: string;
  version: string;
  desc: string;
  robot: number;
  alertTemplates: string[];
  holidayTemplates: string[];
  /** TEMPLATE_* variables for the scheduler (subscription-message template ids and field maps) */
  schedulerTemplates: Record<string, string>;
  miniprogramState?: string;
}

/** Reads and checks the configuration; throws one OpsError listing every problem. */
export function loadDeployConfig(env: Record<string, string | undefined>, root: string, fileExists: (p: string) => boolean = existsSync): DeployConfig {
  const parsed = deployConfigSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  const keyPath = env.HUHANG_PRIVATE_KEY_PATH?.trim() ? path.resolve(root, env.HUHANG_PRIVATE_KEY_PATH.trim()) : '';
  if (keyPath && !fileExists(keyPath)) {
    problems.push(`找不到 HUHANG_PRIVATE_KEY_PATH 指向的密钥文件：${keyPath} / the private key file does not exist`);
  }
  if (!parsed.success || problems.length) {
    throw new OpsError('BAD_CONFIG', ['部署配置有问题 / deploy configuration problems:', ...problems.map((p) => `  - ${p}`)].join('\n'));
  }
  const c = parsed.data;
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const schedulerTemplates: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (/^TEMPLATE_[A-Z0-9_]+$/.test(k) && v?.trim()) schedulerTemplates[k] = v.trim();
  return {
    appid: c.HUHANG_APPID,
    privateKeyPath: keyPath,
    envId: c.HUHANG_CLOUD_ENV,
    secretId: c.TENCENTCLOUD_SECRETID,
    secretKey: c.TENCENTCLOUD_SECRETKEY,
    serverKey: c.SERVER_KEY,
    version: c.HUHANG_VERSION ?? pkg.version,
    desc: c.HUHANG_DESC ?? `护航 ${c.HUHANG_VERSION ?? pkg.version}`,
    robot: c.HUHANG_ROBOT ?? 1,
    alertTemplates: c.HUHANG_ALERT_TEMPLATES,
    holidayTemplates: c.HUHANG_HOLIDAY_TEMPLATES,
    schedulerTemplates,
    miniprogramState: c.MINIPROGRAM_STATE,
  };
}

export interface Trigger { name: string; type: string; config: string }
export interface FunctionSpec {
  name: 'api' | 'scheduler';
  dir: string;
  timeout: number;
  envVariables: Record<string, string>;
}

export type DeployStep =
  | { kind: 'build'; what: 'weapp' | 'cloud'; env: Record<string, string> }
  | { kind: 'uploadWeapp'; appid: string; projectPath: string; privateKeyPath: string; version: string; desc: string; robot: number }
  | { kind: 'deployFunction'; fn: FunctionSpec }
  | { kind: 'ensureCollection'; name: string }
  | { kind: 'ensureIndex'; collection: string; field: string }
  | { kind: 'setCollectionAcl'; collection: string; acl: 'ADMINONLY' }
  | { kind: 'setTriggers'; fn: string; triggers: Trigger[] }
  | { kind: 'setStorageAcl'; acl: 'PRIVATE' };

/** The SDK calls, one method per step kind. */
export interface DeployTarget {
  build(what: 'weapp' | 'cloud', env: Record<string, string>): Promise<void>;
  uploadWeapp(step: Extract<DeployStep, { kind: 'uploadWeapp' }>): Promise<void>;
  deployFunction(fn: FunctionSpec): Promise<void>;
  /** answers whether it was created now */
  ensureCollection(name: string): Promise<boolean>;
  ensureIndex(collection: string, field: string): Promise<boolean>;
  setCollectionAcl(collection: string, acl: 'ADMINONLY'): Promise<void>;
  setTriggers(fn: string, triggers: Trigger[]): Promise<void>;
  setStorageAcl(acl: 'PRIVATE'): Promise<void>;
}

export function planDeploy(config: DeployConfig, root: string, opts: { skipBuild?: boolean } = {}): DeployStep[] {
  const steps: DeployStep[] = [];
  if (!opts.skipBuild) {
    const buildEnv: Record<string, string> = { HUHANG_CLOUD_ENV: config.envId };
    if (config.alertTemplates.length) buildEnv.HUHANG_ALERT_TEMPLATES = config.alertTemplates.join(',');
    if (config.holidayTemplates.length) buildEnv.HUHANG_HOLIDAY_TEMPLATES = config.holidayTemplates.join(',');
    steps.push({ kind: 'build', what: 'weapp', env: buildEnv }, { kind: 'build', what: 'cloud', env: {} });
  }
  steps.push({
    kind: 'uploadWeapp', appid: config.appid, projectPath: root, privateKeyPath: config.privateKeyPath,
    version: config.version, desc: config.desc, robot: config.robot,
  });
  const fnRoot = path.join(root, 'dist/cloudfunctions');
  steps.push({ kind: 'deployFunction', fn: { name: 'api', dir: path.join(fnRoot, 'api'), timeout: apiConfig.timeout, envVariables: { SERVER_KEY: config.serverKey } } });
  steps.push({
    kind: 'deployFunction',
    fn: {
      name: 'scheduler', dir: path.join(fnRoot, 'scheduler'), timeout: schedulerConfig.timeout,
      envVariables: {
        SERVER_KEY: config.serverKey, ...config.schedulerTemplates,
        ...(config.miniprogramState ? { MINIPROGRAM_STATE: config.miniprogramState } : {}),
      },
    },
  });
  for (const [name, fields] of Object.entries(COLLECTIONS)) {
    steps.push({ kind: 'ensureCollection', name });
    for (const field of fields as readonly string[]) steps.push({ kind: 'ensureIndex', collection: name, field });
    steps.push({ kind: 'setCollectionAcl', collection: name, acl: 'ADMINONLY' });
  }
  steps.push({ kind: 'setTriggers', fn: 'scheduler', triggers: schedulerConfig.triggers });
  // photos: a phone writes its own upload, only cloud functions read others' (case.get hands out temporary links)
  steps.push({ kind: 'setStorageAcl', acl: 'PRIVATE' });
  return steps;
}

const SECRET_VARS = new Set(['SERVER_KEY']);
const shownEnv = (env: Record<string, string>) =>
  Object.entries(env).map(([k, v]) => `${k}=${SECRET_VARS.has(k) ? '***' : v}`).join(' ');

/** One line per step, as the dry run prints it (secrets masked). */
export function describeStep(s: DeployStep): string {
  switch (s.kind) {
    case 'build':
      return s.what === 'weapp' ? `构建小程序 / build weapp: ${shownEnv(s.env)} npm run build:weapp` : '构建云函数 / build cloud functions: npm run build:cloud';
    case 'uploadWeapp':
      return `上传小程序 / upload weapp: appid ${s.appid}, version ${s.version}, robot ${s.robot}, key ${s.privateKeyPath} (miniprogram-ci)`;
    case 'deployFunction':
      return `部署云函数 / deploy function ${s.fn.name}: ${s.fn.dir}, timeout ${s.fn.timeout} s, 云端安装依赖, env ${shownEnv(s.fn.envVariables)}`;
    case 'ensureCollection':
      return `数据库集合 / collection ${s.name}: create if absent`;
    case 'ensureIndex':
      return `  索引 / index ${s.collection}.${s.field}`;
    case 'setCollectionAcl':
      return `  权限 / permission ${s.collection}: ${s.acl}（仅管理端可读写）`;
    case 'setStorageAcl':
      return `云存储权限 / storage permission: ${s.acl}（仅创建者及管理端可读写）`;
    case 'setTriggers':
      return `定时触发器 / triggers ${s.fn}: ${s.triggers.map((t) => `${t.name} ${t.type} "${t.config}"`).join(', ')}`;
  }
}

export interface DeployReport { steps: number; created: { collections: string[]; indexes: string[] } }

/** Runs the plan in order; the first failure stops it (every step is safe to repeat, so run the command again). */
export async function runDeploy(steps: DeployStep[], target: DeployTarget, log: (line: string) => void): Promise<DeployReport> {
  const report: DeployReport = { steps: 0, created: { collections: [], indexes: [] } };
  for (const [i, s] of steps.entries()) {
    log(`[${i + 1}/${steps.length}] ${describeStep(s)}`);
    try {
      switch (s.kind) {
        case 'build': await target.build(s.what, s.env); break;
        case 'uploadWeapp': await target.uploadWeapp(s); break;
        case 'deployFunction': await target.deployFunction(s.fn); break;
        case 'ensureCollection': if (await target.ensureCollection(s.name)) report.created.collections.push(s.name); break;
        case 'ensureIndex': if (await target.ensureIndex(s.collection, s.field)) report.created.indexes.push(`${s.collection}.${s.field}`); break;
        case 'setCollectionAcl': await target.setCollectionAcl(s.collection, s.acl); break;
        case 'setTriggers': await target.setTriggers(s.fn, s.triggers); break;
        case 'setStorageAcl': await target.setStorageAcl(s.acl); break;
      }
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new OpsError('DEPLOY_FAILED', `第 ${i + 1} 步失败：${describeStep(s)}\n  ${why}\n  每一步都可以重复执行：修好后再运行 npm run deploy / every step is safe to repeat: fix it and run npm run deploy again`);
    }
    report.steps++;
  }
  return report;
}

const indexName = (field: string) => `ix_${field}`;

/** The real target: miniprogram-ci and @cloudbase/manager-node, loaded only when used. */
export function sdkTarget(config: DeployConfig, root: string): DeployTarget {
  let manager: any;
  const cloudbase = () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const CloudBase = require('@cloudbase/manager-node');
    manager ??= new CloudBase({ secretId: config.secretId, secretKey: config.secretKey, envId: config.envId });
    return manager;
  };
  return {
    async build(what, env) {
      const r = spawnSync('npm', ['run', what === 'weapp' ? 'build:weapp' : 'build:cloud'], {
        cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production', ...env },
      });
      if (r.status !== 0) throw new Error(`npm run build:${what} exited with ${r.status}`);
    },
    async uploadWeapp(s) {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const ci = require('miniprogram-ci');
      const project = new ci.Project({
        appid: s.appid, type: 'miniProgram', projectPath: s.projectPath, privateKeyPath: s.privateKeyPath,
        ignores: ['node_modules/**/*', 'src/**/*', 'test/**/*', 'data/**/*'],
      });
      await ci.upload({ project, version: s.version, desc: s.desc, robot: s.robot, setting: { es6: false, minify: false } });
    },
    async deployFunction(fn) {
      await cloudbase().functions.createFunction({
        func: { name: fn.name, timeout: fn.timeout, envVariables: fn.envVariables, installDependency: true, runtime: 'Nodejs16.13' },
        functionRootPath: path.dirname(fn.dir),
        force: true,
      });
    },
    async ensureCollection(name) {
      const r = await cloudbase().database.createCollectionIfNotExists(name);
      return Boolean(r?.IsCreated);
    },
    async ensureIndex(collection, field) {
      const db = cloudbase().database;
      const exists = await db.checkIndexExists(collection, indexName(field));
      if (exists?.Exists) return false;
      await db.updateCollection(collection, {
        CreateIndexes: [{ IndexName: indexName(field), MgoKeySchema: { MgoIndexKeys: [{ Name: field, Direction: '1' }], MgoIsUnique: false } }],
      });
      return true;
    },
    async setCollectionAcl(collection, acl) {
      await cloudbase().commonService('tcb', '2018-06-08').call({
        Action: 'ModifyDatabaseACL', Param: { EnvId: config.envId, CollectionName: collection, AclTag: acl },
      });
    },
    async setTriggers(fn, triggers) {
      await cloudbase().functions.createFunctionTriggers(fn, triggers);
    },
    async setStorageAcl(acl) {
      await cloudbase().storage.setStorageAcl(acl);
    },
  };
}

/** `npm run deploy` itself; `makeTarget` is replaced by a fake in tests. */
export async function runDeployCommand(
  args: string[], env: Record<string, string | undefined>, out: (line: string) => void,
  opts: { root?: string; makeTarget?: (c: DeployConfig, root: string) => DeployTarget; fileExists?: (p: string) => boolean } = {},
): Promise<number> {
  const unknown = args.filter((a) => a !== '--dry-run' && a !== '--skip-build');
  if (unknown.length) throw new OpsError('BAD_INPUT', `不认识的参数 / unknown option: ${unknown.join(' ')}（可用 --dry-run, --skip-build）`);
  const root = opts.root ?? process.cwd();
  const dryRun = args.includes('--dry-run');
  const config = loadDeployConfig(env, root, opts.fileExists);
  const steps = planDeploy(config, root, { skipBuild: args.includes('--skip-build') });
  if (dryRun) {
    out(`配置检查通过 / configuration ok: appid ${config.appid}, env ${config.envId}, version ${config.version}`);
    out(`试运行，不连网络 / dry run, no network: ${steps.length} 步 / steps`);
    steps.forEach((s, i) => out(`[${i + 1}/${steps.length}] ${describeStep(s)}`));
    const missing = missingTemplates(config);
    if (missing.length) out(`提示 / note: 没有设置这些订阅消息模板，相应的提醒会记为 skipped / templates not set: ${missing.join(', ')}`);
    return 0;
  }
  const target = (opts.makeTarget ?? sdkTarget)(config, root);
  const report = await runDeploy(steps, target, out);
  out(`部署完成 / deployed: ${report.steps} 步；新建集合 ${report.created.collections.length} 个，索引 ${report.created.indexes.length} 个`);
  out('还需要在微信公众平台手工完成的事见 README「Go live」/ what the WeChat console still needs by hand: README "Go live"');
  return 0;
}

/** Template variables the scheduler reads that are not set (informational). */
export function missingTemplates(config: DeployConfig): string[] {
  const known = ['TEMPLATE_NEW_CASE', 'TEMPLATE_CASE_MESSAGE', 'TEMPLATE_CASE_REMINDER', 'TEMPLATE_CASE_ESCALATED', 'TEMPLATE_CASE_REOPENED',
    'TEMPLATE_CASE_REPLY', 'TEMPLATE_CASE_RESOLVED', 'TEMPLATE_SCREENING_ALERT', 'TEMPLATE_SCREENING_ALERT_ESCALATED',
    'TEMPLATE_HOLIDAY_REMINDER', 'TEMPLATE_HOLIDAY_NUDGE', 'TEMPLATE_DROWNING_TIP'];
  return known.filter((k) => !config.schedulerTemplates[k]);
}
