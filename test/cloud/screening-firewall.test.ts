/**
 * The screening firewall (DESIGN.md §7) as a matrix: every screening action ×
 * every role, against a school where DEMO-STUDENT has answered with a
 * critical item. Only the psychology teacher of her school reads answers,
 * scores, bands, alerts and files; the class teacher reads completion; her
 * guardian reads consent and completion; the coordinator reads aggregates;
 * everybody else is refused, and nothing of hers leaks through an answer.
 */
import type { CallerIdentity } from '../../src/cloud/core/dispatch';
import { makeHarness, type Harness } from './harness';
import { ok } from '../fixtures/reports';
import { DEMO_CAMPAIGN, item9, OLDER, STUDENT } from '../fixtures/screening';

type Who = 'psych' | 'student' | 'classTeacher' | 'otherPsych' | 'guardian' | 'otherGuardian' | 'otherStudent' | 'handler' | 'safety' | 'coordinator' | 'cityCoordinator' | 'nobody';
const WHO: Who[] = ['psych', 'student', 'classTeacher', 'otherPsych', 'guardian', 'otherGuardian', 'otherStudent', 'handler', 'safety', 'coordinator', 'cityCoordinator', 'nobody'];

let h: Harness;
const as: Partial<Record<Who, CallerIdentity | null>> = {};

beforeAll(async () => {
  h = await makeHarness('2026-11-28T02:00:00Z');
  as.psych = await h.as('DEMO-PSY');
  as.student = await h.as('DEMO-STUDENT');
  as.classTeacher = await h.as('DEMO-TEACHER');
  as.guardian = await h.as('DEMO-PARENT');
  as.handler = await h.as('DEMO-POLICE');
  as.safety = await h.as('DEMO-SAFETY');
  as.coordinator = await h.as('DEMO-COORD-SIMAO');
  as.cityCoordinator = await h.as('DEMO-COORD');
  as.otherPsych = await h.asBinding({ role: 'psych_teacher', schoolId: 'sch-ninger-1', displayName: '别校' });
  as.otherStudent = await h.asBinding({ role: 'student', schoolId: 'sch-simao-1', classId: 'cls-simao-1-8-2', studentId: 'stu-simao-3' });
  const og = await h.as();
  await h.store.collection('users').put({ _id: og.userId!, roles: [{ role: 'guardian', schoolId: 'sch-simao-1', studentId: 'stu-simao-3' }], createdAt: 0 });
  await h.store.collection('guardianships').put({ _id: `${og.userId}:stu-simao-3`, userId: og.userId, studentId: 'stu-simao-3' });
  as.otherGuardian = og;
  as.nobody = null;
  ok(await h.call('screening.consent', { campaignId: DEMO_CAMPAIGN, studentId: STUDENT, agree: true }, { as: as.guardian }));
  ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: item9(2) }, { as: as.student }));
});
afterAll(async () => { await h.close(); });

type Outcome = 'ok' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'CONFLICT' | 'NOT_FOUND';
const campaignInput = {
  name: '别校自己的筛查', schoolYear: '2026-2027', semester: 1, instrumentIds: ['gad-7'], grades: [9],
  opensOn: '2026-11-28', closesOn: '2026-12-10', consentText: '学校将组织八年级同学完成心理健康筛查，结果只有心理老师能看到。',
};

/** action → input, and who gets what (everyone not named: FORBIDDEN; nobody: UNAUTHENTICATED). */
const MATRIX: Array<[string, () => unknown, Partial<Record<Who, Outcome>>]> = [
  ['screening.current', () => ({ studentId: STUDENT }), { student: 'ok', guardian: 'ok' }],
  // only a linked guardian consents in the app; the student's own account never can (FORBIDDEN, like everyone else)
  ['screening.consent', () => ({ campaignId: DEMO_CAMPAIGN, studentId: STUDENT, agree: true }), { guardian: 'ok' }],
  // a paper form: only her school's psychology teacher, and not after she answered (CONFLICT before any evidence is looked at)
  ['screening.paperConsent', () => ({ campaignId: DEMO_CAMPAIGN, studentId: STUDENT, guardianName: '刘芳', formDate: '2026-11-27', photoId: 'f' + 'a'.repeat(24) }), { psych: 'CONFLICT' }],
  // PIPL art. 45: the guardian asks; the psychology teacher lists (another school's sees an empty list) and answers
  ['screening.request', () => ({ studentId: STUDENT, kind: 'see' }), { guardian: 'ok' }],
  ['screening.requests', () => ({}), { psych: 'ok', otherPsych: 'ok' }],
  ['screening.answerRequest', () => ({ id: 'rq-nosuchrequest', outcome: 'done', answer: '已办理。' }), { psych: 'NOT_FOUND', otherPsych: 'NOT_FOUND' }],
  ['screening.readLog', () => ({ studentId: STUDENT }), { psych: 'ok' }],
  // a student acts only on their own answers: hers are in (CONFLICT), the other one has no consent (FORBIDDEN)
  ['screening.saveDraft', () => ({ campaignId: DEMO_CAMPAIGN, answers: {} }), { student: 'CONFLICT' }],
  ['screening.submit', () => ({ campaignId: DEMO_CAMPAIGN, answers: item9(2) }), { student: 'ok' }],
  ['screening.results', () => ({ campaignId: DEMO_CAMPAIGN }), { psych: 'ok' }],
  ['screening.file', () => ({ studentId: STUDENT }), { psych: 'ok' }],
  ['screening.fileUpdate', () => ({ studentId: STUDENT, change: { kind: 'followup', text: '已约谈。' } }), { psych: 'ok' }],
  ['screening.completion', () => ({ campaignId: DEMO_CAMPAIGN }), { classTeacher: 'ok' }],
  ['screening.nudge', () => ({ campaignId: DEMO_CAMPAIGN, studentId: OLDER }), { classTeacher: 'ok' }],
  ['screening.stats', () => ({ campaignId: DEMO_CAMPAIGN }), { psych: 'ok', coordinator: 'ok', cityCoordinator: 'ok' }],
  ['campaign.create', () => campaignInput, { psych: 'ok', otherPsych: 'ok', coordinator: 'ok', cityCoordinator: 'ok' }],
  ['campaign.update', () => ({ id: DEMO_CAMPAIGN, name: '八年级心理健康筛查' }), { psych: 'ok' }],
  ['campaign.list', () => ({}), { psych: 'ok', otherPsych: 'ok', classTeacher: 'ok', coordinator: 'ok', cityCoordinator: 'ok' }],
];

const cells = MATRIX.flatMap(([action, input, allowed]) =>
  WHO.map((who) => [action, who, allowed[who] ?? (who === 'nobody' ? 'UNAUTHENTICATED' : 'FORBIDDEN'), input] as const));

/** What only the psychology teacher may see of her answers: per-student scores, bands, alerts, answers. */
const SENSITIVE = /"urgency"|"alert"|"alerts"|"answers"|"reasons"|"critical"|"maxTotal"|"instrumentId":"[a-z-]+","name"|PHQ-A 第9题/;

test.each(cells)('%s as %s → %s', async (action, who, expected, input) => {
  const res = await h.call(action, input(), { as: as[who] });
  if (expected === 'ok') expect(res).toMatchObject({ ok: true });
  else expect(res.error?.code).toBe(expected);
  if (!res.ok) {
    expect(res.error!.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(JSON.stringify(res)).not.toContain('李小雨');
  }
  // Whoever is not her school's psychology teacher never receives her scores, bands or alerts.
  if (res.ok && who !== 'psych') {
    const text = JSON.stringify(res.data);
    expect(text).not.toMatch(SENSITIVE);
    // only she is told (kindly) that someone will reach out; nobody else learns it
    if (who !== 'student') expect(text).not.toMatch(/"crisis"/);
  }
});

test('the other school\'s psychology teacher\'s campaign list does not show this school\'s campaign', async () => {
  const list = ok(await h.call('campaign.list', {}, { as: as.otherPsych }));
  expect(list.items.map((i: any) => i.id)).not.toContain(DEMO_CAMPAIGN);
});

test('the coordinator\'s aggregates name no student', async () => {
  const s = ok(await h.call('screening.stats', { campaignId: DEMO_CAMPAIGN }, { as: as.coordinator }));
  expect(JSON.stringify(s)).not.toMatch(/李小雨|stu-simao|张浩然/);
  // one finished student: every band cell of that row is withheld
  for (const row of s.bands) {
    expect(row.n).toBeNull();
    for (const b of row.bands) expect(b.count).toBeNull();
  }
});

test('the class teacher\'s completion shows finished, nothing more', async () => {
  const c = ok(await h.call('screening.completion', { campaignId: DEMO_CAMPAIGN }, { as: as.classTeacher }));
  const her = c.classes[0].students.find((s: any) => s.studentId === STUDENT);
  expect(Object.keys(her).sort()).toEqual(['guardianBound', 'name', 'nudgedAt', 'status', 'studentId']);
  expect(her.status).toBe('finished');
});

test('a nudge reaches only that student, privately', async () => {
  const older = await h.asBinding({ role: 'student', schoolId: 'sch-simao-1', classId: 'cls-simao-1-8-2', studentId: OLDER });
  expect(ok(await h.call('screening.current', {}, { as: older })).nudged).toBe(true);
  expect(ok(await h.call('screening.current', {}, { as: as.otherStudent })).nudged).toBe(false);
});

test('every read of results, files and completion is in the audit log', async () => {
  const audit = h.store.collection('audit');
  for (const action of ['screening.results', 'screening.file', 'screening.completion', 'screening.stats']) {
    expect(await audit.count({ action })).toBeGreaterThan(0);
  }
  const [fileRead] = await audit.find({ action: 'screening.file' });
  expect(fileRead).toMatchObject({ actorId: (as.psych as CallerIdentity).userId, subjectId: STUDENT });
});
