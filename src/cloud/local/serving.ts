/**
 * How the local server serves the H5 build: compressed (brotli or gzip,
 * whichever the browser asks for, through @fastify/compress) and cached.
 *
 * Taro names every JS and CSS file of the H5 build by its content hash
 * (`js/app.1a2b3c4d.js`), so those can be kept by the browser for a year
 * (`immutable`): a new build has new names. index.html is the one file
 * without a hash, so it is always revalidated (`no-cache`), which is how a
 * new build reaches phones on the next visit.
 */
import path from 'node:path';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** `name.1a2b3c4d.js` / `.css` under js/ or css/: content-hashed, safe to cache for good. */
export const HASHED_ASSET = /(^|\/)(js|css)\/[^/]+\.[0-9a-f]{8,32}\.(js|css)$/;

export async function registerCompression(app: FastifyInstance) {
  // Small API answers are not worth the CPU; the H5 bundle and long JSON lists are.
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
}

export async function registerH5(app: FastifyInstance, h5Dir: string) {
  await app.register(fastifyStatic, {
    root: h5Dir,
    prefix: '/',
    index: ['index.html'],
    cacheControl: false,
    setHeaders(res, filePath) {
      const rel = path.relative(h5Dir, filePath).split(path.sep).join('/');
      res.setHeader('cache-control', HASHED_ASSET.test(rel) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
