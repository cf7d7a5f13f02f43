/**
 * Screening records and the resource-level rules every screening action
 * shares: which campaign is open for a student, who is linked to which
 * child, which school a psychology teacher serves. Role gates are in
 * src/domain/policy.ts; everything here denies by default.
 */
import { z } from 'zod';
import { content } from '../../../content';
import { instrumentById } from '../../../content/screening';
import { chinaDayStart, coordinatedJurisdictions, coordinatorCovers } from '../../../domain/case';
import type { Student } from '../../../domain/catalog';
import { AppError } from '../../../domain/errors';
import type { RoleBinding } from '../../../domain/roles';
import {
  chinaDay, consentState, type ConsentState, type Instrument, type InstrumentResult, type Urgency,
} from '../../../domain/screening';
import type { Ctx } from '../../core/context';
import type { Store } from '../../store/types';

const DAY_MS = 24 * 3600 * 1000;

export type CampaignLevel = 'school' | 'county' | 'city';

export interface CampaignFields {
  name: string;
  schoolYear: string;
  semester: 1 | 2;
  instrumentIds: string[];
  grades: number[];
  /** the schools it covers (a school-level campaign: one) */
  schoolIds: string[];
  /** null: every class of those grades */
  classIds: string[] | null;
  level: CampaignLevel;
  /** the school (level school), county id or 'city' that owns it */
  ownerId: string;
  /** county id or 'city': where overdue alerts escalate and which coordinators may change it */
  jurisdiction: string;
  /** China-time calendar days, both included */
  opensOn: string;
  closesOn: string;
  consentText: string;
  createdBy: string;
  createdAt: number;
}
export interface CampaignDoc extends CampaignFields {
  _id: string;
  opensAt: number;
  closesAt: number;
  status: 'open' | 'closed';
  updatedAt: number;
  [k: string]: unknown;
}

type StudentDoc = Student & { _id: string; [k: string]: unknown };

export interface ConsentDoc {
  _id: string;
  campaignId: string;
  studentId: string;
  schoolId: string;
  classId: string;
  agree: boolean;
  /** guardian in the app, or the psychology teacher recording a paper form */
  via: 'guardian_app' | 'paper_form';
  byUserId: string;
  byName: string;
  at: number;
  history: Array<{ agree: boolean; via: string; byName: string; at: number }>;
  [k: string]: unknown;
}

export interface ResponseDoc {
  _id: string;
  campaignId: string;
  studentId: string;
  schoolId: string;
  classId: string;
  grade: number;
  countyId: string;
  answers: Record<string, Record<string, number>>;
  /** SHA-256 of the answers in canonical order: a resubmission must match it */
  digest: string;
  results: InstrumentResult[];
  crisis: boolean;
  level: number;
  urgency: Urgency | null;
  submittedAt: number;
  [k: string]: unknown;
}

export interface AlertDoc {
  _id: string;
  campaignId: string;
  studentId: string;
  schoolId: string;
  countyId: string;
  urgency: Urgency;
  reasons: string[];
  createdAt: number;
  dueAt: number;
  status: 'open' | 'acknowledged';
  acknowledgedAt?: number;
  acknowledgedBy?: string;
  escalated: boolean;
  escalatedAt?: number;
  [k: string]: unknown;
}

export type FileStatus = 'routine' | 'watch' | 'closed';
export interface FileDoc {
  _id: string;
  studentId: string;
  schoolId: string;
  status: FileStatus;
  plan: string;
  planUpdatedAt: number | null;
  updatedAt: number;
  [k: string]: unknown;
}

export type FileEventKind = 'plan' | 'followup' | 'notification' | 'referral' | 'status';
export interface FileEventDoc {
  _id: string;
  studentId: string;
  schoolId: string;
  kind: FileEventKind;
  at: number;
  byUserId: string;
  byName: string;
  text: string;
  /** notification: how the guardian was told, and what they may read in the app */
  how?: 'in_person' | 'phone' | 'app' | 'letter';
  guardianMessage?: string;
  campaignId?: string;
  /** referral */
  hospitalId?: string;
  hospitalName?: string;
  status?: FileStatus;
  [k: string]: unknown;
}

export const responseId = (campaignId: string, studentId: string) => `${campaignId}:${studentId}`;

export const campaignIdSchema = z.string({ required_error: '缺少筛查编号。', invalid_type_error: '筛查编号不对。' })
  .regex(/^cmp-[A-Za-z0-9_-]{3,60}$/, '筛查编号不对，请从列表重新打开。');
export const studentIdSchema = z.string({ required_error: '缺少学生编号。', invalid_type_error: '学生编号不对。' })
  .regex(/^stu-[A-Za-z0-9_-]{1,60}$/, '学生编号不对，请从名单重新打开。');

export const NO_CAMPAIGN = '没有找到这次筛查，可能编号有误或已被删除。';
export const NOT_YOUR_CHILD = '您只能为自己绑定的孩子办理。如需绑定，请向班主任索取家长邀请码。';
export const NOT_YOUR_SCHOOL = '这名学生不在您任职的学校，您不能查看或办理。';

/** A campaign document from its fields, with its China-time window as instants. */
export function campaignDoc(f: CampaignFields & { id: string }): CampaignDoc {
  const { id, ...rest } = f;
  return {
    _id: id, ...rest,
    opensAt: chinaDayStart(f.opensOn),
    closesAt: chinaDayStart(f.closesOn) + DAY_MS,
    status: 'open',
    updatedAt: f.createdAt,
  };
}

export const isOpenAt = (c: CampaignDoc, now: number) => c.status === 'open' && c.opensAt <= now && now < c.closesAt;

export const covers = (c: CampaignDoc, s: Pick<Student, 'schoolId' | 'classId' | 'grade'>) =>
  c.schoolIds.includes(s.schoolId) && c.grades.includes(s.grade) && (!c.classIds || c.classIds.includes(s.classId));

export const campaignInstruments = (c: CampaignDoc): Instrument[] =>
  c.instrumentIds.map((id) => instrumentById(id)).filter((i): i is Instrument => !!i);

export const schoolOf = (id: string) => content.catalog.schools.find((s) => s.id === id);
export const classOf = (id: string) => content.catalog.classes.find((c) => c.id === id);
export const countyOfSchool = (schoolId: string) => schoolOf(schoolId)?.jurisdiction ?? 'city';

export async function getStudent(store: Store, id: string): Promise<Student | null> {
  const doc = await store.collection<StudentDoc>('students').get(id);
  if (!doc) return null;
  const { _id, ...s } = doc;
  return s as Student;
}

export async function loadCampaign(store: Store, id: string): Promise<CampaignDoc> {
  const c = await store.collection<CampaignDoc>('screening_campaigns').get(id);
  if (!c) throw new AppError('NOT_FOUND', NO_CAMPAIGN);
  return c;
}

/** The campaign open now for this student (the one closing soonest), or null. */
export async function openCampaignFor(store: Store, s: Student, now: number): Promise<CampaignDoc | null> {
  const found = await store.collection<CampaignDoc>('screening_campaigns').find({ schoolIds: { $has: s.schoolId }, status: 'open' });
  return found.filter((c) => covers(c, s) && isOpenAt(c, now)).sort((a, b) => a.closesAt - b.closesAt)[0] ?? null;
}

export async function consentOf(store: Store, campaignId: string, s: Student, now: number): Promise<{ state: ConsentState; record: ConsentDoc | null }> {
  const record = await store.collection<ConsentDoc>('screening_consents').get(responseId(campaignId, s.id));
  return { state: consentState(s.birthDate, now, record), record };
}

/** The caller's own student record (student role). */
export async function ownStudent(ctx: Ctx): Promise<Student> {
  const b = ctx.caller!.roles.find((r) => r.role === 'student' && r.studentId);
  const s = b ? await getStudent(ctx.store, b.studentId!) : null;
  if (!s) throw new AppError('FORBIDDEN', '您的账号还没有绑定学生身份，请向班主任索取学生邀请码。');
  return s;
}

/** True when the caller is a guardian linked to this child (binding and link row both). */
export async function isLinkedGuardian(ctx: Ctx, studentId: string): Promise<boolean> {
  const caller = ctx.caller!;
  if (!caller.roles.some((r) => r.role === 'guardian' && r.studentId === studentId)) return false;
  return !!(await ctx.store.collection('guardianships').get(`${caller.userId}:${studentId}`));
}

export const psychSchools = (roles: readonly RoleBinding[]) =>
  roles.filter((r) => r.role === 'psych_teacher' && r.schoolId).map((r) => r.schoolId!);

export const staffName = (roles: readonly RoleBinding[], role: RoleBinding['role']) =>
  roles.find((r) => r.role === role)?.displayName ?? '老师';

/** A student of a school this psychology teacher serves, or FORBIDDEN (NOT_FOUND when there is no such student). */
export async function studentOfMySchool(ctx: Ctx, studentId: string): Promise<Student> {
  const s = await getStudent(ctx.store, studentId);
  if (!s) throw new AppError('NOT_FOUND', '没有找到这名学生，可能编号有误。');
  if (!psychSchools(ctx.caller!.roles).includes(s.schoolId)) throw new AppError('FORBIDDEN', NOT_YOUR_SCHOOL);
  return s;
}

/** A coordinator covers the campaign's area, or a psychology teacher serves one of its schools. */
export function campaignSchoolsFor(c: CampaignDoc, roles: readonly RoleBinding[]): string[] {
  const areas = coordinatedJurisdictions(roles);
  const mine = new Set(psychSchools(roles));
  return c.schoolIds.filter((id) => mine.has(id) || areas.some((a) => coordinatorCovers(a, countyOfSchool(id))));
}

/** Every student of these schools the campaign covers. */
export async function eligibleStudents(store: Store, c: CampaignDoc, schoolIds: readonly string[]): Promise<Student[]> {
  if (!schoolIds.length) return [];
  const rows = await store.collection<StudentDoc>('students').find({ schoolId: { $in: [...schoolIds] } });
  // graduates stay on record (year rollover) but are no longer on the school's roll
  return rows.filter((s) => (s as { status?: unknown }).status !== 'graduated' && covers(c, s)).map(({ _id, ...s }) => s as Student);
}

export type CompletionStatus = 'finished' | 'not_finished' | 'awaiting_consent' | 'declined';

export function completionOf(s: Student, now: number, consent: ConsentDoc | undefined, finished: boolean): CompletionStatus {
  if (finished) return 'finished';
  const state = consentState(s.birthDate, now, consent ?? null);
  return state === 'needed' ? 'awaiting_consent' : state === 'declined' ? 'declined' : 'not_finished';
}

/** Consents and responses of a campaign, keyed by student id. */
export async function campaignRecords(store: Store, campaignId: string) {
  const [consents, responses] = await Promise.all([
    store.collection<ConsentDoc>('screening_consents').find({ campaignId }),
    store.collection<ResponseDoc>('screening_responses').find({ campaignId }),
  ]);
  return {
    consents: new Map(consents.map((c) => [c.studentId, c])),
    responses: new Map(responses.map((r) => [r.studentId, r])),
  };
}

export const todayIn = (now: number) => chinaDay(now);

/** What a student sees after submitting: kind, never a band or a label. */
export const FEEDBACK = {
  calm: '谢谢你认真完成！照顾好自己的心情和照顾好身体一样重要。如果以后有烦恼，随时可以找心理老师、班主任或家人聊一聊。',
  crisis: '谢谢你愿意真实地告诉我们。你的感受很重要，你不是一个人。学校的心理老师会很快来找你，和你聊一聊。',
};
