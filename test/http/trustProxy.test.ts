/**
 * Behind a reverse proxy every request comes from the proxy's address. With
 * TRUST_PROXY the server keys limits by the forwarded client address; without
 * it, a forwarded header from a direct client is ignored (it could be forged).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOGINS_PER_HOUR } from '../../src/cloud/handlers/auth/login';
import { ADDRESS_SHARED_BY } from '../../src/cloud/core/rateLimit';
import { loadLocalConfig, startupWarnings } from '../../src/cloud/local/config';
import { buildServer } from '../../src/cloud/local/server';
import { openSqliteStore } from '../../src/cloud/store/sqlite';

async function serverWith(trustProxy: boolean | string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'huhang-proxy-'));
  const store = openSqliteStore(path.join(dir, 'p.db'));
  const app = await buildServer({ store, dataDir: dir, serverKey: 'proxy-test-key', trustProxy });
  const login = (forwardedFor: string) => app.inject({
    method: 'POST', url: '/api', remoteAddress: '10.0.0.1',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    payload: { action: 'auth.login', data: {} },
  });
  const close = async () => { await app.close(); await store.close(); rmSync(dir, { recursive: true, force: true }); };
  return { login, close };
}

test('with TRUST_PROXY, callers behind the proxy get their own limits', async () => {
  const s = await serverWith(true);
  try {
    for (let i = 0; i < LOGINS_PER_HOUR * ADDRESS_SHARED_BY; i++) expect((await s.login('198.51.100.1')).statusCode).toBe(200);
    expect((await s.login('198.51.100.1')).statusCode).toBe(429);
    expect((await s.login('198.51.100.2')).statusCode).toBe(200);
  } finally { await s.close(); }
}, 60_000);

test('without it, a forwarded header does not buy a fresh limit', async () => {
  const s = await serverWith(false);
  try {
    for (let i = 0; i < LOGINS_PER_HOUR * ADDRESS_SHARED_BY; i++) expect((await s.login(`198.51.${100 + Math.floor(i / 250)}.${(i % 250) + 1}`)).statusCode).toBe(200);
    expect((await s.login('198.51.100.250')).statusCode).toBe(429);
  } finally { await s.close(); }
}, 60_000);

test('TRUST_PROXY is read from the environment', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'huhang-cfg-'));
  try {
    const at = (TRUST_PROXY?: string) => loadLocalConfig({ DATA_DIR: dir, SERVER_KEY: 'k', TRUST_PROXY }, dir).trustProxy;
    expect(at(undefined)).toBe(false);
    expect(at('0')).toBe(false);
    expect(at('true')).toBe(true);
    expect(at('10.0.0.1,10.0.0.2')).toBe('10.0.0.1,10.0.0.2');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('with DEMO=off, start-up warns when the server key lives in the data folder, and not when SERVER_KEY gives it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'huhang-cfg-'));
  try {
    const fromFile = loadLocalConfig({ DATA_DIR: dir }, dir);
    expect(fromFile.keyInDataDir).toBe(true);
    const [warning] = startupWarnings(fromFile, false);
    expect(warning).toContain('server.key');
    expect(warning).toContain('SERVER_KEY');
    expect(startupWarnings(fromFile, true)).toEqual([]); // the demo on a laptop: fine
    expect(startupWarnings(loadLocalConfig({ DATA_DIR: dir, SERVER_KEY: 'from-the-environment' }, dir), false)).toEqual([]);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
