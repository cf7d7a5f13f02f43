/**
 * PIPL art. 45 (and arts. 46-47): a guardian asks to see, correct or delete
 * their child's screening records. The request reaches the school's
 * psychology teacher with a deadline of 15 days; the answer is recorded and
 * the guardian reads it in the app. The records and views shared by
 * screening.request, screening.requests and screening.answerRequest.
 */
import type { Ctx } from '../../core/context';

export const REQUEST_DAYS = 15;
export const DAY_MS = 24 * 3600_000;
export const REQUESTS_PAGE = '/packageScreening/pages/requests/index';
export const MAX_OPEN = 5;
export const MAX_PER_DAY = 10;

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
  /** a mark of the screening.answerRequest request that answered (ctx.newId): its retry sends what is missing */
  answeredWith?: string;
  [k: string]: unknown;
}

export const OUTCOME_TEXT = { done: '已办理', partly: '部分办理', declined: '不能办理' } as const;

export const requestView = (r: RightsRequestDoc, now: number) => ({
  id: r._id, studentId: r.studentId, kind: r.kind, kindText: REQUEST_KIND_TEXT[r.kind], text: r.text, byName: r.byName, at: r.at,
  dueAt: r.dueAt, status: r.status, overdue: r.status === 'open' && now > r.dueAt,
  outcome: r.outcome ?? null, outcomeText: r.outcome ? OUTCOME_TEXT[r.outcome] : null, answer: r.answer ?? null,
  answeredAt: r.answeredAt ?? null, answeredByName: r.answeredByName ?? null,
});

/** The caller's own requests about this child, newest first (another guardian's requests are theirs to read). */
export async function requestsOfChild(ctx: Ctx, studentId: string) {
  const rows = (await ctx.store.collection<RightsRequestDoc>('screening_requests').find({ studentId }, { orderBy: [['at', 'desc']], limit: 50 }))
    .filter((r) => r.byUserId === ctx.caller!.userId).slice(0, 20);
  return rows.map((r) => requestView(r, ctx.clock.now().getTime()));
}
