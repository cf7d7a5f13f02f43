/**
 * DESIGN.md §3: an anonymous report stores nothing that identifies the
 * reporter. A logged-in student files a report, uploads nothing that names
 * them, reads the status and sends a message; then every row that is new or
 * changed in every table is searched for anything that could lead back to
 * them: the user id, the session token (and its hash), the device id, the
 * rate-limit identity, the client address.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hmac, sha256 } from '../../src/cloud/core/crypto';
import { saveUpload } from '../../src/cloud/media/uploads';
import type { Doc } from '../../src/cloud/store/types';
import { makeHarness, type Harness } from './harness';
import { bullying, ok, submit } from '../fixtures/reports';


let h: Harness;
beforeEach(async () => { h = await makeHarness(); });
afterEach(async () => { await h.close(); });

/** Rows that are new or changed between two dumps, with their table. */
function changedRows(before: Record<string, Doc[]>, after: Record<string, Doc[]>) {
  const out: Array<{ table: string; row: Doc }> = [];
  for (const [table, rows] of Object.entries(after)) {
    const old = new Map((before[table] ?? []).map((r) => [r._id, JSON.stringify(r)]));
    for (const row of rows) if (old.get(row._id) !== JSON.stringify(row)) out.push({ table, row });
  }
  return out;
}

test('a logged-in student reports, reads and messages: no new or changed row can lead back to them', async () => {
  const student = await h.login('DEMO-STUDENT');
  const before = await h.store.dump!();

  const { fileId } = await saveUpload(h.store, h.blobs, readFileSync(path.join(__dirname, '../fixtures/gps.jpg')), h.clock);
  const r = await submit(h, bullying({ photoIds: [fileId], place: '教学楼二楼厕所' }), { as: student.who });
  ok(await h.call('report.status', { trackingCode: r.trackingCode, secret: r.secret }, { as: student.who }));
  ok(await h.call('report.message', { trackingCode: r.trackingCode, secret: r.secret, text: '今天中午他们又来了。' }, { as: student.who }));
  // a mistyped secret leaves a lock counter behind: that row is searched too
  expect((await h.call('report.status', { trackingCode: r.trackingCode, secret: 'ZZZZ-ZZZZ' }, { as: student.who })).error?.code).toBe('NOT_FOUND');

  const after = await h.store.dump!();
  const changed = changedRows(before, after);
  // the report really was written (so the search below is over something)
  expect(changed.map((c) => c.table)).toEqual(expect.arrayContaining(['cases', 'case_events', 'outbox', 'audit', 'uploads', 'rate_limits', 'secret_attempts']));

  const forbidden = [
    student.userId,
    student.token,
    sha256(student.token),
    student.deviceId,
    student.who.rateIdentity,
    'DEMO-STUDENT',
    '127.0.0.1',
    'stu-simao-1', // the student record the demo code binds to
    r.secret,
    r.secret.replace('-', ''),
  ];
  for (const { table, row } of changed) {
    const text = JSON.stringify(row);
    for (const f of forbidden) {
      if (text.includes(f)) throw new Error(`${table} row ${row._id} contains ${f}: ${text}`);
    }
  }
  // every audit entry the reporter caused is anonymous
  const audits = changed.filter((c) => c.table === 'audit').map((c) => c.row);
  expect(audits.length).toBeGreaterThanOrEqual(3);
  expect(new Set(audits.map((a) => a.actorId))).toEqual(new Set(['anonymous']));
  // and the case itself has no reporter
  const [c] = changed.filter((x) => x.table === 'cases').map((x) => x.row);
  expect([c.reporter, c.reporterUserId]).toEqual([null, null]);
});

test('a reporter without a session leaves no address behind either', async () => {
  const before = await h.store.dump!();
  const ip = { userId: null, rateIdentity: 'ip:203.0.113.77' };
  const r = await submit(h, bullying(), { as: ip });
  ok(await h.call('report.message', { trackingCode: r.trackingCode, secret: r.secret, text: '补充：是三个人。' }, { as: ip }));
  const text = JSON.stringify(changedRows(before, await h.store.dump!()));
  expect(text).not.toContain('203.0.113.77');
});

test('what the handler sees of an anonymous case names no reporter', async () => {
  const student = await h.login('DEMO-STUDENT');
  const r = await submit(h, bullying(), { as: student.who });
  const [c] = await h.store.collection('cases').find({ trackingCode: r.trackingCode });
  const edu = await h.as('DEMO-EDU');
  const view = ok(await h.call('case.get', { id: c._id }, { as: edu }));
  expect(view.reporter).toBeNull();
  const text = JSON.stringify(view);
  for (const f of [student.userId, student.deviceId, 'stu-simao-1', '李小雨']) expect(text).not.toContain(f);
});

test('a copy of the database alone cannot tell whether someone reported (rate-limit rows need the server key)', async () => {
  const student = await h.login('DEMO-STUDENT');
  await submit(h, bullying(), { as: student.who });
  const dump = await h.store.dump!();
  const salts = (dump.rate_keys ?? []).map((k: any) => String(k.key));
  const rows = (dump.rate_limits ?? []).map((r) => r._id.split(':')[0]);
  expect(salts.length).toBeGreaterThan(0);
  expect(rows.length).toBeGreaterThan(0);
  const identity = student.who.rateIdentity;
  // What someone holding only the database would try: key the suspect with the stored salt.
  for (const salt of salts) {
    expect(rows).not.toContain(hmac(salt, `report.submit:${identity}`).slice(0, 40));
  }
  // With the server key as well (inside the retention window) the row is found: the test can fail.
  expect(rows).toContain(hmac(hmac(h.serverKey, salts[0]), `report.submit:${identity}`).slice(0, 40));
});
