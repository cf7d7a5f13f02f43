/**
 * The role gate as a matrix: every action × every role, written out here
 * independently of src/domain/policy.ts so a change there has to be a
 * deliberate change here too.
 */
import { ACTION_ACCESS, roleAllows, WRITE_ACTIONS } from '../../src/domain/policy';
import { ROLES, type Role } from '../../src/domain/roles';

const ALL = 'all roles' as const;
const STAFF_REPORTERS: Role[] = ['class_teacher', 'psych_teacher', 'school_safety_officer', 'handler', 'coordinator'];
const CASE_READERS: Role[] = ['handler', 'coordinator', 'school_safety_officer', 'psych_teacher'];
const CASE_ACTORS: Role[] = ['handler', 'school_safety_officer', 'psych_teacher'];
// A class teacher reaches case.list / case.get only to follow mandatory reports they filed (the handler checks the case).
const CASE_READERS_AND_FILERS: Role[] = [...CASE_READERS, 'class_teacher'];

// action → [allowed without login?, roles allowed]
const EXPECTED: Record<string, [boolean, Role[] | typeof ALL]> = {
  'auth.login': [true, ALL],
  'auth.me': [false, ALL],
  'auth.redeem': [false, ALL],
  'auth.logout': [false, ALL],
  'catalog.get': [true, ALL],
  'home.summary': [false, ALL],
  'report.submit': [true, ALL],
  'report.status': [true, ALL],
  'report.message': [true, ALL],
  'upload.finalize': [true, ALL],
  'report.mandatory': [false, STAFF_REPORTERS],
  'case.list': [false, CASE_READERS_AND_FILERS],
  'case.get': [false, CASE_READERS_AND_FILERS],
  'case.acknowledge': [false, CASE_ACTORS],
  'case.reply': [false, CASE_ACTORS],
  'case.note': [false, CASE_READERS],
  'case.transfer': [false, ['handler', 'coordinator']],
  'case.resolve': [false, CASE_ACTORS],
  'case.reopen': [false, ['handler', 'coordinator']],
  'case.stats': [false, ['coordinator']],
  // reading a lesson needs no account; completing one is a student's, class records and counts a class teacher's
  'lesson.list': [true, ALL],
  'lesson.get': [true, ALL],
  'lesson.complete': [false, ['student', 'guardian']],
  'lesson.classSession': [false, ['class_teacher']],
  'lesson.classSessionUndo': [false, ['class_teacher']],
  'lesson.progress': [false, ['class_teacher']],
  // screening: DESIGN.md §7 — never handlers or safety officers
  'campaign.create': [false, ['psych_teacher', 'coordinator']],
  'campaign.update': [false, ['psych_teacher', 'coordinator']],
  'campaign.list': [false, ['psych_teacher', 'coordinator', 'class_teacher']],
  'screening.current': [false, ['student', 'guardian']],
  'screening.consent': [false, ['guardian']],
  'screening.paperConsent': [false, ['psych_teacher']],
  'screening.request': [false, ['guardian']],
  'screening.requests': [false, ['psych_teacher']],
  'screening.answerRequest': [false, ['psych_teacher']],
  'screening.readLog': [false, ['psych_teacher']],
  'screening.saveDraft': [false, ['student']],
  'screening.submit': [false, ['student']],
  'screening.results': [false, ['psych_teacher']],
  'screening.file': [false, ['psych_teacher']],
  'screening.fileUpdate': [false, ['psych_teacher']],
  'screening.completion': [false, ['class_teacher']],
  'screening.nudge': [false, ['class_teacher']],
  'screening.stats': [false, ['coordinator', 'psych_teacher']],
  'holiday.current': [false, ['guardian', 'class_teacher', 'coordinator']],
  'holiday.setTerms': [false, ['coordinator']],
  'commitment.sign': [false, ['guardian']],
  'commitment.progress': [false, ['class_teacher']],
  'commitment.export': [false, ['class_teacher']],
  'commitment.nudge': [false, ['class_teacher']],
  'commitment.coverage': [false, ['coordinator']],
  'reminder.subscribe': [false, ['guardian']],
  'case.backlog': [false, ['coordinator']],
  // enrolment (DESIGN §7 "rosters and codes"): coordinators my area, school admin my school, class teacher my class
  'school.list': [false, ['coordinator', 'handler', 'school_admin']],
  'school.add': [false, ['coordinator', 'handler']],
  'school.update': [false, ['coordinator', 'handler']],
  'school.import': [false, ['coordinator', 'handler']],
  'class.list': [false, ['coordinator', 'handler', 'school_admin', 'class_teacher', 'psych_teacher']],
  'class.add': [false, ['coordinator', 'handler', 'school_admin']],
  'class.update': [false, ['coordinator', 'handler', 'school_admin']],
  'roster.import': [false, ['coordinator', 'school_admin']],
  'invite.issue': [false, ['coordinator', 'school_admin', 'class_teacher']],
  'invite.revoke': [false, ['coordinator', 'school_admin', 'class_teacher']],
  'invite.list': [false, ['coordinator', 'school_admin', 'class_teacher']],
  'guardian.list': [false, ['school_admin', 'class_teacher']],
  'guardian.decide': [false, ['school_admin', 'class_teacher']],
  'guardian.unbind': [false, ['school_admin', 'class_teacher']],
  'staff.list': [false, ['coordinator', 'school_admin']],
  'staff.end': [false, ['coordinator', 'school_admin']],
  'rollover.preview': [false, ['school_admin', 'coordinator']],
  'rollover.apply': [false, ['school_admin', 'coordinator']],
  'rollover.setDate': [false, ['coordinator']],
  'student.transfer': [false, ['school_admin', 'coordinator']],
  // the desk: any session reaches the handler, which checks the area (coordinators, lead-department handlers) or the
  // school (school_admin: their own) and audits the refusal (test/cloud/desk.test.ts)
  'targets.overview': [false, ALL],
  'targets.detail': [false, ALL],
  'targets.export': [false, ALL],
  'figures.form': [false, ['handler']],
  'figures.submit': [false, ['handler']],
  'figures.status': [false, ['coordinator']],
};

test('every action in the policy is in this matrix and the other way round', () => {
  expect(Object.keys(ACTION_ACCESS).sort()).toEqual(Object.keys(EXPECTED).sort());
});

describe.each(Object.entries(EXPECTED))('%s', (action, [anonymousOk, roles]) => {
  test(anonymousOk ? 'is open to callers without a session' : 'needs a session', () => {
    expect(roleAllows(action, null)).toBe(anonymousOk);
  });
  test.each(ROLES)('role %s', (role) => {
    const allowed = roles === ALL || roles.includes(role);
    expect(roleAllows(action, [{ role }])).toBe(allowed);
  });
  test('a logged-in caller with no role', () => {
    expect(roleAllows(action, [])).toBe(roles === ALL);
  });
});

test('an action that is not in the policy is denied to everyone', () => {
  expect(roleAllows('screening.export', null)).toBe(false);
  for (const role of ROLES) expect(roleAllows('screening.export', [{ role }])).toBe(false);
  expect(roleAllows('__proto__', [{ role: 'coordinator' }])).toBe(false);
});

test('holding several roles allows what any one of them allows', () => {
  expect(roleAllows('case.stats', [{ role: 'guardian' }, { role: 'coordinator' }])).toBe(true);
  expect(roleAllows('case.stats', [{ role: 'guardian' }, { role: 'handler' }])).toBe(false);
});

test('every write action is in the policy', () => {
  for (const a of WRITE_ACTIONS) expect(ACTION_ACCESS[a]).toBeDefined();
});
