/**
 * What each audience sees of a case. Three views, three audiences:
 *  - reporterView: the holder of the tracking code and secret (and the filer
 *    of a mandatory report). Status, public timeline, the dialogue. No staff
 *    names, no internal notes.
 *  - listItem: a row in a staff inbox.
 *  - fullView: a handler, school post or coordinator working the case.
 * Nothing here ever identifies an anonymous reporter: the case holds nothing
 * that could.
 */
import { content } from '../../../content';
import { CITY } from '../../../domain/catalog';
import {
  allowedActions, caseNumber, isOverdue, nextDeadline,
  type CaseAccess, type CaseRecord,
} from '../../../domain/case';
import { describeRoute } from '../../../domain/routing';
import { unitKey, type Unit } from '../../../domain/report';
import type { RoleBinding } from '../../../domain/roles';
import type { Doc } from '../../store/types';
import type { CaseEventDoc } from './events';

export type CaseDoc = CaseRecord & Doc;

const vocab = content.reportVocabulary;
const { catalog } = content;

/**
 * "You" in what the reporter reads: 你 on the anonymous channel, whose pages speak to a child that way, and 您 to the
 * staff member who filed a 强制报告, as the workbench does (the submitted line said 您 to a child: walk of 2026-12-07,
 * item 18).
 */
export const reporterYou = (c: Pick<CaseRecord, 'channel'>) => (c.channel === 'mandatory' ? '您' : '你');

export const categoryName = (id: string) => content.reportCategories.find((c) => c.id === id)?.name ?? id;
/**
 * A case's school by name: the name routing wrote into the case's units when it was filed (schools are records,
 * core/directory.ts, and a case keeps the name it was filed under), else the city catalog's.
 */
export const schoolName = (id: string | null, c?: { lead?: readonly Unit[]; informed?: readonly Unit[] }) =>
  (id ? ([...(c?.lead ?? []), ...(c?.informed ?? [])].find((u) => u.type === 'school' && u.id === id)?.name ||
    catalog.schools.find((s) => s.id === id)?.name || null) : null);
export const jurisdictionName = (j: string) =>
  j === CITY ? catalog.cityName : (catalog.counties.find((c) => c.id === j)?.name ?? j);
export const unitName = (u: Unit) => describeRoute({ lead: [u], informed: [] })[0];

/** Where a case's message or notification should open in the mini-program. */
export const CASE_PAGE = '/packageWork/pages/case/index';

export function reporterView(c: CaseDoc, events: readonly CaseEventDoc[]) {
  const messages = events
    .filter((e) => e.kind === 'reply' || e.kind === 'reporter_message')
    .map((e) => ({ from: e.kind === 'reply' ? ('handler' as const) : ('reporter' as const), text: e.reporterText ?? '', at: e.at }));
  const timeline = events
    .filter((e) => e.reporterText !== null && e.kind !== 'reply' && e.kind !== 'reporter_message')
    .map((e) => ({ at: e.at, kind: e.kind, text: e.reporterText as string }));
  return {
    trackingCode: c.trackingCode,
    status: c.status,
    statusName: vocab.statuses[c.status],
    category: c.category,
    categoryName: categoryName(c.category),
    priority: c.priority,
    priorityName: vocab.priorities[c.priority],
    createdAt: c.createdAt,
    ...(c.acknowledgedAt !== null ? { acknowledgedAt: c.acknowledgedAt } : {}),
    ...(c.resolvedAt !== null ? { resolvedAt: c.resolvedAt } : {}),
    ...(c.disposition !== null ? { disposition: c.disposition, dispositionName: vocab.dispositions[c.disposition] } : {}),
    timeline,
    messages,
  };
}

/** A mandatory filer as the handlers see them: who and where, not our internal user id. */
export function publicReporter(r: NonNullable<CaseDoc['reporter']>) {
  const { userId: _userId, ...shown } = r;
  return shown;
}

export function listItem(c: CaseDoc, access: Pick<CaseAccess, 'lead' | 'informed'> & { mine?: boolean; unread?: boolean }, now: number) {
  return {
    id: c._id,
    /** staff see a case number, never the reporter's tracking code (caseNumber in domain/case.ts) */
    caseNumber: caseNumber(c),
    channel: c.channel,
    category: c.category,
    categoryName: categoryName(c.category),
    priority: c.priority,
    status: c.status,
    statusName: vocab.statuses[c.status],
    /** the deadline that matters now: acknowledge-by while new, resolve-by after */
    dueAt: nextDeadline(c),
    overdue: isOverdue(c, now),
    escalationLevel: c.escalationLevel,
    createdAt: c.createdAt,
    jurisdiction: c.jurisdiction,
    jurisdictionName: jurisdictionName(c.jurisdiction),
    ...(c.schoolId ? { schoolName: schoolName(c.schoolId, c) ?? undefined } : {}),
    lead: access.lead,
    /** my unit co-handles (协办/知悉) but does not lead: not one of "my" open cases */
    ...(access.informed && !access.lead ? { informed: true } : {}),
    ...(access.mine ? { mine: true } : {}),
    /** the reporter wrote since I last opened the case */
    ...(access.unread ? { unread: true } : {}),
  };
}

/** A case photo as a handler opens it: a short-lived link made by the platform's blob store (uploadRecords.photoUrls). */
export interface PhotoLink { id: string; url: string }

export function fullView(
  c: CaseDoc, events: readonly CaseEventDoc[], access: CaseAccess, userId: string, bindings: readonly RoleBinding[], now: number, photos: readonly PhotoLink[],
  /** when this reader last opened the case: reporter messages after it are marked new */
  lastReadAt = Number.POSITIVE_INFINITY,
) {
  const staffEvent = (e: CaseEventDoc) => ({ at: e.at, kind: e.kind, text: e.text, ...(e.actorName ? { actor: e.actorName } : {}) });
  return {
    id: c._id,
    caseNumber: caseNumber(c),
    channel: c.channel,
    channelName: c.channel === 'mandatory' ? '强制报告（实名）' : '匿名举报',
    category: c.category,
    categoryName: categoryName(c.category),
    priority: c.priority,
    priorityName: vocab.priorities[c.priority],
    status: c.status,
    statusName: vocab.statuses[c.status],
    description: c.description,
    place: c.place,
    occurredAt: c.occurredAt,
    /** how precisely the reporter said it; null on cases filed before it was recorded */
    occurredPrecision: c.occurredPrecision ?? null,
    relation: c.relation,
    relationName: c.relation ? vocab.relations[c.relation] : null,
    flags: c.flags.map((f) => ({ flag: f, name: vocab.flags[f] })),
    waterType: c.waterType,
    waterTypeName: c.waterType ? vocab.waterTypes[c.waterType] : null,
    school: c.schoolId ? { id: c.schoolId, name: schoolName(c.schoolId, c) } : null,
    jurisdiction: c.jurisdiction,
    jurisdictionName: jurisdictionName(c.jurisdiction),
    photos: [...photos],
    textCheck: c.textCheck,
    lead: c.lead.map((u) => ({ key: unitKey(u), name: unitName(u) })),
    informed: c.informed.map((u) => ({ key: unitKey(u), name: unitName(u) })),
    createdAt: c.createdAt,
    ackDueAt: c.dueAt,
    resolveDueAt: c.resolveDueAt,
    dueAt: nextDeadline(c),
    overdue: isOverdue(c, now),
    acknowledgedAt: c.acknowledgedAt,
    resolvedAt: c.resolvedAt,
    disposition: c.disposition,
    dispositionName: c.disposition ? vocab.dispositions[c.disposition] : null,
    summary: c.summary,
    escalationLevel: c.escalationLevel,
    escalationName: vocab.escalations[c.escalationLevel],
    /** named mandatory reports only (name and post, never the filer's user id); an anonymous case has no reporter to show */
    reporter: c.channel === 'mandatory' && c.reporter ? publicReporter(c.reporter) : null,
    timeline: events.filter((e) => e.kind !== 'note' && e.kind !== 'reply' && e.kind !== 'reporter_message').map(staffEvent),
    notes: events.filter((e) => e.kind === 'note').map(staffEvent),
    messages: events
      .filter((e) => e.kind === 'reply' || e.kind === 'reporter_message')
      .map((e) => ({
        from: e.kind === 'reply' ? 'handler' : 'reporter',
        text: e.text,
        at: e.at,
        ...(e.kind === 'reply' && e.actorName ? { actor: e.actorName } : {}),
        ...(e.kind === 'reporter_message' && e.at > lastReadAt ? { unread: true } : {}),
      })),
    myRole: access.lead ? 'lead' : access.informed ? 'informed' : 'coordinator',
    allowedActions: allowedActions(c, userId, bindings, now),
  };
}
