/**
 * The staff workbench's door to the cloud: case lists, one case, the six
 * case actions and the coordinators' statistics. Types mirror
 * src/cloud/handlers/case/views.ts and stats.ts.
 */
import type { CaseAction, CaseChannel, MandatoryReporter, TextCheck } from '../domain/case';
import type { OccurredPrecision } from '../domain/occurred';
import type { CaseStatus, Disposition, Priority, ReportCategory, ReportFlag, Relation, WaterType } from '../domain/report';
import { call, write, type WriteOptions } from './api';
import type { ReportStatusView } from './report';

export interface CaseListItem {
  id: string;
  /** 20261128-3F9A2C: never the reporter's tracking code */
  caseNumber: string;
  channel: CaseChannel;
  category: ReportCategory;
  categoryName: string;
  priority: Priority;
  status: CaseStatus;
  statusName: string;
  /** acknowledge-by while new, resolve-by after */
  dueAt: number;
  overdue: boolean;
  escalationLevel: 0 | 1 | 2;
  createdAt: number;
  jurisdiction: string;
  jurisdictionName: string;
  schoolName?: string;
  /** my unit leads the case */
  lead: boolean;
  /** a mandatory report I filed */
  mine?: boolean;
  /** my unit co-handles (协办/知悉), does not lead */
  informed?: boolean;
  /** the reporter wrote since I last opened it */
  unread?: boolean;
}

export interface CaseListFilter {
  status?: CaseStatus;
  overdueOnly?: boolean;
}

export interface StaffEvent {
  at: number;
  kind: string;
  text: string;
  actor?: string;
}

export interface UnitRef { key: string; name: string }

/** case.get for a unit working the case. */
export interface CaseFullView {
  view: 'full';
  id: string;
  caseNumber: string;
  channel: CaseChannel;
  channelName: string;
  category: ReportCategory;
  categoryName: string;
  priority: Priority;
  priorityName: string;
  status: CaseStatus;
  statusName: string;
  description: string;
  place: string | null;
  occurredAt: number | null;
  /** null on cases filed before the form sent it; absent from a cloud function older than this app */
  occurredPrecision?: OccurredPrecision | null;
  relation: Relation | null;
  relationName: string | null;
  flags: { flag: ReportFlag; name: string }[];
  waterType: WaterType | null;
  waterTypeName: string | null;
  school: { id: string; name: string | null } | null;
  jurisdiction: string;
  jurisdictionName: string;
  photos: { id: string; url: string }[];
  textCheck: TextCheck;
  lead: UnitRef[];
  informed: UnitRef[];
  createdAt: number;
  ackDueAt: number;
  resolveDueAt: number;
  dueAt: number;
  overdue: boolean;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  disposition: Disposition | null;
  dispositionName: string | null;
  summary: string | null;
  escalationLevel: 0 | 1 | 2;
  escalationName: string;
  reporter: Omit<MandatoryReporter, 'userId'> | null;
  timeline: StaffEvent[];
  notes: StaffEvent[];
  messages: { from: 'handler' | 'reporter'; text: string; at: number; actor?: string; unread?: boolean }[];
  myRole: 'lead' | 'informed' | 'coordinator';
  allowedActions: CaseAction[];
}

/** case.get for the staff member who filed a mandatory report: the reporter's view. */
export type CaseReporterView = { view: 'reporter'; id: string; caseNumber: string } & Omit<ReportStatusView, 'trackingCode' | 'readerToken'>;

export type CaseView = CaseFullView | CaseReporterView;

export interface CountRow { count: number }
export interface CaseStatsView {
  area: string[];
  areaName: string;
  from: string | null;
  to: string | null;
  total: number;
  byCategory: (CountRow & { category: string; name: string })[];
  byCounty: (CountRow & { jurisdiction: string; name: string })[];
  byMonth: (CountRow & { month: string })[];
  medianMsToAcknowledge: number | null;
  medianMsToResolve: number | null;
  open: number;
  overdue: number;
  escalated: number;
}

/** case.backlog: a coordinator's open cases without content (未办结 on 统计). */
export interface BacklogItem {
  caseNumber: string;
  category: ReportCategory;
  categoryName: string;
  priority: Priority;
  status: CaseStatus;
  statusName: string;
  jurisdictionName: string;
  schoolName?: string;
  createdAt: number;
  dueAt: number;
  overdue: boolean;
  escalationLevel: 0 | 1 | 2;
}

export const getBacklog = () => call<{ items: BacklogItem[] }>('case.backlog', {});

export const listCases = (filter: CaseListFilter = {}) => call<{ items: CaseListItem[] }>('case.list', filter);

export const getCase = (id: string) => call<CaseView>('case.get', { id });

export const getCaseStats = (range: { from?: string; to?: string } = {}) => call<CaseStatsView>('case.stats', range);

/** The inputs of each case action, as the server's schemas take them. */
export interface CaseActionInput {
  acknowledge: { id: string };
  reply: { id: string; text: string };
  note: { id: string; text: string };
  transfer: { id: string; toDeptId: string; reason: string };
  resolve: { id: string; disposition: Disposition; summary: string };
  reopen: { id: string; reason: string };
}

/** One case action (case.acknowledge, case.reply …); each is an idempotent write. */
export const runCaseAction = <A extends CaseAction>(action: A, input: CaseActionInput[A], options?: WriteOptions) =>
  write<unknown>(`case.${action}`, input, options);

/** The servers' text limits for the action forms (handlers/case/*.ts), for instant feedback. */
export const CASE_TEXT_LIMITS = {
  reply: { min: 1, max: 1000 },
  note: { min: 1, max: 2000 },
  transfer: { min: 2, max: 500 },
  resolve: { min: 5, max: 2000 },
  reopen: { min: 2, max: 500 },
} as const;
