/**
 * A safety lesson in a real browser against the real server, as DEMO-STUDENT
 * (八年级, so the 初中 versions): the 课程 tab, a lesson read, its quiz
 * answered with each answer explained, completion recorded and marked on the
 * list, 大字 switched on and still on after a reload, and the lesson read
 * again with the network cut (Playwright setOffline).
 */
import type { Page } from 'playwright-core';
import { lessonById } from '../../src/content/lessons/index';
import { redeem, useApp } from './app';
import { phone } from './browser';

jest.setTimeout(180_000);

const app = useApp();
const ID = 'drowning.junior';

/** WCAG contrast of an element's text on its background (both opaque here), and its font size. */
const legibility = (page: Page, selector: string, text: string) => page.locator(selector, { hasText: text }).filter({ visible: true }).first().evaluate((el) => {
  const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  const lum = (c: string) => {
    const [r, g, b] = rgb(c).map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  let bg = 'rgb(255, 255, 255)';
  for (let e: Element | null = el; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { bg = c; break; }
  }
  const cs = getComputedStyle(el);
  const [a, b] = [lum(cs.color), lum(bg)].sort((x, y) => y - x);
  return { contrast: Math.round(((a + 0.05) / (b + 0.05)) * 10) / 10, opacity: Number(cs.opacity), fontPx: parseFloat(cs.fontSize) };
});

const fontPx = (page: Page) => page.locator('.lesson').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

test('read a lesson, answer its quiz, complete it, large text, read it again offline', async () => {
  const lesson = lessonById(ID)!;
  const ctx = await phone(app.browser);
  const page = await ctx.newPage();
  await redeem(page, app.server.url, 'DEMO-STUDENT');

  // 课程 tab: my band, the drowning lesson in its list.
  await page.goto(`${app.server.url}#/pages/lessons/index`);
  await page.getByText('初中 · 已学完 0 /', { exact: false }).waitFor();
  await page.locator('.lessons__item', { hasText: '防溺水' }).click();

  // The lesson: intro, key points, who to call.
  await page.locator('.lesson__title', { hasText: lesson.title }).waitFor();
  await page.getByText(lesson.keyPoints[0]).waitFor();
  expect(await page.locator('.lesson__call-number').count()).toBeGreaterThan(0);

  // The quiz: nothing revealed before answering; each answer explained after.
  expect(await page.locator('.quiz__feedback').count()).toBe(0);
  const questions = page.locator('.quiz__question');
  for (let i = 0; i < lesson.quiz.length; i++) {
    const q = lesson.quiz[i];
    const pick = i === 0 ? (q.correct + 1) % q.options.length : q.correct;
    await questions.nth(i).locator('.quiz__option').nth(pick).click();
    await questions.nth(i).getByText(q.explanation).waitFor();
    await questions.nth(i).getByText(i === 0 ? '正确答案是' : '答对了！', { exact: false }).waitFor();
  }

  // Completion, recorded by the server.
  await page.locator('.hh-button', { hasText: '我学完了' }).click();
  await page.locator('.lesson__done-title').waitFor();
  await page.getByText(`答对 ${lesson.quiz.length - 1} / ${lesson.quiz.length} 题`, { exact: false }).waitFor();
  await page.getByText('已经记下你学完了这一课').waitFor();

  // 大字: bigger at once, and remembered on this device after a reload.
  const normal = await fontPx(page);
  await page.locator('.lesson__tool', { hasText: '大字：关' }).click();
  await page.locator('.lesson__tool', { hasText: '大字：开' }).waitFor();
  expect(await fontPx(page)).toBeGreaterThan(normal * 1.2);
  await page.reload();
  await page.locator('.lesson__title', { hasText: lesson.title }).waitFor();
  await page.locator('.lesson__tool', { hasText: '大字：开' }).waitFor();
  expect(await fontPx(page)).toBeGreaterThan(normal * 1.2);

  // Back on the list: marked done.
  await page.goto(`${app.server.url}#/pages/lessons/index`);
  await page.getByText('初中 · 已学完 1 /', { exact: false }).waitFor();
  await page.locator('.lessons__item--done', { hasText: '防溺水' }).waitFor();

  // Network cut: the lesson opened before still opens and reads, and says it is the kept copy.
  // (Taro H5 keeps earlier page instances hidden in the DOM: the newest one is the last.)
  await ctx.setOffline(true);
  await page.locator('.lessons__item', { hasText: '防溺水' }).click();
  const current = page.locator('.lesson').last();
  await current.locator('.lesson__title', { hasText: lesson.title }).waitFor();
  await current.getByText(lesson.intro.slice(0, 20), { exact: false }).waitFor();
  await current.getByText('现在没有网络，这是保存在手机上的一课', { exact: false }).waitFor({ timeout: 30_000 });
  // and its quiz still works offline
  await current.locator('.quiz__question').first().locator('.quiz__option').filter({ visible: true }).first().click();
  await current.locator('.quiz__feedback').filter({ visible: true }).first().waitFor();

  await ctx.close();
});

test('a disabled button says what is missing in dark words; a confirm dialog reads in body size and colour', async () => {
  const ctx = await phone(app.browser);
  const student = await ctx.newPage();
  await redeem(student, app.server.url, 'DEMO-STUDENT');
  await student.goto(`${app.server.url}#/packageLessons/pages/lesson/index?id=${ID}`);
  // white on light blue before (taro-ui faded it to 30 %: walk of 2026-12-07, item 20)
  const hint = await legibility(student, '.hh-button', '每道题都选一个答案后，就能完成');
  expect(hint.opacity).toBe(1);
  expect(hint.contrast).toBeGreaterThanOrEqual(7);
  await ctx.close();

  const desk = await phone(app.browser);
  const teacher = await desk.newPage();
  await redeem(teacher, app.server.url, 'DEMO-TEACHER');
  await teacher.goto(`${app.server.url}#/packageLessons/pages/class/index`);
  await teacher.locator('.hh-button', { hasText: '我们在课堂上一起学过了' }).first().click();
  // 15 px grey (#808080) on white before, and a light green 确认记录
  const body = await legibility(teacher, '.taro-modal__text', '确认本班已经在课堂上一起学过');
  expect(body.contrast).toBeGreaterThanOrEqual(7);
  expect(body.fontPx).toBeGreaterThanOrEqual(17);
  expect((await legibility(teacher, '.taro-model__confirm', '确认记录')).contrast).toBeGreaterThanOrEqual(4.5);
  await teacher.locator('.taro-model__cancel').filter({ visible: true }).first().click();
  await desk.close();
});
