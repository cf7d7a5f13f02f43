/**
 * Each side effect a crash could lose, on the CloudBase adapter (over the fake
 * SDK), where there is no transaction to roll back: the write of the message
 * fails once, the request (or the scheduler run) is retried, and the message
 * is then there exactly once, and a further retry writes nothing more.
 *  - the notification of a filed report to its lead units;
 *  - the push to the psychology teacher for a crisis answer;
 *  - the escalation of an overdue case (event, audit row and push).
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
