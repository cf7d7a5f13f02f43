/**
 * Where the bytes of a sanitised photo live: files in DATA_DIR/uploads
 * locally, CloudBase storage in production. The `uploads` collection holds
 * the row (size, shape, the case it belongs to); a BlobStore holds only bytes.
 *
 * A blob is named by the *reference* `write` answers: the upload id itself
 * for the file store, the CloudBase fileID (`cloud://<env>.<bucket>/uploads/…`)
 * for CloudBase, because a fileID cannot be rebuilt from the id alone.
 * saveUpload keeps a reference that differs from the id in the row's
 * `cloudFileId`; `blobRefOf(row)` gives it back.
 */
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { signFileUrl } from './signedUrl';

export interface BlobStore {
  /** Stores the bytes under `id`; answers the reference to read, remove and link them by. */
  write(id: string, bytes: Buffer, mime: string): Promise<string>;
  /** The bytes, or null when there is no such blob. */
  read(ref: string): Promise<Buffer | null>;
  /** Deletes the blob; a blob that is already gone is not an error. */
  remove(ref: string): Promise<void>;
  /** A short-lived link a handler's phone can open (about ten minutes). */
  url(ref: string, now: number): Promise<string>;
}

/** Names the file store accepts: no separators, no dots, so nothing can climb out of the folder. */
const FILE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const isMissing = (e: unknown) => (e as NodeJS.ErrnoException)?.code === 'ENOENT';

/**
 * Local and self-hosted: one file per photo in `dir` (DATA_DIR/uploads),
 * readable only by this process, served by the local server at
 * `/files/<id>?sig&exp`, a link signed with the server key (signedUrl.ts).
 */
export function fileBlobStore(dir: string, serverKey: string): BlobStore {
  const fileOf = (ref: string) => {
    if (!FILE_NAME.test(ref)) throw new Error(`file blob store: invalid name ${JSON.stringify(ref)}`);
    return path.join(dir, ref);
  };
  return {
    async write(id, bytes) {
      const file = fileOf(id);
      await mkdir(dir, { recursive: true });
      await writeFile(file, bytes, { mode: 0o600 });
      return id;
    },
    async read(ref) {
      if (!FILE_NAME.test(ref)) return null;
      try {
        return await readFile(fileOf(ref));
      } catch (e) {
        if (isMissing(e)) return null;
        throw e;
      }
    },
    async remove(ref) {
      await unlink(fileOf(ref)).catch((e) => {
        if (!isMissing(e)) throw e;
      });
    },
    async url(ref, now) {
      return signFileUrl(serverKey, ref, now);
    },
  };
}

/** The part of wx-server-sdk's storage API the cloud blob store and upload.finalize use. */
export interface CloudStorageApi {
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  downloadFile(options: { fileID: string }): Promise<{ fileContent: Buffer }>;
  deleteFile(options: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; status: number; errMsg?: string }> }>;
  getTempFileURL(options: { fileList: Array<{ fileID: string; maxAge: number }> }): Promise<{
    fileList: Array<{ fileID: string; tempFileURL: string; status: number; errMsg?: string }>;
  }>;
}

/** Seconds a CloudBase temporary link lives: as long as a signed local link (FILE_URL_TTL_MS). */
export const CLOUD_URL_MAX_AGE_S = 600;

const EXTENSION: Record<string, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp' };

/** CloudBase reports a missing file only in words (errCode 1, "STORAGE_FILE_NONEXIST"). */
export function isCloudFileMissing(e: unknown): boolean {
  const err = e as { code?: unknown; errCode?: unknown; errMsg?: unknown; message?: unknown } | null;
  const text = [err?.code, err?.errCode, err?.errMsg, err?.message].map((v) => String(v ?? '')).join(' ');
  return /STORAGE_FILE_NONEXIST|file not exist|does not exist/i.test(text);
}

/**
 * Production: CloudBase storage under `uploads/`. The function uploads with
 * admin rights, so the stored photo carries no uploader OPENID (the raw file
 * the phone uploaded does, which is why upload.finalize deletes it).
 * Storage permissions must keep `uploads/` unreadable to clients ("仅创建者可读写"
 * or stricter): handlers open photos only through the temporary links that
 * case.get hands out after checking access.
 */
export function cloudBlobStore(cloud: CloudStorageApi): BlobStore {
  return {
    async write(id, bytes, mime) {
      if (!FILE_NAME.test(id)) throw new Error(`cloud blob store: invalid name ${JSON.stringify(id)}`);
      // The extension lets WeChat's image viewer and the CDN send the right content type.
      const res = await cloud.uploadFile({ cloudPath: `uploads/${id}${EXTENSION[mime] ?? ''}`, fileContent: bytes });
      if (!res?.fileID) throw new Error('cloud blob store: uploadFile answered no fileID');
      return res.fileID;
    },
    async read(ref) {
      try {
        const res = await cloud.downloadFile({ fileID: ref });
        return res.fileContent ?? null;
      } catch (e) {
        if (isCloudFileMissing(e)) return null;
        throw e;
      }
    },
    async remove(ref) {
      const res = await cloud.deleteFile({ fileList: [ref] });
      const item = res.fileList?.find((f) => f.fileID === ref) ?? res.fileList?.[0];
      if (item && item.status !== 0 && !isCloudFileMissing(item)) {
        throw new Error(`cloud blob store: deleteFile failed (${item.status} ${item.errMsg ?? ''})`);
      }
    },
    async url(ref) {
      const res = await cloud.getTempFileURL({ fileList: [{ fileID: ref, maxAge: CLOUD_URL_MAX_AGE_S }] });
      const item = res.fileList?.[0];
      if (!item || item.status !== 0 || !item.tempFileURL) {
        throw new Error(`cloud blob store: getTempFileURL failed (${item?.status ?? '?'} ${item?.errMsg ?? ''})`);
      }
      return item.tempFileURL;
    },
  };
}

/**
 * Where the mini-program puts a raw photo before upload.finalize cleans it:
 * `cloud://<env>.<bucket>/tmp-uploads/<name>`, one file name, no sub-folders,
 * nothing starting with a dot. Anything else is refused, so a caller cannot
 * make the function read, or delete, a stored photo or any other file.
 */
export const TEMP_UPLOAD_ID = /^cloud:\/\/[A-Za-z0-9._-]+\/tmp-uploads\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
export const isTempUploadId = (s: string) => TEMP_UPLOAD_ID.test(s) && !s.includes('..');

/**
 * The Platform hooks upload.finalize uses on CloudBase. Stray raw files
 * (the phone uploaded, then never called finalize) cannot be found by
 * listing, since wx-server-sdk storage has no list call. Deployment must
 * add a lifecycle rule to the environment's storage bucket (it is a COS
 * bucket: Tencent Cloud console → 对象存储 → the bucket → 生命周期) that
 * deletes objects under the prefix `tmp-uploads/` one day after upload.
 */
export function cloudTempUploads(cloud: CloudStorageApi) {
  const raw = cloudBlobStore(cloud);
  return {
    fetchTempUpload: async (cloudFileId: string): Promise<Buffer | null> =>
      (isTempUploadId(cloudFileId) ? raw.read(cloudFileId) : null),
    deleteTempUpload: async (cloudFileId: string): Promise<void> => {
      if (isTempUploadId(cloudFileId)) await raw.remove(cloudFileId);
    },
  };
}
