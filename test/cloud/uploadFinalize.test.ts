/**
 * upload.finalize on CloudBase, through the real `api` function entry with
 * wx-server-sdk replaced: the phone's raw photo in tmp-uploads/ becomes a
 * clean photo in uploads/, the raw file is deleted whatever happens, and the
 * photo reaches the handler as a temporary link. Locally the action is
 * refused: photos go to POST /upload there.
 */
jest.mock('wx-server-sdk', () => require('./fakes/wxServerSdk').fakeCloud, { virtual: true });

import { readFileSync } from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import { content } from '../../src/content';
import { main as api } from '../../src/cloud/functions/api';
import { MAX_UPLOAD_BYTES } from '../../src/cloud/media/sanitizeImage';
import { seedDemo } from '../../src/cloud/local/seed';
import { createCloudbaseStore } from '../../src/cloud/store/cloudbase';
import { COLLECTIONS } from '../../src/cloud/store/types';
import { fakeCloud, resetFakeCloud, type FakeCloudState } from './fakes/wxServerSdk';
import { fileIdOf } from './fakes/cloudStorage';
import { makeHarness, rid } from './harness';
import { bullying, ok } from '../fixtures/reports';

const gps = readFileSync(path.join(__dirname, '../fixtures/gps.jpg'));
const REPORTER = 'oReporter-openid-0000000001';
const HANDLER = 'oHandler-openid-00000000002';

let cloud: FakeCloudState;
beforeAll(() => { process.env.SERVER_KEY = 'finalize-test-key'; });
afterAll(() => { delete process.env.SERVER_KEY; });
beforeEach(async () => {
  cloud = resetFakeCloud();
  await seedDemo(createCloudbaseStore(fakeCloud.database()), content.demo);
});

type Answer = { ok: boolean; data?: any; error?: { code: string; message: string } };
/** A call as the mini-program makes it: the OPENID comes from the WeChat context, never from the client. */
async function call(openid: string, action: string, data: unknown, requestId: string = rid()): Promise<Answer> {
  cloud.openid = openid;
  return (await api({ action, data, requestId })) as Answer;
}

const finalize = (cloudFileId: string, requestId?: string) => call(REPORTER, 'upload.finalize', { cloudFileId }, requestId);
const rawUpload = (bytes: Buffer, name = 'a8Kq2x.jpg') => cloud.storage.clientUpload(`tmp-uploads/${name}`, bytes, REPORTER);

test('a GPS-tagged photo comes out clean in uploads/, the raw file is gone, and nothing links it to the phone', async () => {
  const raw = rawUpload(gps);
  expect(cloud.storage.file(raw)!.owner).toBe(REPORTER); // what CloudBase records on a phone's upload
  const { fileId } = ok(await finalize(raw));

  expect(cloud.storage.paths('tmp-uploads/')).toEqual([]);
  const [row] = cloud.db.rows('uploads');
  expect(row).toMatchObject({ _id: fileId, caseId: null, mime: 'image/jpeg', cloudFileId: fileIdOf(`uploads/${fileId}.jpg`) });
  const stored = cloud.storage.file(row.cloudFileId)!;
  expect(stored.owner).toBeNull();
  expect(await exifr.parse(stored.bytes, true)).toBeUndefined();
  expect(await exifr.gps(stored.bytes)).toBeUndefined();
  expect(stored.bytes.includes(Buffer.from('HuhangTestCam'))).toBe(false);

  // no row anywhere holds the OPENID or the raw file's name
  for (const name of Object.keys(COLLECTIONS)) {
    const text = JSON.stringify(cloud.db.rows(name));
    expect([name, text.includes(REPORTER), text.includes('a8Kq2x')]).toEqual([name, false, false]);
  }
});

test('the raw file is deleted also when the photo is refused, and nothing is stored', async () => {
  const notImage = rawUpload(Buffer.from('这不是图片'), 'text.jpg');
  const e1 = (await finalize(notImage)).error!;
  expect(e1.code).toBe('UNSUPPORTED_MEDIA');
  expect(e1.message).toMatch(/[\u4e00-\u9fa5]/);

  const huge = rawUpload(Buffer.concat([gps, Buffer.alloc(MAX_UPLOAD_BYTES)]), 'huge.jpg');
  expect((await finalize(huge)).error!.code).toBe('PAYLOAD_TOO_LARGE');

  expect(cloud.storage.paths()).toEqual([]);
  expect(cloud.db.rows('uploads')).toEqual([]);
});

test('the raw file is deleted also when storing the clean copy fails', async () => {
  const raw = rawUpload(gps);
  cloud.storage.failNext('upload', new Error('storage unavailable'));
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    expect((await finalize(raw)).error!.code).toBe('INTERNAL');
    expect(logged).toHaveBeenCalledWith('action failed', 'upload.finalize', expect.any(Error));
  } finally {
    logged.mockRestore();
  }
  expect(cloud.storage.paths()).toEqual([]);
  expect(cloud.db.rows('uploads')).toEqual([]);
});

test('a file outside tmp-uploads/ is refused and left alone: finalize cannot read or delete stored photos', async () => {
  const stored = cloud.storage.clientUpload('uploads/fAAAABBBBCCCCDDDDEEEEFFFF.jpg', gps, 'oSomeoneElse');
  for (const id of [
    stored,
    fileIdOf('tmp-uploads/../uploads/fAAAABBBBCCCCDDDDEEEEFFFF.jpg'),
    fileIdOf('tmp-uploads/sub/x.jpg'),
    'https://example.com/tmp-uploads/x.jpg',
    fileIdOf('tmp-uploads/' + 'x'.repeat(300)),
  ]) {
    const e = (await finalize(id)).error!;
    expect([id, e.code]).toEqual([id, 'BAD_INPUT']);
    expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
  }
  expect(cloud.storage.paths()).toEqual(['uploads/fAAAABBBBCCCCDDDDEEEEFFFF.jpg']);
  expect(cloud.storage.calls).toMatchObject({ download: 0, delete: 0 });
});

test('a raw file that is not there asks for the photo again', async () => {
  const e = (await finalize(fileIdOf('tmp-uploads/never-uploaded.jpg'))).error!;
  expect(e.code).toBe('BAD_INPUT');
  expect(e.message).toContain('重新选择照片');
});

test('a retried request answers the same file id and stores the photo once', async () => {
  const raw = rawUpload(gps);
  const requestId = rid();
  const first = ok(await finalize(raw, requestId));
  const again = ok(await finalize(raw, requestId));
  expect(again).toEqual(first);
  expect(cloud.db.rows('uploads')).toHaveLength(1);
  expect(cloud.storage.paths('uploads/')).toHaveLength(1);
  expect(cloud.storage.calls.download).toBe(1);
});

test('the clean photo reaches the handler as a short-lived CloudBase link', async () => {
  const { fileId } = ok(await finalize(rawUpload(gps)));
  const r = ok(await call(REPORTER, 'report.submit', bullying({ photoIds: [fileId] })));
  expect(cloud.db.rows('uploads')[0].caseId).not.toBeNull();

  ok(await call(HANDLER, 'auth.redeem', { code: 'DEMO-EDU' }));
  const { items } = ok(await call(HANDLER, 'case.list', {}));
  const [row] = cloud.db.rows('cases').filter((c: any) => c.trackingCode === r.trackingCode);
  const item = items.find((i: any) => i.id === row._id);
  const c = ok(await call(HANDLER, 'case.get', { id: item.id }));
  expect(c.photos).toEqual([{ id: fileId, url: expect.stringMatching(new RegExp(`^https://.+/uploads/${fileId}\\.jpg\\?.*maxAge=600`)) }]);
});

test('a local run refuses finalize and points to POST /upload, writing nothing', async () => {
  const h = await makeHarness();
  try {
    const res = await h.call('upload.finalize', { cloudFileId: fileIdOf('tmp-uploads/a.jpg') });
    expect(res.error!.code).toBe('BAD_INPUT');
    expect(res.error!.message).toContain('POST /upload');
    expect(await h.store.collection('uploads').count()).toBe(0);
  } finally {
    await h.close();
  }
});
