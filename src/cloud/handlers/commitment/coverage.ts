import { content } from '../../../content';
import { coordinatedJurisdictions } from '../../../domain/jurisdiction';
import { CITY } from '../../../domain/catalog';
import { defineAction } from '../../core/action';
import { dir, type ClassDoc } from '../../core/directory';
import { campaignById, loadTerms } from '../holiday/shared';
import type { ClassRoll } from '../targets/directory';
import { AppError } from '../../../domain/errors';
import { repairCounts, type ClassCount } from './counts';
import { campaignInput } from './progress';

interface Cell { signed: number; eligible: number }
const cell = (): Cell => ({ signed: 0, eligible: 0 });

/**
 * Coverage for coordinators: children with at least one guardian's signature
 * over children on the roll, per county, school and class in the caller's
 * area. Counts only: no child, no family is named.
 *
 * Reads the per-class counters `commitment.sign` keeps (counts.ts) and the
 * roll as indexed counts (one per school, one per catalog class), never the
 * students or commitments themselves; first finishes any counter a crashed
 * signing call left short.
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
    // schools and classes are records (core/directory.ts)
    const schools = (await dir(ctx).schoolsIn(areas)).map((s) => ({ id: s._id, name: s.name, jurisdiction: s.jurisdiction }));
    const allClasses = schools.length
      ? (await ctx.store.collection<ClassDoc>('classes').find({ schoolId: { $in: schools.map((s) => s.id) } }, { orderBy: [['_id', 'asc']] }))
        .map((k) => ({ id: k._id, schoolId: k.schoolId, name: k.name }))
      : [];
    const schoolIds = new Set(schools.map((s) => s.id));
    await repairCounts(ctx.store, campaign.id, ctx.clock.now().getTime());

    const counts = schoolIds.size
      ? await ctx.store.collection<ClassCount>('commitment_counts').find({ campaignId: campaign.id, schoolId: { $in: [...schoolIds] } })
      : [];
    const signedBySchool = new Map<string, number>();
    const signedByClass = new Map<string, number>();
    for (const c of counts) {
      signedBySchool.set(c.schoolId, (signedBySchool.get(c.schoolId) ?? 0) + c.signedChildren);
      signedByClass.set(c.classId, (signedByClass.get(c.classId) ?? 0) + c.signedChildren);
    }
    // Children on the roll per class from the desk's class rolls (one row per class, kept by every roster change:
    // targets/directory.ts), not a count of students per class: with graduates and leavers kept on record, that
    // count had to read every child's record (1.9 s for the city at 450,000 children, `npm run bench`).
    const onRoll = new Map<string, number>();
    const eligibleBySchool = new Map<string, number>();
    if (schoolIds.size) {
      for (const r of await ctx.store.collection<ClassRoll>('class_rolls').find({ schoolId: { $in: [...schoolIds] }, level: 'class' })) {
        onRoll.set(r._id, r.n);
        eligibleBySchool.set(r.schoolId, (eligibleBySchool.get(r.schoolId) ?? 0) + r.n);
      }
    }
    const classCells = new Map<string, Cell>();
    for (const k of allClasses) {
      const eligible = onRoll.get(k.id) ?? 0;
      if (eligible > 0) classCells.set(k.id, { signed: signedByClass.get(k.id) ?? 0, eligible });
    }
    const schoolCells = new Map<string, Cell>();
    for (const s of schools) {
      const eligible = eligibleBySchool.get(s.id) ?? 0;
      if (eligible > 0) schoolCells.set(s.id, { signed: signedBySchool.get(s.id) ?? 0, eligible });
    }

    const total = cell();
    const byCounty = new Map<string, Cell>();
    for (const s of schools) {
      const c = schoolCells.get(s.id);
      if (!c) continue;
      const county = byCounty.get(s.jurisdiction) ?? cell();
      county.signed += c.signed; county.eligible += c.eligible;
      total.signed += c.signed; total.eligible += c.eligible;
      byCounty.set(s.jurisdiction, county);
    }
    const countyName = (id: string) => id === CITY ? '市属学校' : content.catalog.counties.find((c) => c.id === id)?.name ?? id;
    await ctx.audit({ action: 'commitment.coverage', subjectType: 'campaign', subjectId: campaign.id, detail: { areas } });
    return {
      campaign: { id: campaign.id, name: campaign.name },
      area: wholeCity ? content.catalog.cityName : areas.map(countyName).join('、'),
      total,
      counties: [...byCounty].map(([id, c]) => ({
        id, name: countyName(id), ...c,
        schools: schools.filter((s) => s.jurisdiction === id && schoolCells.has(s.id)).map((s) => ({
          id: s.id, name: s.name, ...schoolCells.get(s.id)!,
          classes: allClasses.filter((k) => k.schoolId === s.id && classCells.has(k.id))
            .map((k) => ({ id: k.id, name: k.name, ...classCells.get(k.id)! })),
        })),
      })),
    };
  },
});
