/**
 * The reporter's side through the real dispatcher on a temporary SQLite
 * file: routing end to end, the secret, idempotent retries, the rate limit,
 * photos, the text check, the dialogue, and the named mandatory channel.
 * (The full routing matrix is test/domain/routing.test.ts.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { verifySlowHash } from '../../src/cloud/core/crypto';
import { saveUpload } from '../../src/cloud/media/uploads';
import { verifyFileSignature } from '../../src/cloud/media/signedUrl';
import { makeHarness, rid, type Harness } from './harness';
import { bullying, caseIdOf, expectKindError, freshAnonymous, ok, online, sexualAbuse, submit, NINGER_SCHOOL, SIMAO_SCHOOL } from '../fixtures/reports';

const HOUR = 3600_000;
let h: Harness;
beforeEach(async () => { h = await makeHarness(); });
afterEach(async () => { await h.close(); });

const caseByCode = async (code: string) => (await h.store.collection<any>('cases').find({ trackingCode: code }))[0];
const outboxTo = async (to: string) => (await h.store.collection<any>('outbox').find({ to }));

describe('routing, end to end through report.submit', () => {
  test.each([
    {
      name: 'bullying with an injury at a 思茅 school: the school and county education lead, police informed',
      form: bullying({ flags: { injury: true } }),
      lead: ['school:sch-simao-1:school_safety_officer', 'simao.edu'], informed: ['simao.police'], priority: 'P2',
      routedTo: ['思茅区第一中学（学校安全专干）', '思茅区教育体育局', '普洱市公安局思茅分局'],
    },
    {
      name: 'the same at a 宁洱 school goes to 宁洱\'s units',
      form: bullying({ schoolId: NINGER_SCHOOL, flags: { injury: true } }),
      lead: ['school:sch-ninger-1:school_safety_officer', 'ninger.edu'], informed: ['ninger.police'], priority: 'P2',
      routedTo: ['宁洱县第一中学（学校安全专干）', '宁洱县教育体育局', '宁洱县公安局'],
    },
    {
      name: 'bullying without injury, weapon or extortion does not involve the police',
      form: bullying({ flags: { injury: false } }),
      lead: ['school:sch-simao-1:school_safety_officer', 'simao.edu'], informed: [], priority: 'P2',
    },
    {
      name: 'a fish pond in 澜沧 in November: agriculture leads, P2 out of season',
      form: { category: 'dangerous_water', waterType: 'fish_pond', countyId: 'lancang', description: '村口的鱼塘没有围栏，放学后常有小孩在边上玩。' },
      lead: ['lancang.agriculture'], informed: ['lancang.edu', 'lancang.emergency'], priority: 'P2',
    },
    {
      name: 'a reservoir in 澜沧: water affairs leads',
      form: { category: 'dangerous_water', waterType: 'reservoir', countyId: 'lancang', description: '水库边上的护栏坏了很久，周末有学生去游泳。' },
      lead: ['lancang.water'], informed: ['lancang.edu', 'lancang.emergency'], priority: 'P2',
    },
    {
      name: 'a river-bed sand pit in 思茅: the district water bureau leads',
      form: { category: 'dangerous_water', waterType: 'sand_pit', countyId: 'simao', description: '河边挖沙留下好几个深水坑，没有任何警示牌。' },
      lead: ['simao.water'], informed: ['simao.edu', 'simao.emergency'], priority: 'P2',
    },
    {
      name: 'sexual abuse: police lead, procuratorate and education informed, P1',
      form: sexualAbuse(),
      lead: ['simao.police'], informed: ['simao.procuratorate', 'simao.edu'], priority: 'P1',
    },
    {
      name: 'a child at risk of self-harm: the school psychology teacher and education lead',
      form: { category: 'self_harm_risk', schoolId: SIMAO_SCHOOL, description: '我同桌这几天一直说不想活了，手臂上有划痕。' },
      lead: ['school:sch-simao-1:psych_teacher', 'simao.edu'], informed: ['simao.health'], priority: 'P1',
    },
  ])('$name', async ({ form, lead, informed, priority, routedTo }) => {
    const now = h.clock.now().getTime();
    const r = await submit(h, form);
    expect(r.priority).toBe(priority);
    expect(r.dueAt).toBe(now + (priority === 'P1' ? HOUR : 24 * HOUR));
    if (routedTo) expect(r.routedTo).toEqual(routedTo);
    const c = await caseByCode(r.trackingCode);
    expect(c.lead.map((u: any) => (u.type === 'dept' ? u.id : `school:${u.id}:${u.staffRole}`))).toEqual(lead);
    expect(c.deptIds).toEqual([...lead, ...informed]);
    // every lead unit is told, with nothing about the reporter
    for (const key of lead) {
      const [msg] = await outboxTo(key);
      expect(msg).toMatchObject({ channel: 'subscribe_message', template: 'new_case', status: 'pending' });
      expect(Object.keys(msg.data).sort()).toEqual(['category', 'due', 'priority']);
    }
    for (const key of informed) expect(await outboxTo(key)).toEqual([]);
  });

  test('dangerous water is P1 in the May-September season', async () => {
    h.clock.set('2026-06-15T04:00:00Z');
    const r = await submit(h, { category: 'dangerous_water', waterType: 'river', countyId: 'lancang', description: '河边没有护栏，放暑假了天天有孩子去游泳。' });
    expect(r.priority).toBe('P1');
    expect(r.dueAt).toBe(Date.parse('2026-06-15T05:00:00Z'));
  });

  test('a report without a water type for dangerous water is refused in words', async () => {
    const e = expectKindError(await h.call('report.submit', { category: 'dangerous_water', countyId: 'lancang', description: '水库边上的护栏坏了很久了。' }), 'BAD_INPUT');
    expect(e.message).toContain('水域');
  });
});

describe('the tracking code and the secret', () => {
  test('the answer holds a readable code and secret; only a slow hash of the secret is stored', async () => {
    const r = await submit(h, bullying());
    expect(r.trackingCode).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$/);
    expect(r.secret).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    const c = await caseByCode(r.trackingCode);
    expect(c.secretHash).toMatch(/^scrypt\$/);
    expect(await verifySlowHash(r.secret, c.secretHash)).toBe(true);
    expect(await verifySlowHash('AAAA-BBBB', c.secretHash)).toBe(false);
    const dump = JSON.stringify(await h.store.dump!());
    expect(dump).not.toContain(r.secret);
    expect(dump).not.toContain(r.secret.replace('-', ''));
  });

  test('a retried request gets the same code and secret back and makes one case', async () => {
    const requestId = rid();
    const first = await submit(h, bullying(), { requestId });
    const again = await submit(h, bullying(), { requestId });
    expect(again).toEqual(first);
    expect(await h.store.collection('cases').count()).toBe(1);
    expect(await h.store.collection('case_events').count()).toBe(1);
    expect(await h.store.collection('outbox').count()).toBe(2); // the two lead units, once each
    // and the retried secret works
    ok(await h.call('report.status', { trackingCode: first.trackingCode, secret: again.secret }));
  });

  test('a request id replayed with a different form does not get the secret', async () => {
    const requestId = rid();
    await submit(h, bullying(), { requestId });
    const before = await h.store.dump!();
    const res = await h.call('report.submit', bullying({ description: '我猜到了别人的请求编号，想拿到他的查询密码。' }), { requestId });
    const e = expectKindError(res, 'CONFLICT');
    expect(JSON.stringify(res)).not.toMatch(/secret/);
    expect(e.message).toContain('重新提交');
    expect(await h.store.dump!()).toEqual(before);
  });

  test('two copies of one request racing each other still make one case', async () => {
    const requestId = rid();
    const [a, b] = await Promise.all([submit(h, bullying(), { requestId }), submit(h, bullying(), { requestId })]);
    expect(a).toEqual(b);
    expect(await h.store.collection('cases').count()).toBe(1);
    expect(await h.store.collection('outbox').count()).toBe(2);
  });

  test('different requests get different codes and secrets', async () => {
    const a = await submit(h, bullying());
    const b = await submit(h, bullying());
    expect(a.trackingCode).not.toBe(b.trackingCode);
    expect(a.secret).not.toBe(b.secret);
  });
});

describe('limits and checks', () => {
  test('five reports an hour per caller; the sixth is refused kindly, a retry of an earlier one is not', async () => {
    const me = await h.as(); // a session (H5 sends it; weapp has the OPENID): an address alone gets ADDRESS_SHARED_BY times more
    const first = rid();
    await submit(h, bullying(), { as: me, requestId: first });
    for (let i = 0; i < 4; i++) await submit(h, bullying(), { as: me });
    const e = expectKindError(await h.call('report.submit', bullying(), { as: me }), 'RATE_LIMITED');
    expect(e.message).toContain('110');
    await submit(h, bullying(), { as: me, requestId: first }); // a retry is not a new report
    await submit(h, bullying(), { as: freshAnonymous() }); // someone else is not affected
    h.clock.advance(HOUR);
    await submit(h, bullying(), { as: me });
  });

  test('a text the platform check marks risky is still filed, flagged for the handler', async () => {
    // A child describing abuse uses the very words such filters refuse: never bounce a report.
    const strict = await makeHarness(undefined, { checkText: async () => ({ ok: false }) });
    try {
      const r = await submit(strict, bullying());
      const [c] = await strict.store.collection<any>('cases').find({ trackingCode: r.trackingCode });
      expect(c.textCheck).toBe('flagged');
      const edu = await strict.as('DEMO-EDU');
      const got = await strict.call('case.get', { id: c._id }, { as: edu });
      expect(got.data.textCheck).toBe('flagged');
    } finally {
      await strict.close();
    }
  });

  test('the case records whether the text check ran or was skipped', async () => {
    const r1 = await submit(h, bullying());
    expect((await caseByCode(r1.trackingCode)).textCheck).toBe('skipped');
    const checked = await makeHarness(undefined, { checkText: async () => ({ ok: true }) });
    try {
      const r2 = await submit(checked, bullying());
      const [c] = await checked.store.collection<any>('cases').find({ trackingCode: r2.trackingCode });
      expect(c.textCheck).toBe('passed');
    } finally {
      await checked.close();
    }
  });

  test('the time it happened may not be in the future (a few minutes of phone-clock slack allowed)', async () => {
    const now = h.clock.now().getTime();
    expectKindError(await h.call('report.submit', bullying({ occurredAt: new Date(now + HOUR).toISOString() })), 'BAD_INPUT');
    const r = await submit(h, bullying({ occurredAt: new Date(now + 2 * 60_000).toISOString() }));
    expect((await caseByCode(r.trackingCode)).occurredAt).toBe(now + 2 * 60_000);
    await submit(h, bullying({ occurredAt: '2026-11-27T18:30:00+08:00' }));
  });
});

describe('photos', () => {
  const gps = readFileSync(path.join(__dirname, '../fixtures/gps.jpg'));

  test('uploaded photos attach to the case and reach the handler as short-lived signed links', async () => {
    const { fileId } = await saveUpload(h.store, h.blobs, gps, h.clock);
    const r = await submit(h, bullying({ photoIds: [fileId] }));
    const id = await caseIdOf(h, r.trackingCode);
    expect((await h.store.collection('uploads').get(fileId))!.caseId).toBe(id);

    const edu = await h.as('DEMO-EDU');
    const c = ok(await h.call('case.get', { id }, { as: edu }));
    expect(c.photos).toHaveLength(1);
    const url = new URL(c.photos[0].url, 'http://x');
    expect(url.pathname).toBe(`/files/${fileId}`);
    const now = h.clock.now().getTime();
    expect(verifyFileSignature(h.serverKey, fileId, Number(url.searchParams.get('exp')), url.searchParams.get('sig'), now)).toBe(true);
    expect(verifyFileSignature(h.serverKey, fileId, Number(url.searchParams.get('exp')), url.searchParams.get('sig'), now + HOUR)).toBe(false);
  });

  test('a photo id that was never uploaded, or more than three, is refused', async () => {
    expectKindError(await h.call('report.submit', bullying({ photoIds: ['f' + 'x'.repeat(24)] })), 'BAD_INPUT');
    const e = expectKindError(await h.call('report.submit', bullying({ photoIds: ['a', 'b', 'c', 'd'] })), 'BAD_INPUT');
    expect(e.message).toContain('3张');
    expect(await h.store.collection('cases').count()).toBe(0);
  });
});

describe('the dialogue', () => {
  test('submit → the handler lists, acknowledges and replies → the reporter reads the reply; the reporter answers back', async () => {
    const r = await submit(h, bullying());
    const edu = await h.as('DEMO-EDU');
    const { items } = ok(await h.call('case.list', {}, { as: edu }));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ caseNumber: expect.stringMatching(/^\d{8}-[0-9A-F]{6}$/), status: 'new', lead: true, categoryName: '欺凌、校园暴力', schoolName: '思茅区第一中学' });
    const id = items[0].id;

    ok(await h.call('case.acknowledge', { id }, { as: edu }));
    h.clock.advance(60_000);
    ok(await h.call('case.reply', { id, text: '你好，我们已经收到，会和学校一起处理。你现在安全吗？' }, { as: edu }));
    ok(await h.call('case.note', { id, text: '内部：已电话联系学校安全专干刘建国。' }, { as: edu }));

    const s = ok(await h.call('report.status', { trackingCode: r.trackingCode.toLowerCase(), secret: r.secret }));
    expect(s).toMatchObject({ trackingCode: r.trackingCode, status: 'acknowledged', statusName: '正在处理', category: 'bullying', priority: 'P2' });
    expect(s.messages).toEqual([{ from: 'handler', text: '你好，我们已经收到，会和学校一起处理。你现在安全吗？', at: h.clock.now().getTime() }]);
    expect(s.timeline.map((t: any) => t.kind)).toEqual(['submitted', 'acknowledged']);
    const shown = JSON.stringify(s);
    expect(shown).not.toContain('杨帆'); // the handler's name
    expect(shown).not.toContain('刘建国'); // the internal note
    expect(shown).not.toContain(edu.userId!);

    ok(await h.call('report.message', { trackingCode: r.trackingCode, secret: r.secret, text: '我现在安全，谢谢。他们一般在午休的时候来。' }));
    const full = ok(await h.call('case.get', { id }, { as: edu }));
    expect(full.messages.map((m: any) => m.from)).toEqual(['handler', 'reporter']);
    expect(full.notes).toHaveLength(1);
    expect((await h.store.collection<any>('outbox').find({ template: 'case_message' })).map((m) => m.to).sort())
      .toEqual(['school:sch-simao-1:school_safety_officer', 'simao.edu']);
    const again = ok(await h.call('report.status', { trackingCode: r.trackingCode, secret: r.secret }));
    expect(again.messages.map((m: any) => m.from)).toEqual(['handler', 'reporter']);
  });

  test('the reporter sees the result of a resolved case in plain words', async () => {
    const r = await submit(h, online());
    const id = await caseIdOf(h, r.trackingCode);
    const cyber = await h.asBinding({ role: 'handler', deptId: 'simao.cyberspace', jurisdiction: 'simao', displayName: '周宁' });
    ok(await h.call('case.acknowledge', { id }, { as: cyber }));
    ok(await h.call('case.resolve', { id, disposition: 'substantiated', summary: '已约谈群主并解散该群，相关账号已封禁。' }, { as: cyber }));
    const s = ok(await h.call('report.status', { trackingCode: r.trackingCode, secret: r.secret }));
    expect(s).toMatchObject({ status: 'resolved', statusName: '已办结', disposition: 'substantiated', dispositionName: '情况属实，已处理' });
    expect(JSON.stringify(s)).not.toContain('约谈群主'); // the summary is for staff
  });
});

describe('how the reporter is spoken to', () => {
  test('你 in every line of an anonymous reporter\'s timeline (a child, as the report pages say), 您 to the filer of a 强制报告', async () => {
    const r = await submit(h, bullying());
    const id = await caseIdOf(h, r.trackingCode);
    ok(await h.call('case.transfer', { id, toDeptId: 'simao.police', reason: '涉及抢钱，应由公安办理。' }, { as: await h.as('DEMO-EDU') }));
    const police = await h.as('DEMO-POLICE');
    ok(await h.call('case.acknowledge', { id }, { as: police }));
    ok(await h.call('case.resolve', { id, disposition: 'substantiated', summary: '已和学校一起找到涉事学生并教育，家长已到校。' }, { as: police }));
    ok(await h.call('report.message', { trackingCode: r.trackingCode, secret: r.secret, text: '今天他们又在厕所门口堵我了。' }));
    const lines = ok(await h.call('report.status', { trackingCode: r.trackingCode, secret: r.secret })).timeline.map((t: any) => t.text);
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^已收到你反映的情况/), expect.stringMatching(/^你反映的情况已转交给/),
      expect.stringContaining('谢谢你的信任'), expect.stringMatching(/^你的留言已收到/),
    ]));
    expect(lines.join('\n')).not.toContain('您');

    const teacher = await h.as('DEMO-TEACHER');
    const m = ok(await h.call('report.mandatory', bullying({ relation: 'other' }), { as: teacher }));
    expect(ok(await h.call('case.get', { id: m.caseId }, { as: teacher })).timeline[0].text).toMatch(/^已收到您反映的情况/);
  });
});

describe('mandatory reports (强制报告)', () => {
  test('the filer is named to the handler; abuse categories become P1; no secret is issued', async () => {
    const teacher = await h.as('DEMO-TEACHER');
    const r = ok(await h.call('report.mandatory', bullying({ relation: 'other' }), { as: teacher }));
    expect(r.priority).toBe('P1'); // bullying is P2 on the anonymous channel
    expect(r.dueAt).toBe(h.clock.now().getTime() + HOUR);
    expect(r).not.toHaveProperty('secret');
    expect(r.caseNumber).toMatch(/^\d{8}-[0-9A-F]{6}$/); // staff get a case number, not a tracking code

    const edu = await h.as('DEMO-EDU');
    const c = ok(await h.call('case.get', { id: r.caseId }, { as: edu }));
    expect(c.channel).toBe('mandatory');
    expect(c.reporter).not.toHaveProperty('userId'); // name and post, never our internal user id
    expect(JSON.stringify(c)).not.toContain(teacher.userId!);
    expect(c.reporter).toMatchObject({ displayName: '王丽华', role: 'class_teacher', roleName: '班主任', schoolName: '思茅区第一中学' });
    expect(c.timeline[0].text).toContain('王丽华');
  });

  test('the filer follows their own report: listed as theirs, reporter view, told about replies', async () => {
    const teacher = await h.as('DEMO-TEACHER');
    const r = ok(await h.call('report.mandatory', sexualAbuse(), { as: teacher }));
    const { items } = ok(await h.call('case.list', {}, { as: teacher }));
    expect(items).toEqual([expect.objectContaining({ id: r.caseId, mine: true, lead: false })]);

    const police = await h.as('DEMO-POLICE');
    ok(await h.call('case.acknowledge', { id: r.caseId }, { as: police }));
    ok(await h.call('case.note', { id: r.caseId, text: '内部：已安排民警走访。' }, { as: police }));
    ok(await h.call('case.reply', { id: r.caseId, text: '王老师您好，我们已经立案，请保护好孩子。' }, { as: police }));

    const mine = ok(await h.call('case.get', { id: r.caseId }, { as: teacher }));
    expect(mine.view).toBe('reporter');
    expect(mine.messages).toEqual([expect.objectContaining({ from: 'handler', text: '王老师您好，我们已经立案，请保护好孩子。' })]);
    expect(JSON.stringify(mine)).not.toContain('走访');
    expect(JSON.stringify(mine)).not.toContain('赵明');
    const [told] = await h.store.collection<any>('outbox').find({ template: 'case_reply' });
    expect(told.to).toBe(teacher.userId);

    // another class teacher cannot read it
    const other = await h.as('DEMO-TEACHER');
    expectKindError(await h.call('case.get', { id: r.caseId }, { as: other }), 'FORBIDDEN');
  });

  test('without a school or county the report is placed at the filer\'s own school', async () => {
    const psy = await h.as('DEMO-PSY');
    const form = { category: 'self_harm_risk', description: '一名学生在心理课后说最近每天都想消失，需要尽快关注。' };
    const r = ok(await h.call('report.mandatory', form, { as: psy }));
    const c = await h.store.collection<any>('cases').get(r.caseId);
    expect(c.schoolId).toBe(SIMAO_SCHOOL);
    expect(c.deptIds).toContain('school:sch-simao-1:psych_teacher');
  });

  test('a retried mandatory report makes one case', async () => {
    const teacher = await h.as('DEMO-TEACHER');
    const requestId = rid();
    const a = ok(await h.call('report.mandatory', bullying(), { as: teacher, requestId }));
    const b = ok(await h.call('report.mandatory', bullying(), { as: teacher, requestId }));
    expect(b).toEqual(a);
    expect(await h.store.collection('cases').count()).toBe(1);
  });

  test('students and people without a session cannot use the named channel', async () => {
    expectKindError(await h.call('report.mandatory', bullying(), { as: await h.as('DEMO-STUDENT') }), 'FORBIDDEN');
    expectKindError(await h.call('report.mandatory', bullying()), 'UNAUTHENTICATED');
  });
});
