import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import sharp from 'sharp';
import { AppError, DEFAULT_MESSAGE, HTTP_STATUS, type Envelope, isAppError } from '../../domain/errors';
import type { Clock } from '../core/context';
import { systemClock } from '../core/context';
import { sha256 } from '../core/crypto';
import { dispatch, type CallerIdentity, type DispatchEnv } from '../core/dispatch';
import { callerCache, readSession } from '../core/callerCache';
import { memoryWriteLimiter } from '../core/memoryWriteLimit';
import { callerKey, rateLimit } from '../core/rateLimit';
import { UPLOADS_PER_HOUR } from '../handlers/upload/finalize';
import { storeOutbox } from '../core/outbox';
import { actions } from '../handlers';
import { fileBlobStore } from '../media/blobs';
import { readUpload, saveUpload, MAX_UPLOAD_BYTES, UPLOAD_OWNER_PURPOSE } from '../media/uploads';
import { auditDenied } from '../core/deniedAudit';
import { looksLikeSheet, saveSheet, SHEET_MESSAGES } from '../media/sheets';
import { verifyFileSignature } from '../media/signedUrl';
import type { Store } from '../store/types';
import { registerCompression, registerH5 } from './serving';

export interface ServerOptions {
  store: Store;
  dataDir: string;
  /** folder of the Taro H5 build; served at / when present */
  h5Dir?: string;
  serverKey: string;
  clock?: Clock;
  /**
   * Behind a reverse proxy, trust its X-Forwarded-For (fastify's trustProxy: true
   * or the proxy's addresses); otherwise every caller looks like the proxy
   * and shares one login/upload limit. Off by default: a direct client could forge it.
   */
  trustProxy?: boolean | string;
  /**
   * `npm run bench` only (BENCH_BARE_ENDPOINT=1): POST /bench/bare takes any JSON body and
   * stores it as one document, validating nothing — the baseline the real writes are measured
   * against, on the same server, store adapter and SQLite settings.
   */
  benchBareEndpoint?: boolean;
}

const NOT_JSON_MESSAGE = '请求格式不对（需要 JSON），请更新小程序后重试。';
const BODY_TOO_LARGE_MESSAGE = '提交的内容太长了，请删减一些后再试。';
const BROKEN_UPLOAD_MESSAGE = '图片没有完整上传，请重新选择后上传。';

/**
 * Errors a malformed form raises: @fastify/multipart's own (4xx: too many
 * parts, not multipart), busboy's parse errors, and the stream closing
 * before the form ended.
 */
function isBrokenForm(e: unknown): boolean {
  const err = e as { statusCode?: unknown; code?: unknown; message?: unknown } | null;
  if (typeof err?.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) return true;
  if (err?.code === 'ERR_STREAM_PREMATURE_CLOSE') return true;
  return typeof err?.message === 'string' && /^Multipart: |unexpected end of multipart data/i.test(err.message);
}

/**
 * The H5 page's Content-Security-Policy: everything from this origin only.
 * Taro's index.html carries one small inline script (the rem sizing): it is
 * allowed by its hash, read from the built page, not by 'unsafe-inline'.
 * Photos picked on the phone are blob: URLs, shown (img-src) and read back
 * for upload (connect-src); React sets style attributes, hence styles
 * 'unsafe-inline' (styles cannot run code). No framing (frame-ancestors),
 * no plugins. No upgrade-insecure-requests: the local server is plain HTTP.
 */
export function cspDirectives(h5Dir?: string): Record<string, string[] | null> {
  const hashes: string[] = [];
  const index = h5Dir ? path.join(h5Dir, 'index.html') : '';
  if (index && existsSync(index)) {
    for (const m of readFileSync(index, 'utf8').matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
      if (m[1]) hashes.push(`'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
    }
  }
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...hashes],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    // blob: photos picked on H5 and data: the signature pad's PNG are read back with fetch() before upload
    'connect-src': ["'self'", 'blob:', 'data:'],
    'font-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'upgrade-insecure-requests': null,
  };
}

const FAVICON_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">' +
  '<path d="M16 2 L28 6 V15 C28 22.5 22.8 28 16 30 C9.2 28 4 22.5 4 15 V6 Z" fill="#1b5fbf"/>' +
  '<path d="M10 16 L14.5 20.5 L22.5 11.5" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>';

/**
 * The local stand-in for WeChat CloudBase: the same `api` dispatcher behind
 * POST /api, uploads, signed file reads, and the H5 build.
 *
 * Privacy: request logging is off (fastify would log client addresses), and
 * nothing here writes the token, address or user id anywhere; the address
 * is only handed to the dispatcher as a rate-limit identity, which it hashes
 * under a daily key.
 */
export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const clock = opts.clock ?? systemClock;
  // Photos live in DATA_DIR/uploads and are read back through signed /files links.
  const blobs = fileBlobStore(path.join(opts.dataDir, 'uploads'), opts.serverKey);
  // The caller's session and roles, kept until a commit could change them (one process on the file).
  const callers = callerCache(opts.store);
  const env: DispatchEnv = {
    store: opts.store,
    callers,
    // Each caller's count of writes in this process's memory, not a row per write (memoryWriteLimit.ts).
    writeLimiter: memoryWriteLimiter(clock, opts.serverKey),
    clock,
    serverKey: opts.serverKey,
    outbox: storeOutbox(opts.store, clock),
    platform: {
      name: 'local',
      // msgSecCheck exists only on WeChat; locally we record that it was skipped.
      checkText: async () => ({ ok: true, skipped: true }),
      readUpload: (fileId) => readUpload(blobs, opts.store, fileId),
      blobs,
    },
    actions,
    onFault: (action, error) => app.log.error({ action, err: error }, 'action failed'),
  };

  const app = Fastify({
    logger: { level: process.env.LOG_LEVEL || 'warn' },
    // no per-request log lines: they would carry client addresses
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 256 * 1024,
    trustProxy: opts.trustProxy ?? false,
  });
  app.addHook('onClose', async () => callers?.close());
  await registerCompression(app);
  await app.register(helmet, { contentSecurityPolicy: { useDefaults: true, directives: cspDirectives(opts.h5Dir) } });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1, fields: 2 } });

  const identify = async (req: FastifyRequest): Promise<CallerIdentity> => {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (token) {
      const session = await (callers ? callers.session(sha256(token)) : readSession(opts.store, sha256(token)));
      if (session && session.expiresAt > clock.now().getTime()) {
        return { userId: session.userId, rateIdentity: 'user:' + session.userId };
      }
    }
    return { userId: null, rateIdentity: 'ip:' + req.ip };
  };

  const isLogin = (body: unknown) =>
    typeof body === 'object' && body !== null && (body as { action?: unknown }).action === 'auth.login';

  const send = (reply: any, envelope: Envelope<unknown>) =>
    reply.code(envelope.ok ? 200 : HTTP_STATUS[envelope.error.code] ?? 500).send(envelope);

  // Set before any route or plugin is registered: a route takes the error handler in force when it
  // is added, so one set at the end left /api answering malformed, oversized or non-JSON bodies with
  // fastify's own English error whenever the H5 build was there (its plugin is awaited first).
  app.setNotFoundHandler((req, reply) =>
    send(reply, { ok: false, error: { code: 'NOT_FOUND', message: `没有这个地址：${req.method} ${req.url.split('?')[0]}` } }));
  app.setErrorHandler((err: any, req, reply) => {
    // fastify's own errors (malformed JSON, body too large) are the caller's fault: 4xx with a message.
    if (err.statusCode && err.statusCode < 500) {
      const code = err.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : err.statusCode === 415 ? 'UNSUPPORTED_MEDIA' : 'BAD_INPUT';
      // Only /upload takes files: anywhere else a 413 or 415 is about the JSON body, not a photo.
      const message = req.url.startsWith('/upload')
        ? (code === 'BAD_INPUT' ? BROKEN_UPLOAD_MESSAGE : DEFAULT_MESSAGE[code])
        : (code === 'PAYLOAD_TOO_LARGE' ? BODY_TOO_LARGE_MESSAGE : NOT_JSON_MESSAGE);
      return send(reply, { ok: false, error: { code, message } });
    }
    app.log.error({ err }, 'request failed');
    return send(reply, { ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGE.INTERNAL } });
  });

  // Browsers ask for it on every H5 page: a small shield in the app's colour, drawn once.
  let favicon: Promise<Buffer> | null = null;
  app.get('/favicon.ico', async (_req, reply) => {
    favicon ??= sharp(Buffer.from(FAVICON_SVG)).png().toBuffer();
    return reply.header('cache-control', 'public, max-age=86400').type('image/png').send(await favicon);
  });

  app.get('/healthz', async () => ({ ok: true, data: { status: 'up', time: clock.now().toISOString() } }));

  app.post('/api', async (req, reply) => {
    // A session costs nothing to make, and every rate limit is per session: so making sessions is
    // limited per address, and a session cannot vouch for making more of them.
    const identity = isLogin(req.body) ? { userId: null, rateIdentity: 'ip:' + req.ip } : await identify(req);
    // A bad or expired token on an action that needs a session gets 401 so the client logs in again.
    return send(reply, await dispatch(req.body, identity, env));
  });

  if (opts.benchBareEndpoint) {
    let n = 0;
    app.post('/bench/bare', async (req) => {
      await opts.store.collection('settings').insert({ _id: `bench:${process.pid}:${++n}`, body: req.body });
      return { ok: true, data: { n } };
    });
  }

  app.post('/upload', async (req, reply) => {
    try {
      if (!req.isMultipart()) throw new AppError('BAD_INPUT', '请用表单上传图片（字段名 file）。');
      // Like upload.finalize on CloudBase: anonymous, but not unlimited (each photo is kept on disk for a day).
      const who = await identify(req);
      await rateLimit(opts.store, clock, opts.serverKey, who.rateIdentity, 'upload', UPLOADS_PER_HOUR, 3600_000);
      const ownerKey = who.userId ? await callerKey(opts.store, clock, opts.serverKey, who.rateIdentity, UPLOAD_OWNER_PURPOSE) : undefined;
      const file = await req.file();
      if (!file || file.fieldname !== 'file') throw new AppError('BAD_INPUT', '没有收到图片，请重新选择后上传。');
      const bytes = await file.toBuffer().catch((e: any) => {
        if (e?.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE');
        throw e;
      });
      if (file.file.truncated || bytes.length > MAX_UPLOAD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
      if (looksLikeSheet(file.filename ?? '', file.mimetype ?? '')) {
        // A roster sheet (issue 14): only a school admin or coordinator may upload one, and only they can import it.
        const who = await identify(req);
        const user = who.userId ? await opts.store.collection<{ _id: string; roles?: Array<{ role: string; deptId?: string }> }>('users').get(who.userId) : null;
        if (!who.userId) throw new AppError('UNAUTHENTICATED', '请先登录后再上传名册。');
        if (!user?.roles?.some((r) => r.role === 'school_admin' || r.role === 'coordinator' || (r.role === 'handler' && !!r.deptId?.endsWith('.edu')))) throw new AppError('FORBIDDEN', SHEET_MESSAGES.mayNot);
        const sheet = await saveSheet(opts.store, blobs, bytes, file.filename ?? '', who.userId, clock);
        return send(reply, { ok: true, data: { fileId: sheet.fileId, kind: sheet.kind } });
      }
      const saved = await saveUpload(opts.store, blobs, bytes, clock, ownerKey);
      return send(reply, { ok: true, data: { fileId: saved.fileId } });
    } catch (e) {
      if (isAppError(e)) return send(reply, { ok: false, error: { code: e.code, message: e.message } });
      if ((e as any)?.code === 'FST_REQ_FILE_TOO_LARGE') return send(reply, { ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: DEFAULT_MESSAGE.PAYLOAD_TOO_LARGE } });
      // A form that is cut off, has no boundary or too many parts is the sender's fault, not ours.
      if (isBrokenForm(e)) return send(reply, { ok: false, error: { code: 'BAD_INPUT', message: BROKEN_UPLOAD_MESSAGE } });
      app.log.error({ err: e }, 'upload failed');
      return send(reply, { ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGE.INTERNAL } });
    }
  });

  // Photos are only readable through a short-lived signed URL handed out by case.get.
  app.get<{ Params: { id: string }; Querystring: { exp?: string; sig?: string } }>('/files/:id', async (req, reply) => {
    const { id } = req.params;
    const { exp = '', sig = '' } = req.query;
    if (!verifyFileSignature(opts.serverKey, id, Number(exp), sig, clock.now().getTime())) {
      // a refused file read is audited like a refused API read (the link carries no session: the actor is anonymous)
      await auditDenied(opts.store, clock, null, 'file.read', { fileId: id }, new AppError('FORBIDDEN'));
      return send(reply, { ok: false, error: { code: 'FORBIDDEN', message: '图片链接已过期，请返回案件页面重新打开。' } });
    }
    const file = await readUpload(blobs, opts.store, id);
    if (!file) return send(reply, { ok: false, error: { code: 'NOT_FOUND', message: DEFAULT_MESSAGE.NOT_FOUND } });
    return reply.header('cache-control', 'private, max-age=300').type(file.mime).send(file.bytes);
  });

  if (opts.h5Dir && existsSync(path.join(opts.h5Dir, 'index.html'))) {
    await registerH5(app, opts.h5Dir);
  } else {
    app.get('/', async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send('<meta charset="utf-8"><p>H5 还没有构建：请运行 <code>npm start</code>（它会先构建 H5）。API 在 POST /api。</p>'));
  }

  return app;
}
