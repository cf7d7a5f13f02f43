/**
 * The holiday letter on the weapp build, by taps: DEMO-PARENT opens it from
 * 首页, ticks the pledges, signs on the native signature pad (loaded, never
 * drawn here: the pad's own `change` and `export` events carry a real PNG)
 * and sees the receipt, which 首页 leads back to after a restart; 大字 on the
 * letter is kept across a restart; DEMO-GRANDPARENT is told at the top that
 * the mother signed and his signature is still wanted, confirms without
 * writing after one 确认签署？; the class count DEMO-TEACHER sees moves by
 * exactly one child, and her nudge says what happened.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { useWeapp, type Phone } from './harness';

jest.setTimeout(60_000);

const weapp = useWeapp();

/** What the teacher's class page says: signed and eligible children. */
async function classCount(teacher: Phone): Promise<[number, number]> {
  await teacher.tab('首页');
  await teacher.tapText('假期告家长书签署情况', true);
  expect(teacher.route).toBe('packageHoliday/pages/class/index');
  const m = teacher.textOf(teacher.find('.hol-class-count')).match(/已签 (\d+) \/ 共 (\d+) 人/);
  if (!m) throw new Error(`no count on the class page:\n${teacher.text()}`);
  return [Number(m[1]), Number(m[2])];
}

async function openLetterFromHome(guardian: Phone) {
  await guardian.tab('首页');
  expect(guardian.text()).toContain('假期安全告家长书等您签署');
  await guardian.tap('.home__holiday');
  expect(guardian.route).toBe('packageHoliday/pages/letter/index');
  expect(guardian.findAll('.hol-letter')).toHaveLength(1);
}

let png: string;
beforeAll(async () => {
  // A real PNG as the native pad's canvasToTempFilePath gives: dark strokes on white.
  png = path.join(mkdtempSync(path.join(tmpdir(), 'huhang-sig-')), 'signature.png');
  const strokes = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="600" height="360"><rect width="600" height="360" fill="#fff"/><path d="M40 200 Q 120 80 200 200 T 360 200 T 520 160" stroke="#111" stroke-width="8" fill="none"/></svg>');
  await sharp(strokes).png().toFile(png);
});

let teacher: Phone;
let before: number;

test('the parent ticks the pledges, signs on the pad, and gets a receipt', async () => {
  teacher = await weapp.openApp({ as: 'DEMO-TEACHER' });
  const [signed, total] = await classCount(teacher);
  expect(total).toBe(5);
  before = signed;

  const parent = await weapp.openApp({ as: 'DEMO-PARENT' });
  await openLetterFromHome(parent);
  const pledges = parent.findAll('.hol-pledge');
  expect(pledges.length).toBeGreaterThan(1);
  // 李小雨 is 13: the under-12 back-seat pledge is not asked of her mother (the letter's line on it stays),
  // the under-16 e-bike one is; the count said is the count shown
  expect(parent.text()).toContain(`下面${pledges.length}条都要做到，才能签署`);
  expect(parent.text()).not.toContain('我不让孩子坐摩托车后座');
  expect(parent.text()).toContain('不满12岁的孩子，不能坐摩托车后座。');
  expect(parent.text()).toContain('孩子还不满16岁，我不让孩子骑电动车。');
  // One by one, as a person reads them.
  for (const p of pledges) await parent.tap(p);
  expect(parent.findAll('.hol-tick-all')).toHaveLength(0);

  // Nothing drawn yet: 签名并提交 cannot be pressed.
  const submitDisabled = () => String(parent.find('.hol-submit').attrs.class).includes('at-button--disabled');
  expect(submitDisabled()).toBe(true);
  await parent.trigger('signature-pad', 'change', { empty: false, strokes: 3 });
  expect(submitDisabled()).toBe(false);
  await parent.tap('.hol-submit');
  // The page asked the pad for its picture; the native component answers with a temp file.
  await parent.trigger('signature-pad', 'export', { tempFilePath: parent.tempFile(png) });
  // A drawn signature is no privacy API (unlike the album): WeChat asks nothing.
  expect(parent.privacyPrompts).toEqual([]);
  await parent.waitForText('已签署');
  const receipt = parent.textOf(parent.find('.hol-receipt'));
  expect(receipt).toContain('手写签名');
  expect(receipt).toContain(`您承诺做到这${pledges.length}件事`);
  expect(parent.findAll('.hol-submit')).toHaveLength(0);
  // The signature reached the cloud as a picture.
  const rows = await weapp.cloud.store.collection<{ _id: string; method: string; signatureFileId?: string }>('commitments').find({});
  expect(rows.map((c) => c.method)).toEqual(['signature']);
  expect(rows[0].signatureFileId).toEqual(expect.any(String));
  parent.assertHealthy();

  // After a restart the receipt is one tap from 首页 (and under 我的).
  const again = await parent.restart();
  await again.tab('首页');
  expect(again.text()).toContain('您已经签署了');
  await again.tapText('已签署 · 查看回执', true);
  expect(again.route).toBe('packageHoliday/pages/letter/index');
  const kept = again.textOf(again.find('.hol-receipt'));
  expect(kept).toContain('手写签名');
  expect(kept).toContain('刘芳（母亲），您已于'); // who signed, also on a later visit (a shared phone)
  expect(kept).toContain(`您承诺做到这${pledges.length}件事`);
  // her own signature, as a picture from the cloud (a link to the stored image, not the pad's temp file)
  const sig = again.findAll('.hol-receipt__signature');
  expect(sig).toHaveLength(1);
  expect(String(sig[0].attrs.src ?? '')).not.toBe('');
  await again.tab('我的');
  await again.tapText('假期告家长书和我的签署回执', true);
  expect(again.findAll('.hol-receipt')).toHaveLength(1);

  // 大字 on the letter: bigger at once, and still after a restart.
  expect(again.findAll('.hol-page--large')).toHaveLength(0);
  await again.tapText('大字', true);
  expect(again.findAll('.hol-page--large')).toHaveLength(1);
  const third = await again.restart();
  await third.tab('首页');
  await third.tapText('已签署 · 查看回执', true);
  expect(third.findAll('.hol-page--large')).toHaveLength(1);
  third.assertHealthy();

  expect(await classCount(teacher)).toEqual([before + 1, 5]);
});

test('the grandfather confirms without writing; the class still counts the child once', async () => {
  const grandpa = await weapp.openApp({ as: 'DEMO-GRANDPARENT' });
  await openLetterFromHome(grandpa);
  const top = grandpa.textOf(grandpa.find('.hh-notice'));
  expect(top).toContain('刘芳（母亲）已于');
  expect(top).toContain('您的签名也需要');
  await grandpa.tap('.hol-tick-all');
  await grandpa.tap('.hol-confirm');
  expect(grandpa.modals.filter((m) => m.title === '确认签署？')).toHaveLength(1);
  await grandpa.waitForText('已签署');
  expect(grandpa.textOf(grandpa.find('.hol-receipt'))).toContain('李国荣（祖父），您已于');
  expect(grandpa.textOf(grandpa.find('.hol-receipt'))).toContain('确认签署');
  grandpa.assertHealthy();

  expect(await classCount(teacher)).toEqual([before + 1, 5]);
  const row = teacher.findAll('.hol-child').find((n) => teacher.textOf(n).includes('李小雨'));
  expect(row && teacher.textOf(row)).toMatch(/刘芳（母亲），手写签名[\s\S]*李国荣（祖父），确认签署/);
  teacher.assertHealthy();
});

test("the class teacher's nudge says what happened: the four unsigned children have no guardian bound", async () => {
  await teacher.tapText('私下提醒未签的家长（4个孩子）', true);
  expect(teacher.text()).toContain('4 名学生还没有绑定家长');
  expect(teacher.text()).not.toContain('今天已经提醒过了');
  teacher.assertHealthy();
});
