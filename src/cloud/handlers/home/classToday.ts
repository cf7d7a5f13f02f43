import type { Ctx } from '../../core/context';
import type { CompletionDoc } from '../lesson/shared';
import { classView } from '../commitment/classView';
import { campaignForSchool, loadTerms, today } from '../holiday/shared';
import { chinaDayStart } from '../../../domain/chinaTime';

/** What a class teacher sees at a glance on 首页: today's lesson completions and the open holiday letter's count and deadline. */
export interface ClassToday {
  /** lessons finished by the class's students today (China day) */
  lessonsToday: number;
  holiday: { name: string; signed: number; eligible: number; start: string; unbound: number } | null;
}

export async function classToday(ctx: Ctx): Promise<ClassToday | null> {
  const b = ctx.caller?.roles.find((r) => r.role === 'class_teacher' && r.classId && r.schoolId);
  if (!b) return null;
  const now = ctx.clock.now();
  const day = today(now);
  const dayStart = chinaDayStart(day);
  const lessonsToday = (await ctx.store.collection<CompletionDoc>('lesson_completions').find({ classId: b.classId! }))
    .filter((c) => c.at >= dayStart).length;
  const c = await campaignForSchool(ctx, b.schoolId!, day, await loadTerms(ctx.store));
  if (!c) return { lessonsToday, holiday: null };
  const v = await classView(ctx, c.id);
  return {
    lessonsToday,
    holiday: { name: c.name, signed: v.signed, eligible: v.eligible, start: c.start, unbound: v.items.filter((i) => i.guardiansLinked === 0).length },
  };
}
