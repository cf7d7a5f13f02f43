/**
 * Screening's door to the cloud (used by packageScreening only, so it ships
 * in that subpackage). Types mirror src/cloud/handlers/screening/*.
 */
import type { ConsentState, Urgency } from '../domain/screening';
import { call, write, type WriteOptions } from './api';

export type Answers = Record<string, Record<string, number>>;

export interface ItemView { id: string; text: string; options: { value: number; label: string }[]; askIf?: 'positive'; talkNowIf?: number[] }
export interface InstrumentView { id: string; title: string; intro: string; stem: string; items: ItemView[]; followUp: { itemIds: string[]; values: number[] } | null }
export interface CampaignView { id: string; name: string; closesOn: string; consentText: string; purpose: string; recipients: string; consentVersion: number }

export interface StudentCurrent {
  role: 'student';
  campaign: CampaignView | null;
  consent: ConsentState | null;
  instruments: InstrumentView[];
  finished: boolean;
  draft: { answers: Answers; updatedAt: number } | null;
  nudged: boolean;
  crisis?: boolean;
  feedback?: string;
}
export interface GuardianCurrent {
  role: 'guardian';
  campaign: CampaignView | null;
  consent: ConsentState | null;
  child: { id: string; name: string };
  finished: boolean;
  notifications: { at: number; byName: string; message: string }[];
  /** who answered, how and when (null: nobody yet) */
  consentRecord: ConsentRecordView | null;
  /** the terms this family answered, when the campaign has changed them since */
  changed: { text: string; purpose: string; recipients: string; at: number } | null;
  requests: RightsRequest[];
}
export interface ConsentRecordView {
  agree: boolean; via: 'guardian_app' | 'paper_form'; how: string; at: number; version: number;
  guardianName: string | null; relation: string | null; byMe: boolean; overrodeDecline: boolean;
  paper: { guardianName: string; relation: string; formDate: string; recordedByName: string; recordedAt: number; photoUrl: string | null } | null;
  history: { agree: boolean; via: string; how: string; byName: string; at: number; version: number }[];
}
export type RequestKind = 'see' | 'correct' | 'delete';
export interface RightsRequest {
  id: string; studentId: string; kind: RequestKind; kindText: string; text: string; byName: string; at: number; dueAt: number;
  status: 'open' | 'answered'; overdue: boolean; outcome: 'done' | 'partly' | 'declined' | null; outcomeText: string | null;
  answer: string | null; answeredAt: number | null; answeredByName: string | null; studentName?: string;
}
export interface ReadLogItem { id: string; at: number; who: string; action: string; what: string; denied: boolean }
export interface CampaignInput {
  name: string; schoolYear: string; semester: 1 | 2; instrumentIds: string[]; grades: number[]; classIds?: string[];
  opensOn: string; closesOn: string; consentText: string; purpose?: string; recipients?: string;
}
export interface CampaignChange { id: string; status?: 'open' | 'closed'; closesOn?: string; name?: string; consentText?: string; purpose?: string; recipients?: string }

export interface SubmitAnswer { crisis: boolean; feedback: string; submittedAt: number }

export interface ResultInstrument { instrumentId: string; name: string; total: number | null; maxTotal: number | null; band: string | null; level: number; critical: boolean; positive: boolean; acute: boolean }
export interface AlertView { id: string; studentId: string; urgency: Urgency; reasons: string[]; createdAt: number; dueAt: number; status: 'open' | 'acknowledged'; overdue: boolean; escalated: boolean }
export type Completion = 'finished' | 'not_finished' | 'awaiting_consent' | 'declined';
export interface ResultRow {
  studentId: string; name: string; grade: number; classId: string; className: string; status: Completion;
  submittedAt: number | null; level: number; urgency: Urgency | null; crisis: boolean; instruments: ResultInstrument[]; alert: AlertView | null;
}
export interface Results {
  campaign: { id: string; name: string; opensOn: string; closesOn: string; status: string };
  rows: ResultRow[];
  filters: { grades: number[]; classes: { id: string; name: string }[] };
  openAlerts: number;
}
export interface FileEvent { id: string; kind: string; at: number; byName: string; text: string; how?: string; guardianMessage?: string; hospitalName?: string; status?: string }
export interface StudentFile {
  student: { id: string; name: string; grade: number; className: string; age: number };
  status: 'routine' | 'watch' | 'closed';
  plan: string;
  planUpdatedAt: number | null;
  results: { campaignId: string; campaignName: string; schoolYear: string; semester: number | null; submittedAt: number; level: number; crisis: boolean; instruments: ResultInstrument[] }[];
  log: FileEvent[];
  alerts: AlertView[];
  consents: { campaignId: string; agree: boolean; via: string; byName: string; at: number; version: number; overrodeDecline: boolean; paper: ConsentRecordView['paper'] }[];
  /** `lines`: designation status, phone and address (待确认 until checked) */
  hospitals: { id: string; name: string; lines: string[] }[];
}
export type FileChange =
  | { kind: 'plan'; text: string }
  | { kind: 'followup'; text: string }
  | { kind: 'notification'; how: 'in_person' | 'phone' | 'app' | 'letter'; text: string; guardianMessage?: string }
  | { kind: 'referral'; hospitalId: string; text: string }
  | { kind: 'status'; status: 'routine' | 'watch' | 'closed'; text?: string };

export interface CompletionRow {
  studentId: string; name: string; status: Completion; nudgedAt: number | null;
  /** false: no guardian has bound the app, so a reminder to the family reaches nobody (absent: not said) */
  guardianBound?: boolean;
}
export interface CompletionView {
  campaign: { id: string; name: string; closesOn: string };
  classes: { classId: string; className: string; students: CompletionRow[]; counts: Record<string, number> }[];
}
/** null where withheld (a coordinator's figures: fewer than 5 children, or one that would give such a figure away). */
export interface Coverage { eligible: number | null; finished: number | null; awaitingConsent: number | null; declined: number | null }
export interface StatsView {
  campaign: { id: string; name: string; closesOn: string };
  total: Coverage;
  byCounty: (Coverage & { countyId: string; name: string })[];
  bySchool: (Coverage & { schoolId: string; name: string; overdueAlerts: number })[];
  byClass: (Coverage & { classId: string; name: string })[];
  bands: { countyName: string; grade: number; instrumentName: string; n: number | null; bands: { key: string; label: string; count: number | null }[] }[];
  trend: { campaignId: string; name: string; schoolYear: string; semester: number; finished: number; needAttention: number | null }[];
}
export interface CampaignItem {
  id: string; name: string; opensOn: string; closesOn: string; status: string; openNow: boolean; canManage: boolean;
  schoolYear?: string; semester?: number; instrumentIds?: string[]; grades?: number[]; level?: string; schools?: number; classes?: string[] | null;
  consentText?: string; purpose?: string; recipients?: string; consentVersion?: number;
}

export const screeningApi = {
  current: (studentId?: string) => call<StudentCurrent | GuardianCurrent>('screening.current', studentId ? { studentId } : {}),
  consent: (campaignId: string, studentId: string, agree: boolean, o?: WriteOptions) => write<{ consent: ConsentState }>('screening.consent', { campaignId, studentId, agree }, o),
  saveDraft: (campaignId: string, answers: Answers) => write<{ savedAt: number }>('screening.saveDraft', { campaignId, answers }),
  submit: (campaignId: string, answers: Answers, o?: WriteOptions) => write<SubmitAnswer>('screening.submit', { campaignId, answers }, o),
  campaigns: () => call<{ items: CampaignItem[] }>('campaign.list', {}),
  /** My school's classes (the public catalog has none): grades and classes a campaign can cover. */
  schoolClasses: (schoolId: string) => call<{ classes: { id: string; grade: number; name: string; status: string }[] }>('class.list', { schoolId }),
  results: (campaignId: string, filter: { grade?: number; classId?: string } = {}) => call<Results>('screening.results', { campaignId, ...filter }),
  file: (studentId: string) => call<StudentFile>('screening.file', { studentId }),
  updateFile: (studentId: string, change: FileChange, o?: WriteOptions) => write<{ id: string }>('screening.fileUpdate', { studentId, change }, o),
  completion: (campaignId: string) => call<CompletionView>('screening.completion', { campaignId }),
  stats: (campaignId: string) => call<StatsView>('screening.stats', { campaignId }),
  nudge: (campaignId: string, studentId: string) => write<{ nudgedAt: number; to: 'student' | 'guardians'; guardians?: number }>('screening.nudge', { campaignId, studentId }),
  paperConsent: (input: { campaignId: string; studentId: string; guardianName: string; formDate: string; photoId: string }, o?: WriteOptions) =>
    write<{ consent: ConsentState; overrodeDecline: boolean }>('screening.paperConsent', input, o),
  request: (studentId: string, kind: RequestKind, text: string, o?: WriteOptions) => write<RightsRequest>('screening.request', { studentId, kind, text }, o),
  requests: () => call<{ items: RightsRequest[]; open: number }>('screening.requests', {}),
  answerRequest: (id: string, outcome: 'done' | 'partly' | 'declined', answer: string, o?: WriteOptions) =>
    write<{ id: string }>('screening.answerRequest', { id, outcome, answer }, o),
  readLog: (studentId: string) => call<{ student: { id: string; name: string }; items: ReadLogItem[] }>('screening.readLog', { studentId }),
  createCampaign: (input: CampaignInput, o?: WriteOptions) => write<{ id: string }>('campaign.create', input, o),
  updateCampaign: (change: CampaignChange, o?: WriteOptions) => write<{ id: string; termsChanged: boolean }>('campaign.update', change, o),
};
