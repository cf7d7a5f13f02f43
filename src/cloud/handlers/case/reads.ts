/**
 * Unread reporter messages: when each staff member last opened each case
 * (case_reads), against the case's lastReporterMessageAt. Per person, not per
 * unit: a colleague having read it does not mean I have.
 */
import type { Doc, Store } from '../../store/types';
import type { CaseDoc } from './views';

interface CaseReadDoc extends Doc {
  _id: string;
  userId: string;
  caseId: string;
  at: number;
}

const readId = (userId: string, caseId: string) => `${userId}:${caseId}`;

/** When this person last opened each of their cases (caseId → epoch ms). */
export async function readsOf(store: Store, userId: string): Promise<Map<string, number>> {
  const rows = await store.collection<CaseReadDoc>('case_reads').find({ userId });
  return new Map(rows.map((r) => [r.caseId, r.at]));
}

/** When this person last opened this case (0: never). */
export async function lastRead(store: Store, userId: string, caseId: string): Promise<number> {
  return (await store.collection<CaseReadDoc>('case_reads').get(readId(userId, caseId)))?.at ?? 0;
}

export async function markRead(store: Store, userId: string, caseId: string, at: number) {
  await store.collection<CaseReadDoc>('case_reads').put({ _id: readId(userId, caseId), userId, caseId, at });
}

/** The reporter wrote since this person last opened the case. */
export const hasUnread = (c: Pick<CaseDoc, 'lastReporterMessageAt'>, readAt: number | undefined) =>
  (c.lastReporterMessageAt ?? 0) > (readAt ?? 0);
