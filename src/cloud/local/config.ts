import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomToken } from '../core/crypto';

export interface LocalConfig {
  dataDir: string;
  host: string;
  port: number;
  h5Dir: string;
  serverKey: string;
  trustProxy: boolean | string;
  /** the server key was read from (or written to) DATA_DIR/server.key rather than given in SERVER_KEY */
  keyInDataDir: boolean;
}

/**
 * Start-up warnings for a real server (DEMO=off): a server key kept beside
 * the database means a copy of the data folder alone can recompute every
 * HMAC (rate-limit keys, case ids, file links). Empty when all is well.
 */
export function startupWarnings(config: Pick<LocalConfig, 'keyInDataDir' | 'dataDir'>, demo: boolean): string[] {
  if (demo || !config.keyInDataDir) return [];
  return [
    `警告：服务器密钥保存在数据目录里（${path.join(config.dataDir, 'server.key')}），拿到数据目录副本的人就能算出所有限流和链接的密钥。` +
      '正式部署请用环境变量 SERVER_KEY 提供密钥，并把它保存在数据目录以外。',
  ];
}

/**
 * Reads DATA_DIR / HOST / PORT from the environment. The server key (HMACs for
 * tracking secrets, user ids and signed file URLs) is taken from SERVER_KEY or
 * generated once and kept in DATA_DIR, so restarts keep codes valid.
 */
export function loadLocalConfig(env: Record<string, string | undefined> = process.env, root = process.cwd()): LocalConfig {
  const dataDir = path.resolve(root, env.DATA_DIR || 'data');
  mkdirSync(path.join(dataDir, 'uploads'), { recursive: true });
  const keyFile = path.join(dataDir, 'server.key');
  let serverKey = env.SERVER_KEY || '';
  const keyInDataDir = !serverKey;
  if (!serverKey) {
    if (existsSync(keyFile)) serverKey = readFileSync(keyFile, 'utf8').trim();
    else {
      serverKey = randomToken(32);
      writeFileSync(keyFile, serverKey, { mode: 0o600 });
    }
  }
  const port = Number(env.PORT || 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  return {
    dataDir,
    host: env.HOST || '127.0.0.1',
    port,
    h5Dir: path.resolve(root, env.H5_DIR || 'dist/h5'),
    serverKey,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    keyInDataDir,
  };
}

/** TRUST_PROXY: unset/'0'/'false' → off; 'true' → any proxy; else the proxy's addresses (comma-separated). */
function parseTrustProxy(value: string | undefined): boolean | string {
  if (!value || value === '0' || value === 'false') return false;
  return value === 'true' ? true : value;
}
