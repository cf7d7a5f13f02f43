/**
 * Counters kept by the writes, for the desk and the screening roll-ups:
 * "how many children of this class are in this state for this period"
 * (screened this school year, consent declined in this campaign, finished a
 * mental-health lesson this semester) and "how many reports of this category
 * in this county this month". The roll-ups read one row per class (or per
 * county-month), never the records.
 *
 * Each counted thing has a marker (`tally_marks`, id `<kind>|<period>|<subject>`)
 * holding its current state; a counter (`tallies`, id `<kind>|<period>|<bucket>|<state>`)
 * holds how many markers of that bucket are in that state. A write moves its
 * marker (insert-if-absent, or compare-and-set from the state it read), then
 * increments the new state's counter and decrements the old one, then marks
 * the marker counted. Replays and parallel calls find the marker already in
 * the state and change nothing.
 *
 * Crash safety: on SQLite the dispatcher runs each write request as one
 * transaction, so the marker and its counters land together. Where they may
 * not (CloudBase), a marker left `counted: false` by a dead call is repaired
 * once older than the grace: its bucket is recounted from its markers
 * (`repairTallies`). `recountFromRecords` (targets/counts.ts) rebuilds every
 * marker and counter from the records themselves (the backfill, and the check
 * that counters equal a full recount).
 *
 * Answers that change (a consent given, withdrawn, given again) carry their
 * record's `order` (its time and write sequence): the marker keeps the
 * highest order it has seen and moves only forward, so two answers racing on
 * CloudBase end in the later one's state whichever is counted first. A move
 * that finds the marker still being counted by another call waits for it; if
 * that call died, it leaves its own state on the marker, uncounted, for the
 * repair. A counted subject can also leave the count (`untally`: a class
 * session undone): its marker goes through the state `LEAVING`, never counted,
 * so a crash half-way is repaired like any other.
 */
import { isAppError } from '../../domain/errors';
import type { Store } from '../store/types';

export type TallyKind =
  /** a student screened at least once in the school year (period: `2025-2026`, bucket: class) */
  | 'scr_year'
  /** a student finished this campaign (period: campaign id, bucket: class) */
  | 'scr_done'
  /** a student's answers need attention (level ≥ 3) in this campaign (bucket: class) */
  | 'scr_attn'
  /** an instrument's band of a student in this campaign (bucket: `<county>|<grade>|<instrument>|<band>`) */
  | 'scr_band'
  /** consent given / declined in this campaign (bucket: class; state: given | declined) */
  | 'scr_consent'
  /** consent given / declined in any campaign of the school year (the latest one counts) */
  | 'scr_consent_year'
  /**
   * a student had the mental-health lesson this semester: finished it in the app, or was present when the
   * class teacher recorded it taught in class (period: `2025-2026-1`, subject: student, bucket: class)
   */
  | 'mh_lesson'
  /** a guardian read the parents' mental-health lesson this semester (subject: `<school>:<user>`, bucket: the child's school) */
  | 'mh_guardian'
  /** a report filed this month (period: `2026-03`, bucket: `<county>|<category>`) */
  | 'case'
  /** a child with a guardian's signature on this holiday letter (period: campaign id, bucket: class) */
  | 'pledge';

export interface Place { bucket: string; classId?: string | null; schoolId?: string | null; countyId: string }

export interface TallyMark extends Place {
  _id: string;
  kind: TallyKind;
  period: string;
  subject: string;
  state: string;
  counted: boolean;
  at: number;
  /** the highest record order seen (answers that change: see TallyWrite.order) */
  order?: number;
  [k: string]: unknown;
}

/** A marker whose subject is leaving the count (untally); never counted, removed once its counter is down. */
export const LEAVING = '-';

export interface TallyRow extends Place {
  _id: string;
  kind: TallyKind;
  period: string;
  state: string;
  n: number;
  [k: string]: unknown;
}

/** Longer than a cloud function may run (CloudBase: 15 min at most). */
export const TALLY_GRACE_MS = 20 * 60_000;

export const markId = (kind: TallyKind, period: string, subject: string) => `${kind}|${period}|${subject}`;

/**
 * Every class counter has a school twin under the period `<period>@school`
 * (bucket: the school), moved in the same write: the city and county roll-ups
 * read one row per school instead of one per class.
 */
export const SCHOOL_LEVEL = '@school';
export const schoolPeriod = (period: string) => `${period}${SCHOOL_LEVEL}`;
const schoolPlace = (p: Place): Place | null => (p.classId && p.schoolId ? { bucket: p.schoolId, classId: null, schoolId: p.schoolId, countyId: p.countyId } : null);
export const tallyId = (kind: TallyKind, period: string, bucket: string, state: string) => `${kind}|${period}|${bucket}|${state}`;

const marks = (store: Store) => store.collection<TallyMark>('tally_marks');
const rows = (store: Store) => store.collection<TallyRow>('tallies');
const ignoreConflict = (e: unknown) => { if (!isAppError(e) || e.code !== 'CONFLICT') throw e; };

async function bump(store: Store, kind: TallyKind, period: string, place: Place, state: string, by: number) {
  const _id = tallyId(kind, period, place.bucket, state);
  if (store.addAtCommit && store.insideUnit?.()) {
    // SQLite: added at the group's commit, once for every request of the class in it (sqlite.ts)
    await store.addAtCommit('tallies', _id, 'n', by, { _id, kind, period, state, n: by, ...placeFields(place) });
    return;
  }
  if (!(await rows(store).update(_id, { inc: { n: by } }))) {
    try {
      await rows(store).insert({
        _id, kind, period, state, n: by, bucket: place.bucket, classId: place.classId ?? null, schoolId: place.schoolId ?? null, countyId: place.countyId,
      });
    } catch (e) {
      ignoreConflict(e);
      await rows(store).update(_id, { inc: { n: by } }); // a parallel first insert won: add to it
    }
  }
}

async function bumpBoth(store: Store, kind: TallyKind, period: string, place: Place, state: string, by: number) {
  await bump(store, kind, period, place, state, by);
  const school = schoolPlace(place);
  if (school) await bump(store, kind, schoolPeriod(period), school, state, by);
}

export interface TallyWrite {
  kind: TallyKind;
  period: string;
  subject: string;
  place: Place;
  state: string;
  at: number;
  /** count the subject's first state only (screened, finished, a report): later writes change nothing */
  once?: boolean;
  /**
   * the subject is one record (a screening response, a child's first holiday-letter signature), inserted once and never
   * removed: inside a unit of work the record is its own marker (see countRecord)
   */
  ofRecord?: boolean;
  /**
   * for a subject whose state changes (a consent): the record's order (later answers higher). A write
   * whose order is not above the marker's changes nothing, so racing answers end in the latest.
   */
  order?: number;
}

/** How often a write waits for another call still counting the same marker, before leaving it to the repair. */
const WAIT_ATTEMPTS = 12;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 5 * (attempt + 1)));
const placeFields = (p: Place) => ({ bucket: p.bucket, classId: p.classId ?? null, schoolId: p.schoolId ?? null, countyId: p.countyId });

/**
 * Puts the subject in `state` for the period and moves the counters with it.
 * Answers true when it changed something (or left its state for the repair).
 * `crashAfterMark` is for tests only (a process that dies between the marker
 * and the counters).
 */
export async function tally(store: Store, w: TallyWrite, crashAfterMark = false): Promise<boolean> {
  const id = markId(w.kind, w.period, w.subject);
  const order = w.order !== undefined ? { order: w.order } : {};
  // Inside a unit of work (SQLite) the marker and its counters commit together, so the marker is written counted
  // at once: no "counting" state for another call to wait on or for the repair to find (one write less each).
  const atomic = !crashAfterMark && (store.insideUnit?.() ?? false);
  for (let attempt = 0; attempt < WAIT_ATTEMPTS + 8; attempt++) {
    const existing = await marks(store).get(id);
    let prev: TallyMark | null = null;
    if (!existing) {
      try {
        await marks(store).insert({
          _id: id, kind: w.kind, period: w.period, subject: w.subject, state: w.state, counted: atomic, at: w.at, ...placeFields(w.place), ...order,
        });
      } catch (e) { ignoreConflict(e); continue; }
    } else {
      // compare-and-set on what was read, order included: a later answer slipping in makes this one read again
      const seen = { state: existing.state, order: existing.order ?? null };
      if (existing.state !== LEAVING) {
        if (w.once) return false;
        if (w.order !== undefined && existing.order !== undefined && w.order <= existing.order) return false; // an older answer
        if (existing.state === w.state) {
          // the same state from a later answer: keep its order, so an answer in between cannot move the marker back
          if (w.order !== undefined && !(await marks(store).updateIf(id, seen, { set: { order: w.order } }))) continue;
          return false;
        }
      }
      if (!existing.counted) {
        // another call is counting this marker (or undoing it): wait for it
        if (attempt < WAIT_ATTEMPTS) { await pause(attempt); continue; }
        // it died: leave this state on the marker, uncounted; the repair recounts its bucket after the grace
        if (await marks(store).updateIf(id, { ...seen, counted: false }, { set: { state: w.state, at: w.at, ...placeFields(w.place), ...order } })) return true;
        continue;
      }
      if (!(await marks(store).updateIf(id, { ...seen, counted: true }, { set: { state: w.state, counted: atomic, at: w.at, ...placeFields(w.place), ...order } }))) continue;
      prev = existing;
    }
    if (crashAfterMark) return true;
    await bumpBoth(store, w.kind, w.period, w.place, w.state, 1);
    if (prev) await bumpBoth(store, w.kind, w.period, prev, prev.state, -1);
    // counted, unless a write that gave up waiting took the marker over meanwhile (then the repair recounts it)
    if (!atomic) await marks(store).updateIf(id, { state: w.state, counted: false }, { set: { counted: true } });
    return true;
  }
  return false;
}

/**
 * Counts a write whose record is its own marker (`ofRecord`), inside a unit of
 * work (SQLite): the record and the counters commit together, so the record
 * existing means it was counted. `inserted` says whether this call inserted
 * the record: only then is it counted (a replay finds the record and adds
 * nothing), and no marker row is written. Elsewhere (CloudBase, where a crash
 * can separate the record from its counters) it goes through `tally` and its
 * marker. Answers false when it left the write to `tally`.
 */
export async function countRecord(store: Store, w: TallyWrite, inserted: boolean): Promise<boolean> {
  if (!w.ofRecord || !store.addAtCommit || !store.insideUnit?.()) return false;
  if (inserted) await bumpBoth(store, w.kind, w.period, w.place, w.state, 1);
  return true;
}

/**
 * Takes a counted subject out of the count (an undone class session): the
 * marker goes to LEAVING (uncounted), its counter down, the marker away. A
 * call that dies half-way leaves a LEAVING marker, which the repair removes
 * while recounting its bucket. Answers true when it took something out.
 */
export async function untally(store: Store, kind: TallyKind, period: string, subject: string, at: number, crashAfterMark = false): Promise<boolean> {
  const id = markId(kind, period, subject);
  for (let attempt = 0; attempt < WAIT_ATTEMPTS + 8; attempt++) {
    const m = await marks(store).get(id);
    if (!m || m.state === LEAVING) return false;
    if (!m.counted) {
      if (attempt < WAIT_ATTEMPTS) { await pause(attempt); continue; }
      // the call counting it died: mark it leaving, uncounted, and let the repair settle its bucket
      if (await marks(store).updateIf(id, { state: m.state, counted: false }, { set: { state: LEAVING, at } })) return true;
      continue;
    }
    if (!(await marks(store).updateIf(id, { state: m.state, counted: true }, { set: { state: LEAVING, counted: false, at } }))) continue;
    if (crashAfterMark) return true;
    await bumpBoth(store, kind, period, m, m.state, -1);
    await marks(store).remove(id);
    return true;
  }
  return false;
}

/** Recounts one bucket's counters from its markers (compare-free: callers make sure no live call is moving them). */
async function recountBucket(store: Store, kind: TallyKind, period: string, place: Place) {
  const found = await marks(store).find({ kind, period, bucket: place.bucket });
  const by = new Map<string, number>();
  for (const m of found) if (m.state !== LEAVING) by.set(m.state, (by.get(m.state) ?? 0) + 1);
  const existing = await rows(store).find({ kind, period, bucket: place.bucket });
  for (const r of existing) if (!by.has(r.state)) await rows(store).update(r._id, { set: { n: 0 } });
  for (const [state, n] of by) {
    const _id = tallyId(kind, period, place.bucket, state);
    await rows(store).put({ _id, kind, period, state, n, bucket: place.bucket, classId: place.classId ?? null, schoolId: place.schoolId ?? null, countyId: place.countyId });
  }
  const school = schoolPlace(place);
  if (school) await recountSchool(store, kind, period, school);
  for (const m of found) {
    if (m.state === LEAVING) await marks(store).remove(m._id); // an undo that died half-way: its subject is out
    else if (!m.counted) await marks(store).update(m._id, { set: { counted: true } });
  }
}

/** The school twin of a class counter, recounted from the markers of the period (repair only: reads the period's markers). */
async function recountSchool(store: Store, kind: TallyKind, period: string, school: Place) {
  const found = (await marks(store).find({ kind, period, schoolId: school.schoolId ?? null })).filter((m) => m.classId && m.state !== LEAVING);
  const by = new Map<string, number>();
  for (const m of found) by.set(m.state, (by.get(m.state) ?? 0) + 1);
  const sp = schoolPeriod(period);
  for (const r of await rows(store).find({ kind, period: sp, bucket: school.bucket })) if (!by.has(r.state)) await rows(store).update(r._id, { set: { n: 0 } });
  for (const [state, n] of by) {
    await rows(store).put({ _id: tallyId(kind, sp, school.bucket, state), kind, period: sp, state, n, bucket: school.bucket, classId: null, schoolId: school.schoolId ?? null, countyId: school.countyId });
  }
}

/**
 * Finishes markers a dead call left uncounted (older than the grace): their
 * buckets are recounted from the markers. Cheap when nothing crashed: one
 * indexed query that finds nothing. Answers how many buckets it recounted.
 */
export async function repairTallies(store: Store, now: number): Promise<number> {
  const stale = (await marks(store).find({ counted: false })).filter((m) => m.at < now - TALLY_GRACE_MS);
  const buckets = new Map<string, TallyMark>();
  for (const m of stale) buckets.set(`${m.kind}|${m.period}|${m.bucket}`, m);
  for (const m of buckets.values()) {
    // a fresh marker in the bucket may belong to a live call: wait for it
    const fresh = (await marks(store).find({ kind: m.kind, period: m.period, bucket: m.bucket, counted: false })).some((x) => x.at >= now - TALLY_GRACE_MS);
    if (!fresh) await recountBucket(store, m.kind, m.period, m);
  }
  return buckets.size;
}

/** Counter rows of a kind and period (optionally only these schools or counties): what the roll-ups read. */
export async function readTallies(store: Store, kind: TallyKind, period: string, where: { schoolIds?: string[]; countyIds?: string[]; level?: 'class' | 'school' } = {}) {
  const filter: Record<string, unknown> = { kind, period: where.level === 'school' ? schoolPeriod(period) : period };
  if (where.schoolIds) filter.schoolId = { $in: where.schoolIds };
  if (where.countyIds) filter.countyId = { $in: where.countyIds };
  return rows(store).find(filter as never);
}
