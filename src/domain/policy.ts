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
  'screening.consent': ['guardian', 'psych_teacher'],
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
  'commitment.sign': ['guardian'],
  'commitment.progress': ['class_teacher'],
  'commitment.export': ['class_teacher'],
  'commitment.nudge': ['class_teacher'],
  'commitment.coverage': ['coordinator'],
  'reminder.subscribe': ['guardian'],
  // 未办结 without content (category, place, age, deadlines): oversight that does not widen who reads a report
  'case.backlog': ['coordinator'],
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
  'screening.saveDraft',
  'screening.submit',
  'screening.fileUpdate',
  'screening.nudge',
  'holiday.setTerms',
  'commitment.sign',
  'commitment.nudge',
  'reminder.subscribe',
]);
