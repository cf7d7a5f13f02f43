/**
 * Times the scheduler preparing holiday reminders for many guardians
 * (`npm run bench` bundles and runs this; BENCH_GUARDIANS, default 100000).
 * A throw-away SQLite file gets that many opted-in guardians of demo children,
 * the clock stands 2 days before the 端午 2026 break (before_break, nudge and
 * June's drowning tip are all due), and runHolidayReminders runs twice: the
 * first writes every reminder, the second (with the day's pass forgotten) finds them all written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { content } from '../../src/content';
import { PASS_ID, runHolidayReminders } from '../../src/cloud/handlers/scheduler/holidayReminders';
import { seedDemo } from '../../src/cloud/local/seed';
import { openSqliteStore } from '../../src/cloud/store/sqlite';

async function main() {
  const guardians = Number(process.env.BENCH_GUARDIANS || 100_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'huhang-bench-rem-'));
  const store = openSqliteStore(path.join(dir, 'bench.db'));
  try {
    const now = Date.parse('2026-06-17T02:00:00Z');
    await seedDemo(store, content.demo, now);
    const children = content.demo.students.map((s) => s.id);
    const t0 = performance.now();
    const links = store.collection('guardianships');
    const subs = store.collection('reminder_subs');
    for (let i = 0; i < guardians; i++) {
      const userId = 'u' + i.toString(16).padStart(31, '0');
      const studentId = children[i % children.length];
      await links.put({ _id: `${userId}:${studentId}`, userId, studentId, since: now });
      await subs.put({ _id: userId, userId, optedIn: true, at: now });
    }
    const seeded = (performance.now() - t0) / 1000;
    const clock = { now: () => new Date(now) };
    const t1 = performance.now();
    const first = await runHolidayReminders({ store, clock });
    const firstS = (performance.now() - t1) / 1000;
    // The day's pass is remembered, so a rerun would stop at once: forget it to time a full pass over rows all written.
    await store.collection('settings').remove(PASS_ID);
    const t2 = performance.now();
    const second = await runHolidayReminders({ store, clock });
    const secondS = (performance.now() - t2) / 1000;
    console.log(`scheduler, holiday reminders for ${guardians} opted-in guardians (batches of 500): ` +
      `first run wrote ${first.written} reminders in ${firstS.toFixed(1)} s; a second run found them all written (${second.written} new) in ${secondS.toFixed(1)} s ` +
      `(seeding the guardians took ${seeded.toFixed(1)} s)`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
