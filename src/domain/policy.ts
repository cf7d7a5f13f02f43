import type { Role, RoleBinding } from './roles';

/**
 * Who may call which action. This is the first gate (role level); handlers
 * then apply the resource-level rules below (my department, my school …).
 * Anything not listed is denied: a new action must be added here or it is
 * unreachable.
 *
 *  - 'public': anyone, logged in or not (anonymous reporting must not need an account)
 *  - 'login':  any caller with a session, whatever their roles
 *  - Role[]:   the caller must hold one of these roles
 */
export type Access = 'public' | 'login' | readonly Role[];

export const ACTION_ACCESS: Record<string, Access> = {
  'auth.login': 'public',
  'auth.me': 'login',
  'auth.redeem': 'login',
  'auth.logout': 'login',
  'catalog.get': 'public',
  'home.summary': 'login',

  'report.submit': 'public',
  'report.status': 'public',
  'report.message': 'public',
  // the mini-program's photo upload on CloudBase (anonymous, like the report it is for)
  'upload.finalize': 'public',
  'report.mandatory': ['class_teacher', 'psych_teacher', 'school_safety_officer', 'handler', 'coordinator'],

  // class_teacher: only to follow the mandatory reports they filed themselves (case.get checks the case).
  'case.list': ['handler', 'coordinator', 'school_safety_officer', 'psych_teacher', 'class_teacher'],
  'case.get': ['handler', 'coordinator', 'school_safety_officer', 'psych_teacher', 'class_teacher'],
  'case.acknowledge': ['handler', 'school_safety_officer', 'psych_teacher'],
  'case.reply': ['handler', 'school_safety_officer', 'psych_teacher'],
  'case.note': ['handler', 'coordinator', 'school_safety_officer', 'psych_teacher'],
  'case.transfer': ['handler', 'coordinator'],
  'case.resolve': ['handler', 'school_safety_officer', 'psych_teacher'],
  'case.reopen': ['handler', 'coordinator'],
  'case.stats': ['coordinator'],

  // Safety lessons: reading needs no account; completion is a student's own, class records and counts the class teacher's
  // (their own class, checked in the handler). No per-child view for anyone.
  'lesson.list': 'public',
  'lesson.get': 'public',
  // a guardian records reading a parents' lesson (the plan's 面向家长的心理健康教育 is counted)
  'lesson.complete': ['student', 'guardian'],
  'lesson.classSession': ['class_teacher'],
  'lesson.classSessionUndo': ['class_teacher'],
  'lesson.progress': ['class_teacher'],
  // Screening (DESIGN.md §7): answers, scores and bands reach the school's psychology teacher only;
  // class teachers see completion; guardians consent and read what the psychology teacher told them;
  // coordinators see aggregates. Handlers and safety officers see nothing. Handlers check school/class/child.
  'campaign.create': ['psych_teacher', 'coordinator'],
  'campaign.update': ['psych_teacher', 'coordinator'],
  'campaign.list': ['psych_teacher', 'coordinator', 'class_teacher'],
  'screening.current': ['student', 'guardian'],
  'screening.consent': ['guardian'],
  // issue 16: paper forms only with evidence; PIPL art. 45 requests; who read a child's file
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
  // Holiday letters (DESIGN §7 "holiday commitments": guardian → my linked children, class teacher → my class,
  // coordinator → coverage). The handlers check the child, the class and the area.
  'holiday.current': ['guardian', 'class_teacher', 'coordinator'],
  'holiday.setTerms': ['coordinator'],
  // Year rollover and transfers (issue 14): a school admin for their school, a coordinator for their area (handlers check).
  'rollover.preview': ['school_admin', 'coordinator'],
  'rollover.apply': ['school_admin', 'coordinator'],
  'rollover.setDate': ['coordinator'],
  'student.transfer': ['school_admin', 'coordinator'],
  'commitment.sign': ['guardian'],
  'commitment.progress': ['class_teacher'],
  'commitment.export': ['class_teacher'],
  'commitment.nudge': ['class_teacher'],
  'commitment.coverage': ['coordinator'],
  'reminder.subscribe': ['guardian'],
  // 未办结 without content (category, place, age, deadlines): oversight that does not widen who reads a report
  'case.backlog': ['coordinator'],
  // Enrolment (DESIGN §7 "rosters and codes", §8): schools and classes are records; the school admin and the
  // coordinators of the area import rosters and issue codes; class teachers issue codes for and see the bindings
  // of their own class. Handlers check the school, class and area.
  'school.list': ['coordinator', 'handler', 'school_admin'],
  'school.add': ['coordinator', 'handler'],
  'school.update': ['coordinator', 'handler'],
  'school.import': ['coordinator', 'handler'],
  // the psychology teacher: their school's classes, to pick grades and classes for a campaign
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
  // The desk (issue 15): the handlers check the area and audit every refusal, so any logged-in caller reaches them.
  'targets.overview': 'login',
  'targets.detail': 'login',
  'targets.export': 'login',
  // Monthly returns: the county's lead-department handler files and corrects (checked in the handler); coordinators see who filed.
  'figures.form': ['handler'],
  'figures.submit': ['handler'],
  'figures.status': ['coordinator'],
};

export function roleAllows(action: string, bindings: readonly RoleBinding[] | null): boolean {
  // own properties only: '__proto__' or 'toString' must not find Object.prototype
  if (!Object.prototype.hasOwnProperty.call(ACTION_ACCESS, action)) return false;
  const access = ACTION_ACCESS[action];
  if (access === 'public') return true;
  if (!bindings) return false;
  if (access === 'login') return true;
  return bindings.some((b) => access.includes(b.role));
}

/** True for actions that change state: they need a request id and are idempotent. */
export const WRITE_ACTIONS = new Set([
  'auth.redeem',
  'report.submit',
  'report.message',
  'report.mandatory',
  'upload.finalize',
  'case.acknowledge',
  'case.reply',
  'case.note',
  'case.transfer',
  'case.resolve',
  'case.reopen',
  'lesson.complete',
  'lesson.classSession',
  'lesson.classSessionUndo',
  'campaign.create',
  'campaign.update',
  'screening.consent',
  'screening.paperConsent',
  'screening.request',
  'screening.answerRequest',
  'screening.saveDraft',
  'screening.submit',
  'screening.fileUpdate',
  'screening.nudge',
  'holiday.setTerms',
  'rollover.apply',
  'rollover.setDate',
  'student.transfer',
  'commitment.sign',
  'commitment.nudge',
  'reminder.subscribe',
  'school.add',
  'school.update',
  'school.import',
  'class.add',
  'class.update',
  'roster.import',
  'invite.issue',
  'invite.revoke',
  'guardian.decide',
  'guardian.unbind',
  'staff.end',
  'figures.submit',
]);

/**
 * Writes per caller per hour, enforced by the dispatcher for every write
 * action (counted in the request's own unit of work, so a refused write
 * changes nothing and leaves no audit row). Generous for a person, fatal for
 * a script: a guardian subscribing 30 times an hour, a handler working 600
 * cases, a student saving 600 screening answers. Callers without a session
 * (anonymous reports) are counted per address, ten times these (rateLimit.ts).
 * A write action not listed here gets DEFAULT_WRITES_PER_HOUR.
 */
export const WRITES_PER_HOUR: Record<string, number> = {
  'auth.redeem': 30,
  'report.submit': 20,
  'report.message': 60,
  'report.mandatory': 30,
  'upload.finalize': 60,
  'case.acknowledge': 600,
  'case.reply': 600,
  'case.note': 600,
  'case.transfer': 300,
  'case.resolve': 600,
  'case.reopen': 300,
  'lesson.complete': 120,
  'lesson.classSession': 120,
  'campaign.create': 30,
  'campaign.update': 60,
  'screening.consent': 60,
  'screening.saveDraft': 600,
  'screening.submit': 30,
  'screening.fileUpdate': 300,
  'screening.nudge': 60,
  'holiday.setTerms': 60,
  'commitment.sign': 60,
  'commitment.nudge': 30,
  'reminder.subscribe': 30,
};
export const DEFAULT_WRITES_PER_HOUR = 120;
export const writesPerHour = (action: string) => WRITES_PER_HOUR[action] ?? DEFAULT_WRITES_PER_HOUR;
