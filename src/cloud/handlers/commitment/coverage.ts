import { content } from '../../../content';
import { coordinatedJurisdictions } from '../../../domain/case';
import { CITY } from '../../../domain/catalog';
import { defineAction } from '../../core/action';
import { campaignById, loadTerms, type CommitmentDoc, type StudentDoc } from '../holiday/shared';
import { AppError } from '../../../domain/errors';
import { campaignInput } from './progress';

interface Cell { signed: number; eligible: number }
const cell = (): Cell => ({ signed: 0, eligible: 0 });

/**
 * Coverage for coordinators: children with at least one guardian's signature
 * over children on the roll, per county, school and class in the caller's
 * area. Counts only: no child, no family is named.
 */
export const coverage = defineAction({
  name: 'commitment.coverage',
  input: campaignInput,
  labels: { campaignId: '告家长书' },
  async handle({ campaignId }, ctx) {
    const areas = coordinatedJurisdictions(ctx.caller!.roles);
    const wholeCity = areas.includes(CITY);
    const campaign = campaignById(campaignId, await loadTerms(ctx.store));
    if (!campaign) throw new AppError('NOT_FOUND', '没有找到这份告家长书，请返回刷新后再试。');
    const schools = content.catalog.schools.filter((s) => wholeCity || areas.includes(s.jurisdiction));
    const schoolIds = schools.map((s) => s.id);
    const students = schoolIds.length
      ? await ctx.store.collection<StudentDoc>('students').find({ schoolId: { $in: schoolIds } })
      : [];
    const signedRows = schoolIds.length
      ? await ctx.store.collection<CommitmentDoc>('commitments').find({ campaignId: campaign.id, schoolId: { $in: schoolIds } })
      : [];
    const signedChildren = new Set(signedRows.map((r) => r.studentId));

    const total = cell();
    const byCounty = new Map<string, Cell>();
    const bySchool = new Map<string, Cell>();
    const byClass = new Map<string, Cell>();
    const bump = (m: Map<string, Cell>, k: string, signed: boolean) => {
      const c = m.get(k) ?? cell();
      c.eligible++;
      if (signed) c.signed++;
      m.set(k, c);
    };
    const countyOf = new Map(schools.map((s) => [s.id, s.jurisdiction]));
    for (const s of students) {
      const signed = signedChildren.has(s._id);
      total.eligible++;
      if (signed) total.signed++;
      bump(byCounty, countyOf.get(s.schoolId)!, signed);
      bump(bySchool, s.schoolId, signed);
      bump(byClass, s.classId, signed);
    }
    const countyName = (id: string) => id === CITY ? '市属学校' : content.catalog.counties.find((c) => c.id === id)?.name ?? id;
    await ctx.audit({ action: 'commitment.coverage', subjectType: 'campaign', subjectId: campaign.id, detail: { areas } });
    return {
      campaign: { id: campaign.id, name: campaign.name },
      area: wholeCity ? content.catalog.cityName : areas.map(countyName).join('、'),
      total,
      counties: [...byCounty].map(([id, c]) => ({
        id, name: countyName(id), ...c,
        schools: schools.filter((s) => s.jurisdiction === id && bySchool.has(s.id)).map((s) => ({
          id: s.id, name: s.name, ...bySchool.get(s.id)!,
          classes: content.catalog.classes.filter((k) => k.schoolId === s.id && byClass.has(k.id))
            .map((k) => ({ id: k.id, name: k.name, ...byClass.get(k.id)! })),
        })),
      })),
    };
  },
});
