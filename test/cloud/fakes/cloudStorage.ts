/**
 * An in-memory stand-in for CloudBase storage as wx-server-sdk exposes it
 * (uploadFile, downloadFile, deleteFile, getTempFileURL), keeping what the
 * code must cope with:
 *
 * - a fileID is `cloud://<env>.<bucket>/<cloudPath>`, not the path alone;
 * - uploading to an existing path replaces the file;
 * - downloading a missing file rejects with "STORAGE_FILE_NONEXIST" in words;
 * - deleteFile and getTempFileURL do not reject for a missing file: they
 *   answer a per-file `status` that is not 0;
 * - a file the phone uploaded (Taro.cloud.uploadFile) carries its uploader's
 *   OPENID, a file a function uploads carries none;
 * - every call yields to the event loop first, like a network request.
 */
import type { CloudStorageApi } from '../../../src/cloud/media/blobs';

export const FAKE_ENV = 'huhang-test-7g2k';
const BUCKET = `7875-${FAKE_ENV}-1300000000`;
export const fileIdOf = (cloudPath: string) => `cloud://${FAKE_ENV}.${BUCKET}/${cloudPath}`;
const pathOf = (fileID: string) => {
  const prefix = `cloud://${FAKE_ENV}.${BUCKET}/`;
  return fileID.startsWith(prefix) ? fileID.slice(prefix.length) : null;
};

type Op = 'upload' | 'download' | 'delete' | 'tempUrl';

export interface StoredFile { bytes: Buffer; owner: string | null }

export interface FakeCloudStorage extends CloudStorageApi {
  /** What the phone does: uploads as the user with this OPENID; answers the fileID. */
  clientUpload(cloudPath: string, bytes: Buffer, openid: string): string;
  /** The file at a fileID, or undefined. */
  file(fileID: string): StoredFile | undefined;
  /** Cloud paths of the stored files that start with `prefix`. */
  paths(prefix?: string): string[];
  /** Calls that reached the fake, by kind. */
  readonly calls: Record<Op, number>;
  /** Makes the next call of this kind reject with `error`. */
  failNext(op: Op, error: unknown): void;
}

const missing = (api: string) => Object.assign(new Error(`${api}:fail STORAGE_FILE_NONEXIST`), {
  errCode: -1, errMsg: `${api}:fail STORAGE_FILE_NONEXIST`,
});

export function createFakeCloudStorage(): FakeCloudStorage {
  const files = new Map<string, StoredFile>(); // by cloud path
  const calls: Record<Op, number> = { upload: 0, download: 0, delete: 0, tempUrl: 0 };
  const failures = new Map<Op, unknown>();
  const hop = async (op: Op) => {
    await new Promise((resolve) => setImmediate(resolve));
    calls[op]++;
    if (failures.has(op)) {
      const e = failures.get(op);
      failures.delete(op);
      throw e;
    }
  };

  return {
    calls,
    failNext(op, error) { failures.set(op, error); },
    clientUpload(cloudPath, bytes, openid) {
      files.set(cloudPath, { bytes: Buffer.from(bytes), owner: openid });
      return fileIdOf(cloudPath);
    },
    file(fileID) {
      const p = pathOf(fileID);
      return p === null ? undefined : files.get(p);
    },
    paths(prefix = '') {
      return [...files.keys()].filter((p) => p.startsWith(prefix)).sort();
    },
    async uploadFile({ cloudPath, fileContent }) {
      await hop('upload');
      if (!Buffer.isBuffer(fileContent)) throw new Error('uploadFile:fail fileContent must be a Buffer');
      if (!cloudPath || cloudPath.startsWith('/')) throw new Error('uploadFile:fail invalid cloudPath');
      files.set(cloudPath, { bytes: Buffer.from(fileContent), owner: null });
      return { fileID: fileIdOf(cloudPath) };
    },
    async downloadFile({ fileID }) {
      await hop('download');
      const p = pathOf(fileID);
      const f = p === null ? undefined : files.get(p);
      if (!f) throw missing('downloadFile');
      return { fileContent: Buffer.from(f.bytes) };
    },
    async deleteFile({ fileList }) {
      await hop('delete');
      return {
        fileList: fileList.map((fileID) => {
          const p = pathOf(fileID);
          if (p !== null && files.delete(p)) return { fileID, status: 0, errMsg: 'ok' };
          return { fileID, status: -1, errMsg: 'STORAGE_FILE_NONEXIST' };
        }),
      };
    },
    async getTempFileURL({ fileList }) {
      await hop('tempUrl');
      return {
        fileList: fileList.map(({ fileID, maxAge }) => {
          const p = pathOf(fileID);
          if (p === null || !files.has(p)) return { fileID, tempFileURL: '', status: -1, errMsg: 'STORAGE_FILE_NONEXIST' };
          return { fileID, tempFileURL: `https://${BUCKET}.tcb.qcloud.la/${p}?sign=fake&maxAge=${maxAge}`, status: 0, errMsg: 'ok' };
        }),
      };
    },
  };
}
