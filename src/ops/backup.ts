/**
 * Self-hosted backups: a consistent online copy of the SQLite file (SQLite's
 * backup API through better-sqlite3, safe while the server writes) plus the
 * uploads folder, into a timestamped folder under BACKUP_DIR with a manifest
 * and SHA-256 checksums; and the way back into an empty data folder.
 *
 * A backup is written into `<name>.partial` and renamed when complete, so a
 * folder without that suffix is always whole; pruning and restore never see
 * a half-written one.
 *
 *   <BACKUP_DIR>/huhang-20260905T021500Z/
 *     manifest.json   {format, createdAt, schemaVersion, files: [{path, size, sha256}]}
 *     SHA256SUMS      the same checksums for `sha256sum -c SHA256SUMS`
 *     huhang.db       the database (journal_mode DELETE: one self-contained file)
 *     uploads/…       the photos, as stored
 *     server.key      only when the key lives in the data folder (see README "Backups")
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
  copyFileSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { chinaDay } from '../domain/chinaTime';

export const DB_FILE = 'huhang.db';
export const BACKUP_PREFIX = 'huhang-';
const FORMAT = 'huhang-backup/1';
const NAME = /^huhang-(\d{8}T\d{6}(?:\d{3})?Z)$/;

export interface ManifestFile { path: string; size: number; sha256: string }
export interface Manifest {
  format: typeof FORMAT;
  createdAt: string;
  schemaVersion: number;
  integrity: 'ok';
  files: ManifestFile[];
}

export interface BackupResult { dir: string; manifest: Manifest; pruned: string[] }

export class OpsError extends Error {
  constructor(readonly code: string, message: string) { super(message); }
}

const stamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.(\d{3})Z$/, '$1Z');

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every regular file under dir, as paths relative to it with '/' separators, sorted. */
function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(path.join(dir, e.name), rel));
    else if (e.isFile()) out.push(rel);
  }
  return out.sort();
}

function integrity(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/** The complete backups in backupDir, oldest first. */
export function listBackups(backupDir: string): string[] {
  if (!existsSync(backupDir)) return [];
  return readdirSync(backupDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && NAME.test(e.name) && existsSync(path.join(backupDir, e.name, 'manifest.json')))
    .map((e) => e.name)
    .sort();
}

/** Deletes all but the newest `keep` complete backups (and leftovers of interrupted ones); answers the deleted names. */
export function pruneBackups(backupDir: string, keep: number): string[] {
  if (!Number.isInteger(keep) || keep < 1) throw new OpsError('BAD_INPUT', `BACKUP_KEEP 必须是正整数 / BACKUP_KEEP must be a positive integer (got ${keep})`);
  const all = listBackups(backupDir);
  const gone = all.slice(0, Math.max(0, all.length - keep));
  for (const name of gone) rmSync(path.join(backupDir, name), { recursive: true, force: true });
  // a .partial older than the newest complete backup was cut short (kill, full disk): nothing will finish it
  const newest = all[all.length - 1];
  if (newest && existsSync(backupDir)) {
    for (const e of readdirSync(backupDir)) {
      if (e.endsWith('.partial') && e.slice(0, -'.partial'.length) < newest) {
        rmSync(path.join(backupDir, e), { recursive: true, force: true });
        gone.push(e);
      }
    }
  }
  return gone;
}

/**
 * Takes one backup of dataDir into backupDir (created if missing) and keeps the newest `keep`.
 * Safe while the server runs: the database is copied with SQLite's online backup API, which
 * sees one committed state, and the uploads after it (a photo the database names was stored
 * before its record was committed, so every photo the copy refers to is copied).
 */
export async function takeBackup(opts: { dataDir: string; backupDir: string; now?: Date; keep?: number }): Promise<BackupResult> {
  const { dataDir, backupDir } = opts;
  const dbFile = path.join(dataDir, DB_FILE);
  if (!existsSync(dbFile)) throw new OpsError('NOT_FOUND', `数据目录里没有数据库：${dbFile} / no database in the data folder`);
  const now = opts.now ?? new Date();
  mkdirSync(backupDir, { recursive: true });
  const name = BACKUP_PREFIX + stamp(now);
  const final = path.join(backupDir, name);
  if (existsSync(final)) throw new OpsError('CONFLICT', `备份已存在：${final} / backup already exists`);
  const work = final + '.partial';
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    const source = new Database(dbFile, { fileMustExist: true, timeout: 5000 });
    let schemaVersion: number;
    try {
      schemaVersion = source.pragma('user_version', { simple: true }) as number;
      // After a first step of 100 pages, the rest in one step: the default of 100 pages per turn of the
      // event loop restarts from the beginning whenever another connection (the server) commits in
      // between, and under steady writes would never finish. One step copies one snapshot while WAL
      // lets the writers go on.
      await source.backup(path.join(work, DB_FILE), { progress: () => 0x7fffffff });
    } finally {
      source.close();
    }
    // one self-contained file: no -wal beside it to forget
    const copy = new Database(path.join(work, DB_FILE));
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const check = integrity(path.join(work, DB_FILE));
    if (check !== 'ok') throw new OpsError('CORRUPT', `备份的数据库没有通过完整性检查 / the copy failed integrity_check: ${check}`);

    for (const rel of listFiles(path.join(dataDir, 'uploads'))) {
      const to = path.join(work, 'uploads', rel);
      mkdirSync(path.dirname(to), { recursive: true });
      try {
        copyFileSync(path.join(dataDir, 'uploads', rel), to);
      } catch (e: any) {
        if (e?.code !== 'ENOENT') throw e; // deleted meanwhile (an orphan photo purged): nothing refers to it
      }
    }
    if (existsSync(path.join(dataDir, 'server.key'))) copyFileSync(path.join(dataDir, 'server.key'), path.join(work, 'server.key'));

    const files: ManifestFile[] = [];
    for (const rel of listFiles(work)) {
      const full = path.join(work, rel);
      files.push({ path: rel, size: statSync(full).size, sha256: await sha256(full) });
    }
    const manifest: Manifest = { format: FORMAT, createdAt: now.toISOString(), schemaVersion, integrity: 'ok', files };
    writeFileSync(path.join(work, 'SHA256SUMS'), files.map((f) => `${f.sha256}  ${f.path}\n`).join(''));
    writeFileSync(path.join(work, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    renameSync(work, final);
    const pruned = opts.keep ? pruneBackups(backupDir, opts.keep) : [];
    return { dir: final, manifest, pruned };
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
}

function readManifest(backup: string): Manifest {
  const file = path.join(backup, 'manifest.json');
  if (!existsSync(file)) throw new OpsError('NOT_FOUND', `不是一份完整的备份（没有 manifest.json）：${backup} / not a complete backup`);
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new OpsError('CORRUPT', `manifest.json 读不懂：${file} / unreadable manifest`);
  }
  if (m?.format !== FORMAT || !Array.isArray(m.files)) throw new OpsError('CORRUPT', `不认识的备份格式：${file} / unknown backup format`);
  for (const f of m.files) {
    // a manifest must not point outside its folder
    if (typeof f.path !== 'string' || f.path.startsWith('/') || f.path.split('/').includes('..')) {
      throw new OpsError('CORRUPT', `manifest.json 里有不合法的路径：${String(f.path)} / bad path in manifest`);
    }
  }
  if (!m.files.some((f) => f.path === DB_FILE)) throw new OpsError('CORRUPT', `备份里没有数据库 / the backup has no ${DB_FILE}`);
  return m;
}

/** Checks every file of a backup against its manifest; throws naming the first that differs. */
export async function verifyBackup(backup: string): Promise<Manifest> {
  const m = readManifest(backup);
  for (const f of m.files) {
    const full = path.join(backup, f.path);
    if (!existsSync(full)) throw new OpsError('CORRUPT', `备份缺少文件：${f.path} / missing file`);
    if (statSync(full).size !== f.size || (await sha256(full)) !== f.sha256) {
      throw new OpsError('CORRUPT', `备份文件校验不符：${f.path}（文件被改动或损坏）/ checksum mismatch`);
    }
  }
  const check = integrity(path.join(backup, DB_FILE));
  if (check !== 'ok') throw new OpsError('CORRUPT', `备份的数据库没有通过完整性检查 / integrity_check failed: ${check}`);
  return m;
}

/**
 * Restores a backup into dataDir, which must be empty or absent (a restore never mixes with
 * live data). Checks the backup's checksums and integrity first, copies, then checks the copy.
 */
export async function restoreBackup(opts: { backup: string; dataDir: string }): Promise<Manifest> {
  const backup = path.resolve(opts.backup);
  const dataDir = path.resolve(opts.dataDir);
  if (existsSync(dataDir)) {
    if (!statSync(dataDir).isDirectory()) throw new OpsError('CONFLICT', `${dataDir} 不是文件夹 / not a folder`);
    const present = listFiles(dataDir);
    if (present.length > 0) {
      throw new OpsError('CONFLICT',
        `数据目录不是空的（有 ${present.length} 个文件，例如 ${present[0]}）：恢复只写入空目录，请换一个新目录或先移走旧数据 / ` +
        `the data folder is not empty; restore writes only into an empty one`);
    }
  }
  const m = await verifyBackup(backup);
  mkdirSync(path.join(dataDir, 'uploads'), { recursive: true });
  for (const f of m.files) {
    const to = path.join(dataDir, f.path);
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(path.join(backup, f.path), to);
    if ((await sha256(to)) !== f.sha256) throw new OpsError('CORRUPT', `复制后校验不符：${f.path} / checksum mismatch after copy`);
  }
  const check = integrity(path.join(dataDir, DB_FILE));
  if (check !== 'ok') throw new OpsError('CORRUPT', `恢复后的数据库没有通过完整性检查 / integrity_check failed: ${check}`);
  return m;
}

/**
 * The scheduler's daily backup (local server): when no complete backup was taken on today's
 * China-time date, take one and keep the newest `keep`. Answers the new folder, or null.
 */
export async function dailyBackup(opts: { dataDir: string; backupDir: string; now: Date; keep: number }): Promise<BackupResult | null> {
  const today = chinaDay(opts.now);
  const taken = listBackups(opts.backupDir).some((name) => {
    const m = NAME.exec(name)!;
    const iso = m[1].replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})?Z$/, '$1-$2-$3T$4:$5:$6.$7Z').replace('.Z', 'Z');
    return chinaDay(new Date(iso)) === today;
  });
  if (taken) return null;
  return takeBackup(opts);
}

/** BACKUP_KEEP from the environment (default 14). */
export function backupKeep(env: Record<string, string | undefined>): number {
  const raw = env.BACKUP_KEEP;
  if (raw === undefined || raw === '') return 14;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new OpsError('BAD_INPUT', `BACKUP_KEEP 必须是正整数 / BACKUP_KEEP must be a positive integer (got ${raw})`);
  return n;
}
