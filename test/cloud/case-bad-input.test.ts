/**
 * Bad input on every report.* and case.* action: a 4xx answer with a
 * Chinese sentence a person can act on, and not one row written anywhere
 * (the whole database is compared before and after each call).
 */
import { HTTP_STATUS, type ErrorCode } from '../../src/domain/errors';
import { WRITE_ACTIONS } from '../../src/domain/policy';
import { makeHarness, type Harness } from './harness';
import { bullying, caseIdOf, submit } from '../fixtures/reports';
import type { CallerIdentity } from '../../src/cloud/core/dispatch';

let h: Harness;
let id: string;
let code: string;
let secret: string;
const who: Record<string, CallerIdentity> = {};

beforeAll(async () => {
  h = await makeHarness();
  ({ trackingCode: code, secret } = await submit(h, bullying()));
  id = await caseIdOf(h, code);
  who.edu = await h.as('DEMO-EDU');
  who.teacher = await h.as('DEMO-TEACHER');
  who.coord = await h.as('DEMO-COORD');
});
afterAll(async () => { await h.close(); });

const unknownCase = 'c' + 'f'.repeat(31);
const long = (n: number) => '字'.repeat(n);

// [what is wrong, action, data, caller]
type Sample = [string, string, () => Record<string, unknown>, string | null];
const SAMPLES: Sample[] = [
  ['description too short', 'report.submit', () => bullying({ description: '被打了' }), null],
  ['description too long', 'report.submit', () => bullying({ description: long(2001) }), null],
  ['unknown category', 'report.submit', () => bullying({ category: 'aliens' }), null],
  ['no category', 'report.submit', () => ({ description: '有人在学校门口收保护费，每人五块钱。', countyId: 'simao' }), null],
  ['unknown school', 'report.submit', () => bullying({ schoolId: 'sch-nowhere' }), null],
  ['unknown county', 'report.submit', () => bullying({ schoolId: undefined, countyId: 'atlantis' }), null],
  ['no place at all', 'report.submit', () => bullying({ schoolId: undefined }), null],
  ['dangerous water without a water type', 'report.submit', () => ({ category: 'dangerous_water', countyId: 'lancang', description: '水库边上的护栏坏了很久了。' }), null],
  ['unknown water type', 'report.submit', () => ({ category: 'dangerous_water', waterType: 'ocean', countyId: 'lancang', description: '水库边上的护栏坏了很久了。' }), null],
  ['place too long', 'report.submit', () => bullying({ place: long(101) }), null],
  ['occurred in the future', 'report.submit', () => bullying({ occurredAt: '2027-01-01T00:00:00Z' }), null],
  ['occurredAt not a date', 'report.submit', () => bullying({ occurredAt: '昨天下午' }), null],
  ['how sure of the time, not one of the choices', 'report.submit', () => bullying({ occurredAt: '2026-11-27T12:00:00+08:00', occurredPrecision: 'roughly' }), null],
  ['"这几天" without a time', 'report.submit', () => bullying({ occurredPrecision: 'days' }), null],
  ['"不记得了" with a time', 'report.submit', () => bullying({ occurredAt: '2026-11-27T12:00:00+08:00', occurredPrecision: 'unknown' }), null],
  ['unknown relation', 'report.submit', () => bullying({ relation: 'spy' }), null],
  ['unknown flag', 'report.submit', () => bullying({ flags: { alien: true } }), null],
  ['flag not yes/no', 'report.submit', () => bullying({ flags: { injury: 'yes' } }), null],
  ['four photos', 'report.submit', () => bullying({ photoIds: ['a', 'b', 'c', 'd'] }), null],
  ['a photo never uploaded', 'report.submit', () => bullying({ photoIds: ['f' + 'q'.repeat(24)] }), null],
  ['an extra field', 'report.submit', () => bullying({ openid: 'o-123' }), null],
  ['no secret', 'report.status', () => ({ trackingCode: code }), null],
  ['a code of the wrong shape', 'report.status', () => ({ trackingCode: 'ABC', secret }), null],
  ['a secret of the wrong shape', 'report.status', () => ({ trackingCode: code, secret: '12' }), null],
  ['empty message', 'report.message', () => ({ trackingCode: code, secret, text: '   ' }), null],
  ['message too long', 'report.message', () => ({ trackingCode: code, secret, text: long(1001) }), null],
  ['description too short', 'report.mandatory', () => bullying({ description: '打人' }), 'teacher'],
  ['unknown school', 'report.mandatory', () => bullying({ schoolId: 'sch-nowhere' }), 'teacher'],
  ['a day without a time', 'report.mandatory', () => bullying({ occurredPrecision: 'day' }), 'teacher'],
  ['unknown status', 'case.list', () => ({ status: 'lost' }), 'edu'],
  ['overdueOnly not yes/no', 'case.list', () => ({ overdueOnly: 'yes' }), 'edu'],
  ['malformed id', 'case.get', () => ({ id: '../../etc' }), 'edu'],
  ['unknown case', 'case.get', () => ({ id: unknownCase }), 'edu'],
  ['no id', 'case.acknowledge', () => ({}), 'edu'],
  ['unknown case', 'case.acknowledge', () => ({ id: unknownCase }), 'edu'],
  ['empty reply', 'case.reply', () => ({ id, text: '' }), 'edu'],
  ['reply too long', 'case.reply', () => ({ id, text: long(1001) }), 'edu'],
  ['note too long', 'case.note', () => ({ id, text: long(2001) }), 'edu'],
  ['no reason', 'case.transfer', () => ({ id, toDeptId: 'simao.police' }), 'edu'],
  ['unknown department', 'case.transfer', () => ({ id, toDeptId: 'mars.police', reason: '转交' }), 'edu'],
  ['unknown disposition', 'case.resolve', () => ({ id, disposition: 'whatever', summary: '已处理完毕了。' }), 'edu'],
  ['summary too short', 'case.resolve', () => ({ id, disposition: 'unfounded', summary: '无' }), 'edu'],
  ['no reason', 'case.reopen', () => ({ id }), 'edu'],
  ['not a date', 'case.stats', () => ({ from: '上个月' }), 'coord'],
  ['an impossible date', 'case.stats', () => ({ from: '2026-13-45' }), 'coord'],
  ['a day the month does not have (2026-02-31)', 'case.stats', () => ({ from: '2026-02-31' }), 'coord'],
  ['the 30th of February as the end', 'case.stats', () => ({ to: '2026-02-30' }), 'coord'],
  ['from after to', 'case.stats', () => ({ from: '2026-11-30', to: '2026-11-01' }), 'coord'],
];

const ACTIONS = ['report.submit', 'report.status', 'report.message', 'report.mandatory', 'case.list', 'case.get', 'case.acknowledge',
  'case.reply', 'case.note', 'case.transfer', 'case.resolve', 'case.reopen', 'case.stats'];

test('every report and case action has bad-input samples here', () => {
  expect([...new Set(SAMPLES.map((s) => s[1]))].sort()).toEqual([...ACTIONS].sort());
});

test.each(SAMPLES)('%s → %s: 4xx, in Chinese, nothing written', async (_what, action, data, as) => {
  const before = await h.store.dump!();
  const res = await h.call(action, data(), { as: as ? who[as] : null });
  expect(res.ok).toBe(false);
  const status = HTTP_STATUS[res.error!.code as ErrorCode];
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  expect(res.error!.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(await h.store.dump!()).toEqual(before);
});

test.each(ACTIONS.filter((a) => WRITE_ACTIONS.has(a)))('%s without a valid request id: BAD_INPUT, nothing written', async (action) => {
  const sample = SAMPLES.find((s) => s[1] === action)!;
  const before = await h.store.dump!();
  // a valid form, so the request id is the only thing wrong
  const valid: Record<string, Record<string, unknown>> = {
    'report.submit': bullying(), 'report.mandatory': bullying(), 'report.message': { trackingCode: code, secret, text: '补充' },
    'case.acknowledge': { id }, 'case.reply': { id, text: '你好' }, 'case.note': { id, text: '备注' },
    'case.transfer': { id, toDeptId: 'simao.police', reason: '转交公安' }, 'case.resolve': { id, disposition: 'unfounded', summary: '经核查没有此事。' },
    'case.reopen': { id, reason: '重新核查' },
  };
  const res = await h.call(action, valid[action], { as: sample[3] ? who[sample[3]] : null, requestId: 'bad id!' });
  expect(res.error?.code).toBe('BAD_INPUT');
  expect(res.error!.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(await h.store.dump!()).toEqual(before);
});
