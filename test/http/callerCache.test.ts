/**
 * The local server keeps each caller's session and roles in memory between
 * requests (core/callerCache.ts, issue 17). That must never let anyone act on
 * access they have lost: an ended staff post, an unbound guardian, a logged-out
 * session, or a change another process made to the file, each takes effect on
 * the very next request, well inside the cache's few seconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { content } from '../../src/content';
import { seedDemo } from '../../src/cloud/local/seed';
import { buildServer } from '../../src/cloud/local/server';
import { openSqliteStore } from '../../src/cloud/store/sqlite';
import type { Store } from '../../src/cloud/store/types';

let app: FastifyInstance;
let store: Store;
let dir: string;
let file: string;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'huhang-callers-'));
  file = path.join(dir, 'h.db');
  store = openSqliteStore(file);
  await seedDemo(store, content.demo);
  app = await buildServer({ store, dataDir: dir, serverKey: 'caller-cache-test-key' });
});
afterEach(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const rid = () => `callers_${++n}_${Date.now().toString(36)}`;
async function api(token: string | null, action: string, data: unknown = {}) {
  const res = await app.inject({
    method: 'POST', url: '/api', payload: { action, data, requestId: rid() } as any,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.statusCode, body: res.json() };
}
async function login(code?: string): Promise<string> {
  const { body } = await api(null, 'auth.login', { deviceId: 'device_' + Math.random().toString(36).slice(2) });
  const token = body.data.token as string;
  if (code) expect((await api(token, 'auth.redeem', { code })).status).toBe(200);
  return token;
}

test('an ended staff post: the very next request is refused', async () => {
  const admin = await login('DEMO-SCHOOL-ADMIN');
  const issued = await api(admin, 'invite.issue', { role: 'psych_teacher', schoolId: 'sch-simao-1', displayName: '林老师' });
  const psych = await login(issued.body.data[0].code);
  const results = () => api(psych, 'screening.results', { campaignId: 'cmp-demo-simao-1' });
  // twice: the second answer comes from the kept roles
  expect((await results()).status).toBe(200);
  expect((await results()).status).toBe(200);
  const post = (await api(admin, 'staff.list')).body.data.posts.find((p: any) => p.displayName === '林老师');
  expect((await api(admin, 'staff.end', { postId: post.postId })).body.data.ended).toBe(true);
  expect((await results()).body.error?.code).toBe('FORBIDDEN');
});

test('an unbound guardian: the very next request is refused', async () => {
  const parent = await login('DEMO-PARENT');
  expect((await api(parent, 'holiday.current')).body.data.children).toHaveLength(1);
  expect((await api(parent, 'holiday.current')).body.data.children).toHaveLength(1);
  const teacher = await login('DEMO-TEACHER');
  const child = (await api(teacher, 'guardian.list', { classId: 'cls-simao-1-8-2' })).body.data.students.find((s: any) => s.studentId === 'stu-simao-1');
  const link = child.guardians.find((g: any) => g.name === '刘芳');
  expect((await api(teacher, 'guardian.unbind', { linkId: link.linkId })).body.data).toEqual({ unbound: true });
  expect((await api(parent, 'holiday.current')).body.error?.code).toBe('FORBIDDEN');
});

test('a logged-out session: the very next request is unauthenticated', async () => {
  const token = await login('DEMO-PARENT');
  expect((await api(token, 'auth.me')).status).toBe(200);
  expect((await api(token, 'auth.me')).status).toBe(200);
  expect((await api(token, 'auth.logout', { token })).status).toBe(200);
  expect((await api(token, 'auth.me')).status).toBe(401);
});

test('roles changed by another process on the same file: the very next request sees it', async () => {
  const token = await login('DEMO-POLICE');
  const me = async () => (await api(token, 'auth.me')).body.data;
  const { userId } = await me();
  expect((await me()).roles).toEqual([expect.objectContaining({ role: 'handler' })]);
  // a second connection stands for the admin command's process: its commit is not told by this store's own signal
  const other = openSqliteStore(file);
  try {
    await other.collection('users').update(userId, { set: { roles: [] } });
  } finally {
    await other.close();
  }
  expect((await me()).roles).toEqual([]);
  expect((await api(token, 'case.list')).body.error?.code).toBe('FORBIDDEN');
});
