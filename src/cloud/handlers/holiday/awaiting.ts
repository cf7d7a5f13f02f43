import type { Ctx } from '../../core/context';
import { campaignForSchool, commitmentId, guardianBindings, loadTerms, today, type CommitmentDoc, type StudentDoc } from './shared';

/**
 * For the home tab: the open letter, how many of my children still wait for my signature and for how
 * many I signed (so the card can lead back to the receipt: 已签署 · 查看回执), or null when no letter is open.
 */
export async function awaitingSignature(ctx: Ctx): Promise<{ campaignId: string; name: string; unsigned: number; signed: number } | null> {
  const caller = ctx.caller!;
  const bindings = guardianBindings(caller.roles);
  if (bindings.length === 0) return null;
  const terms = await loadTerms(ctx.store);
  const day = today(ctx.clock.now());
  type Awaiting = { campaignId: string; name: string; unsigned: number; signed: number };
  let found = null as Awaiting | null;
  for (const b of bindings) {
    const s = await ctx.store.collection<StudentDoc>('students').get(b.studentId);
    const c = s ? await campaignForSchool(ctx, s.schoolId, day, terms) : null;
    if (!s || !c) continue;
    const mine = await ctx.store.collection<CommitmentDoc>('commitments').get(commitmentId(c.id, s._id, caller.userId));
    // An unsigned child's letter comes first; a signed one is shown only when nothing waits.
    if (found && found.campaignId !== c.id && (mine || found.unsigned > 0)) continue;
    const base = found?.campaignId === c.id ? found : { campaignId: c.id, name: c.name, unsigned: 0, signed: 0 };
    found = { ...base, unsigned: base.unsigned + (mine ? 0 : 1), signed: base.signed + (mine ? 1 : 0) };
  }
  return found;
}
