import { z } from 'zod';
import { defineAction } from '../../core/action';
import type { GuardianLinkDoc } from '../../core/enrol';
import type { GuardianRequestDoc } from '../auth/redeem';
import { requireClass } from '../school/access';

interface StudentDoc { _id: string; name: string; status?: string; [k: string]: unknown }
interface RosterGuardianDoc { _id: string; studentId: string; name: string; relation: string; [k: string]: unknown }

/**
 * Per child of a class: which guardians are bound (name, relation, since
 * when, how), the guardians the roster names, and requests waiting for the
 * class teacher (a name that did not match the roster). The class teacher
 * of that class and the school admin; every read is audited.
 */
export const list = defineAction({
  name: 'guardian.list',
  input: z.object({ classId: z.string().min(1, '缺少班级。').max(80, '班级编号不对。') }).strict(),
  labels: { classId: '班级' },
  async handle({ classId }, ctx) {
    const { cls, school } = await requireClass(ctx, classId, { teacher: true });
    const students = (await ctx.store.collection<StudentDoc>('students').find({ classId }))
      .filter((s) => (s.status ?? 'active') === 'active')
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
    const ids = students.map((s) => s._id);
    const [links, roster, requests] = ids.length
      ? await Promise.all([
        ctx.store.collection<GuardianLinkDoc>('guardianships').find({ studentId: { $in: ids } }),
        ctx.store.collection<RosterGuardianDoc>('roster_guardians').find({ studentId: { $in: ids } }),
        ctx.store.collection<GuardianRequestDoc>('guardian_requests').find({ studentId: { $in: ids }, status: 'pending' }),
      ])
      : [[], [], []];
    await ctx.audit({ action: 'guardian.list', subjectType: 'class', subjectId: classId, detail: { students: ids.length } });
    return {
      school: { id: school._id, name: school.name },
      class: { id: cls._id, name: cls.name },
      pending: requests.length,
      students: students.map((s) => ({
        studentId: s._id,
        name: s.name,
        guardians: links.filter((l) => l.studentId === s._id).sort((a, b) => a.since - b.since)
          .map((l) => ({ linkId: l._id, name: l.name ?? '（未填姓名）', relation: l.relation ?? '监护人', since: l.since, via: l.via ?? 'roster' })),
        roster: roster.filter((g) => g.studentId === s._id).sort((a, b) => a._id.localeCompare(b._id)).map((g) => ({ name: g.name, relation: g.relation })),
        requests: requests.filter((r) => r.studentId === s._id).map((r) => ({ requestId: r._id, name: r.name, relation: r.relation, createdAt: r.createdAt })),
      })),
    };
  },
});
