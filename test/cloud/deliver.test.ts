/**
 * Outbox delivery as WeChat subscription messages (CloudBase scheduler):
 * who a row's unit means, which people may be written to at all (staff who
 * redeemed on CloudBase, never students, guardians or anonymous reporters),
 * and that no row is lost: sent, retried, given up or skipped, with the
 * reason on the row.
 */
jest.mock('wx-server-sdk', () => require('./fakes/wxServerSdk').fakeCloud, { virtual: true });

import { z } from 'zod';
import { content } from '../../src/content';
import { defineAction } from '../../src/cloud/core/action';
import { dispatch, type CallerIdentity } from '../../src/cloud/core/dispatch';
import type { OutboxMessage } from '../../src/cloud/core/context';
import { storeOutbox } from '../../src/cloud/core/outbox';
import {
  CLAIM_LEASE_MS, MAX_DELIVERY_ATTEMPTS, OUTBOX_BATCH, deliverOutbox, messageData, templatesFromEnv,
  type OutboxRow, type SubscribeMessage,
} from '../../src/cloud/functions/scheduler/deliver';
import { main as scheduler } from '../../src/cloud/functions/scheduler';
import { runScheduledJobs } from '../../src/cloud/functions/scheduler/jobs';
import { cloudBlobStore } from '../../src/cloud/media/blobs';
import { ORPHAN_UPLOAD_TTL_MS } from '../../src/cloud/media/uploads';
import { seedDemo } from '../../src/cloud/local/seed';
import { createCloudbaseStore } from '../../src/cloud/store/cloudbase';
import { unitKey } from '../../src/domain/report';
import { fakeCloud, resetFakeCloud, wechatError } from './fakes/wxServerSdk';
import { fileIdOf } from './fakes/cloudStorage';
import { makeHarness, rid, type Harness } from './harness';
import { bullying, caseIdOf, ok, submit } from '../fixtures/reports';

let h: Harness;
let sent: SubscribeMessage[];
/** errors WeChat answers for an OPENID, one per send */
let refusals: Map<string, unknown[]>;

const send = async (m: SubscribeMessage) => {
  const queued = refusals.get(m.touser);
  if (queued?.length) throw queued.shift();
  sent.push(m);
};
const fail = (openid: string, ...errors: unknown[]) => refusals.set(openid, [...(refusals.get(openid) ?? []), ...errors]);
const networkDown = () => Object.assign(new Error('connect ETIMEDOUT oPolice-0001'), { errCode: -501001 });

const TEMPLATE_ENV = {
  TEMPLATE_NEW_CASE: 'tpl-new-case',
  TEMPLATE_NEW_CASE_FIELDS: 'category:thing1, priority:phrase2, due:time3',
  TEMPLATE_CASE_MESSAGE: 'tpl-case-message',
  TEMPLATE_CASE_ESCALATED: 'tpl-escalated',
};
const deliver = () => deliverOutbox({ store: h.store, clock: h.clock, send, templates: templatesFromEnv(TEMPLATE_ENV) });

const rows = () => h.store.collection<OutboxRow>('outbox').find({}, { orderBy: [['createdAt', 'asc']] });
const rowTo = async (to: string) => (await h.store.collection<OutboxRow>('outbox').find({ to }))[0];
const sentTo = (openid: string) => sent.filter((m) => m.touser === openid);

/** A row like the handlers write, one millisecond after the last so "oldest first" is well defined. */
async function note(to: string, template = 'new_case', over: Partial<OutboxMessage> = {}) {
  h.clock.advance(1);
  await storeOutbox(h.store, h.clock).send({
    channel: 'subscribe_message', to, template,
    data: { category: '欺凌、校园暴力', priority: 'P2 较急', due: '11月28日 12:00' },
    page: '/packageWork/pages/case/index?id=c1',
    ...over,
  });
}

/** Logs in and redeems a code as the mini-program would on CloudBase: with the caller's OPENID as notify address. */
async function redeemOnCloud(code: string, openid: string) {
  const l = await h.login();
  const who: CallerIdentity = { ...l.who, notifyAddress: openid };
  ok(await h.call('auth.redeem', { code }, { as: who }));
  return { userId: l.userId, who };
}

const user = (id: string) => h.store.collection('users').get(id);

beforeEach(async () => {
  h = await makeHarness();
  sent = [];
  refusals = new Map();
  await h.store.collection('invitations').put({
    _id: 'TEST-NINGER-POLICE', code: 'TEST-NINGER-POLICE', reusable: true, label: '宁洱县公安局处置人员（测试）', usedBy: null,
    binding: { role: 'handler', deptId: 'ninger.police', jurisdiction: 'ninger', displayName: '测试民警' },
  });
});
afterEach(async () => { await h.close(); });

describe('notify addresses: staff only', () => {
  test('a staff member who redeems on CloudBase keeps their OPENID and the posts they answer for', async () => {
    const police = await redeemOnCloud('DEMO-POLICE', 'oPolice-0001');
    expect(await user(police.userId)).toMatchObject({ notifyOpenid: 'oPolice-0001', notifyKeys: ['simao.police'] });
    const psy = await redeemOnCloud('DEMO-PSY', 'oPsy-0001');
    expect((await user(psy.userId))!.notifyKeys).toEqual(['school:sch-simao-1:psych_teacher']);
    const coord = await redeemOnCloud('DEMO-COORD-SIMAO', 'oCoord-0001');
    expect((await user(coord.userId))!.notifyKeys).toEqual(['simao.peace_office']);
  });

  test('a student or a guardian redeeming on CloudBase leaves no OPENID anywhere', async () => {
    const before = await h.store.dump!();
    const student = await redeemOnCloud('DEMO-STUDENT', 'oStudent-0001');
    const parent = await redeemOnCloud('DEMO-PARENT', 'oParent-0001');
    for (const u of [student, parent]) {
      const row = (await user(u.userId))!;
      expect(row.notifyOpenid).toBeUndefined();
      expect(row.notifyKeys).toBeUndefined();
    }
    const after = JSON.stringify(await h.store.dump!());
    expect(after.includes('oStudent-0001') || after.includes('oParent-0001')).toBe(false);
    expect(JSON.stringify(before).length).toBeLessThan(after.length); // the redemptions were written
  });

  test('redeeming locally (no notify address) stores none, even for staff', async () => {
    const l = await h.login('DEMO-POLICE');
    expect((await user(l.userId))!.notifyOpenid).toBeUndefined();
  });

  test('the dispatcher hands the address only to actions that ask for it, and never to anonymous ones', async () => {
    const seen: Record<string, unknown> = {};
    const probe = (name: string, flags: { anonymous?: boolean; readsNotifyAddress?: boolean }) => defineAction({
      name, input: z.object({}).passthrough(), ...flags,
      async handle(_input, ctx) { seen[name] = ctx.notifyAddress ?? null; return {}; },
    });
    const actions = new Map([
      probe('auth.redeem', { readsNotifyAddress: true }),
      probe('auth.me', {}),
      probe('report.submit', { anonymous: true, readsNotifyAddress: true }),
    ].map((a) => [a.name, a]));
    const env = { store: h.store, clock: h.clock, outbox: h.outbox, serverKey: h.serverKey, platform: { name: 'cloudbase' as const, checkText: async () => ({ ok: true }), blobs: h.blobs }, actions };
    const l = await h.login();
    const who: CallerIdentity = { ...l.who, notifyAddress: 'oProbe-0001' };
    for (const name of actions.keys()) ok(await dispatch({ action: name, data: {}, requestId: rid() }, who, env));
    expect(seen).toEqual({ 'auth.redeem': 'oProbe-0001', 'auth.me': null, 'report.submit': null });
  });

  test('a staff member filing an anonymous report leaves no trace of their OPENID', async () => {
    const police = await redeemOnCloud('DEMO-POLICE', 'oPolice-0001');
    const before = await h.store.dump!();
    await submit(h, bullying(), { as: police.who });
    const after = await h.store.dump!();
    const changed = Object.entries(after).flatMap(([table, list]) =>
      list.filter((r) => JSON.stringify(r) !== JSON.stringify((before[table] ?? []).find((b) => b._id === r._id))).map((r) => ({ table, r })));
    expect(changed.some((c) => c.table === 'cases')).toBe(true);
    for (const c of changed) expect([c.table, JSON.stringify(c.r).includes('oPolice-0001')]).toEqual([c.table, false]);
  });
});

describe('who a row reaches', () => {
  test('each kind of address reaches the people holding that post, and only them', async () => {
    await redeemOnCloud('DEMO-POLICE', 'oPolice-0001');
    await redeemOnCloud('DEMO-POLICE', 'oPolice-0002'); // two officers of one department both hear
    await redeemOnCloud('TEST-NINGER-POLICE', 'oNinger-0001');
    await redeemOnCloud('DEMO-EDU', 'oEdu-0001');
    await redeemOnCloud('DEMO-PSY', 'oPsy-0001');
    await redeemOnCloud('DEMO-SAFETY', 'oSafety-0001');
    await redeemOnCloud('DEMO-COORD-SIMAO', 'oCoord-0001');
    await redeemOnCloud('DEMO-COORD', 'oCity-0001');
    const teacher = await redeemOnCloud('DEMO-TEACHER', 'oTeacher-0001');

    const expected: Record<string, string[]> = {
      'simao.police': ['oPolice-0001', 'oPolice-0002'],
      'ninger.police': ['oNinger-0001'],
      'simao.edu': ['oEdu-0001'],
      'school:sch-simao-1:psych_teacher': ['oPsy-0001'],
      'school:sch-simao-1:school_safety_officer': ['oSafety-0001'],
      'simao.peace_office': ['oCoord-0001'],
      'city.peace_office': ['oCity-0001'],
      [teacher.userId]: ['oTeacher-0001'],
    };
    // each row opens its own page, so a message tells which row it came from
    for (const to of Object.keys(expected)) await note(to, 'case_message', { page: `/case?to=${to}` });
    expect(await deliver()).toEqual({ sent: 8, retry: 0, failed: 0, skipped: 0 });
    for (const [to, openids] of Object.entries(expected)) {
      expect([to, sent.filter((m) => m.page === `case?to=${to}`).map((m) => m.touser).sort()]).toEqual([to, openids]);
    }
    expect(sent.map((m) => m.touser).sort()).toEqual(Object.values(expected).flat().sort());
  });

  test('a filed report reaches the staff of its lead units', async () => {
    await redeemOnCloud('DEMO-EDU', 'oEdu-0001');
    await redeemOnCloud('DEMO-SAFETY', 'oSafety-0001');
    await redeemOnCloud('DEMO-POLICE', 'oPolice-0001');
    const r = await submit(h, bullying());
    const c = (await h.store.collection('cases').get(await caseIdOf(h, r.trackingCode)))!;
    expect((c.lead as any[]).map(unitKey).sort()).toEqual(['school:sch-simao-1:school_safety_officer', 'simao.edu']);

    await deliver();
    expect(sent.map((m) => m.touser).sort()).toEqual(['oEdu-0001', 'oSafety-0001']); // bullying without a flag is not police's
    const m = sentTo('oEdu-0001')[0];
    expect(m.templateId).toBe('tpl-new-case');
    expect(m.page).toBe(`packageWork/pages/case/index?id=${c._id}`);
    expect(m.data).toEqual({
      thing1: { value: '欺凌、校园暴力' },
      phrase2: { value: expect.stringMatching(/^P\d/) },
      time3: { value: expect.any(String) },
    });
  });

  test('a student, a guardian and staff without an address are not written to: the row is skipped, with the reason', async () => {
    const student = await redeemOnCloud('DEMO-STUDENT', 'oStudent-0001');
    await h.login('DEMO-POLICE'); // redeemed locally: no address
    await note(student.userId, 'case_message');
    await note('simao.police', 'case_message');
    expect(await deliver()).toEqual({ sent: 0, retry: 0, failed: 0, skipped: 2 });
    expect(sent).toEqual([]);
    expect((await rowTo('simao.police')).reason).toMatch(/nobody to notify.*simao\.police/);
  });

  test('someone who has lost the post no longer hears, even if the old key is still on their row', async () => {
    const police = await redeemOnCloud('DEMO-POLICE', 'oPolice-0001');
    await h.store.collection('users').update(police.userId, { set: { roles: [{ role: 'handler', deptId: 'simao.edu', jurisdiction: 'simao' }] } });
    await note('simao.police');
    await deliver();
    expect(sent).toEqual([]);
  });
});

describe('marking rows', () => {
  beforeEach(async () => {
    await redeemOnCloud('DEMO-POLICE', 'oPolice-0001');
    await redeemOnCloud('DEMO-POLICE', 'oPolice-0002');
  });

  test('a delivered row says sent, after how many tries, to which users, and holds no OPENID', async () => {
    await note('simao.police');
    await deliver();
    const row = await rowTo('simao.police');
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    expect(row.deliveredTo).toHaveLength(2);
    expect(JSON.stringify(row)).not.toMatch(/oPolice/);
    await deliver();
    expect(sent).toHaveLength(2); // a sent row is not sent again
  });

  test('a failure that may pass is retried next run, only for those not yet reached', async () => {
    fail('oPolice-0002', networkDown());
    await note('simao.police');
    expect(await deliver()).toMatchObject({ retry: 1 });
    let row = await rowTo('simao.police');
    expect(row).toMatchObject({ status: 'retry', attempts: 1 });
    expect(row.deliveredTo).toHaveLength(1);
    expect(row.lastError).toContain('ETIMEDOUT');
    expect(row.lastError).not.toContain('oPolice'); // the address is taken out of the error

    h.clock.advance(5 * 60_000);
    expect(await deliver()).toMatchObject({ sent: 1 });
    row = await rowTo('simao.police');
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect([sentTo('oPolice-0001').length, sentTo('oPolice-0002').length]).toEqual([1, 1]);
  });

  test(`after ${MAX_DELIVERY_ATTEMPTS} failed tries the row is given up as failed, and kept`, async () => {
    fail('oPolice-0001', ...Array.from({ length: 10 }, networkDown));
    await note('simao.police');
    for (let i = 1; i <= MAX_DELIVERY_ATTEMPTS + 2; i++) {
      await deliver();
      h.clock.advance(5 * 60_000);
      const row = await rowTo('simao.police');
      expect([i, row.status, row.attempts]).toEqual(i < MAX_DELIVERY_ATTEMPTS ? [i, 'retry', i] : [i, 'failed', MAX_DELIVERY_ATTEMPTS]);
    }
    expect((await rowTo('simao.police')).reason).toContain(`${MAX_DELIVERY_ATTEMPTS} attempts`);
    expect(refusals.get('oPolice-0001')).toHaveLength(10 - MAX_DELIVERY_ATTEMPTS);
  });

  test('WeChat refusing for good (no subscription left) is not retried', async () => {
    fail('oPolice-0001', wechatError(43101, 'user refuse to accept the msg'));
    await note('simao.police');
    await deliver();
    let row = await rowTo('simao.police');
    expect(row.status).toBe('sent'); // the other officer got it
    expect(row.refusedBy).toHaveLength(1);

    fail('oPolice-0001', wechatError(43101));
    fail('oPolice-0002', wechatError(43101));
    await note('simao.police', 'case_message');
    await deliver();
    row = (await rows()).find((r) => r.template === 'case_message')!;
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.reason).toMatch(/refused every recipient/);
  });

  test('a template without a configured id is skipped with a reason naming the env var; nothing is sent', async () => {
    await note('simao.police', 'case_reminder');
    expect(await deliver()).toEqual({ sent: 0, retry: 0, failed: 0, skipped: 1 });
    expect(sent).toEqual([]);
    expect(await rowTo('simao.police')).toMatchObject({ status: 'skipped', reason: expect.stringContaining('TEMPLATE_CASE_REMINDER') });
  });

  test(`a run takes the ${OUTBOX_BATCH} oldest rows; the rest wait for the next run`, async () => {
    for (let i = 0; i < OUTBOX_BATCH + 10; i++) await note('simao.police', 'case_message', { page: `p${i}` });
    expect((await deliver()).sent).toBe(OUTBOX_BATCH);
    const after = await rows();
    expect(after.filter((r) => r.status === 'sent').map((r) => r.page)).toEqual(Array.from({ length: OUTBOX_BATCH }, (_, i) => `p${i}`));
    expect((await deliver()).sent).toBe(10);
    expect((await rows()).every((r) => r.status === 'sent')).toBe(true);
  });

  test('a row left half-sent by a run that died is taken up again after the lease, not before', async () => {
    await note('simao.police');
    const row = await rowTo('simao.police');
    const now = h.clock.now().getTime();
    await h.store.collection('outbox').update(row._id, { set: { status: 'sending', attempts: 1, claimedAt: now } });
    await deliver();
    expect(sent).toEqual([]);
    h.clock.advance(CLAIM_LEASE_MS + 1);
    await deliver();
    expect(await rowTo('simao.police')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(sent).toHaveLength(2);
  });

  test('two runs at once send each message once', async () => {
    for (let i = 0; i < 5; i++) await note('simao.police', 'case_message', { page: `p${i}` });
    const [a, b] = await Promise.all([deliver(), deliver()]);
    expect(a.sent + b.sent).toBe(5);
    expect(sent).toHaveLength(10); // 5 rows × 2 officers
  });

  test('locally the scheduler leaves outbox rows as they are', async () => {
    await note('simao.police');
    await runScheduledJobs({ store: h.store, clock: h.clock, blobs: h.blobs });
    expect((await rowTo('simao.police')).status).toBe('pending');
  });
});

describe('message data', () => {
  test('keywords get our fields by the map, cut to what WeChat accepts', () => {
    const data = messageData(
      { category: '网络欺凌、网络诈骗和不良信息一类的很长很长的分类名称', priority: 'P1 非常紧急', extra: 'x' },
      { category: 'thing1', priority: 'phrase2', missing: 'time3' },
    );
    expect(data.thing1.value).toHaveLength(20);
    expect(data.thing1.value.endsWith('…')).toBe(true);
    expect(data.phrase2.value).toBe('P1 非常');
    expect(Object.keys(data).sort()).toEqual(['phrase2', 'thing1']);
  });

  test('template ids and field maps come from TEMPLATE_<NAME> and TEMPLATE_<NAME>_FIELDS', () => {
    const lookup = templatesFromEnv(TEMPLATE_ENV);
    expect(lookup('new_case')).toEqual({ id: 'tpl-new-case', fields: { category: 'thing1', priority: 'phrase2', due: 'time3' } });
    expect(lookup('case_message')).toEqual({ id: 'tpl-case-message' });
    expect(lookup('case_reminder')).toBeNull();
  });
});

describe('the CloudBase scheduler function', () => {
  const ENV_KEYS = ['TEMPLATE_CASE_MESSAGE', 'MINIPROGRAM_STATE'];
  afterEach(() => { for (const k of ENV_KEYS) delete process.env[k]; });

  test('delivers the outbox with subscribeMessage.send and purges orphan photos from storage', async () => {
    const cloud = resetFakeCloud();
    process.env.TEMPLATE_CASE_MESSAGE = 'tpl-from-env';
    process.env.MINIPROGRAM_STATE = 'trial';
    const store = createCloudbaseStore(fakeCloud.database());
    await seedDemo(store, content.demo);
    // a handler who redeemed through the api function (notify address = their OPENID)
    await store.collection('users').put({
      _id: 'uHandler', roles: [{ role: 'handler', deptId: 'simao.police', jurisdiction: 'simao' }], createdAt: 0,
      notifyOpenid: 'oCloudPolice', notifyKeys: ['simao.police'],
    });
    await store.collection('outbox').insert({
      _id: 'm1', channel: 'subscribe_message', to: 'simao.police', template: 'case_message', status: 'pending', createdAt: Date.now(),
      data: { category: '欺凌' }, page: '/packageWork/pages/case/index?id=c1',
    });
    // a photo nobody attached, two days old, and one attached to a case
    const blobs = cloudBlobStore(fakeCloud);
    const old = Date.now() - 2 * ORPHAN_UPLOAD_TTL_MS;
    const orphanRef = await blobs.write('fOrphanOrphanOrphanOrphan', Buffer.from('x'), 'image/jpeg');
    const keptRef = await blobs.write('fKeptKeptKeptKeptKeptKept', Buffer.from('y'), 'image/jpeg');
    await store.collection('uploads').insert({ _id: 'fOrphanOrphanOrphanOrphan', mime: 'image/jpeg', size: 1, width: 1, height: 1, createdAt: old, caseId: null, cloudFileId: orphanRef });
    await store.collection('uploads').insert({ _id: 'fKeptKeptKeptKeptKeptKept', mime: 'image/jpeg', size: 1, width: 1, height: 1, createdAt: old, caseId: 'c1', cloudFileId: keptRef });

    const result = await scheduler();
    expect(result).toMatchObject({ orphanUploads: 1, delivery: { sent: 1 } });
    expect(cloud.sent).toEqual([{
      touser: 'oCloudPolice', templateId: 'tpl-from-env', page: 'packageWork/pages/case/index?id=c1',
      data: { category: { value: '欺凌' } }, miniprogramState: 'trial', lang: 'zh_CN',
    }]);
    expect(cloud.db.rows('outbox')[0]).toMatchObject({ status: 'sent', attempts: 1, deliveredTo: ['uHandler'] });
    expect(cloud.storage.paths()).toEqual(['uploads/fKeptKeptKeptKeptKeptKept.jpg']);
    expect(fileIdOf('uploads/fKeptKeptKeptKeptKeptKept.jpg')).toBe(keptRef);
  });

  test('a WeChat error answered by the SDK is classified like a rejection', async () => {
    const cloud = resetFakeCloud();
    process.env.TEMPLATE_CASE_MESSAGE = 'tpl-from-env';
    const store = createCloudbaseStore(fakeCloud.database());
    await store.collection('users').put({
      _id: 'uHandler', roles: [{ role: 'handler', deptId: 'simao.police', jurisdiction: 'simao' }], createdAt: 0,
      notifyOpenid: 'oCloudPolice', notifyKeys: ['simao.police'],
    });
    await store.collection('outbox').insert({
      _id: 'm1', channel: 'subscribe_message', to: 'simao.police', template: 'case_message', status: 'pending', createdAt: Date.now(), data: {},
    });
    cloud.sendErrors.set('oCloudPolice', [wechatError(43101, 'user refuse to accept the msg')]);
    await scheduler();
    expect(cloud.db.rows('outbox')[0]).toMatchObject({ status: 'failed', refusedBy: ['uHandler'] });
  });
});
