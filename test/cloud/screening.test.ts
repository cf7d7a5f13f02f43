/**
 * Screening end to end in the cloud layer: consent, answering, drafts on a
 * second device, bad input refused with nothing written, submit once (also
 * under a parallel burst), alerts on the right answers, escalation with the
 * injected clock, and the 一生一策 file.
 */
import { runScheduledJobs } from '../../src/cloud/functions/scheduler/jobs';
import { runScreeningEscalation } from '../../src/cloud/handlers/scheduler/screeningAlerts';
import type { CollectionName } from '../../src/cloud/store/types';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { saveUpload } from '../../src/cloud/media/uploads';
import { makeHarness, rid, type Harness } from './harness';
import { expectKindError, ok } from '../fixtures/reports';
import { acute, calm, DEMO_CAMPAIGN, item9, OLDER, severeBand, STUDENT } from '../fixtures/screening';

const MIN = 60_000;
const HOUR = 60 * MIN;
let h: Harness;
// 2026-11-28 10:00 in Pu'er
beforeEach(async () => { h = await makeHarness('2026-11-28T02:00:00Z'); });
afterEach(async () => { await h.close(); });

const consentAsParent = async () => ok(await h.call('screening.consent', { campaignId: DEMO_CAMPAIGN, studentId: STUDENT, agree: true }, { as: await h.as('DEMO-PARENT') }));
const rows = (c: CollectionName) => h.store.collection<any>(c).find();
const snapshot = async () => Object.fromEntries(await Promise.all(
  (['screening_responses', 'screening_alerts', 'screening_drafts', 'outbox'] as const).map(async (c) => [c, (await rows(c)).length]),
));

describe('consent (PIPL: under 14 needs a guardian)', () => {
  test('the 13-year-old sees "not yet" and no questionnaire until her guardian agrees', async () => {
    const student = await h.as('DEMO-STUDENT');
    const before = ok(await h.call('screening.current', {}, { as: student }));
    expect(before).toMatchObject({ role: 'student', campaign: { id: DEMO_CAMPAIGN }, consent: 'needed', instruments: [], finished: false });
    expect(JSON.stringify(before)).not.toContain('死');
    const refused = expectKindError(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: calm() }, { as: student }), 'FORBIDDEN');
    expect(refused.message).toContain('家长');
    expectKindError(await h.call('screening.saveDraft', { campaignId: DEMO_CAMPAIGN, answers: {} }, { as: student }), 'FORBIDDEN');

    // the guardian sees the consent text and the need, then agrees
    const parent = await h.as('DEMO-PARENT');
    const seen = ok(await h.call('screening.current', {}, { as: parent }));
    expect(seen).toMatchObject({ role: 'guardian', consent: 'needed', child: { id: STUDENT }, instruments: [] });
    expect(seen.campaign.consentText).toContain('个人信息保护法');
    ok(await h.call('screening.consent', { campaignId: DEMO_CAMPAIGN, studentId: STUDENT, agree: true }, { as: parent }));

    const after = ok(await h.call('screening.current', {}, { as: student }));
    expect(after.consent).toBe('given');
    expect(after.instruments.map((i: any) => i.id)).toEqual(['phq-a', 'gad-7', 'asq']);
    expect(after.instruments[0].items).toHaveLength(9);
    // item 9 brings "who to talk to now" at once; ordinary items do not
    expect(after.instruments[0].items[8].talkNowIf).toEqual([1, 2, 3]);
    expect(after.instruments[0].items[0].talkNowIf).toBeUndefined();
    expect(after.instruments[0].items[0]).toEqual({ id: 'q1', text: expect.any(String), options: expect.arrayContaining([{ value: 0, label: '完全不会' }]) });
    // the student never sees instrument names, bands or rules
    expect(JSON.stringify(after)).not.toMatch(/PHQ|GAD|ASQ|bands|中重度|critical/);
  });

  test('the 14-year-old needs no consent; a guardian cannot consent for them', async () => {
    const older = await h.asBinding({ role: 'student', schoolId: 'sch-simao-1', classId: 'cls-simao-1-8-2', studentId: OLDER });
    expect(ok(await h.call('screening.current', {}, { as: older })).consent).toBe('not_required');
    const guardian = await h.as();
    await h.store.collection('users').put({ _id: guardian.userId!, roles: [{ role: 'guardian', schoolId: 'sch-simao-1', studentId: OLDER }], createdAt: 0 });
    await h.store.collection('guardianships').put({ _id: `${guardian.userId}:${OLDER}`, userId: guardian.userId, studentId: OLDER });
    expectKindError(await h.call('screening.consent', { campaignId: DEMO_CAMPAIGN, studentId: OLDER, agree: false }, { as: guardian }), 'CONFLICT');
  });

  test('a guardian of another child gets 403 and nothing is written', async () => {
    const other = await h.asBinding({ role: 'guardian', schoolId: 'sch-simao-1', studentId: 'stu-simao-3' });
    const e = expectKindError(await h.call('screening.consent', { campaignId: DEMO_CAMPAIGN, studentId: STUDENT, agree: true }, { as: other }), 'FORBIDDEN');
    expect(e.message).toContain('绑定');
    // holding the binding without the link row (a forged role) is not enough either
    const forged = await h.asBinding({ role: 'guardian', schoolId: 'sch-simao-1', studentId: STUDENT });
    expectKindError(await h.call('screening.consent', { campaignId: DEMO_CAMPAIGN, studentId: STUDENT, agree: true }, { as: forged }), 'FORBIDDEN');
    expect(await rows('screening_consents')).toEqual([]);
  });

  test('the psychology teacher records a paper form: who, when, and its evidence', async () => {
    const psy = await h.as('DEMO-PSY');
    const { fileId } = await saveUpload(h.store, h.blobs, readFileSync(path.join(__dirname, '../fixtures/gps.jpg')), h.clock);
    const form = { campaignId: DEMO_CAMPAIGN, studentId: STUDENT, guardianName: '刘芳', formDate: '2026-11-27', photoId: fileId };
    const r = ok(await h.call('screening.paperConsent', form, { as: psy }));
    expect(r).toMatchObject({ consent: 'given', via: 'paper_form', at: h.clock.now().getTime() });
    const [doc] = await rows('screening_consents');
    expect(doc).toMatchObject({
      via: 'paper_form', byName: '陈静（据刘芳签署的纸质同意书录入）', byUserId: psy.userId, at: h.clock.now().getTime(),
      paper: { guardianName: '刘芳', relation: '母亲', formDate: '2026-11-27', photoId: fileId, recordedByName: '陈静' },
    });
    // another school's psychology teacher cannot
    const other = await h.asBinding({ role: 'psych_teacher', schoolId: 'sch-ninger-1' });
    expectKindError(await h.call('screening.paperConsent', form, { as: other }), 'FORBIDDEN');
  });

  test('a guardian may decline: respected, counted, and the student is told kindly', async () => {
    const parent = await h.as('DEMO-PARENT');
    ok(await h.call('screening.consent', { campaignId: DEMO_CAMPAIGN, studentId: STUDENT, agree: false }, { as: parent }));
    const student = await h.as('DEMO-STUDENT');
    expect(ok(await h.call('screening.current', {}, { as: student }))).toMatchObject({ consent: 'declined', instruments: [] });
    expect(expectKindError(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: calm() }, { as: student }), 'FORBIDDEN').message).toContain('没有同意');
    const stats = ok(await h.call('screening.stats', { campaignId: DEMO_CAMPAIGN }, { as: await h.as('DEMO-PSY') }));
    // grade 8 of the demo school: six students, five of them under 14 — four await consent, one declined
    expect(stats.total).toMatchObject({ eligible: 6, declined: 1, finished: 0, awaitingConsent: 4 });
    // the class teacher sees "not taking part", not "missing"
    const comp = ok(await h.call('screening.completion', { campaignId: DEMO_CAMPAIGN }, { as: await h.as('DEMO-TEACHER') }));
    expect(comp.classes[0].students.find((s: any) => s.studentId === STUDENT).status).toBe('declined');
  });
});

describe('answering', () => {
  test('a draft saved on one phone continues on another after a second login', async () => {
    await consentAsParent();
    const phone1 = await h.as('DEMO-STUDENT');
    const partial = { 'phq-a': { q1: 1, q2: 2 } };
    ok(await h.call('screening.saveDraft', { campaignId: DEMO_CAMPAIGN, answers: partial }, { as: phone1 }));
    const phone2 = await h.as('DEMO-STUDENT');
    expect(phone2.userId).not.toBe(phone1.userId);
    const seen = ok(await h.call('screening.current', {}, { as: phone2 }));
    expect(seen.draft).toMatchObject({ answers: partial, updatedAt: h.clock.now().getTime() });
    ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: calm() }, { as: phone2 }));
    expect(await rows('screening_drafts')).toEqual([]);
  });

  test('a calm submission: supportive words, no crisis, no alert, and never a band', async () => {
    await consentAsParent();
    const student = await h.as('DEMO-STUDENT');
    const r = ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: calm() }, { as: student }));
    expect(r.crisis).toBe(false);
    expect(r.feedback).toContain('谢谢');
    expect(JSON.stringify(r)).not.toMatch(/total|band|轻度|中度|重度|抑郁|焦虑/);
    expect(await rows('screening_alerts')).toEqual([]);
    expect(ok(await h.call('screening.current', {}, { as: student }))).toMatchObject({ finished: true, instruments: [], crisis: false });
  });

  test('submit once: the same answers again get the same answer, other answers are refused', async () => {
    await consentAsParent();
    const student = await h.as('DEMO-STUDENT');
    const first = ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: item9() }, { as: student }));
    // same answers, keys in another order, a new request id
    const reordered = Object.fromEntries(Object.entries(item9()).reverse());
    expect(ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: reordered }, { as: student }))).toEqual(first);
    const e = expectKindError(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: calm() }, { as: student }), 'CONFLICT');
    expect(e.message).toContain('已经提交过');
    expect(await rows('screening_responses')).toHaveLength(1);
    expect(await rows('screening_alerts')).toHaveLength(1);
    expect((await rows('outbox')).filter((m) => m.template === 'screening_alert')).toHaveLength(1);
  });

  test('a parallel burst of the same submit stores one response and raises one alert', async () => {
    await consentAsParent();
    const student = await h.as('DEMO-STUDENT');
    const results = await Promise.all(Array.from({ length: 12 }, () =>
      h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: acute() }, { as: student, requestId: rid() })));
    for (const r of results) expect(ok(r)).toMatchObject({ crisis: true });
    expect(await rows('screening_responses')).toHaveLength(1);
    expect(await rows('screening_alerts')).toHaveLength(1);
    expect((await rows('outbox')).filter((m) => m.template === 'screening_alert')).toHaveLength(1);
  });

  describe('bad answers are refused with a clear message and nothing is written', () => {
    let student: Awaited<ReturnType<Harness['as']>>;
    beforeEach(async () => {
      await consentAsParent();
      student = await h.as('DEMO-STUDENT');
    });
    const cases: Array<[string, () => unknown, string, RegExp]> = [
      ['a missing item', () => { const a: any = calm(); delete a['phq-a'].q4; return a; }, 'BAD_INPUT', /第4题还没有回答/],
      ['a missing instrument', () => { const a: any = calm(); delete a['gad-7']; return a; }, 'BAD_INPUT', /还没有回答/],
      ['an out-of-range value', () => ({ ...calm(), 'gad-7': { ...calm()['gad-7'], q2: 4 } }), 'BAD_INPUT', /第2题的选项无效/],
      ['a negative value', () => ({ ...calm(), 'gad-7': { ...calm()['gad-7'], q2: -1 } }), 'BAD_INPUT', /选项无效/],
      ['a text value', () => ({ ...calm(), 'gad-7': { ...calm()['gad-7'], q2: '1' } }), 'BAD_INPUT', /格式不对/],
      ['an unknown item', () => ({ ...calm(), 'gad-7': { ...calm()['gad-7'], q8: 1 } }), 'BAD_INPUT', /不认识的题目/],
      ['an unknown instrument', () => ({ ...calm(), 'scl-90': { q1: 1 } }), 'BAD_INPUT', /没有的部分/],
      ['the fifth ASQ question missing after a yes', () => ({ ...calm(), asq: { q1: 1, q2: 0, q3: 0, q4: 0 } }), 'BAD_INPUT', /第5题还没有回答/],
    ];
    test.each(cases)('%s', async (_name, answers, code, message) => {
      const before = await snapshot();
      const e = expectKindError(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: answers() }, { as: student }), code);
      expect(e.message).toMatch(message);
      expect(await snapshot()).toEqual(before);
    });
    test('an unknown campaign', async () => {
      const before = await snapshot();
      expectKindError(await h.call('screening.submit', { campaignId: 'cmp-nothing-here', answers: calm() }, { as: student }), 'NOT_FOUND');
      expectKindError(await h.call('screening.submit', { campaignId: '../etc', answers: calm() }, { as: student }), 'BAD_INPUT');
      expect(await snapshot()).toEqual(before);
    });
    test('a closed campaign, and one past its last day', async () => {
      const psy = await h.as('DEMO-PSY');
      ok(await h.call('campaign.update', { id: DEMO_CAMPAIGN, status: 'closed' }, { as: psy }));
      const before = await snapshot();
      expect(expectKindError(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: calm() }, { as: student }), 'CONFLICT').message).toContain('结束');
      expect(ok(await h.call('screening.current', {}, { as: student })).campaign).toBeNull();
      ok(await h.call('campaign.update', { id: DEMO_CAMPAIGN, status: 'open' }, { as: psy }));
      h.clock.advance(30 * 24 * HOUR);
      expectKindError(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: calm() }, { as: student }), 'CONFLICT');
      expect(await snapshot()).toEqual(before);
    });
    test('a student of another class or grade is not in the campaign', async () => {
      const other = await h.asBinding({ role: 'student', schoolId: 'sch-simao-2', classId: 'cls-simao-2-5-1', studentId: 'stu-simao-7' });
      expect(ok(await h.call('screening.current', {}, { as: other })).campaign).toBeNull();
      expectKindError(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: calm() }, { as: other }), 'NOT_FOUND');
    });
  });
});

describe('alerts and escalation', () => {
  const run = () => runScreeningEscalation({ store: h.store, clock: h.clock, outbox: h.outbox });
  const alertOf = async () => (await rows('screening_alerts'))[0];

  test.each([
    ['ASQ acute', acute, 'acute', HOUR],
    ['PHQ-A item 9', () => item9(2), 'same_day', 14 * HOUR], // 10:00 → midnight in Pu'er
    ['PHQ-A moderately severe band', severeBand, 'week', 7 * 24 * HOUR],
  ] as const)('%s: alert due on time, to the school psychology teacher, without a name', async (_n, answers, urgency, within) => {
    await consentAsParent();
    const now = h.clock.now().getTime();
    const r = ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: answers() }, { as: await h.as('DEMO-STUDENT') }));
    expect(r.crisis).toBe(urgency !== 'week');
    expect(await alertOf()).toMatchObject({ urgency, dueAt: now + within, status: 'open', schoolId: 'sch-simao-1', studentId: STUDENT });
    const [msg] = (await rows('outbox')).filter((m) => m.template === 'screening_alert');
    expect(msg.to).toBe('school:sch-simao-1:psych_teacher');
    expect(JSON.stringify(msg)).not.toMatch(/李小雨|stu-simao-1/);
    expect(ok(await h.call('home.summary', {}, { as: await h.as('DEMO-PSY') })).screening).toMatchObject({ openAlerts: 1, overdue: 0 });
  });

  test('an unhandled acute alert escalates to the county coordinator after an hour, once', async () => {
    await consentAsParent();
    ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: acute() }, { as: await h.as('DEMO-STUDENT') }));
    h.clock.advance(59 * MIN);
    expect(await run()).toEqual({ escalated: 0 });
    h.clock.advance(2 * MIN);
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.escalated + b.escalated).toBe(1);
    expect(await run()).toEqual({ escalated: 0 });
    const esc = (await rows('outbox')).filter((m) => m.template === 'screening_alert_escalated');
    expect(esc).toHaveLength(1);
    expect(esc[0]).toMatchObject({ to: 'simao.peace_office', data: { school: '思茅区第一中学' } });
    expect(JSON.stringify(esc)).not.toMatch(/李小雨|stu-simao-1/);
    expect(await h.store.collection('audit').count({ action: 'screening.escalate' })).toBe(1);
    // the coordinator's dashboard counts it, without who
    const stats = ok(await h.call('screening.stats', { campaignId: DEMO_CAMPAIGN }, { as: await h.as('DEMO-COORD-SIMAO') }));
    expect(stats.bySchool[0].overdueAlerts).toBe(1);
    expect(JSON.stringify(stats)).not.toMatch(/李小雨|stu-simao-1/);
  });

  test('a critical answer in a draft raises the alert before 提交; a more urgent submission raises it again', async () => {
    await consentAsParent();
    const student = await h.as('DEMO-STUDENT');
    ok(await h.call('screening.saveDraft', { campaignId: DEMO_CAMPAIGN, answers: { 'phq-a': { q1: 0, q9: 1 } } }, { as: student }));
    expect(await alertOf()).toMatchObject({ urgency: 'same_day', reasons: [expect.stringContaining('尚未提交')] });
    ok(await h.call('screening.saveDraft', { campaignId: DEMO_CAMPAIGN, answers: { 'phq-a': { q1: 0, q9: 2 } } }, { as: student }));
    expect((await rows('outbox')).filter((m) => m.template === 'screening_alert')).toHaveLength(1);
    h.clock.advance(10 * MIN);
    ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: { ...acute(), 'phq-a': item9()['phq-a'] } }, { as: student }));
    expect(await alertOf()).toMatchObject({ urgency: 'acute', dueAt: h.clock.now().getTime() + HOUR, status: 'open' });
    expect((await rows('outbox')).filter((m) => m.template === 'screening_alert').map((m) => m.data.urgency)).toEqual(['当天内', '紧急：1小时内']);
  });

  test('the scheduler\'s timer job runs the screening escalation too', async () => {
    await consentAsParent();
    ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: item9() }, { as: await h.as('DEMO-STUDENT') }));
    h.clock.advance(14 * HOUR + MIN); // past midnight in Pu'er
    const r = await runScheduledJobs({ store: h.store, clock: h.clock });
    expect(r.screening).toEqual({ escalated: 1, draftsPurged: 0, guardiansAsked: expect.any(Number) });
    expect(await alertOf()).toMatchObject({ escalated: true, status: 'open' });
  });

  test('drafts of an ended campaign are deleted by the scheduler', async () => {
    await consentAsParent();
    ok(await h.call('screening.saveDraft', { campaignId: DEMO_CAMPAIGN, answers: { 'phq-a': { q1: 1 } } }, { as: await h.as('DEMO-STUDENT') }));
    expect((await runScheduledJobs({ store: h.store, clock: h.clock })).screening.draftsPurged).toBe(0);
    h.clock.advance(30 * 24 * HOUR); // past the demo window
    expect((await runScheduledJobs({ store: h.store, clock: h.clock })).screening.draftsPurged).toBe(1);
    expect(await rows('screening_drafts')).toEqual([]);
  });

  test('a follow-up in the file before the deadline handles the alert: nothing escalates', async () => {
    await consentAsParent();
    ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: item9() }, { as: await h.as('DEMO-STUDENT') }));
    const psy = await h.as('DEMO-PSY');
    h.clock.advance(3 * HOUR);
    const f = ok(await h.call('screening.fileUpdate', { studentId: STUDENT, change: { kind: 'followup', text: '课间单独谈话，情绪平稳，约定每周见面。' } }, { as: psy }));
    expect(f.acknowledged).toBe(1);
    h.clock.advance(24 * HOUR);
    expect(await run()).toEqual({ escalated: 0 });
    expect(await alertOf()).toMatchObject({ status: 'acknowledged', acknowledgedBy: psy.userId });
  });
});

describe('the 一生一策 file', () => {
  test('results across campaigns, plan, follow-ups, notification, referral, status — every view audited', async () => {
    await consentAsParent();
    ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: severeBand() }, { as: await h.as('DEMO-STUDENT') }));
    const psy = await h.as('DEMO-PSY');
    const results = ok(await h.call('screening.results', { campaignId: DEMO_CAMPAIGN }, { as: psy }));
    expect(results.rows[0]).toMatchObject({ studentId: STUDENT, urgency: 'week', status: 'finished' });
    expect(results.rows[0].instruments.find((i: any) => i.instrumentId === 'phq-a')).toMatchObject({ total: 16, band: '中重度' });
    expect(ok(await h.call('screening.results', { campaignId: DEMO_CAMPAIGN, classId: 'cls-simao-1-8-1' }, { as: psy })).rows.map((r: any) => r.studentId)).toEqual(['stu-simao-6']);

    const up = (change: unknown) => h.call('screening.fileUpdate', { studentId: STUDENT, change }, { as: psy });
    ok(await up({ kind: 'plan', text: '每周一次个别辅导；与班主任沟通减轻作业压力。' }));
    ok(await up({ kind: 'notification', how: 'phone', text: '电话告知母亲刘芳筛查情况及学校安排。', guardianMessage: '孩子最近压力有些大，学校心理老师会每周和她聊一次，请多陪伴。' }));
    ok(await up({ kind: 'referral', hospitalId: 'hosp-city-mental', text: '建议家长带孩子到专科门诊评估。' }));
    expectKindError(await up({ kind: 'referral', hospitalId: 'hosp-nowhere', text: '建议就诊。' }), 'BAD_INPUT');
    expectKindError(await up({ kind: 'status', status: 'urgent' }), 'BAD_INPUT');

    const f = ok(await h.call('screening.file', { studentId: STUDENT }, { as: psy }));
    expect(f).toMatchObject({ student: { id: STUDENT, age: 13 }, status: 'watch', plan: expect.stringContaining('每周') });
    expect(f.results).toHaveLength(1);
    expect(f.notifications[0]).toMatchObject({ how: 'phone', byName: '陈静' });
    expect(f.referrals[0]).toMatchObject({ hospitalName: expect.stringContaining('普洱市第二人民医院') });
    ok(await h.call('screening.file', { studentId: STUDENT }, { as: psy }));
    expect(await h.store.collection('audit').count({ action: 'screening.file', subjectId: STUDENT })).toBe(2);

    // the guardian now reads what the psychology teacher chose to tell them, and nothing else
    const parentView = ok(await h.call('screening.current', {}, { as: await h.as('DEMO-PARENT') }));
    expect(parentView).toMatchObject({ finished: true, notifications: [{ message: expect.stringContaining('每周') }] });
    expect(JSON.stringify(parentView)).not.toMatch(/total|band|中重度|16/);
  });

  test('a guardian sees completion but no results before the psychology teacher records a notification', async () => {
    await consentAsParent();
    ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: item9(3) }, { as: await h.as('DEMO-STUDENT') }));
    const v = ok(await h.call('screening.current', {}, { as: await h.as('DEMO-PARENT') }));
    expect(v).toMatchObject({ finished: true, notifications: [] });
    expect(JSON.stringify(v)).not.toMatch(/crisis|alert|urgency/);
  });

  test('trend: a second campaign adds a second result', async () => {
    await consentAsParent();
    const student = await h.as('DEMO-STUDENT');
    ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: severeBand() }, { as: student }));
    const psy = await h.as('DEMO-PSY');
    ok(await h.call('campaign.update', { id: DEMO_CAMPAIGN, status: 'closed' }, { as: psy }));
    h.clock.set('2027-03-10T02:00:00Z');
    const c = ok(await h.call('campaign.create', {
      name: '第二学期复查', schoolYear: '2026-2027', semester: 2, instrumentIds: ['phq-a', 'gad-7', 'asq'], grades: [8],
      opensOn: '2027-03-09', closesOn: '2027-03-20', consentText: '学校将组织八年级同学完成第二学期的心理健康复查，结果只有心理老师能看到。',
    }, { as: psy }));
    ok(await h.call('screening.consent', { campaignId: c.id, studentId: STUDENT, agree: true }, { as: await h.as('DEMO-PARENT') }));
    ok(await h.call('screening.submit', { campaignId: c.id, answers: calm() }, { as: student }));
    const f = ok(await h.call('screening.file', { studentId: STUDENT }, { as: psy }));
    expect(f.results.map((r: any) => r.instruments[0].total)).toEqual([16, 0]);
    expect(f.results.map((r: any) => r.semester)).toEqual([1, 2]);
  });
});

describe('campaigns', () => {
  const base = { name: '思茅区八年级心理筛查', schoolYear: '2026-2027', semester: 1, instrumentIds: ['phq-a', 'gad-7'], grades: [8], opensOn: '2026-11-28', closesOn: '2026-12-10', consentText: '区教育体育局将组织八年级同学完成心理健康筛查，结果只有学校心理老师能看到。' };
  test('a county coordinator covers the county; a psychology teacher only their school', async () => {
    const coord = await h.as('DEMO-COORD-SIMAO');
    const c = ok(await h.call('campaign.create', base, { as: coord }));
    expect(c.schools).toBe(3);
    expectKindError(await h.call('campaign.create', { ...base, schoolIds: ['sch-ninger-1'] }, { as: coord }), 'FORBIDDEN');
    const psy = await h.as('DEMO-PSY');
    expectKindError(await h.call('campaign.create', { ...base, schoolIds: ['sch-simao-2'] }, { as: psy }), 'FORBIDDEN');
    expectKindError(await h.call('campaign.update', { id: c.id, status: 'closed' }, { as: psy }), 'FORBIDDEN');
    // extend, then close
    expect(ok(await h.call('campaign.update', { id: c.id, closesOn: '2026-12-20' }, { as: coord })).closesOn).toBe('2026-12-20');
    expect(ok(await h.call('campaign.update', { id: c.id, status: 'closed' }, { as: await h.as('DEMO-COORD') })).status).toBe('closed');
    expectKindError(await h.call('campaign.update', { id: DEMO_CAMPAIGN, status: 'closed' }, { as: coord }), 'FORBIDDEN');
  });
  test('dates are China-time days: the last day runs to midnight in Pu\'er', async () => {
    const psy = await h.as('DEMO-PSY');
    const c = ok(await h.call('campaign.create', { ...base, closesOn: '2026-11-28' }, { as: psy }));
    const doc = await h.store.collection<any>('screening_campaigns').get(c.id);
    expect(doc.opensAt).toBe(Date.parse('2026-11-27T16:00:00Z'));
    expect(doc.closesAt).toBe(Date.parse('2026-11-28T16:00:00Z'));
  });
  test('bad campaigns are refused in Chinese, nothing written', async () => {
    const psy = await h.as('DEMO-PSY');
    const n = (await rows('screening_campaigns')).length;
    for (const bad of [
      { ...base, instrumentIds: ['scl-90'] }, { ...base, instrumentIds: [] }, { ...base, grades: [] },
      { ...base, opensOn: '2026-12-10', closesOn: '2026-12-01' }, { ...base, closesOn: '2026-02-30' },
      { ...base, closesOn: '2026-11-01', opensOn: '2026-10-01' }, { ...base, consentText: '短' }, { ...base, semester: 3 },
    ]) expectKindError(await h.call('campaign.create', bad, { as: psy }), 'BAD_INPUT');
    expect(await rows('screening_campaigns')).toHaveLength(n);
  });
});
