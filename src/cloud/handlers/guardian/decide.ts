import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import type { RoleBinding } from '../../../domain/roles';
import { defineAction } from '../../core/action';
import { addBinding, type GuardianLinkDoc, type UserDoc } from '../../core/enrol';
import type { GuardianRequestDoc } from '../auth/redeem';
import { requireClass } from '../school/access';

/**
 * The class teacher (or school admin) confirms or refuses a guardian whose
 * name did not match the roster. Confirming binds them to the child; the
 * child's own account is never confirmed as her guardian.
 */
export const decide = defineAction({
  name: 'guardian.decide',
  input: z.object({
    requestId: z.string().min(1, '缺少申请编号。').max(80, '申请编号不对。'),
    approve: z.boolean({ required_error: '请选择确认或不确认。', invalid_type_error: '请选择确认或不确认。' }),
  }).strict(),
  labels: { requestId: '申请', approve: '确认' },
  async handle({ requestId, approve }, ctx) {
    const requests = ctx.store.collection<GuardianRequestDoc>('guardian_requests');
    const req = await requests.get(requestId);
    if (!req) throw new AppError('NOT_FOUND', '没有找到这条绑定申请，可能已经处理过了。');
    const student = await ctx.store.collection<{ _id: string; classId: string; schoolId: string; name: string }>('students').get(req.studentId);
    if (!student) throw new AppError('NOT_FOUND', '没有找到这名学生。');
    await requireClass(ctx, student.classId, { teacher: true });
    // Proven by test/reliability/sideEffects.test.ts (guardian confirmed). The decision carries a mark of this request: a retry of it (after a crash between the decision and the
    // binding, on CloudBase) finds its own decision and finishes the binding, instead of stopping at "decided".
    const mark = ctx.newId('decision');
    const ownEarlierTry = req.status !== 'pending' && req.decidedWith === mark;
    if (req.status !== 'pending' && !ownEarlierTry) {
      if ((req.status === 'approved') === approve) return { requestId, status: req.status };
      throw new AppError('CONFLICT', '这条申请已经处理过了。');
    }
    const now = ctx.clock.now().getTime();
    if (approve && !ownEarlierTry) {
      const user = await ctx.store.collection<UserDoc>('users').get(req.userId);
      if (user?.roles.some((r) => r.role === 'student' && r.studentId === req.studentId)) {
        throw new AppError('CONFLICT', '这个微信是学生本人的账号，不能确认为家长。');
      }
    }
    const status = approve ? 'approved' : 'refused';
    if (!ownEarlierTry && !(await requests.updateIf(requestId, { status: 'pending' }, { set: { status, decidedAt: now, decidedBy: ctx.caller!.userId, decidedWith: mark } }))) {
      throw new AppError('CONFLICT', '这条申请刚刚已经被处理了，请刷新。');
    }
    const since = ownEarlierTry ? (req.decidedAt ?? now) : now;
    if (approve) {
      const binding: RoleBinding = { role: 'guardian', schoolId: student.schoolId, studentId: student._id, guardianName: req.name, relation: req.relation };
      await addBinding(ctx.store, req.userId, binding, since);
      await ctx.store.collection<GuardianLinkDoc>('guardianships').put({
        _id: `${req.userId}:${student._id}`, userId: req.userId, studentId: student._id, since, name: req.name, relation: req.relation, via: 'teacher',
      });
    }
    await ctx.audit({ action: 'guardian.decide', subjectType: 'student', subjectId: student._id, detail: { status } });
    return { requestId, status };
  },
});
