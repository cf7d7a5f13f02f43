/**
 * Crash: the server is killed with SIGKILL in the middle of a burst of
 * concurrent writes. After a restart on the same files:
 *  - every write that was acknowledged is there, exactly once;
 *  - a retry of each unacknowledged write (same request id, same body, as
 *    the client's queue sends it) succeeds once, and a second retry answers
 *    the same without writing again;
 *  - SQLite's integrity check passes.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bullying } from '../fixtures/reports';
import { post, runServer, type Envelope } from './server';

const CALLERS = 40;
let dataDir: string;
beforeAll(() => { dataDir = mkdtempSync(path.join(tmpdir(), 'huhang-crash-')); });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Write { token: string; requestId: string; body: Record<string, unknown>; answer?: Envelope }

test('SIGKILL in a burst of reports: acknowledged ones survive exactly once, the rest succeed once on retry, integrity holds', async () => {
  let server = await runServer(dataDir);
  const writes: Write[] = [];
  for (let i = 0; i < CALLERS; i++) {
    const login = await post(server.url, { action: 'auth.login', data: { deviceId: `crashdev_${i}_${Date.now()}` } });
    expect(login.ok).toBe(true);
    writes.push({
      token: login.data.token,
      requestId: `crash_${i}_${Date.now().toString(36)}`,
      body: bullying({ description: `第${i}份：有几个同学天天在厕所门口堵我，抢我的零花钱。` }),
    });
  }

  // fire all at once; kill as soon as a third have been answered
  let answered = 0;
  let killed: Promise<void> | null = null;
  const first = server;
  await Promise.all(writes.map(async (w) => {
    try {
      const res = await post(first.url, { action: 'report.submit', data: w.body, requestId: w.requestId }, w.token);
      if (res.ok) w.answer = res;
      if (++answered >= CALLERS / 3 && !killed) killed = first.kill('SIGKILL');
    } catch { /* connection cut by the kill: not acknowledged */ }
  }));
  await killed;
  const acked = writes.filter((w) => w.answer);
  const unacked = writes.filter((w) => !w.answer);
  expect(acked.length).toBeGreaterThanOrEqual(CALLERS / 3);
  expect(unacked.length).toBeGreaterThan(0); // the kill really landed mid-burst

  server = await runServer(dataDir);
  try {
    // acknowledged: readable with its code and secret
    for (const w of acked) {
      const s = await post(server.url, { action: 'report.status', data: { trackingCode: w.answer!.data.trackingCode, secret: w.answer!.data.secret } }, w.token);
      expect(s.ok).toBe(true);
    }
    // unacknowledged: the client retries with the same request id; twice gives the same answer
    for (const w of unacked) {
      const r1 = await post(server.url, { action: 'report.submit', data: w.body, requestId: w.requestId }, w.token);
      expect(r1.ok).toBe(true);
      const r2 = await post(server.url, { action: 'report.submit', data: w.body, requestId: w.requestId }, w.token);
      expect(r2).toEqual(r1);
      w.answer = r1;
    }
    // and an acknowledged one retried (its answer was lost on the way, say) does not file twice
    const again = await post(server.url, { action: 'report.submit', data: acked[0].body, requestId: acked[0].requestId }, acked[0].token);
    expect(again.data?.trackingCode).toBe(acked[0].answer!.data.trackingCode);
  } finally {
    await server.kill('SIGTERM');
  }

  const db = new Database(path.join(dataDir, 'huhang.db'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const codes = db.prepare(`SELECT json_extract(doc, '$.trackingCode') AS code FROM cases`).all().map((r: any) => r.code);
    // every write is there exactly once, and nothing else was filed
    expect(codes.length).toBe(CALLERS);
    expect(new Set(codes).size).toBe(CALLERS);
    for (const w of writes) expect(codes.filter((c) => c === w.answer!.data.trackingCode)).toHaveLength(1);
  } finally {
    db.close();
  }
});
