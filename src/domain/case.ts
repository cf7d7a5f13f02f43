/**
 * A case: what a report becomes once it is routed. This module holds its
 * shape, its state machine, its deadlines and escalation rules, who may see
 * and act on it, and the statistics coordinators read. Pure: no I/O, no
 * clock (callers pass `now`), no machine time zone.
 *
 * Deadlines (ours; the plan demands 早发现、早控制 but sets no hours):
 *  - acknowledge within ACK_WITHIN_MS (P1 1 h, P2 24 h, P3 3 days), counted
 *    from submission or from the latest transfer (`dueAt`);
 *  - the lead units are reminded at half that time if nobody has acknowledged;
 *  - resolve within RESOLVE_WITHIN_MS (P1 3 days, P2 7 days, P3 15 days),
 *    counted from submission, or from the latest transfer or reopening
 *    (`resolveDueAt`).
 * Escalation (DESIGN.md §2):
 *  - level 1, county coordinator (平安办 of the case's jurisdiction): still
 *    unacknowledged at `dueAt`;
 *  - level 2, city coordinator: still unacknowledged one more acknowledge
 *    period later (`dueAt` + ACK_WITHIN_MS), or acknowledged but still
 *    unresolved at `resolveDueAt`.
 * A city-level case (city school) has only the city coordinator above it, so
 * both levels go to the city.
 */
import type { Jurisdiction } from './catalog';
import type { OccurredPrecision } from './occurred';
import { coordinatedJurisdictions, coordinatorCovers, coordinatorJurisdictionsFor } from './jurisdiction';
import { roleAllows } from './policy';
import {
  ACK_WITHIN_MS,
  type CaseStatus,
  type Disposition,
  type EscalationLevel,
  type Priority,
  type ReportCategory,
  type ReportFlag,
  type Relation,
  type Unit,
  type WaterType,
  unitKey,
} from './report';
import type { Role, RoleBinding } from './roles';
import { chinaDay, chinaMonthKey } from './chinaTime';

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Time allowed from submission (or transfer / reopening) to a disposition. */
export const RESOLVE_WITHIN_MS: Record<Priority, number> = {
  P1: 3 * DAY_MS,
  P2: 7 * DAY_MS,
  P3: 15 * DAY_MS,
};

/** Lead units are reminded once this fraction of the acknowledge time has passed. */
export const REMIND_AT_FRACTION = 0.5;

export const PRIORITY_ORDER: Record<Priority, number> = { P1: 1, P2: 2, P3: 3 };

/* ------------------------------------------------------------------------ */
/* Tracking codes and secrets                                                */
/* ------------------------------------------------------------------------ */

/**
 * Characters a child can read off a screen and type back without mistakes:
 * no 0/O, 1/I/L. 31 symbols, so a 10-character code carries ~49 bits and an
 * 8-character secret ~39 bits (guarded by a slow hash and a lockout).
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TRACKING_CODE_LENGTH = 10;
export const SECRET_LENGTH = 8;

/** Groups of 4 for reading aloud: K7QH-M3XP-9R. */
export function groupCode(raw: string): string {
  return raw.match(/.{1,4}/g)?.join('-') ?? '';
}

/**
 * What people type back: any case, spaces, dashes of any width, and letters
 * from a Chinese keyboard in full-width mode (ＫＱ７ → KQ7, by NFKC). Every
 * spelling of a code becomes the one code, so they all share its lock.
 */
export function normaliseCodeInput(input: string): string {
  return input.normalize('NFKC').toUpperCase().replace(/[\s\-－—–_·.]/g, '');
}

/** The grouped tracking code if the input has the right length and alphabet, else null. */
export function parseTrackingCode(input: string): string | null {
  const raw = normaliseCodeInput(input);
  if (raw.length !== TRACKING_CODE_LENGTH || ![...raw].every((c) => CODE_ALPHABET.includes(c))) return null;
  return groupCode(raw);
}

export function parseSecret(input: string): string | null {
  const raw = normaliseCodeInput(input);
  if (raw.length !== SECRET_LENGTH || ![...raw].every((c) => CODE_ALPHABET.includes(c))) return null;
  return groupCode(raw);
}

/** Turns a hex string (random bytes or an HMAC) into `length` symbols of CODE_ALPHABET. */
export function codeFromHex(hex: string, length: number): string {
  // 64 hex chars = 256 bits; each symbol uses log2(31) ≈ 4.95 bits, so 10 symbols need ~50 bits:
  // the modulo bias of taking them from a 256-bit number is far below anything measurable.
  let n = BigInt('0x' + hex);
  const base = BigInt(CODE_ALPHABET.length);
  let out = '';
  for (let i = 0; i < length; i++) {
    out += CODE_ALPHABET[Number(n % base)];
    n /= base;
  }
  return groupCode(out);
}

/**
 * The number staff see and say (案件号 20261128-3F9A2C): the China-time day
 * it was filed and six hex digits of the case id. Never the tracking code:
 * a code on a staff screen is a code someone can read off it, and a code is
 * half of the reporter's key (see reporterAccess.ts). The case id it comes
 * from is random (or a keyed hash of the request id), so the number says
 * nothing about the tracking code.
 */
export function caseNumber(c: { _id: string; createdAt: number }): string {
  const day = chinaDay(c.createdAt).replace(/-/g, '');
  return `${day}-${c._id.slice(1, 7).toUpperCase()}`;
}

/* ------------------------------------------------------------------------ */
/* The case document                                                         */
/* ------------------------------------------------------------------------ */

/** Result of the platform's content-security check: a 'flagged' text is kept and shown to handlers with a note. */
export type TextCheck = 'passed' | 'skipped' | 'flagged';

export type CaseChannel = 'anonymous' | 'mandatory';

/** Who filed a mandatory report (强制报告): named, visible to the handlers. Never set for anonymous reports. */
export interface MandatoryReporter {
  userId: string;
  displayName: string;
  role: Role;
  roleName: string;
  schoolId: string | null;
  schoolName: string | null;
  deptId: string | null;
  deptName: string | null;
}

export interface CaseRecord {
  _id: string;
  /** the request that made the last state change and the changed fields' earlier values (a retry after a crash (faultsCloudbase.test.ts) finishes it: cloud/handlers/case/access.ts) */
  lastChange?: { key: string; before: Record<string, unknown> } | null;
  trackingCode: string;
  channel: CaseChannel;
  /** slowHash of the reporter's secret (anonymous channel); null for mandatory reports. */
  secretHash: string | null;
  category: ReportCategory;
  description: string;
  place: string | null;
  occurredAt: number | null;
  /** how precisely the reporter said when (occurred.ts); absent on cases filed before it was recorded */
  occurredPrecision?: OccurredPrecision | null;
  relation: Relation | null;
  /** follow-up questions answered yes */
  flags: ReportFlag[];
  waterType: WaterType | null;
  schoolId: string | null;
  countyId: string | null;
  jurisdiction: Jurisdiction;
  photoIds: string[];
  /** whether the platform's content check ran ('passed') or was not available ('skipped', local runs) */
  textCheck: TextCheck;
  lead: Unit[];
  informed: Unit[];
  /** unitKey of every lead and informed unit: the one array the inbox query searches */
  deptIds: string[];
  priority: Priority;
  status: CaseStatus;
  createdAt: number;
  /** acknowledge by (from submission or the latest transfer) */
  dueAt: number;
  /** resolve by (from submission, the latest transfer or reopening) */
  resolveDueAt: number;
  /** when the current lead acknowledged; cleared by a transfer */
  acknowledgedAt: number | null;
  /** the first acknowledgement ever, for the time-to-acknowledge statistic */
  firstAcknowledgedAt: number | null;
  resolvedAt: number | null;
  disposition: Disposition | null;
  /** the handler's closing summary (internal) */
  summary: string | null;
  escalationLevel: EscalationLevel;
  /** the dueAt a half-time reminder was sent for (0 = none yet); a transfer sets a new dueAt and so re-arms it */
  remindedForDueAt: number;
  /** bumped by every state change; compare-and-set on it keeps racing handlers from double-applying */
  version: number;
  /**
   * anonymous reports: a keyed hash of the submitted form. A retry must send
   * the same form to get the code and secret back, so knowing someone's
   * request id alone is not enough.
   */
  inputDigest: string | null;
  /** the reporter's latest message (absent on cases from before it was kept): the inbox's unread marker */
  lastReporterMessageAt?: number | null;
  /**
   * Jurisdictions of the lead units, when a transfer has put leads of more
   * than one county on the case: each of their coordinators keeps sight of
   * it (caseAccess). Absent on cases never transferred across counties.
   */
  leadJurisdictions?: string[];
  /** mandatory reports only: the filer, so they can follow their own report */
  reporterUserId: string | null;
  reporter: MandatoryReporter | null;
}

export type CaseEventKind =
  | 'submitted'
  | 'acknowledged'
  | 'reply'             // handler → reporter message
  | 'reporter_message'  // reporter → handler message
  | 'note'              // internal
  | 'transferred'
  | 'resolved'
  | 'reopened'
  | 'reminded'
  | 'escalated'
  | 'secret_guessed';   // someone was locked out for wrong secrets (never who); staff only

/**
 * One row per thing that happened to a case (case_events). `text` is what
 * staff read; `reporterText` is what the reporter reads (null: hidden from
 * the reporter), written without any staff member's name.
 */
export interface CaseEventRecord {
  _id: string;
  caseId: string;
  at: number;
  kind: CaseEventKind;
  text: string;
  reporterText: string | null;
  /** a user id, 'anonymous' (the anonymous reporter) or 'system' (scheduler) */
  actorId: string;
  /** staff display name and unit, for the workbench timeline */
  actorName: string | null;
  /** the request that wrote it (from its id), so a retry after a crash (faultsCloudbase.test.ts) finds it instead of writing it again */
  requestKey?: string;
}

/* ------------------------------------------------------------------------ */
/* Deadlines, overdue, escalation                                            */
/* ------------------------------------------------------------------------ */

type Timed = Pick<CaseRecord, 'status' | 'dueAt' | 'resolveDueAt' | 'priority' | 'escalationLevel' | 'remindedForDueAt'>;

/** Past the acknowledge deadline while new, or past the resolve deadline while acknowledged. */
export function isOverdue(c: Pick<CaseRecord, 'status' | 'dueAt' | 'resolveDueAt'>, now: number): boolean {
  if (c.status === 'new') return now >= c.dueAt;
  if (c.status === 'acknowledged') return now >= c.resolveDueAt;
  return false;
}

export interface EscalationStep {
  /** the level the case should now be at */
  level: 1 | 2;
  /** why, for each level crossed now (usually one; two if the scheduler was down for a while) */
  crossed: Array<{ level: 1 | 2; because: 'unacknowledged' | 'unresolved'; overdueMs: number }>;
}

/** The escalation a case needs now, or null if it is where it should be. */
export function escalationDue(c: Timed, now: number): EscalationStep | null {
  const sla = ACK_WITHIN_MS[c.priority];
  const crossed: EscalationStep['crossed'] = [];
  if (c.status === 'new') {
    if (c.escalationLevel < 1 && now >= c.dueAt) crossed.push({ level: 1, because: 'unacknowledged', overdueMs: sla });
    if (c.escalationLevel < 2 && now >= c.dueAt + sla) crossed.push({ level: 2, because: 'unacknowledged', overdueMs: 2 * sla });
  } else if (c.status === 'acknowledged') {
    if (c.escalationLevel < 2 && now >= c.resolveDueAt) {
      // Straight to the city: the county has had the whole resolve period; the county coordinator is told too if it never was.
      if (c.escalationLevel < 1) crossed.push({ level: 1, because: 'unresolved', overdueMs: RESOLVE_WITHIN_MS[c.priority] });
      crossed.push({ level: 2, because: 'unresolved', overdueMs: RESOLVE_WITHIN_MS[c.priority] });
    }
  }
  if (crossed.length === 0) return null;
  return { level: crossed[crossed.length - 1].level, crossed };
}

/** Half the acknowledge time has passed, nobody acknowledged, and no reminder was sent for this deadline. */
export function reminderDue(c: Timed, now: number): boolean {
  if (c.status !== 'new' || c.remindedForDueAt === c.dueAt) return false;
  const remindAt = c.dueAt - ACK_WITHIN_MS[c.priority] * (1 - REMIND_AT_FRACTION);
  return now >= remindAt && now < c.dueAt;
}

/** "1小时", "24小时", "3天" */
export function durationText(ms: number): string {
  if (ms >= DAY_MS && ms % DAY_MS === 0 && ms / DAY_MS !== 1) return `${ms / DAY_MS}天`;
  if (ms % HOUR_MS === 0) return `${ms / HOUR_MS}小时`;
  return `${Math.round(ms / 60000)}分钟`;
}

/** The coordinator (平安办) a level goes to: the county's for level 1, the city's for level 2. */
export function escalationTarget(jurisdiction: Jurisdiction, level: 1 | 2): Jurisdiction {
  const chain = coordinatorJurisdictionsFor(jurisdiction);
  return level === 1 ? chain[0] : chain[chain.length - 1];
}

/** "P1 案件超过1小时未受理，升级至思茅区平安办" — the sentence the audit trail and the timeline keep. */
export function escalationReason(
  priority: Priority, crossed: EscalationStep['crossed'][number], target: string,
): string {
  const what = crossed.because === 'unacknowledged' ? '未受理' : '未办结';
  const still = crossed.level === 2 && crossed.because === 'unacknowledged' ? '仍' : '';
  return `${priority} 案件超过${durationText(crossed.overdueMs)}${still}${what}，升级至${target}`;
}

/* ------------------------------------------------------------------------ */
/* Who may see and act                                                       */
/* ------------------------------------------------------------------------ */

/** The unit keys a caller acts for: a handler's department, a school post. */
export function unitKeysOf(bindings: readonly RoleBinding[]): string[] {
  const keys: string[] = [];
  for (const b of bindings) {
    if (b.role === 'handler' && b.deptId) keys.push(b.deptId);
    if ((b.role === 'school_safety_officer' || b.role === 'psych_teacher') && b.schoolId) {
      keys.push(unitKey({ type: 'school', id: b.schoolId, name: '', staffRole: b.role }));
    }
  }
  return [...new Set(keys)];
}

export interface CaseAccess {
  /** the caller's unit leads the case */
  lead: boolean;
  /** the caller's unit is informed / co-handling (including a former lead after a transfer) */
  informed: boolean;
  /** a coordinator of this area, and the case is escalated or overdue (DESIGN.md §7) */
  coordinator: boolean;
  /** the staff member who filed this mandatory report */
  reporter: boolean;
  /** unit keys the caller acts for on this case (lead first) */
  unitKeys: string[];
}

type AccessFields = Pick<CaseRecord, 'lead' | 'deptIds' | 'jurisdiction' | 'escalationLevel' | 'status' | 'dueAt' | 'resolveDueAt' | 'reporterUserId' | 'leadJurisdictions'> & { flags?: readonly string[] };

export function caseAccess(c: AccessFields, userId: string, bindings: readonly RoleBinding[], now: number): CaseAccess {
  const mine = unitKeysOf(bindings);
  const leadKeys = new Set(c.lead.map(unitKey));
  const leadMine = mine.filter((k) => leadKeys.has(k));
  const informedMine = mine.filter((k) => !leadKeys.has(k) && c.deptIds.includes(k));
  const needsCoordinator = c.escalationLevel > 0 || isOverdue(c, now);
  return {
    lead: leadMine.length > 0,
    informed: informedMine.length > 0,
    coordinator: needsCoordinator && coordinatedJurisdictions(bindings)
      .some((a) => [c.jurisdiction, ...(c.leadJurisdictions ?? [])].some((j) => coordinatorCovers(a, j))),
    reporter: c.reporterUserId !== null && c.reporterUserId === userId,
    unitKeys: [...leadMine, ...informedMine],
  };
}

/** Handlers and school staff see the full case; the filer of a mandatory report sees the reporter's view. */
export const canReadFull = (a: CaseAccess) => a.lead || a.informed || a.coordinator;
export const canRead = (a: CaseAccess) => canReadFull(a) || a.reporter;

export const CASE_ACTIONS = ['acknowledge', 'reply', 'note', 'transfer', 'resolve', 'reopen'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * The state machine: which actions each status allows.
 *
 *   new ──acknowledge──▶ acknowledged ──resolve──▶ resolved
 *    ▲                      │                         │
 *    └──────transfer────────┘◀────────reopen──────────┘
 *
 * A transfer sends the case back to 'new': the receiving unit must
 * acknowledge it, with a fresh deadline. Replying needs an acknowledged
 * case, so a reporter never hears from someone who has not taken it on.
 */
export const STATE_ALLOWS: Record<CaseAction, readonly CaseStatus[]> = {
  acknowledge: ['new'],
  reply: ['acknowledged'],
  note: ['new', 'acknowledged', 'resolved'],
  transfer: ['new', 'acknowledged'],
  resolve: ['acknowledged'],
  reopen: ['resolved'],
};

/**
 * Who may drive it, whatever the state. Lead units act; informed
 * (co-handling, DESIGN.md §2) units may add internal notes; coordinators may
 * note, transfer and reopen cases they can see in their area. The role gate
 * in policy.ts applies on top (a school safety officer cannot transfer).
 */
export function mayAct(action: CaseAction, a: CaseAccess, bindings: readonly RoleBinding[]): boolean {
  const who: Record<CaseAction, boolean> = {
    acknowledge: a.lead,
    reply: a.lead,
    note: a.lead || a.informed || a.coordinator,
    transfer: a.lead || a.coordinator,
    resolve: a.lead,
    reopen: a.lead || a.coordinator,
  };
  return who[action] && roleAllows(`case.${action}`, bindings);
}

/**
 * The one binding that may do `action` to this case, with its access, or
 * null. Decided per binding: the role that grants the action and the unit
 * or area that gives the case must be the same binding. A session holding a
 * school safety officer's binding and a police handler's cannot transfer a
 * case the police do not lead because the school leads it: neither binding
 * alone may.
 */
export function actingBinding(
  action: CaseAction, c: AccessFields, userId: string, bindings: readonly RoleBinding[], now: number,
): { binding: RoleBinding; access: CaseAccess } | null {
  for (const binding of bindings) {
    const access = caseAccess(c, userId, [binding], now);
    if (mayAct(action, access, [binding]) || mayTakeOver(action, c, access, binding)) return { binding, access };
  }
  return null;
}

/** Flags that make a case police business whoever leads it: someone hurt, a weapon, money taken by force, a crime. */
const POLICE_FLAGS = new Set(['injury', 'weapon', 'extortion', 'criminal']);

/**
 * The police, informed of a case where someone was hurt, threatened with a
 * weapon or robbed (issue 18), may take it over: `case.transfer` to their own
 * department makes them the one lead unit, and the units that led it become
 * informed. Department ids are `<jurisdiction>.<kind>` (catalog.ts).
 */
export function mayTakeOver(action: CaseAction, c: AccessFields, a: CaseAccess, binding: RoleBinding): boolean {
  return action === 'transfer' && a.informed && !a.lead && binding.role === 'handler' && binding.deptId?.split('.').pop() === 'police' &&
    (c.flags ?? []).some((f) => POLICE_FLAGS.has(f)) && roleAllows('case.transfer', [binding]);
}

/** The buttons the workbench shows for this caller on this case now (per binding, see actingBinding). */
export function allowedActions(c: AccessFields, userId: string, bindings: readonly RoleBinding[], now: number): CaseAction[] {
  return CASE_ACTIONS.filter((x) => STATE_ALLOWS[x].includes(c.status) && actingBinding(x, c, userId, bindings, now) !== null);
}

/* ------------------------------------------------------------------------ */
/* Statistics                                                                */
/* ------------------------------------------------------------------------ */

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

type StatFields = Pick<CaseRecord,
  'category' | 'jurisdiction' | 'createdAt' | 'firstAcknowledgedAt' | 'resolvedAt' | 'status' | 'dueAt' | 'resolveDueAt' | 'escalationLevel'>;

export interface CaseStats {
  total: number;
  byCategory: Record<string, number>;
  /** by jurisdiction: a county id, or 'city' for city-level cases */
  byCounty: Record<string, number>;
  /** by China calendar month of submission, "YYYY-MM" */
  byMonth: Record<string, number>;
  medianMsToAcknowledge: number | null;
  medianMsToResolve: number | null;
  open: number;
  overdue: number;
  escalated: number;
}

/** Counts and medians over the given cases (the caller has already picked the area and the period). */
export function caseStats(cases: readonly StatFields[], now: number): CaseStats {
  const bump = (m: Record<string, number>, k: string) => { m[k] = (m[k] ?? 0) + 1; };
  const stats: CaseStats = {
    total: cases.length, byCategory: {}, byCounty: {}, byMonth: {},
    medianMsToAcknowledge: null, medianMsToResolve: null, open: 0, overdue: 0, escalated: 0,
  };
  const toAck: number[] = [];
  const toResolve: number[] = [];
  for (const c of cases) {
    bump(stats.byCategory, c.category);
    bump(stats.byCounty, c.jurisdiction);
    bump(stats.byMonth, chinaMonthKey(c.createdAt));
    if (c.firstAcknowledgedAt !== null) toAck.push(c.firstAcknowledgedAt - c.createdAt);
    if (c.status === 'resolved' && c.resolvedAt !== null) toResolve.push(c.resolvedAt - c.createdAt);
    if (c.status !== 'resolved') stats.open++;
    if (isOverdue(c, now)) stats.overdue++;
    if (c.escalationLevel > 0) stats.escalated++;
  }
  stats.medianMsToAcknowledge = median(toAck);
  stats.medianMsToResolve = median(toResolve);
  return stats;
}

/** The deadline that matters now: acknowledge-by while new, resolve-by after. */
export function nextDeadline(c: Pick<CaseRecord, 'status' | 'dueAt' | 'resolveDueAt'>): number {
  return c.status === 'new' ? c.dueAt : c.resolveDueAt;
}

type Sortable = Pick<CaseRecord, 'priority' | 'status' | 'dueAt' | 'resolveDueAt'>;
/** Sort order of case lists: most urgent first, then the nearest deadline. */
export function compareCases(a: Sortable, b: Sortable): number {
  return PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] || nextDeadline(a) - nextDeadline(b);
}

/** Abuse categories a mandatory (named, staff) report always treats as most urgent. */
export const MANDATORY_P1_CATEGORIES: readonly ReportCategory[] = ['sexual_abuse', 'staff_harm', 'bullying'];
