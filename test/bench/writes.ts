/**
 * The holiday and lesson mass writes under load: `commitment.sign` (about
 * 400,000 guardians sign within days before a break) and `lesson.complete`
 * (a class finishing a lesson together), each request a different caller
 * with a session of their own, next to the bare insert of a body of the same size.
 */
import Database from 'better-sqlite3';
import { ALL_LESSONS } from '../../src/content/lessons/index';
import { TERMS_SETTING_ID } from '../../src/cloud/handlers/holiday/shared';
import { post } from '../reliability/server';
import { massWriteLoad, sessionsFor, type Compared } from './load';
import { benchStudents, studentSessions } from './screening';

/** `n` guardians, each bound to a child of their own (generated students of the demo class). */
export function guardianSessions(dbFile: string, n: number, tag: string) {
  const ids = benchStudents(dbFile, n, tag);
  const { tokens } = sessionsFor(dbFile, n, (i) => [{ role: 'guardian', studentId: ids[i], guardianName: '压测家长', relation: '母亲' }]);
  return { tokens, ids };
}

/**
 * The campaign a guardian of the demo school signs today, from `holiday.current`.
 * When none is open today (between breaks), the next one is published early, as a
 * coordinator would with holiday.setTerms, written straight into the term settings.
 */
export async function openCampaign(url: string, dbFile: string): Promise<string> {
  const { tokens } = guardianSessions(dbFile, 1, 'probe');
  let cur = (await post(url, { action: 'holiday.current', data: {} }, tokens[0])).data;
  if (cur?.campaign && (cur.campaign.phase === 'before' || cur.campaign.phase === 'during')) return cur.campaign.id;
  if (!cur?.next) throw new Error('holiday.current: no open and no next campaign: ' + JSON.stringify(cur));
  const db = new Database(dbFile);
  db.pragma('busy_timeout = 10000');
  const row = db.prepare('SELECT doc FROM settings WHERE id = ?').get(TERMS_SETTING_ID) as { doc: string } | undefined;
  const doc = row ? JSON.parse(row.doc) : { _id: TERMS_SETTING_ID, value: {}, version: 0 };
  doc.value = { ...doc.value, publishedEarly: { ...doc.value.publishedEarly, [cur.next.id]: cur.day } };
  doc.version += 1;
  doc.updatedAt = Date.now();
  db.prepare('INSERT OR REPLACE INTO settings (id, doc) VALUES (?, ?)').run(TERMS_SETTING_ID, JSON.stringify(doc));
  db.close();
  cur = (await post(url, { action: 'holiday.current', data: {} }, tokens[0])).data;
  if (!cur?.campaign) throw new Error('holiday.current: still no campaign after publishing early: ' + JSON.stringify(cur));
  return cur.campaign.id;
}

export async function commitmentSignLoad(url: string, dbFile: string, seconds: number, requestId: (tag: string) => string): Promise<Compared> {
  const campaignId = await openCampaign(url, dbFile);
  const letter = (await post(url, { action: 'holiday.current', data: {} }, guardianSessions(dbFile, 1, 'letter').tokens[0])).data;
  const pledgeIds: string[] = letter.pledges.map((p: { id: string }) => p.id);
  let children: string[] = [];
  const c: Compared = {
    name: 'commitment.sign', massWrite: true, real: [], bare: [],
    note: `every request is a different guardian (own session, bound to a child of their own) signing ${campaignId} by confirmation with all ${pledgeIds.length} pledges: loads the child and the term settings, checks the window and the pledges against the composed letter, inserts the commitment (id campaign+child+guardian), writes an audit row.`,
  };
  return massWriteLoad(url, seconds, c, (conc, n) => {
    const g = guardianSessions(dbFile, n, `g${conc}`);
    children = g.ids;
    return g.tokens;
  }, (k) => ({ action: 'commitment.sign', data: { campaignId, studentId: children[k % children.length], pledgeIds, method: 'confirm' }, requestId: requestId('c') }), requestId);
}

export async function lessonCompleteLoad(url: string, dbFile: string, seconds: number, requestId: (tag: string) => string): Promise<Compared> {
  const lesson = ALL_LESSONS.find((l) => l.band !== 'parent' && l.quiz.length >= 3)!;
  const answers = lesson.quiz.map((q) => q.correct);
  const c: Compared = {
    name: 'lesson.complete', massWrite: true, real: [], bare: [],
    note: `every request is a different student (own session) finishing ${lesson.id}: grades the ${lesson.quiz.length}-question quiz, loads the student, inserts the completion once (id student+lesson) through the dispatcher's idempotency record.`,
  };
  return massWriteLoad(url, seconds, c, (conc, n) => studentSessions(dbFile, n, `l${conc}`),
    () => ({ action: 'lesson.complete', data: { id: lesson.id, answers }, requestId: requestId('l') }), requestId);
}
