/**
 * npm test on a bare machine: the browser tests install what they need where
 * they may (root on Debian), and otherwise stop with one line saying what to
 * do — never skip.
 */
import { APT_PACKAGES, planSetup, systemFacts, type SystemFacts } from './systemDeps';

const all: SystemFacts = { chromium: '/usr/bin/chromium', customPath: false, chromiumFound: true, fontsFound: true, root: false, apt: true };

test('nothing to do when Chromium and the fonts are there', () => {
  expect(planSetup(all)).toEqual({ kind: 'ready' });
});

test('as root on Debian, what is missing is installed with apt', () => {
  expect(planSetup({ ...all, root: true, chromiumFound: false, fontsFound: false })).toEqual({ kind: 'install', packages: [APT_PACKAGES.chromium, APT_PACKAGES.fonts] });
  expect(planSetup({ ...all, root: true, fontsFound: false })).toEqual({ kind: 'install', packages: [APT_PACKAGES.fonts] });
});

test('without root or apt it stops with one line naming the packages and CHROMIUM_PATH', () => {
  for (const facts of [{ ...all, chromiumFound: false }, { ...all, chromiumFound: false, root: true, apt: false }]) {
    const plan = planSetup(facts);
    expect(plan.kind).toBe('stop');
    const message = plan.kind === 'stop' ? plan.message : '';
    expect(message).not.toContain('\n');
    expect(message).toContain('apt-get install -y chromium');
    expect(message).toContain('CHROMIUM_PATH');
  }
});

test('a CHROMIUM_PATH that does not exist stops the run instead of installing another browser', () => {
  const plan = planSetup({ ...all, root: true, customPath: true, chromium: '/opt/nowhere/chrome', chromiumFound: false });
  expect(plan).toEqual({ kind: 'stop', message: expect.stringContaining('CHROMIUM_PATH=/opt/nowhere/chrome does not exist') });
});

test('a CHROMIUM_PATH that exists needs only the fonts', () => {
  expect(planSetup({ ...all, customPath: true, chromium: '/opt/chrome', fontsFound: false, root: true })).toEqual({ kind: 'install', packages: [APT_PACKAGES.fonts] });
});

test('this machine, as the e2e setup sees it, is ready (the setup installed or found everything)', () => {
  expect(planSetup(systemFacts())).toEqual({ kind: 'ready' });
});
