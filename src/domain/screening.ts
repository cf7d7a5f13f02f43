import { CHINA_UTC_OFFSET_MS, chinaDay, chinaMidnightAfter, HOUR_MS } from './chinaTime';
/**
 * Screening instruments and their scoring, for any instrument in this format.
 * The instruments themselves (items, options, cut-offs, critical rules) are
 * data in `src/content/screening/`: adding one is adding data, not code.
 * Pure: no Taro, no wx, no I/O. The cloud scores; the client uses the same
 * code only to know which item comes next (the follow-up question).
 */

export interface InstrumentOption {
  value: number;
  label: string;
  /** "I'd rather not say": counts as positive where the instrument says so (ASQ) */
  declined?: boolean;
}

export interface InstrumentItem {
  id: string;
  text: string;
  options: InstrumentOption[];
  /** scored max+min−value (for positively worded items) */
  reverse?: boolean;
  /** false: asked but not added to the total (ASQ's acuity question) */
  scored?: boolean;
  /** a follow-up asked only when the instrument is already positive (ASQ question 5) */
  askIf?: 'positive';
  /** what the psychology teacher asks in person after a yes (ASQ question 4: how? when?); not shown to the student */
  followUp?: string;
}

/** How soon a trained adult must reach the student. */
export type Urgency = 'acute' | 'same_day' | 'week';
export const URGENCY_ORDER: Record<Urgency, number> = { acute: 0, same_day: 1, week: 2 };

/**
 * A band of the total: from `min` (inclusive) up to the next band's min.
 * `label` and `key` are for the psychology teacher only; a student never sees them.
 */
export interface Band {
  key: string;
  min: number;
  label: string;
  /** 0 none … 4 severe: the order the workbench sorts by */
  level: number;
  /** a total in this band raises an alert this urgent */
  alert?: Urgency;
}

/** An answer to one item with one of these values is critical. */
export interface CriticalRule {
  itemId: string;
  values: number[];
  urgency: Urgency;
  /** what the psychology teacher reads on the alert */
  reason: string;
}

/** The instrument is positive when any of these items has one of these values (ASQ). */
export interface PositiveRule {
  itemIds: string[];
  values: number[];
  /** a positive screen with this answer to the follow-up is acute */
  acute?: { itemId: string; values: number[] };
  urgency: Urgency;
  acuteUrgency: Urgency;
  reason: string;
  acuteReason: string;
}

export interface Instrument {
  id: string;
  /** staff-facing name (PHQ-A) */
  name: string;
  /** shown to the student: no clinical name */
  title: string;
  /** one kind sentence before the first item */
  intro: string;
  /** the stem above every item ("在过去两周里…") */
  stem: string;
  version: string;
  licence: { holder: string; terms: string; source: string };
  items: InstrumentItem[];
  /** totals and bands; absent for yes/no screens (ASQ) */
  total?: { bands: Band[] };
  critical?: CriticalRule[];
  positive?: PositiveRule;
}

export interface InstrumentResult {
  instrumentId: string;
  total: number | null;
  maxTotal: number | null;
  bandKey: string | null;
  /** 0 none … 4 severe; ASQ: 0 negative, 3 positive, 4 acute */
  level: number;
  /** ids of critical items answered critically */
  critical: string[];
  positive: boolean;
  acute: boolean;
  /** the most urgent alert these answers raise, null for none */
  urgency: Urgency | null;
  reasons: string[];
}

export type Answers = Record<string, number>;

const isScored = (item: InstrumentItem) => item.scored !== false && !item.askIf;

function optionRange(item: InstrumentItem) {
  const values = item.options.map((o) => o.value);
  return { min: Math.min(...values), max: Math.max(...values) };
}

export function itemScore(item: InstrumentItem, value: number): number {
  if (!item.reverse) return value;
  const { min, max } = optionRange(item);
  return max + min - value;
}

export function maxTotal(instrument: Instrument): number {
  return instrument.items.filter(isScored).reduce((sum, i) => sum + optionRange(i).max, 0);
}

/** The part of a positive rule that decides follow-ups (the student's screen gets it as `followUp`). */
export interface FollowUpRule { itemIds: readonly string[]; values: readonly number[] }

/** Positive by the rule, from the answers given so far. */
export function isPositiveBy(rule: FollowUpRule | null | undefined, answers: Partial<Answers>): boolean {
  if (!rule) return false;
  return rule.itemIds.some((id) => answers[id] !== undefined && rule.values.includes(answers[id]!));
}

/** Positive by the instrument's positive rule, from the answers given so far. */
export function isPositive(instrument: Instrument, answers: Answers): boolean {
  return isPositiveBy(instrument.positive, answers);
}

/**
 * The items to ask, in order, given the answers so far: a follow-up appears
 * once the screen is positive. One rule for the cloud (scoring, checking a
 * submission) and the student's phone (which screens to show), over any item
 * shape that says `askIf`.
 */
export function askedItems<I extends { askIf?: 'positive' }>(items: readonly I[], rule: FollowUpRule | null | undefined, answers: Partial<Answers>): I[] {
  const positive = isPositiveBy(rule, answers);
  return items.filter((i) => i.askIf !== 'positive' || positive);
}

/** The items of an instrument to ask, given the answers so far. */
export function itemsToAsk(instrument: Instrument, answers: Answers): InstrumentItem[] {
  return askedItems(instrument.items, instrument.positive, answers);
}

export function bandFor(bands: readonly Band[], total: number): Band {
  let found = bands[0];
  for (const b of bands) if (total >= b.min) found = b;
  return found;
}

const mostUrgent = (a: Urgency | null, b: Urgency | null): Urgency | null =>
  a === null ? b : b === null ? a : URGENCY_ORDER[a] <= URGENCY_ORDER[b] ? a : b;

export type AnswerProblem =
  | { kind: 'missing'; itemId: string }
  | { kind: 'unknown'; itemId: string }
  | { kind: 'out_of_range'; itemId: string; value: unknown };

/** What is wrong with a complete set of answers to one instrument ([] when nothing is). */
export function checkAnswers(instrument: Instrument, answers: Record<string, unknown>): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const byId = new Map(instrument.items.map((i) => [i.id, i]));
  for (const key of Object.keys(answers)) if (!byId.has(key)) problems.push({ kind: 'unknown', itemId: key });
  for (const [key, value] of Object.entries(answers)) {
    const item = byId.get(key);
    if (item && !item.options.some((o) => o.value === value)) problems.push({ kind: 'out_of_range', itemId: key, value });
  }
  if (problems.length) return problems;
  const asked = itemsToAsk(instrument, answers as Answers);
  for (const item of asked) if (answers[item.id] === undefined) problems.push({ kind: 'missing', itemId: item.id });
  // a follow-up answered although the screen is negative: the client kept a stale answer
  for (const key of Object.keys(answers)) if (!asked.some((i) => i.id === key)) problems.push({ kind: 'unknown', itemId: key });
  return problems;
}

/** Scores a complete, checked set of answers. */
export function scoreInstrument(instrument: Instrument, answers: Answers): InstrumentResult {
  let urgency: Urgency | null = null;
  const reasons: string[] = [];
  let total: number | null = null;
  let band: Band | null = null;
  if (instrument.total) {
    total = instrument.items.filter(isScored).reduce((sum, i) => sum + itemScore(i, answers[i.id] ?? 0), 0);
    band = bandFor(instrument.total.bands, total);
    if (band.alert) {
      urgency = mostUrgent(urgency, band.alert);
      reasons.push(`${instrument.name} 总分 ${total}（${band.label}）`);
    }
  }
  const critical: string[] = [];
  for (const rule of instrument.critical ?? []) {
    if (answers[rule.itemId] !== undefined && rule.values.includes(answers[rule.itemId])) {
      critical.push(rule.itemId);
      urgency = mostUrgent(urgency, rule.urgency);
      reasons.push(rule.reason);
    }
  }
  const positive = isPositive(instrument, answers);
  let acute = false;
  const rule = instrument.positive;
  if (rule && positive) {
    acute = !!rule.acute && answers[rule.acute.itemId] !== undefined && rule.acute.values.includes(answers[rule.acute.itemId]);
    urgency = mostUrgent(urgency, acute ? rule.acuteUrgency : rule.urgency);
    reasons.push(acute ? rule.acuteReason : rule.reason);
    // which items made it positive, so the psychology teacher knows what to ask about
    for (const id of rule.itemIds) {
      const v = answers[id];
      if (v === undefined || !rule.values.includes(v)) continue;
      const n = instrument.items.findIndex((i) => i.id === id) + 1;
      const item = instrument.items[n - 1];
      const option = item?.options.find((o) => o.value === v);
      reasons.push(`${instrument.name.split('（')[0]} 第${n}题${option?.declined ? '不愿回答' : '答“是”'}：${item?.text ?? id}`);
    }
  }
  const level = band ? band.level : acute ? 4 : positive ? 3 : 0;
  return {
    instrumentId: instrument.id,
    total,
    maxTotal: instrument.total ? maxTotal(instrument) : null,
    bandKey: band?.key ?? null,
    level: Math.max(level, critical.length ? 3 : 0),
    critical,
    positive,
    acute,
    urgency,
    reasons,
  };
}

/** The crisis screen shows at once when any instrument raised a critical or positive answer. */
export const isCrisis = (results: readonly InstrumentResult[]) => results.some((r) => r.critical.length > 0 || r.positive);

/** The most urgent alert of a whole submission. */
export const overallUrgency = (results: readonly InstrumentResult[]): Urgency | null =>
  results.reduce<Urgency | null>((u, r) => mostUrgent(u, r.urgency), null);

/* ------------------------------------------------------------------------ */
/* Alerts: when is a trained adult due.                                      */

const HOUR = HOUR_MS;

/**
 * acute: within 1 hour; same_day: by midnight China time, and never less
 * than 2 hours from now (an answer at 23:30 still gives the teacher time);
 * week: within 7 days.
 */
export function alertDueAt(urgency: Urgency, now: number): number {
  if (urgency === 'acute') return now + HOUR;
  if (urgency === 'week') return now + 7 * 24 * HOUR;
  return Math.max(chinaMidnightAfter(now), now + 2 * HOUR);
}

/* ------------------------------------------------------------------------ */
/* Consent (PIPL art. 31: under 14 needs a guardian).                        */

export const CONSENT_AGE = 14;

/** Whole years between a YYYY-MM-DD birth date and a YYYY-MM-DD day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}


export type ConsentState = 'needed' | 'given' | 'declined' | 'not_required';

/**
 * A consent counts only for the consent terms it answered: `version` is the
 * campaign's consent-text version the guardian saw (records without one
 * answered version 1). When the campaign changes its text, purpose or
 * recipients, every earlier answer is `needed` again.
 */
export function consentState(birthDate: string, now: number, record: { agree: boolean; version?: number } | null, currentVersion = 1): ConsentState {
  if (ageOn(birthDate, chinaDay(now)) >= CONSENT_AGE) return 'not_required';
  if (!record || (record.version ?? 1) !== currentVersion) return 'needed';
  return record.agree ? 'given' : 'declined';
}

export const mayAnswer = (c: ConsentState) => c === 'given' || c === 'not_required';

/* ------------------------------------------------------------------------ */
/* Aggregates.                                                               */

/** Cells counting fewer students than this are shown as "<5", never as a number. */
export const SUPPRESS_BELOW = 5;
export const suppress = (n: number): number | null => (n > 0 && n < SUPPRESS_BELOW ? null : n);

export interface Coverage { eligible: number; finished: number; awaitingConsent: number; declined: number }
export const emptyCoverage = (): Coverage => ({ eligible: 0, finished: 0, awaitingConsent: 0, declined: 0 });

/** Appended to the reasons an unsubmitted draft raised; the submission replaces them. */
export const DRAFT_MARK = '（问卷尚未提交）';

/**
 * What a draft already shows, before the student presses 提交: critical
 * answers and a positive screen (not bands: a total of half the items means
 * nothing yet). Null when nothing is urgent.
 */
export function draftUrgency(list: readonly Instrument[], answers: Record<string, Answers | undefined>): { urgency: Urgency; reasons: string[] } | null {
  let urgency: Urgency | null = null;
  const reasons: string[] = [];
  for (const inst of list) {
    const a = answers[inst.id];
    if (!a) continue;
    const r = scoreInstrument({ ...inst, total: undefined }, a);
    if (r.urgency) {
      urgency = mostUrgent(urgency, r.urgency);
      reasons.push(...r.reasons.map((x) => `${x}${DRAFT_MARK}`));
    }
  }
  return urgency ? { urgency, reasons } : null;
}

/** Answer values that should bring the "who to talk to now" screen at once (for the student's client). */
export function urgentValues(inst: Instrument, itemId: string): number[] {
  const critical = (inst.critical ?? []).filter((c) => c.itemId === itemId).flatMap((c) => c.values);
  const positive = inst.positive && (inst.positive.itemIds.includes(itemId) || inst.positive.acute?.itemId === itemId) ? inst.positive.values : [];
  return [...new Set([...critical, ...positive])];
}

/**
 * An alert's deadline as the psychology teacher reads it, in China time:
 * "今天 24:00 前", "明天 10:30 前", "12月3日 10:30 前", or "已超时" when past.
 */
export function dueText(dueAt: number, now: number): string {
  if (dueAt < now) return '已超时，请马上跟进';
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = new Date(dueAt + CHINA_UTC_OFFSET_MS);
  let day = chinaDay(dueAt);
  let time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  // midnight is the end of the day before: "今天 24:00", not "明天 00:00"
  if (time === '00:00') { day = chinaDay(dueAt - 1); time = '24:00'; }
  const today = chinaDay(now);
  const tomorrow = chinaDay(now + 24 * HOUR_MS);
  const [, m, d] = day.split('-').map(Number);
  const when = day === today ? '今天' : day === tomorrow ? '明天' : `${m}月${d}日`;
  return `${when} ${time} 前`;
}
