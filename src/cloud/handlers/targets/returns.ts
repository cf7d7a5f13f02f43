/**
 * Monthly returns: what only the lead departments know (deaths, crimes,
 * inspections, schools equipped), counts only, one return per county,
 * department kind and month, filed by a handler of that county's department
 * of that kind. A correction keeps the earlier version with who, when and why.
 */
import { z } from 'zod';
import { content } from '../../../content';
import { coordinatedJurisdictions, coordinatorCovers } from '../../../domain/jurisdiction';
import { CITY, type DeptKind } from '../../../domain/catalog';
import { AppError } from '../../../domain/errors';
import type { RoleBinding } from '../../../domain/roles';
import { chinaDay } from '../../../domain/chinaTime';
import { MONTH, monthIndex, returnDueAt, type FigureDef } from '../../../domain/targets';
import type { Store } from '../../store/types';
import { countyName } from './directory';

export interface ReturnDoc {
  _id: string;
  countyId: string;
  deptKind: DeptKind;
  deptId: string;
  month: string;
  values: Record<string, number>;
  note: string;
  filedBy: string;
  filedByName: string;
  filedAt: number;
  firstFiledAt: number;
  /** first filed after the month's deadline */
  late: boolean;
  version: number;
  [k: string]: unknown;
}

export interface ReturnHistoryDoc extends Omit<ReturnDoc, '_id'> {
  _id: string;
  returnId: string;
  /** who replaced this version, when and why */
  replacedBy: string;
  replacedByName: string;
  replacedAt: number;
  reason: string;
}

export const returnId = (countyId: string, kind: DeptKind, month: string) => `${countyId}|${kind}|${month}`;

export const FIGURES: readonly FigureDef[] = content.targets.FIGURES;
export const figuresOf = (kind: DeptKind) => FIGURES.filter((f) => f.lead === kind);
/** Department kinds that file a return. */
export const RETURN_KINDS: DeptKind[] = [...new Set(FIGURES.map((f) => f.lead))];

export const deptName = (countyId: string, kind: DeptKind) =>
  content.catalog.departments.find((d) => d.jurisdiction === countyId && d.kind === kind)?.name
  ?? content.catalog.departments.find((d) => d.jurisdiction === CITY && d.kind === kind)?.name ?? kind;

export const dueAtOf = (month: string) => returnDueAt(month, content.targets.RETURN_DUE_DAY);

/** Counties and the city's own level: where returns are filed. */
export const RETURN_AREAS = [...content.catalog.counties.map((c) => c.id), CITY];

export const countyIdSchema = z.string({ required_error: '请选择县（区）。', invalid_type_error: '县（区）不对。' })
  .refine((v) => RETURN_AREAS.includes(v), '没有这个县（区），请从列表里选择。');
export const monthSchema = z.string({ required_error: '请选择月份。', invalid_type_error: '月份不对。' })
  .regex(MONTH, '月份的格式是 2026-03 这样的年-月。');

/** The month must have begun (China time) and be within the plan's years or later; no return for the future. */
export function requireFileableMonth(month: string, now: number) {
  const current = chinaDay(now).slice(0, 7);
  if (monthIndex(month) > monthIndex(current)) throw new AppError('BAD_INPUT', '这个月还没到，不能提前填报。');
  if (monthIndex(month) < monthIndex('2023-01')) throw new AppError('BAD_INPUT', '只能填报2023年1月（行动方案开始）以后的月份。');
}

/**
 * The caller's handler binding for a department of this county that files
 * a return (its kind); FORBIDDEN otherwise. The department comes from the
 * catalog by the binding's deptId, so a binding cannot claim another kind.
 */
export function filingDept(roles: readonly RoleBinding[], countyId: string): { deptId: string; kind: DeptKind; name: string; byName: string } {
  for (const b of roles) {
    if (b.role !== 'handler' || !b.deptId) continue;
    const d = content.catalog.departments.find((x) => x.id === b.deptId);
    if (d && d.jurisdiction === countyId && RETURN_KINDS.includes(d.kind)) return { deptId: d.id, kind: d.kind, name: d.name, byName: b.displayName ?? '经办人' };
  }
  throw new AppError('FORBIDDEN', '只有本县（区）牵头部门的经办人可以填报或更正这份月报。');
}

/** The areas a coordinator covers, as return areas (the city coordinator: all of them). */
export function coordinatorAreas(roles: readonly RoleBinding[]): string[] {
  const areas = coordinatedJurisdictions(roles);
  return RETURN_AREAS.filter((a) => areas.some((x) => coordinatorCovers(x, a) || x === a));
}

export async function returnsOf(store: Store, months: readonly string[], countyIds: readonly string[]): Promise<ReturnDoc[]> {
  if (!months.length || !countyIds.length) return [];
  return store.collection<ReturnDoc>('figure_returns').find({ month: { $in: [...months] }, countyId: { $in: [...countyIds] } });
}

export { countyName };
