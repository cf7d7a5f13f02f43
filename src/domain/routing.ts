/**
 * Who must act on a report (DESIGN.md §2). The table is data — one per city,
 * in `src/content/<city>/routingTable.ts`, editable by a city coordinator —
 * and this module applies it to a catalog. Pure: no I/O, no clock, no
 * machine time zone.
 */
import { CITY, type Catalog, type Department, type DeptKind, type Jurisdiction, type School } from './catalog';
import { AppError } from './errors';
import {
  ACK_WITHIN_MS,
  REPORT_CATEGORIES,
  WATER_TYPES,
  unitKey,
  type Priority,
  type ReportCategory,
  type ReportFlag,
  type Unit,
  type WaterType,
} from './report';
import { chinaMonth } from './chinaTime';

/** A school post that can take a case: the report then reaches that person at the named school. */
export type SchoolPost = 'school_safety_officer' | 'psych_teacher';
/** A lead is a department kind (resolved in the jurisdiction) or a post at the school named in the report. */
export type LeadSpec = DeptKind | SchoolPost;

const SCHOOL_POSTS: readonly string[] = ['school_safety_officer', 'psych_teacher'];
const isSchoolPost = (s: LeadSpec): s is SchoolPost => SCHOOL_POSTS.includes(s);

/** Months (1-12, China time, inclusive) in which a category is more urgent; may wrap the year end (11 → 2). */
export interface SeasonalRule { fromMonth: number; toMonth: number; priority: Priority }

export interface CategoryRoute {
  /** Who gets the case. School posts are skipped when the report names no school. */
  lead: readonly LeadSpec[];
  /** Departments told about it and co-handling. */
  informed: readonly DeptKind[];
  /** A yes to a follow-up question adds departments (bullying with a weapon → police). */
  flagInformed?: Partial<Record<ReportFlag, readonly DeptKind[]>>;
  /** Who leads depends on the kind of water; when present, a water type is required. */
  leadByWaterType?: Record<WaterType, DeptKind>;
  priority: Priority;
  seasonal?: SeasonalRule;
}

/** Plain, JSON-serialisable data, so a coordinator can edit it and it can be stored. */
export type RoutingTable = Record<ReportCategory, CategoryRoute>;

export interface RouteInput {
  category: ReportCategory;
  flags?: Partial<Record<ReportFlag, boolean>>;
  waterType?: WaterType;
  schoolId?: string;
  countyId?: string;
  at: Date;
}

export interface RouteResult {
  jurisdiction: Jurisdiction;
  lead: Unit[];
  informed: Unit[];
  priority: Priority;
  dueAt: Date;
  /** unitKey of every lead and informed unit, deduplicated: the one list a case is found by. */
  deptIds: string[];
}

// The plan's "5-9月" means the month in China (chinaMonth, chinaTime.ts), whatever the server's own zone.

function inSeason(month: number, rule: SeasonalRule): boolean {
  return rule.fromMonth <= rule.toMonth
    ? month >= rule.fromMonth && month <= rule.toMonth
    : month >= rule.fromMonth || month <= rule.toMonth;
}

/**
 * Why a report cannot be routed. The domain names the problem; the cloud
 * layer words it for the reporter (handlers/report/routingMessages.ts).
 * Every problem is the reporter's to fix (BAD_INPUT) except a department
 * missing from the catalog, which is a data fault (INTERNAL).
 */
export type RoutingProblem =
  | 'noPlace' | 'unknownSchool' | 'unknownCounty' | 'unknownCategory' | 'noWaterType' | 'unknownWaterType' | 'badTime' | 'noDepartment';

export class RoutingError extends AppError {
  constructor(readonly problem: RoutingProblem, details?: Record<string, unknown>) {
    super(problem === 'noDepartment' ? 'INTERNAL' : 'BAD_INPUT', undefined, { problem, ...details });
  }
}

const bad = (problem: RoutingProblem) => new RoutingError(problem);

/**
 * The department of a kind in a jurisdiction; if that county has none of its
 * own (its work is done by the city bureau), the city's.
 */
export function findDepartment(catalog: Catalog, kind: DeptKind, jurisdiction: Jurisdiction): Department {
  const local = catalog.departments.find((d) => d.kind === kind && d.jurisdiction === jurisdiction);
  const dept = local ?? catalog.departments.find((d) => d.kind === kind && d.jurisdiction === CITY);
  // A gap at city level is a data fault, not the reporter's: never drop a report silently.
  if (!dept) throw new RoutingError('noDepartment', { kind, jurisdiction });
  return dept;
}

const deptUnit = (d: Department): Unit => ({ type: 'dept', id: d.id, name: d.name });
const schoolUnit = (s: School, staffRole: SchoolPost): Unit => ({ type: 'school', id: s.id, name: s.name, staffRole });

function resolvePlace(input: RouteInput, catalog: Catalog): { jurisdiction: Jurisdiction; school?: School } {
  const { schoolId, countyId } = input;
  if (countyId !== undefined && !catalog.counties.some((c) => c.id === countyId)) throw bad('unknownCounty');
  if (schoolId !== undefined) {
    const school = catalog.schools.find((s) => s.id === schoolId);
    if (!school) throw bad('unknownSchool');
    // The school decides: a city school (普洱学院) keeps city jurisdiction even if the reporter also picked the county it stands in.
    return { jurisdiction: school.jurisdiction, school };
  }
  if (countyId === undefined) throw bad('noPlace');
  return { jurisdiction: countyId };
}

/**
 * Applies the routing table: who leads, who is informed, how urgent, and by
 * when it must be acknowledged.
 */
export function routeReport(input: RouteInput, catalog: Catalog, table: RoutingTable): RouteResult {
  if (!(REPORT_CATEGORIES as readonly string[]).includes(input.category)) throw bad('unknownCategory');
  if (!(input.at instanceof Date) || Number.isNaN(input.at.getTime())) throw bad('badTime');
  const rule = table[input.category];
  const { jurisdiction, school } = resolvePlace(input, catalog);

  const leadSpecs: LeadSpec[] = [...rule.lead];
  if (rule.leadByWaterType) {
    if (input.waterType === undefined) throw bad('noWaterType');
    if (!(WATER_TYPES as readonly string[]).includes(input.waterType)) throw bad('unknownWaterType');
    leadSpecs.push(rule.leadByWaterType[input.waterType]);
  }

  const informedKinds: DeptKind[] = [...rule.informed];
  for (const [flag, kinds] of Object.entries(rule.flagInformed ?? {}) as [ReportFlag, readonly DeptKind[]][]) {
    if (input.flags?.[flag] === true) informedKinds.push(...kinds);
  }

  const lead: Unit[] = [];
  for (const spec of leadSpecs) {
    if (isSchoolPost(spec)) {
      if (school) lead.push(schoolUnit(school, spec));
    } else {
      lead.push(deptUnit(findDepartment(catalog, spec, jurisdiction)));
    }
  }
  const informed = informedKinds.map((k) => deptUnit(findDepartment(catalog, k, jurisdiction)));

  // A unit listed twice keeps its strongest part: leading beats being informed.
  const seen = new Set<string>();
  const keep = (u: Unit) => (seen.has(unitKey(u)) ? false : (seen.add(unitKey(u)), true));
  const leadUnique = lead.filter(keep);
  const informedUnique = informed.filter(keep);

  const priority = rule.seasonal && inSeason(chinaMonth(input.at), rule.seasonal) ? rule.seasonal.priority : rule.priority;
  return {
    jurisdiction,
    lead: leadUnique,
    informed: informedUnique,
    priority,
    dueAt: new Date(input.at.getTime() + ACK_WITHIN_MS[priority]),
    deptIds: [...leadUnique, ...informedUnique].map(unitKey),
  };
}

const POST_NAMES: Record<SchoolPost, string> = { school_safety_officer: '学校安全专干', psych_teacher: '心理健康教师' };

/** Chinese names of everyone a case went to, lead first (stored on the case as `routedTo`). */
export function describeRoute(route: Pick<RouteResult, 'lead' | 'informed'>): string[] {
  return [...route.lead, ...route.informed].map((u) => (u.type === 'dept' ? u.name : `${u.name}（${POST_NAMES[u.staffRole]}）`));
}

