/**
 * The `uploads` rows and what reads or deletes them. Kept apart from
 * saveUpload (uploads.ts) because that one pulls in sharp: the scheduler
 * function purges orphans with this module alone and is deployed without
 * the native image library.
 */
import type { Store } from '../store/types';
import type { BlobStore } from './blobs';
import type { ImageMime } from './sanitizeImage';

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
  /** CloudBase only: the storage fileID of the sanitised photo (locally the file is named by `_id`). */
  cloudFileId?: string;
  /**
   * Who may claim it as a signature: the uploader's key for UPLOAD_OWNER_PURPOSE
   * (ctx.callerKey), which rotates daily and cannot be linked to anyone once that
   * day's salt is purged (rateLimit.ts). Removed when a report or a signature
   * claims the photo, so no filed case carries a key of its reporter.
   */
  ownerKey?: string;
  [key: string]: unknown;
}

export const UPLOAD_OWNER_PURPOSE = 'upload-owner';

/** Unguessable: knowing a file id is what lets a report attach it. */
const FILE_ID = /^f[A-Za-z0-9_-]{24}$/;
export const isFileId = (s: string) => FILE_ID.test(s);

/** An upload nobody attached to a report within a day is deleted (see purgeOrphanUploads). */
export const ORPHAN_UPLOAD_TTL_MS = 24 * 3600 * 1000;

/** How the blob store finds a row's bytes. */
export const blobRefOf = (row: Pick<UploadRecord, '_id' | 'cloudFileId'>) => row.cloudFileId ?? row._id;

/** The stored (already sanitised) bytes, or null for an unknown or malformed id. */
export async function readUpload(blobs: BlobStore, store: Store, fileId: string): Promise<{ bytes: Buffer; mime: ImageMime } | null> {
  if (!isFileId(fileId)) return null; // also keeps "../" away from any path
  const row = await store.collection<UploadRecord>('uploads').get(fileId);
  if (!row) return null;
  const bytes = await blobs.read(blobRefOf(row)).catch(() => null);
  return bytes ? { bytes, mime: row.mime } : null;
}

/**
 * Short-lived links to a case's photos, for the people case.get lets see
 * them. A photo whose link cannot be made right now (storage hiccup, row
 * gone) is left out rather than keeping the case itself from opening.
 */
export async function photoUrls(store: Store, blobs: BlobStore, ids: readonly string[], now: number): Promise<Array<{ id: string; url: string }>> {
  const uploads = store.collection<UploadRecord>('uploads');
  const links = await Promise.all(ids.map(async (id) => {
    const row = await uploads.get(id);
    if (!row) return null;
    const url = await blobs.url(blobRefOf(row), now).catch(() => null);
    return url ? { id, url } : null;
  }));
  return links.filter((l): l is { id: string; url: string } => l !== null);
}

/**
 * Deletes uploads never attached to a report (row, then bytes). Run by the
 * scheduler with the platform's blob store.
 */
export async function purgeOrphanUploads(store: Store, blobs: BlobStore, now: number): Promise<number> {
  const col = store.collection<UploadRecord>('uploads');
  const stale = await col.find({ caseId: null, createdAt: { $lt: now - ORPHAN_UPLOAD_TTL_MS } }, { limit: 500 });
  let removed = 0;
  for (const u of stale) {
    // Conditional delete: a report that attached this photo a moment ago keeps it.
    if ((await col.removeWhere({ _id: u._id, caseId: null })) === 0) continue;
    // The row is gone, so no report can attach the photo any more; bytes left by a failed
    // delete are unreachable (and on CloudBase, visible in the console under uploads/).
    await blobs.remove(blobRefOf(u)).catch(() => undefined);
    removed++;
  }
  return removed;
}
