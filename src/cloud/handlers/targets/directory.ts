/**
 * The desk's one place for schools, classes and counties: which schools an
 * area holds, what a school and a class are called, and which county a
 * school's counters go under.
 *
 * Schools are records (collection `schools`, issue 14), read through
 * core/directory.ts: a desk request loads one snapshot of every school (a
 * city has ~1,000: one query) with `deskDirectory(ctx)`, and the roll-ups
 * ask it. Counties stay city data in `src/content/`. Closed schools are not
 * in any area (they are not judged against the plan and do not show as 0 %
 * rows); their records stay.
 *
 * Class rolls (`class_rolls`, one row per class): how many children, the
 * class's name and in which month each child turns 14 (consent for screening
 * is needed below 14), so the roll-ups read one row per class instead of
 * every student. Only children still at school count (a graduated or
 * departed child's record has `status` other than `active`), so a graduated
 * class has no row at all. Rebuilt from the students of the schools whose
 * roll changed, in the same request as the change: the seed, `roster.import`,
 * `class.add` / `class.update`, `student.transfer` (both schools), the year's
 * rollover (`rollover.apply` and the scheduler's pass).
 */
import { content } from '../../../content';
import { CITY, type SchoolStage } from '../../../domain/catalog';
import { addMonths } from '../../../domain/targets';
import { dir, directory, type ClassDoc, type SchoolDoc } from '../../core/directory';
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
  /** a class's row: its name as recorded (`classes`), when it has a record */
  name?: string;
  /** a school's row: the grades of its classes */
  grades?: number[];
  [k: string]: unknown;
}

/** A school as the desk sees it. */
export interface DeskSchool { id: string; name: string; countyId: string; stage: SchoolStage; open: boolean }

/** One request's view of every school (a snapshot: one query). */
export interface DeskDirectory {
  school(id: string): DeskSchool | undefined;
  /** a school's county; CITY for a school without a record (as its counters were written) */
  countyOf(id: string): string;
  schoolName(id: string): string;
  /** the open schools of an area: a county id, or the whole city (every county and the city's own schools) */
  schoolsIn(area: string): DeskSchool[];
}

const toDesk = (s: SchoolDoc): DeskSchool => ({ id: s._id, name: s.name, countyId: s.jurisdiction, stage: s.stage, open: s.status !== 'closed' });

export function deskDirectoryOf(schools: readonly SchoolDoc[]): DeskDirectory {
  const byId = new Map(schools.map((s) => [s._id, toDesk(s)]));
  const sorted = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  return {
    school: (id) => byId.get(id),
    countyOf: (id) => byId.get(id)?.countyId ?? CITY,
    schoolName: (id) => byId.get(id)?.name ?? id,
    schoolsIn: (area) => sorted.filter((s) => s.open && (area === CITY || s.countyId === area)),
  };
}

/** The snapshot for a request (through the request's directory cache, so other lookups of the request reuse it). */
export async function deskDirectory(ctx: { store: Store }): Promise<DeskDirectory> {
  return deskDirectoryOf(await dir(ctx).schoolsIn([CITY]));
}

/** The same outside a request (the recount, the rolls' rebuild): a fresh read each call. */
export async function deskDirectoryFromStore(store: Store): Promise<DeskDirectory> {
  return deskDirectoryOf(await directory(store, {}).schoolsIn([CITY]));
}

/** The county a school's counters go under, for a handler's tally writes (CITY for a school without a record). */
export async function countyIdOf(ctx: { store: Store }, schoolId: string | null | undefined): Promise<string> {
  return (await dir(ctx).countyOfSchool(schoolId)) ?? CITY;
}

export const countyName = (id: string) => (id === CITY ? '市属学校' : content.catalog.counties.find((c) => c.id === id)?.name ?? id);

/** The class's name as recorded with its roll, else one made from its grade ("8年级（3）班" for ids ending in a number). */
export function className(roll: Pick<ClassRoll, '_id' | 'grade' | 'name'>): string {
  if (roll.name) return roll.name;
  const k = /-(\d+)$/.exec(roll._id)?.[1];
  return `${roll.grade}年级${k !== undefined ? `（${Number(k) + 1}）班` : ''}`;
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

/** A child still at this school (graduated, left or transferred-out records do not count). */
export const onRoll = (s: { status?: string }) => !s.status || s.status === 'active';

interface StudentRow { _id: string; schoolId: string; classId: string; grade: number; birthDate: string; status?: string; [k: string]: unknown }

/**
 * Rebuilds the rolls of these schools (all when omitted) from their students:
 * children on the roll only, the class's name and grade from its record
 * (`classes`) when it has one, the county from the school's record.
 */
export async function rebuildClassRolls(store: Store, schoolIds?: readonly string[]): Promise<number> {
  const ids = schoolIds ? [...new Set(schoolIds.filter(Boolean))] : null;
  if (ids && !ids.length) return 0;
  const students = store.collection<StudentRow>('students');
  const list = (ids ? await students.find({ schoolId: { $in: ids } }) : await students.find({})).filter(onRoll);
  const classDocs = store.collection<ClassDoc>('classes');
  const classes = new Map((ids ? await classDocs.find({ schoolId: { $in: ids } }) : await classDocs.find({})).map((c) => [c._id, c]));
  const desk = await deskDirectoryFromStore(store);
  const by = new Map<string, ClassRoll>();
  for (const s of list) {
    let r = by.get(s.classId);
    if (!r) {
      const c = classes.get(s.classId);
      r = { _id: s.classId, level: 'class', schoolId: s.schoolId, countyId: desk.countyOf(s.schoolId), grade: c?.grade ?? s.grade, n: 0, turns14: {}, ...(c ? { name: c.name } : {}) };
      by.set(s.classId, r);
    }
    r.n++;
    const m = addMonths(s.birthDate.slice(0, 7), 14 * 12);
    r.turns14[m] = (r.turns14[m] ?? 0) + 1;
  }
  if (ids) await rolls(store).removeWhere({ schoolId: { $in: ids } });
  else await rolls(store).removeWhere({});
  const schools = new Map<string, ClassRoll[]>();
  for (const r of by.values()) schools.set(r.schoolId, [...(schools.get(r.schoolId) ?? []), r]);
  const schoolRows = [...schools.values()].map(schoolRollOf).filter((r): r is ClassRoll => !!r);
  await rolls(store).insertMany([...by.values(), ...schoolRows]);
  return by.size;
}
