/**
 * Serving the H5 build: compressed when the browser accepts it, hashed
 * assets cached for good, index.html always revalidated.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/cloud/local/server';
import { openSqliteStore } from '../../src/cloud/store/sqlite';
import type { Store } from '../../src/cloud/store/types';

let app: FastifyInstance;
let store: Store;
let dir: string;
const bundle = 'console.log("护航");\n'.repeat(400);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'huhang-serving-'));
  const h5 = path.join(dir, 'h5');
  mkdirSync(path.join(h5, 'js'), { recursive: true });
  writeFileSync(path.join(h5, 'index.html'), '<!doctype html><meta charset="utf-8"><div id="app"></div>' + '<!-- padding -->'.repeat(100));
  writeFileSync(path.join(h5, 'js', 'app.1a2b3c4d.js'), bundle);
  writeFileSync(path.join(h5, 'js', 'unhashed.js'), bundle);
  store = openSqliteStore(path.join(dir, 's.db'));
  app = await buildServer({ store, dataDir: dir, serverKey: 'serving-test-key', h5Dir: h5 });
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a hashed bundle is sent gzip- or brotli-compressed, as asked, and cached for a year', async () => {
  const gz = await app.inject({ url: '/js/app.1a2b3c4d.js', headers: { 'accept-encoding': 'gzip' } });
  expect(gz.statusCode).toBe(200);
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(gz.rawPayload).toString()).toBe(bundle);
  expect(gz.rawPayload.length).toBeLessThan(Buffer.byteLength(bundle) / 10);
  expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');

  const br = await app.inject({ url: '/js/app.1a2b3c4d.js', headers: { 'accept-encoding': 'br, gzip' } });
  expect(br.headers['content-encoding']).toBe('br');
  expect(brotliDecompressSync(br.rawPayload).toString()).toBe(bundle);
});

test('without accept-encoding the bytes go as they are', async () => {
  const plain = await app.inject({ url: '/js/app.1a2b3c4d.js', headers: { 'accept-encoding': '' } });
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body).toBe(bundle);
});

test('index.html and unhashed files are revalidated on every visit, so a new build reaches phones', async () => {
  const index = await app.inject({ url: '/', headers: { 'accept-encoding': 'gzip' } });
  expect(index.statusCode).toBe(200);
  expect(index.headers['cache-control']).toBe('no-cache');
  const unhashed = await app.inject({ url: '/js/unhashed.js' });
  expect(unhashed.headers['cache-control']).toBe('no-cache');
});

test('long API answers are compressed too; short ones are not worth it', async () => {
  const res = await app.inject({ method: 'POST', url: '/api', payload: { action: 'catalog.get', data: {} }, headers: { 'accept-encoding': 'gzip' } });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-encoding']).toBe('gzip');
  expect(JSON.parse(gunzipSync(res.rawPayload).toString()).ok).toBe(true);
  const small = await app.inject({ method: 'GET', url: '/healthz', headers: { 'accept-encoding': 'gzip' } });
  expect(small.headers['content-encoding']).toBeUndefined();
});
