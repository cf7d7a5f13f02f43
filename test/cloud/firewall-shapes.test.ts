/**
 * The firewall as exact shapes: every screening, file, commitment, holiday and
 * home read × every role. A role that may call gets an answer that matches,
 * field for field, the strict schema of what that role may see
 * (test/cloud/firewall/shapes.ts); a role that may not call gets FORBIDDEN,
 * an audit row naming who tried what, and nothing of the answer.
 *
 * The data behind the reads is as full as the demo allows, so that every list
 * in an answer has members to check: a finished screening with a critical
 * answer and an alert, a 14-year-old's draft, a file with a plan, follow-up,
 * parent notification, referral and status change, a nudge, two guardians'
 * signatures.
 */
import { z } from 'zod';
import { content } from '../../src/content';
import type { CallerIdentity } from '../../src/cloud/core/dispatch';
import { ROLES, type Role } from '../../src/domain/roles';
import { ok } from '../fixtures/reports';
import { calm, DEMO_CAMPAIGN, item9, OLDER, STUDENT } from '../fixtures/screening';
import { GATE_DENIALS_AUDITED_PER_HOUR } from '../../src/cloud/core/denied';
import { SHAPES, type ShapeRole } from './firewall/shapes';
import { makeHarness, type Harness } from './harness';
import { lessonById } from '../../src/content/lessons/index';

const CLOCK = '2026-12-28T02:00:00Z'; // the demo screening is open (a week before to three after), and the 元旦 letter
const HOLIDAY = 'new_year-2027';

/** One caller per role (the demo codes), and a session holding no role at all. */
type Who = Role | 'no_role';
const DEMO: Record<Role, string> = {
  student: 'DEMO-STUDENT',
  guardian: 'DEMO-PARENT',
  class_teacher: 'DEMO-TEACHER',
  psych_teacher: 'DEMO-PSY',
  school_safety_officer: 'DEMO-SAFETY',
  handler: 'DEMO-POLICE',
  coordinator: 'DEMO-COORD-SIMAO',
  school_admin: 'DEMO-SCHOOL-ADMIN',
};

type Extra = { as: 'older'; role: 'student' } | { as: 'cityCoordinator'; role: 'coordinator' };
const older_ = { as: 'older', role: 'student' } as const;
const city_ = { as: 'cityCoordinator', role: 'coordinator' } as const;
/** The requests each action is read with; extra callers (a 14-year-old answering, the city coordinator) stand in for their role. */
const REQUESTS: Record<string, Array<{ data: Record<string, unknown> } & Partial<Extra>>> = {
  'screening.current': [{ data: {} }, { data: {}, ...older_ }, { data: { studentId: STUDENT } }],
  'screening.results': [{ data: { campaignId: DEMO_CAMPAIGN } }],
  'screening.file': [{ data: { studentId: STUDENT } }],
  'screening.completion': [{ data: { campaignId: DEMO_CAMPAIGN } }],
  'screening.stats': [{ data: { campaignId: DEMO_CAMPAIGN } }, { data: { campaignId: DEMO_CAMPAIGN }, ...city_ }],
  'campaign.list': [{ data: {} }],
  'holiday.current': [{ data: {} }],
  'commitment.progress': [{ data: { campaignId: HOLIDAY } }],
  'commitment.export': [{ data: { campaignId: HOLIDAY } }],
  'commitment.coverage': [{ data: { campaignId: HOLIDAY } }, { data: { campaignId: HOLIDAY }, ...city_ }],
  'home.summary': [{ data: {} }],
  'lesson.progress': [{ data: { classId: 'cls-simao-1-8-2' } }],
  // `action#variant`: the same action with another request, whose answer has another shape
  'lesson.progress#roster': [{ data: { classId: 'cls-simao-1-8-2', roster: true } }],
};

let h: Harness;
const who = new Map<Who, CallerIdentity>();
let older: CallerIdentity;
let cityCoordinator: CallerIdentity;

beforeAll(async () => {
  h = await makeHarness(CLOCK);
  for (const role of ROLES) who.set(role, await h.as(DEMO[role]));
  who.set('no_role', await h.as());
  older = await h.asBinding({ role: 'student', schoolId: 'sch-simao-1', classId: 'cls-simao-1-8-2', studentId: OLDER });
  cityCoordinator = await h.as('DEMO-COORD');
  const grandfather = await h.as('DEMO-GRANDPARENT');
  const [student, guardian, teacher, psych] = (['student', 'guardian', 'class_teacher', 'psych_teacher'] as const).map((r) => who.get(r)!);

  ok(await h.call('screening.consent', { campaignId: DEMO_CAMPAIGN, studentId: STUDENT, agree: true }, { as: guardian }));
  ok(await h.call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: item9(2) }, { as: student }));
  const draft = calm();
  delete (draft['gad-7'] as Record<string, number>).q7;
  ok(await h.call('screening.saveDraft', { campaignId: DEMO_CAMPAIGN, answers: draft }, { as: older }));
  ok(await h.call('screening.nudge', { campaignId: DEMO_CAMPAIGN, studentId: OLDER }, { as: teacher }));
  // a PIPL art. 45 request, so the guardian's list of their requests and the psychology teacher's count have members
  ok(await h.call('screening.request', { studentId: STUDENT, kind: 'see', text: '想看看孩子填了什么。' }, { as: guardian }));
  for (const change of [
    { kind: 'plan', text: '每两周约谈一次，关注睡眠。' },
    { kind: 'followup', text: '已约谈，孩子愿意再聊。' },
    { kind: 'notification', how: 'phone', text: '电话告知母亲。', guardianMessage: '孩子最近压力有点大，请多陪她说说话。' },
    { kind: 'referral', hospitalId: content.hospitals[0].id, text: '建议到专科门诊评估。' },
    { kind: 'status', status: 'watch', text: '重点关注。' },
  ]) ok(await h.call('screening.fileUpdate', { studentId: STUDENT, change }, { as: psych }));

  const pledges = ok(await h.call('holiday.current', {}, { as: guardian })).pledges.map((p: { id: string }) => p.id);
  ok(await h.call('commitment.sign', { campaignId: HOLIDAY, studentId: STUDENT, pledgeIds: pledges, method: 'confirm' }, { as: guardian }));
  ok(await h.call('commitment.sign', { campaignId: HOLIDAY, studentId: STUDENT, pledgeIds: pledges, method: 'confirm' }, { as: grandfather }));
  ok(await h.call('lesson.complete', { id: 'drowning.junior', answers: lessonById('drowning.junior')!.quiz.map(() => 0) }, { as: student }));
  ok(await h.call('lesson.classSession', { id: 'fire.junior', classId: 'cls-simao-1-8-2' }, { as: teacher }));
}, 60_000);
afterAll(async () => { await h.close(); });

const shapeFor = (action: string, role: ShapeRole) => SHAPES[action][role];

const cells = Object.keys(SHAPES).flatMap((action) =>
  [...ROLES, 'no_role' as const].flatMap((role) =>
    REQUESTS[action]
      .filter((r) => !r.role || r.role === role)
      .map((r, i) => [action, role, i, r] as const)));

test('every action with shapes has requests, and every request list is used', () => {
  expect(Object.keys(REQUESTS).sort()).toEqual(Object.keys(SHAPES).sort());
});

test.each(cells)('%s as %s (request %i): exactly the fields that role may see, or FORBIDDEN and audited', async (action, role, _i, req) => {
  const caller = req.as === 'older' ? older : req.as === 'cityCoordinator' ? cityCoordinator : who.get(role)!;
  const shape = shapeFor(action, role);
  const audit = h.store.collection<{ _id: string; actorId: string; action: string; subjectId: string | null }>('audit');
  const before = new Set((await audit.find({ actorId: caller.userId! })).map((r) => r._id));
  const res = await h.call(action.split('#')[0], req.data, { as: caller });
  if (shape) {
    expect(res.error).toBeUndefined();
    const parsed = shape.safeParse(res.data);
    // the path and the message name the field that is new or has changed kind
    expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
    return;
  }
  expect(res.ok).toBe(false);
  expect(res.error!.code).toBe('FORBIDDEN');
  expect(res.error!.message).toMatch(/[\u4e00-\u9fff]/);
  expect(JSON.stringify(res)).not.toMatch(/李小雨|stu-simao/);
  // the attempt is on record: who (the account), what (the action)
  const added = (await audit.find({ actorId: caller.userId! })).filter((r) => !before.has(r._id));
  expect(added.length).toBeGreaterThan(0);
  expect(JSON.stringify(added)).toContain(`"${action.split('#')[0]}`);
});

test('the fixtures reach every list the shapes describe (a shape never checked against data proves nothing)', async () => {
  const psych = who.get('psych_teacher')!;
  const file = ok(await h.call('screening.file', { studentId: STUDENT }, { as: psych }));
  for (const list of ['results', 'followUps', 'notifications', 'referrals', 'log', 'alerts', 'hospitals']) expect(file[list].length).toBeGreaterThan(0);
  expect(file.planUpdatedAt).not.toBeNull();
  const results = ok(await h.call('screening.results', { campaignId: DEMO_CAMPAIGN }, { as: psych }));
  expect(results.rows.some((r: any) => r.alert && r.instruments.length)).toBe(true);
  const answering = ok(await h.call('screening.current', {}, { as: older }));
  expect(answering.instruments.length).toBeGreaterThan(0);
  expect(answering.draft).not.toBeNull();
  expect(answering.nudged).toBe(true);
  const family = ok(await h.call('screening.current', { studentId: STUDENT }, { as: who.get('guardian')! }));
  expect(family.notifications).toHaveLength(1);
  expect(family.consentRecord.history.length).toBeGreaterThan(0);
  expect(family.requests).toHaveLength(1);
  expect(file.consents.length).toBeGreaterThan(0);
  expect(file.hospitals.every((x: any) => x.lines.length > 0)).toBe(true);
  const home = ok(await h.call('home.summary', {}, { as: who.get('class_teacher')! }));
  expect(home.klass.holiday).not.toBeNull();
  expect(ok(await h.call('home.summary', {}, { as: psych })).screening.openRequests).toBe(1);
  const lessons = ok(await h.call('lesson.progress', { classId: 'cls-simao-1-8-2' }, { as: who.get('class_teacher')! }));
  expect(lessons.items.some((i: any) => i.classSessionAt !== null)).toBe(true);
  const letter = ok(await h.call('holiday.current', {}, { as: who.get('guardian')! }));
  expect(letter.children[0].otherGuardians).toHaveLength(1);
  expect(letter.children[0].signedByMe).not.toBeNull();
  const progress = ok(await h.call('commitment.progress', { campaignId: HOLIDAY }, { as: who.get('class_teacher')! }));
  expect(progress.items.find((i: any) => i.studentId === STUDENT).signatures).toHaveLength(2);
  const completion = ok(await h.call('screening.completion', { campaignId: DEMO_CAMPAIGN }, { as: who.get('class_teacher')! }));
  expect(completion.classes[0].students.some((s: any) => s.nudgedAt !== null)).toBe(true);
});

test('a shape is strict at every level: an unexpected field, even deep inside, fails', async () => {
  const guardian = ok(await h.call('screening.current', { studentId: STUDENT }, { as: who.get('guardian')! }));
  const schema = SHAPES['screening.current'].guardian!;
  expect(schema.safeParse(guardian).success).toBe(true);
  expect(schema.safeParse({ ...guardian, riskLevel: 3 }).success).toBe(false);
  expect(schema.safeParse({ ...guardian, child: { ...guardian.child, level: 3 } }).success).toBe(false);
  const notifications = [{ ...guardian.notifications[0], byUserId: 'u1' }];
  expect(schema.safeParse({ ...guardian, notifications }).success).toBe(false);
  // the consent record and the requests (issue 16) are strict too, down to an earlier answer
  const history = [{ ...guardian.consentRecord.history[0], byUserId: 'u1' }];
  expect(schema.safeParse({ ...guardian, consentRecord: { ...guardian.consentRecord, history } }).success).toBe(false);
  expect(schema.safeParse({ ...guardian, requests: [{ ...guardian.requests[0], byUserId: 'u1' }] }).success).toBe(false);
  expect(schema.safeParse({ ...guardian, campaign: { ...guardian.campaign, consentHash: 'x' } }).success).toBe(false);
  const stats = ok(await h.call('screening.stats', { campaignId: DEMO_CAMPAIGN }, { as: who.get('coordinator')! }));
  const row = stats.bands[0];
  const leaky = { ...stats, bands: [{ ...row, bands: [{ ...row.bands[0], count: 3 }, ...row.bands.slice(1)] }] };
  expect(SHAPES['screening.stats'].coordinator!.safeParse(leaky).success).toBe(false); // a cell of 3 children
  const trend = stats.trend.map((t: { finished: number | null }) => ({ ...t, finished: 3 }));
  expect(SHAPES['screening.stats'].coordinator!.safeParse({ ...stats, trend }).success).toBe(false); // 3 children finished
});

/** Every object schema reachable from a shape, with where it sits. */
function objectsIn(t: z.ZodTypeAny, at: string, out: Array<[string, z.ZodObject<z.ZodRawShape>]> = []) {
  if (t instanceof z.ZodObject) {
    out.push([at, t]);
    for (const [k, v] of Object.entries(t.shape as z.ZodRawShape)) objectsIn(v, `${at}.${k}`, out);
  } else if (t instanceof z.ZodArray) objectsIn(t.element, `${at}[]`, out);
  else if (t instanceof z.ZodNullable || t instanceof z.ZodOptional) objectsIn(t.unwrap(), at, out);
  else if (t instanceof z.ZodUnion) (t.options as z.ZodTypeAny[]).forEach((o, i) => objectsIn(o, `${at}|${i}`, out));
  else if (t instanceof z.ZodEffects) objectsIn(t.innerType(), at, out);
  else if (t instanceof z.ZodRecord) objectsIn(t.valueSchema, `${at}{}`, out);
  return out;
}

test('every object in every shape is strict (none non-strict, passthrough or catchall), found by walking the schemas', () => {
  const found = Object.entries(SHAPES).flatMap(([action, roles]) =>
    Object.entries(roles).flatMap(([role, shape]) => objectsIn(shape!, `${action} ${role}`)));
  expect(found.length).toBeGreaterThan(100);
  const loose = found.filter(([, o]) => o._def.unknownKeys !== 'strict' || !(o._def.catchall instanceof z.ZodNever)).map(([at]) => at);
  expect(loose).toEqual([]);
  // the walk sees a loose object where one would be (the test can fail)
  expect(objectsIn(z.object({ a: z.array(z.object({}).passthrough()).nullable() }).strict(), 'probe').filter(([, o]) => o._def.unknownKeys !== 'strict')).toHaveLength(1);
});

test('refusals at the role gate are audited up to GATE_DENIALS_AUDITED_PER_HOUR an hour per caller, even in a parallel burst', async () => {
  const prober = await h.as('DEMO-POLICE');
  const audit = h.store.collection('audit');
  const results = await Promise.all(Array.from({ length: GATE_DENIALS_AUDITED_PER_HOUR * 2 }, () =>
    h.call('screening.file', { studentId: STUDENT }, { as: prober })));
  // every one refused the same way (the bound on the log never turns into a different answer)
  expect(new Set(results.map((r) => r.error?.code))).toEqual(new Set(['FORBIDDEN']));
  expect(await audit.count({ actorId: prober.userId!, action: 'denied' })).toBe(GATE_DENIALS_AUDITED_PER_HOUR);
  // the next hour, the next refusal is on record again
  h.clock.advance(3600_000);
  await h.call('screening.results', { campaignId: DEMO_CAMPAIGN }, { as: prober });
  expect(await audit.count({ actorId: prober.userId!, action: 'denied' })).toBe(GATE_DENIALS_AUDITED_PER_HOUR + 1);
});
