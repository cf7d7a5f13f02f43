/**
 * Throughput and latency of writes through the real local server, with
 * autocannon at 1, 10 and 50 concurrent connections, next to the bare
 * endpoint on the same server (POST /bench/bare: same fastify, same store
 * adapter and SQLite settings, validates nothing, one insert of a body of
 * the same size).
 *
 * Every request carries its own request id (idempotency is part of the
 * cost) and a session of its own caller, prepared directly in the database
 * (`sessionsFor`), so per-caller limits are not what is measured.
 */
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import type { Section } from './table';

export const CONCURRENCY = [1, 10, 50] as const;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Makes `n` users holding `roles` with live sessions, written straight into the database; returns their tokens. */
export function sessionsFor(dbFile: string, n: number, rolesOf: (i: number) => unknown[] = () => []): { tokens: string[]; userIds: string[] } {
  const db = new Database(dbFile);
  db.pragma('busy_timeout = 10000');
  const tokens: string[] = [];
  const userIds: string[] = [];
  const day = Date.now() - (Date.now() % 86_400_000);
  const addUser = db.prepare('INSERT INTO users (id, doc) VALUES (?, ?)');
  const addSession = db.prepare('INSERT INTO sessions (id, doc) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const userId = 'ubench' + randomBytes(12).toString('hex');
      const token = randomBytes(32).toString('base64url');
      addUser.run(userId, JSON.stringify({ _id: userId, roles: rolesOf(i), createdAt: day }));
      addSession.run(sha256(token), JSON.stringify({ _id: sha256(token), userId, expiresAt: day + 40 * 86_400_000 }));
      tokens.push(token);
      userIds.push(userId);
    }
  })();
  db.close();
  return { tokens, userIds };
}

export interface LoadResult { connections: number; ok: number; failed: number; perSecond: number; p50: number; p99: number }

/**
 * Runs `seconds` of load: request i gets the body `bodyOf(i)` and the token
 * `tokenOf(i)`. Only 2xx answers count as throughput; others are reported.
 */
export async function load(url: string, path: string, connections: number, seconds: number, bodyOf: (i: number) => unknown, tokenOf: (i: number) => string | undefined, maxRequests?: number): Promise<LoadResult> {
  let i = 0;
  // autocannon's own percentiles come from a histogram of whole milliseconds, which makes a 1-connection
  // p99 of 0.6 ms read as 1 (or 0); each answer's own time (ms, from hrtime) gives tenths.
  const times: number[] = [];
  const result = await new Promise<any>((resolve, reject) => {
    const instance = (autocannon as unknown as (o: object, cb: (e: unknown, r: unknown) => void) => { on(ev: string, fn: (...a: any[]) => void): void })({
      url,
      connections,
      duration: seconds,
      // a cap, not `amount`: with `amount` autocannon ignores the duration and ends on its next whole-second
      // tick after the last answer, which reads as a lower rate; with the cap the run lasts its seconds
      ...(maxRequests ? { maxOverallRequests: maxRequests } : {}),
      requests: [{
        method: 'POST',
        path,
        setupRequest: (req: any) => {
          const n = i++;
          const token = tokenOf(n);
          req.headers = { 'content-type': 'application/json', ...(token ? { authorization: 'Bearer ' + token } : {}) };
          req.body = JSON.stringify(bodyOf(n));
          return req;
        },
      }],
    }, (err: unknown, res: unknown) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
    });
  });
  const ok = result['2xx'];
  times.sort((a, b) => a - b);
  const at = (q: number) => (times.length ? Math.round(times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] * 10) / 10 : 0);
  return {
    connections,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    perSecond: ok / Math.max(0.001, result.duration),
    p50: at(0.5),
    p99: at(0.99),
  };
}

export interface Compared { name: string; note: string; real: LoadResult[]; bare: LoadResult[]; massWrite: boolean }

export function loadSection(all: Compared[]): Section {
  const rows: Section['rows'] = [];
  for (const c of all) {
    c.real.forEach((r, k) => {
      const b = c.bare[k];
      const share = r.perSecond / Math.max(0.001, b.perSecond);
      const p99x = r.p99 / Math.max(0.001, b.p99);
      const aim = c.massWrite ? (share >= 1 / 3 && p99x <= 2 ? 'met' : `not met (${share < 1 / 3 ? '< ⅓ of bare' : ''}${share < 1 / 3 && p99x > 2 ? ', ' : ''}${p99x > 2 ? 'p99 > 2× bare' : ''})`) : '(slow on purpose)';
      rows.push([c.name, r.connections, r.perSecond.toFixed(0), b.perSecond.toFixed(0), `${(share * 100).toFixed(0)}%`, r.p50.toFixed(1), r.p99.toFixed(1), b.p99.toFixed(1), `${p99x.toFixed(2)}×`, r.failed, aim]);
    });
  }
  return {
    title: 'writes through the local server (autocannon; per second, and ms to a tenth from each answer\'s own time)',
    note: 'bare = POST /bench/bare on the same server: parses the JSON and inserts it as one document, nothing else. Aim for mass writes: ≥ ⅓ of bare and p99 ≤ 2× bare at the same concurrency. The load generator shares the machine\'s cores. ' +
      all.map((c) => `${c.name}: ${c.note}`).join(' '),
    head: ['action', 'conc.', 'ok/s', 'bare ok/s', 'share', 'p50', 'p99', 'bare p99', 'p99 ratio', 'non-2xx', 'aim'],
    rows,
  };
}

/**
 * A mass write at 1, 10 and 50 connections, each run right after the bare
 * insert of a body of the same size. `callersFor(conc, n)` prepares at least
 * n callers of their own (one request each, so nobody writes twice); `body(k)`
 * is request k's envelope.
 */
export async function massWriteLoad(
  url: string, seconds: number, c: Compared,
  callersFor: (conc: number, n: number) => string[],
  body: (k: number) => { requestId: string; [k: string]: unknown },
  requestId: (tag: string) => string,
): Promise<Compared> {
  for (const conc of CONCURRENCY) {
    // one caller per request, enough for 4,000 writes a second, so the run lasts its seconds. It was 2,000: once
    // lesson.complete reached that, it ran out of callers and idled to the end of its run, reading 1,996 a second
    const tokens = callersFor(conc, Math.ceil(4000 * seconds));
    c.bare.push(await load(url, '/bench/bare', conc, seconds, (k) => ({ ...body(k), requestId: requestId('b') }), () => undefined));
    c.real.push(await load(url, '/api', conc, seconds, body, (k) => tokens[k % tokens.length], tokens.length));
    const [r, b] = [c.real.at(-1)!, c.bare.at(-1)!];
    console.log(`  ${c.name} c=${conc}: ${r.perSecond.toFixed(0)}/s p99 ${r.p99} ms (${r.failed} non-2xx), bare ${b.perSecond.toFixed(0)}/s p99 ${b.p99} ms`);
  }
  return c;
}
