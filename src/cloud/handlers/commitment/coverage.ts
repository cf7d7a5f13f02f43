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
import { sumShown, suppressTree, type CountNode, type ShownNode } from '../../../domain/suppression';

interface Cell { signed: number; eligible: number }
const cell = (): Cell => ({ signed: 0, eligible: 0 });
const PARTS = ['signed', 'unsigned'] as const;
type Part = (typeof PARTS)[number];
const countNode = (id: string, c: Cell, children?: CountNode<Part>[]): CountNode<Part> =>
  ({ id, name: id, total: c.eligible, parts: { signed: c.signed, unsigned: c.eligible - c.signed }, children });
/** A cell as shown: null where withheld (fewer than 5 children, or a partner protecting such a cell). */
const shown = (n: ShownNode<Part>) => ({ signed: n.parts.signed, eligible: n.total });
const sumCells = (cells: ReturnType<typeof shown>[]) => ({ signed: sumShown(cells.map((c) => c.signed)), eligible: sumShown(cells.map((c) => c.eligible)) });

/**
 * Coverage for coordinators: children with at least one guardian's signature
 * over children on the roll, per county, school and class in the caller's
 * area. Counts only: no child, no family is named, and no figure describes
 * fewer than 5 children or can be worked out from the others on the page
 * (domain/suppression.ts: the target desk withholds the same figures, and
 * this page showed them: "八年级（1）班 0/1").
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
    // schools and classes are records (core/directory.ts). The whole city is counted whatever the caller's area, and
    // the caller's counties are cut out of the city's suppressed tree: a county's own page withholds what the city's
    // page withholds, or the two pages side by side would give it away (city 8, 思茅区 7, so 宁洱 1).
    const schools = areas.length ? (await dir(ctx).schoolsIn([CITY])).map((s) => ({ id: s._id, name: s.name, jurisdiction: s.jurisdiction })) : [];
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
    // the page shows every level at once: one tree, suppressed together
    const countyIds = [...byCounty.keys()];
    const schoolsOf = (county: string) => schools.filter((s) => s.jurisdiction === county && schoolCells.has(s.id));
    const classesOf = (school: string) => allClasses.filter((k) => k.schoolId === school && classCells.has(k.id));
    const city = suppressTree(countNode(CITY, total, countyIds.map((id) => countNode(id, byCounty.get(id)!, schoolsOf(id).map((s) =>
      countNode(s.id, schoolCells.get(s.id)!, classesOf(s.id).map((k) => countNode(k.id, classCells.get(k.id)!))))))), PARTS);
    const mine = countyIds.map((id, i) => ({ id, node: city.children![i] })).filter(({ id }) => wholeCity || areas.includes(id));
    return {
      campaign: { id: campaign.id, name: campaign.name },
      area: wholeCity ? content.catalog.cityName : areas.map(countyName).join('、'),
      // the city's row, or the caller's one county's; for several counties their sum, withheld if any part is
      total: wholeCity ? shown(city) : mine.length === 1 ? shown(mine[0].node) : sumCells(mine.map(({ node }) => shown(node))),
      counties: mine.map(({ id, node }) => ({
        id, name: countyName(id), ...shown(node),
        schools: schoolsOf(id).map((s, j) => ({
          id: s.id, name: s.name, ...shown(node.children![j]),
          classes: classesOf(s.id).map((k, m) => ({ id: k.id, name: k.name, ...shown(node.children![j].children![m]) })),
        })),
      })),
    };
  },
});
