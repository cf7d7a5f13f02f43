import { z } from 'zod';
import { content } from '../../../content';
import { RESOLVE_WITHIN_MS } from '../../../domain/case';
import { CITY } from '../../../domain/catalog';
import { AppError } from '../../../domain/errors';
import { ACK_WITHIN_MS, unitKey, type Unit } from '../../../domain/report';
import { defineAction } from '../../core/action';
import type { Ctx } from '../../core/context';
import { dir } from '../../core/directory';
import { notifyUnits } from './notify';
import { actorLabel, caseIdSchema, loadCase, requireAction, transition } from './access';
import { reporterYou } from './views';

export const TRANSFER_MESSAGES = {
  unknownDept: '没有找到这个部门，请重新选择。',
  peaceOffice: '平安办负责督办，不直接办理案件，请选择具体的办理部门。',
  alreadyLead: '这个部门已经在负责这个案件了，请选择别的部门。',
} as const;

/** The county (or city) a unit belongs to. */
async function unitJurisdiction(ctx: Ctx, u: Unit): Promise<string | null> {
  // schools are records (core/directory.ts); departments are city data
  if (u.type === 'school') return dir(ctx).countyOfSchool(u.id);
  return content.catalog.departments.find((d) => d.id === u.id)?.jurisdiction ?? null;
}

/** Units in order, each once, leaving out the keys in `exclude`. */
function uniqueUnits(units: Unit[], exclude: Set<string>): Unit[] {
  const seen = new Set(exclude);
  return units.filter((u) => {
    const k = unitKey(u);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Hands the lead to another department (wrong jurisdiction, wrong kind of
 * problem). A lead unit hands over its own part: it stops leading but stays
 * informed, so it can still read what happens. A coordinator hands over the
 * whole case: every current lead becomes informed. The case goes back to
 * 'new' with fresh deadlines for the receiving unit. Moving to a department
 * of another county moves the case's jurisdiction with it, so that county's
 * coordinator watches it.
 */
export const transfer = defineAction({
  name: 'case.transfer',
  input: z.object({
    id: caseIdSchema,
    toDeptId: z.string({ required_error: '请选择要转交的部门。', invalid_type_error: '请选择要转交的部门。' }).min(1, '请选择要转交的部门。').max(64, TRANSFER_MESSAGES.unknownDept),
    reason: z.string({ required_error: '请写一下转交的原因。', invalid_type_error: '请写一下转交的原因。' })
      .trim().min(2, '请写一下转交的原因，至少2个字。').max(500, '转交原因最多500个字。'),
  }).strict(),
  labels: { id: '案件编号', toDeptId: '转交部门', reason: '转交原因' },
  async handle({ id, toDeptId, reason }, ctx) {
    const l = await loadCase(ctx, id);
    requireAction(l, 'transfer');
    const dept = content.catalog.departments.find((d) => d.id === toDeptId);
    if (!dept) throw new AppError('BAD_INPUT', TRANSFER_MESSAGES.unknownDept);
    if (dept.kind === 'peace_office') throw new AppError('BAD_INPUT', TRANSFER_MESSAGES.peaceOffice);
    if (l.c.lead.some((u) => unitKey(u) === dept.id)) throw new AppError('BAD_INPUT', TRANSFER_MESSAGES.alreadyLead);
    // an informed unit taking the case over (the police on a case with an injury or a weapon: mayTakeOver) takes it itself
    const takingOver = !l.access.lead && !l.access.coordinator;
    if (takingOver && !l.access.unitKeys.includes(dept.id)) throw new AppError('FORBIDDEN', '协办单位只能把案件转为由本单位牵头办理，不能转给别的单位。');

    const target: Unit = { type: 'dept', id: dept.id, name: dept.name };
    // A lead unit hands over its own part; a coordinator (not leading) hands over the whole case.
    const isLeadKey = (k: string) => l.c.lead.some((u) => unitKey(u) === k);
    const handingOver = new Set(l.access.lead ? l.access.unitKeys.filter(isLeadKey) : l.c.lead.map(unitKey));
    const lead = [...l.c.lead.filter((u) => !handingOver.has(unitKey(u))), target];
    const informed = uniqueUnits(
      [...l.c.informed, ...l.c.lead.filter((u) => handingOver.has(unitKey(u)))],
      new Set(lead.map(unitKey)), // a unit that leads is not also listed as informed
    );
    // The case's jurisdiction follows the department it goes to; but while units of another county
    // still lead it, their coordinators must keep sight of it too (leadJurisdictions, caseAccess).
    const jurisdiction = dept.jurisdiction !== CITY && dept.jurisdiction !== l.c.jurisdiction ? dept.jurisdiction : l.c.jurisdiction;
    const leadJurisdictions = [...new Set((await Promise.all(lead.map((u) => unitJurisdiction(ctx, u)))).filter((j): j is string => j !== null && j !== jurisdiction))];
    const actor = actorLabel(l);

    const c = await transition(ctx, l, 'transfer', {
      lead,
      informed,
      deptIds: [...lead, ...informed].map(unitKey),
      jurisdiction,
      leadJurisdictions,
      status: 'new',
      acknowledgedAt: null,
      dueAt: l.now + ACK_WITHIN_MS[l.c.priority],
      resolveDueAt: l.now + RESOLVE_WITHIN_MS[l.c.priority],
    }, {
      kind: 'transferred',
      text: takingOver ? `${actor}把案件转为由${dept.name}牵头办理。原因：${reason}` : `${actor}将案件转交给${dept.name}。原因：${reason}`,
      reporterText: `${reporterYou(l.c)}反映的情况已转交给${dept.name}处理。`,
      actorName: actor,
    });
    await notifyUnits(ctx, c, [dept.id], 'new_case', { transferred: '是' });
    return { id: c._id, status: c.status, lead: c.lead.map((u) => u.name), dueAt: c.dueAt };
  },
});
