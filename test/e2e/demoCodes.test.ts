/**
 * A newcomer's first minute, in a real browser against the real server:
 * open the app, redeem each demo code on 我的, and see that role's home.
 */
import { redeem, useApp } from './app';
import { phone } from './browser';
import { startServer } from './server';

jest.setTimeout(120_000);

const app = useApp();

// code → [role name shown on 我的, where it applies, a card only that role's home shows]
const CASES: Array<[string, string, string, string]> = [
  ['DEMO-STUDENT', '学生', '思茅', '今日安全课'],
  ['DEMO-PARENT', '家长/监护人', '思茅', '孩子'],
  ['DEMO-GRANDPARENT', '家长/监护人', '思茅', '孩子'],
  ['DEMO-TEACHER', '班主任', '思茅', '班级工作'],
  ['DEMO-PSY', '心理健康教师', '思茅', '工作台'],
  ['DEMO-SAFETY', '学校安全专干', '思茅', '工作台'],
  ['DEMO-POLICE', '部门处置人员', '公安', '工作台'],
  ['DEMO-EDU', '部门处置人员', '教育体育局', '工作台'],
  ['DEMO-COORD-SIMAO', '平安办协调员', '思茅', '工作台'],
  ['DEMO-COORD', '平安办协调员', '普洱', '工作台'],
  ['DEMO-SCHOOL-ADMIN', '学校管理员', '思茅', '名册和邀请码'],
];

test('the server prints the URL and every demo code', () => {
  for (const [code] of CASES) expect(app.server.output()).toContain(code);
});

test('without a code, home welcomes and offers reporting', async () => {
  const context = await phone(app.browser);
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.getByText('欢迎使用护航').waitFor();
  await page.getByText('我要举报').filter({ visible: true }).first().waitFor();
  await context.close();
});

test.each(CASES)('%s shows its role on 我的 and its home', async (code, roleName, place, homeCard) => {
  const context = await phone(app.browser); // a fresh person: own storage, own session
  const page = await context.newPage();
  await redeem(page, app.server.url, code);
  // The role shows at once; its place (school, department) once the catalog has loaded: wait for both
  // rather than reading the text once (under load the catalog can arrive a moment later).
  const role = page.locator('.me__role').filter({ hasText: roleName }).filter({ hasText: place });
  await role.first().waitFor({ timeout: 20_000 });
  await page.goto(`${app.server.url}#/pages/index/index`);
  // visible only: the H5 router can keep 我的 hidden in its stack, and a guardian's 我的 names the child too
  await page.locator('.hh-card:visible', { hasText: homeCard }).filter({ visible: true }).first().waitFor();
  await context.close();
});

test('a server started with DEMO=off has no demo codes to redeem', async () => {
  const bare = await startServer({ DEMO: 'off' });
  try {
    expect(bare.output()).not.toContain('DEMO-POLICE');
    const post = (body: unknown, token?: string) => fetch(`${bare.url}api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const { data } = await (await post({ action: 'auth.login', data: {} })).json();
    const res = await post({ action: 'auth.redeem', data: { code: 'DEMO-POLICE' }, requestId: 'e2e_demo_off_1' }, data.token);
    expect(res.status).toBe(404);
  } finally {
    await bare.stop();
  }
});
