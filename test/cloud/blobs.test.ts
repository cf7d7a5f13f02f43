/**
 * The blob-store seam: the same uploads code keeps photos in DATA_DIR/uploads
 * locally and in CloudBase storage in production, and links them the way
 * each platform can (a signed /files URL, a CloudBase temporary URL).
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import {
  CLOUD_URL_MAX_AGE_S, cloudBlobStore, cloudTempUploads, fileBlobStore, isTempUploadId, type BlobStore,
} from '../../src/cloud/media/blobs';
import { verifyFileSignature } from '../../src/cloud/media/signedUrl';
import {
  ORPHAN_UPLOAD_TTL_MS, photoUrls, purgeOrphanUploads, readUpload, saveUpload,
} from '../../src/cloud/media/uploads';
import { createFakeCloudStorage, fileIdOf, type FakeCloudStorage } from './fakes/cloudStorage';
import { makeHarness, type Harness } from './harness';

const gps = readFileSync(path.join(__dirname, '../fixtures/gps.jpg'));

let h: Harness;
beforeEach(async () => { h = await makeHarness(); });
afterEach(async () => { await h.close(); });

describe('file blob store (local)', () => {
  test('writes a private file named by the id, reads it back, links it with a signed URL, deletes it', async () => {
    const dir = path.join(h.dir, 'blobs');
    const blobs = fileBlobStore(dir, h.serverKey);
    const id = 'fAAAABBBBCCCCDDDDEEEEFFFF';
    expect(await blobs.write(id, Buffer.from('bytes'), 'image/jpeg')).toBe(id);
    expect(readFileSync(path.join(dir, id)).toString()).toBe('bytes');
    expect(statSync(path.join(dir, id)).mode & 0o777).toBe(0o600);
    expect((await blobs.read(id))!.toString()).toBe('bytes');

    const now = h.clock.now().getTime();
    const url = new URL(await blobs.url(id, now), 'http://x');
    expect(url.pathname).toBe(`/files/${id}`);
    expect(verifyFileSignature(h.serverKey, id, Number(url.searchParams.get('exp')), url.searchParams.get('sig'), now)).toBe(true);

    await blobs.remove(id);
    expect(existsSync(path.join(dir, id))).toBe(false);
    expect(await blobs.read(id)).toBeNull();
    await expect(blobs.remove(id)).resolves.toBeUndefined(); // already gone is fine
  });

  test('names that could leave the folder are refused', async () => {
    const blobs = fileBlobStore(path.join(h.dir, 'blobs'), h.serverKey);
    // a file beside the blob folder, like the SQLite database is on the local server
    writeFileSync(path.join(h.dir, 'beside.db'), 'data');
    expect(await blobs.read('../beside.db')).toBeNull();
    await expect(blobs.write('../escape', Buffer.from('x'), 'image/jpeg')).rejects.toThrow(/invalid name/);
    await expect(blobs.remove('../beside.db')).rejects.toThrow(/invalid name/);
    expect(readFileSync(path.join(h.dir, 'beside.db'), 'utf8')).toBe('data');
    expect(existsSync(path.join(h.dir, 'escape'))).toBe(false);
  });
});

describe('cloud blob store (CloudBase storage)', () => {
  let storage: FakeCloudStorage;
  let blobs: BlobStore;
  beforeEach(() => {
    storage = createFakeCloudStorage();
    blobs = cloudBlobStore(storage);
  });

  test('stores under uploads/ and answers the fileID, which reads, links and deletes the file', async () => {
    const ref = await blobs.write('fAAAABBBBCCCCDDDDEEEEFFFF', Buffer.from('jpeg bytes'), 'image/jpeg');
    expect(ref).toBe(fileIdOf('uploads/fAAAABBBBCCCCDDDDEEEEFFFF.jpg'));
    expect(storage.file(ref)!.owner).toBeNull(); // uploaded by the function: no user on it
    expect((await blobs.read(ref))!.toString()).toBe('jpeg bytes');

    const url = await blobs.url(ref, h.clock.now().getTime());
    expect(url).toMatch(/^https:\/\/.+\/uploads\/fAAAABBBBCCCCDDDDEEEEFFFF\.jpg\?/);
    expect(new URL(url).searchParams.get('maxAge')).toBe(String(CLOUD_URL_MAX_AGE_S));
    expect(CLOUD_URL_MAX_AGE_S).toBe(600);

    await blobs.remove(ref);
    expect(storage.paths()).toEqual([]);
    expect(await blobs.read(ref)).toBeNull();
    await expect(blobs.remove(ref)).resolves.toBeUndefined();
  });

  test('a link to a missing file, or a storage fault, is an error, not a dead link', async () => {
    await expect(blobs.url(fileIdOf('uploads/gone.jpg'), 0)).rejects.toThrow(/getTempFileURL/);
    const ref = await blobs.write('fAAAABBBBCCCCDDDDEEEEFFFF', Buffer.from('x'), 'image/png');
    storage.failNext('download', new Error('network down'));
    await expect(blobs.read(ref)).rejects.toThrow('network down'); // not mistaken for "no such file"
  });

  test('saveUpload keeps the cloud fileID in the row; readUpload, photoUrls and the orphan purge use it', async () => {
    const { fileId } = await saveUpload(h.store, blobs, gps, h.clock);
    const row = (await h.store.collection('uploads').get(fileId))!;
    expect(row.cloudFileId).toBe(fileIdOf(`uploads/${fileId}.jpg`));
    expect(Object.keys(row).sort()).toEqual(['_id', 'caseId', 'cloudFileId', 'createdAt', 'height', 'mime', 'size', 'width']);

    const stored = storage.file(row.cloudFileId as string)!.bytes;
    expect(await exifr.gps(stored)).toBeUndefined();
    expect((await readUpload(blobs, h.store, fileId))!.bytes.equals(stored)).toBe(true);

    const now = h.clock.now().getTime();
    const links = await photoUrls(h.store, blobs, [fileId], now);
    expect(links).toEqual([{ id: fileId, url: expect.stringContaining(`/uploads/${fileId}.jpg?`) }]);

    expect(await purgeOrphanUploads(h.store, blobs, now + ORPHAN_UPLOAD_TTL_MS + 1)).toBe(1);
    expect(storage.paths('uploads/')).toEqual([]);
    expect(await h.store.collection('uploads').get(fileId)).toBeNull();
  });

  test('if the row cannot be written, the stored photo is removed again', async () => {
    const failing = { ...h.store, collection: (name: any) => {
      const c = h.store.collection(name);
      return name === 'uploads' ? { ...c, insert: async () => { throw new Error('database down'); } } : c;
    } } as typeof h.store;
    await expect(saveUpload(failing, blobs, gps, h.clock)).rejects.toThrow('database down');
    expect(storage.paths()).toEqual([]);
  });

  test('a photo whose link cannot be made is left out, the others still open', async () => {
    const a = await saveUpload(h.store, blobs, gps, h.clock);
    const b = await saveUpload(h.store, blobs, gps, h.clock);
    storage.failNext('tempUrl', new Error('storage busy'));
    const links = await photoUrls(h.store, blobs, [a.fileId, b.fileId], h.clock.now().getTime());
    expect(links).toHaveLength(1);
    expect([a.fileId, b.fileId]).toContain(links[0].id);
  });
});

describe('raw uploads in tmp-uploads/', () => {
  test('only a single file directly under tmp-uploads/ counts as a raw upload', () => {
    expect(isTempUploadId(fileIdOf('tmp-uploads/a1B2_c3-d4.jpg'))).toBe(true);
    for (const bad of [
      fileIdOf('uploads/fAAAABBBBCCCCDDDDEEEEFFFF.jpg'),
      fileIdOf('tmp-uploads/../uploads/x.jpg'),
      fileIdOf('tmp-uploads/a/b.jpg'),
      fileIdOf('tmp-uploads/.hidden'),
      fileIdOf('tmp-uploads/'),
      fileIdOf('other/tmp-uploads/x.jpg'),
      'https://example.com/tmp-uploads/x.jpg',
      'tmp-uploads/x.jpg',
    ]) expect([bad, isTempUploadId(bad)]).toEqual([bad, false]);
  });

  test('the CloudBase hooks read and delete raw uploads and nothing else', async () => {
    const storage = createFakeCloudStorage();
    const hooks = cloudTempUploads(storage);
    const raw = storage.clientUpload('tmp-uploads/abc.jpg', Buffer.from('raw'), 'oOPENID');
    const kept = storage.clientUpload('uploads/fAAAABBBBCCCCDDDDEEEEFFFF.jpg', Buffer.from('clean'), 'oOPENID');

    expect((await hooks.fetchTempUpload(raw))!.toString()).toBe('raw');
    expect(await hooks.fetchTempUpload(kept)).toBeNull();
    expect(await hooks.fetchTempUpload(fileIdOf('tmp-uploads/never.jpg'))).toBeNull();

    await hooks.deleteTempUpload(kept);
    await hooks.deleteTempUpload(raw);
    expect(storage.paths()).toEqual(['uploads/fAAAABBBBCCCCDDDDEEEEFFFF.jpg']);
  });
});
