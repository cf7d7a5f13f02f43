import { content } from '../../content';
import type { Invitation, Student } from '../../domain/catalog';
import { chinaDay } from '../../domain/screening';
import type { demoCampaign } from '../../content/puer/demo';
import { campaignDoc } from '../handlers/screening/model';

type DemoCampaign = typeof demoCampaign;
const DAY_MS = 24 * 3600 * 1000;
import { campaignsOf, chinaDate, nextCampaign, type HolidayCalendar } from '../../domain/holiday';
import { TERMS_SETTING_ID, type TermsDoc } from '../handlers/holiday/shared';
import type { Store } from '../store/types';
import { rebuildClassRolls } from '../handlers/targets/directory';

export interface SeedData {
  students: Student[];
  invitations: Invitation[];
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
  const students = store.collection('students');
  for (const s of data.students) await students.put({ _id: s.id, ...s });
  // the desk's class rolls of the demo schools (one row per class)
  await rebuildClassRolls(store, [...new Set(data.students.map((s) => s.schoolId))]);
  const invitations = store.collection('invitations');
  for (const inv of data.invitations) {
    const existing = await invitations.get(inv.code);
    await invitations.put({ _id: inv.code, ...inv, usedBy: (existing?.usedBy as string | null | undefined) ?? null });
  }
  if (data.campaign) await seedCampaign(store, data.campaign, now);
  if (data.holidayCalendar) await publishNextCampaign(store, data.holidayCalendar, now);
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
    consentText: c.consentText, createdBy: 'seed', createdAt: (existing?.createdAt as number | undefined) ?? now,
  });
  await campaigns.put({ ...doc, status: 'open', updatedAt: now });
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
  const day = chinaDate(now);
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
