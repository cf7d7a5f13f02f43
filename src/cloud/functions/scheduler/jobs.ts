import type { Clock } from '../../core/context';
import { storeOutbox } from '../../core/outbox';
import { runEscalation } from '../../handlers/scheduler/escalate';
import { askGuardians, purgeEndedDrafts, runScreeningEscalation } from '../../handlers/scheduler/screeningAlerts';
import { runHolidayReminders } from '../../handlers/scheduler/holidayReminders';
import { runRollover } from '../../handlers/rollover/shared';
import { runReturnReminders } from '../../handlers/scheduler/returnReminders';
import type { BlobStore } from '../../media/blobs';
// uploadRecords, not uploads: the scheduler function ships without sharp.
import { purgeOrphanUploads } from '../../media/uploadRecords';
import { purgeSheets } from '../../media/sheetRecords';
import type { Store } from '../../store/types';

/**
 * What the timer trigger runs (every 5 minutes on CloudBase, every minute
 * locally): escalate overdue cases and screening alerts (and delete drafts of ended
 * screenings), remind handlers, expire rate-limit keys,
 * purge photos no report used, write the holiday reminders due today, move classes up a grade
 * on the rollover date (schools not yet done by their admin). Each job is idempotent, so overlapping runs
 * are harmless. Delivering the outbox is CloudBase's alone (scheduler/index.ts):
 * locally the outbox rows are the record.
 */
export async function runScheduledJobs({ store, clock, blobs }: { store: Store; clock: Clock; blobs?: BlobStore }) {
  const outbox = storeOutbox(store, clock);
  const escalation = await runEscalation({ store, clock, outbox });
  const screening = { ...(await runScreeningEscalation({ store, clock, outbox })), draftsPurged: await purgeEndedDrafts({ store, clock }),
    guardiansAsked: await askGuardians({ store, clock }) };
  const holidayReminders = await runHolidayReminders({ store, clock });
  const rollover = await runRollover({ store, clock });
  const returnReminders = await runReturnReminders({ store, clock });
  const now = clock.now().getTime();
  // Photos nobody attached to a report within a day, from wherever the platform keeps them.
  const orphanUploads = blobs ? await purgeOrphanUploads(store, blobs, now) : 0;
  // Roster sheets (children's data) a day after upload.
  const rosterSheets = blobs ? await purgeSheets(store, blobs, now) : 0;
  return { escalation, screening, holidayReminders, rollover, returnReminders, orphanUploads, rosterSheets };
}
