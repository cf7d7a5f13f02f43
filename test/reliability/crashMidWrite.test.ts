/**
 * kill -9 in the middle of a write: the server's store pauses before every
 * write of a unit of work (HUHANG_WRITE_PAUSE_MS) and says so on stderr, so
 * the kill lands while a request has written part of its rows. A mixed burst
 * of report.submit, screening.submit, commitment.sign and lesson.complete,
 * each caller their own session; the server is killed once a third have been
 * answered, and only after it has reported a pause at the second write or
 * later of some unit. After a restart on the same files, every table is read:
 *  - each acknowledged request is complete (its record, its audit row, its
 *    notifications, its idempotency record where the action keeps one);
 *  - each unacknowledged one is complete or absent, never half;
 *  - a retry of every unacknowledged one (same request id, as the client
 *    queue sends it) lands it once; SQLite's integrity check passes.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { hmac, sha256 } from '../../src/cloud/core/crypto';
import { ALL_LESSONS } from '../../src/content/lessons/index';
import { responseId } from '../../src/cloud/handlers/screening/model';
import { sessionsFor } from '../bench/load';
import { answerSet, benchStudents, mulberry } from '../bench/screening';
import { openCampaign } from '../bench/writes';
import { bullying } from '../fixtures/reports';
import { post, runServer, type Envelope, type ServerProcess } from './server';

const PER_KIND = 10;
const SCREENING = 'cmp-demo-simao-1';
let dataDir: string;
beforeAll(() => { dataDir = mkdtempSync(path.join(tmpdir(), 'huhang-midwrite-')); });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

type Kind = 'report' | 'screening' | 'commitment' | 'lesson';
interface Write { kind: Kind; token?: string; userId?: string; requestId: string; action: string; data: any; subject: string; answer?: Envelope }

function rows(db: Database.Database, table: string): any[] {
  return (db.prepare(`SELECT doc FROM "${table}"`).all() as Array<{ doc: string }>).map((r) => JSON.parse(r.doc));
}

/** The dispatcher's idempotency record of a request (stored-idempotency actions), in state done. */
const stored = (db: Database.Database, w: Write) =>
  rows(db, 'idempotency').some((r) => r._id === sha256(`${w.action}:${w.userId}:${w.requestId}`) && r.state === 'done');

/** What a request leaves behind in every table it touches: all there, or all absent. */
function pieces(db: Database.Database, w: Write, serverKey: string) {
  const audit = rows(db, 'audit');
  switch (w.kind) {
    case 'report': {
      const id = 'c' + hmac(serverKey, 'report.submit:case:' + w.requestId).slice(0, 31);
      const c = rows(db, 'cases').find((x) => x._id === id);
      return {
        case: !!c,
        submitted: rows(db, 'case_events').some((e) => e._id === `${id}:submitted`),
        audit: audit.some((a) => a._id === `${id}:filed`),
        notified: rows(db, 'outbox').filter((o) => o._id.startsWith(`${id}:new_case:`)).length === (c?.lead.length ?? 1),
      };
    }
    case 'screening': {
      const id = responseId(SCREENING, w.subject);
      return {
        response: rows(db, 'screening_responses').some((r) => r._id === id),
        audit: audit.some((a) => a.action === 'screening.submit' && a.subjectId === w.subject),
      };
    }
    case 'commitment': {
      return {
        commitment: rows(db, 'commitments').some((x) => x.studentId === w.subject),
        counted: rows(db, 'commitment_firsts').some((f) => f.studentId === w.subject && f.counted === true),
        audit: audit.some((a) => a.action === 'commitment.sign' && a.subjectId === w.subject),
        done: stored(db, w),
      };
    }
    case 'lesson': {
      return {
        completion: rows(db, 'lesson_completions').some((r) => r.studentId === w.subject),
        audit: audit.some((a) => a.action === 'lesson.complete' && a.actorId === w.userId),
        done: stored(db, w),
      };
    }
  }
}

test('kill -9 between two writes of a request: acknowledged ones complete, the rest complete or absent, never half', async () => {
  let server: ServerProcess = await runServer(dataDir, { HUHANG_WRITE_PAUSE_MS: '15' });
  const dbFile = path.join(dataDir, 'huhang.db');
  const serverKey = readFileSync(path.join(dataDir, 'server.key'), 'utf8').trim();
  const tag = Date.now().toString(36);
  const writes: Write[] = [];
  // reports: anonymous, each from its own session
  const reporters = sessionsFor(dbFile, PER_KIND).tokens;
  for (let i = 0; i < PER_KIND; i++) {
    writes.push({ kind: 'report', token: reporters[i], requestId: `mid_r_${i}_${tag}`, action: 'report.submit', data: bullying({ description: `第${i}份：有几个同学天天在厕所门口堵我。` }), subject: '' });
  }
  // screening: students aged 14+ (no consent needed) answering the demo campaign
  const students = benchStudents(dbFile, PER_KIND, `mid${tag}`);
  const studentTokens = sessionsFor(dbFile, PER_KIND, (i) => [{ role: 'student', schoolId: 'sch-simao-1', classId: 'cls-simao-1-8-2', studentId: students[i] }]).tokens;
  const rnd = mulberry(3);
  for (let i = 0; i < PER_KIND; i++) {
    writes.push({ kind: 'screening', token: studentTokens[i], requestId: `mid_s_${i}_${tag}`, action: 'screening.submit', data: { campaignId: SCREENING, answers: answerSet(rnd) }, subject: students[i] });
  }
  // commitments: guardians, each of a child of their own
  const campaignId = await openCampaign(server.url, dbFile);
  const children = benchStudents(dbFile, PER_KIND, `midg${tag}`);
  const g = sessionsFor(dbFile, PER_KIND, (i) => [{ role: 'guardian', studentId: children[i], guardianName: '压测家长', relation: '母亲' }]);
  const guardians = g.tokens;
  const letter = (await post(server.url, { action: 'holiday.current', data: {} }, guardians[0])).data;
  const pledgeIds = letter.pledges.map((p: { id: string }) => p.id);
  for (let i = 0; i < PER_KIND; i++) {
    writes.push({ kind: 'commitment', token: guardians[i], userId: g.userIds[i], requestId: `mid_c_${i}_${tag}`, action: 'commitment.sign', data: { campaignId, studentId: children[i], pledgeIds, method: 'confirm' }, subject: children[i] });
  }
  // lessons: students finishing a quiz
  const lesson = ALL_LESSONS.find((l) => l.band !== 'parent' && l.quiz.length >= 3)!;
  const learners = benchStudents(dbFile, PER_KIND, `midl${tag}`);
  const l = sessionsFor(dbFile, PER_KIND, (i) => [{ role: 'student', schoolId: 'sch-simao-1', classId: 'cls-simao-1-8-2', studentId: learners[i] }]);
  const learnerTokens = l.tokens;
  for (let i = 0; i < PER_KIND; i++) {
    writes.push({ kind: 'lesson', token: learnerTokens[i], userId: l.userIds[i], requestId: `mid_l_${i}_${tag}`, action: 'lesson.complete', data: { id: lesson.id, answers: lesson.quiz.map((q) => q.correct) }, subject: learners[i] });
  }

  let answered = 0;
  let killed: Promise<void> | null = null;
  let killedMidUnit = false;
  const first = server;
  const killIfMidUnit = () => {
    if (killed || answered < writes.length / 3) return;
    // the last thing the server said: it is pausing before the 2nd (or later) write of a unit
    const last = first.output().trim().split('\n').pop() ?? '';
    const m = last.match(/^write-pause (\d+)$/);
    if (m && Number(m[1]) >= 2) {
      killedMidUnit = true;
      killed = first.kill('SIGKILL');
    }
  };
  const poll = setInterval(killIfMidUnit, 2);
  await Promise.all(writes.map(async (w) => {
    try {
      const res = await post(first.url, { action: w.action, data: w.data, requestId: w.requestId }, w.token);
      if (res.ok) w.answer = res;
      else throw new Error(`${w.action} refused before the kill: ${JSON.stringify(res)}`);
      answered++;
    } catch (e) {
      if (!killed) throw e;
    }
  }));
  clearInterval(poll);
  await killed;
  expect(killedMidUnit).toBe(true);
  const acked = writes.filter((w) => w.answer);
  const unacked = writes.filter((w) => !w.answer);
  expect(acked.length).toBeGreaterThanOrEqual(writes.length / 3);
  expect(unacked.length).toBeGreaterThan(0);

  // after the crash, before any retry: every table, per request
  let db = new Database(dbFile, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const w of writes) {
      const p = pieces(db, w, serverKey);
      const values = Object.values(p);
      if (w.answer) expect({ kind: w.kind, acked: true, p }).toEqual({ kind: w.kind, acked: true, p: Object.fromEntries(Object.keys(p).map((k) => [k, true])) });
      else expect({ kind: w.kind, p, complete: values.every(Boolean) || values.every((v) => !v) }).toEqual({ kind: w.kind, p, complete: true }); // never half
    }
  } finally {
    db.close();
  }

  server = await runServer(dataDir);
  try {
    for (const w of unacked) {
      const r1 = await post(server.url, { action: w.action, data: w.data, requestId: w.requestId }, w.token);
      expect({ action: w.action, r1 }).toMatchObject({ action: w.action, r1: { ok: true } });
      const r2 = await post(server.url, { action: w.action, data: w.data, requestId: w.requestId }, w.token);
      expect(r2).toEqual(r1);
      w.answer = r1;
    }
    // an acknowledged one retried changes nothing
    const again = await post(server.url, { action: acked[0].action, data: acked[0].data, requestId: acked[0].requestId }, acked[0].token);
    expect(again.ok).toBe(true);
  } finally {
    await server.kill('SIGTERM');
  }

  db = new Database(dbFile, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const w of writes) {
      const p = pieces(db, w, serverKey);
      expect({ kind: w.kind, p }).toEqual({ kind: w.kind, p: Object.fromEntries(Object.keys(p).map((k) => [k, true])) });
    }
    // exactly once each
    expect(rows(db, 'cases').filter((c) => c.channel === 'anonymous' && /^第\d+份/.test(c.description))).toHaveLength(PER_KIND);
    expect(rows(db, 'screening_responses').filter((r) => students.includes(r.studentId))).toHaveLength(PER_KIND);
    expect(rows(db, 'commitments').filter((c) => children.includes(c.studentId))).toHaveLength(PER_KIND);
    expect(rows(db, 'lesson_completions').filter((c) => learners.includes(c.studentId))).toHaveLength(PER_KIND);
  } finally {
    db.close();
  }
});
