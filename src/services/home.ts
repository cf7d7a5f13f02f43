import type { Priority } from '../domain/report';
import { call } from './api';

export interface CaseCounts {
  open: number;
  overdue: number;
  escalated: number;
  newest: { id: string; categoryName: string; priority: Priority; overdue: boolean }[];
}

/** What is due for me now; `cases` is null for callers who do not handle cases. */
export interface HomeSummary { cases: CaseCounts | null }

export const getHomeSummary = () => call<HomeSummary>('home.summary', {});
