/**
 * Security review of the local server, over fastify inject, set up the way
 * `npm start` runs it: with an H5 build to serve. Malformed, oversized and
 * non-JSON bodies, broken upload forms, path tricks on /files and the static
 * files, and the limits that must not be dodged by making fresh sessions.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { FastifyInstance } from 'fastify';
import { content } from '../../src/content';
import { LOGINS_PER_HOUR } from '../../src/cloud/handlers/auth/login';
import { ADDRESS_SHARED_BY } from '../../src/cloud/core/rateLimit';
import { UPLOADS_PER_HOUR } from '../../src/cloud/handlers/upload/finalize';
import { seedDemo } from '../../src/cloud/local/seed';
import { buildServer, cspDirectives } from '../../src/cloud/local/server';
import { openSqliteStore } from '../../src/cloud/store/sqlite';
import type { Store } from '../../src/cloud/store/types';

let app: FastifyInstance;
let store: Store;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'huhang-sec-'));
  const h5 = path.join(dir, 'h5');
  mkdirSync(h5);
  writeFileSync(path.join(h5, 'index.html'), '<!doctype html><title>护航</title>');
  // files next to the H5 folder that must never be served
  writeFileSync(path.join(dir, 'server.key'), 'NOT-FOR-CLIENTS');
  store = openSqliteStore(path.join(dir, 'huhang.db'));
  await seedDemo(store, content.demo);
  app = await buildServer({ store, dataDir: dir, h5Dir: h5, serverKey: 'security-test-key' });
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An envelope error with a Chinese message and the given status. */
function expectRefused(res: { statusCode: number; json(): any }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  const body = res.json();
  expect(body).toMatchObject({ ok: false, error: { code } });
  expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  return body.error.message as string;
}

const post = (payload: string | Buffer, contentType: string, url = '/api', remoteAddress?: string) =>
  app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType }, ...(remoteAddress ? { remoteAddress } : {}) });

describe('bodies /api cannot read (with the H5 build served, as under npm start)', () => {
  let deep = '0';
  for (let i = 0; i < 50_000; i++) deep = `[${deep}]`;
  test.each([
    ['malformed JSON', '{"action":', 'application/json', 400, 'BAD_INPUT'],
    ['a __proto__ key', '{"action":"report.submit","requestId":"abcdefgh12","data":{"__proto__":{"category":"x"}}}', 'application/json', 400, 'BAD_INPUT'],
    ['a constructor.prototype key', '{"action":"catalog.get","data":{"constructor":{"prototype":{"x":1}}}}', 'application/json', 400, 'BAD_INPUT'],
    ['a form post', 'action=catalog.get', 'application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA'],
    ['no content type', '{"action":"catalog.get"}', '', 415, 'UNSUPPORTED_MEDIA'],
    ['a body over 256 KB', JSON.stringify({ action: 'catalog.get', data: { x: '字'.repeat(100_000) } }), 'application/json', 413, 'PAYLOAD_TOO_LARGE'],
    ['50,000 nested arrays', `{"action":"catalog.get","data":${deep}}`, 'application/json', 400, 'BAD_INPUT'],
  ])('%s: the envelope, with a Chinese message that is not about photos', async (_what, payload, type, status, code) => {
    const message = expectRefused(await post(payload, type), status, code);
    expect(message).not.toMatch(/图片/);
  });
});

describe('broken upload forms', () => {
  const form = (body: string) => post(body, 'multipart/form-data; boundary=xx', '/upload', '198.51.100.1');
  test.each([
    ['no boundary', () => post('garbage', 'multipart/form-data', '/upload', '198.51.100.1')],
    ['cut off before the end', () => form('--xx\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nabc')],
    ['too many parts', () => form(['a', 'b', 'c'].map((n) => `--xx\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n1\r\n`).join('') + '--xx--\r\n')],
  ])('%s: 400 in Chinese, not a server fault', async (_what, send) => {
    expectRefused(await send(), 400, 'BAD_INPUT');
  });
});

describe('paths', () => {
  test.each([
    '/../server.key', '/..%2fserver.key', '/%2e%2e/server.key', '/..%5cserver.key', '/huhang.db', '/uploads/', '/%00',
  ])('%s serves nothing outside the H5 build', async (url) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.body).not.toContain('NOT-FOR-CLIENTS');
    expect(res.json().ok).toBe(false);
  });

  test.each([
    '/files/..%2fserver.key?exp=9999999999999&sig=x', '/files/%2e%2e%2fhuhang.db', '/files/fabc?exp=1&exp=2&sig=a&sig=b', '/files/fabc',
  ])('%s is refused without reading any file', async (url) => {
    const res = await app.inject({ method: 'GET', url });
    expectRefused(res, 403, 'FORBIDDEN');
  });

  test('the H5 build itself is served', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('护航');
  });
});

describe('limits that fresh sessions must not dodge', () => {
  const login = (remoteAddress: string, token?: string) => app.inject({
    method: 'POST', url: '/api', remoteAddress,
    payload: { action: 'auth.login', data: { deviceId: 'device_' + Math.random().toString(36).slice(2) } },
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

  test('one address opens only so many sessions an hour, and a session cannot vouch for making more', async () => {
    const address = '203.0.113.9';
    let token = '';
    // One address may be a school's computer room behind NAT: ADDRESS_SHARED_BY times a session's limit.
    for (let i = 0; i < LOGINS_PER_HOUR * ADDRESS_SHARED_BY; i++) {
      const res = await login(address, token || undefined);
      expect(res.statusCode).toBe(200);
      token = res.json().data.token; // each new login presents the session just made
    }
    expectRefused(await login(address, token), 429, 'RATE_LIMITED');
    expect((await login('203.0.113.10')).statusCode).toBe(200); // another address is not affected
  }, 60_000);

  test('photo uploads are limited per session like upload.finalize on CloudBase; another phone on the same network is not affected', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).png().toBuffer();
    const tokenOf = async () => (await login('203.0.113.50')).json().data.token as string;
    const upload = (token: string) => {
      const head = Buffer.from('--xx\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n');
      return app.inject({
        method: 'POST', url: '/upload', remoteAddress: '203.0.113.50',
        payload: Buffer.concat([head, png, Buffer.from('\r\n--xx--\r\n')]),
        headers: { 'content-type': 'multipart/form-data; boundary=xx', authorization: `Bearer ${token}` },
      });
    };
    const mine = await tokenOf();
    for (let i = 0; i < UPLOADS_PER_HOUR; i++) expect((await upload(mine)).statusCode).toBe(200);
    expectRefused(await upload(mine), 429, 'RATE_LIMITED');
    expect((await upload(await tokenOf())).statusCode).toBe(200);
  }, 60_000);
});

describe('security headers', () => {
  test('H5 pages, the API and /files carry a CSP, frame options and nosniff', async () => {
    for (const url of ['/', '/files/abc?exp=1&sig=x', '/healthz']) {
      const res = await app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests'); // the local server is plain HTTP
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  test('the inline script of the H5 page is allowed by its hash, not by unsafe-inline', () => {
    const h5 = mkdtempSync(path.join(tmpdir(), 'huhang-csp-'));
    try {
      const script = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';
      writeFileSync(path.join(h5, 'index.html'), `<html><head><script>${script}</script><script src="/js/app.js"></script></head></html>`);
      const d = cspDirectives(h5);
      const hash = createHash('sha256').update(script).digest('base64');
      expect(d['script-src']).toEqual(["'self'", `'sha256-${hash}'`]);
      expect(d['script-src']).not.toContain("'unsafe-inline'");
    } finally { rmSync(h5, { recursive: true, force: true }); }
  });
});
