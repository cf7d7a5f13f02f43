import type { Ctx } from '../../core/context';
import { campaignForSchool, commitmentId, guardianBindings, loadTerms, today, type CommitmentDoc, type StudentDoc } from './shared';

/** For the home tab: the open letter and how many of my children still wait for my signature, or null. */
export async function awaitingSignature(ctx: Ctx): Promise<{ campaignId: string; name: string; unsigned: number } | null> {
  const caller = ctx.caller!;
  const bindings = guardianBindings(caller.roles);
  if (bindings.length === 0) return null;
  const terms = await loadTerms(ctx.store);
  const day = today(ctx.clock.now());
  type Awaiting = { campaignId: string; name: string; unsigned: number };
  let found = null as Awaiting | null;
  for (const b of bindings) {
    const s = await ctx.store.collection<StudentDoc>('students').get(b.studentId);
    const c = s ? await campaignForSchool(ctx, s.schoolId, day, terms) : null;
    if (!s || !c) continue;
    const mine = await ctx.store.collection<CommitmentDoc>('commitments').get(commitmentId(c.id, s._id, caller.userId));
    if (mine) continue;
    found = { campaignId: c.id, name: c.name, unsigned: (found?.unsigned ?? 0) + 1 };
  }
  return found;
}
