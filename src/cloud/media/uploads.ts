import type { Clock } from '../core/context';
import { randomToken } from '../core/crypto';
import type { Store } from '../store/types';
import type { BlobStore } from './blobs';
import { sanitizeImage, type ImageMime } from './sanitizeImage';
import type { UploadRecord } from './uploadRecords';

export { MAX_UPLOAD_BYTES } from './sanitizeImage';
export {
  ORPHAN_UPLOAD_TTL_MS, UPLOAD_OWNER_PURPOSE, blobRefOf, isFileId, photoUrls, purgeOrphanUploads, readUpload, type UploadRecord,
} from './uploadRecords';

/**
 * Sanitises a photo (metadata stripped, upright, capped in size) and keeps
 * only the result: the original bytes are never written anywhere. The bytes
 * are stored before the row, so a row always has its photo.
 */
export async function saveUpload(
  store: Store, blobs: BlobStore, bytes: Buffer, clock: Clock,
  /** the uploader's daily key (UPLOAD_OWNER_PURPOSE), when they have a session: only they may claim it as a signature */
  ownerKey?: string,
): Promise<{ fileId: string; mime: ImageMime; width: number; height: number }> {
  const image = await sanitizeImage(bytes);
  const fileId = 'f' + randomToken(18);
  const ref = await blobs.write(fileId, image.bytes, image.mime);
  const row: UploadRecord = {
    _id: fileId, mime: image.mime, size: image.bytes.length, width: image.width, height: image.height,
    createdAt: clock.now().getTime(), caseId: null,
    ...(ref !== fileId ? { cloudFileId: ref } : {}),
    ...(ownerKey ? { ownerKey } : {}),
  };
  try {
    await store.collection<UploadRecord>('uploads').insert(row);
  } catch (e) {
    await blobs.remove(ref).catch(() => undefined); // no row, so nothing could ever find or purge it
    throw e;
  }
  return { fileId, mime: image.mime, width: image.width, height: image.height };
}
