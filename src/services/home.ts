import type { Priority } from '../domain/report';
import { call } from './api';

export interface CaseCounts {
  open: number;
  overdue: number;
  escalated: number;
  newest: { id: string; categoryName: string; priority: Priority; overdue: boolean }[];
}

/** A holiday letter waiting for my (a guardian's) signature. */
export interface HolidayDue { campaignId: string; name: string; unsigned: number }

/** What is due for me now; `cases` is null for callers who do not handle cases, `holiday` when no letter waits. */
export interface HomeSummary { cases: CaseCounts | null; holiday?: HolidayDue | null }

export const getHomeSummary = () => call<HomeSummary>('home.summary', {});
