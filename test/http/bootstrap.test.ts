/**
 * Going live without the demo (issue 14): on an empty data folder with
 * DEMO=off, `npm run admin -- invite coordinator` prints a single-use code
 * (its last line), the real server lets that code in over /api, and from
 * there the county reaches a bound guardian: a school, its admin, a roster
 * uploaded through POST /upload, a class's guardian slips.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runServer, post, type ServerProcess } from '../reliability/server';
import { csvGbk } from '../fixtures/roster';
import { ownBundles } from './ownBundles';

const root = path.resolve(__dirname, '../..');
let bundles: string;
let dataDir: string;
let server: ServerProcess;

const admin = (...args: string[]) =>
  execFileSync('node', [path.join(bundles, 'admin.js'), ...args], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, DEMO: 'off' }, encoding: 'utf8' });
const lastLine = (out: string) => out.trim().split('\n').pop()!.trim();

beforeAll(async () => {
  bundles = await ownBundles('bootstrap', ['main', 'admin']);
  dataDir = mkdtempSync(path.join(tmpdir(), 'huhang-bootstrap-'));
}, 60_000);
afterAll(async () => {
  await server?.kill();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(bundles, { recursive: true, force: true });
});

let n = 0;
const rid = () => `boot_${++n}_${Date.now().toString(36)}`;
async function login(): Promise<string> {
  const res = await post(server.url, { action: 'auth.login', data: { deviceId: 'dev_' + Math.random().toString(36).slice(2, 12) } });
  return res.data.token;
}
const call = async (token: string, action: string, data: unknown) => post(server.url, { action, data, requestId: rid() }, token);

test('from an empty folder with DEMO=off to a guardian bound to a child, through the admin command and /api', async () => {
  const out = admin('invite', 'coordinator', '--county', 'simao', '--name', '李协调');
  const code = lastLine(out);
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  expect(admin('codes')).toContain(`${code}  待使用`);
  const spare = lastLine(admin('invite', 'coordinator'));
  expect(admin('revoke', spare)).toContain('已作废');

  server = await runServer(dataDir, { DEMO: 'off' }, path.join(bundles, 'main.js'));
  const coord = await login();
  expect((await call(coord, 'auth.redeem', { code: 'DEMO-COORD' })).error?.code).toBe('NOT_FOUND');
  const redeemed = await call(coord, 'auth.redeem', { code: code.toLowerCase() });
  expect(redeemed.data.roles).toEqual([expect.objectContaining({ role: 'coordinator', jurisdiction: 'simao', displayName: '李协调' })]);
  expect((await call(await login(), 'auth.redeem', { code })).error?.code).toBe('CONFLICT');
  expect((await call(await login(), 'auth.redeem', { code: spare })).error?.code).toBe('CONFLICT');
  // no demo schools either
  expect((await post(server.url, { action: 'catalog.get', data: {} })).data.schools).toEqual([]);

  const school = await call(coord, 'school.add', { name: '思茅区团结小学', jurisdiction: 'simao', stage: 'primary' });
  expect(school.ok).toBe(true);
  const schoolId = school.data.id;
  // the school admin: from the workbench, or from the command now that the school is on the list
  const adminCode = lastLine(admin('invite', 'school_admin', '--school', schoolId, '--name', '周校长'));
  const head = await login();
  expect((await call(head, 'auth.redeem', { code: adminCode })).ok).toBe(true);

  const sheet = csvGbk([
    [1, '岩温', 'G5308022016010101', '男', '2016-01-01', '五年级', '（1）班', '', '', '', '玉香', '母亲', '', ''],
    [2, '叶儿', 'G5308022016020202', '女', '2016-02-02', '五年级', '1班', '', '', '', '叶大林', '父亲', '', ''],
  ]);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(sheet)], { type: 'text/csv' }), '名册.csv');
  const up = await (await fetch(server.url + '/upload', { method: 'POST', body: form, headers: { authorization: `Bearer ${head}` } })).json() as any;
  expect(up.ok).toBe(true);
  // without a valid session no roster is taken
  const form2 = new FormData();
  form2.append('file', new Blob([new Uint8Array(sheet)], { type: 'text/csv' }), '名册.csv');
  const refused = await fetch(server.url + '/upload', { method: 'POST', body: form2, headers: { authorization: `Bearer ${coord}x` } });
  expect(refused.status).toBe(401);
  const imported = await call(head, 'roster.import', { schoolId, fileId: up.data.fileId, dryRun: false });
  expect(imported.data).toMatchObject({ rows: 2, created: 2, errors: [], classesCreated: ['五年级（1）班'] });

  const classes = (await call(head, 'class.list', { schoolId })).data.classes;
  const slips = await call(head, 'invite.issue', { classId: classes[0].id, role: 'guardian', withQr: true });
  expect(slips.data).toHaveLength(2);
  const slip = slips.data.find((s: any) => s.studentName === '岩温');
  const mother = await login();
  const bound = await call(mother, 'auth.redeem', { code: slip.code, name: '玉香' });
  expect(bound.data.roles).toEqual([expect.objectContaining({ role: 'guardian', studentId: slip.studentId, guardianName: '玉香', relation: '母亲' })]);
  const letter = await call(mother, 'holiday.current', {});
  expect(letter.data.children).toEqual([expect.objectContaining({ id: slip.studentId, name: '岩温' })]);
}, 60_000);
