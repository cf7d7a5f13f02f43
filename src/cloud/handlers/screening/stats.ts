import { z } from 'zod';
import { content } from '../../../content';
import type { Student } from '../../../domain/catalog';
import { AppError } from '../../../domain/errors';
import { emptyCoverage, suppress, type Coverage } from '../../../domain/screening';
import { defineAction } from '../../core/action';
import { instrumentById } from '../../../content/screening';
import {
  campaignIdSchema, campaignRecords, campaignSchoolsFor, classOf, completionOf, consentVersionOf, countyOfSchool, eligibleStudents, loadCampaign,
  schoolOf, type AlertDoc, type CampaignDoc, type ConsentDoc, type ResponseDoc,
} from './model';
import type { Ctx } from '../../core/context';
import type { RoleBinding } from '../../../domain/roles';

const add = (c: Coverage, status: string) => {
  c.eligible++;
  if (status === 'finished') c.finished++;
  if (status === 'awaiting_consent') c.awaitingConsent++;
  if (status === 'declined') c.declined++;
};

/**
 * Coverage (finished / eligible / awaiting consent / declined) rolled up per
 * class, school, county and the whole area in one pass.
 */
export function coverageRollup(students: readonly Student[], consents: Map<string, ConsentDoc>, responses: Map<string, ResponseDoc>, now: number, countyOf: ReadonlyMap<string, string>, version = 1) {
  const byClass = new Map<string, Coverage>();
  const bySchool = new Map<string, Coverage>();
  const byCounty = new Map<string, Coverage>();
  const total = emptyCoverage();
  const at = <K>(m: Map<K, Coverage>, k: K) => { let c = m.get(k); if (!c) m.set(k, (c = emptyCoverage())); return c; };
  for (const s of students) {
    const status = completionOf(s, now, consents.get(s.id), responses.has(s.id), version);
    add(at(byClass, s.classId), status);
    add(at(bySchool, s.schoolId), status);
    add(at(byCounty, countyOf.get(s.schoolId) ?? 'city'), status);
    add(total, status);
  }
  return { byClass, bySchool, byCounty, total };
}

/**
 * Band counts per county × grade × instrument, every cell of 1-4 students
 * shown as null ("fewer than 5"), so no small group can be picked out.
 */
export function bandDistribution(responses: Iterable<ResponseDoc>) {
  const cells = new Map<string, { countyId: string; grade: number; instrumentId: string; counts: Map<string, number>; n: number }>();
  for (const r of responses) {
    for (const res of r.results) {
      const key = `${r.countyId}|${r.grade}|${res.instrumentId}`;
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { countyId: r.countyId, grade: r.grade, instrumentId: res.instrumentId, counts: new Map(), n: 0 }));
      const band = res.bandKey ?? (res.acute ? 'acute' : res.positive ? 'positive' : 'negative');
      cell.counts.set(band, (cell.counts.get(band) ?? 0) + 1);
      cell.n++;
    }
  }
  return [...cells.values()].map((c) => {
    const inst = instrumentById(c.instrumentId);
    const keys = inst?.total ? inst.total.bands.map((b) => ({ key: b.key, label: b.label })) : [
      { key: 'negative', label: '阴性' }, { key: 'positive', label: '阳性' }, { key: 'acute', label: '急性阳性' },
    ];
    return {
      countyId: c.countyId, grade: c.grade, instrumentId: c.instrumentId, instrumentName: inst?.name ?? c.instrumentId,
      // a whole row under 5 students is withheld: its bands would add up to it
      n: suppress(c.n),
      bands: keys.map(({ key, label }) => ({ key, label, count: c.n < 5 ? null : suppress(c.counts.get(key) ?? 0) })),
    };
  }).sort((a, b) => a.countyId.localeCompare(b.countyId) || a.grade - b.grade || a.instrumentId.localeCompare(b.instrumentId));
}

/**
 * Across semesters, for the schools the caller sees in each campaign: how
 * many finished, and how many answers needed attention (level 3+: a
 * moderately severe or severe band, a critical item, a positive ASQ), that
 * count withheld under 5. Oldest first.
 */
async function trendFor(ctx: Ctx, roles: readonly RoleBinding[], current: { campaignId: string; responses: readonly ResponseDoc[] }) {
  const all = await ctx.store.collection<CampaignDoc>('screening_campaigns').find({}, { orderBy: [['opensAt', 'desc']], limit: 20 });
  const rows = [];
  for (const c of all) {
    const schools = await campaignSchoolsFor(ctx, c, roles);
    if (!schools.length) continue;
    const responses = ctx.store.collection<ResponseDoc>('screening_responses');
    // the campaign on screen is already read; the others are counted in the database
    const here = c._id === current.campaignId;
    const finished = here ? current.responses.length : await responses.count({ campaignId: c._id, schoolId: { $in: schools } });
    const attention = here
      ? current.responses.filter((r) => r.level >= 3).length
      : await responses.count({ campaignId: c._id, schoolId: { $in: schools }, level: { $gte: 3 } });
    rows.push({ campaignId: c._id, name: c.name, schoolYear: c.schoolYear, semester: c.semester, finished, needAttention: suppress(attention) });
  }
  return rows.reverse();
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
  labels: { campaignId: '筛查' },
  async handle({ campaignId }, ctx) {
    const c = await loadCampaign(ctx.store, campaignId);
    const schools = await campaignSchoolsFor(ctx, c, ctx.caller!.roles);
    if (!schools.length) throw new AppError('FORBIDDEN', '这次筛查不在您负责的范围内。');
    const now = ctx.clock.now().getTime();
    const students = await eligibleStudents(ctx.store, c, schools);
    const { consents, responses } = await campaignRecords(ctx.store, campaignId);
    const inScope = new Set(students.map((s) => s.id));
    const mine = [...responses.values()].filter((r) => inScope.has(r.studentId));
    const countyOf = new Map(await Promise.all(schools.map(async (id) => [id, await countyOfSchool(ctx, id)] as const)));
    const roll = coverageRollup(students, consents, new Map(mine.map((r) => [r.studentId, r])), now, countyOf, consentVersionOf(c));
    const schoolDocs = new Map(await Promise.all(schools.map(async (id) => [id, await schoolOf(ctx, id)] as const)));
    const classDocs = new Map(await Promise.all([...roll.byClass.keys()].map(async (id) => [id, await classOf(ctx, id)] as const)));
    const overdue = (await ctx.store.collection<AlertDoc>('screening_alerts').find({ status: 'open', dueAt: { $lt: now } }))
      .filter((a) => a.campaignId === campaignId && schools.includes(a.schoolId));
    const trend = await trendFor(ctx, ctx.caller!.roles, { campaignId, responses: mine });
    await ctx.audit({ action: 'screening.stats', subjectType: 'campaign', subjectId: campaignId, detail: { schools: schools.length } });
    return {
      campaign: { id: c._id, name: c.name, opensOn: c.opensOn, closesOn: c.closesOn, status: c.status },
      total: roll.total,
      byCounty: [...roll.byCounty].map(([id, cov]) => ({ countyId: id, name: countyName(id), ...cov })),
      bySchool: [...roll.bySchool].map(([id, cov]) => ({
        schoolId: id, name: schoolDocs.get(id)?.name ?? id, ...cov,
        overdueAlerts: overdue.filter((a) => a.schoolId === id).length,
      })),
      byClass: [...roll.byClass].map(([id, cov]) => ({ classId: id, schoolId: classDocs.get(id)?.schoolId ?? '', name: classDocs.get(id)?.name ?? id, ...cov })),
      bands: bandDistribution(mine).map((b) => ({ ...b, countyName: countyName(b.countyId) })),
      trend,
      suppressBelow: 5,
    };
  },
});
