/**
 * The scheduler preparing holiday reminders (runHolidayReminders) for many
 * opted-in guardians, batched as in production (BENCH_GUARDIANS, default
 * 450,000, Pu'er's students). Each guardian has a child of their own in one
 * of the catalog's schools (all 10 counties and the city schools), written
 * straight into a throw-away SQLite file; the clock stands 2 days before the
 * 端午 2026 break, so before_break, the nudge (nobody has signed) and June's
 * drowning tip are all due. It runs twice: the first pass writes every
 * reminder, the second (the day's pass forgotten) finds them all written.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { content } from '../../src/content';
import { PASS_ID, REMINDER_BATCH, runHolidayReminders } from '../../src/cloud/handlers/scheduler/holidayReminders';
import { seedDemo } from '../../src/cloud/local/seed';
import { openSqliteStore } from '../../src/cloud/store/sqlite';
import type { Section } from './table';

export async function remindersSection(guardians = Number(process.env.BENCH_GUARDIANS || 450_000)): Promise<Section> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'huhang-bench-rem-'));
  const file = path.join(dir, 'bench.db');
  const store = openSqliteStore(file);
  try {
    const now = Date.parse('2026-06-17T02:00:00Z');
    await seedDemo(store, content.demo, now);
    const classes = content.catalog.classes;
    const t0 = performance.now();
    const db = new Database(file);
    db.pragma('busy_timeout = 10000');
    const ins = (table: string) => db.prepare(`INSERT INTO ${table} (id, doc) VALUES (?, ?)`);
    const [addStudent, addLink, addSub] = [ins('students'), ins('guardianships'), ins('reminder_subs')];
    db.transaction(() => {
      for (let i = 0; i < guardians; i++) {
        const userId = 'u' + i.toString(16).padStart(31, '0');
        const k = classes[i % classes.length];
        const studentId = `stu-rem-${i}`;
        addStudent.run(studentId, JSON.stringify({ _id: studentId, id: studentId, name: '学生', schoolId: k.schoolId, classId: k.id, grade: k.grade, birthDate: '2012-06-01' }));
        addLink.run(`${userId}:${studentId}`, JSON.stringify({ _id: `${userId}:${studentId}`, userId, studentId, since: now }));
        addSub.run(userId, JSON.stringify({ _id: userId, userId, optedIn: true, at: now }));
      }
    })();
    db.close();
    const seeded = (performance.now() - t0) / 1000;
    const clock = { now: () => new Date(now) };
    const t1 = performance.now();
    const first = await runHolidayReminders({ store, clock });
    const firstS = (performance.now() - t1) / 1000;
    await store.collection('settings').remove(PASS_ID);
    const t2 = performance.now();
    const second = await runHolidayReminders({ store, clock });
    const secondS = (performance.now() - t2) / 1000;
    console.log(`  reminders: ${first.written} written in ${firstS.toFixed(1)} s, rerun ${second.written} new in ${secondS.toFixed(1)} s`);
    return {
      title: `scheduler: holiday reminders for ${guardians.toLocaleString('en')} opted-in guardians (batches of ${REMINDER_BATCH})`,
      note: `runHolidayReminders on a SQLite file, 2 days before the 端午 2026 break, each guardian with a child of their own across the catalog's schools: before_break, nudge and the June drowning tip are due. The rerun has the day's pass forgotten, so it reads every batch and finds every reminder written. Guardians, children and subscriptions generated in ${seeded.toFixed(1)} s. No baseline: a time against the scheduler's own trigger (every 5 minutes; a pass cut short is continued from its last finished batch).`,
      head: ['run', 'guardians read', 'reminders written', 'seconds', 'guardians/s'],
      rows: [
        ['first', first.guardians, first.written, firstS.toFixed(1), (first.guardians / firstS).toFixed(0)],
        ['rerun (all written)', second.guardians, second.written, secondS.toFixed(1), (second.guardians / secondS).toFixed(0)],
      ],
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
