/**
 * The plan's targets as data and the rules that say whether an area is on
 * track. Pure: no store, no Taro. The city's targets live in
 * `src/content/<city>/targets.ts`; the figures the lead departments report
 * each month are listed there too (`FigureDef`).
 *
 * Arithmetic is on integers (value × 100 against last year × (100 − p)), so
 * "下降≥10%" holds at exactly 10 % and fails at 9.9 %.
 */
import type { DeptKind } from './catalog';

export type TargetStatus = 'on_track' | 'at_risk' | 'off_track' | 'no_data';

export const STATUS_NAMES: Record<TargetStatus, string> = {
  on_track: '达标',
  at_risk: '有风险',
  off_track: '未达标',
  no_data: '暂无数据',
};

/** A count a lead department reports each month for its county (never names). */
export interface FigureDef {
  id: string;
  /** on the form: what to count, in plain words */
  label: string;
  unit: string;
  /** the department kind that files it (its county's bureau) */
  lead: DeptKind;
  /** flow: the month's new count, summed over a range; stock: the count at month end, the latest month counts */
  kind: 'flow' | 'stock';
  /** true when each unit is a child (deaths, cases against students): shown as "<5" below 5 */
  children: boolean;
  help?: string;
}

/** Where a target's value comes from. */
export type TargetSource =
  /** counted by the app: screening finished over eligible per school year */
  | { kind: 'app'; metric: 'screening' | 'pledge' | 'mhEducation' }
  /** a reported flow compared with the same months a year earlier */
  | { kind: 'figure'; figureId: string }
  /** a reported stock over another reported stock, as a percentage */
  | { kind: 'ratio'; figureId: string; ofFigureId: string }
  /** a reported flow per county and year (inspections), or per unit of a stock (talks per 法治副校长) */
  | { kind: 'perYear'; figureId: string; per: 'county' | { figureId: string } };

export type TargetRule =
  /** value must be at least `pct` % below last year's (0: strictly below, "下降") */
  | { kind: 'decline'; pctByYear: Record<number, number> }
  /** a percentage that must reach the year's target; within `slack` points is "at risk" */
  | { kind: 'atLeastPct'; byYear: Record<number, number>; slack: number }
  /** a yearly count that must reach the year's target, prorated by how much of the year has passed */
  | { kind: 'atLeastCount'; byYear: Record<number, number> };

export interface TargetDef {
  id: string;
  /** the plan's words */
  name: string;
  /** where in the plan (三、工作目标 / 专项行动 n) */
  planRef: string;
  unit: string;
  lead: DeptKind;
  source: TargetSource;
  rule: TargetRule;
  /** the plan's years this target is set for (the last one holds afterwards: "持续巩固") */
  years: readonly number[];
}

/** The year's figure: that year's, or the latest earlier one (the plan says the last year's level is kept). */
export function forYear(byYear: Record<number, number>, year: number): number | null {
  const years = Object.keys(byYear).map(Number).sort((a, b) => a - b);
  if (!years.length) return null;
  const fit = years.filter((y) => y <= year).pop();
  return byYear[fit ?? years[0]];
}

/** The rule in words, for the screen next to the status. */
export function ruleText(rule: TargetRule, year: number): string {
  if (rule.kind === 'decline') {
    const p = forYear(rule.pctByYear, year) ?? 0;
    return p > 0 ? `比去年同期下降≥${p}%` : '比去年同期下降';
  }
  if (rule.kind === 'atLeastPct') return `达到${forYear(rule.byYear, year)}%（差${rule.slack}个百分点以内为有风险）`;
  return `全年不少于${forYear(rule.byYear, year)}（按时间进度）`;
}

export interface Evaluation { status: TargetStatus; target: number | null; rule: string }

/**
 * Decline: `value` this period against `lastYear` the same period a year
 * earlier. On track when value ≤ lastYear × (1 − p); at risk when lower or
 * equal but not by enough; off track when higher. Zero last year: zero again
 * is on track (nothing can fall below zero), anything more is off track.
 */
export function evaluateDecline(value: number | null, lastYear: number | null, pct: number): TargetStatus {
  if (value === null || lastYear === null) return 'no_data';
  if (lastYear === 0) return value === 0 ? 'on_track' : 'off_track';
  if (pct === 0) return value < lastYear ? 'on_track' : value === lastYear ? 'at_risk' : 'off_track';
  if (value * 100 <= lastYear * (100 - pct)) return 'on_track';
  return value <= lastYear ? 'at_risk' : 'off_track';
}

/** A percentage `num / den` against `target` %: on track at or above, at risk within `slack` points. */
export function evaluatePct(num: number | null, den: number | null, target: number, slack: number): TargetStatus {
  if (num === null || den === null || den <= 0) return 'no_data';
  if (num * 100 >= target * den) return 'on_track';
  if (num * 100 >= (target - slack) * den) return 'at_risk';
  return 'off_track';
}

/**
 * A yearly count: on track once the year's target is reached, at risk while
 * at least the share of the year passed (`elapsed`, 0..1) is done, else off
 * track. At the year's end (elapsed 1) at risk is not possible.
 */
export function evaluateCount(value: number | null, target: number, elapsed: number): TargetStatus {
  if (value === null) return 'no_data';
  if (value >= target) return 'on_track';
  if (elapsed < 1 && value >= Math.ceil(target * elapsed)) return 'at_risk';
  return 'off_track';
}

/** Percent with one decimal, or null. */
export const pct = (num: number | null, den: number | null): number | null =>
  num === null || den === null || den <= 0 ? null : Math.round((num * 1000) / den) / 10;

/* ------------------------------------------------------------------------ */
/* Periods: months `YYYY-MM`, China time.                                     */

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
export const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
export const addMonths = (m: string, n: number) => monthOf(monthIndex(m) + n);

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthOf(i));
  return out;
}

/** The same months a year earlier. */
export const lastYearOf = (from: string, to: string) => ({ from: addMonths(from, -12), to: addMonths(to, -12) });

/** A school year `2025-2026` as months September to August. */
export function schoolYearMonths(schoolYear: string): { from: string; to: string } {
  const start = Number(schoolYear.slice(0, 4));
  return { from: `${start}-09`, to: `${start + 1}-08` };
}

/** The school year a month belongs to (September starts one). */
export function schoolYearOf(month: string): string {
  const y = Number(month.slice(0, 4));
  const start = Number(month.slice(5, 7)) >= 9 ? y : y - 1;
  return `${start}-${start + 1}`;
}

/** The semester a month belongs to: `2025-2026-1` (September–February) or `-2` (March–August). */
export function semesterOf(month: string): string {
  const m = Number(month.slice(5, 7));
  return `${schoolYearOf(month)}-${m >= 9 || m <= 2 ? 1 : 2}`;
}

/**
 * When a month's return is due: the `day`th of the next month, end of that
 * day China time (16:00 UTC that day), as an instant.
 */
export function returnDueAt(month: string, day: number): number {
  const next = addMonths(month, 1);
  return Date.UTC(Number(next.slice(0, 4)), Number(next.slice(5, 7)) - 1, day, 16, 0, 0);
}
