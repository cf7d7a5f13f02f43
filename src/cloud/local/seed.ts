import { content } from '../../content';
import type { Guardianship, Invitation, School, SchoolClass, Student } from '../../domain/catalog';
import { chinaDay } from '../../domain/chinaTime';
import type { demoCampaign } from '../../content/puer/demo';
import { campaignDoc, changedTerms, consentTermsHash, DEFAULT_PURPOSE, DEFAULT_RECIPIENTS, type CampaignDoc } from '../handlers/screening/model';

const pickTerms = (c: CampaignDoc) => ({
  consentText: c.consentText, purpose: c.purpose ?? DEFAULT_PURPOSE, recipients: c.recipients ?? DEFAULT_RECIPIENTS,
  consentVersion: c.consentVersion ?? 1, consentHash: c.consentHash ?? consentTermsHash(c), consentTermsAt: c.consentTermsAt ?? c.createdAt, consentHistory: c.consentHistory ?? [],
});

type DemoCampaign = typeof demoCampaign;
const DAY_MS = 24 * 3600 * 1000;
import { campaignsOf, nextCampaign, type HolidayCalendar } from '../../domain/holiday';
import { TERMS_SETTING_ID, type TermsDoc } from '../handlers/holiday/shared';
import { rolloverOn } from '../../domain/rollover';
import { rolloverDay } from '../handlers/rollover/shared';
import type { Store } from '../store/types';
import { rebuildClassRolls } from '../handlers/targets/directory';

export interface SeedData {
  students: Student[];
  invitations: Invitation[];
  /** demo schools and classes, written as records like a coordinator's (directory.ts) */
  schools?: readonly School[];
  classes?: readonly SchoolClass[];
  /** the guardians the demo roster names, for guardian codes matched by name */
  guardianships?: readonly Guardianship[];
  campaign?: DemoCampaign;
  /** when given, the next holiday's letter is published early (see publishNextCampaign) */
  holidayCalendar?: HolidayCalendar;
}

/**
 * Seeds the records the demo codes point at. Idempotent: every row has a
 * stable id and is upserted, so running it on every `npm start` is safe.
 * Invitation rows keep `usedBy` when re-seeded (single-use codes stay used).
 */
export async function seedDemo(store: Store, data: SeedData, now = Date.now()) {
  if (data.schools) await seedSchools(store, data.schools, data.classes ?? [], now);
  if (data.schools) await markDemoRolledOver(store, data.schools.map((x) => x.id), now);
  const students = store.collection('students');
  for (const s of data.students) await students.put({ _id: s.id, ...s });
  // the desk's class rolls of the demo schools (one row per class)
  await rebuildClassRolls(store, [...new Set(data.students.map((s) => s.schoolId))]);
  const invitations = store.collection('invitations');
  for (const inv of data.invitations) {
    const existing = await invitations.get(inv.code);
    await invitations.put({ _id: inv.code, ...inv, usedBy: (existing?.usedBy as string | null | undefined) ?? null });
  }
  if (data.guardianships) {
    const school = new Map(data.students.map((s) => [s.id, s.schoolId]));
    const count = new Map<string, number>();
    await store.collection('roster_guardians').insertMany(data.guardianships.map((g) => {
      const n = (count.get(g.studentId) ?? 0) + 1;
      count.set(g.studentId, n);
      return { _id: `${g.studentId}:${n}`, studentId: g.studentId, schoolId: school.get(g.studentId) ?? null, name: g.guardianName, relation: g.relation };
    }));
  }
  if (data.campaign) await seedCampaign(store, data.campaign, now);
  if (data.holidayCalendar) await publishNextCampaign(store, data.holidayCalendar, now);
}

/**
 * The demo schools and classes as records, inserted when absent: a rename or
 * a closing done from the workbench survives the next `npm start`.
 */
async function seedSchools(store: Store, schools: readonly School[], classes: readonly SchoolClass[], now: number) {
  await store.collection('schools').insertMany(schools.map((s) => ({
    _id: s.id, name: s.name, jurisdiction: s.jurisdiction, stage: s.stage, status: 'open', createdAt: now, updatedAt: now,
  })));
  await store.collection('classes').insertMany(classes.map((c) => ({
    _id: c.id, schoolId: c.schoolId, grade: c.grade, number: Number(c.id.split('-').pop()) || 1, name: c.name, status: 'open', createdAt: now, updatedAt: now,
  })));
}

/**
 * The demo world is this school year's already (李小雨 is in 八年级 now): a server first started after this
 * year's rollover date marks the demo schools as moved up, so its scheduler's first tick does not move every
 * demo child up a grade, out of the 八年级 demo screening (seen on 2026-12-05: the psychology teacher's results
 * were empty). A server running across the date still moves them, as a real county's would. Inserted when absent.
 */
async function markDemoRolledOver(store: Store, schoolIds: readonly string[], now: number) {
  const { year, due } = rolloverOn(now, await rolloverDay(store));
  if (!due) return;
  await store.collection('rollovers').insertMany(schoolIds.map((schoolId) => ({
    _id: `${schoolId}:${year}`, schoolId, year, appliedAt: now, appliedBy: 'demo', promoted: 0, graduated: 0, students: 0,
  })));
}

/** The demo screening, open from a week before `now` to three weeks after; its answers and consents stay. */
async function seedCampaign(store: Store, c: DemoCampaign, now: number) {
  const campaigns = store.collection('screening_campaigns');
  const existing = await campaigns.get(c.id);
  const doc = campaignDoc({
    id: c.id, name: c.name, schoolYear: c.schoolYear, semester: c.semester, instrumentIds: c.instrumentIds,
    grades: c.grades, schoolIds: c.schoolIds, classIds: null, level: 'school', ownerId: c.schoolIds[0],
    jurisdiction: content.catalog.schools.find((s) => s.id === c.schoolIds[0])!.jurisdiction,
    opensOn: chinaDay(now - c.opensDaysBefore * DAY_MS), closesOn: chinaDay(now + c.closesDaysAfter * DAY_MS),
    consentText: c.consentText, createdBy: 'seed', createdAt: (existing?.createdAt as number | undefined) ?? now - c.opensDaysBefore * DAY_MS,
  });
  // Consents answered the terms in force: keep their version, or move to a new one when the demo text changed.
  const terms = existing
    ? { ...pickTerms(existing as CampaignDoc), ...(changedTerms(existing as CampaignDoc, doc, now) ?? {}) }
    : {};
  await campaigns.put({ ...doc, ...terms, status: 'open', updatedAt: now });
}

/**
 * Publishes the next holiday's letter early: it opens on the day the previous
 * campaign closed (school resumed), so on any date there is a letter to sign.
 * Keeps an earlier publication date and every other term setting.
 */
export async function publishNextCampaign(store: Store, calendar: HolidayCalendar, now: number) {
  const settings = store.collection<TermsDoc>('settings');
  const doc = await settings.get(TERMS_SETTING_ID);
  const value = doc?.value ?? {};
  const day = chinaDay(now);
  const next = nextCampaign(day, calendar, value);
  if (!next) return null;
  const previous = campaignsOf(calendar, value).filter((c) => c.resume <= day).pop();
  const from = previous && previous.resume < day ? previous.resume : day;
  const known = value.publishedEarly?.[next.id];
  if (known && known <= from) return next.id;
  await settings.put({
    _id: TERMS_SETTING_ID,
    value: { ...value, publishedEarly: { ...value.publishedEarly, [next.id]: from } },
    version: (doc?.version ?? 0) + 1,
    updatedAt: now,
  });
  return next.id;
}
