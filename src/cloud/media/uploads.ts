import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../core/context';
import { randomToken } from '../core/crypto';
import type { Store } from '../store/types';
import { sanitizeImage, type ImageMime } from './sanitizeImage';

export { MAX_UPLOAD_BYTES } from './sanitizeImage';

/**
 * A stored photo. Deliberately nothing about who uploaded it: no user, no
 * session, no address. `caseId` is set when a report attaches it.
 */
export interface UploadRecord {
  _id: string;
  mime: ImageMime;
  size: number;
  width: number;
  height: number;
  createdAt: number;
  caseId: string | null;
  [key: string]: unknown;
}

/** Unguessable: knowing a file id is what lets a report attach it. */
const FILE_ID = /^f[A-Za-z0-9_-]{24}$/;
export const isFileId = (s: string) => FILE_ID.test(s);

/** An upload nobody attached to a report within a day is deleted (see purgeOrphanUploads). */
export const ORPHAN_UPLOAD_TTL_MS = 24 * 3600 * 1000;

/**
 * Sanitises a photo (metadata stripped, upright, capped in size) and keeps
 * only the result: the original bytes are never written anywhere.
 */
export async function saveUpload(store: Store, dir: string, bytes: Buffer, clock: Clock): Promise<{ fileId: string; mime: ImageMime; width: number; height: number }> {
  const image = await sanitizeImage(bytes);
  const fileId = 'f' + randomToken(18);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, fileId), image.bytes, { mode: 0o600 });
  const row: UploadRecord = {
    _id: fileId, mime: image.mime, size: image.bytes.length, width: image.width, height: image.height,
    createdAt: clock.now().getTime(), caseId: null,
  };
  await store.collection<UploadRecord>('uploads').insert(row);
  return { fileId, mime: image.mime, width: image.width, height: image.height };
}

/** The stored (already sanitised) bytes, or null for an unknown or malformed id. */
export async function readUpload(dir: string, store: Store, fileId: string): Promise<{ bytes: Buffer; mime: ImageMime } | null> {
  if (!isFileId(fileId)) return null; // also keeps "../" out of the path
  const row = await store.collection<UploadRecord>('uploads').get(fileId);
  if (!row) return null;
  try {
    return { bytes: await readFile(path.join(dir, fileId)), mime: row.mime };
  } catch {
    return null;
  }
}

/** Deletes uploads never attached to a report (row and file). Run by the scheduler with the upload dir. */
export async function purgeOrphanUploads(store: Store, dir: string, now: number): Promise<number> {
  const col = store.collection<UploadRecord>('uploads');
  const stale = await col.find({ caseId: null, createdAt: { $lt: now - ORPHAN_UPLOAD_TTL_MS } }, { limit: 500 });
  let removed = 0;
  for (const u of stale) {
    // Conditional delete: a report that attached this photo a moment ago keeps it.
    if ((await col.removeWhere({ _id: u._id, caseId: null })) === 0) continue;
    await unlink(path.join(dir, u._id)).catch(() => undefined);
    removed++;
  }
  return removed;
}
