import { z } from 'zod';
import { defineAction } from '../../core/action';
import { previewRollover, schoolInMyCare } from './shared';
import { schoolIdSchema } from './schema';

/**
 * What this year's rollover does to a school, before it happens: each open class's
 * grade and name now and after (or 毕业), how many children move. A school admin for
 * their school, a coordinator for the schools of their area. Counts and class names only.
 */
export const preview = defineAction({
  name: 'rollover.preview',
  input: z.object({ schoolId: schoolIdSchema }).strict(),
  labels: { schoolId: '学校' },
  async handle({ schoolId }, ctx) {
    const school = await schoolInMyCare(ctx.store, ctx.caller!.roles, schoolId);
    return previewRollover(ctx.store, school, ctx.clock.now());
  },
});
