/**
 * The local server over real HTTP (fastify inject): envelope, status codes,
 * sessions, uploads. Handlers themselves are tested in test/cloud.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { FastifyInstance } from 'fastify';
import { content } from '../../src/content';
import { seedDemo } from '../../src/cloud/local/seed';
import { buildServer } from '../../src/cloud/local/server';
import { openSqliteStore } from '../../src/cloud/store/sqlite';
import type { Store } from '../../src/cloud/store/types';

let app: FastifyInstance;
let store: Store;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'huhang-http-'));
  store = openSqliteStore(path.join(dir, 'h.db'));
  await seedDemo(store, content.demo);
  app = await buildServer({ store, dataDir: dir, serverKey: 'http-test-key' });
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const api = (body: unknown, token?: string) =>
  app.inject({ method: 'POST', url: '/api', payload: body as any, headers: token ? { authorization: `Bearer ${token}` } : {} });

let n = 0;
const rid = () => `httptest_${++n}_${Date.now().toString(36)}`;

async function login(): Promise<string> {
  const res = await api({ action: 'auth.login', data: { deviceId: 'device_' + Math.random().toString(36).slice(2) } });
  expect(res.statusCode).toBe(200);
  return res.json().data.token;
}

function multipart(filename: string, contentType: string, bytes: Buffer) {
  const boundary = '----huhang' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, bytes, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

test('healthz answers', async () => {
  const res = await app.inject({ method: 'GET', url: '/healthz' });
  expect(res.statusCode).toBe(200);
  expect(res.json().data.status).toBe('up');
});

test('the catalog is public and lists the ten counties', async () => {
  const res = await api({ action: 'catalog.get', data: {} });
  expect(res.statusCode).toBe(200);
  expect(res.json().data.counties).toHaveLength(10);
});

test('an action that needs a session answers 401 without one, and with a forged token', async () => {
  for (const token of [undefined, 'forged-token']) {
    const res = await api({ action: 'auth.me', data: {} }, token);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(res.json().error.message).toMatch(/登录/);
  }
});

test('login, redeem a demo code, and see the role', async () => {
  const token = await login();
  const before = await api({ action: 'auth.me', data: {} }, token);
  expect(before.json().data.roles).toEqual([]);
  const redeem = await api({ action: 'auth.redeem', data: { code: 'demo-police' }, requestId: rid() }, token);
  expect(redeem.statusCode).toBe(200);
  const me = await api({ action: 'auth.me', data: {} }, token);
  expect(me.json().data.roles).toEqual([expect.objectContaining({ role: 'handler', deptId: 'simao.police' })]);
});

test('a write replayed with the same request id is applied once and answers the same', async () => {
  const token = await login();
  const requestId = rid();
  const a = await api({ action: 'auth.redeem', data: { code: 'DEMO-TEACHER' }, requestId }, token);
  const b = await api({ action: 'auth.redeem', data: { code: 'DEMO-TEACHER' }, requestId }, token);
  expect(b.json()).toEqual(a.json());
  const audits = (await store.collection('audit').find({ action: 'auth.redeem' })).length;
  await api({ action: 'auth.redeem', data: { code: 'DEMO-TEACHER' }, requestId }, token);
  expect((await store.collection('audit').find({ action: 'auth.redeem' })).length).toBe(audits);
});

test.each([
  ['malformed JSON', { payload: '{"action":', headers: { 'content-type': 'application/json' } }, 400, 'BAD_INPUT'],
  ['no action', { payload: { data: {} } }, 400, 'BAD_INPUT'],
  ['unknown action', { payload: { action: 'nope.nothing', data: {} } }, 404, 'NOT_FOUND'],
  ['write without request id', { payload: { action: 'report.submit', data: { category: 'other', description: '这里有一个问题需要处理一下', countyId: 'simao' } } }, 400, 'BAD_INPUT'],
])('%s gets a 4xx with a Chinese message', async (_name, req: any, status, code) => {
  const res = await app.inject({ method: 'POST', url: '/api', ...req });
  expect(res.statusCode).toBe(status);
  expect(res.json()).toMatchObject({ ok: false, error: { code } });
  expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
});

test('a wrong invitation code is refused with what to do', async () => {
  const token = await login();
  const res = await api({ action: 'auth.redeem', data: { code: 'NOT-A-CODE' }, requestId: rid() }, token);
  expect(res.statusCode).toBe(404);
  expect(res.json().error.message).toMatch(/邀请码/);
});

describe('uploads', () => {
  test('an image is accepted and stored without metadata', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#3a7' } }).png().toBuffer();
    const res = await app.inject({ method: 'POST', url: '/upload', ...multipart('a.png', 'image/png', png) });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.fileId).toMatch(/\S{8,}/);
  });

  test('a file that is not an image gets 415', async () => {
    const res = await app.inject({ method: 'POST', url: '/upload', ...multipart('a.txt', 'text/plain', Buffer.from('hello, not an image')) });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.message).toMatch(/图片/);
  });

  test('a file over 10 MB gets 413', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, 1);
    const res = await app.inject({ method: 'POST', url: '/upload', ...multipart('big.jpg', 'image/jpeg', big) });
    expect(res.statusCode).toBe(413);
  });

  test('a photo cannot be read without a valid signature', async () => {
    const res = await app.inject({ method: 'GET', url: '/files/whatever?exp=9999999999999&sig=bad' });
    expect(res.statusCode).toBe(403);
    // the refused read is audited: which file, by nobody known (a link carries no session)
    const fileId = 'f' + 'Q'.repeat(24);
    expect((await app.inject({ method: 'GET', url: `/files/${fileId}?exp=9999999999999&sig=bad` })).statusCode).toBe(403);
    expect(await store.collection('audit').find({ action: 'denied:file.read', subjectId: fileId })).toMatchObject([{ actorId: 'anonymous', subjectType: 'file' }]);
  });
});

test('unknown paths answer 404 in the envelope', async () => {
  const res = await app.inject({ method: 'GET', url: '/no/such/path' });
  expect(res.statusCode).toBe(404);
  expect(res.json().ok).toBe(false);
});

test('/favicon.ico is an image, not a 404', async () => {
  const res = await app.inject({ method: 'GET', url: '/favicon.ico' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('image/png');
  const meta = await sharp(res.rawPayload).metadata();
  expect([meta.width, meta.height]).toEqual([32, 32]);
});
