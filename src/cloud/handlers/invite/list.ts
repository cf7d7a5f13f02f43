import { z } from 'zod';
import { defineAction } from '../../core/action';
import type { InvitationDoc } from '../../core/enrol';
import { requireClass } from '../school/access';
import { qrFor } from './shared';

/**
 * A class's codes (class teacher, school admin, coordinator): per code the
 * child, the role, and whether it is waiting, used, revoked or expired, so
 * a lost slip can be reprinted or reissued. Codes used are not shown in full.
 */
export const list = defineAction({
  name: 'invite.list',
  input: z.object({
    classId: z.string().min(1, '缺少班级。').max(80, '班级编号不对。'),
    // the slip sheet opened again (a reprint after a paper jam): the waiting codes of one kind, with their QR codes
    role: z.enum(['guardian', 'student'], { invalid_type_error: '身份只能是家长或学生。' }).optional(),
    withQr: z.boolean().optional(),
  }).strict(),
  labels: { classId: '班级', role: '身份', withQr: '二维码' },
  async handle({ classId, role, withQr }, ctx) {
    const { cls, school } = await requireClass(ctx, classId, { teacher: true });
    const now = ctx.clock.now().getTime();
    const rows = await ctx.store.collection<InvitationDoc>('invitations').find({ classId }, { orderBy: [['createdAt', 'desc']] });
    const students = await ctx.store.collection<{ _id: string; name: string }>('students').find({ classId });
    const names = new Map(students.map((s) => [s._id, s.name]));
    await ctx.audit({ action: 'invite.list', subjectType: 'class', subjectId: classId, detail: { codes: rows.length } });
    return {
      school: { id: school._id, name: school.name },
      class: { id: cls._id, name: cls.name },
      codes: await Promise.all(rows.filter((r) => (r.binding.role === 'guardian' || r.binding.role === 'student') && (!role || r.binding.role === role)).map(async (r) => {
        const status = r.usedBy ? 'used' : r.revokedAt ? 'revoked' : (r.expiresAt ?? Infinity) <= now ? 'expired' : 'waiting';
        return {
          code: status === 'waiting' ? r.code : r.code.slice(0, 4) + '-****-****',
          role: r.binding.role, studentId: r.studentId ?? null, studentName: names.get(r.studentId ?? '') ?? (r.studentName as string | undefined) ?? '',
          status, expiresAt: r.expiresAt ?? null, createdAt: r.createdAt ?? null,
          ...(withQr && status === 'waiting' ? { qr: await qrFor(ctx, r.code) } : {}),
        };
      })),
    };
  },
});
