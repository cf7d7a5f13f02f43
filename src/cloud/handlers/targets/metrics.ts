/**
 * The desk's figures for an area and a period, from the class rolls, the
 * write-kept counters and the monthly returns: at most one row per class or
 * per county-month, never a child or a record.
 *
 * Levels: the city → its counties (and 市属学校) → a county's schools → a
 * school's classes. App-counted targets go down to classes; reported ones
 * stop at counties (a county's detail is its months).
 */
import { content } from '../../../content';
import { CITY } from '../../../domain/catalog';
import { campaignsOf, type Campaign, type TermSettings } from '../../../domain/holiday';
import { chinaDay } from '../../../domain/chinaTime';
import { isSmall, suppressSeries, suppressTable, type CountRow, type ShownRow } from '../../../domain/suppression';
import {
  evaluateCount, evaluateDecline, evaluatePct, forYear, lastYearOf, monthIndex, monthsBetween, pct, ruleText, schoolYearOf,
  semesterOf, type TargetDef, type TargetStatus,
} from '../../../domain/targets';
import { readTallies } from '../../core/tally';
import { consentVersionOf, type CampaignDoc } from '../screening/model';
import { currentConsent } from './counts';
import type { Store } from '../../store/types';
import { loadTerms } from '../holiday/shared';
import { className, countiesIn, countyName, readRolls, readSchoolRolls, under14, type ClassRoll, type DeskDirectory } from './directory';
import { FIGURES, RETURN_AREAS, returnsOf, type ReturnDoc } from './returns';
import type { DeskScope } from './access';

export interface Period { from: string; to: string }

/**
 * A read-only view of the store for one desk request that answers the same
 * query once: the overview's targets, their trends and the export's details
 * ask for the same class rolls, counters and returns many times.
 */
export function memoStore(store: Store): Store {
  const cache = new Map<string, Promise<unknown>>();
  return {
    ...store,
    collection(name) {
      const coll = store.collection(name);
      return {
        ...coll,
        find(filter, options) {
          const key = JSON.stringify([name, filter ?? null, options ?? null]);
          if (!cache.has(key)) cache.set(key, coll.find(filter, options));
          return cache.get(key) as ReturnType<typeof coll.find>;
        },
      } as typeof coll;
    },
  } as Store;
}

/** Children counts of one class for an app-counted target: total on the roll and the parts that add up to it. */
type Parts = Record<string, number>;
export interface ClassCounts { classId: string; schoolId: string; countyId: string; grade: number; total: number; parts: Parts; name?: string }

export const PART_NAMES: Record<string, Record<string, string>> = {
  screening: { finished: '已完成', awaitingConsent: '等待监护人同意', declined: '监护人不同意', notReached: '未完成' },
  pledge: { signed: '已签', unsigned: '未签' },
  mhEducation: { covered: '已受教育', notCovered: '未覆盖' },
};
const NUMERATOR: Record<string, string> = { screening: 'finished', pledge: 'signed', mhEducation: 'covered' };

/** Schools that count for the plan's 中小学 targets (not the university). */
const countsForPlan = (dir: DeskDirectory, schoolId: string) => dir.school(schoolId)?.stage !== 'university';

/** The holiday letter campaign a period is judged by: the latest that opened by its end (and on or after its start, else none). */
export function pledgeCampaign(period: Period, today: string, terms: TermSettings): Campaign | null {
  const end = `${period.to}-31` < today ? `${period.to}-31` : today;
  const all = campaignsOf(content.holidayCalendar, terms).filter((c) => c.opensOn <= end && c.opensOn.slice(0, 7) >= period.from);
  return all.sort((a, b) => a.opensOn.localeCompare(b.opensOn)).pop() ?? null;
}

/**
 * Per-class counts of an app-counted metric for these schools. `key`: the
 * school year (screening), the holiday campaign id (pledge) or the semester
 * (mental-health education).
 */
export async function classCounts(
  store: Store, dir: DeskDirectory, metric: 'screening' | 'pledge' | 'mhEducation', schoolIds: string[], key: string | null, month: string, level: 'class' | 'school' = 'class',
): Promise<ClassCounts[]> {
  const ids = schoolIds.filter((id) => countsForPlan(dir, id));
  const rolls = level === 'school' ? await readSchoolRolls(store, ids) : await readRolls(store, ids);
  // a counter row's class (or school, at school level)
  const keyOf = (r: { bucket?: string; classId?: string | null; schoolId?: string | null }) => (level === 'school' ? r.schoolId ?? r.bucket : r.classId ?? r.bucket)!;
  const sumBy = (rows: Array<{ bucket?: string; classId?: string | null; schoolId?: string | null; n?: number; signedChildren?: number; state?: string }>, state?: (s: string) => boolean) => {
    const m = new Map<string, number>();
    for (const r of rows) {
      if (state && !state(r.state ?? '')) continue;
      const k = keyOf(r);
      m.set(k, (m.get(k) ?? 0) + (r.n ?? r.signedChildren ?? 0));
    }
    return m;
  };
  const where = { schoolIds: ids, level };
  const out = (r: ClassRoll, parts: Parts): ClassCounts => ({ classId: r._id, schoolId: r.schoolId, countyId: r.countyId, grade: r.grade, total: r.n, parts, ...(r.name ? { name: r.name } : {}) });
  if (metric === 'screening') {
    const [done, consents] = key ? await Promise.all([
      readTallies(store, 'scr_year', key, where), readTallies(store, 'scr_consent_year', key, where),
    ]) : [[], []];
    const finished = sumBy(done);
    // a consent counts for the terms now in force of its campaign; answers to changed terms are awaiting again (targets/counts.ts)
    const versions = key ? await campaignVersions(store, key) : new Map<string, number>();
    const now = (st: string) => currentConsent(st, (id) => versions.get(id ?? '') ?? 1);
    const given = sumBy(consents, (st) => now(st) === 'given');
    const declined = sumBy(consents, (st) => now(st) === 'declined');
    return rolls.map((r) => {
      const f = Math.min(r.n, finished.get(r._id) ?? 0);
      const d = Math.min(r.n - f, declined.get(r._id) ?? 0);
      const a = Math.min(r.n - f - d, Math.max(0, under14(r, month) - (given.get(r._id) ?? 0) - (declined.get(r._id) ?? 0)));
      return out(r, { finished: f, awaitingConsent: a, declined: d, notReached: r.n - f - d - a });
    });
  }
  if (metric === 'pledge') {
    const signed = sumBy(key ? await readTallies(store, 'pledge', key, where) : []);
    return rolls.map((r) => { const x = Math.min(r.n, signed.get(r._id) ?? 0); return out(r, { signed: x, unsigned: r.n - x }); });
  }
  // each child counted once: finished the lesson in the app, or present when it was taught in class (absentees are not)
  const done = sumBy(key ? await readTallies(store, 'mh_lesson', key, where) : []);
  return rolls.map((r) => { const c = Math.min(r.n, done.get(r._id) ?? 0); return out(r, { covered: c, notCovered: r.n - c }); });
}

/** Each campaign of a school year and the version of its consent terms now in force. */
async function campaignVersions(store: Store, schoolYear: string): Promise<Map<string, number>> {
  return new Map((await store.collection<CampaignDoc>('screening_campaigns').find({ schoolYear })).map((c) => [c._id, consentVersionOf(c)]));
}

/** Guardians who read the parents' mental-health lesson in a semester, per school (counted per guardian and school). */
export async function guardianCounts(store: Store, dir: DeskDirectory, schoolIds: readonly string[], semester: string | null): Promise<Map<string, number>> {
  const ids = schoolIds.filter((id) => countsForPlan(dir, id));
  const m = new Map<string, number>();
  if (!semester || !ids.length) return m;
  for (const r of await readTallies(store, 'mh_guardian', semester, { schoolIds: ids })) if (r.schoolId) m.set(r.schoolId, (m.get(r.schoolId) ?? 0) + r.n);
  return m;
}

/** Adds class counts up by a key (school, county, or one row for the whole area). */
function rollUp(rows: readonly ClassCounts[], keyOf: (r: ClassCounts) => string, partNames: readonly string[]): Map<string, { total: number; parts: Parts }> {
  const m = new Map<string, { total: number; parts: Parts }>();
  for (const r of rows) {
    const k = keyOf(r);
    let x = m.get(k);
    if (!x) m.set(k, (x = { total: 0, parts: Object.fromEntries(partNames.map((p) => [p, 0])) }));
    x.total += r.total;
    for (const p of partNames) x.parts[p] += r.parts[p] ?? 0;
  }
  return m;
}

/* ------------------------------------------------------------------------ */
/* Reported figures.                                                          */

/**
 * Returns of these counties for these months: one query for every area that
 * files (memoised for the request), filtered here, so a city's counties one
 * by one cost one read.
 */
async function readReturns(store: Store, months: string[], countyIds: readonly string[]): Promise<ReturnDoc[]> {
  const want = new Set(countyIds);
  return (await returnsOf(store, months, RETURN_AREAS)).filter((r) => want.has(r.countyId));
}

/** A flow figure summed over months, or null when no return in the period carries it. */
export function sumFlow(returns: readonly ReturnDoc[], figureId: string, months: readonly string[]): number | null {
  const set = new Set(months);
  let sum = 0;
  let any = false;
  for (const r of returns) {
    if (!set.has(r.month) || r.values[figureId] === undefined) continue;
    sum += r.values[figureId];
    any = true;
  }
  return any ? sum : null;
}

/** A stock figure: per county the latest month ≤ `to` that reports it, summed; null when no county does. */
export function latestStock(returns: readonly ReturnDoc[], figureId: string, to: string, countyIds: readonly string[]): number | null {
  const byCounty = newestFirst(returns);
  let sum = 0;
  let any = false;
  for (const c of countyIds) {
    const last = byCounty.get(c)?.find((r) => r.month <= to && r.values[figureId] !== undefined);
    if (last) { sum += last.values[figureId]; any = true; }
  }
  return any ? sum : null;
}

/** Each county's returns, newest month first; built once per list of returns. */
const sortedCache = new WeakMap<readonly ReturnDoc[], Map<string, ReturnDoc[]>>();
function newestFirst(returns: readonly ReturnDoc[]): Map<string, ReturnDoc[]> {
  let m = sortedCache.get(returns);
  if (!m) {
    m = new Map();
    for (const r of returns) m.set(r.countyId, [...(m.get(r.countyId) ?? []), r]);
    for (const list of m.values()) list.sort((a, b) => b.month.localeCompare(a.month));
    sortedCache.set(returns, m);
  }
  return m;
}

/* ------------------------------------------------------------------------ */
/* One target for one area and period.                                        */

export interface TargetFigure {
  id: string;
  name: string;
  unit: string;
  planRef: string;
  leadName: string;
  value: number | null;
  target: number | null;
  lastYear: number | null;
  status: TargetStatus;
  rule: string;
  suppressed: boolean;
  /** the counts behind a percentage (children: withheld under 5) */
  counts: Record<string, number | null>;
  trend: Array<{ label: string; value: number | null }>;
  /** reported targets: months of the period with a return from every area that owes one */
  level: 'class' | 'county';
}

const LEAD_NAMES: Record<string, string> = { edu: '教育体育局', police: '公安局', market: '市场监督管理局' };

export interface Scope { area: string; schoolIds: string[]; countyIds: string[] }

export function scopeOf(dir: DeskDirectory, area: string): Scope {
  return { area, schoolIds: dir.schoolsIn(area).map((s) => s.id), countyIds: countiesIn(area) };
}

/** One school's desk (a school leader's): its own children only; no county's returns. */
export const schoolScope = (school: { id: string; countyId: string }): Scope => ({ area: school.id, schoolIds: [school.id], countyIds: [] });

/** The targets a scope shows: a school sees what the app counts there, not the departments' county figures. */
export const targetsFor = (scope: DeskScope) => content.targets.TARGETS.filter((t) => scope.kind === 'area' || t.source.kind === 'app');

interface Ctx { store: Store; dir: DeskDirectory; now: number; terms?: TermSettings }

const yearOf = (m: string) => Number(m.slice(0, 4));

/** The key an app metric is counted under for a period (its end), and the same a year earlier. */
async function appKeys(c: Ctx, metric: 'screening' | 'pledge' | 'mhEducation', period: Period) {
  const today = chinaDay(c.now);
  if (metric === 'screening') return { key: schoolYearOf(period.to), last: schoolYearOf(`${yearOf(period.to) - 1}${period.to.slice(4)}`), label: `${schoolYearOf(period.to)}学年` };
  if (metric === 'mhEducation') {
    const s = semesterOf(period.to);
    return { key: s, last: semesterOf(`${yearOf(period.to) - 1}${period.to.slice(4)}`), label: `${s.slice(0, 9)}学年第${s.slice(10)}学期` };
  }
  const terms = c.terms ?? (c.terms = await loadTerms(c.store));
  const campaign = pledgeCampaign(period, today, terms);
  const prev = campaign ? campaignsOf(content.holidayCalendar, terms).find((x) => x.key === campaign.key && x.year === campaign.year - 1) : null;
  // before the break starts, families are still signing: short of the target is at risk, not yet off track
  return { key: campaign?.id ?? null, last: prev?.id ?? null, label: campaign?.name ?? '这段时间没有假期告家长书', stillSigning: !!campaign && today < campaign.start };
}

/** Percent of children with the numerator part, withheld when the part or its complement describes 1-4 children. */
function shownShare(total: number, num: number): { value: number | null; suppressed: boolean } {
  const small = (n: number) => n > 0 && n < 5;
  if (small(total) || small(num) || small(total - num)) return { value: null, suppressed: true };
  return { value: pct(num, total), suppressed: false };
}

export async function evaluateTarget(c: Ctx, t: TargetDef, scope: Scope, period: Period): Promise<TargetFigure> {
  const year = yearOf(period.to);
  const base = { id: t.id, name: t.name, unit: t.unit, planRef: t.planRef, leadName: LEAD_NAMES[t.lead] ?? t.lead, rule: ruleText(t.rule, year) };
  const s = t.source;
  if (s.kind === 'app') {
    const keys = await appKeys(c, s.metric, period);
    const month = chinaDay(c.now).slice(0, 7);
    const parts = Object.keys(PART_NAMES[s.metric]);
    const sum = (rows: ClassCounts[]) => rollUp(rows, () => 'all', parts).get('all') ?? { total: 0, parts: Object.fromEntries(parts.map((p) => [p, 0])) };
    const now = sum(await classCounts(c.store, c.dir, s.metric, scope.schoolIds, keys.key, month, 'school'));
    const before = keys.last ? sum(await classCounts(c.store, c.dir, s.metric, scope.schoolIds, keys.last, month, 'school')) : null;
    const num = now.parts[NUMERATOR[s.metric]];
    // this area as the level above shows it (a county in the city's table): what that table withheld stays withheld
    const level = scope.area === CITY ? { kind: 'city' as const, id: CITY }
      : scope.countyIds.length === 0 && scope.schoolIds.length === 1 ? { kind: 'school' as const, id: scope.schoolIds[0] } : { kind: 'county' as const, id: scope.area };
    const above = await withheldAbove(c, s.metric, level, keys.key, month);
    const hiddenAbove = above !== undefined && (above.total === null || above.parts[NUMERATOR[s.metric]] === null);
    const shown = hiddenAbove ? { value: null, suppressed: true } : shownShare(now.total, num);
    const last = before ? shownShare(before.total, before.parts[NUMERATOR[s.metric]]) : { value: null, suppressed: false };
    const rule = t.rule.kind === 'atLeastPct' ? t.rule : null;
    const target = rule ? forYear(rule.byYear, year) : null;
    // no holiday letter in the period (no break in it): nothing to judge; a letter nobody signed is 0 %, off track
    const judged = rule && target !== null && keys.key !== null ? evaluatePct(now.total ? num : null, now.total || null, target, rule.slack) : 'no_data';
    // a holiday letter still open before its break (found walking the desk on 12月6日: 元旦's letter red 未达标)
    const status = judged === 'off_track' && 'stillSigning' in keys && keys.stillSigning ? 'at_risk' : judged;
    // every cell of the area row, suppressed like any table row
    const table = suppressTable<string>({ id: scope.area, name: '', total: now.total, parts: now.parts }, [], parts, above);
    const trend = await appTrend(c, s.metric, scope, keys.key);
    // mental-health education: the guardians who read the parents' lesson, beside the children (1-4 withheld)
    // (1-4 withheld, and what the area's row in the table above withheld stays withheld: guardiansAbove)
    const guardians = s.metric === 'mhEducation'
      ? [...(await guardianCounts(c.store, c.dir, scope.schoolIds, keys.key)).values()].reduce((a, b) => a + b, 0) : null;
    const guardiansHidden = guardians !== null && (isSmall(guardians) || (await guardiansAbove(c, level, keys.key, month))?.value === null);
    return {
      ...base, value: shown.value, target, lastYear: last.value, status, suppressed: shown.suppressed || table.parent.suppressed,
      counts: { total: table.parent.total, ...table.parent.parts, ...(guardians !== null ? { guardians: guardiansHidden ? null : guardians } : {}) },
      trend, level: 'class', rule: `${base.rule}；${keys.label}`,
    };
  }
  // reported: the returns of the area's counties for this period and the same months a year before, and the plan's years
  const months = monthsBetween(period.from, period.to);
  const ly = lastYearOf(period.from, period.to);
  const lastMonths = monthsBetween(ly.from, ly.to);
  const planFrom = `${Math.min(2023, yearOf(ly.from))}-01`;
  const returns = await readReturns(c.store, monthsBetween(planFrom, period.to), scope.countyIds);
  const children = (id: string) => FIGURES.find((f) => f.id === id)?.children ?? false;
  const hide = (id: string, v: number | null) => (v !== null && children(id) && v > 0 && v < 5 ? null : v);
  const yearsTo = (to: string) => Array.from({ length: yearOf(to) - 2023 + 1 }, (_, i) => 2023 + i);
  if (s.kind === 'figure') {
    const value = sumFlow(returns, s.figureId, months);
    const lastYear = sumFlow(returns, s.figureId, lastMonths);
    const p = t.rule.kind === 'decline' ? forYear(t.rule.pctByYear, year) ?? 0 : 0;
    const trendValues = yearsTo(period.to).map((y) => sumFlow(returns, s.figureId, monthsBetween(`${y}-01`, y === year ? period.to : `${y}-12`)));
    const trend = children(s.figureId) ? suppressSeries(trendValues) : trendValues;
    return {
      ...base, value: hide(s.figureId, value), lastYear: hide(s.figureId, lastYear), target: lastYear === null ? null : Math.floor((lastYear * (100 - p)) / 100),
      status: evaluateDecline(value, lastYear, p), suppressed: hide(s.figureId, value) !== value || hide(s.figureId, lastYear) !== lastYear,
      counts: {}, trend: yearsTo(period.to).map((y, i) => ({ label: `${y}年`, value: trend[i] })), level: 'county',
    };
  }
  if (s.kind === 'ratio') {
    const at = (to: string) => ({ num: latestStock(returns, s.figureId, to, scope.countyIds), den: latestStock(returns, s.ofFigureId, to, scope.countyIds) });
    const now = at(period.to);
    const before = at(`${yearOf(period.to) - 1}${period.to.slice(4)}`);
    const rule = t.rule.kind === 'atLeastPct' ? t.rule : null;
    const target = rule ? forYear(rule.byYear, year) : null;
    return {
      ...base, value: pct(now.num, now.den), lastYear: pct(before.num, before.den), target,
      status: rule && target !== null ? evaluatePct(now.num, now.den, target, rule.slack) : 'no_data', suppressed: false,
      counts: { [s.figureId]: now.num, [s.ofFigureId]: now.den },
      trend: yearsTo(period.to).map((y) => { const v = at(y === year ? period.to : `${y}-12`); return { label: `${y}年`, value: pct(v.num, v.den) }; }),
      level: 'county',
    };
  }
  // per year: the calendar year of the period's end, up to its end; against the year's count per county (or per 法治副校长)
  const rule = t.rule.kind === 'atLeastCount' ? t.rule : null;
  const perYear = (y: number, to: string) => {
    const flow = sumFlow(returns, s.figureId, monthsBetween(`${y}-01`, to));
    if (s.per === 'county') return { value: flow, per: scope.countyIds.length };
    const per = latestStock(returns, s.per.figureId, to, scope.countyIds);
    return { value: flow === null || !per ? null : Math.round((flow / per) * 10) / 10, per: 1 };
  };
  const now = perYear(year, period.to);
  const before = perYear(year - 1, `${year - 1}${period.to.slice(4)}`);
  const each = rule ? forYear(rule.byYear, year) ?? 0 : 0;
  const target = each * now.per;
  const elapsed = Math.min(1, (monthIndex(period.to) - monthIndex(`${year}-01`) + 1) / 12);
  return {
    ...base, value: now.value, lastYear: before.value, target, status: evaluateCount(now.value, target, elapsed), suppressed: false, counts: {},
    trend: yearsTo(period.to).map((y) => ({ label: `${y}年`, value: perYear(y, y === year ? period.to : `${y}-12`).value })), level: 'county',
  };
}

/** Screening coverage per school year of the plan, finished counts guarded against differencing. */
/**
 * An app-counted target over the plan's years: screening per school year,
 * mental-health education per semester, the holiday letter of the same break
 * each year. Counts of children that differ by 1-4 between two points are
 * withheld (the differencing attack), and so is any share whose count or
 * complement is 1-4.
 */
async function appTrend(c: Ctx, metric: 'screening' | 'pledge' | 'mhEducation', scope: Scope, currentKey: string | null) {
  const month = chinaDay(c.now).slice(0, 7);
  const points: Array<{ key: string; label: string }> = [];
  if (metric === 'screening') {
    for (let y = 2023; y <= Number(schoolYearOf(month).slice(0, 4)); y++) points.push({ key: `${y}-${y + 1}`, label: `${y}-${y + 1}学年` });
  } else if (metric === 'mhEducation') {
    const last = semesterOf(month);
    for (let y = 2023; y <= Number(last.slice(0, 4)); y++) {
      for (const t of [1, 2]) { const key = `${y}-${y + 1}-${t}`; if (key <= last) points.push({ key, label: `${String(y).slice(2)}-${String(y + 1).slice(2)}第${t}学期` }); }
    }
  } else {
    const terms = c.terms ?? (c.terms = await loadTerms(c.store));
    const all = campaignsOf(content.holidayCalendar, terms);
    const current = all.find((x) => x.id === currentKey);
    if (!current) return [];
    for (const x of all.filter((k) => k.key === current.key && k.year >= 2023 && k.year <= current.year).sort((a, b) => a.year - b.year)) {
      points.push({ key: x.id, label: `${x.year}年` });
    }
  }
  const num = NUMERATOR[metric];
  const rows = [];
  for (const p of points) {
    const all = rollUp(await classCounts(c.store, c.dir, metric, scope.schoolIds, p.key, month, 'school'), () => 'all', [num]).get('all');
    rows.push({ label: p.label, done: all?.parts[num] ?? 0, total: all?.total ?? 0 });
  }
  const done = suppressSeries(rows.map((r) => r.done));
  return rows.map((r, i) => ({ label: r.label, value: done[i] === null ? null : shownShare(r.total, r.done).value }));
}

/* ------------------------------------------------------------------------ */
/* One level down.                                                            */

export interface DetailRow { id: string; name: string; value: number | null; total: number | null; suppressed: boolean; drill: boolean; [part: string]: unknown }

/**
 * The rows one level below an area (city → counties, county → schools,
 * school → classes) for an app-counted target, with the area row, suppressed
 * together (a county total minus its schools cannot name a small school).
 */
/**
 * One level's table (an area's counties, a county's schools, a school's classes), suppressed with its parent row
 * as the level above showed it: the same function builds the levels above, so each row is withheld alike on every
 * page it appears on.
 */
async function detailTable(
  c: Ctx, metric: 'screening' | 'pledge' | 'mhEducation', level: { kind: 'city' | 'county' | 'school'; id: string }, key: string | null, month: string,
  parentWithheld?: ShownRow<string>,
) {
  const schoolIds = level.kind === 'school' ? [level.id] : c.dir.schoolsIn(level.kind === 'city' ? CITY : level.id).map((s) => s.id);
  const rows = await classCounts(c.store, c.dir, metric, schoolIds, key, month, level.kind === 'school' ? 'class' : 'school');
  const parts = Object.keys(PART_NAMES[metric]);
  const keyOf = level.kind === 'city' ? (r: ClassCounts) => r.countyId : level.kind === 'county' ? (r: ClassCounts) => r.schoolId : (r: ClassCounts) => r.classId;
  const by = rollUp(rows, keyOf, parts);
  // every school of a county is a row, even one with no campaign (0 %) or no roll yet
  if (level.kind === 'county') for (const s of schoolIds.filter((id) => countsForPlan(c.dir, id))) if (!by.has(s)) by.set(s, { total: 0, parts: Object.fromEntries(parts.map((p) => [p, 0])) });
  const nameOf = (id: string) => level.kind === 'city' ? countyName(id) : level.kind === 'county' ? c.dir.schoolName(id)
    : className({ _id: id, grade: rows.find((r) => r.classId === id)?.grade ?? 0, name: rows.find((r) => r.classId === id)?.name });
  const children: CountRow[] = [...by].map(([id, x]) => ({ id, name: nameOf(id), total: x.total, parts: x.parts }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  const all = rollUp(rows, () => 'all', parts).get('all') ?? { total: 0, parts: Object.fromEntries(parts.map((p) => [p, 0])) };
  const parentName = level.kind === 'city' ? content.catalog.cityName : level.kind === 'county' ? countyName(level.id) : c.dir.schoolName(level.id);
  const shown = suppressTable({ id: level.id, name: parentName, total: all.total, parts: all.parts }, children, parts, parentWithheld);
  return { schoolIds, children, shown };
}

/** How the tables above showed this level's own row (the city's counties, then the county's schools). */
export async function withheldAbove(
  c: Ctx, metric: 'screening' | 'pledge' | 'mhEducation', level: { kind: 'city' | 'county' | 'school'; id: string }, key: string | null, month: string,
): Promise<ShownRow<string> | undefined> {
  if (level.kind === 'city') return undefined;
  const countyId = level.kind === 'county' ? level.id : c.dir.countyOf(level.id);
  if (!countyId) return undefined;
  const city = await detailTable(c, metric, { kind: 'city', id: CITY }, key, month);
  const countyRow = city.shown.rows.find((r) => r.id === countyId);
  if (level.kind === 'county') return countyRow;
  const county = await detailTable(c, metric, { kind: 'county', id: countyId }, key, month, countyRow);
  return county.shown.rows.find((r) => r.id === level.id);
}

export async function appDetail(c: Ctx, metric: 'screening' | 'pledge' | 'mhEducation', level: { kind: 'city' | 'county' | 'school'; id: string }, period: Period) {
  const keys = await appKeys(c, metric, period);
  const month = chinaDay(c.now).slice(0, 7);
  const parts = Object.keys(PART_NAMES[metric]);
  const { schoolIds, children, shown } = await detailTable(c, metric, level, keys.key, month, await withheldAbove(c, metric, level, keys.key, month));
  // mental-health education: guardians who read the parents' lesson, per school (so not per class), as a column of
  // its own: suppressed as a table of one column (the area's count and its counties' or schools')
  const guardians = metric === 'mhEducation' ? await guardianColumn(c, level, schoolIds, keys.key, children, await guardiansAbove(c, level, keys.key, month)) : null;
  const toRow = (r: typeof shown.parent, isParent = false): DetailRow => {
    const num = r.parts[NUMERATOR[metric]];
    const g = isParent ? guardians?.parent : guardians?.rows.get(r.id);
    return {
      id: r.id, name: r.name, total: r.total, ...r.parts, suppressed: r.suppressed || g?.suppressed === true,
      value: num === null || r.total === null ? null : pct(num, r.total), drill: level.kind !== 'school',
      ...(g ? { guardians: g.value } : {}),
    };
  };
  const partList = parts.map((p) => ({ key: p, name: PART_NAMES[metric][p] }));
  if (guardians) partList.push({ key: 'guardians', name: GUARDIANS_PART });
  return { period: keys.label, parts: partList, total: toRow(shown.parent, true), rows: shown.rows.map((r) => toRow(r)) };
}

/** The detail column of guardians who read the parents' lesson (not part of the children's total; per school at most). */
export const GUARDIANS_PART = '读过家长课的家长';

type GuardianCell = { value: number | null; suppressed: boolean };

/**
 * Guardians per row one level down (counties or schools) and for the area, suppressed together; a school's classes
 * have none. `above`: the area's own cell as the table one level up showed it, kept withheld here like the children's
 * figures (or 思茅区's page would give back the 7 that the city's page hid to protect 宁洱's 1).
 */
async function guardianColumn(
  c: Ctx, level: { kind: 'city' | 'county' | 'school'; id: string }, schoolIds: string[], semester: string | null, children: readonly CountRow[], above?: GuardianCell,
) {
  const per = await guardianCounts(c.store, c.dir, schoolIds, semester);
  const keyOf = (schoolId: string) => (level.kind === 'city' ? c.dir.countyOf(schoolId) : schoolId);
  const by = new Map<string, number>();
  for (const [schoolId, n] of per) by.set(keyOf(schoolId), (by.get(keyOf(schoolId)) ?? 0) + n);
  const total = [...per.values()].reduce((a, b) => a + b, 0);
  const rows: CountRow[] = level.kind === 'school' ? [] : children.map((r) => ({ id: r.id, name: r.name, total: by.get(r.id) ?? 0, parts: {} }));
  const withheld = above && above.value === null ? { id: level.id, name: '', total: null, parts: {}, suppressed: true } : undefined;
  const shown = suppressTable({ id: level.id, name: '', total, parts: {} }, rows, [], withheld);
  // (the city's own schools are a row with the id 'city' under the city: the parent is kept apart)
  const cell = (r: typeof shown.parent): GuardianCell => ({ value: r.total, suppressed: r.suppressed });
  return { parent: cell(shown.parent), rows: new Map(shown.rows.map((r) => [r.id, cell(r)])) };
}

/** How the guardians' columns above showed this level's own cell (the city's counties, then the county's schools). */
async function guardiansAbove(c: Ctx, level: { kind: 'city' | 'county' | 'school'; id: string }, semester: string | null, month: string): Promise<GuardianCell | undefined> {
  if (level.kind === 'city') return undefined;
  const countyId = level.kind === 'county' ? level.id : c.dir.countyOf(level.id);
  if (!countyId) return undefined;
  const city = await detailTable(c, 'mhEducation', { kind: 'city', id: CITY }, semester, month);
  const inCity = (await guardianColumn(c, { kind: 'city', id: CITY }, city.schoolIds, semester, city.children)).rows.get(countyId);
  if (level.kind === 'county') return inCity;
  const county = await detailTable(c, 'mhEducation', { kind: 'county', id: countyId }, semester, month);
  return (await guardianColumn(c, { kind: 'county', id: countyId }, county.schoolIds, semester, county.children, inCity)).rows.get(level.id);
}

/** A reported target one level down: the city → its counties; a county → its months. */
export async function figureDetail(c: Ctx, t: TargetDef, area: string, period: Period) {
  if (area === CITY) {
    const rows: DetailRow[] = [];
    for (const countyId of countiesIn(CITY)) {
      const f = await evaluateTarget(c, t, scopeOf(c.dir, countyId), period);
      rows.push({ id: countyId, name: countyName(countyId), value: f.value, total: null, suppressed: f.value === null && f.suppressed, drill: true, lastYear: f.lastYear, status: f.status, target: f.target });
    }
    // the city total is on the overview: one withheld county would be the city minus the others, so a second one goes too
    if (rows.filter((r) => r.suppressed).length === 1) {
      const partner = rows.filter((r) => !r.suppressed && r.value !== null).sort((a, b) => (a.value as number) - (b.value as number))[0];
      if (partner) { partner.value = null; partner.suppressed = true; }
    }
    return { period: `${period.from} 至 ${period.to}`, parts: [], rows };
  }
  const s = t.source;
  const figureId = s.kind === 'app' ? null : s.figureId;
  const returns = await returnsOf(c.store, monthsBetween(period.from, period.to), [area]);
  const child = FIGURES.find((f) => f.id === figureId)?.children ?? false;
  const rows: DetailRow[] = monthsBetween(period.from, period.to).map((m) => {
    const r = returns.find((x) => x.month === m && figureId !== null && x.values[figureId] !== undefined);
    const v = r && figureId ? r.values[figureId] : null;
    return { id: m, name: m, value: v !== null && child && v > 0 && v < 5 ? null : v, total: null, suppressed: v !== null && child && v > 0 && v < 5, drill: false, filed: !!r };
  });
  // months of a county: a shown month total must not give away a withheld month
  if (child) {
    const hidden = rows.filter((r) => r.suppressed);
    if (hidden.length === 1) {
      const partner = rows.filter((r) => !r.suppressed && r.value !== null).sort((a, b) => (a.value as number) - (b.value as number))[0];
      if (partner) { partner.value = null; partner.suppressed = true; }
    }
  }
  return { period: `${period.from} 至 ${period.to}`, parts: [], rows };
}
