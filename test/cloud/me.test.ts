/** auth.me says who I am in each role (我的), from my own bindings only, as an exact shape. */
import { z } from 'zod';
import { ok } from '../fixtures/reports';
import { makeHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => { h = await makeHarness(); });
afterAll(async () => { await h.close(); });

const pendingShape = z.object({ school: z.string().nullable(), className: z.string().nullable(), since: z.number() }).strict();
const endedShape = z.object({ roleName: z.string(), place: z.string().nullable(), bySchool: z.boolean(), endedAt: z.number() }).strict();
const shape = z.object({
  userId: z.string(), roles: z.array(z.object({ role: z.string() }).passthrough()), who: z.array(z.string().nullable()), pendingGuardian: z.array(pendingShape),
  endedPosts: z.array(endedShape),
}).strict();
const whoAs = async (code: string) => {
  const me = ok(await h.call('auth.me', {}, { as: await h.as(code) }));
  expect(shape.safeParse(me).success).toBe(true);
  expect(me.who).toHaveLength(me.roles.length);
  return me.who;
};

test('a student reads their own name and class', async () => {
  expect(await whoAs('DEMO-STUDENT')).toEqual(['李小雨，八年级（2）班']);
});

test('a grandfather reads his name and relation and the child he is bound to', async () => {
  expect(await whoAs('DEMO-GRANDPARENT')).toEqual(['李国荣（祖父） · 孩子：李小雨，八年级（2）班']);
});

test('staff read their own name; a class teacher also the class', async () => {
  expect(await whoAs('DEMO-TEACHER')).toEqual(['王丽华 · 八年级（2）班']);
  expect(await whoAs('DEMO-POLICE')).toEqual(['赵明']);
});

test('a session with no role reads an empty list', async () => {
  expect(ok(await h.call('auth.me', {}, { as: await h.as() }))).toMatchObject({ who: [], pendingGuardian: [], endedPosts: [] });
});

test('a parent whose name is not on the roster reads their own waiting request: school, class and when, not the child', async () => {
  const codes = ok(await h.call('invite.issue', { classId: 'cls-simao-1-8-2', role: 'guardian' }, { as: await h.as('DEMO-TEACHER') })) as Array<{ studentId: string; code: string }>;
  const aunt = await h.as();
  const other = await h.as();
  const res = await h.call('auth.redeem', { code: codes.find((c) => c.studentId === 'stu-simao-1')!.code, name: '李阿姨', relation: '姑姑' }, { as: aunt });
  expect(ok(res)).toMatchObject({ pending: true });
  const me = ok(await h.call('auth.me', {}, { as: aunt }));
  expect(shape.safeParse(me).success).toBe(true);
  expect(me.roles).toEqual([]);
  expect(me.pendingGuardian).toEqual([{ school: '思茅区第一中学', className: '八年级（2）班', since: h.clock.now().getTime() }]);
  expect(JSON.stringify(me)).not.toContain('李小雨');
  // nobody else reads it
  expect(ok(await h.call('auth.me', {}, { as: other })).pendingGuardian).toEqual([]);
  expect(ok(await h.call('auth.me', {}, { as: await h.as('DEMO-PARENT') })).pendingGuardian).toEqual([]);
});

test('a teacher whose post the school ended reads it: the post, the place and when, only for 30 days and only themselves', async () => {
  const admin = await h.as('DEMO-SCHOOL-ADMIN');
  const [c] = ok(await h.call('invite.issue', { role: 'psych_teacher', schoolId: 'sch-simao-1', displayName: '段心怡' }, { as: admin })) as Array<{ code: string }>;
  const psych = await h.as();
  ok(await h.call('auth.redeem', { code: c.code }, { as: psych }));
  expect(ok(await h.call('auth.me', {}, { as: psych })).endedPosts).toEqual([]);
  const post = ok(await h.call('staff.list', {}, { as: admin })).posts.find((p: { displayName: string }) => p.displayName === '段心怡');
  ok(await h.call('staff.end', { postId: post.postId }, { as: admin }));
  const endedAt = h.clock.now().getTime();
  const me = ok(await h.call('auth.me', {}, { as: psych }));
  expect(shape.safeParse(me).success).toBe(true);
  expect(me.roles).toEqual([]);
  expect(me.endedPosts).toEqual([{ roleName: '心理健康教师', place: '思茅区第一中学', bySchool: true, endedAt }]);
  // nobody else reads it, not even the admin who ended it
  expect(ok(await h.call('auth.me', {}, { as: admin })).endedPosts).toEqual([]);
  expect(ok(await h.call('auth.me', {}, { as: await h.as() })).endedPosts).toEqual([]);
  // a month later it is not said any more
  h.clock.advance(31 * 24 * 3600_000);
  expect(ok(await h.call('auth.me', {}, { as: await h.as() })).endedPosts).toEqual([]);
  expect(ok(await h.call('auth.me', {}, { as: psych })).endedPosts).toEqual([]);
});
