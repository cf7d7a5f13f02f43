/**
 * Backup under load: the real server takes writes continuously while `ops.js backup`
 * (what `npm run backup` runs) copies its data folder three times; the server is then
 * killed with SIGKILL mid-writes. The last backup restores into a fresh folder, passes
 * its checksums and integrity_check, a server starts on it and answers, and every
 * report acknowledged before that backup began is readable with its code and secret.
 */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { bullying } from '../fixtures/reports';
import { post, runServer } from './server';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const WRITERS = 6;

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(path.join(tmpdir(), 'huhang-backup-rel-')); });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Acked { trackingCode: string; secret: string; token: string }

test('backups taken during writes restore into a fresh folder after a kill -9, and the restored server has every record acknowledged before the backup', async () => {
  const dataDir = path.join(tmp, 'data');
  const backupDir = path.join(tmp, 'backups');
  // the server's own daily backup (BACKUP_DIR): taken at start-up when today has none
  const dailyDir = path.join(tmp, 'daily');
  const server = await runServer(dataDir, { BACKUP_DIR: dailyDir });
  const acked: Acked[] = [];
  let stop = false;
  let attempts = 0;
  // report.submit allows 5 an hour per caller: each writer logs a new phone in every 5 reports
  const writer = async (w: number) => {
    let token = '';
    for (let i = 0; !stop; i++) {
      attempts++;
      try {
        if (i % 5 === 0) {
          const login = await post(server.url, { action: 'auth.login', data: { deviceId: `backupdev_${w}_${i}_${Date.now()}` } });
          token = login.data.token as string;
        }
        const res = await post(server.url, {
          action: 'report.submit', requestId: `bk_${w}_${i}_${Date.now().toString(36)}`,
          data: bullying({ description: `写入者${w}第${i}份：有同学在放学路上堵我，要我的零花钱。` }),
        }, token);
        if (res.ok) acked.push({ trackingCode: res.data.trackingCode, secret: res.data.secret, token });
        else throw new Error(`write refused: ${JSON.stringify(res.error)}`);
      } catch (e: any) {
        if (String(e?.message).startsWith('write refused')) throw e;
        return; // the connection was cut by the kill
      }
    }
  };
  const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));

  const backups: Array<{ dir: string; ackedBefore: Acked[] }> = [];
  try {
    // the folder gets its final name a moment before the server prints the line: wait for both (up to 30 s on a busy machine)
    const dailyDone = () => existsSync(dailyDir) && readdirSync(dailyDir).some((n) => /^huhang-\d{8}T\d{9}Z$/.test(n)) && /每日备份完成/.test(server.output());
    for (let i = 0; i < 300 && !dailyDone(); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(readdirSync(dailyDir).filter((n) => !n.endsWith('.partial'))).toHaveLength(1);
    expect(server.output()).toMatch(/每日备份完成/);
    for (let b = 0; b < 3; b++) {
      await new Promise((r) => setTimeout(r, 700));
      const ackedBefore = acked.slice();
      const { stdout } = await run('node', [path.join(root, 'dist/server/ops.js'), 'backup'], {
        cwd: root, env: { ...process.env, DATA_DIR: dataDir, BACKUP_DIR: backupDir, BACKUP_KEEP: '2' },
      });
      const lines = stdout.trim().split('\n');
      backups.push({ dir: lines[lines.length - 1], ackedBefore });
    }
    await new Promise((r) => setTimeout(r, 300));
    await server.kill('SIGKILL'); // writers are mid-request
    stop = true;
  } finally {
    stop = true;
    await server.kill('SIGKILL');
  }
  await Promise.all(writers);

  const last = backups[backups.length - 1];
  // writes really went on during the backups, and after the last one
  expect(last.ackedBefore.length).toBeGreaterThan(backups[0].ackedBefore.length);
  expect(acked.length).toBeGreaterThan(last.ackedBefore.length);
  // BACKUP_KEEP=2: the oldest of the three is gone
  expect(readdirSync(backupDir).sort()).toEqual(backups.slice(1).map((b) => path.basename(b.dir)));

  // restore refuses the crashed (non-empty) folder
  const refused = await run('node', [path.join(root, 'dist/server/ops.js'), 'restore', last.dir], {
    cwd: root, env: { ...process.env, DATA_DIR: dataDir },
  }).catch((e) => e);
  expect(refused.code).toBe(1);
  expect(refused.stdout).toMatch(/不是空的/);

  const fresh = path.join(tmp, 'restored');
  const { stdout } = await run('node', [path.join(root, 'dist/server/ops.js'), 'restore', last.dir, '--data-dir', fresh], { cwd: root });
  expect(stdout).toMatch(/恢复完成/);
  const db = new Database(path.join(fresh, 'huhang.db'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // every report acknowledged before the last backup began is in it, once
    const codes = db.prepare(`SELECT json_extract(doc, '$.trackingCode') AS code FROM cases`).all().map((r: any) => r.code);
    const present = new Set(codes);
    expect(present.size).toBe(codes.length);
    for (const a of last.ackedBefore) expect(present.has(a.trackingCode)).toBe(true);
  } finally {
    db.close();
  }

  const restored = await runServer(fresh);
  try {
    const health = await fetch(restored.url + '/healthz');
    expect(health.ok).toBe(true);
    // readable with its code and secret (one per phone: each phone may check a limited number an hour)
    const perPhone = new Map(last.ackedBefore.map((a) => [a.token, a]));
    for (const a of perPhone.values()) {
      const s = await post(restored.url, { action: 'report.status', data: { trackingCode: a.trackingCode, secret: a.secret } }, a.token);
      expect(s.ok).toBe(true);
    }
    // and it takes new writes
    const login = await post(restored.url, { action: 'auth.login', data: { deviceId: `afterrestore_${Date.now()}` } });
    const res = await post(restored.url, { action: 'report.submit', requestId: `after_${Date.now()}`, data: bullying() }, login.data.token);
    expect(res.ok).toBe(true);
  } finally {
    await restored.kill('SIGTERM');
  }
  expect(attempts).toBeGreaterThan(0);
});
