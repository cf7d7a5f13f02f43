/**
 * Screening in the bench: `screening.submit` under load (a computer room of
 * 50 students at once) next to the bare insert of a body of the same size,
 * and the coverage roll-up (`screening.stats`) for a generated county of
 * 50,000 students.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { content } from '../../src/content';
import { asq, gad7, phqA } from '../../src/content/screening';
import { dispatch } from '../../src/cloud/core/dispatch';
import { storeOutbox } from '../../src/cloud/core/outbox';
import { actions } from '../../src/cloud/handlers';
import { campaignDoc } from '../../src/cloud/handlers/screening/model';
import { rebuildTallies } from '../../src/cloud/handlers/targets/counts';
import { rebuildClassRolls } from '../../src/cloud/handlers/targets/directory';
import { canonical } from '../../src/cloud/handlers/screening/submit';
import { seedDemo } from '../../src/cloud/local/seed';
import { fileBlobStore } from '../../src/cloud/media/blobs';
import { openSqliteStore } from '../../src/cloud/store/sqlite';
import { isCrisis, overallUrgency, scoreInstrument, type Instrument } from '../../src/domain/screening';
import { massWriteLoad, sessionsFor, type Compared } from './load';
import type { Section } from './table';

const CAMPAIGN = 'cmp-demo-simao-1';
const SCHOOL = 'sch-simao-1';
const CLASS = 'cls-simao-1-8-2';

/** Random answers to one instrument (follow-up asked when the screen is positive); mostly calm, like a real class. */
function answersTo(inst: Instrument, rnd: () => number): Record<string, number> {
  const a: Record<string, number> = {};
  for (const item of inst.items) if (!item.askIf) a[item.id] = rnd() < 0.7 ? 0 : item.options[Math.floor(rnd() * item.options.length)].value;
  if (inst.positive && inst.positive.itemIds.some((id) => inst.positive!.values.includes(a[id]))) {
    for (const item of inst.items) if (item.askIf) a[item.id] = 0;
  }
  return a;
}
export const mulberry = (seed: number) => () => { seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t ^= t + Math.imul(t ^ (t >>> 7), 61 | t); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
export const answerSet = (rnd: () => number) => ({ 'phq-a': answersTo(phqA, rnd), 'gad-7': answersTo(gad7, rnd), asq: answersTo(asq, rnd) });

/** `n` grade-8 students of the demo class aged 14+, written straight into the database; returns their ids. */
export function benchStudents(dbFile: string, n: number, tag: string): string[] {
  const ids = Array.from({ length: n }, (_, i) => `stu-bench-${tag}-${i}`);
  const db = new Database(dbFile);
  db.pragma('busy_timeout = 10000');
  const add = db.prepare('INSERT INTO students (id, doc) VALUES (?, ?)');
  db.transaction(() => {
    for (const id of ids) add.run(id, JSON.stringify({ _id: id, id, name: '压测学生', schoolId: SCHOOL, classId: CLASS, grade: 8, birthDate: '2011-01-01' }));
  })();
  db.close();
  return ids;
}

/** `n` such students, each with a session of their own (a student binding); returns their tokens. */
export function studentSessions(dbFile: string, n: number, tag: string): string[] {
  const ids = benchStudents(dbFile, n, tag);
  return sessionsFor(dbFile, n, (i) => [{ role: 'student', schoolId: SCHOOL, classId: CLASS, studentId: ids[i] }]).tokens;
}

export async function screeningSubmitLoad(url: string, dbFile: string, seconds: number, requestId: (tag: string) => string): Promise<Compared> {
  const rnd = mulberry(7);
  const c: Compared = {
    name: 'screening.submit', massWrite: true, real: [], bare: [],
    note: 'every request is a different student (own session) answering the demo campaign\'s PHQ-A, GAD-7 and ASQ once: checks consent and the window, validates and scores 20 items, stores the response, raises an alert when the answers need one, removes the draft, writes an audit row.',
  };
  return massWriteLoad(url, seconds, c, (conc, n) => studentSessions(dbFile, n, `c${conc}`),
    () => ({ action: 'screening.submit', data: { campaignId: CAMPAIGN, answers: answerSet(rnd) }, requestId: requestId('s') }), requestId);
}

/**
 * A county-wide campaign over 思茅区's schools with 50,000 students in
 * grades 7-9: 80 % answered, under-14s split between consent given,
 * declined and awaited. Times `screening.stats` as the county coordinator
 * (the desk's counters per class and school, the class rolls, band cells).
 */
export async function rollupSection(students = 50_000): Promise<Section> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'huhang-bench-rollup-'));
  const store = openSqliteStore(path.join(dir, 'rollup.db'));
  try {
    const now = Date.parse('2026-11-28T02:00:00Z');
    await seedDemo(store, content.demo, now);
    const schools = content.catalog.schools.filter((s) => s.jurisdiction === 'simao').map((s) => s.id);
    const campaign = campaignDoc({
      id: 'cmp-bench-county', name: '思茅区全区心理筛查', schoolYear: '2026-2027', semester: 1, instrumentIds: ['phq-a', 'gad-7', 'asq'],
      grades: [7, 8, 9], schoolIds: schools, classIds: null, level: 'county', ownerId: 'simao', jurisdiction: 'simao',
      opensOn: '2026-11-20', closesOn: '2026-12-20', consentText: '全区七至九年级心理健康筛查。', createdBy: 'bench', createdAt: now,
    });
    await store.collection('screening_campaigns').put(campaign);
    const rnd = mulberry(11);
    const t0 = performance.now();
    const db = new Database(path.join(dir, 'rollup.db'));
    const ins = (table: string) => db.prepare(`INSERT INTO ${table} (id, doc) VALUES (?, ?)`);
    const [addStudent, addConsent, addResponse] = [ins('students'), ins('screening_consents'), ins('screening_responses')];
    db.transaction(() => {
      for (let i = 0; i < students; i++) {
        const schoolId = schools[i % schools.length];
        const grade = 7 + (i % 3);
        const classId = `cls-bench-${schoolId}-${grade}-${Math.floor(i / 45) % 20}`;
        const id = `stu-county-${i}`;
        const under14 = rnd() < 0.6;
        addStudent.run(id, JSON.stringify({ _id: id, id, name: '学生', schoolId, classId, grade, birthDate: under14 ? '2013-06-01' : '2011-06-01' }));
        const _id = `${campaign._id}:${id}`;
        const consent = rnd();
        if (under14 && consent < 0.9) {
          addConsent.run(_id, JSON.stringify({ _id, campaignId: campaign._id, studentId: id, schoolId, classId, agree: consent < 0.85, via: 'guardian_app', byUserId: 'u', byName: '监护人', at: now, history: [] }));
        }
        if ((!under14 || consent < 0.85) && rnd() < 0.85) {
          const answers = answerSet(rnd);
          const results = [phqA, gad7, asq].map((inst) => scoreInstrument(inst, answers[inst.id as keyof typeof answers]));
          addResponse.run(_id, JSON.stringify({
            _id, campaignId: campaign._id, studentId: id, schoolId, classId, grade, countyId: content.catalog.schools.find((k) => k.id === schoolId)?.jurisdiction ?? 'city', answers,
            digest: canonical(answers), results, crisis: isCrisis(results), level: Math.max(...results.map((r) => r.level)), urgency: overallUrgency(results), submittedAt: now,
          }));
        }
      }
    })();
    db.close();
    const generated = performance.now() - t0;
    // The rows went straight into SQLite, past the writes that keep the desk's counters and class rolls: built
    // here as a start on existing data does (backfillDesk), so screening.stats reads what it reads in use.
    const t1 = performance.now();
    await rebuildClassRolls(store);
    await rebuildTallies(store);
    const counted = performance.now() - t1;

    const env = {
      store, clock: { now: () => new Date(now) }, serverKey: 'bench', outbox: storeOutbox(store, { now: () => new Date(now) }), actions,
      platform: { name: 'local' as const, checkText: async () => ({ ok: true, skipped: true }), blobs: fileBlobStore(path.join(dir, 'up'), 'bench') },
    };
    const login = await dispatch({ action: 'auth.login', data: { deviceId: 'bench-device-1' } }, { userId: null, rateIdentity: 'bench' }, env) as any;
    const who = { userId: login.data.userId as string, rateIdentity: 'bench-coord' };
    await dispatch({ action: 'auth.redeem', data: { code: 'DEMO-COORD-SIMAO' }, requestId: 'bench_redeem_0001' }, who, env);
    const times: number[] = [];
    let total: any = null;
    for (let k = 0; k < 5; k++) {
      const t = performance.now();
      const r = await dispatch({ action: 'screening.stats', data: { campaignId: campaign._id } }, who, env) as any;
      if (!r.ok) throw new Error('screening.stats failed: ' + JSON.stringify(r.error));
      times.push(performance.now() - t);
      total = r.data.total;
    }
    times.sort((a, b) => a - b);
    return {
      title: `screening coverage roll-up: one county, ${students.toLocaleString('en')} students (ms)`,
      note: `screening.stats as the 思茅区 coordinator through the dispatcher on a SQLite file: eligible ${total.eligible}, finished ${total.finished}, awaiting consent ${total.awaitingConsent}, declined ${total.declined}; data generated in ${generated.toFixed(0)} ms, the desk's counters and class rolls built from it in ${counted.toFixed(0)} ms (once, as on a server's start).`,
      head: ['runs', 'median', 'max'],
      rows: [[times.length, times[2].toFixed(0), times[4].toFixed(0)]],
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
