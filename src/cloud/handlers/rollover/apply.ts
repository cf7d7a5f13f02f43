import { z } from 'zod';
import { rolloverOn } from '../../../domain/rollover';
import { AppError } from '../../../domain/errors';
import { defineAction } from '../../core/action';
import { applyRollover, passDone, rolloverDay, schoolInMyCare } from './shared';
import { schoolIdSchema } from './schema';

/**
 * Applies this year's rollover to one school now (from the start of the summer; the
 * scheduler does every school not yet done on the date). Idempotent: a second call
 * for the same school and year changes nothing and says so.
 */
export const apply = defineAction({
  name: 'rollover.apply',
  input: z.object({ schoolId: schoolIdSchema }).strict(),
  labels: { schoolId: '学校' },
  async handle({ schoolId }, ctx) {
    const school = await schoolInMyCare(ctx.store, ctx.caller!.roles, schoolId);
    const when = rolloverOn(ctx.clock.now(), await rolloverDay(ctx.store));
    if (!when.open) {
      throw new AppError('CONFLICT', `还没到升级的时候：今年的升级日是 ${when.date}，暑假开始后才能提前升级。`);
    }
    if (await passDone(ctx.store, when.year)) {
      // the scheduler's pass has run: this school's classes were moved then, or made afterwards in their new grade
      return { schoolId, year: when.year, alreadyApplied: true, promoted: 0, graduated: 0, students: 0, bindingsEnded: 0, date: when.date };
    }
    const r = await applyRollover(ctx.store, ctx.clock, school, ctx.caller!.userId, { audit: (entry, id) => ctx.audit(entry, { id }), mark: ctx.newId('rollover') });
    return { ...r, date: when.date };
  },
});
