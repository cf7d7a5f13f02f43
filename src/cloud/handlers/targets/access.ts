/**
 * Who reads the desk, and which part of it:
 *  - a coordinator: their county or the city;
 *  - a handler of a department that files the monthly returns (教育体育局,
 *    公安局, 市场监督管理局): their department's county or the city;
 *  - a school leader (`school_admin`, the "school leaders"): their own
 *    school only, and only what the app counts there (screening, the holiday
 *    letter, mental-health education, down to its classes). Not the figures:
 *    the monthly returns are county counts filed by the departments
 *    (figures.* refuse a school admin, and the desk leaves the reported
 *    targets out of a school's view).
 * Everyone else (students, guardians, teachers, other handlers) is refused,
 * and the refusal is audited (the role gate lets any logged-in caller reach
 * the handler so that it can be).
 */
import { content } from '../../../content';
import { coordinatedJurisdictions } from '../../../domain/jurisdiction';
import { CITY } from '../../../domain/catalog';
import { AppError } from '../../../domain/errors';
import type { Ctx } from '../../core/context';
import type { DeskDirectory, DeskSchool } from './directory';
import { RETURN_KINDS } from './returns';

export const DESK_DENIED = '目标看板只对平安办协调员、牵头部门（教育体育局、公安局、市场监管局）和学校管理员（本校）开放。';
export const SCHOOL_ONLY = '学校管理员只能看本校的目标看板。';
export const NOT_YOUR_SCHOOL = '这所学校不在您负责的范围内。';
export const NO_FIGURES_FOR_SCHOOLS = '这个目标由部门按县（区）填报，学校管理员的看板只有本校学生的数字。';

/** The caller's desk areas (CITY first when held); empty when none. */
export function deskAreas(ctx: Ctx): string[] {
  const roles = ctx.caller?.roles ?? [];
  const areas = new Set(coordinatedJurisdictions(roles));
  for (const b of roles) {
    if (b.role !== 'handler' || !b.deptId) continue;
    const d = content.catalog.departments.find((x) => x.id === b.deptId);
    if (d && RETURN_KINDS.includes(d.kind)) areas.add(d.jurisdiction);
  }
  return [...areas].sort((a, b) => Number(b === CITY) - Number(a === CITY));
}

/** The schools the caller leads (school_admin bindings), in binding order. */
export function deskSchools(ctx: Ctx): string[] {
  return [...new Set((ctx.caller?.roles ?? []).filter((b) => b.role === 'school_admin' && b.schoolId).map((b) => b.schoolId!))];
}

/** What a desk request shows: an area (county or city) with every target, or one school with the app-counted ones. */
export type DeskScope =
  | { kind: 'area'; area: string; areas: string[] }
  | { kind: 'school'; school: DeskSchool; areas: string[] };

async function refuse(ctx: Ctx, action: string, subjectType: string, subjectId: string, message: string): Promise<never> {
  await ctx.audit({ action: `${action}.denied`, subjectType, subjectId, detail: { roles: (ctx.caller?.roles ?? []).map((r) => r.role) } });
  throw new AppError('FORBIDDEN', message);
}

/**
 * The part of the desk to show: the school or county asked for if the caller
 * covers it, else their widest area, else their (first) school. Audits and
 * refuses otherwise. A school must be open or have been asked for by id
 * (a closed school's own admin may still read its classes).
 */
export async function requireDeskScope(ctx: Ctx, action: string, ask: { countyId?: string; schoolId?: string }, desk: DeskDirectory): Promise<DeskScope> {
  const areas = deskAreas(ctx);
  const schools = deskSchools(ctx);
  const coversArea = (a: string) => areas.includes(CITY) || areas.includes(a);
  if (!areas.length && !schools.length) return refuse(ctx, action, 'area', ask.countyId ?? ask.schoolId ?? '-', DESK_DENIED);
  if (ask.schoolId) {
    const school = desk.school(ask.schoolId);
    if (!school) throw new AppError('NOT_FOUND', '没有找到这所学校。');
    if (ask.countyId && ask.countyId !== school.countyId) throw new AppError('BAD_INPUT', '这所学校不在所选的县（区）。');
    if (!coversArea(school.countyId) && !schools.includes(school.id)) return refuse(ctx, action, 'school', school.id, NOT_YOUR_SCHOOL);
    return { kind: 'school', school, areas };
  }
  if (ask.countyId !== undefined) {
    if (!coversArea(ask.countyId)) return refuse(ctx, action, 'area', ask.countyId, areas.length ? '这个县（区）不在您负责的范围内。' : SCHOOL_ONLY);
    return { kind: 'area', area: ask.countyId, areas };
  }
  if (areas.length) return { kind: 'area', area: areas[0], areas };
  const school = desk.school(schools[0]);
  if (!school) throw new AppError('NOT_FOUND', '没有找到您的学校，请联系县（区）平安办核对。');
  return { kind: 'school', school, areas };
}
