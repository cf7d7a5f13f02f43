/**
 * Roles and role bindings. A caller may hold several bindings (a teacher who is
 * also a parent). Bindings point at real records: a student at a student
 * record, a guardian at a child, a handler at one department (which already
 * implies one jurisdiction), a coordinator at a county or the city.
 */
export const ROLES = [
  'student',
  'guardian',
  'class_teacher',
  'psych_teacher',
  'school_safety_officer',
  'handler',
  'coordinator',
  'school_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  student: '学生',
  guardian: '家长/监护人',
  class_teacher: '班主任',
  psych_teacher: '心理健康教师',
  school_safety_officer: '学校安全专干',
  handler: '部门处置人员',
  coordinator: '平安办协调员',
  school_admin: '学校管理员',
};

export interface RoleBinding {
  role: Role;
  /** student, guardian (the child's school), teachers, safety officer */
  schoolId?: string;
  /** student, class_teacher */
  classId?: string;
  /** student: own record; guardian: the child */
  studentId?: string;
  /** handler */
  deptId?: string;
  /** handler (the department's jurisdiction), coordinator (county id or 'city') */
  jurisdiction?: string;
  /** staff display name, shown in case timelines; never set for students */
  displayName?: string;
  /** guardian: their name and how they are related to the child (母亲, 祖父 …), shown with their signature to the class teacher */
  guardianName?: string;
  relation?: string;
}

export const STAFF_ROLES: readonly Role[] = [
  'class_teacher',
  'psych_teacher',
  'school_safety_officer',
  'handler',
  'coordinator',
  'school_admin',
];

export const isStaff = (bindings: readonly RoleBinding[]) =>
  bindings.some((b) => STAFF_ROLES.includes(b.role));

/**
 * A guardian's line on 我的 (auth.me `who`): "刘芳（母亲） · 孩子：李小雨，八年级（2）班". Written by the server
 * and read back by 首页 for the child (guardianChildOf), so the format has this one home.
 */
const WHO_SEP = ' · ';
const CHILD_MARK = '孩子：';
export function guardianWhoLine(me: string, child: string): string | null {
  return [me, child ? `${CHILD_MARK}${child}` : ''].filter(Boolean).join(WHO_SEP) || null;
}
/** The child part of a guardian's line ("李小雨，八年级（2）班"), or null. */
export function guardianChildOf(line: string | null | undefined): string | null {
  return line?.split(WHO_SEP).find((part) => part.startsWith(CHILD_MARK))?.slice(CHILD_MARK.length) ?? null;
}
