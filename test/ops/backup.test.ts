/**
 * Backups (src/ops/backup.ts): an online copy while another connection writes, the
 * manifest and checksums, restore only into an empty folder, tampering detected,
 * pruning to BACKUP_KEEP, one scheduled backup per China-time day.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  backupKeep, dailyBackup, listBackups, pruneBackups, restoreBackup, takeBackup, verifyBackup,
} from '../../src/ops/backup';
import { runCli } from '../../src/ops/cli';
import { openSqliteStore, type SqliteStore } from '../../src/cloud/store/sqlite';

let root: string;
let dataDir: string;
let backupDir: string;
let store: SqliteStore;

beforeEach(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'huhang-backup-'));
  dataDir = path.join(root, 'data');
  backupDir = path.join(root, 'backups');
  mkdirSync(path.join(dataDir, 'uploads', 'ab'), { recursive: true });
  writeFileSync(path.join(dataDir, 'uploads', 'ab', 'photo1'), Buffer.from('jpeg bytes 1'));
  writeFileSync(path.join(dataDir, 'server.key'), 'k'.repeat(64));
  store = openSqliteStore(path.join(dataDir, 'huhang.db'));
  for (let i = 0; i < 50; i++) await store.collection('settings').insert({ _id: `s${i}`, value: i });
});
afterEach(async () => {
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

test('a backup taken while another connection writes holds a committed state, every file checksummed, integrity ok', async () => {
  // a second process-like connection writing in its own transactions during the copy
  let written = 50;
  let stop = false;
  const writer = (async () => {
    while (!stop) {
      await store.collection('settings').insert({ _id: `s${written}`, value: written });
      written++;
      await new Promise((r) => setImmediate(r));
    }
  })();
  const before = written;
  const r = await takeBackup({ dataDir, backupDir }).finally(() => { stop = true; });
  await writer;

  expect(path.basename(r.dir)).toMatch(/^huhang-\d{8}T\d{9}Z$/);
  expect(r.manifest.files.map((f) => f.path)).toEqual(['huhang.db', 'server.key', 'uploads/ab/photo1']);
  // sha256sum can check the folder on its own
  expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: r.dir }).toString()).toMatch(/huhang\.db: OK/);
  // no -wal beside the copy: the file alone is the whole database
  expect(readdirSync(r.dir).filter((f) => f.includes('-wal'))).toEqual([]);
  const db = new Database(path.join(r.dir, 'huhang.db'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const ids = db.prepare(`SELECT id FROM settings`).all().map((x: any) => x.id);
    // everything committed before the backup started is in it, and the rows form a prefix (no torn state)
    expect(ids.length).toBeGreaterThanOrEqual(before);
    for (let i = 0; i < ids.length; i++) expect(ids).toContain(`s${i}`);
  } finally {
    db.close();
  }
  expect(await verifyBackup(r.dir)).toEqual(r.manifest);
});

test('restore goes into an empty folder only, and the restored store reads the same data', async () => {
  const r = await takeBackup({ dataDir, backupDir });
  // a non-empty target is refused and left as it was
  const busy = path.join(root, 'busy');
  mkdirSync(busy);
  writeFileSync(path.join(busy, 'huhang.db'), 'live data');
  await expect(restoreBackup({ backup: r.dir, dataDir: busy })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('不是空的') });
  expect(readFileSync(path.join(busy, 'huhang.db'), 'utf8')).toBe('live data');

  // an empty folder (even one with an empty uploads/ the server made) is fine
  const fresh = path.join(root, 'fresh');
  mkdirSync(path.join(fresh, 'uploads'), { recursive: true });
  await restoreBackup({ backup: r.dir, dataDir: fresh });
  expect(readFileSync(path.join(fresh, 'uploads', 'ab', 'photo1'), 'utf8')).toBe('jpeg bytes 1');
  expect(readFileSync(path.join(fresh, 'server.key'), 'utf8')).toBe('k'.repeat(64));
  const restored = openSqliteStore(path.join(fresh, 'huhang.db'));
  try {
    expect(await restored.collection('settings').count()).toBe(50);
    expect(await restored.collection('settings').get('s7')).toEqual({ _id: 's7', value: 7 });
  } finally {
    await restored.close();
  }
});

test('a changed or missing file is caught before anything is written', async () => {
  const r = await takeBackup({ dataDir, backupDir });
  writeFileSync(path.join(r.dir, 'uploads', 'ab', 'photo1'), 'altered');
  const target = path.join(root, 'target');
  await expect(restoreBackup({ backup: r.dir, dataDir: target })).rejects.toMatchObject({ code: 'CORRUPT', message: expect.stringContaining('uploads/ab/photo1') });
  expect(existsSync(target)).toBe(false);

  const r2 = await takeBackup({ dataDir, backupDir, now: new Date(Date.now() + 1000) });
  rmSync(path.join(r2.dir, 'server.key'));
  await expect(restoreBackup({ backup: r2.dir, dataDir: target })).rejects.toMatchObject({ code: 'CORRUPT', message: expect.stringContaining('缺少文件') });

  // a manifest may not point outside its folder
  const m = JSON.parse(readFileSync(path.join(r2.dir, 'manifest.json'), 'utf8'));
  m.files.push({ path: '../../etc/passwd', size: 1, sha256: 'x' });
  writeFileSync(path.join(r2.dir, 'manifest.json'), JSON.stringify(m));
  await expect(restoreBackup({ backup: r2.dir, dataDir: target })).rejects.toMatchObject({ code: 'CORRUPT' });
  await expect(restoreBackup({ backup: path.join(root, 'nowhere'), dataDir: target })).rejects.toMatchObject({ code: 'NOT_FOUND' });
});

test('keeps the newest N backups and clears a cut-short one', async () => {
  const t0 = Date.parse('2026-09-01T00:00:00Z');
  for (let d = 0; d < 5; d++) await takeBackup({ dataDir, backupDir, now: new Date(t0 + d * 86_400_000) });
  mkdirSync(path.join(backupDir, 'huhang-20260901T120000000Z.partial')); // killed half-way
  const gone = pruneBackups(backupDir, 3);
  expect(gone).toHaveLength(3);
  expect(listBackups(backupDir)).toEqual(['huhang-20260903T000000000Z', 'huhang-20260904T000000000Z', 'huhang-20260905T000000000Z']);
  expect(readdirSync(backupDir).some((n) => n.endsWith('.partial'))).toBe(false);
  // takeBackup prunes with keep
  await takeBackup({ dataDir, backupDir, now: new Date(t0 + 5 * 86_400_000), keep: 2 });
  expect(listBackups(backupDir)).toEqual(['huhang-20260905T000000000Z', 'huhang-20260906T000000000Z']);
  expect(() => pruneBackups(backupDir, 0)).toThrow(/BACKUP_KEEP/);
  expect(backupKeep({})).toBe(14);
  expect(backupKeep({ BACKUP_KEEP: '7' })).toBe(7);
  expect(() => backupKeep({ BACKUP_KEEP: 'seven' })).toThrow(/正整数/);
});

test('the scheduler backs up once per China-time day, however often it runs', async () => {
  // 2026-09-01 23:50 China time = 15:50 UTC
  const at = (iso: string) => new Date(iso);
  expect(await dailyBackup({ dataDir, backupDir, now: at('2026-09-01T15:50:00Z'), keep: 14 })).not.toBeNull();
  expect(await dailyBackup({ dataDir, backupDir, now: at('2026-09-01T15:51:00Z'), keep: 14 })).toBeNull();
  expect(await dailyBackup({ dataDir, backupDir, now: at('2026-09-01T15:59:59Z'), keep: 14 })).toBeNull();
  // 00:01 on 2 September in China: a new day
  expect(await dailyBackup({ dataDir, backupDir, now: at('2026-09-01T16:01:00Z'), keep: 14 })).not.toBeNull();
  expect(await dailyBackup({ dataDir, backupDir, now: at('2026-09-02T03:00:00Z'), keep: 14 })).toBeNull();
  expect(listBackups(backupDir)).toHaveLength(2);
  // and keeps only `keep`
  for (let d = 3; d <= 6; d++) await dailyBackup({ dataDir, backupDir, now: at(`2026-09-0${d}T02:00:00Z`), keep: 3 });
  expect(listBackups(backupDir)).toHaveLength(3);
});

test('the command names what is missing, in Chinese and English', async () => {
  const lines: string[] = [];
  const out = (l: string) => lines.push(l);
  expect(await runCli(['backup'], { DATA_DIR: dataDir }, out)).toBe(1);
  expect(lines.join('\n')).toMatch(/BACKUP_DIR.*set BACKUP_DIR/);
  lines.length = 0;
  expect(await runCli(['restore'], { DATA_DIR: dataDir }, out)).toBe(1);
  expect(lines.join('\n')).toMatch(/usage: npm run restore/);
  lines.length = 0;
  expect(await runCli(['backup'], { DATA_DIR: dataDir, BACKUP_DIR: backupDir }, out)).toBe(0);
  expect(lines[lines.length - 1]).toBe(path.join(backupDir, listBackups(backupDir)[0]));
  lines.length = 0;
  expect(await runCli(['restore', path.join(backupDir, listBackups(backupDir)[0])], { DATA_DIR: dataDir }, out)).toBe(1);
  expect(lines.join('\n')).toMatch(/CONFLICT.*不是空的/);
  // what the server's scheduler runs in a child process: once a day
  lines.length = 0;
  const daily = path.join(root, 'daily');
  expect(await runCli(['daily'], { DATA_DIR: dataDir, BACKUP_DIR: daily }, out)).toBe(0);
  expect(await runCli(['daily'], { DATA_DIR: dataDir, BACKUP_DIR: daily }, out)).toBe(0);
  expect(lines).toEqual([expect.stringMatching(/^每日备份完成/), expect.stringMatching(/^今天已经备份过/)]);
  expect(listBackups(daily)).toHaveLength(1);
});
