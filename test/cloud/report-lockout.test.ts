/**
 * Guessing secrets: the guesser is locked out, never the reporter.
 * Five wrong secrets lock that caller out of that code for 15 minutes; other
 * callers (the reporter on any phone) are not touched; a much higher ceiling
 * per code across callers stops guessing from many sessions, and even then a
 * phone that has read the report keeps reading it. Nothing in the answers
 * tells a guesser whether a code exists.
 */
import { makeHarness, type Harness } from './harness';
import { bullying, caseIdOf, expectKindError, freshAnonymous, ok, submit } from '../fixtures/reports';
import { CODE_FAILURES_PER_HOUR, MAX_WRONG_SECRETS } from '../../src/cloud/handlers/report/reporterAccess';
import type { CallerIdentity } from '../../src/cloud/core/dispatch';

const MIN = 60_000;
let h: Harness;
let code: string;
let secret: string;
beforeEach(async () => {
  h = await makeHarness();
  ({ trackingCode: code, secret } = await submit(h, bullying()));
});
afterEach(async () => { await h.close(); });

let sessions = 0;
/** A caller with its own session (H5 sends it on report actions; weapp has the OPENID). */
const session = (): CallerIdentity => ({ userId: null, rateIdentity: `user:test-session-${sessions++}` });
const status = (trackingCode: string, s: string, as: CallerIdentity = session(), readerToken?: string) =>
  h.call('report.status', { trackingCode, secret: s, ...(readerToken ? { readerToken } : {}) }, { as });
const WRONG = 'ZZZZ-ZZZZ';

test('a stranger\'s five wrong secrets lock the stranger out, never the reporter, on the reporter\'s phone or a new one', async () => {
  const reporterPhone = session();
  ok(await status(code, secret, reporterPhone));
  const stranger = session();
  for (let i = 0; i < MAX_WRONG_SECRETS - 1; i++) expectKindError(await status(code, WRONG, stranger), 'NOT_FOUND');
  const fifth = expectKindError(await status(code, WRONG, stranger), 'LOCKED');
  expect(fifth.message).toContain('15分钟');
  // The stranger cannot get in even with the right secret now (or the lock would still answer guesses) …
  expectKindError(await status(code, secret, stranger), 'LOCKED');
  // … while the reporter reads and writes as before, on the remembered phone and on a new one.
  expect(ok(await status(code, secret, reporterPhone)).trackingCode).toBe(code);
  ok(await h.call('report.message', { trackingCode: code, secret, text: '他们今天又在楼梯口堵我了。' }, { as: reporterPhone }));
  expect(ok(await status(code, secret, session())).trackingCode).toBe(code);
  // The stranger's lock runs out after 15 minutes.
  h.clock.advance(14 * MIN);
  expectKindError(await status(code, secret, stranger), 'LOCKED');
  h.clock.advance(MIN);
  ok(await status(code, secret, stranger));
});

test('five wrong secrets from one caller lock that caller; after the lock runs out, counting starts again from one', async () => {
  const me = session();
  for (let i = 0; i < 5; i++) await status(code, WRONG, me);
  expectKindError(await status(code, secret, me), 'LOCKED');
  h.clock.advance(15 * MIN);
  for (let i = 0; i < 4; i++) expectKindError(await status(code, WRONG, me), 'NOT_FOUND');
  expectKindError(await status(code, WRONG, me), 'LOCKED');
});

test('the right secret resets the caller\'s count', async () => {
  const me = session();
  for (let i = 0; i < 4; i++) await status(code, WRONG, me);
  ok(await status(code, secret, me));
  for (let i = 0; i < 4; i++) expectKindError(await status(code, WRONG, me), 'NOT_FOUND');
  ok(await status(code, secret, me));
});

test('guessing one code from many sessions hits the per-code ceiling: new phones wait, the reporter\'s phone that has read it does not', async () => {
  const reporterPhone = session();
  const { readerToken } = ok(await status(code, secret, reporterPhone));
  expect(readerToken).toMatch(/^[0-9a-f]{32}$/);
  const guessers = Math.ceil(CODE_FAILURES_PER_HOUR / MAX_WRONG_SECRETS);
  for (let g = 0; g < guessers; g++) {
    const guesser = session();
    for (let i = 0; i < MAX_WRONG_SECRETS; i++) await status(code, WRONG, guesser);
  }
  const refused = expectKindError(await status(code, secret, session()), 'LOCKED');
  expect(refused.message).toContain('以前查过的手机不受影响');
  ok(await status(code, secret, reporterPhone, readerToken));
  ok(await h.call('report.message', { trackingCode: code, secret, text: '我还是很害怕。', readerToken }, { as: reporterPhone }));
  // A made-up token does not pass the ceiling; the next hour everyone is let in again.
  expectKindError(await status(code, secret, session(), 'f'.repeat(32)), 'LOCKED');
  h.clock.advance(60 * MIN);
  ok(await status(code, secret, session()));
}, 60_000);

test('staff never see the tracking code: inbox cards, the case page and the mandatory filer see a case number', async () => {
  const id = await caseIdOf(h, code);
  const edu = await h.as('DEMO-EDU');
  const { items } = ok(await h.call('case.list', {}, { as: edu }));
  const item = items.find((i: any) => i.id === id);
  expect(item.caseNumber).toMatch(/^\d{8}-[0-9A-F]{6}$/);
  const full = ok(await h.call('case.get', { id }, { as: edu }));
  expect(full.caseNumber).toBe(item.caseNumber);
  const raw = code.replace(/-/g, '');
  for (const shown of [JSON.stringify(items), JSON.stringify(full)]) {
    expect(shown).not.toContain(code);
    expect(shown).not.toContain(raw);
  }
  expect(JSON.stringify(ok(await h.call('home.summary', {}, { as: edu })))).not.toContain(code);

  const teacher = await h.as('DEMO-TEACHER');
  const filed = ok(await h.call('report.mandatory', bullying(), { as: teacher }));
  expect(filed.caseNumber).toMatch(/^\d{8}-[0-9A-F]{6}$/);
  expect(filed.trackingCode).toBeUndefined();
  const mine = ok(await h.call('case.get', { id: filed.caseId }, { as: teacher }));
  expect(mine.view).toBe('reporter');
  expect(mine.caseNumber).toBe(filed.caseNumber);
  expect(mine.trackingCode).toBeUndefined();
});

test('an unknown code and a wrong secret get the very same answer, and both lock the guesser', async () => {
  const me = session();
  const unknown = code.startsWith('2') ? '3' + code.slice(1) : '2' + code.slice(1);
  const wrongSecret = await status(code, WRONG, me);
  const noSuchCode = await status(unknown, secret, me);
  expect(noSuchCode).toEqual(wrongSecret);
  for (let i = 0; i < 3; i++) await status(unknown, secret, me);
  expectKindError(await status(unknown, secret, me), 'LOCKED');
});

test('many wrong guesses from one caller across codes hit the rate limit', async () => {
  const guesser = session();
  let limited = false;
  for (let i = 0; i < 40 && !limited; i++) {
    const guess = `${'23456789ABCDEFGH'[i % 16]}${'JKMNPQRS'[i >> 4]}AA-BBBB-CC`;
    const res = await status(guess, WRONG, guesser);
    limited = !res.ok && res.error!.code === 'RATE_LIMITED';
  }
  expect(limited).toBe(true);
}, 30_000);

test('a mistyped format is a form error, not a wrong guess: it does not count', async () => {
  const me = freshAnonymous();
  for (let i = 0; i < 6; i++) expectKindError(await status(code, 'ABC', me), 'BAD_INPUT');
  expectKindError(await status('K7QH', secret, me), 'BAD_INPUT');
  expect(await h.store.collection('secret_attempts').count()).toBe(0);
  ok(await status(code, secret, me));
});

test('the lock table cannot be read as a list of codes, nor of who looked', async () => {
  const me = session();
  await status(code, WRONG, me);
  const rows = JSON.stringify(await h.store.collection('secret_attempts').find());
  expect(rows).not.toContain(code.replace(/-/g, ''));
  expect(rows).not.toContain(code);
  expect(rows).not.toContain(me.rateIdentity);
});

test('a caller locked out of a case leaves a trace the handlers see (never who), once an hour however often it happens', async () => {
  const id = await caseIdOf(h, code);
  for (let g = 0; g < 3; g++) {
    const guesser = session();
    for (let i = 0; i < MAX_WRONG_SECRETS; i++) await status(code, WRONG, guesser);
  }
  const edu = await h.as('DEMO-EDU');
  const traces = ok(await h.call('case.get', { id }, { as: edu })).timeline.filter((e: any) => e.kind === 'secret_guessed');
  expect(traces).toHaveLength(1);
  expect(traces[0].text).toContain('输错查询密码');
  expect(traces[0].text).toContain('不记录是谁');
  // The reporter's own view does not show it.
  expect(JSON.stringify(ok(await status(code, secret)).timeline)).not.toContain('输错');
}, 30_000);
