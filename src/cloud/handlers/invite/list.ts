import { z } from 'zod';
import { defineAction } from '../../core/action';
import type { InvitationDoc } from '../../core/enrol';
import { requireClass } from '../school/access';

/**
 * A class's codes (class teacher, school admin, coordinator): per code the
 * child, the role, and whether it is waiting, used, revoked or expired, so
 * a lost slip can be reprinted or reissued. Codes used are not shown in full.
 */
export const list = defineAction({
  name: 'invite.list',
  input: z.object({ classId: z.string().min(1, '缺少班级。').max(80, '班级编号不对。') }).strict(),
  labels: { classId: '班级' },
  async handle({ classId }, ctx) {
    const { cls, school } = await requireClass(ctx, classId, { teacher: true });
    const now = ctx.clock.now().getTime();
    const rows = await ctx.store.collection<InvitationDoc>('invitations').find({ classId }, { orderBy: [['createdAt', 'desc']] });
    const students = await ctx.store.collection<{ _id: string; name: string }>('students').find({ classId });
    const names = new Map(students.map((s) => [s._id, s.name]));
    await ctx.audit({ action: 'invite.list', subjectType: 'class', subjectId: classId, detail: { codes: rows.length } });
    return {
      school: { id: school._id, name: school.name },
      class: { id: cls._id, name: cls.name },
      codes: rows.filter((r) => r.binding.role === 'guardian' || r.binding.role === 'student').map((r) => {
        const status = r.usedBy ? 'used' : r.revokedAt ? 'revoked' : (r.expiresAt ?? Infinity) <= now ? 'expired' : 'waiting';
        return {
          code: status === 'waiting' ? r.code : r.code.slice(0, 4) + '-****-****',
          role: r.binding.role, studentId: r.studentId ?? null, studentName: names.get(r.studentId ?? '') ?? (r.studentName as string | undefined) ?? '',
          status, expiresAt: r.expiresAt ?? null, createdAt: r.createdAt ?? null,
        };
      }),
    };
  },
});
