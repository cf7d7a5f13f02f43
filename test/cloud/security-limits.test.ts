/**
 * Security review: the limits that stand between a guesser and a report or a
 * staff role, attacked the way a script would: in parallel bursts, past the
 * limit with a right guess, and with other spellings of the same code.
 */
import { makeHarness, rid, type Harness } from './harness';
import { bullying, expectKindError, freshAnonymous, ok, submit } from '../fixtures/reports';
import { WRONG_CODES_PER_HOUR } from '../../src/cloud/handlers/auth/redeem';
import { CHECKS_PER_HOUR, FAILURES_PER_HOUR, HASH_SLOTS, MAX_WRONG_SECRETS, hashSlots } from '../../src/cloud/handlers/report/reporterAccess';
import { ADDRESS_SHARED_BY } from '../../src/cloud/core/rateLimit';
import { LOGINS_PER_HOUR } from '../../src/cloud/handlers/auth/login';
import type { CallerIdentity } from '../../src/cloud/core/dispatch';

const HOUR = 3600_000;
let h: Harness;
beforeEach(async () => { h = await makeHarness(); });
afterEach(async () => { await h.close(); });

const WRONG = 'ZZZZ-ZZZZ';
const status = (trackingCode: string, secret: string, as: CallerIdentity = freshAnonymous()) => h.call('report.status', { trackingCode, secret }, { as });
const codesOf = (results: Array<{ ok: boolean; error?: { code: string } }>) => results.map((r) => (r.ok ? 'OK' : r.error!.code));

let sessions = 0;
/** A caller with its own session (H5 sends it on report actions; weapp has the OPENID). */
const session = (): CallerIdentity => ({ userId: null, rateIdentity: `user:limits-session-${sessions++}` });

/** Counts the slow hash checks of secrets, and the most that ran at once. */
function watchHashes() {
  hashSlots.resetStats();
  return { seen: { get calls() { return hashSlots.stats.runs; }, get most() { return hashSlots.stats.peak; } }, restore: () => hashSlots.resetStats() };
}

describe('the five-try lock on a tracking code', () => {
  test('a burst of parallel wrong secrets from one caller gets no more than five checked; the rest are refused', async () => {
    const { trackingCode } = await submit(h, bullying());
    const me = session();
    const burst = codesOf(await Promise.all(Array.from({ length: 30 }, () => status(trackingCode, WRONG, me))));
    // Each answer that is NOT_FOUND had its secret checked: at most the five tries the lock allows.
    expect(burst.filter((c) => c === 'NOT_FOUND').length).toBeLessThanOrEqual(MAX_WRONG_SECRETS - 1);
    expect(burst.filter((c) => c === 'LOCKED').length).toBeGreaterThanOrEqual(30 - MAX_WRONG_SECRETS);
  }, 30_000);

  test('a right secret hidden in one caller\'s parallel burst of wrong ones is not let through once the tries are used', async () => {
    const { trackingCode, secret } = await submit(h, bullying());
    const me = session();
    const guesses = Array.from({ length: 20 }, (_, i) => (i === 15 ? secret : WRONG));
    const answers = codesOf(await Promise.all(guesses.map((s) => status(trackingCode, s, me))));
    expect(answers[15]).toBe('LOCKED');
  }, 30_000);

  test('full-width letters, lower case and other dashes are the same code, and share its lock', async () => {
    const { trackingCode, secret } = await submit(h, bullying());
    const me = session();
    const fullWidth = [...trackingCode].map((c) => (c === '-' ? '－' : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join('');
    const variants = [trackingCode.toLowerCase(), fullWidth, trackingCode.replace(/-/g, '—'), ` ${trackingCode.replace(/-/g, ' ')} `];
    // The reporter typing on a Chinese keyboard in full-width mode still gets in.
    expect(ok(await status(fullWidth, secret, me)).trackingCode).toBe(trackingCode);
    for (const v of variants) expectKindError(await status(v, WRONG, me), 'NOT_FOUND');
    expectKindError(await status(trackingCode, WRONG, me), 'LOCKED'); // the fifth wrong try, whatever the spelling
    expectKindError(await status(fullWidth, secret, me), 'LOCKED');
  }, 30_000);
});

describe('one caller guessing across codes', () => {
  test('past the hourly limit of wrong secrets, even a right guess is refused (or the limit would still tell which guess was right)', async () => {
    const { trackingCode, secret } = await submit(h, bullying());
    const guesser = session();
    let limited = false;
    for (let i = 0; i < 40 && !limited; i++) {
      const guess = `${'23456789ABCDEFGH'[i % 16]}${'JKMNPQRS'[i >> 4]}AA-BBBB-CC`;
      limited = (await status(guess, WRONG, guesser)).error?.code === 'RATE_LIMITED';
    }
    expect(limited).toBe(true);
    expectKindError(await status(trackingCode, secret, guesser), 'RATE_LIMITED');
    // the reporter, elsewhere, is not affected; and the guesser gets in again an hour later
    ok(await status(trackingCode, secret, session()));
    h.clock.advance(HOUR);
    ok(await status(trackingCode, secret, guesser));
  }, 30_000);

  test('the per-caller limit is taken before the hash: 60 parallel wrong tries are not all hashed, and a right secret sent 61st is refused like the same pair straight after', async () => {
    const { trackingCode, secret } = await submit(h, bullying());
    const codes = Array.from({ length: 60 }, (_, i) => `${'23456789ABCDEFGH'[i % 16]}${'JKMNPQRS'[i >> 4]}AA-BBBB-CC`);
    const me = session();
    const hashes = watchHashes();
    try {
      const answers = codesOf(await Promise.all([...codes.map((c) => status(c, WRONG, me)), status(trackingCode, secret, me)]));
      expect(hashes.seen.calls).toBeLessThanOrEqual(FAILURES_PER_HOUR);
      expect(answers.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(60 - FAILURES_PER_HOUR);
      const alone = (await status(trackingCode, secret, me)).ok ? 'OK' : 'refused';
      expect(alone).toBe('refused');
      expect(answers[60]).not.toBe('OK');
    } finally {
      hashes.restore();
    }
  }, 60_000);

  test('right secrets count too: one caller checking again and again is limited (each check is a hash and an audit row)', async () => {
    const { trackingCode, secret } = await submit(h, bullying());
    const me = session();
    for (let i = 0; i < CHECKS_PER_HOUR; i++) ok(await status(trackingCode, secret, me));
    expectKindError(await status(trackingCode, secret, me), 'RATE_LIMITED');
    ok(await status(trackingCode, secret, session())); // another phone is not affected
  }, 60_000);

  test('a burst from many callers runs at most a few slow hashes at once, so report submissions are not starved', async () => {
    const { trackingCode } = await submit(h, bullying());
    const hashes = watchHashes();
    try {
      const answers = codesOf(await Promise.all(Array.from({ length: 40 }, () => status(trackingCode, WRONG, session()))));
      expect(answers.every((c) => c === 'NOT_FOUND' || c === 'LOCKED' || c === 'RATE_LIMITED')).toBe(true);
      expect(hashes.seen.most).toBeLessThanOrEqual(HASH_SLOTS);
      expect(hashes.seen.calls).toBeGreaterThan(HASH_SLOTS);
    } finally {
      hashes.restore();
    }
  }, 60_000);
});

describe('rate limits under a burst', () => {
  test('twenty parallel reports from one caller: five filed, the rest refused, and no case written for them', async () => {
    const me = session();
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
    // not counted as a wrong code: the one new counter is the caller's count of auth.redeem writes (every write has one)
    expect(await h.store.collection('rate_limits').count()).toBe(counters + 1);
  });
});

describe('one school behind one address (NAT)', () => {
  test('a computer room of 50 students logging in, several classes an hour, is not refused; an address is still limited', async () => {
    const school = freshAnonymous();
    const login = () => h.call('auth.login', { deviceId: 'dev_' + rid() }, { as: school });
    for (let i = 0; i < 200; i++) ok(await login()); // four classes of 50 in one hour
    for (let i = 200; i < LOGINS_PER_HOUR * ADDRESS_SHARED_BY; i++) ok(await login());
    expectKindError(await login(), 'RATE_LIMITED');
    ok(await h.call('auth.login', { deviceId: 'dev_' + rid() }, { as: freshAnonymous() }));
  }, 60_000);

  test('with a session, limits are per session: one student\'s reports do not use up the classroom\'s', async () => {
    const a = await h.as();
    const b = await h.as();
    for (let i = 0; i < 5; i++) ok(await h.call('report.submit', bullying(), { as: a }));
    expectKindError(await h.call('report.submit', bullying(), { as: a }), 'RATE_LIMITED');
    ok(await h.call('report.submit', bullying(), { as: b }));
  }, 30_000);
});
