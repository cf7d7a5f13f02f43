/**
 * Photos must not give the reporter away: the GPS fixture is a real JPEG
 * with a position in Pu'er, a camera make and an orientation tag, made by
 * test/fixtures/make-gps-jpeg.mjs.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { isAppError } from '../../src/domain/errors';
import { MAX_DIMENSION, MAX_INPUT_PIXELS, MAX_UPLOAD_BYTES, sanitizeImage } from '../../src/cloud/media/sanitizeImage';
import { fileBlobStore, type BlobStore } from '../../src/cloud/media/blobs';
import { ORPHAN_UPLOAD_TTL_MS, purgeOrphanUploads, readUpload, saveUpload } from '../../src/cloud/media/uploads';
import { FILE_URL_TTL_MS, signFileUrl, verifyFileSignature } from '../../src/cloud/media/signedUrl';
import { FakeClock, makeHarness, type Harness } from './harness';

const gps = readFileSync(path.join(__dirname, '../fixtures/gps.jpg'));

async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('sanitizeImage', () => {
  test('the fixture really carries GPS, a camera make and an orientation', async () => {
    const pos = await exifr.gps(gps);
    expect(pos.latitude).toBeCloseTo(22.78, 2);
    expect(pos.longitude).toBeCloseTo(100.98, 2);
    const tags = await exifr.parse(gps, true);
    expect(tags.Make).toBe('HuhangTestCam');
    expect((await sharp(gps).metadata()).orientation).toBe(6);
  });

  test('a GPS-tagged JPEG comes out with no EXIF, no GPS and no other metadata, turned upright', async () => {
    const out = await sanitizeImage(gps);
    expect(out.mime).toBe('image/jpeg');
    expect(await exifr.parse(out.bytes, true)).toBeUndefined();
    expect(await exifr.gps(out.bytes)).toBeUndefined();
    const meta = await sharp(out.bytes).metadata();
    expect([meta.exif, meta.xmp, meta.icc, meta.iptc, meta.orientation]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(out.bytes.includes(Buffer.from('Exif'))).toBe(false);
    expect(out.bytes.includes(Buffer.from('HuhangTestCam'))).toBe(false);
    // 64 × 32 with "rotate 90° clockwise": the pixels are turned, so the tag is not needed any more
    expect([out.width, out.height]).toEqual([32, 64]);
    expect([meta.width, meta.height]).toEqual([32, 64]);
  });

  test('PNG and WebP stay in their format and lose their metadata too', async () => {
    const png = await sharp(gps).withMetadata().png().toBuffer();
    expect((await sharp(png).metadata()).exif).toBeDefined();
    const outPng = await sanitizeImage(png);
    expect(outPng.mime).toBe('image/png');
    const pngMeta = await sharp(outPng.bytes).metadata();
    expect([pngMeta.exif, pngMeta.icc]).toEqual([undefined, undefined]);
    expect(await exifr.gps(outPng.bytes)).toBeUndefined();

    const webp = await sharp(gps).withMetadata().webp().toBuffer();
    expect((await sharp(webp).metadata()).exif).toBeDefined();
    const outWebp = await sanitizeImage(webp);
    expect(outWebp.mime).toBe('image/webp');
    expect((await sharp(outWebp.bytes).metadata()).exif).toBeUndefined();
  });

  test('big photos are scaled down to the cap, keeping their shape', async () => {
    const big = await sharp({ create: { width: 4000, height: 1000, channels: 3, background: '#888' } }).jpeg().toBuffer();
    const out = await sanitizeImage(big);
    expect([out.width, out.height]).toEqual([MAX_DIMENSION, 640]);
  });

  test('non-images are refused as unsupported media', async () => {
    const samples = [
      Buffer.from('这不是图片，是一段文字。'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>'),
      await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).gif().toBuffer(),
      Buffer.concat([gps.subarray(0, 3), Buffer.alloc(200, 7)]), // looks like a JPEG, is not one
    ];
    for (const s of samples) {
      const e = await rejection(sanitizeImage(s));
      expect(e.code).toBe('UNSUPPORTED_MEDIA');
      expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  test('a small file that decodes to far more pixels than a phone photo is refused before decoding, quickly', async () => {
    // 10000 × 10000 of one colour: a few hundred KB as PNG, 100 MP decoded.
    const bomb = await sharp({ create: { width: 10000, height: 10000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(1024 * 1024); // well under the 10 MB upload limit
    const started = Date.now();
    expect((await rejection(sanitizeImage(bomb))).code).toBe('PAYLOAD_TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(300);
    expect(MAX_INPUT_PIXELS).toBeLessThanOrEqual(50_000_000);
  }, 30_000);

  test('more than 10 MB is refused as too large', async () => {
    const huge = Buffer.concat([gps, Buffer.alloc(MAX_UPLOAD_BYTES)]);
    const e = await rejection(sanitizeImage(huge));
    expect(e.code).toBe('PAYLOAD_TOO_LARGE');
    expect(e.message).toContain('10MB');
  });
});

describe('uploads', () => {
  let h: Harness;
  let dir: string;
  let blobs: BlobStore;
  beforeEach(async () => {
    h = await makeHarness();
    dir = mkdtempSync(path.join(tmpdir(), 'huhang-uploads-'));
    blobs = fileBlobStore(dir, h.serverKey);
  });
  afterEach(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('only the sanitised file is kept, and its row says nothing about who uploaded it', async () => {
    const { fileId } = await saveUpload(h.store, blobs, gps, h.clock);
    const row = await h.store.collection('uploads').get(fileId);
    expect(Object.keys(row!).sort()).toEqual(['_id', 'caseId', 'createdAt', 'height', 'mime', 'size', 'width']);
    const onDisk = readFileSync(path.join(dir, fileId));
    expect(await exifr.gps(onDisk)).toBeUndefined();
    expect(onDisk.length).toBe(row!.size);
    const read = await readUpload(blobs, h.store, fileId);
    expect(read!.mime).toBe('image/jpeg');
    expect(read!.bytes.equals(onDisk)).toBe(true);
  });

  test('unknown and malformed ids read as nothing (no path tricks)', async () => {
    expect(await readUpload(blobs, h.store, 'f' + 'a'.repeat(24))).toBeNull();
    expect(await readUpload(blobs, h.store, '../../etc/passwd')).toBeNull();
  });

  test('a refused upload writes nothing', async () => {
    await expect(saveUpload(h.store, blobs, Buffer.from('not an image'), h.clock)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA' });
    expect(await h.store.collection('uploads').count()).toBe(0);
  });

  test('uploads no report used are purged after a day; attached ones stay', async () => {
    const orphan = await saveUpload(h.store, blobs, gps, h.clock);
    const used = await saveUpload(h.store, blobs, gps, h.clock);
    await h.store.collection('uploads').update(used.fileId, { set: { caseId: 'c' + '1'.repeat(31) } });
    expect(await purgeOrphanUploads(h.store, blobs, h.clock.now().getTime() + ORPHAN_UPLOAD_TTL_MS - 1)).toBe(0);
    expect(await purgeOrphanUploads(h.store, blobs, h.clock.now().getTime() + ORPHAN_UPLOAD_TTL_MS + 1)).toBe(1);
    expect(existsSync(path.join(dir, orphan.fileId))).toBe(false);
    expect(await h.store.collection('uploads').get(orphan.fileId)).toBeNull();
    expect(existsSync(path.join(dir, used.fileId))).toBe(true);
  });
});

describe('signed file URLs', () => {
  const key = 'k-' + Math.random();
  const clock = new FakeClock(Date.parse('2026-11-28T02:00:00Z'));
  const parse = (url: string) => {
    const u = new URL(url, 'http://x');
    return { id: decodeURIComponent(u.pathname.split('/')[2]), sig: u.searchParams.get('sig')!, exp: Number(u.searchParams.get('exp')) };
  };

  test('a fresh link verifies for its own file only, and stops working after it expires', () => {
    const now = clock.now().getTime();
    const url = signFileUrl(key, 'fAAAABBBBCCCCDDDDEEEEFFFF', now);
    expect(url).toMatch(/^\/files\/fAAAABBBBCCCCDDDDEEEEFFFF\?sig=[0-9a-f]{32}&exp=\d+$/);
    const { id, sig, exp } = parse(url);
    expect(verifyFileSignature(key, id, exp, sig, now)).toBe(true);
    expect(exp - now).toBeGreaterThanOrEqual(FILE_URL_TTL_MS);
    expect(verifyFileSignature(key, id, exp, sig, exp + 1)).toBe(false);
    expect(verifyFileSignature(key, 'fZZZZBBBBCCCCDDDDEEEEFFFF', exp, sig, now)).toBe(false);
    expect(verifyFileSignature(key, id, exp + 60_000, sig, now)).toBe(false); // stretched expiry
    expect(verifyFileSignature('another-key', id, exp, sig, now)).toBe(false);
    expect(verifyFileSignature(key, id, NaN, sig, now)).toBe(false);
    expect(verifyFileSignature(key, id, exp, sig.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')), now)).toBe(false);
  });
});
