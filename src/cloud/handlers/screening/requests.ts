import { z } from 'zod';
import type { Student } from '../../../domain/catalog';
import { defineAction } from '../../core/action';
import { getStudent, psychSchools } from './model';
import { requestView, type RightsRequestDoc } from './rights';

/** Requests of my school(s), open ones first by deadline (psychology teacher). */
export const requests = defineAction({
  name: 'screening.requests',
  input: z.object({}).strict(),
  async handle(_input, ctx) {
    const schools = psychSchools(ctx.caller!.roles);
    const now = ctx.clock.now().getTime();
    const rows = schools.length
      ? await ctx.store.collection<RightsRequestDoc>('screening_requests').find({ schoolId: { $in: schools } }, { orderBy: [['at', 'desc']], limit: 200 })
      : [];
    const names = new Map<string, Student | null>();
    for (const r of rows) if (!names.has(r.studentId)) names.set(r.studentId, await getStudent(ctx.store, r.studentId));
    const items = rows.map((r) => ({ ...requestView(r, now), studentName: names.get(r.studentId)?.name ?? '' }))
      .sort((a, b) => (a.status === b.status ? (a.status === 'open' ? a.dueAt - b.dueAt : b.at - a.at) : a.status === 'open' ? -1 : 1));
    await ctx.audit({ action: 'screening.requests', subjectType: 'school', subjectId: schools.join(','), detail: { rows: items.length } });
    return { items, open: items.filter((i) => i.status === 'open').length };
  },
});

