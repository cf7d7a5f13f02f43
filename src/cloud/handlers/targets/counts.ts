/**
 * What each record counts for on the desk: one mapping from a record to its
 * tally writes (core/tally.ts), used by the handlers as they write the record
 * and by the full recount, so the two cannot disagree.
 *
 * A counter sits under its school's county. Records that do not carry their
 * county (consents, lesson completions, class sessions) are given it by the
 * caller: the handlers ask the request's directory (`countyIdOf(ctx, id)`,
 * the `schools` records), the recount one snapshot of every school. A
 * school's jurisdiction never changes (school.update renames and closes), so
 * the two agree; a school without a record counts under the city.
 */
import { ALL_LESSONS } from '../../../content/lessons/index';
import { chinaDay } from '../../../domain/chinaTime';
import { semesterOf } from '../../../domain/targets';
import { markId, schoolPeriod, tally, tallyId, type TallyMark, type TallyRow, type TallyWrite } from '../../core/tally';
import type { Store } from '../../store/types';
import { CITY } from '../../../domain/catalog';
import { deskDirectoryFromStore, rebuildClassRolls } from './directory';
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

export function consentWrites(c: ConsentDoc, campaign: Pick<CampaignDoc, 'schoolYear'>, countyId: string): TallyWrite[] {
  const place = { bucket: c.classId, classId: c.classId, schoolId: c.schoolId, countyId };
  const state = c.agree ? 'given' : 'declined';
  return [
    { kind: 'scr_consent', period: c.campaignId, subject: c.studentId, place, state, at: c.at },
    { kind: 'scr_consent_year', period: campaign.schoolYear, subject: c.studentId, place, state, at: c.at },
  ];
}

export function lessonWrites(d: { studentId: string; classId: string | null; schoolId: string | null; lessonId: string; at: number }, countyId: string): TallyWrite[] {
  if (!MENTAL_LESSONS.has(d.lessonId) || !d.classId || !d.schoolId) return [];
  return [{
    kind: 'mh_lesson', period: semesterOf(monthOfMs(d.at)), subject: d.studentId, state: 'yes', at: d.at, once: true,
    place: { bucket: d.classId, classId: d.classId, schoolId: d.schoolId, countyId },
  }];
}

export function sessionWrites(d: { classId: string; schoolId?: string | null; lessonId: string; at: number }, schoolId: string | null, countyId: string): TallyWrite[] {
  const school = d.schoolId ?? schoolId;
  if (!MENTAL_LESSONS.has(d.lessonId) || !school) return [];
  return [{
    kind: 'mh_session', period: semesterOf(monthOfMs(d.at)), subject: d.classId, state: 'yes', at: d.at, once: true,
    place: { bucket: d.classId, classId: d.classId, schoolId: school, countyId },
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
    // commitment.sign records the county ('' for a school without a record: the city's, as everywhere)
    place: { bucket: d.classId, classId: d.classId, schoolId: d.schoolId, countyId: d.countyId || CITY },
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
  const desk = await deskDirectoryFromStore(store);
  const campaigns = new Map((await store.collection<CampaignDoc>('screening_campaigns').find({})).map((c) => [c._id, c]));
  for (const r of await store.collection<ResponseDoc>('screening_responses').find({})) {
    const c = campaigns.get(r.campaignId);
    if (c) writes.push(...responseWrites(r, c));
  }
  // consents: the latest per student and school year wins, as it does live
  const consents = (await store.collection<ConsentDoc>('screening_consents').find({})).sort((a, b) => a.at - b.at);
  for (const c of consents) {
    const campaign = campaigns.get(c.campaignId);
    if (campaign) writes.push(...consentWrites(c, campaign, desk.countyOf(c.schoolId)));
  }
  for (const d of await store.collection<{ _id: string; studentId: string; classId: string | null; schoolId: string | null; lessonId: string; at: number }>('lesson_completions').find({})) {
    writes.push(...lessonWrites(d, desk.countyOf(d.schoolId ?? '')));
  }
  for (const d of await store.collection<{ _id: string; classId: string; schoolId?: string | null; lessonId: string; at: number }>('lesson_class_sessions').find({})) {
    writes.push(...sessionWrites(d, d.schoolId ?? null, desk.countyOf(d.schoolId ?? '')));
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
 * What the stored rolls and counters were derived under. When the code's
 * number is higher than the one kept in `settings` (`desk_data`), the start
 * rebuilds both once from the records, then keeps the new number:
 *  1. migration 12 (the desk as merged);
 *  2. class rolls carry the class's recorded name and the school's recorded
 *     county, and leave out children no longer at school (graduated, left).
 */
export const DESK_DATA_VERSION = 2;
export const DESK_DATA_SETTING = 'desk_data';

interface DeskDataDoc { _id: string; value: { version: number }; updatedAt: number; [k: string]: unknown }

/**
 * At start (local server): derives the counters and the class rolls once when
 * they are empty but the records are not (a database from before migration
 * 12), or when they were derived under an older DESK_DATA_VERSION. A settings
 * read and two counts when there is nothing to do. On CloudBase run the same
 * once after deploying a new DESK_DATA_VERSION (README, 目标看板).
 */
export async function backfillDesk(store: Store, now = Date.now()): Promise<void> {
  const settings = store.collection<DeskDataDoc>('settings');
  const kept = (await settings.get(DESK_DATA_SETTING))?.value?.version ?? 1;
  const stale = kept < DESK_DATA_VERSION;
  if ((stale || await store.collection('class_rolls').count({}) === 0) && await store.collection('students').count({}) > 0) await rebuildClassRolls(store);
  if (stale || await store.collection('tallies').count({}) === 0) {
    const any = await Promise.all((['screening_responses', 'screening_consents', 'lesson_completions', 'lesson_class_sessions', 'guardian_lessons', 'cases', 'commitments'] as const)
      .map((c) => store.collection(c).count({})));
    if (any.some((n) => n > 0)) await rebuildTallies(store);
  }
  if (stale) await settings.put({ _id: DESK_DATA_SETTING, value: { version: DESK_DATA_VERSION }, updatedAt: now });
}
