/**
 * The harness fails a broken build: patched copies of dist/weapp with the
 * faults that pass every jsdom test and break the page on a phone.
 *  - a main-package page reading `localStorage` while it renders (no such
 *    global in WeChat: the page is blank);
 *  - base.wxml without the template a node needs (WeChat draws nothing there);
 *  - a setData payload over WeChat's 1 MB.
 * The same build unpatched passes the same checks (pages.test.ts).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DIST, useWeapp } from './harness';

// A shared 2-core machine can be slow; each step settles on real timers.
jest.setTimeout(60_000);

const weapp = useWeapp();
const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the build with one file changed; throws when the patch no longer finds its target. */
function brokenCopy(file: string, patch: (text: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'huhang-weapp-broken-'));
  copies.push(dir);
  cpSync(DIST, dir, { recursive: true });
  const target = path.join(dir, file);
  const before = readFileSync(target, 'utf8');
  const after = patch(before);
  if (after === before) throw new Error(`the patch of ${file} found nothing to change: update it to the current build`);
  writeFileSync(target, after);
  return dir;
}

/** How the minified build writes a Chinese string literal: as UTF-8 (config/prod.ts: ascii_only off), or "\u6b22\u8fce…" if that changes back. */
const escaped = (s: string) => [...s].map((c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
const literalIn = (js: string, s: string) => (js.includes(`"${s}"`) ? s : escaped(s));

test('a main-package page that reads localStorage while rendering fails, and says why', async () => {
  const dist = brokenCopy('pages/index/index.js', (js) => {
    const t = literalIn(js, '欢迎使用护航');
    return js.replace(`title:"${t}"`, `title:localStorage.getItem("hh-title")||"${t}"`);
  });
  const phone = await weapp.openApp({ dist });
  const problems = await phone.checkPage('pages/index/index');
  expect(problems.join('\n')).toMatch(/localStorage is not defined/);
  expect(problems).toContain('pages/index/index shows no text');
  // The other pages of the same build are fine: the check points at the broken one.
  expect(await phone.checkPage('pages/report/index')).toEqual([]);
});

test('a node whose template is missing from base.wxml fails, naming the template', async () => {
  const dist = brokenCopy('base.wxml', (wxml) => wxml.replace(/<template name="tmpl_0_33_blur">[\s\S]*?<\/template>/, ''));
  const phone = await weapp.openApp({ dist });
  // 我的 has the invitation-code input (nn 33, drawn by tmpl_0_33_blur until it has focus).
  const problems = await phone.checkPage('pages/me/index');
  expect(problems.join('\n')).toMatch(/needs template tmpl_0_33_blur, which base.wxml does not have/);
  expect(await phone.checkPage('pages/lessons/index')).toEqual([]);
});

test('a setData over 1 MB is a problem (WeChat refuses it)', async () => {
  const phone = await weapp.openApp();
  phone.resetProblems();
  phone.page.setData({ huge: 'x'.repeat(1024 * 1024 + 1) });
  expect(phone.problems()).toEqual([expect.stringMatching(/^setData of 1024 KB on pages\/index\/index \(WeChat's limit is 1024 KB\)$/)]);
});
