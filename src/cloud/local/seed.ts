import { content } from '../../content';
import type { Invitation, Student } from '../../domain/catalog';
import { chinaDay } from '../../domain/screening';
import type { demoCampaign } from '../../content/puer/demo';
import { campaignDoc } from '../handlers/screening/model';

type DemoCampaign = typeof demoCampaign;
const DAY_MS = 24 * 3600 * 1000;
import type { Store } from '../store/types';

export interface SeedData {
  students: Student[];
  invitations: Invitation[];
  campaign?: DemoCampaign;
}

/**
 * Seeds the records the demo codes point at. Idempotent: every row has a
 * stable id and is upserted, so running it on every `npm start` is safe.
 * Invitation rows keep `usedBy` when re-seeded (single-use codes stay used).
 */
export async function seedDemo(store: Store, data: SeedData, now = Date.now()) {
  const students = store.collection('students');
  for (const s of data.students) await students.put({ _id: s.id, ...s });
  const invitations = store.collection('invitations');
  for (const inv of data.invitations) {
    const existing = await invitations.get(inv.code);
    await invitations.put({ _id: inv.code, ...inv, usedBy: (existing?.usedBy as string | null | undefined) ?? null });
  }
  if (data.campaign) await seedCampaign(store, data.campaign, now);
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
