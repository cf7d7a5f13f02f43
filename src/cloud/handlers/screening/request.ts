import { z } from 'zod';
import { chinaTimeText } from '../../../domain/chinaTime';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import { SELF_CONSENT } from './consent';
import { getStudent, isLinkedGuardian, NOT_YOUR_CHILD, studentIdSchema } from './model';
import { DAY_MS, MAX_OPEN, MAX_PER_DAY, REQUEST_DAYS, REQUEST_KIND_TEXT, REQUESTS_PAGE, requestView, type RightsRequestDoc } from './rights';

/** A guardian asks to see, correct or delete their child's screening records (PIPL art. 45). */
export const request = defineAction({
  name: 'screening.request',
  input: z.object({
    studentId: studentIdSchema,
    kind: z.enum(['see', 'correct', 'delete'], { errorMap: () => ({ message: '请选择要查看、更正还是删除。' }) }),
    text: z.string({ invalid_type_error: '说明的格式不对。' }).trim().max(500, '说明最多500个字。').default(''),
  }).strict(),
  labels: { studentId: '学生', kind: '申请类型', text: '说明' },
  async handle({ studentId, kind, text }, ctx) {
    const caller = ctx.caller!;
    if (caller.roles.some((r) => r.role === 'student' && r.studentId === studentId)) throw new AppError('FORBIDDEN', SELF_CONSENT);
    const s = await getStudent(ctx.store, studentId);
    if (!s || !(await isLinkedGuardian(ctx, studentId))) throw new AppError('FORBIDDEN', NOT_YOUR_CHILD);
    if (kind === 'correct' && !text) throw new AppError('BAD_INPUT', '请写一写哪里需要更正，心理老师才知道怎么改。');
    const col = ctx.store.collection<RightsRequestDoc>('screening_requests');
    // Proven by test/reliability/sideEffects.test.ts (rights request). The id comes from the request: a retry of it (after a crash before the psychology teacher's message,
    // on CloudBase) finds its own row and sends what is missing, instead of adding a second request.
    const id = `rq-${ctx.newId('rights_request').slice(0, 20)}`;
    const earlier = await col.get(id);
    let doc: RightsRequestDoc;
    if (earlier && earlier.byUserId === caller.userId && earlier.studentId === studentId) doc = earlier;
    else {
      // the open-request cap below is read-then-write; the per-caller daily limit holds under a parallel burst
      await ctx.rateLimit('screening.request', MAX_PER_DAY, DAY_MS);
      const open = await col.find({ studentId, status: 'open' });
      if (open.length >= MAX_OPEN) throw new AppError('CONFLICT', `您已经有${open.length}条申请正在办理，请等心理老师答复后再提。`);
      const b = caller.roles.find((r) => r.role === 'guardian' && r.studentId === studentId)!;
      const at = ctx.clock.now().getTime();
      doc = {
        _id: id, studentId, schoolId: s.schoolId, kind, text, byUserId: caller.userId,
        byName: `${b.guardianName ?? '监护人'}${b.relation ? `（${b.relation}）` : ''}`, at, dueAt: at + REQUEST_DAYS * DAY_MS, status: 'open',
      };
      await col.insert(doc);
    }
    const now = ctx.clock.now().getTime();
    await ctx.outbox.send({
      channel: 'subscribe_message', to: `school:${s.schoolId}:psych_teacher`, template: 'screening_request', page: REQUESTS_PAGE,
      data: { title: `家长申请${REQUEST_KIND_TEXT[kind]}`, due: chinaTimeText(doc.dueAt) },
    });
    await ctx.audit({ action: 'screening.request', subjectType: 'student', subjectId: studentId, detail: { id: doc._id, kind } });
    return requestView(doc, now);
  },
});

