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

export const ROUTING_MESSAGES = {
  noPlace: '请先选择事情发生在哪个县区或学校，这样我们才知道该交给哪里的部门处理。',
  unknownSchool: '没有找到这所学校，请重新选择学校。',
  unknownCounty: '没有找到这个县区，请重新选择县区。',
  unknownCategory: '请选择要反映的是哪一类事情。',
  noWaterType: '请选择是哪一种水域（比如水库、河流、鱼塘），这样才能找到负责管理它的部门。',
  unknownWaterType: '水域类型不对，请重新选择。',
  badTime: '时间不对，请刷新后再试。',
  noDepartment: '系统里还没有设置负责这类事情的部门，您的内容没有丢失，请联系平安办。',
} as const;

const bad = (message: string) => new AppError('BAD_INPUT', message);

/**
 * The department of a kind in a jurisdiction; if that county has none of its
 * own (its work is done by the city bureau), the city's.
 */
export function findDepartment(catalog: Catalog, kind: DeptKind, jurisdiction: Jurisdiction): Department {
  const local = catalog.departments.find((d) => d.kind === kind && d.jurisdiction === jurisdiction);
  const dept = local ?? catalog.departments.find((d) => d.kind === kind && d.jurisdiction === CITY);
  // A gap at city level is a data fault, not the reporter's: never drop a report silently.
  if (!dept) throw new AppError('INTERNAL', ROUTING_MESSAGES.noDepartment, { kind, jurisdiction });
  return dept;
}

const deptUnit = (d: Department): Unit => ({ type: 'dept', id: d.id, name: d.name });
const schoolUnit = (s: School, staffRole: SchoolPost): Unit => ({ type: 'school', id: s.id, name: s.name, staffRole });

function resolvePlace(input: RouteInput, catalog: Catalog): { jurisdiction: Jurisdiction; school?: School } {
  const { schoolId, countyId } = input;
  if (countyId !== undefined && !catalog.counties.some((c) => c.id === countyId)) throw bad(ROUTING_MESSAGES.unknownCounty);
  if (schoolId !== undefined) {
    const school = catalog.schools.find((s) => s.id === schoolId);
    if (!school) throw bad(ROUTING_MESSAGES.unknownSchool);
    // The school decides: a city school (普洱学院) keeps city jurisdiction even if the reporter also picked the county it stands in.
    return { jurisdiction: school.jurisdiction, school };
  }
  if (countyId === undefined) throw bad(ROUTING_MESSAGES.noPlace);
  return { jurisdiction: countyId };
}

/**
 * Applies the routing table: who leads, who is informed, how urgent, and by
 * when it must be acknowledged.
 */
export function routeReport(input: RouteInput, catalog: Catalog, table: RoutingTable): RouteResult {
  if (!(REPORT_CATEGORIES as readonly string[]).includes(input.category)) throw bad(ROUTING_MESSAGES.unknownCategory);
  if (!(input.at instanceof Date) || Number.isNaN(input.at.getTime())) throw bad(ROUTING_MESSAGES.badTime);
  const rule = table[input.category];
  const { jurisdiction, school } = resolvePlace(input, catalog);

  const leadSpecs: LeadSpec[] = [...rule.lead];
  if (rule.leadByWaterType) {
    if (input.waterType === undefined) throw bad(ROUTING_MESSAGES.noWaterType);
    if (!(WATER_TYPES as readonly string[]).includes(input.waterType)) throw bad(ROUTING_MESSAGES.unknownWaterType);
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

