/**
 * commitment.sign against replays: the same request id with other content is
 * refused (409) and changes nothing; identical re-signs in a burst leave one
 * version and no history; a signature image can be claimed only by the
 * account that uploaded it.
 */
import sharp from 'sharp';
import type { CallerIdentity } from '../../src/cloud/core/dispatch';
import { callerKey } from '../../src/cloud/core/rateLimit';
import { SIGN_MESSAGES } from '../../src/cloud/handlers/commitment/sign';
import { saveUpload, UPLOAD_OWNER_PURPOSE } from '../../src/cloud/media/uploads';
import { REQUEST_REUSED_MESSAGE } from '../../src/cloud/core/dispatch';
import { expectKindError, ok } from '../fixtures/reports';
import { makeHarness, rid, type Harness } from './harness';

const CAMPAIGN = 'dragon_boat-2026';
const CHILD = 'stu-simao-1';
let h: Harness;
beforeEach(async () => { h = await makeHarness('2026-06-15T02:00:00Z'); });
afterEach(() => h.close());

const pledges = async (who: CallerIdentity): Promise<string[]> =>
  ok(await h.call('holiday.current', {}, { as: who })).pledges.map((p: { id: string }) => p.id);
async function uploadAs(owner: CallerIdentity) {
  const png = await sharp({ create: { width: 200, height: 80, channels: 3, background: '#ffffff' } }).png().toBuffer();
  return (await saveUpload(h.store, h.blobs, png, h.clock, await callerKey(h.store, h.clock, h.serverKey, owner.rateIdentity, UPLOAD_OWNER_PURPOSE))).fileId;
}

test('the same request id with other content: 409, and the first signature stands unchanged', async () => {
  const parent = await h.as('DEMO-PARENT');
  const pledgeIds = await pledges(parent);
  const requestId = rid();
  ok(await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds, method: 'confirm' }, { as: parent, requestId }));
  const before = await h.store.dump!();
  const fileId = await uploadAs(parent);
  const afterUpload = await h.store.dump!();
  const e = expectKindError(await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds, method: 'signature', signatureFileId: fileId }, { as: parent, requestId }), 'CONFLICT');
  expect(e.message).toBe(REQUEST_REUSED_MESSAGE);
  expect(await h.store.dump!()).toEqual(afterUpload);
  expect(afterUpload.commitments).toEqual(before.commitments);
});

test('a burst of 100 identical signs (each its own request id) leaves one version and no history', async () => {
  const parent = await h.as('DEMO-PARENT');
  const input = { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds: await pledges(parent), method: 'confirm' };
  const burst = await Promise.all(Array.from({ length: 100 }, () => h.call('commitment.sign', input, { as: parent })));
  const landed = burst.filter((r) => r.ok);
  expect(landed.length).toBeGreaterThan(0);
  for (const r of burst.filter((x) => !x.ok)) expectKindError(r, 'RATE_LIMITED'); // the per-caller write limit, nothing else
  expect(landed.every((r) => r.data.version === 1)).toBe(true);
  expect(await h.store.collection('commitments').count()).toBe(1);
  expect(await h.store.collection('commitment_history').count()).toBe(0);
});

test("a signature image can be claimed only by the account that uploaded it", async () => {
  const parent = await h.as('DEMO-PARENT');
  const grandpa = await h.as('DEMO-GRANDPARENT');
  const theirs = await uploadAs(parent);
  const pledgeIds = await pledges(grandpa);
  const taken = await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds, method: 'signature', signatureFileId: theirs }, { as: grandpa });
  expect(expectKindError(taken, 'BAD_INPUT').message).toBe(SIGN_MESSAGES.badImage);
  expect((await h.store.collection<any>('uploads').get(theirs))).toMatchObject({ caseId: null, ownerKey: expect.any(String) });
  // an upload made without a session has no owner: nobody can claim it as a signature
  const png = await sharp({ create: { width: 200, height: 80, channels: 3, background: '#ffffff' } }).png().toBuffer();
  const ownerless = (await saveUpload(h.store, h.blobs, png, h.clock)).fileId;
  expectKindError(await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds, method: 'signature', signatureFileId: ownerless }, { as: grandpa }), 'BAD_INPUT');
  // the uploader can, and once claimed the row keeps no key of theirs
  ok(await h.call('commitment.sign', { campaignId: CAMPAIGN, studentId: CHILD, pledgeIds: await pledges(parent), method: 'signature', signatureFileId: theirs }, { as: parent }));
  const row = await h.store.collection<any>('uploads').get(theirs);
  expect(row.caseId).toMatch(/^commitment:/);
  expect(row.ownerKey).toBeUndefined();
});
