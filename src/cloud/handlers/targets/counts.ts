/**
 * What each record counts for on the desk: one mapping from a record to its
 * tally writes (core/tally.ts), used by the handlers as they write the record
 * and by the full recount, so the two cannot disagree.
 */
import { ALL_LESSONS } from '../../../content/lessons/index';
import { chinaDay } from '../../../domain/chinaTime';
import { semesterOf } from '../../../domain/targets';
import { markId, schoolPeriod, tally, tallyId, type TallyMark, type TallyRow, type TallyWrite } from '../../core/tally';
import type { Store } from '../../store/types';
import { countyIdOfSchool as countyOfSchool, rebuildClassRolls } from './directory';
import type { CampaignDoc, ConsentDoc, ResponseDoc } from '../screening/model';

const monthOfMs = (ms: number) => chinaDay(ms).slice(0, 7);

const MENTAL_LESSONS = new Set(ALL_LESSONS.filter((l) => l.topic === 'mental').map((l) => l.id));

/** The band key a result counts under (as screening.stats shows them). */
const bandKey = (r: ResponseDoc['results'][number]) => r.bandKey ?? (r.acute ? 'acute' : r.positive ? 'positive' : 'negative');

export function responseWrites(r: ResponseDoc, c: Pick<CampaignDoc, 'schoolYear'>): TallyWrite[] {
  const place = { bucket: r.classId, classId: r.classId, schoolId: r.schoolId, countyId: r.countyId };
  const base = { subject: r.studentId, place, state: 'yes', at: r.submittedAt, once: true };
  return [
    { ...base, kind: 'scr_year', period: c.schoolYear },
    { ...base, kind: 'scr_done', period: r.campaignId },
    ...(r.level >= 3 ? [{ ...base, kind: 'scr_attn' as const, period: r.campaignId }] : []),
    ...r.results.map((res) => ({
      ...base, kind: 'scr_band' as const, period: r.campaignId, subject: `${r.studentId}:${res.instrumentId}`,
      place: { bucket: `${r.countyId}|${r.grade}|${res.instrumentId}|${bandKey(res)}`, schoolId: r.schoolId, countyId: r.countyId },
    })),
  ];
}

export function consentWrites(c: ConsentDoc, campaign: Pick<CampaignDoc, 'schoolYear'>): TallyWrite[] {
  const place = { bucket: c.classId, classId: c.classId, schoolId: c.schoolId, countyId: countyOfSchool(c.schoolId) };
  const state = c.agree ? 'given' : 'declined';
  return [
    { kind: 'scr_consent', period: c.campaignId, subject: c.studentId, place, state, at: c.at },
    { kind: 'scr_consent_year', period: campaign.schoolYear, subject: c.studentId, place, state, at: c.at },
  ];
}

export function lessonWrites(d: { studentId: string; classId: string | null; schoolId: string | null; lessonId: string; at: number }): TallyWrite[] {
  if (!MENTAL_LESSONS.has(d.lessonId) || !d.classId || !d.schoolId) return [];
  return [{
    kind: 'mh_lesson', period: semesterOf(monthOfMs(d.at)), subject: d.studentId, state: 'yes', at: d.at, once: true,
    place: { bucket: d.classId, classId: d.classId, schoolId: d.schoolId, countyId: countyOfSchool(d.schoolId) },
  }];
}

export function sessionWrites(d: { classId: string; schoolId?: string | null; lessonId: string; at: number }, schoolId: string | null): TallyWrite[] {
  const school = d.schoolId ?? schoolId;
  if (!MENTAL_LESSONS.has(d.lessonId) || !school) return [];
  return [{
    kind: 'mh_session', period: semesterOf(monthOfMs(d.at)), subject: d.classId, state: 'yes', at: d.at, once: true,
    place: { bucket: d.classId, classId: d.classId, schoolId: school, countyId: countyOfSchool(school) },
  }];
}

export function caseWrites(d: { _id: string; countyId?: string | null; jurisdiction?: string; category: string; createdAt: number }): TallyWrite[] {
  const countyId = d.countyId ?? d.jurisdiction ?? 'city';
  return [{
    kind: 'case', period: monthOfMs(d.createdAt), subject: d._id, state: 'yes', at: d.createdAt, once: true,
    place: { bucket: `${countyId}|${d.category}`, countyId },
  }];
}

export function pledgeWrites(d: { campaignId: string; studentId: string; classId: string; schoolId: string; countyId: string; signedAt: number }): TallyWrite[] {
  return [{
    kind: 'pledge', period: d.campaignId, subject: d.studentId, state: 'yes', at: d.signedAt, once: true,
    place: { bucket: d.classId, classId: d.classId, schoolId: d.schoolId, countyId: d.countyId || countyOfSchool(d.schoolId) },
  }];
}

/** Applies a record's writes (inside the handler's write, so they join its transaction). */
export async function applyTallies(store: Store, writes: readonly TallyWrite[]) {
  for (const w of writes) await tally(store, w);
}

/**
 * Every marker and counter as the records say they should be: the backfill
 * for existing data and the reference the tests compare the live counters
 * with. Reads every record once; never on a request path.
 */
export async function recountFromRecords(store: Store): Promise<{ marks: TallyMark[]; rows: TallyRow[] }> {
  const writes: TallyWrite[] = [];
  const campaigns = new Map((await store.collection<CampaignDoc>('screening_campaigns').find({})).map((c) => [c._id, c]));
  for (const r of await store.collection<ResponseDoc>('screening_responses').find({})) {
    const c = campaigns.get(r.campaignId);
    if (c) writes.push(...responseWrites(r, c));
  }
  // consents: the latest per student and school year wins, as it does live
  const consents = (await store.collection<ConsentDoc>('screening_consents').find({})).sort((a, b) => a.at - b.at);
  for (const c of consents) {
    const campaign = campaigns.get(c.campaignId);
    if (campaign) writes.push(...consentWrites(c, campaign));
  }
  for (const d of await store.collection<{ _id: string; studentId: string; classId: string | null; schoolId: string | null; lessonId: string; at: number }>('lesson_completions').find({})) {
    writes.push(...lessonWrites(d));
  }
  for (const d of await store.collection<{ _id: string; classId: string; schoolId?: string | null; lessonId: string; at: number }>('lesson_class_sessions').find({})) {
    writes.push(...sessionWrites(d, d.schoolId ?? null));
  }
  const commitments = (await store.collection<{ _id: string; campaignId: string; studentId: string; classId: string; schoolId: string; countyId: string; signedAt: number }>('commitments').find({}))
    .sort((a, b) => a.signedAt - b.signedAt);
  for (const d of commitments) writes.push(...pledgeWrites(d));
  for (const d of await store.collection<{ _id: string; countyId?: string | null; jurisdiction?: string; category: string; createdAt: number }>('cases').find({})) {
    writes.push(...caseWrites(d));
  }
  const marks = new Map<string, TallyMark>();
  for (const w of writes) {
    const id = markId(w.kind, w.period, w.subject);
    const prev = marks.get(id);
    if (prev && w.once) continue;
    marks.set(id, {
      _id: id, kind: w.kind, period: w.period, subject: w.subject, state: w.state, counted: true, at: prev?.at ?? w.at,
      bucket: w.place.bucket, classId: w.place.classId ?? null, schoolId: w.place.schoolId ?? null, countyId: w.place.countyId,
    });
  }
  const rows = new Map<string, TallyRow>();
  for (const m of marks.values()) {
    const id = tallyId(m.kind, m.period, m.bucket, m.state);
    const row = rows.get(id) ?? { _id: id, kind: m.kind, period: m.period, state: m.state, n: 0, bucket: m.bucket, classId: m.classId ?? null, schoolId: m.schoolId ?? null, countyId: m.countyId };
    row.n++;
    rows.set(id, row);
  }
  // the school twins of class counters
  for (const r of [...rows.values()]) {
    if (!r.classId || !r.schoolId) continue;
    const period = schoolPeriod(r.period);
    const id = tallyId(r.kind, period, r.schoolId, r.state);
    const twin = rows.get(id) ?? { _id: id, kind: r.kind, period, state: r.state, n: 0, bucket: r.schoolId, classId: null, schoolId: r.schoolId, countyId: r.countyId };
    twin.n += r.n;
    rows.set(id, twin);
  }
  return { marks: [...marks.values()], rows: [...rows.values()] };
}

/** Replaces every marker and counter with the recount (the repair of last resort, and the migration's backfill). */
export async function rebuildTallies(store: Store): Promise<number> {
  const { marks, rows } = await recountFromRecords(store);
  await store.collection('tally_marks').removeWhere({});
  await store.collection('tallies').removeWhere({});
  await store.collection<TallyMark>('tally_marks').insertMany(marks);
  await store.collection<TallyRow>('tallies').insertMany(rows);
  return rows.length;
}

/**
 * After migration 9 on a database with records: derives the counters and the
 * class rolls once (when the tallies or the rolls are empty but the records
 * are not). Two counts when there is nothing to do.
 */
export async function backfillDesk(store: Store): Promise<void> {
  if (await store.collection('class_rolls').count({}) === 0 && await store.collection('students').count({}) > 0) await rebuildClassRolls(store);
  if (await store.collection('tallies').count({}) > 0) return;
  const any = await Promise.all((['screening_responses', 'screening_consents', 'lesson_completions', 'lesson_class_sessions', 'cases', 'commitments'] as const)
    .map((c) => store.collection(c).count({})));
  if (any.some((n) => n > 0)) await rebuildTallies(store);
}
