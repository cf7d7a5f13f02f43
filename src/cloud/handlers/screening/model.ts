/**
 * Screening records and the resource-level rules every screening action
 * shares: which campaign is open for a student, who is linked to which
 * child, which school a psychology teacher serves. Role gates are in
 * src/domain/policy.ts; everything here denies by default.
 */
import { z } from 'zod';
import { dir } from '../../core/directory';
import { instrumentById } from '../../../content/screening';
import { coordinatedJurisdictions, coordinatorCovers } from '../../../domain/jurisdiction';
import { chinaDay, chinaDayStart } from '../../../domain/chinaTime';
import type { Student } from '../../../domain/catalog';
import { AppError } from '../../../domain/errors';
import type { RoleBinding } from '../../../domain/roles';
import {
  consentState, type ConsentState, type Instrument, type InstrumentResult, type Urgency,
} from '../../../domain/screening';
import type { Ctx } from '../../core/context';
import { sha256 } from '../../core/crypto';
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
  /** what the answers are for, and who gets to read them: part of what a guardian agrees to */
  purpose?: string;
  recipients?: string;
  createdBy: string;
  createdAt: number;
}

/** One version of the consent terms (text, purpose, recipients) a guardian may have answered. */
export interface ConsentTerms { version: number; hash: string; text: string; purpose: string; recipients: string; at: number }
export interface CampaignDoc extends CampaignFields {
  _id: string;
  opensAt: number;
  closesAt: number;
  status: 'open' | 'closed';
  updatedAt: number;
  /** the consent terms in force (absent on campaigns from before versions: version 1) */
  consentVersion?: number;
  consentHash?: string;
  /** the terms version guardians were last asked about (scheduler: askGuardians) */
  askedVersion?: number;
  /** when the terms in force were set */
  consentTermsAt?: number;
  /** earlier versions, oldest first, so a guardian asked again sees what changed */
  consentHistory?: ConsentTerms[];
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
  /** the consent terms this answer was to (absent on records from before versions: version 1) */
  version?: number;
  hash?: string;
  /** guardian_app: the guardian's name and relation as bound */
  guardianName?: string;
  relation?: string;
  /** paper_form: the evidence */
  paper?: PaperEvidence;
  /** a paper form recorded after this guardian declined in the app: they were told and may withdraw */
  overrodeDecline?: boolean;
  history: Array<{ agree: boolean; via: string; byName: string; at: number; version?: number; guardianName?: string; paper?: PaperEvidence }>;
  /** how many times this record was written (absent on records from before: their history's length) */
  seq?: number;
  [k: string]: unknown;
}

/** The write sequence a new version of this consent record gets. */
export const nextConsentSeq = (before: ConsentDoc | null) => (before ? (before.seq ?? before.history.length) : 0) + 1;

/**
 * Writes a consent record over the one read (`before`, or none): compare-and-set
 * on its write sequence, so of two answers for one child at once exactly one
 * lands on what the other read, and the loser reads again. Answers false when
 * someone wrote in between. Fields the new version lacks (a paper form's
 * evidence after an answer in the app) are removed, as a replacement would.
 */
export async function writeConsent(store: Store, before: ConsentDoc | null, doc: ConsentDoc): Promise<boolean> {
  const consents = store.collection<ConsentDoc>('screening_consents');
  if (!before) {
    try { await consents.insert(doc); return true; } catch (e) { if (e instanceof AppError && e.code === 'CONFLICT') return false; throw e; }
  }
  const { _id, ...fields } = doc;
  const unset = Object.keys(before).filter((k) => k !== '_id' && !(k in fields));
  return consents.updateIf(_id, { seq: before.seq ?? null }, { set: fields, ...(unset.length ? { unset } : {}) });
}

/** What the school must hold before a paper form counts: the guardian as on the roster, the form's date, its photo. */
export interface PaperEvidence { guardianName: string; relation: string; formDate: string; photoId: string; recordedBy: string; recordedByName: string; recordedAt: number }

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

export const campaignIdSchema = z.string({ required_error: '缺少测评编号。', invalid_type_error: '测评编号不对。' })
  .regex(/^cmp-[A-Za-z0-9_-]{3,60}$/, '测评编号不对，请从列表重新打开。');
export const studentIdSchema = z.string({ required_error: '缺少学生编号。', invalid_type_error: '学生编号不对。' })
  .regex(/^stu-[A-Za-z0-9_-]{1,60}$/, '学生编号不对，请从名单重新打开。');

export const NO_CAMPAIGN = '没有找到这次测评，可能编号有误或已被删除。';
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
    purpose: f.purpose ?? DEFAULT_PURPOSE,
    recipients: f.recipients ?? DEFAULT_RECIPIENTS,
    consentVersion: 1,
    consentHash: consentTermsHash(f),
    consentTermsAt: f.createdAt,
    consentHistory: [],
  };
}

export const DEFAULT_PURPOSE = '了解孩子最近的心情和压力，及时发现需要关心和帮助的同学。';
export const DEFAULT_RECIPIENTS = '只有学校的心理健康教师能看到孩子的回答；班主任只知道是否完成；教育部门只看到不少于5人的汇总数字。';

export const consentVersionOf = (c: Pick<CampaignDoc, 'consentVersion'>) => c.consentVersion ?? 1;

/** The hash of the consent terms as guardians see them (text, purpose, recipients). */
export const consentTermsHash = (t: { consentText: string; purpose?: string; recipients?: string }) =>
  sha256(JSON.stringify([t.consentText, t.purpose ?? DEFAULT_PURPOSE, t.recipients ?? DEFAULT_RECIPIENTS]));

/**
 * The fields to set when a campaign's consent terms change (text, purpose or
 * recipients), or null when the hash is the same: the version goes up and
 * the old terms go to the history, so every earlier answer is `needed`
 * again and the guardian is shown what changed.
 */
export function changedTerms(c: CampaignDoc, next: { consentText: string; purpose?: string; recipients?: string }, now: number): Partial<CampaignDoc> | null {
  const hash = consentTermsHash(next);
  if (hash === (c.consentHash ?? consentTermsHash(c))) return null;
  const old: ConsentTerms = {
    version: consentVersionOf(c), hash: c.consentHash ?? consentTermsHash(c), text: c.consentText,
    purpose: c.purpose ?? DEFAULT_PURPOSE, recipients: c.recipients ?? DEFAULT_RECIPIENTS, at: c.consentTermsAt ?? c.createdAt,
  };
  return {
    consentText: next.consentText, purpose: next.purpose ?? DEFAULT_PURPOSE, recipients: next.recipients ?? DEFAULT_RECIPIENTS,
    consentVersion: old.version + 1, consentHash: hash, consentTermsAt: now, consentHistory: [...(c.consentHistory ?? []), old],
  };
}

export const isOpenAt = (c: CampaignDoc, now: number) => c.status === 'open' && c.opensAt <= now && now < c.closesAt;

export const covers = (c: CampaignDoc, s: Pick<Student, 'schoolId' | 'classId' | 'grade'>) =>
  c.schoolIds.includes(s.schoolId) && c.grades.includes(s.grade) && (!c.classIds || c.classIds.includes(s.classId));

export const campaignInstruments = (c: CampaignDoc): Instrument[] =>
  c.instrumentIds.map((id) => instrumentById(id)).filter((i): i is Instrument => !!i);

/** Schools and classes are records (core/directory.ts), read once per request. */
export const schoolOf = (ctx: { store: Store }, id: string) => dir(ctx).school(id);
export const classOf = (ctx: { store: Store }, id: string) => dir(ctx).class(id);
export const countyOfSchool = async (ctx: { store: Store }, schoolId: string) => (await dir(ctx).countyOfSchool(schoolId)) ?? 'city';

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

/** The child's consent state for the campaign's current consent terms, and the record behind it. */
export async function consentOf(store: Store, c: CampaignDoc, s: Student, now: number): Promise<{ state: ConsentState; record: ConsentDoc | null }> {
  const record = await store.collection<ConsentDoc>('screening_consents').get(responseId(c._id, s.id));
  return { state: consentState(s.birthDate, now, record, consentVersionOf(c)), record };
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
export async function campaignSchoolsFor(ctx: { store: Store }, c: CampaignDoc, roles: readonly RoleBinding[]): Promise<string[]> {
  const areas = coordinatedJurisdictions(roles);
  const mine = new Set(psychSchools(roles));
  if (!areas.length) return c.schoolIds.filter((id) => mine.has(id));
  const counties = await Promise.all(c.schoolIds.map((id) => countyOfSchool(ctx, id)));
  return c.schoolIds.filter((id, i) => mine.has(id) || areas.some((a) => coordinatorCovers(a, counties[i])));
}

/** Every student of these schools the campaign covers. */
export async function eligibleStudents(store: Store, c: CampaignDoc, schoolIds: readonly string[]): Promise<Student[]> {
  if (!schoolIds.length) return [];
  const rows = await store.collection<StudentDoc>('students').find({ schoolId: { $in: [...schoolIds] } });
  // graduates stay on record (year rollover) but are no longer on the school's roll
  return rows.filter((s) => (s as { status?: unknown }).status !== 'graduated' && covers(c, s)).map(({ _id, ...s }) => s as Student);
}

export type CompletionStatus = 'finished' | 'not_finished' | 'awaiting_consent' | 'declined';

export function completionOf(s: Student, now: number, consent: ConsentDoc | undefined, finished: boolean, version = 1): CompletionStatus {
  if (finished) return 'finished';
  const state = consentState(s.birthDate, now, consent ?? null, version);
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

/**
 * What a student sees after submitting: kind, never a band or a label. The
 * crisis words stand above the talk-now card, which already says 你不是一个人
 * and that the psychology teacher will come soon (said once, walk 16 N7).
 */
export const FEEDBACK = {
  calm: '谢谢你认真完成！照顾好自己的心情和照顾好身体一样重要。如果以后有烦恼，随时可以找心理老师、班主任或家人聊一聊。',
  crisis: '谢谢你愿意真实地告诉我们。你的感受很重要。',
};

/**
 * The child's guardians as the school knows them: the roster (the seeded
 * guardians imported or seeded into roster_guardians) and every guardian bound to the
 * child through an invitation code, by name and relation.
 */
export async function rosterGuardians(store: Store, studentId: string): Promise<Array<{ name: string; relation: string; userId?: string }>> {
  const listed = await store.collection<{ _id: string; studentId: string; name: string; relation: string }>('roster_guardians').find({ studentId });
  const out: Array<{ name: string; relation: string; userId?: string }> = listed
    .sort((a, b) => a._id.localeCompare(b._id)).map((g) => ({ name: g.name, relation: g.relation }));
  for (const link of await guardianLinks(store, studentId)) {
    const user = await store.collection<{ _id: string; roles: RoleBinding[] }>('users').get(link.userId);
    const b = user?.roles.find((r) => r.role === 'guardian' && r.studentId === studentId);
    if (!b?.guardianName) continue;
    const known = out.find((g) => g.name === b.guardianName);
    if (known) known.userId ??= link.userId;
    else out.push({ name: b.guardianName, relation: b.relation ?? '', userId: link.userId });
  }
  return out;
}

/** The accounts linked to this child as guardians. */
export const guardianLinks = (store: Store, studentId: string) =>
  store.collection<{ _id: string; userId: string; studentId: string }>('guardianships').find({ studentId });

export const CONSENT_PAGE = '/packageScreening/pages/consent/index';
