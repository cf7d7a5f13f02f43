/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// j-component needs a DOM; the cloud handlers the harness runs (exceljs → uuid) need Node's module
// entry points, not the browser ESM ones jsdom would pick by default.
/**
 * The second tier (render.ts): the build's WXML and WXSS through WeChat's
 * own compilers, and pages drawn by j-component from the data the harness
 * phone holds. What WeChat's compiled templates draw must read as the
 * harness reads the same data (wxml.ts), and a tap on the drawn DOM must
 * reach the page.
 */
import { routesOf, useWeapp } from './harness';
import { compileBuild, renderPage, type Compiled } from './render';

// A shared 2-core machine can be slow; each step settles on real timers.
jest.setTimeout(60_000);

const weapp = useWeapp();
let compiled: Compiled;

beforeAll(() => {
  compiled = compileBuild();
});

test('wcc and wcsc compile every WXML and WXSS file of the build', () => {
  for (const route of routesOf()) {
    expect(typeof compiled.gwx(`${route}.wxml`)).toBe('function');
    expect(compiled.wxss(`${route}.wxss`)).toBeDefined();
  }
  expect(compiled.wxss('app.wxss')).toBeDefined();
});

const squash = (s: string) => s.replace(/\s+/g, '');

test.each(['pages/index/index', 'pages/report/index', 'packageReport/pages/submit/index', 'packageReport/pages/status/index'])(
  'WeChat\'s compiled WXML draws %s with the words the harness reads',
  async (route) => {
    const phone = await weapp.openApp();
    await phone.open('/' + route);
    const view = renderPage(phone, compiled);
    expect(squash(view.dom.textContent ?? '')).toBe(squash(phone.tree().map((n) => phone.textOf(n)).join('')));
    expect(squash(view.dom.textContent ?? '').length).toBeGreaterThan(10);
  },
);

test('typing and a tap on the drawn 我的 page reach the page: the code is redeemed', async () => {
  const phone = await weapp.openApp();
  await phone.open('/pages/me/index');
  const view = renderPage(phone, compiled);
  await view.fire('.me__input', 'input', { value: 'DEMO-PARENT', cursor: 11, keyCode: 0 });
  // The tap lands on the button's words; exparser bubbles it to the element that binds tap.
  await view.fire('.at-button__text', 'tap');
  await phone.waitForText('绑定成功');
  view.sync();
  expect(view.dom.textContent).toContain('绑定成功');
  expect(view.dom.textContent).toContain('家长');
  phone.assertHealthy();
});
