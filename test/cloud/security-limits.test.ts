/**
 * Security review: the limits that stand between a guesser and a report or a
 * staff role, attacked the way a script would: in parallel bursts, past the
 * limit with a right guess, and with other spellings of the same code.
 */
import { makeHarness, rid, type Harness } from './harness';
import { bullying, expectKindError, freshAnonymous, ok, submit } from '../fixtures/reports';
import { WRONG_CODES_PER_HOUR } from '../../src/cloud/handlers/auth/redeem';
import { MAX_WRONG_SECRETS } from '../../src/cloud/handlers/report/reporterAccess';

const HOUR = 3600_000;
let h: Harness;
beforeEach(async () => { h = await makeHarness(); });
afterEach(async () => { await h.close(); });

const WRONG = 'ZZZZ-ZZZZ';
const status = (trackingCode: string, secret: string, as = freshAnonymous()) => h.call('report.status', { trackingCode, secret }, { as });
const codesOf = (results: Array<{ ok: boolean; error?: { code: string } }>) => results.map((r) => (r.ok ? 'OK' : r.error!.code));

describe('the five-try lock on a tracking code', () => {
  test('a burst of parallel wrong secrets gets no more than five checked; the rest are refused as locked', async () => {
    const { trackingCode } = await submit(h, bullying());
    const burst = codesOf(await Promise.all(Array.from({ length: 30 }, () => status(trackingCode, WRONG))));
    // Each answer that is not LOCKED had its secret checked: at most the five tries the lock allows.
    expect(burst.filter((c) => c !== 'LOCKED').length).toBeLessThanOrEqual(MAX_WRONG_SECRETS);
    expect(burst.filter((c) => c === 'LOCKED').length).toBeGreaterThanOrEqual(30 - MAX_WRONG_SECRETS);
  });

  test('a right secret hidden in a parallel burst of wrong ones is not let through once the tries are used', async () => {
    const { trackingCode, secret } = await submit(h, bullying());
    const guesses = Array.from({ length: 20 }, (_, i) => (i === 15 ? secret : WRONG));
    const answers = codesOf(await Promise.all(guesses.map((s) => status(trackingCode, s))));
    expect(answers[15]).toBe('LOCKED');
  });

  test('full-width letters, lower case and other dashes are the same code, and share its lock', async () => {
    const { trackingCode, secret } = await submit(h, bullying());
    const fullWidth = [...trackingCode].map((c) => (c === '-' ? '－' : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join('');
    const variants = [trackingCode.toLowerCase(), fullWidth, trackingCode.replace(/-/g, '—'), ` ${trackingCode.replace(/-/g, ' ')} `];
    // The reporter typing on a Chinese keyboard in full-width mode still gets in.
    expect(ok(await status(fullWidth, secret)).trackingCode).toBe(trackingCode);
    for (const v of variants) expectKindError(await status(v, WRONG), 'NOT_FOUND');
    expectKindError(await status(trackingCode, WRONG), 'LOCKED'); // the fifth wrong try, whatever the spelling
    expectKindError(await status(fullWidth, secret), 'LOCKED');
  });
});

describe('one caller guessing across codes', () => {
  test('past the hourly limit of wrong secrets, even a right guess is refused (or the limit would still tell which guess was right)', async () => {
    const { trackingCode, secret } = await submit(h, bullying());
    const guesser = freshAnonymous();
    let limited = false;
    for (let i = 0; i < 40 && !limited; i++) {
      const guess = `${'23456789ABCDEFGH'[i % 16]}${'JKMNPQRS'[i >> 4]}AA-BBBB-CC`;
      limited = (await status(guess, WRONG, guesser)).error?.code === 'RATE_LIMITED';
    }
    expect(limited).toBe(true);
    expectKindError(await status(trackingCode, secret, guesser), 'RATE_LIMITED');
    // the reporter, elsewhere, is not affected; and the guesser gets in again an hour later
    ok(await status(trackingCode, secret));
    h.clock.advance(HOUR);
    ok(await status(trackingCode, secret, guesser));
  });
});

describe('rate limits under a burst', () => {
  test('twenty parallel reports from one caller: five filed, the rest refused, and no case written for them', async () => {
    const me = freshAnonymous();
    const answers = codesOf(await Promise.all(Array.from({ length: 20 }, () => h.call('report.submit', bullying(), { as: me }))));
    expect(answers.filter((c) => c === 'OK')).toHaveLength(5);
    expect(answers.filter((c) => c === 'RATE_LIMITED')).toHaveLength(15);
    expect(await h.store.collection('cases').count()).toBe(5);
  });
});

describe('invitation codes', () => {
  test('wrong codes are limited per caller; past the limit even a real code is refused, so guessing teaches nothing', async () => {
    const guesser = await h.as();
    for (let i = 0; i < WRONG_CODES_PER_HOUR; i++) {
      expectKindError(await h.call('auth.redeem', { code: `GUESS-${1000 + i}` }, { as: guesser }), 'NOT_FOUND');
    }
    expectKindError(await h.call('auth.redeem', { code: 'GUESS-9999' }, { as: guesser }), 'RATE_LIMITED');
    expectKindError(await h.call('auth.redeem', { code: 'DEMO-POLICE' }, { as: guesser }), 'RATE_LIMITED');
    expect(ok(await h.call('auth.me', {}, { as: guesser })).roles).toEqual([]);
    // a person who types their code right the first time is not affected
    ok(await h.call('auth.redeem', { code: 'DEMO-POLICE' }, { as: await h.as() }));
    h.clock.advance(HOUR);
    ok(await h.call('auth.redeem', { code: 'DEMO-POLICE' }, { as: guesser }));
  });

  test('a code typed on a full-width keyboard is the same code, not a wrong guess', async () => {
    const me = await h.as();
    const counters = await h.store.collection('rate_limits').count();
    ok(await h.call('auth.redeem', { code: 'ｄｅｍｏ－ｐｏｌｉｃｅ' }, { as: me }));
    expect(ok(await h.call('auth.me', {}, { as: me })).roles).toEqual([expect.objectContaining({ role: 'handler', deptId: 'simao.police' })]);
    expect(await h.store.collection('rate_limits').count()).toBe(counters); // not counted as a wrong code
  });
});

test('auth.login is limited per caller, so fresh sessions cannot be minted without end', async () => {
  const caller = freshAnonymous();
  const login = () => h.call('auth.login', { deviceId: 'dev_' + rid() }, { as: caller });
  for (let i = 0; i < 60; i++) ok(await login());
  expectKindError(await login(), 'RATE_LIMITED');
  ok(await h.call('auth.login', { deviceId: 'dev_' + rid() }, { as: freshAnonymous() }));
});
