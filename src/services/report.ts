/**
 * The reporter's side of the tip line: file a report (anonymous or, for
 * staff, named), read its status with code + secret, and add a message.
 * Types mirror the server's answers (src/cloud/handlers/report, case/views.ts).
 */
import type { OccurredPrecision } from '../domain/occurred';
import type { CaseStatus, Disposition, Priority, ReportCategory, ReportFlag, Relation, WaterType } from '../domain/report';
import { call, write, type WriteOptions } from './api';

/**
 * The server's limits (src/cloud/handlers/report/schema.ts, message.ts), for
 * instant feedback on the phone. The server checks again and decides; a test
 * keeps these numbers and the schema in step.
 */
export const REPORT_LIMITS = {
  descriptionMin: 10,
  descriptionMax: 2000,
  placeMax: 100,
  photosMax: 3,
  messageMax: 1000,
} as const;

/** What the report form sends (report.submit and report.mandatory take the same form). */
export interface ReportForm {
  category: ReportCategory;
  description: string;
  schoolId?: string;
  countyId?: string;
  place?: string;
  /** ISO 8601 with an offset */
  occurredAt?: string;
  /** how precisely the reporter said when; 'unknown' goes without occurredAt */
  occurredPrecision?: OccurredPrecision;
  relation?: Relation;
  flags?: Partial<Record<ReportFlag, boolean>>;
  waterType?: WaterType;
  /** ids of photos already uploaded (upload service) */
  photoIds?: string[];
}

/** report.submit's answer: shown to the reporter once, never stored by the server in the clear. */
export interface SubmitAnswer {
  trackingCode: string;
  secret: string;
  priority: Priority;
  /** names of the units the report went to */
  routedTo: string[];
  dueAt: number;
}

/** report.mandatory's answer: no secret (the filer follows it in the workbench). */
export interface MandatoryAnswer {
  caseId: string;
  /** staff see a case number, never a tracking code */
  caseNumber: string;
  priority: Priority;
  routedTo: string[];
  dueAt: number;
}

export interface DialogueMessage {
  from: 'reporter' | 'handler';
  text: string;
  at: number;
}

export interface TimelineEntry {
  at: number;
  kind: string;
  text: string;
}

/** What the holder of code + secret sees (reporterView on the server). */
export interface ReportStatusView {
  trackingCode: string;
  status: CaseStatus;
  statusName: string;
  category: ReportCategory;
  categoryName: string;
  priority: Priority;
  priorityName: string;
  createdAt: number;
  acknowledgedAt?: number;
  resolvedAt?: number;
  disposition?: Disposition;
  dispositionName?: string;
  timeline: TimelineEntry[];
  messages: DialogueMessage[];
  /** kept with the remembered code: lets this phone past a code's guessing ceiling (reporterAccess.ts) */
  readerToken?: string;
}

/** The words of the report form and the workbench (content.reportVocabulary, sent by catalog.get). */
export interface ReportVocabulary {
  waterTypes: Record<WaterType, string>;
  flagQuestions: Record<ReportFlag, string>;
  flags: Record<ReportFlag, string>;
  relations: Record<Relation, string>;
  relationChoices: Record<Relation, string>;
  priorities: Record<Priority, string>;
  priorityPromises: Record<Priority, string>;
  statuses: Record<CaseStatus, string>;
  dispositions: Record<Disposition, string>;
  escalations: Record<number, string>;
}

/** A report category as the form shows it (content.reportCategories). */
export interface ReportCategoryInfo {
  id: ReportCategory;
  name: string;
  description: string;
  /** for the named 强制报告 (staff), where the child's words do not fit */
  staffDescription?: string;
  emoji?: string;
  /** yes/no follow-up questions (texts in vocabulary.flagQuestions) */
  flags: ReportFlag[];
  /** the reporter must say what kind of water it is */
  asksWaterType: boolean;
}

export const submitReport = (form: ReportForm, options?: WriteOptions) => write<SubmitAnswer>('report.submit', form, options);

export const submitMandatory = (form: ReportForm, options?: WriteOptions) => write<MandatoryAnswer>('report.mandatory', form, options);

/** `readerToken`: what this phone kept from its last look (remembered reports only). */
export const getReportStatus = (trackingCode: string, secret: string, readerToken?: string) =>
  call<ReportStatusView>('report.status', { trackingCode, secret, ...(readerToken ? { readerToken } : {}) });

export const sendReportMessage = (trackingCode: string, secret: string, text: string, options?: WriteOptions, readerToken?: string) =>
  write<{ sent: boolean; at: number }>('report.message', { trackingCode, secret, text, ...(readerToken ? { readerToken } : {}) }, options);
