/**
 * Anonymity over the wire: logged-in callers (each from its own address,
 * behind a trusted proxy) upload a photo, file anonymous reports, read their
 * status and send messages through the real server. Then the whole SQLite
 * file (every table, side tables included), the upload store and the
 * server's own log are searched for anything that could lead back to them:
 * user ids, session tokens and their hashes, device ids, addresses.
 *
 * Their own account rows (users, sessions) exist because they logged in;
 * the test checks those rows were not touched by reporting.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bullying } from '../fixtures/reports';
import { runServer } from './server';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const REPORTERS = 4;

function files(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((n) => {
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? files(p) : [p];
    });
  } catch { return []; }
}

function accountRows(dbFile: string) {
  const db = new Database(dbFile, { readonly: true });
  try {
    return JSON.stringify(['users', 'sessions'].map((t) => db.prepare(`SELECT id, doc FROM "${t}" ORDER BY id`).all()));
  } finally { db.close(); }
}

test('after anonymous reports, uploads, status reads and messages by logged-in callers, no table, file or log line names them', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huhang-anon-'));
  const server = await runServer(dataDir, { TRUST_PROXY: 'true', LOG_LEVEL: 'debug' });
  const secrets: string[] = [];
  try {
    const reporters = [];
    for (let i = 0; i < REPORTERS; i++) {
      const address = `10.77.${i}.${100 + i}`;
      const deviceId = `anondevice${i}x${Date.now()}`;
      const call = async (body: unknown, token?: string) => {
        const res = await fetch(server.url + '/api', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...(token ? { authorization: 'Bearer ' + token } : {}) },
          body: JSON.stringify(body),
        });
        return res.json() as Promise<any>;
      };
      const login = await call({ action: 'auth.login', data: { deviceId } });
      expect(login.ok).toBe(true);
      reporters.push({ address, deviceId, token: login.data.token as string, userId: login.data.userId as string, call });
    }
    const accountsBefore = accountRows(path.join(dataDir, 'huhang.db'));

    for (const [i, r] of reporters.entries()) {
      const form = new FormData();
      form.append('file', new Blob([readFileSync(path.join(__dirname, '../fixtures/gps.jpg'))], { type: 'image/jpeg' }), 'photo.jpg');
      const up = await (await fetch(server.url + '/upload', { method: 'POST', body: form, headers: { 'x-forwarded-for': r.address, authorization: 'Bearer ' + r.token } })).json() as any;
      expect(up.ok).toBe(true);
      const filed = await r.call({ action: 'report.submit', data: bullying({ photoIds: [up.data.fileId] }), requestId: `anon_${i}_${Date.now()}` }, r.token);
      expect(filed.ok).toBe(true);
      const { trackingCode, secret } = filed.data;
      secrets.push(secret);
      expect((await r.call({ action: 'report.status', data: { trackingCode, secret } }, r.token)).ok).toBe(true);
      expect((await r.call({ action: 'report.message', data: { trackingCode, secret, text: '今天他们又来了，在楼梯口。' }, requestId: `anonmsg_${i}_${Date.now()}` }, r.token)).ok).toBe(true);
      // a wrong secret leaves a counter behind: searched too
      expect((await r.call({ action: 'report.status', data: { trackingCode, secret: 'ZZZZ-ZZZZ' } }, r.token)).ok).toBe(false);
    }

    await server.kill('SIGTERM'); // flush WAL into the file we read
    const dbFile = path.join(dataDir, 'huhang.db');
    expect(accountRows(dbFile)).toBe(accountsBefore);

    const db = new Database(dbFile, { readonly: true });
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all().map((t: any) => t.name as string);
    let everything = '';
    for (const t of tables) {
      if (t === 'users' || t === 'sessions') continue;
      everything += `\n## ${t}\n` + JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all());
    }
    db.close();
    const uploads = files(path.join(dataDir, 'uploads')).map((f) => readFileSync(f).toString('latin1')).join('\n');
    const log = server.output();
    expect(everything).toContain('cases'); // the search runs over real content
    expect(everything).toContain('今天他们又来了');

    for (const r of reporters) {
      for (const needle of [r.userId, r.token, sha256(r.token), r.deviceId, r.address]) {
        expect({ where: 'database', needle, found: everything.includes(needle) }).toEqual({ where: 'database', needle, found: false });
        expect({ where: 'uploads', needle, found: uploads.includes(needle) }).toEqual({ where: 'uploads', needle, found: false });
        expect({ where: 'log', needle, found: log.includes(needle) }).toEqual({ where: 'log', needle, found: false });
      }
    }
    // the one-time secrets are never stored in the clear either
    for (const s of secrets) expect(everything.includes(s)).toBe(false);
  } finally {
    await server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
