import { z } from 'zod';
import { content } from '../../../content';
import { coordinatorCovers } from '../../../domain/jurisdiction';
import { AppError } from '../../../domain/errors';
import type { RoleBinding } from '../../../domain/roles';
import { defineAction } from '../../core/action';
import type { Ctx } from '../../core/context';
import { codeFromHex, type InvitationDoc } from '../../core/enrol';
import { ACCESS_MESSAGES, requireClass, requireSchool } from '../school/access';
import {
  CLASS_ROLES, INVITE_MESSAGES, STAFF_INVITE_ROLES, invitationRow, qrFor, storeInvitations, type IssuedCode,
} from './shared';

const id = (what: string) => z.string({ invalid_type_error: `${what}编号不对。` }).min(1, `缺少${what}。`).max(80, `${what}编号不对。`);

const input = z.object({
  role: z.enum([...CLASS_ROLES, ...STAFF_INVITE_ROLES], { errorMap: () => ({ message: '请选择邀请码的身份（家长、学生或工作岗位）。' }) }),
  classId: id('班级').optional(),
  /** only these children of the class (a lost slip): their earlier codes stop working */
  studentIds: z.array(id('学生')).min(1).max(200).optional(),
  schoolId: id('学校').optional(),
  deptId: id('部门').optional(),
  jurisdiction: id('地区').optional(),
  /** staff codes: the person's name, shown in case timelines */
  displayName: z.string().trim().min(1, '请填写姓名。').max(20, '姓名太长了。').optional(),
  expiresInDays: z.number().int().min(1, '有效期至少1天。').max(365, '有效期最长365天。').optional(),
  withQr: z.boolean().optional(),
}).strict();

interface StudentDoc { _id: string; name: string; classId: string; schoolId: string; status?: string; [k: string]: unknown }

/**
 * Issues single-use invitation codes.
 *  - `{classId, role: 'guardian' | 'student'}` (class teacher of that class, school admin, coordinator of the area):
 *    one code per child of the class (or of `studentIds`), answered as `[{studentId, studentName, code, expiresAt}]`;
 *    a child's earlier unused code of that role is revoked, so reissuing a lost slip makes the old one stop working.
 *  - staff posts `{role, schoolId | classId | deptId | jurisdiction, displayName}` (school admin for their school,
 *    coordinators for their area): one code.
 * Codes expire after `expiresInDays` (default 60). `withQr` adds each slip's QR (a mini-program code on WeChat).
 */
export const issue = defineAction({
  name: 'invite.issue',
  input,
  labels: { role: '身份', classId: '班级', studentIds: '学生', schoolId: '学校', deptId: '部门', jurisdiction: '地区', displayName: '姓名', expiresInDays: '有效期' },
  async handle(inp, ctx): Promise<IssuedCode[]> {
    const caller = ctx.caller!;
    const now = ctx.clock.now().getTime();
    let rows: InvitationDoc[];
    if (inp.role === 'guardian' || inp.role === 'student') {
      if (!inp.classId) throw new AppError('BAD_INPUT', '请选择班级。');
      const { cls, school } = await requireClass(ctx, inp.classId, { teacher: true });
      if (school.status === 'closed') throw new AppError('CONFLICT', ACCESS_MESSAGES.closed);
      if (cls.status !== 'open') throw new AppError('CONFLICT', ACCESS_MESSAGES.classClosed);
      let students = (await ctx.store.collection<StudentDoc>('students').find({ classId: cls._id }))
        .filter((s) => (s.status ?? 'active') === 'active')
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
      if (inp.studentIds) {
        const want = new Set(inp.studentIds);
        if (inp.studentIds.some((sid) => !students.some((s) => s._id === sid))) throw new AppError('NOT_FOUND', '有的学生不在这个班里，请刷新名单后再选。');
        students = students.filter((s) => want.has(s._id));
      }
      if (!students.length) throw new AppError('CONFLICT', INVITE_MESSAGES.noStudents);
      const what = inp.role === 'guardian' ? '家长邀请码' : '学生邀请码';
      rows = students.map((s) => {
        const binding: RoleBinding = inp.role === 'guardian'
          ? { role: 'guardian', schoolId: school._id, studentId: s._id }
          : { role: 'student', schoolId: school._id, classId: cls._id, studentId: s._id };
        const row = invitationRow(binding, `${school.name}${cls.name} ${s.name}的${what}`, caller.userId, now, inp.expiresInDays, requestCode(ctx));
        return { ...row, classId: cls._id, studentName: s.name };
      });
      // One issue per class and role at a time: two at once (a double tap) would each revoke the other's
      // earlier codes and leave a child with two working codes.
      await takeLock(ctx, `lock:invite:${cls._id}:${inp.role}`, now);
      try {
        // the earlier unused codes of these children for this role stop working (not this request's own,
        // stored by an earlier try of it: the codes come from the request id)
        const invitations = ctx.store.collection<InvitationDoc>('invitations');
        const earlier = await invitations.find({ classId: cls._id });
        const reissued = new Set(students.map((s) => s._id));
        const own = new Set(rows.map((r) => r._id));
        for (const e of earlier) {
          if (e.binding.role === inp.role && e.studentId && reissued.has(e.studentId) && !e.usedBy && !e.revokedAt && !own.has(e._id)) {
            await invitations.updateIf(e._id, { usedBy: null, revokedAt: null }, { set: { revokedAt: now, revokedBy: caller.userId } });
          }
        }
        rows = await storeInvitations(ctx.store, rows, () => requestCode(ctx));
      } finally {
        await ctx.store.collection('settings').remove(`lock:invite:${cls._id}:${inp.role}`);
      }
    } else {
      rows = await storeInvitations(ctx.store, [await staffInvitation(ctx, inp, now)], () => requestCode(ctx));
    }
    const stored = rows;
    await ctx.audit({
      action: 'invite.issue', subjectType: inp.classId ? 'class' : 'invitation', subjectId: inp.classId ?? stored[0]._id,
      detail: { role: inp.role, count: stored.length },
    });
    return Promise.all(stored.map(async (r) => ({
      code: r.code, expiresAt: r.expiresAt!, role: r.binding.role, label: r.label,
      ...(r.studentId ? { studentId: r.studentId, studentName: r.studentName as string } : {}),
      ...(inp.withQr ? { qr: await qrFor(ctx, r.code) } : {}),
    })));
  },
});

async function staffInvitation(ctx: Ctx, inp: z.infer<typeof input>, now: number): Promise<InvitationDoc> {
  if (!inp.displayName) throw new AppError('BAD_INPUT', INVITE_MESSAGES.needsName);
  const name = inp.displayName;
  let binding: RoleBinding;
  let label: string;
  if (inp.role === 'class_teacher') {
    if (!inp.classId) throw new AppError('BAD_INPUT', INVITE_MESSAGES.staffNeedsUnit);
    const { cls, school } = await requireClass(ctx, inp.classId);
    if (cls.status !== 'open') throw new AppError('CONFLICT', ACCESS_MESSAGES.classClosed);
    binding = { role: 'class_teacher', schoolId: school._id, classId: cls._id, displayName: name };
    label = `${school.name}${cls.name} 班主任 ${name}`;
  } else if (inp.role === 'psych_teacher' || inp.role === 'school_safety_officer' || inp.role === 'school_admin') {
    if (!inp.schoolId) throw new AppError('BAD_INPUT', INVITE_MESSAGES.staffNeedsUnit);
    const school = await requireSchool(ctx, inp.schoolId);
    binding = { role: inp.role, schoolId: school._id, displayName: name };
    label = `${school.name} ${inp.role === 'psych_teacher' ? '心理健康教师' : inp.role === 'school_admin' ? '学校管理员' : '学校安全专干'} ${name}`;
  } else if (inp.role === 'handler') {
    const dept = content.catalog.departments.find((d) => d.id === inp.deptId);
    if (!dept || dept.kind === 'peace_office') throw new AppError(inp.deptId ? 'NOT_FOUND' : 'BAD_INPUT', inp.deptId ? INVITE_MESSAGES.unknownDept : INVITE_MESSAGES.staffNeedsUnit);
    requireArea(ctx, dept.jurisdiction);
    binding = { role: 'handler', deptId: dept.id, jurisdiction: dept.jurisdiction, displayName: name };
    label = `${dept.name} 处置人员 ${name}`;
  } else {
    const area = inp.jurisdiction;
    if (!area || !(area === 'city' || content.catalog.counties.some((c) => c.id === area))) throw new AppError('BAD_INPUT', INVITE_MESSAGES.staffNeedsUnit);
    requireArea(ctx, area);
    binding = { role: 'coordinator', jurisdiction: area, displayName: name };
    label = `${area === 'city' ? content.catalog.cityName : content.catalog.counties.find((c) => c.id === area)!.name}平安办 协调员 ${name}`;
  }
  return invitationRow(binding, label, ctx.caller!.userId, now, inp.expiresInDays, requestCode(ctx));
}

/** The next code of this request: the same on every try of it (ctx.newId), so a retry stores no second set. */
const requestCode = (ctx: Ctx) => codeFromHex(ctx.newId('invitation'));

/** Issuing a class's codes takes a minute at most: a lock older than that belongs to a call that died. */
const LOCK_STALE_MS = 60_000;

async function takeLock(ctx: Ctx, id: string, now: number) {
  const locks = ctx.store.collection<{ _id: string; at: number; by?: string }>('settings');
  // a mark of this request: a retry of it finds the lock an earlier try of it could not release (CloudBase) its own
  const by = ctx.newId('lock');
  try {
    await locks.insert({ _id: id, at: now, by });
    return;
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'CONFLICT') throw e;
  }
  const held = await locks.get(id);
  if (held?.by === by) return;
  // compare-and-set on the stale lock's time: of several callers finding it stale, one takes it over
  if (held && held.at < now - LOCK_STALE_MS && (await locks.updateIf(id, { at: held.at }, { set: { at: now } }))) return;
  throw new AppError('CONFLICT', '这个班的邀请码正在生成，请稍等几秒再试。', { inProgress: true });
}

/** Handler and coordinator codes: only a coordinator covering that area issues them. */
function requireArea(ctx: Ctx, jurisdiction: string) {
  if (!ctx.caller!.roles.some((r) => r.role === 'coordinator' && r.jurisdiction && coordinatorCovers(r.jurisdiction, jurisdiction))) {
    throw new AppError('FORBIDDEN', INVITE_MESSAGES.staffNotYours);
  }
}
