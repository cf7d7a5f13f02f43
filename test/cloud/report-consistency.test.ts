/**
 * Bad input changes nothing: a report whose fields disagree (a 宁洱 county
 * with a 思茅 school, a follow-up answer the category does not ask, a water
 * type on a bullying report) or whose description has no words is refused
 * with a message that says what to do, and nothing is written.
 */
import { makeHarness, type Harness } from './harness';
import { NINGER_SCHOOL, SIMAO_SCHOOL, bullying, expectKindError, ok, online } from '../fixtures/reports';

let h: Harness;
beforeEach(async () => { h = await makeHarness(); });
afterEach(async () => { await h.close(); });

const nothingWritten = async () => {
  expect(await h.store.collection('cases').count()).toBe(0);
  expect(await h.store.collection('case_events').count()).toBe(0);
};

describe('fields that must agree', () => {
  test.each([
    ['a 思茅 school with 宁洱 county', bullying({ schoolId: SIMAO_SCHOOL, countyId: 'ninger' }), '不在'],
    ['a 宁洱 school with 思茅 county', bullying({ schoolId: NINGER_SCHOOL, countyId: 'simao' }), '不在'],
    ['a follow-up the category does not ask', online({ flags: { injury: true } }), '补充问题'],
    ['a follow-up answered no that the category does not ask', online({ flags: { weapon: false } }), '补充问题'],
    ['a water type on a bullying report', bullying({ waterType: 'river' }), '水域'],
  ])('%s is refused', async (_what, form, words) => {
    const e = expectKindError(await h.call('report.submit', form), 'BAD_INPUT');
    expect(e.message).toContain(words);
    await nothingWritten();
  });

  test('the same checks hold on the named channel', async () => {
    const teacher = await h.as('DEMO-TEACHER');
    expectKindError(await h.call('report.mandatory', bullying({ schoolId: SIMAO_SCHOOL, countyId: 'ninger' }), { as: teacher }), 'BAD_INPUT');
    await nothingWritten();
  });

  test('what agrees is filed: the school\'s own county, a city school with any county, the category\'s own follow-ups', async () => {
    ok(await h.call('report.submit', bullying({ schoolId: SIMAO_SCHOOL, countyId: 'simao', flags: { injury: true, weapon: false } })));
    ok(await h.call('report.submit', bullying({ schoolId: 'sch-city-1', countyId: 'simao' })));
    expect(await h.store.collection('cases').count()).toBe(2);
  });
});

describe('a description with words in it', () => {
  test.each([
    ['emoji only (each counted twice before)', '😭😭😭😭😭😭😭😭😭😭'],
    ['punctuation and emoji', '！！！😡😡😡……？？？'],
    ['nine characters a person sees (ten UTF-16 units with the emoji)', '他们天天打我抢我😭'],
  ])('%s is refused', async (_what, description) => {
    const e = expectKindError(await h.call('report.submit', bullying({ description })), 'BAD_INPUT');
    expect(e.message).toMatch(/文字|至少10个字/);
    await nothingWritten();
  });

  test('ten characters a person sees, emoji among them, are enough when there are words', async () => {
    ok(await h.call('report.submit', bullying({ description: '他们天天在厕所打我😭' })));
  });
});
