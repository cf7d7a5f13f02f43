/**
 * Guessing secrets: five wrong ones lock a tracking code for 15 minutes, and
 * nothing in the answers tells a guesser whether a code exists.
 */
import { makeHarness, type Harness } from './harness';
import { bullying, expectKindError, freshAnonymous, ok, submit } from '../fixtures/reports';

const MIN = 60_000;
let h: Harness;
let code: string;
let secret: string;
beforeEach(async () => {
  h = await makeHarness();
  ({ trackingCode: code, secret } = await submit(h, bullying()));
});
afterEach(async () => { await h.close(); });

const status = (trackingCode: string, s: string, as = freshAnonymous()) => h.call('report.status', { trackingCode, secret: s }, { as });
const WRONG = 'ZZZZ-ZZZZ';

test('five wrong secrets lock the code; while locked even the right secret is refused; it opens after 15 minutes', async () => {
  for (let i = 0; i < 4; i++) expectKindError(await status(code, WRONG), 'NOT_FOUND');
  const fifth = expectKindError(await status(code, WRONG), 'LOCKED');
  expect(fifth.message).toContain('15分钟');
  expectKindError(await status(code, secret), 'LOCKED');
  expectKindError(await h.call('report.message', { trackingCode: code, secret, text: '补充一点情况。' }), 'LOCKED');
  h.clock.advance(14 * MIN);
  expectKindError(await status(code, secret), 'LOCKED');
  h.clock.advance(MIN);
  expect(ok(await status(code, secret)).trackingCode).toBe(code);
});

test('after the lock runs out, counting starts again from one', async () => {
  for (let i = 0; i < 5; i++) await status(code, WRONG);
  h.clock.advance(15 * MIN);
  for (let i = 0; i < 4; i++) expectKindError(await status(code, WRONG), 'NOT_FOUND');
  expectKindError(await status(code, WRONG), 'LOCKED');
});

test('the right secret resets the count', async () => {
  for (let i = 0; i < 4; i++) await status(code, WRONG);
  ok(await status(code, secret));
  for (let i = 0; i < 4; i++) expectKindError(await status(code, WRONG), 'NOT_FOUND');
  ok(await status(code, secret));
});

test('an unknown code and a wrong secret get the very same answer, and both lock', async () => {
  const unknown = code.startsWith('2') ? '3' + code.slice(1) : '2' + code.slice(1);
  const wrongSecret = await status(code, WRONG);
  const noSuchCode = await status(unknown, secret);
  expect(noSuchCode).toEqual(wrongSecret);
  for (let i = 0; i < 3; i++) await status(unknown, secret);
  expectKindError(await status(unknown, secret), 'LOCKED');
});

test('many wrong guesses from one caller across codes hit the rate limit', async () => {
  const guesser = freshAnonymous();
  let limited = false;
  for (let i = 0; i < 40 && !limited; i++) {
    const guess = `${'23456789ABCDEFGH'[i % 16]}${'JKMNPQRS'[i >> 4]}AA-BBBB-CC`;
    const res = await status(guess, WRONG, guesser);
    limited = !res.ok && res.error!.code === 'RATE_LIMITED';
  }
  expect(limited).toBe(true);
});

test('a mistyped format is a form error, not a wrong guess: it does not count', async () => {
  for (let i = 0; i < 6; i++) expectKindError(await status(code, 'ABC'), 'BAD_INPUT');
  expectKindError(await status('K7QH', secret), 'BAD_INPUT');
  expect(await h.store.collection('secret_attempts').count()).toBe(0);
  ok(await status(code, secret));
});

test('the lock table cannot be read as a list of codes', async () => {
  await status(code, WRONG);
  const [row] = await h.store.collection('secret_attempts').find();
  const raw = code.replace(/-/g, '');
  expect(JSON.stringify(row)).not.toContain(raw);
  expect(JSON.stringify(row)).not.toContain(code);
});
