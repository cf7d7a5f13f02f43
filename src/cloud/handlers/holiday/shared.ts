/**
 * What the holiday and commitment handlers share: the term settings a
 * coordinator set, a school's county, the campaign for a school on a day,
 * the caller's linked children, and the stored shapes.
 */
import { content } from '../../../content';
import type { Student } from '../../../domain/catalog';
import { AppError } from '../../../domain/errors';
import {
  campaignPhase, campaignsOf, type Campaign, type TermSettings,
} from '../../../domain/holiday';
import { composeLetter, pledgesForAge, type Letter, type LetterPledge } from '../../../domain/letter';
import type { RoleBinding } from '../../../domain/roles';
import type { Store } from '../../store/types';
import { chinaDay, isChinaDay } from '../../../domain/chinaTime';
import { ageOn } from '../../../domain/screening';
import type { Ctx } from '../../core/context';
import { dir } from '../../core/directory';

/** The `settings` row holding term dates and early publications. */
export const TERMS_SETTING_ID = 'holiday.terms';

export interface TermsDoc { _id: string; value: TermSettings; version: number; updatedAt: number; updatedBy?: string; [k: string]: unknown }
export type StudentDoc = Student & { _id: string; [k: string]: unknown };

export type SignMethod = 'signature' | 'confirm';
export const METHOD_NAMES: Record<SignMethod, string> = { signature: '手写签名', confirm: '确认签署' };

/** One guardian's signature for one child in one campaign (the latest; earlier versions in commitment_history). */
export interface CommitmentDoc {
  _id: string;
  campaignId: string;
  studentId: string;
  classId: string;
  schoolId: string;
  countyId: string;
  userId: string;
  /** who signed, as the guardian's binding names them (刘芳（母亲）), or 监护人 */
  guardianLabel: string;
  method: SignMethod;
  signatureFileId: string | null;
  pledgeIds: string[];
  /** the pledge texts as the guardian saw them */
  pledgeTexts: string[];
  signedAt: number;
  version: number;
  [k: string]: unknown;
}

export const commitmentId = (campaignId: string, studentId: string, userId: string) => `${campaignId}:${studentId}:${userId}`;

export async function loadTerms(store: Store): Promise<TermSettings> {
  const doc = await store.collection<TermsDoc>('settings').get(TERMS_SETTING_ID);
  return doc?.value ?? {};
}

/** A school's county id ('city' for city-level schools); null for an unknown school. */
export async function countyOfSchool(ctx: Pick<Ctx, 'store'>, schoolId: string): Promise<string | null> {
  return dir(ctx).countyOfSchool(schoolId);
}

export const today = (now: Date) => chinaDay(now);

/**
 * A county's campaigns under the current term settings, computed once per
 * settings version and county (every signature asks; the answer only changes
 * when a coordinator changes term dates). Small: one entry per county.
 */
const campaignCache = new Map<string, Campaign[]>();
function countyCampaigns(terms: TermSettings, countyId?: string): Campaign[] {
  const key = `${countyId ?? ''}|${JSON.stringify(terms)}`;
  let list = campaignCache.get(key);
  if (!list) {
    if (campaignCache.size > 100) campaignCache.clear();
    list = campaignsOf(content.holidayCalendar, terms, countyId);
    campaignCache.set(key, list);
  }
  return list;
}

export async function campaignForSchool(ctx: Pick<Ctx, 'store'>, schoolId: string, day: string, terms: TermSettings): Promise<Campaign | null> {
  const county = (await countyOfSchool(ctx, schoolId)) ?? undefined;
  return countyCampaigns(terms, county).find((c) => c.opensOn <= day && day < c.resume) ?? null;
}

/** A campaign by id as a county sees it (its term dates), or null when no such campaign exists. */
export function campaignById(id: string, terms: TermSettings, countyId?: string): Campaign | null {
  return countyCampaigns(terms, countyId).find((c) => c.id === id) ?? null;
}

export function requireCampaign(id: string, terms: TermSettings, countyId?: string): Campaign {
  const c = campaignById(id, terms, countyId);
  if (!c) throw new AppError('NOT_FOUND', '没有找到这份告家长书，请返回刷新后再试。');
  return c;
}

/** Is signing open for this campaign on this day (opened, school not yet resumed)? */
export const isSigningOpen = (c: Campaign, day: string) => {
  const phase = campaignPhase(c, day);
  return phase === 'before' || phase === 'during';
};

const letterCache = new Map<string, Letter>();
/** The composed letter of a campaign (cached: the same campaign and dates always compose the same letter). */
export function letterOf(c: Campaign): Letter {
  const key = `${c.id}|${c.start}|${c.end}|${c.resume}|${c.topics.join(',')}|${c.includes.join(',')}|${(c.festivals ?? []).map((f) => `${f.key}:${f.start}`).join(',')}`;
  let letter = letterCache.get(key);
  if (!letter) {
    if (letterCache.size > 200) letterCache.clear();
    letter = composeLetter(c, content.letterContent);
    letterCache.set(key, letter);
  }
  return letter;
}

/**
 * What a guardian promises for this child: the letter's pledges for the
 * child's age (周岁) on the day, China time (a pledge's `ages`). This is what
 * the letter page shows for the child, what commitment.sign requires ticked,
 * and what the signed record keeps. No birth date on record (or not a date):
 * every pledge, stricter is safer (pledgesForAge).
 */
export function childPledges(letter: Letter, student: { birthDate?: unknown }, day: string): LetterPledge[] {
  const born = student.birthDate;
  const age = typeof born === 'string' && isChinaDay(born) && born <= day ? ageOn(born, day) : null;
  return pledgesForAge(letter.pledges, age);
}

/** The caller's guardian bindings, one per linked child. */
export const guardianBindings = (roles: readonly RoleBinding[]) =>
  roles.filter((r): r is RoleBinding & { studentId: string } => r.role === 'guardian' && Boolean(r.studentId));

export function guardianLabelOf(b: RoleBinding | undefined): string {
  if (!b) return '监护人';
  const name = b.guardianName?.trim();
  const relation = b.relation?.trim();
  if (name && relation) return `${name}（${relation}）`;
  return name || relation || '监护人';
}

/** The class a class teacher's binding names, or FORBIDDEN. */
export function teacherClass(roles: readonly RoleBinding[]): { classId: string; schoolId: string } {
  const b = roles.find((r) => r.role === 'class_teacher' && r.classId && r.schoolId);
  if (!b) throw new AppError('FORBIDDEN', '您还没有绑定班级，请向学校索取班主任邀请码。');
  return { classId: b.classId!, schoolId: b.schoolId! };
}

/** Campaign ids are '<key>-<year>'. */
export const CAMPAIGN_ID = /^[a-z_]{3,20}-\d{4}$/;
