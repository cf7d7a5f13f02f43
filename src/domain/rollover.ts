/**
 * The school year turns over (升级): every class moves up a grade and the top
 * grade of each school stage graduates. Pure: names, grades and dates only.
 *
 * Grades run on the catalog's one scale (src/content/puer/catalog.ts): 1-9
 * compulsory education (primary 1-6, junior middle 7-9, under the 六三制 Yunnan
 * uses), 10-12 senior high or secondary vocational school, 13+ university years.
 */
import type { SchoolStage } from './catalog';
import { chinaDay } from './chinaTime';

/** The last grade of each stage; a class in it graduates at the rollover. */
export const TOP_GRADE: Record<SchoolStage, number> = {
  primary: 6,
  middle: 9,       // 初中 (a 完全中学 that also has 高中 classes is entered as 'high')
  nine_year: 9,    // 九年一贯制
  high: 12,
  vocational: 12,  // 中职: three years
  university: 16,  // a four-year 本科; three-year 专科 classes close by hand
};

/** Grades each stage may hold (for checking an import or a class record). */
export const STAGE_GRADES: Record<SchoolStage, readonly [number, number]> = {
  primary: [1, 6], middle: [7, 9], nine_year: [1, 9], high: [7, 12], vocational: [10, 12], university: [13, 16],
};

export const isTopGrade = (stage: SchoolStage, grade: number) => grade >= TOP_GRADE[stage];

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 八年级, 高一 …: the usual name of a grade on the one scale ('' for university years). */
export function gradeName(grade: number): string {
  if (grade >= 1 && grade <= 9) return `${DIGITS[grade]}年级`;
  if (grade >= 10 && grade <= 12) return `高${DIGITS[grade - 9]}`;
  return '';
}

/** The ways schools write a grade inside a class name, each with the grade it names. */
const GRADE_PATTERNS: Array<{ re: RegExp; grade: (m: RegExpExecArray) => number; write: (g: number) => string | null }> = [
  // 初一 … 初三 = 7 … 9
  { re: /初([一二三])/, grade: (m) => 6 + DIGITS.indexOf(m[1]), write: (g) => (g >= 7 && g <= 9 ? `初${DIGITS[g - 6]}` : null) },
  // 高中一年级 / 高一 = 10 …
  { re: /高中([一二三])年级/, grade: (m) => 9 + DIGITS.indexOf(m[1]), write: (g) => (g >= 10 && g <= 12 ? `高中${DIGITS[g - 9]}年级` : null) },
  { re: /高([一二三])/, grade: (m) => 9 + DIGITS.indexOf(m[1]), write: (g) => (g >= 10 && g <= 12 ? `高${DIGITS[g - 9]}` : null) },
  // 一年级 … 九年级
  { re: /([一二三四五六七八九])年级/, grade: (m) => DIGITS.indexOf(m[1]), write: (g) => (g >= 1 && g <= 9 ? `${DIGITS[g]}年级` : null) },
];

/**
 * The class's name after moving from `fromGrade` to `fromGrade + 1`:
 * 八年级（2）班 → 九年级（2）班, 初一2班 → 初二2班, 高二(3)班 → 高三(3)班, in the school's own
 * style. A name that carries the intake year (2025级茶学（1）班) does not change. A name
 * with no grade in it (（2）班) is written out in full when the class number is known.
 */
export function nextClassName(name: string, fromGrade: number, number?: number | null): string {
  const to = fromGrade + 1;
  if (/\d{4}\s*级/.test(name)) return name;
  for (const p of GRADE_PATTERNS) {
    const m = p.re.exec(name);
    if (!m) continue;
    if (p.grade(m) !== fromGrade) break; // the name says another grade than the record: rebuild below
    const written = p.write(to);
    if (written) return name.slice(0, m.index) + written + name.slice(m.index + m[0].length);
    break;
  }
  const g = gradeName(to);
  if (g && number) return `${g}（${number}）班`;
  return name;
}

export interface RolloverClass { _id: string; schoolId: string; grade: number; number?: number | null; name: string; status?: string; rolledYear?: number }

export type ClassChange =
  | { classId: string; action: 'promote'; from: { grade: number; name: string }; to: { grade: number; name: string } }
  | { classId: string; action: 'graduate'; from: { grade: number; name: string } };

/** What the rollover does to one class (only open classes move). */
export function classChange(c: RolloverClass, stage: SchoolStage): ClassChange | null {
  if (c.status && c.status !== 'open') return null;
  const from = { grade: c.grade, name: c.name };
  if (isTopGrade(stage, c.grade)) return { classId: c._id, action: 'graduate', from };
  return { classId: c._id, action: 'promote', from, to: { grade: c.grade + 1, name: nextClassName(c.name, c.grade, c.number) } };
}

/** The rollover date as 'MM-DD' (default 1 September). */
export const DEFAULT_ROLLOVER_DAY = '09-01';

export function isMonthDay(s: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(`2024-${s}T00:00:00Z`); // a leap year, so 02-29 passes
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(5, 10) === s;
}

/** How many days before the date a school admin may apply it themself (the summer holiday). */
export const EARLY_APPLY_DAYS = 62;

/**
 * The rollover a China-time day belongs to: the calendar year's (before the date, the one
 * coming up; on or after it, the one just due). `due`: the scheduler applies it;
 * `open`: a school admin may apply it (from EARLY_APPLY_DAYS before the date).
 */
export function rolloverOn(now: Date | number, monthDay = DEFAULT_ROLLOVER_DAY): { year: number; date: string; due: boolean; open: boolean } {
  const today = chinaDay(now);
  const year = Number(today.slice(0, 4));
  const date = `${year}-${monthDay}`;
  const opensOn = new Date(Date.parse(`${date}T00:00:00Z`) - EARLY_APPLY_DAYS * 86_400_000).toISOString().slice(0, 10);
  return { year, date, due: today >= date, open: today >= opensOn };
}
