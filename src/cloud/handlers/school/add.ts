import { createHash } from 'node:crypto';
import { z } from 'zod';
import { content } from '../../../content';
import { coordinatorCovers } from '../../../domain/jurisdiction';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import { managedAreas, type SchoolDoc } from '../../core/directory';

export const STAGES = ['primary', 'middle', 'high', 'nine_year', 'vocational', 'university'] as const;
export const schoolNameSchema = z.string().trim().min(2, '请填写学校全称。').max(40, '学校名称太长了。');

/**
 * Adds a school (a coordinator in their area, the county education bureau in
 * its county). The id is derived from the request, so a retry adds it once.
 * A school of the same name in the same county is refused.
 */
export const add = defineAction({
  name: 'school.add',
  input: z.object({
    name: schoolNameSchema,
    jurisdiction: z.string().min(1, '请选择学校所在的县（区）。').max(40),
    stage: z.enum(STAGES, { errorMap: () => ({ message: '请选择学段（小学、初中、高中、九年一贯制、职业学校或大学）。' }) }),
  }).strict(),
  labels: { name: '学校名称', jurisdiction: '所在县（区）', stage: '学段' },
  async handle({ name, jurisdiction, stage }, ctx) {
    if (jurisdiction !== 'city' && !content.catalog.counties.some((c) => c.id === jurisdiction)) {
      throw new AppError('BAD_INPUT', '没有这个县（区），请重新选择。');
    }
    if (!managedAreas(ctx.caller!.roles).some((a) => coordinatorCovers(a, jurisdiction))) {
      throw new AppError('FORBIDDEN', '您只能在自己负责的县（区）添加学校。');
    }
    const schools = ctx.store.collection<SchoolDoc>('schools');
    const id = `sch-${jurisdiction}-` + createHash('sha256').update(`${ctx.caller!.userId}:${ctx.requestId}`).digest('hex').slice(0, 8);
    const same = (await schools.find({ jurisdiction })).find((s) => s.name === name);
    // the school this very request added on an earlier try (a crash before its audit row, on CloudBase): finish, not refuse
    const own = same?._id === id && same.stage === stage ? same : null;
    if (same && !own) throw new AppError('CONFLICT', `${name}已经在名单里了。`);
    const now = ctx.clock.now().getTime();
    const doc: SchoolDoc = own ?? { _id: id, name, jurisdiction, stage, status: 'open', createdAt: now, updatedAt: now };
    if (!own) await schools.insert(doc);
    await ctx.audit({ action: 'school.add', subjectType: 'school', subjectId: id, detail: { name, jurisdiction } });
    return { id, name, jurisdiction, stage, status: doc.status };
  },
});
