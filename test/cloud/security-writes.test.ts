/**
 * Security review: writes an attacker or a buggy client can get wrong.
 * Request ids reused with other content, photos carried from one case into
 * another, dates no one can mean, timestamps that could tie a login to a
 * report, and every action fed hostile input.
 */
import sharp from 'sharp';
import { makeHarness, rid, type Harness } from './harness';
import { bullying, caseIdOf, expectKindError, freshAnonymous, ok, online, submit, NINGER_SCHOOL } from '../fixtures/reports';
import { saveUpload } from '../../src/cloud/media/uploads';
import { actions } from '../../src/cloud/handlers';
import type { Doc } from '../../src/cloud/store/types';

let h: Harness;
beforeEach(async () => { h = await makeHarness(); });
afterEach(async () => { await h.close(); });

const messages = async () => (await h.store.collection<any>('case_events').find({ kind: 'reporter_message' })).map((e) => e.text);

describe('a request id sent again with other content', () => {
  test('an anonymous message is not swallowed: the second text is refused, not answered "sent" and dropped', async () => {
    const { trackingCode, secret } = await submit(h, bullying());
    const requestId = rid();
    const first = ok(await h.call('report.message', { trackingCode, secret, text: '第一次补充：是三个人。' }, { requestId }));
    // the same message again (a retry) is answered the same, once
    expect(ok(await h.call('report.message', { trackingCode, secret, text: '第一次补充：是三个人。' }, { requestId }))).toEqual(first);
    const e = expectKindError(await h.call('report.message', { trackingCode, secret, text: '第二件事：他们还拿走了我的书包。' }, { requestId }), 'CONFLICT');
    expect(e.message).toContain('请求编号');
    expect(await messages()).toEqual(['第一次补充：是三个人。']);
  });

  test('someone else sending my request id on an anonymous action gets nothing of mine', async () => {
    const mine = await submit(h, bullying());
    const theirs = await submit(h, bullying({ schoolId: NINGER_SCHOOL }), { as: freshAnonymous() });
    const requestId = rid();
    ok(await h.call('report.message', { trackingCode: mine.trackingCode, secret: mine.secret, text: '补充一点情况。' }, { requestId }));
    // anonymous actions share one idempotency scope: without the content check this replayed my answer
    expectKindError(await h.call('report.message', { trackingCode: theirs.trackingCode, secret: theirs.secret, text: '另一件事。' }, { requestId, as: freshAnonymous() }), 'CONFLICT');
  });

  test('a staff note with a reused request id is refused rather than lost; the same note retried is applied once', async () => {
    const id = await caseIdOf(h, (await submit(h, online())).trackingCode);
    const police = await h.as('DEMO-POLICE');
    const requestId = rid();
    ok(await h.call('case.note', { id, text: '已联系网信办。' }, { as: police, requestId }));
    ok(await h.call('case.note', { id, text: '已联系网信办。' }, { as: police, requestId }));
    expectKindError(await h.call('case.note', { id, text: '另一条备注。' }, { as: police, requestId }), 'CONFLICT');
    expect((await h.store.collection<any>('case_events').find({ kind: 'note' })).map((e) => e.text)).toEqual(['已联系网信办。']);
  });

  test('the stored check says nothing about the content without the server key', async () => {
    const { trackingCode, secret } = await submit(h, bullying());
    ok(await h.call('report.message', { trackingCode, secret, text: '一段只有举报人知道的话。' }));
    const rows = JSON.stringify(await h.store.collection('idempotency').find());
    for (const f of [secret, secret.replace('-', ''), trackingCode, '一段只有举报人知道的话']) expect(rows).not.toContain(f);
  });
});

describe('photos', () => {
  const png = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#3a7' } }).png().toBuffer();

  test('a photo already attached to one case cannot be listed in another report', async () => {
    const { fileId } = await saveUpload(h.store, h.blobs, await png(), h.clock);
    const first = await submit(h, bullying({ photoIds: [fileId] }));
    const firstId = await caseIdOf(h, first.trackingCode);
    // e.g. a handler of the first case, who sees its photo ids, filing a report to another county
    const teacher = await h.as('DEMO-TEACHER');
    const casesBefore = await h.store.collection('cases').count();
    expectKindError(await h.call('report.mandatory', bullying({ schoolId: NINGER_SCHOOL, photoIds: [fileId] }), { as: teacher }), 'BAD_INPUT');
    expectKindError(await h.call('report.submit', bullying({ schoolId: NINGER_SCHOOL, photoIds: [fileId] }), { as: freshAnonymous() }), 'BAD_INPUT');
    expect(await h.store.collection('cases').count()).toBe(casesBefore);
    expect((await h.store.collection('uploads').get(fileId))!.caseId).toBe(firstId);
  });

  test('a retried report still finds its own photos', async () => {
    const { fileId } = await saveUpload(h.store, h.blobs, await png(), h.clock);
    const requestId = rid();
    const form = bullying({ photoIds: [fileId] });
    const [a, b] = await Promise.all([h.call('report.submit', form, { requestId }), h.call('report.submit', form, { requestId })]);
    expect(ok(b)).toEqual(ok(a));
    expect(ok(await h.call('report.submit', form, { requestId }))).toEqual(ok(a));
  });
});

test.each([
  ['year 0000', '0000-01-01T00:00:00Z'],
  ['the nineteenth century', '1899-12-31T23:59:59+08:00'],
])('a time it happened in %s is refused in words, and nothing is written', async (_what, occurredAt) => {
  const e = expectKindError(await h.call('report.submit', bullying({ occurredAt })), 'BAD_INPUT');
  expect(e.message).toContain('发生时间');
  expect(await h.store.collection('cases').count()).toBe(0);
});

test('a login leaves no time finer than the day, so it cannot be lined up with a report filed a minute later', async () => {
  h.clock.set('2026-11-28T10:17:23.456+08:00');
  const student = await h.login();
  h.clock.advance(60_000);
  await submit(h, bullying(), { as: student.who });
  const user = (await h.store.collection<any>('users').get(student.userId))!;
  const [session] = await h.store.collection<any>('sessions').find({ userId: student.userId });
  const dayStart = Date.parse('2026-11-28T00:00:00+08:00');
  expect(user.createdAt).toBe(dayStart);
  expect((session.expiresAt - dayStart) % (24 * 3600_000)).toBe(0);
  expect(session.expiresAt - h.clock.now().getTime()).toBeGreaterThanOrEqual(30 * 24 * 3600_000 - 120_000);
});

describe('hostile input to every action', () => {
  const ZERO_CASE = 'c' + '0'.repeat(31);
  const SAMPLES: unknown[] = [
    7, 'text', [], true,
    JSON.parse('{"__proto__":{"polluted":true}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
    { id: { $ne: null } }, { id: [ZERO_CASE] }, { code: { $ne: null } }, { trackingCode: 1, secret: 2 },
    { category: 'toString', description: '这是一段足够长的描述文字内容', countyId: 'simao' },
    { category: 'bullying', description: '这是一段足够长的描述文字内容', countyId: '__proto__' },
    { category: 'bullying', description: '这是一段足够长的描述文字内容', schoolId: 'constructor' },
    { category: 'bullying', description: '这是一段足够长的描述文字内容', countyId: 'simao', flags: JSON.parse('{"__proto__":{"injury":true}}') },
    { category: 'bullying', description: '这是一段足够长的描述文字内容', countyId: 'simao', occurredAt: '+275760-09-13T00:00:00Z' },
    { category: 'dangerous_water', description: '这是一段足够长的描述文字内容', countyId: 'simao', waterType: 'constructor' },
    { status: '__proto__' }, { overdueOnly: 'yes' }, { from: '2026-13-01' }, { from: '9999-12-31', to: '0000-01-01' },
    { id: ZERO_CASE, toDeptId: '__proto__', reason: '转交原因' }, { id: ZERO_CASE, disposition: 'toString', summary: '处理情况说明' },
    { cloudFileId: 'cloud://env.bucket/tmp-uploads/../uploads/x' }, { deviceId: ['device_0001'] }, { token: {} }, { code: 'constructor' },
  ];

  test('answers 4xx in Chinese, never a fault, writes nothing, and pollutes nothing', async () => {
    await submit(h, bullying());
    const everyone = await h.asBinding(
      { role: 'handler', deptId: 'simao.police', jurisdiction: 'simao' },
      { role: 'coordinator', jurisdiction: 'city' },
      { role: 'school_safety_officer', schoolId: 'sch-simao-1' },
      { role: 'psych_teacher', schoolId: 'sch-simao-1' },
      { role: 'class_teacher', schoolId: 'sch-simao-1', classId: 'cls-simao-1-7-1' },
    );
    const written = async () => {
      const dump = await h.store.dump!();
      // rate-limit counters and their daily key are the only rows a refused call may leave, besides the audit
      // row of a refusal at the role gate (core/denied.ts) and of a refused read of sensitive records (core/deniedAudit.ts)
      const kept = (t: string, r: Doc) => !(t === 'audit' && (r.action === 'denied' || String(r.action).startsWith('denied:')));
      return Object.entries(dump).filter(([t]) => t !== 'rate_limits' && t !== 'rate_keys')
        .map(([t, rows]) => `${t}:${rows.filter((r: Doc) => kept(t, r)).map((r: Doc) => r._id).join(',')}`).join('|');
    };
    const before = await written();
    for (const name of actions.keys()) {
      for (const data of SAMPLES) {
        const res = await h.call(name, data, { as: everyone });
        if (res.ok) throw new Error(`${name} accepted ${JSON.stringify(data)}`);
        if (res.error!.code === 'INTERNAL') throw new Error(`${name} ${JSON.stringify(data)} → INTERNAL`);
        expectKindError(res);
      }
    }
    expect(await written()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
