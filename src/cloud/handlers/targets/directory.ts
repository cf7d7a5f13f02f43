/**
 * The desk's one place for schools, classes and counties: which schools an
 * area holds and what a class is called. Today schools come from the city's
 * content catalog and classes from the class rolls (built from the students);
 * when schools move into a DB collection, only this file changes.
 *
 * Class rolls (`class_rolls`, one row per class): how many children and in
 * which month each turns 14 (consent for screening is needed below 14), so
 * the roll-ups read one row per class instead of every student. Rebuilt from
 * the students of the schools whose roll changed (the seed, a roster import,
 * the year's rollover call `rebuildClassRolls`).
 */
import { content } from '../../../content';
import { CITY, type School } from '../../../domain/catalog';
import { addMonths } from '../../../domain/targets';
import type { Store } from '../../store/types';

export interface ClassRoll {
  /** the class id; for a school's row `@school:<id>` */
  _id: string;
  level: 'class' | 'school';
  schoolId: string;
  countyId: string;
  grade: number;
  n: number;
  /** `YYYY-MM` the month a child turns 14 → how many */
  turns14: Record<string, number>;
  /** a school's row: the grades of its classes */
  grades?: number[];
  [k: string]: unknown;
}

export const countyIdOfSchool = (schoolId: string) => content.catalog.schools.find((s) => s.id === schoolId)?.jurisdiction ?? CITY;
export const countyName = (id: string) => (id === CITY ? '市属学校' : content.catalog.counties.find((c) => c.id === id)?.name ?? id);
export const schoolName = (id: string) => content.catalog.schools.find((s) => s.id === id)?.name ?? id;
export const schoolById = (id: string): School | undefined => content.catalog.schools.find((s) => s.id === id);

/** The catalog's name for a class, else one made from its grade ("8年级（3）班" for generated ids ending in a number). */
export function className(roll: Pick<ClassRoll, '_id' | 'grade'>): string {
  const known = content.catalog.classes.find((c) => c.id === roll._id)?.name;
  if (known) return known;
  const k = /-(\d+)$/.exec(roll._id)?.[1];
  return `${roll.grade}年级${k !== undefined ? `（${Number(k) + 1}）班` : ''}`;
}

/** Schools in an area: a county id, or the whole city (every county and the city's own schools). */
export function schoolsIn(area: string): School[] {
  return content.catalog.schools.filter((s) => area === CITY || s.jurisdiction === area);
}

/** The counties (and 'city' for city-level schools) an area's rows break down into, one level below it. */
export function countiesIn(area: string): string[] {
  if (area !== CITY) return [area];
  return [...content.catalog.counties.map((c) => c.id), CITY];
}

const rolls = (store: Store) => store.collection<ClassRoll>('class_rolls');

/** Class rolls of these schools. */
export const readRolls = async (store: Store, schoolIds: readonly string[]) =>
  schoolIds.length ? (await rolls(store).find({ schoolId: { $in: [...schoolIds] } })).filter((r) => r.level !== 'school') : [];

/** One row per school (the sum of its classes), for the city and county roll-ups; `_id` is the school id here. */
export async function readSchoolRolls(store: Store, schoolIds: readonly string[]): Promise<ClassRoll[]> {
  const want = new Set(schoolIds);
  return (await rolls(store).find({ level: 'school' })).filter((r) => want.has(r.schoolId)).map((r) => ({ ...r, _id: r.schoolId }));
}

/** A school's row from its classes' rows. */
export function schoolRollOf(classes: readonly ClassRoll[]): ClassRoll | null {
  if (!classes.length) return null;
  const r: ClassRoll = { _id: `@school:${classes[0].schoolId}`, level: 'school', schoolId: classes[0].schoolId, countyId: classes[0].countyId, grade: 0, n: 0, turns14: {}, grades: [] };
  for (const c of classes) {
    r.n += c.n;
    if (!r.grades!.includes(c.grade)) r.grades!.push(c.grade);
    for (const [m, k] of Object.entries(c.turns14)) r.turns14[m] = (r.turns14[m] ?? 0) + k;
  }
  return r;
}

/** Children under 14 on the first day of `month` (those turning 14 in that month counted as under 14: they may still need consent). */
export const under14 = (r: ClassRoll, month: string) =>
  Object.entries(r.turns14).reduce((sum, [m, n]) => sum + (m >= month ? n : 0), 0);

/** Rebuilds the rolls of these schools (all when omitted) from their students. */
export async function rebuildClassRolls(store: Store, schoolIds?: readonly string[]): Promise<number> {
  const students = store.collection<{ _id: string; schoolId: string; classId: string; grade: number; birthDate: string }>('students');
  const list = schoolIds ? await students.find({ schoolId: { $in: [...schoolIds] } }) : await students.find({});
  const by = new Map<string, ClassRoll>();
  for (const s of list) {
    let r = by.get(s.classId);
    if (!r) by.set(s.classId, (r = { _id: s.classId, level: 'class', schoolId: s.schoolId, countyId: countyIdOfSchool(s.schoolId), grade: s.grade, n: 0, turns14: {} }));
    r.n++;
    const m = addMonths(s.birthDate.slice(0, 7), 14 * 12);
    r.turns14[m] = (r.turns14[m] ?? 0) + 1;
  }
  if (schoolIds) for (const id of schoolIds) await rolls(store).removeWhere({ schoolId: id });
  else await rolls(store).removeWhere({});
  const schools = new Map<string, ClassRoll[]>();
  for (const r of by.values()) schools.set(r.schoolId, [...(schools.get(r.schoolId) ?? []), r]);
  const schoolRows = [...schools.values()].map(schoolRollOf).filter((r): r is ClassRoll => !!r);
  await rolls(store).insertMany([...by.values(), ...schoolRows]);
  return by.size;
}
