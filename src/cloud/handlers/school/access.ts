/**
 * Who may manage which school or class (DESIGN §7 "rosters and codes"): the
 * school admin their school; coordinators the schools of their area (the city
 * coordinator every school); the class teacher their own class only (codes
 * and guardian links, never the roster or staff). The county education
 * bureau's handlers add, rename and close schools and classes of their county.
 */
import { coordinatorCovers } from '../../../domain/jurisdiction';
import { AppError } from '../../../domain/errors';
import type { Ctx } from '../../core/context';
import { dir, isEduDept, type ClassDoc, type SchoolDoc } from '../../core/directory';

export const ACCESS_MESSAGES = {
  noSchool: '没有找到这所学校，可能编号有误或学校已经撤销。',
  noClass: '没有找到这个班级，可能编号有误。',
  notYourSchool: '您只能管理自己负责的学校。如需开通，请联系县（区）平安办。',
  notYourClass: '您只能管理自己班的邀请码和家长绑定。',
  closed: '这所学校已经关闭，不能再做这项操作。',
  classClosed: '这个班级已经关闭，不能再发邀请码。需要时请先在“班级”里重新开班。',
} as const;

export interface ManageOpts {
  /** the school's own admin may (default true) */
  schoolAdmin?: boolean;
  /** the education bureau handler of the school's county may (default false) */
  eduHandler?: boolean;
}

export function managesSchool(ctx: Ctx, school: SchoolDoc, opts: ManageOpts = {}): boolean {
  return ctx.caller!.roles.some((r) =>
    (r.role === 'coordinator' && !!r.jurisdiction && coordinatorCovers(r.jurisdiction, school.jurisdiction)) ||
    (opts.schoolAdmin !== false && r.role === 'school_admin' && r.schoolId === school._id) ||
    (!!opts.eduHandler && r.role === 'handler' && !!r.deptId && isEduDept(r.deptId) && r.jurisdiction === school.jurisdiction));
}

export async function requireSchool(ctx: Ctx, schoolId: string, opts: ManageOpts = {}): Promise<SchoolDoc> {
  const school = await dir(ctx).school(schoolId);
  if (!school) throw new AppError('NOT_FOUND', ACCESS_MESSAGES.noSchool);
  if (!managesSchool(ctx, school, opts)) throw new AppError('FORBIDDEN', ACCESS_MESSAGES.notYourSchool);
  return school;
}

/** A class the caller manages: its class teacher (when `teacher`), its school's admin, a coordinator of the area. */
export async function requireClass(ctx: Ctx, classId: string, opts: ManageOpts & { teacher?: boolean } = {}): Promise<{ cls: ClassDoc; school: SchoolDoc }> {
  const cls = await dir(ctx).class(classId);
  if (!cls) throw new AppError('NOT_FOUND', ACCESS_MESSAGES.noClass);
  const school = await dir(ctx).school(cls.schoolId);
  if (!school) throw new AppError('NOT_FOUND', ACCESS_MESSAGES.noSchool);
  const teacher = opts.teacher && ctx.caller!.roles.some((r) => r.role === 'class_teacher' && r.classId === classId);
  if (!teacher && !managesSchool(ctx, school, opts)) {
    throw new AppError('FORBIDDEN', opts.teacher ? ACCESS_MESSAGES.notYourClass : ACCESS_MESSAGES.notYourSchool);
  }
  return { cls, school };
}

export const idSchemaMessage = (what: string) => ({ required_error: `缺少${what}。`, invalid_type_error: `${what}编号不对。` });
