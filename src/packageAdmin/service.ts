/**
 * The enrolment workbench's calls (issue 14): schools and classes, roster
 * import, invitation codes and slips, guardian links, staff posts.
 */
import { call, write } from '../services/api';
import { chinaDay } from '../domain/chinaTime';

export interface SchoolRow { id: string; name: string; jurisdiction: string; stage: string; status: 'open' | 'closed'; classes: number; students: number }
export interface ClassRow { id: string; grade: number; number: number; name: string; status: string; students: number }
export interface ImportResult {
  rows: number; created: number; updated: number; unchanged: number;
  errors: Array<{ row: number; message: string }>; dropped: string[]; classesCreated: string[]; dryRun: boolean;
}
export interface Slip { studentId?: string; studentName?: string; code: string; expiresAt: number; label: string; qr?: string }
/** invite.list: a class's codes; `qr` only for waiting codes when asked (the slip sheet opened again). */
export interface CodeList {
  school: { id: string; name: string };
  class: { id: string; name: string };
  codes: Array<{ code: string; role: string; studentId: string | null; studentName: string; status: 'waiting' | 'used' | 'revoked' | 'expired'; expiresAt: number | null; createdAt: number | null; qr?: string }>;
}
export interface GuardianList {
  school: { id: string; name: string };
  class: { id: string; name: string };
  pending: number;
  students: Array<{
    studentId: string; name: string;
    guardians: Array<{ linkId: string; name: string; relation: string; since: number; via: string }>;
    roster: Array<{ name: string; relation: string }>;
    requests: Array<{ requestId: string; name: string; relation: string; createdAt: number }>;
  }>;
}
export interface StaffList {
  /** `mine`: the caller's own post */
  posts: Array<{ postId: string; role: string; roleName: string; displayName: string; schoolId: string | null; schoolName: string | null; className: string | null; deptName: string | null; since: number; mine: boolean }>;
  needsOwner: Array<{ unit: string; name: string; openCases: number; openAlerts: number }>;
}

export const adminApi = {
  schools: () => call<{ schools: SchoolRow[] }>('school.list', {}),
  importSchools: (d: { fileId: string; dryRun: boolean }) =>
    write<{ rows: number; created: number; unchanged: number; errors: Array<{ row: number; message: string }>; dropped: string[]; schools: string[]; dryRun: boolean }>('school.import', d),
  addSchool: (d: { name: string; jurisdiction: string; stage: string }) => write<{ id: string }>('school.add', d),
  updateSchool: (d: { schoolId: string; name?: string; status?: 'open' | 'closed' }) => write('school.update', d),
  classes: (schoolId: string) => call<{ school: { id: string; name: string; status: string }; classes: ClassRow[] }>('class.list', { schoolId }),
  addClass: (d: { schoolId: string; grade: number; number: number }) => write('class.add', d),
  updateClass: (d: { classId: string; name?: string; status?: 'open' | 'closed' }) => write('class.update', d),
  importRoster: (d: { schoolId: string; fileId: string; dryRun: boolean }) => write<ImportResult>('roster.import', d),
  issue: (d: { classId: string; role: 'guardian' | 'student'; studentIds?: string[]; withQr?: boolean }) => write<Slip[]>('invite.issue', d),
  codes: (d: { classId: string; role?: 'guardian' | 'student'; withQr?: boolean }) => call<CodeList>('invite.list', d),
  issueStaff: (d: { role: string; schoolId?: string; classId?: string; displayName: string }) => write<Slip[]>('invite.issue', d),
  revoke: (code: string) => write('invite.revoke', { code }),
  guardians: (classId: string) => call<GuardianList>('guardian.list', { classId }),
  decide: (requestId: string, approve: boolean) => write('guardian.decide', { requestId, approve }),
  unbind: (linkId: string) => write('guardian.unbind', { linkId }),
  staff: (schoolId?: string) => call<StaffList>('staff.list', schoolId ? { schoolId } : {}),
  endPost: (postId: string) => write('staff.end', { postId }),
};

/** 2026-11-28 in China time. */
export const dateText = (ms: number) => chinaDay(ms);

export const STAGE_NAMES: Record<string, string> = {
  primary: '小学', middle: '初中', high: '高中', nine_year: '九年一贯制', vocational: '职业学校', university: '大学',
};

/** The two lines every slip carries: what the app does with the child's data, and what it never does. */
export const SLIP_LINES = {
  does: '护航帮助家长签署假期安全告家长书、接收学校的安全提醒、学习安全课。',
  /** the student's slip speaks to the child */
  doesStudent: '护航里有安全课和小测验；遇到欺凌、危险，可以在这里悄悄告诉学校。',
  never: '护航从不公开孩子的信息，不做广告，不把信息给与学校安全工作无关的人。',
};
