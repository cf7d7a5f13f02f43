/**
 * The class teacher's 悄悄提醒 on the screening completion page: a student
 * who may answer is reminded privately; while the consent is still awaited,
 * the child's guardians are (once a day each, whatever the bursts); after a
 * "不同意" nobody is, and nothing is written.
 */
import { DEMO_CAMPAIGN, OLDER, STUDENT } from '../fixtures/screening';
import { ok } from '../fixtures/reports';
import { makeHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => { h = await makeHarness('2026-12-01T02:00:00Z'); });
afterEach(async () => { await h.close(); });

const reminders = async () => (await h.store.collection<{ _id: string; to: string; template: string }>('outbox').find({ template: 'screening_consent_needed' }))
  .filter((m) => m._id.startsWith('scr-remind:'));
const rowOf = async (teacher: any, studentId: string) =>
  ok(await h.call('screening.completion', { campaignId: DEMO_CAMPAIGN }, { as: teacher })).classes.flatMap((c: any) => c.students).find((s: any) => s.studentId === studentId);

test('awaiting consent: each linked guardian is reminded once a day, however many taps arrive together; the child sees nothing', async () => {
  const parent = await h.login('DEMO-PARENT');
  const grandfather = await h.login('DEMO-GRANDPARENT');
  const teacher = await h.as('DEMO-TEACHER');
  expect((await rowOf(teacher, STUDENT)).status).toBe('awaiting_consent');
  const answers = await Promise.all(Array.from({ length: 8 }, () => h.call('screening.nudge', { campaignId: DEMO_CAMPAIGN, studentId: STUDENT }, { as: teacher })));
  for (const a of answers) expect(ok(a)).toMatchObject({ to: 'guardians', guardians: 2 });
  expect((await reminders()).map((m) => m.to).sort()).toEqual([parent.userId, grandfather.userId].sort());
  expect((await rowOf(teacher, STUDENT)).nudgedAt).toEqual(expect.any(Number));
  // the child's own page does not say a teacher reminded them
  expect(ok(await h.call('screening.current', {}, { as: await h.as('DEMO-STUDENT') })).nudged).toBe(false);
  // the next day, one more each
  h.clock.advance(24 * 3600_000);
  ok(await h.call('screening.nudge', { campaignId: DEMO_CAMPAIGN, studentId: STUDENT }, { as: teacher }));
  expect(await reminders()).toHaveLength(4);
});

test('after a "不同意", nobody is reminded and nothing is written', async () => {
  const parent = await h.as('DEMO-PARENT');
  ok(await h.call('screening.consent', { campaignId: DEMO_CAMPAIGN, studentId: STUDENT, agree: false }, { as: parent }));
  const teacher = await h.as('DEMO-TEACHER');
  const res = await h.call('screening.nudge', { campaignId: DEMO_CAMPAIGN, studentId: STUDENT }, { as: teacher });
  expect(res.error).toEqual({ code: 'CONFLICT', message: '家长选择了不参加，我们尊重家庭的决定，不再提醒。' });
  expect(await reminders()).toEqual([]);
  expect(await h.store.collection('screening_nudges').find({})).toEqual([]);
});

test('no guardian bound yet: the teacher is told to hand out the guardian code', async () => {
  const teacher = await h.as('DEMO-TEACHER');
  const res = await h.call('screening.nudge', { campaignId: DEMO_CAMPAIGN, studentId: 'stu-simao-3' }, { as: teacher });
  expect(res.error?.code).toBe('CONFLICT');
  expect(res.error?.message).toContain('家长邀请码');
  expect(await reminders()).toEqual([]);
});

test('a student who may answer is reminded privately, and only they see it', async () => {
  const teacher = await h.as('DEMO-TEACHER');
  expect(ok(await h.call('screening.nudge', { campaignId: DEMO_CAMPAIGN, studentId: OLDER }, { as: teacher }))).toMatchObject({ to: 'student' });
  expect(await reminders()).toEqual([]);
  expect((await rowOf(teacher, OLDER)).nudgedAt).toEqual(expect.any(Number));
});
