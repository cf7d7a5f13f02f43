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
 *
 * Decisions kept here (issue 15 after the consent, enrolment and families work):
 *  - A consent counts for the consent terms it answered: its counted state
 *    carries the terms' version (`given@v2`; for the school year also the
 *    campaign, `given@<campaign>@v2`). When campaign.update changes the terms
 *    (consentVersionOf goes up) nothing is rewritten: the readers count only
 *    states of the version now in force, so earlier answers are awaiting
 *    again at once, as consentState(..., version) says, and an answer to the
 *    new terms moves the child's marker to the new state. Paper forms
 *    (screening.paperConsent) count like answers in the app; a withdrawal
 *    moves the child from given to declined.
 *  - Mental-health education is counted per child (`mh_lesson`): a child who
 *    finished the lesson in the app, or was present when the class teacher
 *    recorded it taught in class (`lesson.classSession`; absentees do not
 *    count, as the teacher is told). The session keeps who was present
 *    (`presentIds`), so the recount agrees with what was counted then.
 *    `lesson.classSessionUndo` takes the children back out (untally) unless
 *    something else still counts them that semester.
 *  - Guardians who read the parents' mental-health lesson (`guardian_lessons`)
 *    are counted per school and semester (`mh_guardian`, one per guardian and
 *    school), the semester as the desk's (semesterOf), not the app's term.
 */
import { ALL_LESSONS } from '../../../content/lessons/index';
import { chinaDay } from '../../../domain/chinaTime';
import { semesterOf } from '../../../domain/targets';
import { countRecord, markId, schoolPeriod, tally, tallyId, type TallyMark, type TallyRow, type TallyWrite } from '../../core/tally';
import type { Store } from '../../store/types';
import { CITY } from '../../../domain/catalog';
import { deskDirectoryFromStore, rebuildClassRolls } from './directory';
import { consentVersionOf, type CampaignDoc, type ConsentDoc, type ResponseDoc } from '../screening/model';

const monthOfMs = (ms: number) => chinaDay(ms).slice(0, 7);

export const MENTAL_LESSONS = new Set(ALL_LESSONS.filter((l) => l.topic === 'mental').map((l) => l.id));
export const semesterOfMs = (ms: number) => semesterOf(monthOfMs(ms));

/** The band key a result counts under (as screening.stats shows them). */
const bandKey = (r: ResponseDoc['results'][number]) => r.bandKey ?? (r.acute ? 'acute' : r.positive ? 'positive' : 'negative');

export function responseWrites(r: ResponseDoc, c: Pick<CampaignDoc, 'schoolYear'>): TallyWrite[] {
  const place = { bucket: r.classId, classId: r.classId, schoolId: r.schoolId, countyId: r.countyId };
  const base = { subject: r.studentId, place, state: 'yes', at: r.submittedAt, once: true };
  // per campaign and child: the response itself (id campaign:child, inserted once, never removed) is the marker
  const ofRecord = { ...base, ofRecord: true };
  return [
    { ...base, kind: 'scr_year', period: c.schoolYear },
    { ...ofRecord, kind: 'scr_done', period: r.campaignId },
    ...(r.level >= 3 ? [{ ...ofRecord, kind: 'scr_attn' as const, period: r.campaignId }] : []),
    ...r.results.map((res) => ({
      ...ofRecord, kind: 'scr_band' as const, period: r.campaignId, subject: `${r.studentId}:${res.instrumentId}`,
      place: { bucket: `${r.countyId}|${r.grade}|${res.instrumentId}|${bandKey(res)}`, schoolId: r.schoolId, countyId: r.countyId },
    })),
  ];
}

/** A consent's counted state: the answer and the terms' version it was to (for the school year, also the campaign). */
export const consentTallyState = (agree: boolean, version: number, campaignId?: string) =>
  `${agree ? 'given' : 'declined'}${campaignId !== undefined ? `@${campaignId}` : ''}@v${version}`;

/** A consent counter's state read back: its answer when it was to the terms now in force, else null (awaiting again). */
export function currentConsent(state: string, versionOf: (campaignId: string | undefined) => number): 'given' | 'declined' | null {
  const m = /^(given|declined)(?:@(.+))?@v(\d+)$/.exec(state);
  if (!m) return null;
  return Number(m[3]) === versionOf(m[2]) ? (m[1] as 'given' | 'declined') : null;
}

/** Where a consent record stands among the answers for its child: its time, then its write sequence (see TallyWrite.order). */
export const consentOrder = (c: Pick<ConsentDoc, 'at' | 'seq' | 'history'>) => c.at * 1000 + Math.min(999, c.seq ?? c.history?.length ?? 0);

export function consentWrites(c: ConsentDoc, campaign: Pick<CampaignDoc, 'schoolYear'>, countyId: string): TallyWrite[] {
  const place = { bucket: c.classId, classId: c.classId, schoolId: c.schoolId, countyId };
  const version = consentVersionOf({ consentVersion: c.version });
  const order = consentOrder(c);
  return [
    { kind: 'scr_consent', period: c.campaignId, subject: c.studentId, place, state: consentTallyState(c.agree, version), at: c.at, order },
    { kind: 'scr_consent_year', period: campaign.schoolYear, subject: c.studentId, place, state: consentTallyState(c.agree, version, c.campaignId), at: c.at, order },
  ];
}

export function lessonWrites(d: { studentId: string; classId: string | null; schoolId: string | null; lessonId: string; at: number }, countyId: string): TallyWrite[] {
  if (!MENTAL_LESSONS.has(d.lessonId) || !d.classId || !d.schoolId) return [];
  return [{
    kind: 'mh_lesson', period: semesterOf(monthOfMs(d.at)), subject: d.studentId, state: 'yes', at: d.at, once: true,
    place: { bucket: d.classId, classId: d.classId, schoolId: d.schoolId, countyId },
  }];
}

/**
 * A mental-health lesson taught in class: one count for each child present
 * (`present`: the session's presentIds, or for a session recorded before they
 * were kept, the class's children on the roll now less the absentees).
 */
export function sessionWrites(d: { classId: string; schoolId?: string | null; lessonId: string; at: number }, present: readonly string[], countyId: string): TallyWrite[] {
  if (!MENTAL_LESSONS.has(d.lessonId) || !d.schoolId) return [];
  const place = { bucket: d.classId, classId: d.classId, schoolId: d.schoolId, countyId };
  const period = semesterOfMs(d.at);
  return present.map((studentId) => ({ kind: 'mh_lesson' as const, period, subject: studentId, state: 'yes', at: d.at, once: true, place }));
}

/** A guardian read the parents' mental-health lesson: one count per guardian, school and semester. */
export function guardianLessonWrites(d: { userId: string; lessonId: string; schoolId: string; at: number }, countyId: string): TallyWrite[] {
  if (!MENTAL_LESSONS.has(d.lessonId)) return [];
  return [{
    kind: 'mh_guardian', period: semesterOfMs(d.at), subject: `${d.schoolId}:${d.userId}`, state: 'yes', at: d.at, once: true,
    place: { bucket: d.schoolId, classId: null, schoolId: d.schoolId, countyId },
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
    // ofRecord: the child's first-signature marker (commitment_firsts, campaign:child, never removed) is its record
    kind: 'pledge', period: d.campaignId, subject: d.studentId, state: 'yes', at: d.signedAt, once: true, ofRecord: true,
    // commitment.sign records the county ('' for a school without a record: the city's, as everywhere)
    place: { bucket: d.classId, classId: d.classId, schoolId: d.schoolId, countyId: d.countyId || CITY },
  }];
}

/** A class session as stored (presentIds from this change on; absentIds when someone was away). */
export interface SessionRecord { _id: string; classId: string; schoolId?: string | null; lessonId: string; at: number; absentIds?: string[]; presentIds?: string[]; [k: string]: unknown }

/** The children a session counted: as kept, or (older sessions) the class's children on the roll less the absentees. */
export const presentAt = (d: Pick<SessionRecord, 'presentIds' | 'absentIds'>, roster: readonly string[]) =>
  d.presentIds ?? roster.filter((id) => !(d.absentIds ?? []).includes(id));

/** Children on the roll per class (for sessions recorded before presentIds were kept). */
async function classRosters(store: Store): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const s of await store.collection<{ _id: string; classId: string; status?: string }>('students').find({})) {
    if (s.status && s.status !== 'active') continue;
    out.set(s.classId, [...(out.get(s.classId) ?? []), s._id]);
  }
  return out;
}

/**
 * Applies a record's writes (inside the handler's write, so they join its transaction). `inserted`: the
 * handler inserted the record in this call (for writes whose record is their marker: core/tally.ts countRecord).
 */
export async function applyTallies(store: Store, writes: readonly TallyWrite[], inserted?: boolean) {
  for (const w of writes) {
    if (inserted !== undefined && await countRecord(store, w, inserted)) continue;
    await tally(store, w);
  }
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
  // consents: the latest per student (campaign, and school year) wins, in the order the live writes keep
  for (const c of await store.collection<ConsentDoc>('screening_consents').find({})) {
    const campaign = campaigns.get(c.campaignId);
    if (campaign) writes.push(...consentWrites(c, campaign, desk.countyOf(c.schoolId)));
  }
  for (const d of await store.collection<{ _id: string; studentId: string; classId: string | null; schoolId: string | null; lessonId: string; at: number }>('lesson_completions').find({})) {
    writes.push(...lessonWrites(d, desk.countyOf(d.schoolId ?? '')));
  }
  const sessions = await store.collection<SessionRecord>('lesson_class_sessions').find({});
  const rosters = sessions.some((d) => !d.presentIds) ? await classRosters(store) : new Map<string, string[]>();
  for (const d of sessions) writes.push(...sessionWrites(d, presentAt(d, rosters.get(d.classId) ?? []), desk.countyOf(d.schoolId ?? '')));
  for (const d of await store.collection<{ _id: string; userId: string; lessonId: string; schoolId: string; at: number }>('guardian_lessons').find({})) {
    writes.push(...guardianLessonWrites(d, desk.countyOf(d.schoolId)));
  }
  for (const d of await store.collection<{ _id: string; campaignId: string; studentId: string; classId: string; schoolId: string; countyId: string; signedAt: number }>('commitments').find({})) {
    writes.push(...pledgeWrites(d));
  }
  for (const d of await store.collection<{ _id: string; countyId?: string | null; jurisdiction?: string; category: string; createdAt: number }>('cases').find({})) {
    writes.push(...caseWrites(d));
  }
  // in the order they happened: a once-counted subject keeps its first place, a changing one ends in its latest answer
  writes.sort((a, b) => (a.order ?? a.at * 1000) - (b.order ?? b.at * 1000));
  const marks = new Map<string, TallyMark>();
  for (const w of writes) {
    const id = markId(w.kind, w.period, w.subject);
    const prev = marks.get(id);
    if (prev && w.once) continue;
    marks.set(id, {
      _id: id, kind: w.kind, period: w.period, subject: w.subject, state: w.state, counted: true, at: prev?.at ?? w.at,
      bucket: w.place.bucket, classId: w.place.classId ?? null, schoolId: w.place.schoolId ?? null, countyId: w.place.countyId,
      ...(w.order !== undefined ? { order: w.order } : {}),
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
 *     county, and leave out children no longer at school (graduated, left);
 *  3. consent states carry the terms' version, class sessions count the
 *     children present (mh_lesson, no more mh_session), guardians' readings
 *     of the parents' lesson count (mh_guardian).
 */
export const DESK_DATA_VERSION = 3;
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
