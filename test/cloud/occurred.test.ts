/**
 * How precisely the reporter said when it happened travels with the report:
 * stored on the case and given to the units in case.get, for the anonymous
 * and the named channel. A precision that contradicts the time is refused in
 * words, and nothing is written.
 */
import { makeHarness, type Harness } from './harness';
import { OCCURRED_MESSAGES } from '../../src/cloud/handlers/report/schema';
import { OCCURRED_PRECISIONS, type OccurredPrecision } from '../../src/domain/occurred';
import { bullying, caseIdOf, expectKindError, freshAnonymous, ok, submit } from '../fixtures/reports';

let h: Harness;
beforeEach(async () => { h = await makeHarness(); }); // 2026-11-28 10:00 in China
afterEach(async () => { await h.close(); });

/** What the county education bureau (the lead for bullying at a 思茅 school) reads in case.get. */
async function asHandlerSees(trackingCode: string) {
  const edu = await h.as('DEMO-EDU');
  return ok(await h.call('case.get', { id: await caseIdOf(h, trackingCode) }, { as: edu }));
}

// What the form sends for each answer to "什么时候": its best single instant, and how sure it is.
const SENT: Array<[OccurredPrecision, string | undefined]> = [
  ['exact', '2026-11-28T09:55:00+08:00'],     // 刚刚
  ['daypart', '2026-11-27T15:00:00+08:00'],   // 昨天下午
  ['day', '2026-11-27T12:00:00+08:00'],       // 昨天, time not known
  ['days', '2026-11-25T12:00:00+08:00'],      // 这几天
  ['earlier', '2026-10-03T12:00:00+08:00'],   // 更早, a rough day picked
  ['unknown', undefined],                     // 不记得了
];

test('the table covers every precision', () => {
  expect(SENT.map(([p]) => p).sort()).toEqual([...OCCURRED_PRECISIONS].sort());
});

describe('each precision round-trips to case.get', () => {
  test.each(SENT)('%s', async (precision, occurredAt) => {
    const r = await submit(h, bullying({ occurredPrecision: precision, ...(occurredAt ? { occurredAt } : {}) }), { as: freshAnonymous() });
    const c = await asHandlerSees(r.trackingCode);
    expect(c.occurredPrecision).toBe(precision);
    expect(c.occurredAt).toBe(occurredAt ? Date.parse(occurredAt) : null);
  });

  test('a form from an older app (a time, no precision) is still taken; the case says the precision is not known', async () => {
    const r = await submit(h, bullying({ occurredAt: '2026-11-27T12:00:00+08:00' }), { as: freshAnonymous() });
    const c = await asHandlerSees(r.trackingCode);
    expect(c.occurredAt).toBe(Date.parse('2026-11-27T12:00:00+08:00'));
    expect(c.occurredPrecision).toBeNull();
  });

  test('a form that skipped the question has neither', async () => {
    const r = await submit(h, bullying({ occurredAt: null, occurredPrecision: null }), { as: freshAnonymous() });
    const c = await asHandlerSees(r.trackingCode);
    expect([c.occurredAt, c.occurredPrecision]).toEqual([null, null]);
  });

  test('a named 强制报告 carries it too', async () => {
    const teacher = await h.as('DEMO-TEACHER');
    const r = ok(await h.call('report.mandatory', bullying({ occurredAt: '2026-11-25T12:00:00+08:00', occurredPrecision: 'days' }), { as: teacher }));
    const edu = await h.as('DEMO-EDU');
    const c = ok(await h.call('case.get', { id: r.caseId }, { as: edu }));
    expect([c.occurredAt, c.occurredPrecision]).toEqual([Date.parse('2026-11-25T12:00:00+08:00'), 'days']);
  });
});

describe('a precision that does not fit the time: BAD_INPUT in words, nothing written', () => {
  const BAD: Array<[string, string, Record<string, unknown>, string]> = [
    ...OCCURRED_PRECISIONS.filter((p) => p !== 'unknown').map((p): [string, string, Record<string, unknown>, string] =>
      [`"${p}" without a time`, 'report.submit', { occurredPrecision: p }, OCCURRED_MESSAGES.missingTime]),
    ['"unknown" with a time', 'report.submit', { occurredPrecision: 'unknown', occurredAt: '2026-11-27T12:00:00+08:00' }, OCCURRED_MESSAGES.unknownWithTime],
    ['a precision not in the list', 'report.submit', { occurredPrecision: 'roughly', occurredAt: '2026-11-27T12:00:00+08:00' }, OCCURRED_MESSAGES.precision],
    ['a precision that is not a word', 'report.submit', { occurredPrecision: 3, occurredAt: '2026-11-27T12:00:00+08:00' }, OCCURRED_MESSAGES.precision],
    ['"day" without a time, named channel', 'report.mandatory', { occurredPrecision: 'day' }, OCCURRED_MESSAGES.missingTime],
    ['"unknown" with a time, named channel', 'report.mandatory', { occurredPrecision: 'unknown', occurredAt: '2026-11-27T12:00:00+08:00' }, OCCURRED_MESSAGES.unknownWithTime],
  ];

  test.each(BAD)('%s (%s)', async (_what, action, over, message) => {
    const as = action === 'report.mandatory' ? await h.as('DEMO-TEACHER') : freshAnonymous();
    const before = await h.store.dump!();
    const e = expectKindError(await h.call(action, bullying(over), { as }), 'BAD_INPUT');
    expect(e.message).toBe(message);
    expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await h.store.dump!()).toEqual(before);
  });
});
