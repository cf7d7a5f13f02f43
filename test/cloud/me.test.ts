/** auth.me says who I am in each role (我的), from my own bindings only, as an exact shape. */
import { z } from 'zod';
import { ok } from '../fixtures/reports';
import { makeHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => { h = await makeHarness(); });
afterAll(async () => { await h.close(); });

const pendingShape = z.object({ school: z.string().nullable(), className: z.string().nullable(), since: z.number() }).strict();
const shape = z.object({
  userId: z.string(), roles: z.array(z.object({ role: z.string() }).passthrough()), who: z.array(z.string().nullable()), pendingGuardian: z.array(pendingShape),
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
  expect(ok(await h.call('auth.me', {}, { as: await h.as() }))).toMatchObject({ who: [], pendingGuardian: [] });
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
