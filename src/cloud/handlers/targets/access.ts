/**
 * Who reads the desk, and which area: a coordinator their county or the city;
 * a handler of a department that files the monthly returns (教育体育局, 公安局,
 * 市场监督管理局) their department's county or the city. Everyone else
 * (students, guardians, teachers, other handlers) is refused, and the refusal
 * is audited (the role gate lets any logged-in caller reach the handler so
 * that it can be).
 */
import { content } from '../../../content';
import { coordinatedJurisdictions } from '../../../domain/jurisdiction';
import { CITY } from '../../../domain/catalog';
import { AppError } from '../../../domain/errors';
import type { Ctx } from '../../core/context';
import { RETURN_KINDS } from './returns';

export const DESK_DENIED = '目标看板只对平安办协调员和牵头部门（教育体育局、公安局、市场监管局）开放。';

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

/** The area to show: the one asked for if the caller covers it, else their widest. Audits and refuses otherwise. */
export async function requireDeskArea(ctx: Ctx, action: string, asked?: string): Promise<{ area: string; areas: string[] }> {
  const areas = deskAreas(ctx);
  const covers = (a: string) => areas.includes(CITY) || areas.includes(a);
  if (!areas.length || (asked !== undefined && !covers(asked))) {
    await ctx.audit({ action: `${action}.denied`, subjectType: 'area', subjectId: asked ?? '-', detail: { roles: (ctx.caller?.roles ?? []).map((r) => r.role) } });
    throw new AppError('FORBIDDEN', areas.length ? '这个县（区）不在您负责的范围内。' : DESK_DENIED);
  }
  return { area: asked ?? areas[0], areas };
}
