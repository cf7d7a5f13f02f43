/**
 * The holiday subpackage's calls to the cloud (through services/api like every
 * other feature). Kept in the subpackage: the main package only reads
 * `holiday` from home.summary.
 */
import type { TopicId } from '../domain/holiday';
import type { Letter, LetterPledge } from '../domain/letter';
import { call, write, type WriteOptions } from '../services/api';

export type SignMethod = 'signature' | 'confirm';

export interface CampaignView {
  id: string; name: string; key: string; start: string; end: string; resume: string; opensOn: string;
  phase: 'before' | 'during' | 'closed' | 'not_open'; topics: TopicId[]; provisional: boolean;
}

export interface ChildState {
  id: string;
  name: string;
  campaignId: string | null;
  /** what this child's guardian promises: the letter's pledges for the child's age today (all of them when it is not known) */
  pledges: LetterPledge[];
  /** `pledgeTexts`: the pledges as signed (the child's letter may have changed since: a birthday) */
  signedByMe: { method: SignMethod; at: number; pledgeIds: string[]; pledgeTexts?: string[]; signatureUrl: string | null; label?: string } | null;
  otherGuardians: Array<{ label: string; method: SignMethod; at: number }>;
}

export interface HolidayCurrent {
  day: string;
  campaign: CampaignView | null;
  letter: Letter | null;
  /** every pledge of the letter; a guardian ticks those of the child (ChildState.pledges) */
  pledges: LetterPledge[];
  children: ChildState[];
  next: { id: string; name: string; opensOn: string } | null;
}

export interface SignReceipt {
  commitmentId: string; campaignId: string; campaignName: string; studentId: string; studentName: string;
  method: SignMethod; methodName: string; signedAt: number; pledgeCount: number; guardianLabel: string; version: number;
}

export interface ClassItem {
  studentId: string; name: string; signed: boolean; guardiansLinked: number; unsignedGuardians: number;
  signatures: Array<{ guardian: string; method: SignMethod; methodName: string; at: number; atText: string }>;
}
export interface ClassProgress { campaign: { id: string; name: string; start: string; resume: string }; signed: number; eligible: number; items: ClassItem[] }

/** null where withheld: fewer than 5 children, or a figure that would give such a one away (commitment.coverage). */
export interface CoverageCell { signed: number | null; eligible: number | null }
export interface Coverage {
  campaign: { id: string; name: string };
  area: string;
  total: CoverageCell;
  counties: Array<CoverageCell & { id: string; name: string; schools: Array<CoverageCell & { id: string; name: string; classes: Array<CoverageCell & { id: string; name: string }> }> }>;
}

export const holidayApi = {
  current: () => call<HolidayCurrent>('holiday.current', {}),
  sign: (input: { campaignId: string; studentId: string; pledgeIds: string[]; method: SignMethod; signatureFileId?: string }, options?: WriteOptions) =>
    write<SignReceipt>('commitment.sign', input, options),
  progress: (campaignId: string) => call<ClassProgress>('commitment.progress', { campaignId }),
  exportCsv: (campaignId: string) => call<{ filename: string; csv: string; signed: number; eligible: number }>('commitment.export', { campaignId }),
  nudge: (campaignId: string, studentIds?: string[]) =>
    write<{ nudged: number; alreadyToday: number; noGuardianLinked: number }>('commitment.nudge', studentIds ? { campaignId, studentIds } : { campaignId }),
  coverage: (campaignId: string) => call<Coverage>('commitment.coverage', { campaignId }),
  subscribe: (accepted: boolean) => write<{ optedIn: boolean }>('reminder.subscribe', { accepted }),
};

/** 0-100, for the bars: an empty class shows 0, not NaN. */
export const percent = (c: { signed: number; eligible: number }) => (c.eligible === 0 ? 0 : Math.round((c.signed / c.eligible) * 100));
/** The share signed, or null when either figure is withheld. */
export const shownPercent = (c: CoverageCell): number | null => (c.signed === null || c.eligible === null ? null : percent({ signed: c.signed, eligible: c.eligible }));

export { dayText } from '../domain/letter';

/** A time in China, 'M月D日 HH:mm', whatever zone the phone is in. */
export { chinaShortText as timeText } from '../domain/chinaTime';
