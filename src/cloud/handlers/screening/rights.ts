/**
 * PIPL art. 45 (and arts. 46-47): a guardian asks to see, correct or delete
 * their child's screening records. The request reaches the school's
 * psychology teacher with a deadline of 15 days; the answer is recorded and
 * the guardian reads it in the app.
 */
import { z } from 'zod';
import { chinaTimeText } from '../../../domain/case';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import { randomToken } from '../../core/crypto';
import type { Ctx } from '../../core/context';
import { SELF_CONSENT } from './consent';
import {
  CONSENT_PAGE, getStudent, isLinkedGuardian, NOT_YOUR_CHILD, psychSchools, staffName, studentIdSchema,
} from './model';
import type { Student } from '../../../domain/catalog';

export const REQUEST_DAYS = 15;
const DAY_MS = 24 * 3600_000;
export const REQUESTS_PAGE = '/packageScreening/pages/requests/index';
const MAX_OPEN = 5;

export type RequestKind = 'see' | 'correct' | 'delete';
export const REQUEST_KIND_TEXT: Record<RequestKind, string> = { see: '查看孩子的记录', correct: '更正孩子的记录', delete: '删除孩子的记录' };

export interface RightsRequestDoc {
  _id: string;
  studentId: string;
  schoolId: string;
  kind: RequestKind;
  text: string;
  byUserId: string;
  byName: string;
  at: number;
  dueAt: number;
  status: 'open' | 'answered';
  outcome?: 'done' | 'partly' | 'declined';
  answer?: string;
  answeredAt?: number;
  answeredByName?: string;
  [k: string]: unknown;
}

export const OUTCOME_TEXT = { done: '已办理', partly: '部分办理', declined: '不能办理' } as const;

export const requestView = (r: RightsRequestDoc, now: number) => ({
  id: r._id, studentId: r.studentId, kind: r.kind, kindText: REQUEST_KIND_TEXT[r.kind], text: r.text, byName: r.byName, at: r.at,
  dueAt: r.dueAt, status: r.status, overdue: r.status === 'open' && now > r.dueAt,
  outcome: r.outcome ?? null, outcomeText: r.outcome ? OUTCOME_TEXT[r.outcome] : null, answer: r.answer ?? null,
  answeredAt: r.answeredAt ?? null, answeredByName: r.answeredByName ?? null,
});

/** A guardian's requests about this child (newest first). */
export async function requestsOfChild(ctx: Ctx, studentId: string) {
  const rows = await ctx.store.collection<RightsRequestDoc>('screening_requests').find({ studentId }, { orderBy: [['at', 'desc']], limit: 20 });
  return rows.map((r) => requestView(r, ctx.clock.now().getTime()));
}

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
    const open = await col.find({ studentId, status: 'open' });
    if (open.length >= MAX_OPEN) throw new AppError('CONFLICT', `您已经有${open.length}条申请正在办理，请等心理老师答复后再提。`);
    const b = caller.roles.find((r) => r.role === 'guardian' && r.studentId === studentId)!;
    const now = ctx.clock.now().getTime();
    const doc: RightsRequestDoc = {
      _id: `rq-${randomToken(12)}`, studentId, schoolId: s.schoolId, kind, text, byUserId: caller.userId,
      byName: `${b.guardianName ?? '监护人'}${b.relation ? `（${b.relation}）` : ''}`, at: now, dueAt: now + REQUEST_DAYS * DAY_MS, status: 'open',
    };
    await col.insert(doc);
    await ctx.outbox.send({
      channel: 'subscribe_message', to: `school:${s.schoolId}:psych_teacher`, template: 'screening_request', page: REQUESTS_PAGE,
      data: { title: `家长申请${REQUEST_KIND_TEXT[kind]}`, due: chinaTimeText(doc.dueAt) },
    });
    await ctx.audit({ action: 'screening.request', subjectType: 'student', subjectId: studentId, detail: { id: doc._id, kind } });
    return requestView(doc, now);
  },
});

/** Requests of my school(s), open ones first by deadline (psychology teacher). */
export const requests = defineAction({
  name: 'screening.requests',
  input: z.object({}).strict(),
  async handle(_input, ctx) {
    const schools = psychSchools(ctx.caller!.roles);
    const now = ctx.clock.now().getTime();
    const rows = schools.length
      ? await ctx.store.collection<RightsRequestDoc>('screening_requests').find({ schoolId: { $in: schools } }, { orderBy: [['at', 'desc']], limit: 200 })
      : [];
    const names = new Map<string, Student | null>();
    for (const r of rows) if (!names.has(r.studentId)) names.set(r.studentId, await getStudent(ctx.store, r.studentId));
    const items = rows.map((r) => ({ ...requestView(r, now), studentName: names.get(r.studentId)?.name ?? '' }))
      .sort((a, b) => (a.status === b.status ? (a.status === 'open' ? a.dueAt - b.dueAt : b.at - a.at) : a.status === 'open' ? -1 : 1));
    await ctx.audit({ action: 'screening.requests', subjectType: 'school', subjectId: schools.join(','), detail: { rows: items.length } });
    return { items, open: items.filter((i) => i.status === 'open').length };
  },
});

export const answerRequest = defineAction({
  name: 'screening.answerRequest',
  input: z.object({
    id: z.string({ required_error: '缺少申请编号。' }).regex(/^rq-[A-Za-z0-9_-]{6,40}$/, '申请编号不对，请从列表重新打开。'),
    outcome: z.enum(['done', 'partly', 'declined'], { errorMap: () => ({ message: '请选择办理结果。' }) }),
    answer: z.string({ required_error: '请写给家长的答复。' }).trim().min(2, '请写给家长的答复。').max(1000, '答复最多1000个字。'),
  }).strict(),
  labels: { id: '申请', outcome: '办理结果', answer: '答复' },
  async handle({ id, outcome, answer }, ctx) {
    const col = ctx.store.collection<RightsRequestDoc>('screening_requests');
    const r = await col.get(id);
    if (!r) throw new AppError('NOT_FOUND', '没有找到这条申请。');
    if (!psychSchools(ctx.caller!.roles).includes(r.schoolId)) throw new AppError('FORBIDDEN', '这条申请不是您任职学校的，不能答复。');
    const now = ctx.clock.now().getTime();
    const byName = staffName(ctx.caller!.roles, 'psych_teacher');
    const done = await col.updateIf(id, { status: 'open' }, { set: { status: 'answered', outcome, answer, answeredAt: now, answeredByName: byName, answeredBy: ctx.caller!.userId } });
    if (!done) throw new AppError('CONFLICT', '这条申请已经答复过了。');
    await ctx.outbox.send({
      channel: 'subscribe_message', to: r.byUserId, template: 'screening_request_answered', page: CONSENT_PAGE,
      data: { title: `您的申请${OUTCOME_TEXT[outcome]}`, tip: '请在小程序里查看心理老师的答复。' },
    });
    await ctx.audit({ action: 'screening.answerRequest', subjectType: 'student', subjectId: r.studentId, detail: { id, outcome } });
    return { id, status: 'answered' as const, outcome, answeredAt: now };
  },
});
