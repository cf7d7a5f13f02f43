import { z } from 'zod';
import { content } from '../../../content';
import {
  STATE_ALLOWS, actingBinding, caseAccess, type CaseAccess, type CaseAction,
} from '../../../domain/case';
import { coordinatedJurisdictions, coordinatorName } from '../../../domain/jurisdiction';
import { AppError } from '../../../domain/errors';
import type { RoleBinding } from '../../../domain/roles';
import type { Ctx } from '../../core/context';
import type { Patch } from '../../store/types';
import { appendEvent, type NewEvent } from './events';
import type { CaseDoc } from './views';
import { CONFLICT_MESSAGES, RACE_MESSAGE } from './messages';

export const caseIdSchema = z.string({ required_error: '缺少案件编号。', invalid_type_error: '案件编号不对。' })
  .regex(/^c[0-9a-f]{31}$/, '案件编号不对，请从案件列表重新打开。');

export const NOT_FOUND_MESSAGE = '没有找到这个案件，可能编号有误。';

export interface LoadedCase {
  c: CaseDoc;
  access: CaseAccess;
  bindings: readonly RoleBinding[];
  userId: string;
  now: number;
  /** this request's mark on the case it changes (from the request id: a retry has the same one) */
  changeKey: string;
  /** a retry of a request whose state change is already on the case (it crashed after it) */
  replay: boolean;
}

/**
 * The case and what the caller may do with it. NOT_FOUND if there is no such case.
 *
 * A state change leaves on the case which request made it and what the
 * changed fields were before (`lastChange`). A retry of that request after a
 * crash (CloudBase has no transaction to roll it back) sees the case as it
 * was before its own change, so the same checks pass and `transition`
 * finishes what the first try left undone (event, audit, notifications)
 * instead of refusing its own work (faultsCloudbase.test.ts).
 */
export async function loadCase(ctx: Ctx, id: string): Promise<LoadedCase> {
  const caller = ctx.caller!;
  const stored = await ctx.store.collection<CaseDoc>('cases').get(id);
  if (!stored) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
  const changeKey = ctx.newId('case-change');
  const replay = stored.lastChange?.key === changeKey;
  const c: CaseDoc = replay ? { ...stored, ...(stored.lastChange!.before as Partial<CaseDoc>), version: stored.version - 1 } : stored;
  const now = ctx.clock.now().getTime();
  return { c, access: caseAccess(c, caller.userId, caller.roles, now), bindings: caller.roles, userId: caller.userId, now, changeKey, replay };
}

/**
 * FORBIDDEN if the caller may never do this to this case; CONFLICT (with
 * words for the state it is in) if they may, but not now. Decided per
 * binding (actingBinding): from here on `l` is narrowed to the one binding
 * that may act, so the handler's unit, scope and timeline label all come
 * from that binding and never mix with another's.
 */
export function requireAction(l: LoadedCase, action: CaseAction) {
  const acting = actingBinding(action, l.c, l.userId, l.bindings, l.now);
  if (!acting) throw new AppError('FORBIDDEN', '您所在的单位不负责这个案件，不能进行这项操作。');
  l.access = acting.access;
  l.bindings = [acting.binding];
  if (!STATE_ALLOWS[action].includes(l.c.status)) {
    throw new AppError('CONFLICT', CONFLICT_MESSAGES[action][l.c.status] ?? RACE_MESSAGE);
  }
}

/** "赵明（普洱市公安局思茅分局）": the staff member and the unit they act for, for the case timeline. */
export function actorLabel(l: LoadedCase): string {
  const { catalog } = content;
  const key = l.access.unitKeys[0];
  let binding: RoleBinding | undefined;
  let unit: string | undefined;
  if (key) {
    binding = l.bindings.find((b) => b.deptId === key || (b.schoolId && key === `school:${b.schoolId}:${b.role}`));
    unit = key.startsWith('school:')
      // the school's name as the case's units carry it (schools are records; the case keeps the name it was routed under)
      ? ([...l.c.lead, ...l.c.informed].find((u) => u.type === 'school' && u.id === binding?.schoolId)?.name ??
        catalog.schools.find((s) => s.id === binding?.schoolId)?.name)
      : catalog.departments.find((d) => d.id === key)?.name;
  } else {
    const area = coordinatedJurisdictions(l.bindings)[0];
    binding = l.bindings.find((b) => b.role === 'coordinator' && b.jurisdiction === area);
    unit = area ? coordinatorName(catalog, area) : undefined;
  }
  const name = binding?.displayName ?? '工作人员';
  return unit ? `${name}（${unit}）` : name;
}

/**
 * One state change: compare-and-set on the version the caller read, so two
 * handlers racing cannot both apply (the loser gets CONFLICT), then the
 * event and the audit entry.
 */
export async function transition(
  ctx: Ctx, l: LoadedCase, action: CaseAction, set: Patch<CaseDoc>['set'], event: Omit<NewEvent, 'caseId' | 'actorId'>,
): Promise<CaseDoc> {
  const cases = ctx.store.collection<CaseDoc>('cases');
  if (!l.replay) {
    const before = Object.fromEntries(Object.keys(set ?? {}).map((k) => [k, (l.c as Record<string, unknown>)[k] ?? null]));
    const lastChange = { key: l.changeKey, before };
    const ok = await cases.updateIf(l.c._id, { version: l.c.version, status: l.c.status }, { set: { ...set, lastChange }, inc: { version: 1 } });
    if (!ok) throw new AppError('CONFLICT', RACE_MESSAGE);
  }
  await appendEvent(ctx.store, ctx.clock, { ...event, caseId: l.c._id, actorId: ctx.caller!.userId, requestKey: l.changeKey });
  await ctx.audit({ action: `case.${action}`, subjectType: 'case', subjectId: l.c._id, detail: { from: l.c.status } });
  return (await cases.get(l.c._id))!;
}
