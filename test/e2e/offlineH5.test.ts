/**
 * The H5 build offline, with its Workbox service worker (issue 18), at 390 px:
 * in a new browser context, read a lesson, go offline, reload: the app (tab
 * bar and all) comes back instead of the browser's offline page, the lesson
 * read before opens from the phone, a lesson never opened says there is no
 * network and names itself, and 我学完了 answers at once that it is kept.
 */
import { lessonById } from '../../src/content/lessons/index';
import { redeem, useApp } from './app';

jest.setTimeout(180_000);

const app = useApp();
const ID = 'drowning.junior';

test('new context: read a lesson, go offline, reload, open it', async () => {
  const lesson = lessonById(ID)!;
  const ctx = await app.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN', isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  await redeem(page, app.server.url, 'DEMO-STUDENT');
  await page.goto(`${app.server.url}#/pages/lessons/index`);
  await page.locator('.lessons__item', { hasText: '防溺水' }).click();
  await page.locator('.lesson__title', { hasText: lesson.title }).waitFor();

  // The service worker is installed and controls the page (its precache filled).
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(new URL("/", app.server.url).href);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 30_000 });

  await ctx.setOffline(true);
  await page.goto(`${app.server.url}#/pages/lessons/index`);
  await page.reload();
  // The app, not the browser's offline page: the tab bar and the list kept on the phone.
  await page.locator('.taro-tabbar__tabbar').waitFor({ timeout: 30_000 });
  await page.getByText('网络连接不上，这是上次保存的课程列表', { exact: false }).waitFor({ timeout: 30_000 });
  await page.locator('.lessons__item', { hasText: '防溺水' }).click();
  await page.locator('.lesson__title', { hasText: lesson.title }).waitFor();
  await page.getByText('现在没有网络，这是保存在手机上的一课', { exact: false }).waitFor();

  // 我学完了 offline: answered at once, kept on the phone.
  const questions = page.locator('.quiz__question');
  for (let i = 0; i < lesson.quiz.length; i++) await questions.nth(i).locator('.quiz__option').nth(lesson.quiz[i].correct).click();
  const started = Date.now();
  await page.locator('.hh-button', { hasText: '我学完了' }).click();
  await page.getByText('学完的记录已经保存在手机上', { exact: false }).waitFor({ timeout: 5_000 }).catch(async (e) => {
    throw new Error(`${String(e)}\nThe page shows:\n${await page.locator('body').innerText()}`);
  });
  expect(Date.now() - started).toBeLessThan(2_000);

  // A lesson never opened: no network, and its own title.
  await page.goto(`${app.server.url}#/pages/lessons/index`);
  const other = page.locator('.lessons__item', { hasNotText: '防溺水' }).first();
  const title = ((await other.locator('.lessons__summary').textContent()) ?? '').trim();
  await other.click();
  await page.getByText('现在没有网络', { exact: false }).filter({ visible: true }).first().waitFor({ timeout: 20_000 });
  await page.getByText(`「${title}」还没有保存在这台手机上`, { exact: false }).filter({ visible: true }).first().waitFor();
  await ctx.close();
});
