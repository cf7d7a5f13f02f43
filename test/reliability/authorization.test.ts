/**
 * Authorization, enumerated: every registered action × every role (and a
 * session without a role, and no session at all), checked against a table
 * written out here, separately from src/domain/policy.ts. The table is the
 * second key to the lock: changing who may call an action means changing
 * both, on purpose. A new action without an entry here fails the suite.
 *
 * The role gate is what is checked (the first of two gates; handlers then
 * apply "my school / my class / my department", tested per feature). A
 * denied pair must be refused by the real dispatcher before the handler runs
 * (FORBIDDEN for a session, UNAUTHENTICATED for none) and must change nothing.
 */
import { ACTION_ACCESS, WRITE_ACTIONS, roleAllows } from '../../src/domain/policy';
import { ROLES, type Role } from '../../src/domain/roles';
import { actions } from '../../src/cloud/handlers';
import type { CallerIdentity } from '../../src/cloud/core/dispatch';
import { makeHarness, type Harness } from '../cloud/harness';
import { businessFingerprint } from './fingerprint';

type Who = Role | 'no_role' | 'nobody';
const STAFF_CASES: Role[] = ['handler', 'coordinator', 'school_safety_officer', 'psych_teacher', 'class_teacher'];
const P = 'public' as const;
const L = 'login' as const;

/** action → who may pass the role gate: 'public' (anyone), 'login' (any session) or the roles. */
const EXPECTED: Record<string, typeof P | typeof L | Role[]> = {
  'auth.login': P,
  'auth.me': L,
  'auth.redeem': L,
  'auth.logout': L,
  'catalog.get': P,
  'home.summary': L,
  'report.submit': P,
  'report.status': P,
  'report.message': P,
  'upload.finalize': P,
  'report.mandatory': ['class_teacher', 'psych_teacher', 'school_safety_officer', 'handler', 'coordinator'],
  'case.list': STAFF_CASES,
  'case.get': STAFF_CASES,
  'case.acknowledge': ['handler', 'school_safety_officer', 'psych_teacher'],
  'case.reply': ['handler', 'school_safety_officer', 'psych_teacher'],
  'case.note': ['handler', 'coordinator', 'school_safety_officer', 'psych_teacher'],
  'case.transfer': ['handler', 'coordinator'],
  'case.resolve': ['handler', 'school_safety_officer', 'psych_teacher'],
  'case.reopen': ['handler', 'coordinator'],
  'case.stats': ['coordinator'],
  'case.backlog': ['coordinator'],
  'holiday.current': ['guardian', 'class_teacher', 'coordinator'],
  'holiday.setTerms': ['coordinator'],
  'commitment.sign': ['guardian'],
  'commitment.progress': ['class_teacher'],
  'commitment.export': ['class_teacher'],
  'commitment.nudge': ['class_teacher'],
  'commitment.coverage': ['coordinator'],
  'reminder.subscribe': ['guardian'],
  // the desk: any session reaches the handler, which checks the area (coordinators, lead-department handlers) or the
  // school (school_admin: their own) and audits the refusal (test/cloud/desk.test.ts)
  'targets.overview': L,
  'targets.detail': L,
  'targets.export': L,
  'figures.form': ['handler'],
  'figures.submit': ['handler'],
  'figures.status': ['coordinator'],
  'lesson.list': P,
  'lesson.get': P,
  'lesson.complete': ['student', 'guardian'],
  'lesson.classSessionUndo': ['class_teacher'],
  'lesson.classSession': ['class_teacher'],
  'lesson.progress': ['class_teacher'],
  'campaign.create': ['psych_teacher', 'coordinator'],
  'campaign.update': ['psych_teacher', 'coordinator'],
  'campaign.list': ['psych_teacher', 'coordinator', 'class_teacher'],
  'screening.current': ['student', 'guardian'],
  'screening.consent': ['guardian'],
  'screening.paperConsent': ['psych_teacher'],
  'screening.request': ['guardian'],
  'screening.requests': ['psych_teacher'],
  'screening.answerRequest': ['psych_teacher'],
  'screening.readLog': ['psych_teacher'],
  'screening.saveDraft': ['student'],
  'screening.submit': ['student'],
  'screening.results': ['psych_teacher'],
  'screening.file': ['psych_teacher'],
  'screening.fileUpdate': ['psych_teacher'],
  'screening.completion': ['class_teacher'],
  'screening.nudge': ['class_teacher'],
  'screening.stats': ['coordinator', 'psych_teacher'],
  'school.list': ['coordinator', 'handler', 'school_admin'],
  'school.add': ['coordinator', 'handler'],
  'school.update': ['coordinator', 'handler'],
  'school.import': ['coordinator', 'handler'],
  'class.list': ['coordinator', 'handler', 'school_admin', 'class_teacher', 'psych_teacher'],
  'class.add': ['coordinator', 'handler', 'school_admin'],
  'class.update': ['coordinator', 'handler', 'school_admin'],
  'roster.import': ['coordinator', 'school_admin'],
  'invite.issue': ['coordinator', 'school_admin', 'class_teacher'],
  'invite.revoke': ['coordinator', 'school_admin', 'class_teacher'],
  'invite.list': ['coordinator', 'school_admin', 'class_teacher'],
  'guardian.list': ['school_admin', 'class_teacher'],
  'guardian.decide': ['school_admin', 'class_teacher'],
  'guardian.unbind': ['school_admin', 'class_teacher'],
  'staff.list': ['coordinator', 'school_admin'],
  'staff.end': ['coordinator', 'school_admin'],
  'rollover.preview': ['school_admin', 'coordinator'],
  'rollover.apply': ['school_admin', 'coordinator'],
  'rollover.setDate': ['coordinator'],
  'student.transfer': ['school_admin', 'coordinator'],
};

/** One demo code per role: a caller holding exactly that binding. */
const DEMO_CODE: Record<Role, string> = {
  student: 'DEMO-STUDENT',
  guardian: 'DEMO-PARENT',
  class_teacher: 'DEMO-TEACHER',
  psych_teacher: 'DEMO-PSY',
  school_safety_officer: 'DEMO-SAFETY',
  handler: 'DEMO-POLICE',
  coordinator: 'DEMO-COORD',
  school_admin: 'DEMO-SCHOOL-ADMIN',
};

const allowed = (action: string, who: Who): boolean => {
  const e = EXPECTED[action];
  if (e === P) return true;
  if (who === 'nobody') return false;
  if (e === L) return true;
  return who !== 'no_role' && e.includes(who);
};

let h: Harness;
const callers = new Map<Who, CallerIdentity | null>();
beforeAll(async () => {
  h = await makeHarness();
  for (const role of ROLES) callers.set(role, await h.as(DEMO_CODE[role]));
  callers.set('no_role', await h.as());
  callers.set('nobody', null);
});
afterAll(async () => { await h.close(); });

test('every registered action has an entry in the table here, and the table names no action that does not exist', () => {
  const registered = [...actions.keys()].sort();
  expect(Object.keys(EXPECTED).sort()).toEqual(registered);
  // and the policy knows every registered action (an action missing there is unreachable)
  expect(Object.keys(ACTION_ACCESS).sort()).toEqual(registered);
  // every write action is a registered action
  for (const w of WRITE_ACTIONS) expect(registered).toContain(w);
});

test('the policy agrees with the table for every action and every role', () => {
  const mismatches: string[] = [];
  for (const action of actions.keys()) {
    for (const role of ROLES) {
      const want = allowed(action, role);
      if (roleAllows(action, [{ role }]) !== want) mismatches.push(`${action} × ${role}: policy ${!want}, table ${want}`);
    }
    if (roleAllows(action, []) !== allowed(action, 'no_role')) mismatches.push(`${action} × no role`);
    if (roleAllows(action, null) !== allowed(action, 'nobody')) mismatches.push(`${action} × no session`);
  }
  expect(mismatches).toEqual([]);
});

test('through the real dispatcher, every denied (action, caller) pair is refused before the handler and changes nothing', async () => {
  const before = await businessFingerprint(h.store);
  const wrong: string[] = [];
  let denied = 0;
  for (const action of actions.keys()) {
    for (const [who, identity] of callers) {
      if (allowed(action, who)) continue;
      denied++;
      const res = await h.call(action, {}, { as: identity });
      const want = who === 'nobody' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      if (res.ok || res.error?.code !== want || !/[\u4e00-\u9fff]/.test(res.error.message)) {
        wrong.push(`${action} as ${who}: ${JSON.stringify(res.ok ? 'ok' : res.error)}`);
      }
    }
  }
  expect(wrong).toEqual([]);
  expect(denied).toBeGreaterThan(50);
  expect(await businessFingerprint(h.store)).toBe(before);
});

test('every allowed (action, caller) pair passes the role gate (an empty request is then judged by the handler, never 401/403 from the gate)', async () => {
  // A refusal at the gate leaves an audit row ('denied', the action: src/cloud/core/denied.ts), at most
  // GATE_DENIALS_AUDITED_PER_HOUR a caller an hour: a fresh hour, so none of this test's can go unrecorded.
  h.clock.advance(3600_000);
  const audit = h.store.collection('audit');
  const wrong: string[] = [];
  let forbiddenByHandler = 0;
  for (const action of actions.keys()) {
    if (action === 'auth.logout') continue; // would end the shared session used by the rest of this loop
    for (const [who, identity] of callers) {
      if (!allowed(action, who)) continue;
      const gateRows = () => (identity ? audit.count({ actorId: identity.userId!, action: 'denied', subjectId: action }) : Promise.resolve(0));
      const before = await gateRows();
      const res = await h.call(action, {}, { as: identity });
      if (!res.ok && res.error?.code === 'UNAUTHENTICATED') wrong.push(`${action} as ${who}: ${res.error.message}`);
      if (!res.ok && res.error?.code === 'INTERNAL') wrong.push(`${action} as ${who}: 500`);
      if (!res.ok && res.error?.code === 'FORBIDDEN') {
        // the gate records its refusals; a handler's own FORBIDDEN (not my school, not my child) is its judgement
        if ((await gateRows()) > before) wrong.push(`${action} as ${who}: FORBIDDEN at the role gate`);
        else forbiddenByHandler++;
      }
    }
  }
  expect(wrong).toEqual([]);
  // and the check can see a gate refusal: a denied pair leaves exactly that row
  const student = callers.get('student')!;
  const before = await audit.count({ actorId: student.userId!, action: 'denied', subjectId: 'screening.results' });
  expect((await h.call('screening.results', {}, { as: student })).error?.code).toBe('FORBIDDEN');
  expect(await audit.count({ actorId: student.userId!, action: 'denied', subjectId: 'screening.results' })).toBe(before + 1);
  console.info(`allowed pairs refused by their handler (not the gate) on an empty request: ${forbiddenByHandler}`);
});
