/**
 * What an anonymous or probing caller can make the server write is bounded:
 * lock rows per guesser, audit rows of right-secret reads, audit rows of
 * refused staff reads.
 */
import { makeHarness, type Harness } from './harness';
import { bullying, caseIdOf, expectKindError, ok, submit } from '../fixtures/reports';
import { CHECKS_PER_HOUR, FAILURES_PER_HOUR } from '../../src/cloud/handlers/report/reporterAccess';
import { DENIED_PER_HOUR } from '../../src/cloud/handlers/case/get';
import type { CallerIdentity } from '../../src/cloud/core/dispatch';

let h: Harness;
beforeEach(async () => { h = await makeHarness(); });
afterEach(async () => { await h.close(); });

const session = (): CallerIdentity => ({ userId: null, rateIdentity: `user:bounds-${Math.random().toString(36).slice(2)}` });

test('one caller guessing many codes leaves at most its hourly budget of lock rows', async () => {
  const guesser = session();
  for (let i = 0; i < FAILURES_PER_HOUR + 20; i++) {
    const code = `${'23456789ABCDEFGH'[i % 16]}${'JKMNPQRS'[(i >> 4) % 8]}AA-BBBB-CC`;
    await h.call('report.status', { trackingCode: code, secret: 'ZZZZ-ZZZZ' }, { as: guesser });
  }
  // one row per guessed code for this caller, plus the code's count across callers
  expect(await h.store.collection('secret_attempts').count()).toBeLessThanOrEqual(2 * FAILURES_PER_HOUR);
}, 60_000);

test('right-secret reads by one caller leave at most its hourly budget of audit rows', async () => {
  const { trackingCode, secret } = await submit(h, bullying());
  const me = session();
  for (let i = 0; i < CHECKS_PER_HOUR + 5; i++) await h.call('report.status', { trackingCode, secret }, { as: me });
  expect(await h.store.collection('audit').count({ action: 'report.status' })).toBe(CHECKS_PER_HOUR);
}, 60_000);

test('refused staff reads are audited up to a bound, then refused as rate-limited without a row', async () => {
  const id = await caseIdOf(h, (await submit(h, bullying())).trackingCode);
  const outsider = await h.asBinding({ role: 'handler', deptId: 'ninger.police', jurisdiction: 'ninger' });
  for (let i = 0; i < DENIED_PER_HOUR; i++) expectKindError(await h.call('case.get', { id }, { as: outsider }), 'FORBIDDEN');
  expectKindError(await h.call('case.get', { id }, { as: outsider }), 'RATE_LIMITED');
  expect(await h.store.collection('audit').count({ action: 'case.get.denied' })).toBe(DENIED_PER_HOUR);
  ok(await h.call('case.get', { id }, { as: await h.as('DEMO-EDU') })); // others are not affected
});
