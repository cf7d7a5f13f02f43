/**
 * A class's state in one campaign, for its class teacher: each child, who of
 * their guardians signed, when and how. Shared by commitment.progress,
 * commitment.export and commitment.nudge, so they always agree.
 */
import { chinaTimeText } from '../../../domain/chinaTime';
import type { Ctx } from '../../core/context';
import {
  countyOfSchool, loadTerms, METHOD_NAMES, requireCampaign, teacherClass, type CommitmentDoc, type StudentDoc,
} from '../holiday/shared';

export interface ClassItem {
  studentId: string;
  name: string;
  signed: boolean;
  signatures: Array<{ guardian: string; method: CommitmentDoc['method']; methodName: string; at: number; atText: string }>;
  /** guardians who hold a linked account for this child */
  guardiansLinked: number;
  /** linked guardians who have not signed (user ids stay on the server) */
  unsignedGuardianIds: string[];
}

export async function classView(ctx: Ctx, campaignId: string) {
  const { classId, schoolId } = teacherClass(ctx.caller!.roles);
  const campaign = requireCampaign(campaignId, await loadTerms(ctx.store), (await countyOfSchool(ctx, schoolId)) ?? undefined);
  const students = await ctx.store.collection<StudentDoc>('students').find({ classId }, { orderBy: [['_id', 'asc']] });
  const ids = students.map((s) => s._id);
  const [signed, links] = ids.length
    ? await Promise.all([
      ctx.store.collection<CommitmentDoc>('commitments').find({ campaignId: campaign.id, studentId: { $in: ids } }, { orderBy: [['signedAt', 'asc']] }),
      ctx.store.collection<{ _id: string; userId: string; studentId: string }>('guardianships').find({ studentId: { $in: ids } }),
    ])
    : [[], []];
  const items: ClassItem[] = students.map((s) => {
    const mine = signed.filter((c) => c.studentId === s._id);
    const guardians = [...new Set(links.filter((l) => l.studentId === s._id).map((l) => l.userId))];
    const signers = new Set(mine.map((c) => c.userId));
    return {
      studentId: s._id,
      name: s.name,
      signed: mine.length > 0,
      signatures: mine.map((c) => ({ guardian: c.guardianLabel, method: c.method, methodName: METHOD_NAMES[c.method], at: c.signedAt, atText: chinaTimeText(c.signedAt) })),
      guardiansLinked: guardians.length,
      unsignedGuardianIds: guardians.filter((g) => !signers.has(g)),
    };
  });
  return { campaign, classId, schoolId, items, signed: items.filter((i) => i.signed).length, eligible: items.length };
}
