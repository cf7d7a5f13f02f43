/**
 * Each side effect a crash could lose, on the CloudBase adapter (over the fake
 * SDK), where there is no transaction to roll back: the write of the message
 * fails once, the request (or the scheduler run) is retried, and the message
 * is then there exactly once, and a further retry writes nothing more.
 *  - the notification of a filed report to its lead units;
 *  - the push to the psychology teacher for a crisis answer;
 *  - the escalation of an overdue case (event, audit row and push);
 *  - a guardian's rights request (the psychology teacher's message) and its
 *    answer (the guardian's message);
 *  - the class teacher confirming a guardian (the binding itself);
 *  - a school, a class or a class's codes added by a request whose retry
 *    found its own earlier work and refused it (the audit row was lost).
 * (Locally, SQLite rolls the whole request back instead: faults.test.ts.)
 */
import { content } from '../../src/content';
import { dispatch, type CallerIdentity, type DispatchEnv } from '../../src/cloud/core/dispatch';
import { storeOutbox } from '../../src/cloud/core/outbox';
import { actions } from '../../src/cloud/handlers';
import { runEscalation } from '../../src/cloud/handlers/scheduler/escalate';
import { seedDemo } from '../../src/cloud/local/seed';
import { createCloudbaseStore } from '../../src/cloud/store/cloudbase';
import { createFakeCloudbaseDb, type FakeCloudbaseDb } from '../cloud/fakes/cloudbaseDb';
import { FakeClock } from '../cloud/harness';
import { bullying, sexualAbuse } from '../fixtures/reports';
import { acute, DEMO_CAMPAIGN, STUDENT } from '../fixtures/screening';
import { faultyStore, InjectedFault, type FaultyStore } from './faultyStore';

const START = '2026-11-28T02:00:00Z';
let db: FakeCloudbaseDb;
let store: FaultyStore;
let clock: FakeClock;
let env: DispatchEnv;
let n = 0;

beforeEach(async () => {
  db = createFakeCloudbaseDb();
  const inner = createCloudbaseStore(db);
  clock = new FakeClock(Date.parse(START));
  await seedDemo(inner, content.demo, clock.now().getTime());
  store = faultyStore(inner);
  env = {
    store, clock, serverKey: 'side-effects-key', outbox: storeOutbox(store, clock), actions,
    platform: { name: 'cloudbase', checkText: async () => ({ ok: true, skipped: true }) } as any,
  };
});

const anonymous: CallerIdentity = { userId: null, rateIdentity: 'openid:none' };
const call = (action: string, data: unknown, who: CallerIdentity = anonymous, requestId = `req_side_${n++}_abcdef`) =>
  dispatch({ action, data, requestId }, who, env) as Promise<{ ok: boolean; data?: any; error?: { code: string } }>;

async function as(code: string): Promise<CallerIdentity> {
  const login = await dispatch({ action: 'auth.login', data: { deviceId: `dev_side_${n++}` } }, anonymous, env) as any;
  const who: CallerIdentity = { userId: login.data.userId, rateIdentity: 'user:' + login.data.userId };
  expect((await call('auth.redeem', { code }, who)).ok).toBe(true);
  return who;
}

/** The next write to `collection` fails (a crash or a dropped connection at that point). */
function failNextWriteTo(collection: string) {
  store.only(collection);
  store.failAt(1);
}
function noMoreFaults() {
  store.failAt(0);
  store.only();
}
const outbox = (template: string) => db.rows('outbox').filter((m) => m.template === template);

test('report notification: a crash before it is written, then the retry, notifies each lead unit once', async () => {
  const requestId = 'req_report_crash_0001';
  failNextWriteTo('outbox');
  const first = await call('report.submit', bullying(), anonymous, requestId);
  noMoreFaults();
  expect(first).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  expect(db.rows('cases')).toHaveLength(1); // the case landed (no transaction here) …
  expect(outbox('new_case')).toHaveLength(0); // … its notification did not

  const retry = await call('report.submit', bullying(), anonymous, requestId);
  expect(retry.ok).toBe(true);
  const leads = db.rows('cases')[0].lead as unknown[];
  expect(outbox('new_case')).toHaveLength(leads.length);
  expect(db.rows('case_events').filter((e) => e.kind === 'submitted')).toHaveLength(1);
  expect(db.rows('audit').filter((a) => a.action === 'report.submit' && a.subjectType === 'case')).toHaveLength(1);

  expect(await call('report.submit', bullying(), anonymous, requestId)).toEqual(retry);
  expect(outbox('new_case')).toHaveLength(leads.length);
  expect(db.rows('cases')).toHaveLength(1);
});

test('screening alert push: a crash after the alert row, then the retry, sends the push once', async () => {
  expect((await call('screening.consent', { campaignId: DEMO_CAMPAIGN, studentId: STUDENT, agree: true }, await as('DEMO-PARENT'))).ok).toBe(true);
  const student = await as('DEMO-STUDENT');
  const requestId = 'req_screen_crash_0001';
  failNextWriteTo('outbox');
  const first = await call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: acute() }, student, requestId);
  noMoreFaults();
  expect(first).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  expect(db.rows('screening_alerts')).toHaveLength(1);
  expect(outbox('screening_alert')).toHaveLength(0);

  const retry = await call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: acute() }, student, requestId);
  expect(retry).toMatchObject({ ok: true, data: { crisis: true } });
  expect(outbox('screening_alert')).toEqual([expect.objectContaining({ to: 'school:sch-simao-1:psych_teacher' })]);
  // a second copy (another request id, as a double tap sends) sends nothing more
  expect((await call('screening.submit', { campaignId: DEMO_CAMPAIGN, answers: acute() }, student)).ok).toBe(true);
  expect(outbox('screening_alert')).toHaveLength(1);
});

test('escalation push: a scheduler run that dies before the push is finished by the next run, once', async () => {
  expect((await call('report.submit', sexualAbuse())).ok).toBe(true);
  const [c] = db.rows('cases');
  clock.set(c.dueAt + 60_000); // overdue: nobody acknowledged it
  const job = { store, clock, outbox: storeOutbox(store, clock) };

  failNextWriteTo('outbox');
  await expect(runEscalation(job)).rejects.toBeInstanceOf(InjectedFault);
  noMoreFaults();
  expect(outbox('case_escalated')).toHaveLength(0);

  const run = await runEscalation(job);
  expect(run.escalated).toBe(1);
  expect(outbox('case_escalated')).toHaveLength(1);
  expect(db.rows('case_events').filter((e) => e.kind === 'escalated')).toHaveLength(1);
  expect(db.rows('audit').filter((a) => a.action === 'case.escalate')).toHaveLength(1);
  expect(db.rows('cases')[0].escalationLevel).toBe(1);

  // runs after it (and one dying at the event, the last step before the level) change nothing more
  expect((await runEscalation(job)).escalated).toBe(0);
  expect(outbox('case_escalated')).toHaveLength(1);
});

test('escalation: a run that dies after the push and before the case level is finished without a second push', async () => {
  expect((await call('report.submit', sexualAbuse())).ok).toBe(true);
  const [c] = db.rows('cases');
  clock.set(c.dueAt + 60_000);
  const job = { store, clock, outbox: storeOutbox(store, clock) };
  failNextWriteTo('cases');
  await expect(runEscalation(job)).rejects.toBeInstanceOf(InjectedFault);
  noMoreFaults();
  expect(outbox('case_escalated')).toHaveLength(1);
  expect(db.rows('cases')[0].escalationLevel).toBe(0);

  expect((await runEscalation(job)).escalated).toBe(1);
  expect(outbox('case_escalated')).toHaveLength(1);
  expect(db.rows('case_events').filter((e) => e.kind === 'escalated')).toHaveLength(1);
  expect(db.rows('cases')[0].escalationLevel).toBe(1);
});

test('rights request: a crash before the psychology teacher\'s message, then the retry, stores one request and sends the message once', async () => {
  const parent = await as('DEMO-PARENT');
  const requestId = 'req_rights_crash_0001';
  const input = { studentId: STUDENT, kind: 'delete', text: '请删除孩子上学期的筛查记录。' };
  failNextWriteTo('outbox');
  expect(await call('screening.request', input, parent, requestId)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  noMoreFaults();
  expect(db.rows('screening_requests')).toHaveLength(1);
  expect(outbox('screening_request')).toHaveLength(0);

  const retry = await call('screening.request', input, parent, requestId);
  expect(retry).toMatchObject({ ok: true, data: { id: db.rows('screening_requests')[0]._id, status: 'open' } });
  expect(db.rows('screening_requests')).toHaveLength(1);
  expect(outbox('screening_request')).toEqual([expect.objectContaining({ to: 'school:sch-simao-1:psych_teacher' })]);
});

test('rights answer: a crash before the guardian\'s message, then the retry, answers once and sends the message once', async () => {
  const parent = await as('DEMO-PARENT');
  const asked = await call('screening.request', { studentId: STUDENT, kind: 'see' }, parent);
  expect(asked.ok).toBe(true);
  const psy = await as('DEMO-PSY');
  const requestId = 'req_answer_crash_0001';
  const input = { id: asked.data.id, outcome: 'done', answer: '已把孩子的筛查记录整理好，请在小程序里查看。' };
  failNextWriteTo('outbox');
  expect(await call('screening.answerRequest', input, psy, requestId)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  noMoreFaults();
  expect(db.rows('screening_requests')[0].status).toBe('answered'); // the answer landed (no transaction here) …
  expect(outbox('screening_request_answered')).toHaveLength(0); // … the guardian's message did not

  expect(await call('screening.answerRequest', input, psy, requestId)).toMatchObject({ ok: true, data: { status: 'answered', outcome: 'done' } });
  expect(outbox('screening_request_answered')).toEqual([expect.objectContaining({ to: parent.userId })]);
  // another request answering it again is refused, and sends nothing
  expect(await call('screening.answerRequest', input, psy)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  expect(outbox('screening_request_answered')).toHaveLength(1);
});

test('guardian confirmed: a crash between the decision and the binding, then the retry, binds the guardian', async () => {
  const teacher = await as('DEMO-TEACHER');
  const issued = await call('invite.issue', { role: 'guardian', classId: 'cls-simao-1-8-2', studentIds: [STUDENT] }, teacher);
  expect(issued.ok).toBe(true);
  const login = await dispatch({ action: 'auth.login', data: { deviceId: 'dev_side_aunt' } }, anonymous, env) as any;
  const aunt: CallerIdentity = { userId: login.data.userId, rateIdentity: 'user:' + login.data.userId };
  expect(await call('auth.redeem', { code: issued.data[0].code, name: '李阿姨', relation: '姑姑' }, aunt)).toMatchObject({ ok: true, data: { pending: true } });
  const [pending] = db.rows('guardian_requests');
  const requestId = 'req_decide_crash_0001';
  failNextWriteTo('users');
  expect(await call('guardian.decide', { requestId: pending._id, approve: true }, teacher, requestId)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  noMoreFaults();
  expect(db.rows('guardian_requests')[0].status).toBe('approved'); // decided (no transaction here) …
  const roles = () => (db.rows('users').find((u) => u._id === aunt.userId)!.roles as Array<{ role: string }>).map((r) => r.role);
  expect(roles()).not.toContain('guardian'); // … not bound

  expect(await call('guardian.decide', { requestId: pending._id, approve: true }, teacher, requestId)).toMatchObject({ ok: true, data: { status: 'approved' } });
  expect(roles()).toContain('guardian');
  expect(db.rows('guardianships').filter((l) => l.userId === aunt.userId)).toEqual([expect.objectContaining({ studentId: STUDENT, via: 'teacher' })]);
  expect((await call('holiday.current', {}, aunt)).ok).toBe(true);
});

test('school.add, class.add and invite.issue: a crash before the audit row, then the retry, answers what the first try did, not a refusal', async () => {
  const tries: Array<[string, unknown, CallerIdentity, string]> = [
    ['school.add', { name: '思茅区倚象镇中心小学', jurisdiction: 'simao', stage: 'primary' }, await as('DEMO-COORD-SIMAO'), 'schools'],
    ['class.add', { schoolId: 'sch-simao-1', grade: 7, number: 2 }, await as('DEMO-SCHOOL-ADMIN'), 'classes'],
    ['invite.issue', { role: 'guardian', classId: 'cls-simao-1-8-2' }, await as('DEMO-TEACHER'), 'invitations'],
  ];
  for (const [action, input, who, collection] of tries) {
    const requestId = `req_${action.replace('.', '_')}_crash_0001`;
    const rowsBefore = db.rows(collection).length;
    failNextWriteTo('audit');
    expect({ action, first: await call(action, input, who, requestId) }).toMatchObject({ action, first: { ok: false, error: { code: 'INTERNAL' } } });
    noMoreFaults();
    const added = db.rows(collection).length - rowsBefore;
    expect({ action, added: added > 0 }).toEqual({ action, added: true });
    const retry = await call(action, input, who, requestId);
    expect({ action, retry }).toMatchObject({ action, retry: { ok: true } });
    expect({ action, added: db.rows(collection).length - rowsBefore }).toEqual({ action, added });
    expect({ action, audited: db.rows('audit').filter((a) => a.action === action).length }).toEqual({ action, audited: 1 });
  }
});

test('invite.issue: a crash as it releases the class\'s lock, then the retry, finds the lock its own instead of "still in progress"', async () => {
  const teacher = await as('DEMO-TEACHER');
  const input = { role: 'student', classId: 'cls-simao-1-8-2' };
  store.only('settings');
  store.failAt(2); // the first write takes the lock, the second releases it
  expect(await call('invite.issue', input, teacher, 'req_invite_lock_0001')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  noMoreFaults();
  expect(db.rows('settings').filter((r) => String(r._id).startsWith('lock:invite:'))).toHaveLength(1);
  const issued = () => db.rows('invitations').filter((r) => r.binding.role === 'student' && !r.reusable);
  const codes = issued().length;
  expect(codes).toBeGreaterThan(0);
  const retry = await call('invite.issue', input, teacher, 'req_invite_lock_0001');
  expect(retry).toMatchObject({ ok: true });
  expect(issued()).toHaveLength(codes); // the first try's codes, not a second set
  expect(issued().filter((r) => !r.revokedAt).map((r) => r.code).sort()).toEqual(retry.data.map((c: { code: string }) => c.code).sort());
  expect(db.rows('settings').filter((r) => String(r._id).startsWith('lock:invite:'))).toHaveLength(0);
});
