/**
 * Every page of the built app.json (main package and subpackages, so a new
 * page is covered the day it is added), opened on the weapp build as no one,
 * a student, a guardian and a handler: each must come to rest showing words,
 * not a spinner, with no uncaught error, no console.error, no node WeChat
 * has no template for, and no setData over 1 MB. As no one and as a handler,
 * every element that listens to taps is tapped once, on every page, and
 * nothing of that may break either.
 */
import { routesOf, useWeapp, type Phone } from './harness';
import { walk } from './wxml';

// A shared 2-core machine can be slow; each step settles on real timers.
jest.setTimeout(60_000);

const weapp = useWeapp();
const ROUTES = routesOf();

const ROLES: [string, string | null][] = [
  ['no one', null],
  ['a student', 'DEMO-STUDENT'],
  ['a guardian', 'DEMO-PARENT'],
  ['a handler', 'DEMO-EDU'],
];

test('app.json names the four tabs and every subpackage page', () => {
  expect(ROUTES.slice(0, 4)).toEqual(['pages/index/index', 'pages/lessons/index', 'pages/report/index', 'pages/me/index']);
  expect(ROUTES.filter((r) => r.startsWith('package')).length).toBeGreaterThanOrEqual(8);
});

describe.each(ROLES)('as %s', (_who, code) => {
  let phone: Phone;
  beforeAll(async () => {
    phone = await weapp.openApp();
    if (code) await phone.asDemo(code);
    phone.assertHealthy();
  });

  test.each(ROUTES)('%s opens and comes to rest', async (route) => {
    expect(await phone.checkPage(route)).toEqual([]);
  });
});

/** Elements something listens to taps on (a button's own tap is the element around it in Taro's tree). */
const tappables = (phone: Phone) => [...walk(phone.tree())].filter((n) => n.events.tap && n.tag !== 'button');

describe.each([['no one', undefined], ['a handler', 'DEMO-EDU']])('every tap on every page, as %s', (_who, code) => {
  let phone: Phone;
  beforeAll(async () => {
    phone = await weapp.openApp({ as: code });
  });

  test.each(ROUTES)('%s: each element that listens to taps, tapped once, breaks nothing', async (route) => {
    const found: string[] = [];
    await phone.open('/' + route);
    const count = tappables(phone).length;
    for (let i = 0; i < count; i++) {
      // Each tap starts from the page as it opens (a tap may navigate, submit or change it).
      await phone.open('/' + route);
      const el = tappables(phone)[i];
      if (!el) break;
      const label = phone.textOf(el).trim().slice(0, 24) || el.cls.join('.') || el.tag;
      phone.resetProblems();
      try {
        await phone.tap(el);
      } catch (e) {
        found.push(`tap "${label}": ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      for (const p of phone.problems()) found.push(`tap "${label}" (then on ${phone.route}): ${p}`);
    }
    expect(found).toEqual([]);
  });
});

describe('课程, by taps', () => {
  // Phone and cloud share the clock: in July the phone puts drowning first.
  const summer = useWeapp('2026-07-01T02:00:00Z');

  test('in July 防溺水 leads as 当季重点, and every topic opens its lesson page and comes back', async () => {
    const phone = await summer.openApp();
    await phone.tab('课程');
    const items = phone.findAll('.lessons__item');
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(phone.textOf(items[0])).toContain('防溺水');
    expect(phone.textOf(items[0])).toContain('当季重点');
    for (let i = 0; i < items.length; i++) {
      const item = phone.findAll('.lessons__item')[i];
      const title = phone.textOf(phone.findAll('.lessons__title')[i]);
      await phone.tap(item);
      expect(phone.route).toBe('packageLessons/pages/lesson/index');
      expect(phone.text()).toContain(title);
      await phone.back();
      expect(phone.route).toBe('pages/lessons/index');
    }
    phone.assertHealthy();
  });
});
