import { z } from 'zod';
import { content } from '../../../content';
import { AppError, isAppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import { staffName, studentIdSchema, studentOfMySchool, type AlertDoc, type FileDoc, type FileEventDoc } from './model';

const text = (what: string, max = 2000) => z.string({ required_error: `请填写${what}。`, invalid_type_error: `请填写${what}。` })
  .trim().min(1, `请填写${what}。`).max(max, `${what}最多${max}个字。`);

const change = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plan'), text: text('辅导计划', 4000) }).strict(),
  /** a conversation or check-in; acknowledges the student's open alerts */
  z.object({ kind: z.literal('followup'), text: text('跟进记录') }).strict(),
  z.object({
    kind: z.literal('notification'),
    how: z.enum(['in_person', 'phone', 'app', 'letter'], { errorMap: () => ({ message: '请选择告知家长的方式。' }) }),
    text: text('告知内容记录'),
    /** what the guardian may read in the app; empty: they were told, nothing shown in the app */
    guardianMessage: z.string().trim().max(1000, '给家长看的话最多1000个字。').optional(),
    campaignId: z.string().max(80).optional(),
  }).strict(),
  z.object({ kind: z.literal('referral'), hospitalId: z.string().max(60), text: text('转介说明') }).strict(),
  z.object({ kind: z.literal('status'), status: z.enum(['routine', 'watch', 'closed'], { errorMap: () => ({ message: '请选择档案状态。' }) }), text: z.string().trim().max(500).optional() }).strict(),
], { errorMap: () => ({ message: '请选择要记录的内容。' }) });

/**
 * Writes to a student's 一生一策 file (psychology teacher of the school):
 * the plan, a follow-up (which also marks the student's open alerts as
 * handled), a parent notification (how, and what the guardian may read in
 * the app), a referral to a designated hospital from the catalog, a status.
 * Each write is an event row of its own, so two teachers never overwrite
 * each other; the file document holds only the current status and plan.
 */
export const fileUpdate = defineAction({
  name: 'screening.fileUpdate',
  input: z.object({ studentId: studentIdSchema, change }).strict(),
  labels: { studentId: '学生', change: '记录' },
  async handle({ studentId, change: ch }, ctx) {
    const s = await studentOfMySchool(ctx, studentId);
    const caller = ctx.caller!;
    const now = ctx.clock.now().getTime();
    const byName = staffName(caller.roles, 'psych_teacher');
    let hospitalName: string | undefined;
    if (ch.kind === 'referral') {
      hospitalName = content.hospitals.find((h) => h.id === ch.hospitalId)?.name;
      if (!hospitalName) throw new AppError('BAD_INPUT', '请从列表中选择转介的定点医院。');
    }
    const files = ctx.store.collection<FileDoc>('screening_files');
    const existing = await files.get(studentId);
    const base: FileDoc = existing ?? { _id: studentId, studentId, schoolId: s.schoolId, status: 'routine', plan: '', planUpdatedAt: null, updatedAt: now };
    const set: Partial<FileDoc> = { updatedAt: now };
    if (ch.kind === 'plan') Object.assign(set, { plan: ch.text, planUpdatedAt: now });
    if (ch.kind === 'status') set.status = ch.status;
    if (ch.kind === 'referral' && base.status === 'routine') set.status = 'watch';
    if (!existing) await files.put({ ...base, ...set } as FileDoc);
    else await files.update(studentId, { set });

    const event: FileEventDoc = {
      _id: 'fe' + ctx.newId('fileEvent').slice(0, 24), studentId, schoolId: s.schoolId, kind: ch.kind, at: now, byUserId: caller.userId, byName,
      text: ch.kind === 'status' ? (ch.text ?? '') : ch.text,
      ...(ch.kind === 'notification' ? { how: ch.how, ...(ch.guardianMessage ? { guardianMessage: ch.guardianMessage } : {}), ...(ch.campaignId ? { campaignId: ch.campaignId } : {}) } : {}),
      ...(ch.kind === 'referral' ? { hospitalId: ch.hospitalId, hospitalName } : {}),
      ...(ch.kind === 'status' ? { status: ch.status } : {}),
    };
    // Its id comes from the request: a retry after a crash (faults.test.ts) finds it instead of writing it twice.
    await ctx.store.collection<FileEventDoc>('screening_file_events').insert(event).catch((e) => {
      if (!(isAppError(e) && e.code === 'CONFLICT')) throw e;
    });

    let acknowledged = 0;
    if (ch.kind === 'followup' || ch.kind === 'referral') {
      const alerts = ctx.store.collection<AlertDoc>('screening_alerts');
      for (const a of await alerts.find({ studentId, status: 'open' })) {
        if (await alerts.updateIf(a._id, { status: 'open' }, { set: { status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: caller.userId } })) acknowledged++;
      }
    }
    await ctx.audit({ action: 'screening.fileUpdate', subjectType: 'student', subjectId: studentId, detail: { kind: ch.kind, acknowledged } });
    return { id: event._id, at: now, status: set.status ?? base.status, acknowledged };
  },
});
