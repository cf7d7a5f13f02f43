import type { CaseEventKind, CaseEventRecord } from '../../../domain/case';
import type { Clock } from '../../core/context';
import { randomToken } from '../../core/crypto';
import type { Doc, Store } from '../../store/types';

export type CaseEventDoc = CaseEventRecord & Doc;

export interface NewEvent {
  caseId: string;
  kind: CaseEventKind;
  text: string;
  reporterText?: string | null;
  actorId: string;
  actorName?: string | null;
  /** a fixed id makes the event once-only (submission, each escalation level): inserting it twice is a CONFLICT */
  id?: string;
  /**
   * an id from the request (ctx.newId): a retry of the same request after a crash (faultsCloudbase.test.ts) writes the same id, and
   * finds the first try's event instead of adding a second one (faultsCloudbase.test.ts)
   */
  requestKey?: string;
}

// Events in the same millisecond (a fast handler, or a test clock) keep the order they were written in.
let sequence = 0;

/** Appends one row to the case's history (case_events). Ids sort by time so a plain id order is the timeline. */
export async function appendEvent(store: Store, clock: Clock, e: NewEvent): Promise<CaseEventDoc> {
  const at = clock.now().getTime();
  const events = store.collection<CaseEventDoc>('case_events');
  if (e.requestKey) {
    // found by the key it carries, not by id: the id keeps the time order of the timeline, and a retry comes later
    const earlier = (await events.find({ caseId: e.caseId })).find((x) => x.requestKey === e.requestKey);
    if (earlier) return earlier;
  }
  const doc: CaseEventDoc = {
    _id: e.id ?? `${e.caseId}:${at.toString(36).padStart(9, '0')}:${(sequence++ % 36 ** 6).toString(36).padStart(6, '0')}${randomToken(3)}`,
    caseId: e.caseId,
    at,
    kind: e.kind,
    text: e.text,
    reporterText: e.reporterText ?? null,
    actorId: e.actorId,
    actorName: e.actorName ?? null,
    ...(e.requestKey ? { requestKey: e.requestKey } : {}),
  };
  await events.insert(doc);
  return doc;
}

/** A case's history, oldest first; the submission (fixed id) first of all. */
export async function eventsOf(store: Store, caseId: string): Promise<CaseEventDoc[]> {
  const rows = await store.collection<CaseEventDoc>('case_events').find({ caseId }, { orderBy: [['at', 'asc']] });
  const rank = (e: CaseEventDoc) => (e.kind === 'submitted' ? 0 : 1);
  return rows.sort((a, b) => a.at - b.at || rank(a) - rank(b));
}
