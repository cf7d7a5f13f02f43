/**
 * Pre-aggregated coverage of holiday letters: one counter per campaign and
 * class (`commitment_counts`, children with at least one guardian's
 * signature) kept on write by `commitment.sign`, so `commitment.coverage`
 * reads a few thousand small counters instead of every student and
 * commitment of the city.
 *
 * No transactions. A child's FIRST signature is decided by inserting a marker
 * with a deterministic id (`<campaign>:<child>`, `commitment_firsts`): the
 * insert succeeds exactly once however many guardians, replays and parallel
 * calls race, and only that call increments the class counter.
 *
 * Crashes. The order is marker (counted: false) → increment → counted: true.
 * A crash after the marker and before the increment leaves the counter one
 * short; a crash after the increment leaves the marker uncounted although the
 * counter is right. Both leave a marker with counted: false, which the repair
 * below finishes once it is older than REPAIR_GRACE_MS (longer than any cloud
 * function may run, so its signing call is dead). The repair does not
 * increment (that would double-count the second case): it recounts the class
 * from its markers and sets the counter with compare-and-set on the value it
 * read, and it leaves a class alone while any of its markers is fresh (a live
 * signing call may still increment). So the counter can only under-count, and
 * only until the next coverage read (or the scheduler) after the grace.
 */
import { isAppError } from '../../../domain/errors';
import type { Store } from '../../store/types';
import type { CommitmentDoc } from '../holiday/shared';

/** Where a commitment places its child: the marker and the counter carry the same fields. */
type ChildPlace = Pick<CommitmentDoc, '_id' | 'campaignId' | 'studentId' | 'classId' | 'schoolId' | 'countyId'>;

export type FirstSignatureMarker = ChildPlace & {
  /** false until the class counter has been incremented for this child */
  counted: boolean;
  at: number;
  [k: string]: unknown;
};

export interface ClassCount {
  _id: string;
  campaignId: string;
  classId: string;
  schoolId: string;
  countyId: string;
  signedChildren: number;
  [k: string]: unknown;
}

/** Longer than a cloud function may run (CloudBase: 15 min at most). */
export const REPAIR_GRACE_MS = 20 * 60_000;

export const markerId = (campaignId: string, studentId: string) => `${campaignId}:${studentId}`;
export const counterId = (campaignId: string, classId: string) => `${campaignId}:${classId}`;

const ignoreConflict = (e: unknown) => { if (!isAppError(e) || e.code !== 'CONFLICT') throw e; };

const markers = (store: Store) => store.collection<FirstSignatureMarker>('commitment_firsts');
const counters = (store: Store) => store.collection<ClassCount>('commitment_counts');

async function ensureCounter(store: Store, c: Pick<ClassCount, 'campaignId' | 'classId' | 'schoolId' | 'countyId'>): Promise<string> {
  const _id = counterId(c.campaignId, c.classId);
  if (!(await counters(store).get(_id))) {
    await counters(store).insert({ _id, campaignId: c.campaignId, classId: c.classId, schoolId: c.schoolId, countyId: c.countyId, signedChildren: 0 })
      .catch(ignoreConflict);
  }
  return _id;
}

/**
 * Called after a commitment is saved: counts the child in its class if this
 * is the child's first signature in the campaign. `crashAfterMarker` is for
 * tests only (a process that dies between the marker and the increment).
 */
export async function countFirstSignature(store: Store, c: CommitmentDoc, now: number, crashAfterMarker = false): Promise<boolean> {
  const _id = markerId(c.campaignId, c.studentId);
  // Inside a unit of work (SQLite) the marker and the counter commit together: the marker is written counted at
  // once (one write less); CloudBase keeps the uncounted state the repair looks for (as core/tally.ts does).
  const atomic = !crashAfterMarker && (store.insideUnit?.() ?? false);
  try {
    await markers(store).insert({
      _id, campaignId: c.campaignId, studentId: c.studentId, classId: c.classId, schoolId: c.schoolId, countyId: c.countyId, counted: atomic, at: now,
    });
  } catch (e) {
    ignoreConflict(e);
    return false; // another guardian, a replay or a parallel call got there first
  }
  if (crashAfterMarker) return true;
  if (atomic && store.addAtCommit) {
    // SQLite: added at the group's commit, once for all of the class's signatures in it (sqlite.ts)
    const id = counterId(c.campaignId, c.classId);
    await store.addAtCommit('commitment_counts', id, 'signedChildren', 1, { _id: id, campaignId: c.campaignId, classId: c.classId, schoolId: c.schoolId, countyId: c.countyId, signedChildren: 1 });
    return true;
  }
  const counter = await ensureCounter(store, c);
  await counters(store).update(counter, { inc: { signedChildren: 1 } });
  if (!atomic) await markers(store).update(_id, { set: { counted: true } });
  return true;
}

/**
 * Finishes markers left uncounted by a crash (see the top of this file):
 * recounts each affected class from its markers. Answers how many classes it
 * set. Cheap when nothing crashed: one indexed query that finds nothing.
 */
export async function repairCounts(store: Store, campaignId: string, now: number): Promise<number> {
  const cutoff = now - REPAIR_GRACE_MS;
  // by `counted` alone: few rows are false, while every marker of the campaign shares its campaignId
  const uncounted = (await markers(store).find({ counted: false })).filter((m) => m.campaignId === campaignId);
  const classes = new Map<string, FirstSignatureMarker>();
  for (const m of uncounted) if (m.at < cutoff) classes.set(m.classId, m);
  let repaired = 0;
  for (const [classId, m] of classes) {
    const id = await ensureCounter(store, m);
    const before = (await counters(store).get(id))?.signedChildren ?? 0;
    const n = await markers(store).count({ campaignId, classId });
    // a marker younger than the grace may belong to a live call that has still to increment: wait for it
    if (await markers(store).count({ campaignId, classId, at: { $gte: cutoff } }) > 0) continue;
    if (!(await counters(store).updateIf(id, { signedChildren: before }, { set: { signedChildren: n } }))) continue; // changed meanwhile: next time
    for (const u of uncounted) if (u.classId === classId && u.at < cutoff) await markers(store).update(u._id, { set: { counted: true } });
    repaired++;
  }
  return repaired;
}
