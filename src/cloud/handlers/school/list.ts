import { z } from 'zod';
import { defineAction } from '../../core/action';
import { dir, managedAreas, type SchoolDoc } from '../../core/directory';

/**
 * The schools the caller looks after: a school admin their school; a
 * coordinator or education bureau handler those of their area, with the
 * number of open classes and students. Closed schools are listed as closed.
 */
export const list = defineAction({
  name: 'school.list',
  input: z.object({}).strict(),
  async handle(_input, ctx) {
    const roles = ctx.caller!.roles;
    const d = dir(ctx);
    const schools: SchoolDoc[] = await d.schoolsIn(managedAreas(roles));
    for (const r of roles) {
      if (r.role === 'school_admin' && r.schoolId && !schools.some((s) => s._id === r.schoolId)) {
        const s = await d.school(r.schoolId);
        if (s) schools.push(s);
      }
    }
    return {
      schools: await Promise.all(schools.map(async (s) => {
        const classes = (await d.classesOf(s._id)).filter((c) => c.status === 'open');
        return {
          id: s._id, name: s.name, jurisdiction: s.jurisdiction, stage: s.stage, status: s.status,
          classes: classes.length,
          students: await ctx.store.collection('students').count({ schoolId: s._id, status: { $ne: 'graduated' } }),
        };
      })),
    };
  },
});
