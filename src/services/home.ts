import type { Priority } from '../domain/report';
import { call } from './api';

export interface CaseCounts {
  open: number;
  overdue: number;
  escalated: number;
  /** open cases my unit only co-handles (协办/知悉); absent from an older cloud function */
  informed?: number;
  /** cases where the reporter wrote since I last opened them */
  unread?: number;
  newest: { id: string; categoryName: string; priority: Priority; overdue: boolean }[];
}

/** A screening that concerns me (src/cloud/handlers/screening/summary.ts). */
export interface ScreeningCard {
  role: 'student' | 'guardian' | 'psych_teacher' | 'coordinator';
  name?: string;
  closesOn?: string;
  consent?: string;
  finished?: boolean;
  openAlerts?: number;
  overdue?: number;
  /** psychology teacher: the most urgent open alert's deadline in words ("今天 24:00 前") */
  nextDueText?: string;
  openRequests?: number;
  /** student: after a crisis screen, a lasting way to someone to talk to */
  talk?: boolean;
  /** guardian: the school recorded a paper form after they said no in the app */
  paperAfterDecline?: boolean;
  /** the open campaign, when there is one (a guardian's card may carry only `news`) */
  campaignId?: string;
  /** guardian: words from the psychology teacher and answered requests, a count */
  news?: number;
}

/** The open holiday letter for me (a guardian): children still waiting for my signature, children I signed for. */
export interface HolidayDue { campaignId: string; name: string; unsigned: number; signed?: number }

/** What is due for me now; `cases` is null for callers who do not handle cases. */
/** A class teacher's class at a glance (src/cloud/handlers/home/classToday.ts). */
export interface ClassToday {
  lessonsToday: number;
  holiday: { name: string; signed: number; eligible: number; start: string; unbound: number } | null;
}

export interface HomeSummary { cases: CaseCounts | null; screening?: ScreeningCard | null; holiday?: HolidayDue | null; klass?: ClassToday | null }

export const getHomeSummary = () => call<HomeSummary>('home.summary', {});
