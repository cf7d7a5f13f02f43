/**
 * The local server runs a scheduler pass when it starts, not only a minute
 * later (src/cloud/local/main.ts): a case whose acknowledge deadline passed
 * while the server was down is escalated within seconds of the restart.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bullying } from '../fixtures/reports';
import { post, runServer, type ServerProcess } from '../reliability/server';
import { ownBundles } from './ownBundles';

jest.setTimeout(90_000);

let bundles: string;
let dataDir: string;
let server: ServerProcess | undefined;

beforeAll(async () => {
  bundles = await ownBundles('startup', ['main']);
  dataDir = mkdtempSync(path.join(tmpdir(), 'huhang-startup-'));
}, 60_000);
afterAll(async () => {
  await server?.kill();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(bundles, { recursive: true, force: true });
});

const escalationsOf = (db: Database.Database, caseId: string) =>
  (db.prepare('SELECT doc FROM case_events').all() as Array<{ doc: string }>)
    .map((r) => JSON.parse(r.doc)).filter((e) => e.caseId === caseId && e.kind === 'escalated').length;

test('a case that fell due while the server was down is escalated within seconds of the restart', async () => {
  server = await runServer(dataDir, {}, path.join(bundles, 'main.js'));
  const token = (await post(server.url, { action: 'auth.login', data: { deviceId: 'dev_startup_1' } })).data.token;
  const filed = await post(server.url, { action: 'report.submit', data: bullying(), requestId: 'startup_pass_1' }, token);
  expect(filed.ok).toBe(true);
  await server.kill('SIGTERM');
  server = undefined;

  // while it was down, the acknowledge deadline passed (an hour ago)
  const db = new Database(path.join(dataDir, 'huhang.db'));
  const { id } = db.prepare('SELECT id FROM cases').get() as { id: string };
  db.prepare(`UPDATE cases SET doc = json_set(doc, '$.dueAt', ?) WHERE id = ?`).run(Date.now() - 3600_000, id);
  expect(escalationsOf(db, id)).toBe(0);

  const started = Date.now();
  server = await runServer(dataDir, {}, path.join(bundles, 'main.js'));
  while (escalationsOf(db, id) === 0 && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 200));
  // the timer's first tick is 60 s after the start: only the pass at startup can have done it by now
  expect(escalationsOf(db, id)).toBe(1);
  expect(Date.now() - started).toBeLessThan(20_000);
  expect((JSON.parse((db.prepare('SELECT doc FROM cases WHERE id = ?').get(id) as { doc: string }).doc)).escalationLevel).toBe(1);
  db.close();
});
