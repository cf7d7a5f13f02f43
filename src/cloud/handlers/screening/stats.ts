import { z } from 'zod';
import { content } from '../../../content';
import { AppError } from '../../../domain/errors';
import { emptyCoverage, suppress, type Coverage } from '../../../domain/screening';
import { defineAction } from '../../core/action';
import { instrumentById } from '../../../content/screening';
import {
  campaignIdSchema, campaignSchoolsFor, classOf, consentVersionOf, loadCampaign,
  schoolOf, type AlertDoc, type CampaignDoc,
} from './model';
import type { Ctx } from '../../core/context';
import type { RoleBinding } from '../../../domain/roles';
import { chinaDay } from '../../../domain/chinaTime';
import { sumShown, suppressSeries, suppressTable, suppressTree, type CountNode, type ShownRow } from '../../../domain/suppression';
import { coordinatedJurisdictions } from '../../../domain/jurisdiction';
import { readTallies, repairTallies, type TallyRow } from '../../core/tally';
import { className as rollClassName, readRolls, readSchoolRolls, schoolRollOf, under14, type ClassRoll } from '../targets/directory';
import type { Store } from '../../store/types';
import { consentTallyState } from '../targets/counts';

/** Band cells (per county, grade and instrument) as shown: cells of 1-4, whole rows under 5, and a partner where one withheld cell would be the row's total minus the rest. */
export function bandCells(cells: Iterable<{ countyId: string; grade: number; instrumentId: string; counts: Map<string, number>; n: number }>) {
  return [...cells].map((c) => {
    const inst = instrumentById(c.instrumentId);
    const keys = inst?.total ? inst.total.bands.map((b) => ({ key: b.key, label: b.label })) : [
      { key: 'negative', label: '阴性' }, { key: 'positive', label: '阳性' }, { key: 'acute', label: '急性阳性' },
    ];
    // the row's total is the sum of its bands: one band withheld alone would be the total minus the rest
    const t = suppressTable({ id: 'row', name: '', total: c.n, parts: Object.fromEntries(keys.map(({ key }) => [key, c.counts.get(key) ?? 0])) }, [], keys.map(({ key }) => key));
    return {
      countyId: c.countyId, grade: c.grade, instrumentId: c.instrumentId, instrumentName: inst?.name ?? c.instrumentId,
      n: t.parent.total,
      bands: keys.map(({ key, label }) => ({ key, label, count: t.parent.parts[key] })),
    };
  }).sort((a, b) => a.countyId.localeCompare(b.countyId) || a.grade - b.grade || a.instrumentId.localeCompare(b.instrumentId));
}

/**
 * Across semesters, for the schools the caller sees in each campaign: how
 * many finished, and how many answers needed attention (level 3+: a
 * moderately severe or severe band, a critical item, a positive ASQ), that
 * count withheld under 5; finished counts that differ by 1-4 from an earlier
 * one are withheld too (two campaigns' difference would name those
 * children). From the counters, oldest first.
 */
async function trendFor(ctx: Ctx, roles: readonly RoleBinding[]) {
  const all = await ctx.store.collection<CampaignDoc>('screening_campaigns').find({}, { orderBy: [['opensAt', 'desc']], limit: 20 });
  const rows = [];
  for (const c of all.reverse()) {
    const schools = await campaignSchoolsFor(ctx, c, roles);
    if (!schools.length) continue;
    const sum = async (kind: 'scr_done' | 'scr_attn') => (await readTallies(ctx.store, kind, c._id, { schoolIds: schools, level: 'school' })).reduce((n, r) => n + r.n, 0);
    rows.push({ campaignId: c._id, name: c.name, schoolYear: c.schoolYear, semester: c.semester, finished: await sum('scr_done'), attention: await sum('scr_attn') });
  }
  const finished = suppressSeries(rows.map((r) => r.finished));
  return rows.map(({ attention, ...r }, i) => ({ ...r, finished: finished[i], needAttention: suppress(attention) }));
}

/**
 * Coverage per class from the class rolls and the counters the writes keep:
 * finished (screening.submit), consent given / declined (screening.consent),
 * awaiting consent = under 14 this month without a consent either way.
 */
function classCoverage(roll: ClassRoll, done: number, given: number, declined: number, month: string): Coverage {
  const awaiting = Math.max(0, under14(roll, month) - given - declined);
  return { eligible: roll.n, finished: done, awaitingConsent: awaiting, declined };
}

/**
 * One roll per school, of the grades a campaign covers: the school's row when
 * it covers every grade the school has, else the sum of its covered classes.
 */
async function schoolRollsFor(store: Store, schools: readonly string[], grades: readonly number[]): Promise<ClassRoll[]> {
  const out: ClassRoll[] = [];
  const whole = await readSchoolRolls(store, schools);
  const partial: string[] = [];
  for (const r of whole) {
    if ((r.grades ?? []).every((g) => grades.includes(g))) out.push(r);
    else partial.push(r.schoolId);
  }
  if (partial.length) {
    const classes = (await readRolls(store, partial)).filter((r) => grades.includes(r.grade));
    for (const id of partial) {
      const roll = schoolRollOf(classes.filter((k) => k.schoolId === id));
      if (roll) out.push({ ...roll, _id: id });
    }
  }
  return out;
}

function bandRows(rows: readonly TallyRow[]) {
  const cells = new Map<string, { countyId: string; grade: number; instrumentId: string; counts: Map<string, number>; n: number }>();
  for (const r of rows) {
    const [countyId, grade, instrumentId, band] = r.bucket.split('|');
    const key = `${countyId}|${grade}|${instrumentId}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { countyId, grade: Number(grade), instrumentId, counts: new Map(), n: 0 }));
    cell.counts.set(band, (cell.counts.get(band) ?? 0) + r.n);
    cell.n += r.n;
  }
  return cells.values();
}

/** A coverage row with withheld figures as null (coordinators: domain/suppression.ts). */
type ShownCoverage = { [K in keyof Coverage]: number | null };
/** The row's parts add up to the children on the roll: not yet is what a viewer works out from the rest, so it is a cell too. */
const COVERAGE_PARTS = ['finished', 'awaitingConsent', 'declined', 'notYet'] as const;
type CoveragePart = (typeof COVERAGE_PARTS)[number];
const coverageNode = (id: string, c: Coverage, children?: CountNode<CoveragePart>[]): CountNode<CoveragePart> => ({
  id, name: id, total: c.eligible, children,
  // never below 0: a child counted finished after turning 14 with a consent on record can make the parts overlap
  parts: { finished: c.finished, awaitingConsent: c.awaitingConsent, declined: c.declined, notYet: Math.max(0, c.eligible - c.finished - c.awaitingConsent - c.declined) },
});
const shownCoverage = (n: ShownRow<CoveragePart>): ShownCoverage =>
  ({ eligible: n.total, finished: n.parts.finished, awaitingConsent: n.parts.awaitingConsent, declined: n.parts.declined });
const sumShownCoverage = (rows: ShownCoverage[]): ShownCoverage => {
  const sum = (k: keyof Coverage) => sumShown(rows.map((r) => r[k]));
  return { eligible: sum('eligible'), finished: sum('finished'), awaitingConsent: sum('awaitingConsent'), declined: sum('declined') };
};

const sumBy = <T extends { cov: Coverage }>(rows: readonly T[], key: (r: T) => string) => {
  const m = new Map<string, Coverage>();
  for (const r of rows) {
    const x = m.get(key(r)) ?? emptyCoverage();
    m.set(key(r), { eligible: x.eligible + r.cov.eligible, finished: x.finished + r.cov.finished, awaitingConsent: x.awaitingConsent + r.cov.awaitingConsent, declined: x.declined + r.cov.declined });
  }
  return m;
};

/**
 * Coverage per roll row (a class, or a whole school when `level` is school)
 * of these schools, from the rolls and the counters the writes keep.
 */
async function rollCoverage(store: Store, c: CampaignDoc, schools: readonly string[], level: 'class' | 'school', month: string) {
  // A school's roll counts only when the campaign covers the whole school (every grade, no class list); otherwise its covered classes.
  const rolls = level === 'class'
    ? (await readRolls(store, schools)).filter((r) => c.grades.includes(r.grade) && (!c.classIds || c.classIds.includes(r._id)))
    : await schoolRollsFor(store, schools, c.grades);
  const byBucket = async (kind: 'scr_done' | 'scr_consent', state: string) => {
    const m = new Map<string, number>();
    for (const r of await readTallies(store, kind, c._id, { schoolIds: [...schools], level })) if (r.state === state) m.set(r.bucket, (m.get(r.bucket) ?? 0) + r.n);
    return m;
  };
  // a consent counts for the terms now in force: answers to terms since changed are awaiting again (targets/counts.ts)
  const version = consentVersionOf(c);
  const [done, given, declined] = await Promise.all([
    byBucket('scr_done', 'yes'), byBucket('scr_consent', consentTallyState(true, version)), byBucket('scr_consent', consentTallyState(false, version)),
  ]);
  return rolls.map((roll) => ({ roll, cov: classCoverage(roll, done.get(roll._id) ?? 0, given.get(roll._id) ?? 0, declined.get(roll._id) ?? 0, month) }));
}

const countyName = (id: string) => (id === 'city' ? '市属学校' : content.catalog.counties.find((c) => c.id === id)?.name ?? id);

/**
 * Aggregates for a coordinator (their county or the city) or a psychology
 * teacher (their school): coverage per class, school, county and area; band
 * distribution per county and grade with cells under 5 suppressed; overdue
 * alerts per school (a count, never who); the trend across semesters.
 */
export const stats = defineAction({
  name: 'screening.stats',
  input: z.object({ campaignId: campaignIdSchema }).strict(),
  labels: { campaignId: '测评' },
  async handle({ campaignId }, ctx) {
    const c = await loadCampaign(ctx.store, campaignId);
    const schools = await campaignSchoolsFor(ctx, c, ctx.caller!.roles);
    if (!schools.length) throw new AppError('FORBIDDEN', '这次测评不在您负责的范围内。');
    const now = ctx.clock.now().getTime();
    await repairTallies(ctx.store, now);
    const month = chinaDay(now).slice(0, 7);
    // one row per class (rolls) and per class and state (counters): never the students or the answers
    // Per class for one school; per school for a county or the city (one row per school: the classes are on the desk).
    const perClass = schools.length === 1;
    const level = perClass || c.classIds ? 'class' as const : 'school' as const;
    const rows = await rollCoverage(ctx.store, c, schools, level, month);
    const byClass = new Map<string, Coverage | ShownCoverage>();
    if (level === 'class') for (const r of rows) byClass.set(r.roll._id, r.cov);
    const schoolRows = sumBy(rows, (r) => r.roll.schoolId);
    const bySchool = new Map<string, Coverage | ShownCoverage>(schoolRows);
    const byCounty = new Map<string, Coverage | ShownCoverage>(sumBy(rows, (r) => r.roll.countyId));
    let total: Coverage | ShownCoverage = sumBy(rows, () => 't').get('t') ?? emptyCoverage();
    // Coordinators get aggregates with no figure under 5 children and none that the others on the page, or the
    // city's page, would give away (DESIGN.md §7; domain/suppression.ts). The psychology teacher sees each child of
    // their school (screening.completion), so their figures are exact.
    if (coordinatedJurisdictions(ctx.caller!.roles).length) {
      const cityRows = schools.length === c.schoolIds.length && level === (c.classIds ? 'class' : 'school')
        ? rows : await rollCoverage(ctx.store, c, c.schoolIds, c.classIds ? 'class' : 'school', month);
      const citySchools = sumBy(cityRows, (r) => r.roll.schoolId);
      const countyOf = new Map(cityRows.map((r) => [r.roll.schoolId, r.roll.countyId]));
      const cityCounties = sumBy(cityRows, (r) => r.roll.countyId);
      const tree = suppressTree(coverageNode('city', sumBy(cityRows, () => 't').get('t') ?? emptyCoverage(), [...cityCounties].map(([county, cov]) =>
        coverageNode(county, cov, [...citySchools].filter(([id]) => countyOf.get(id) === county).map(([id, sc]) => coverageNode(id, sc))))), COVERAGE_PARTS);
      const shownCounties = new Map(tree.children!.map((k) => [k.id, k]));
      const shownSchools = new Map(tree.children!.flatMap((k) => k.children!.map((x) => [x.id, x] as const)));
      const callerCounties = [...byCounty.keys()];
      total = schools.length === c.schoolIds.length ? shownCoverage(tree)
        : callerCounties.length === 1 ? shownCoverage(shownCounties.get(callerCounties[0])!) : sumShownCoverage(callerCounties.map((k) => shownCoverage(shownCounties.get(k)!)));
      for (const k of callerCounties) byCounty.set(k, shownCoverage(shownCounties.get(k)!));
      for (const id of bySchool.keys()) {
        const school = shownSchools.get(id)!;
        if (level === 'class') {
          // a school's classes under the school's row as the city's tree showed it
          const classes = rows.filter((r) => r.roll.schoolId === id);
          const t = suppressTable(coverageNode(id, schoolRows.get(id)!), classes.map((r) => coverageNode(r.roll._id, r.cov)), COVERAGE_PARTS, school);
          classes.forEach((r, i) => byClass.set(r.roll._id, shownCoverage(t.rows[i])));
        }
        bySchool.set(id, shownCoverage(school));
      }
    }
    const overdue = (await ctx.store.collection<AlertDoc>('screening_alerts').find({ status: 'open', dueAt: { $lt: now } }))
      .filter((a) => a.campaignId === campaignId && schools.includes(a.schoolId));
    const bands = bandCells(bandRows(await readTallies(ctx.store, 'scr_band', campaignId, { schoolIds: schools })));
    const trend = await trendFor(ctx, ctx.caller!.roles);
    await ctx.audit({ action: 'screening.stats', subjectType: 'campaign', subjectId: campaignId, detail: { schools: schools.length } });
    const rollOf = new Map(rows.map((r) => [r.roll._id, r.roll]));
    const schoolDocs = new Map(await Promise.all([...bySchool.keys()].map(async (id) => [id, await schoolOf(ctx, id)] as const)));
    const classDocs = new Map(await Promise.all([...byClass.keys()].map(async (id) => [id, await classOf(ctx, id)] as const)));
    return {
      campaign: { id: c._id, name: c.name, opensOn: c.opensOn, closesOn: c.closesOn, status: c.status },
      total,
      byCounty: [...byCounty].map(([id, cov]) => ({ countyId: id, name: countyName(id), ...cov })),
      bySchool: [...bySchool].map(([id, cov]) => ({
        schoolId: id, name: schoolDocs.get(id)?.name ?? id, ...cov,
        overdueAlerts: overdue.filter((a) => a.schoolId === id).length,
      })),
      // by grade, then by name with its numbers read as numbers (八年级（2）班 after （1）班, 10班 after 9班)
      byClass: [...byClass].map(([id, cov]) => ({ classId: id, schoolId: rollOf.get(id)!.schoolId, name: classDocs.get(id)?.name ?? rollClassName(rollOf.get(id)!), ...cov }))
        .sort((a, b) => rollOf.get(a.classId)!.grade - rollOf.get(b.classId)!.grade || a.name.localeCompare(b.name, 'zh', { numeric: true })),
      bands: bands.map((b) => ({ ...b, countyName: countyName(b.countyId) })),
      trend,
      suppressBelow: 5,
    };
  },
});
