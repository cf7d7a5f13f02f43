/**
 * A safety lesson on the weapp build, by taps, as DEMO-STUDENT (八年级: the
 * 初中 versions): 课程 tab, a lesson, its quiz answered with each answer
 * explained, completion recorded and marked on the list, 大字 switched on
 * and kept after the app is opened again, and the lesson read again with
 * the network off.
 */
import { lessonById } from '../../src/content/lessons/index';
import { asksWhatNeverToDo } from '../../src/domain/quiz';
import { useWeapp, type Phone } from './harness';
import { matches, walk } from './wxml';

jest.setTimeout(60_000);

const weapp = useWeapp();
const ID = 'drowning.junior';
const lesson = lessonById(ID)!;

const item = (phone: Phone) => {
  const hit = phone.findAll('.lessons__item').find((n) => phone.textOf(n).includes(lesson.title));
  if (!hit) throw new Error(`no ${lesson.title} on 课程:\n${phone.text()}`);
  return hit;
};
const fontPx = (phone: Phone) => Number(/font-size:\s*([\d.]+)px/.exec(String(phone.find('.lesson').attrs.style))?.[1]);

let student: Phone;

test('a lesson from 课程: its quiz explained answer by answer, completed, and marked done on the list', async () => {
  // Its timers 100× faster: offline, a read gives up after its retries (~7.5 s) in a blink.
  student = await weapp.openApp({ as: 'DEMO-STUDENT', timeScale: 100 });
  await student.tab('课程');
  expect(student.text()).toContain('初中 · 已学完 0 /');
  expect(student.textOf(item(student))).not.toContain('✔');
  await student.tap(item(student));
  expect(student.route).toBe('packageLessons/pages/lesson/index');
  await student.waitForText(lesson.title);
  expect(student.text()).toContain(lesson.keyPoints[0]);
  expect(student.findAll('.lesson__call-number').length).toBeGreaterThan(0);

  // Nothing revealed before answering; each answer explained after. The first one wrong on purpose.
  expect(student.findAll('.quiz__feedback')).toHaveLength(0);
  for (let i = 0; i < lesson.quiz.length; i++) {
    const q = lesson.quiz[i];
    const pick = i === 0 ? (q.correct + 1) % q.options.length : q.correct;
    const options = [...walk([student.findAll('.quiz__question')[i]])].filter((n) => n.tag !== '#text' && matches(n, '.quiz__option'));
    expect(options).toHaveLength(q.options.length);
    await student.tap(options[pick]);
    const shown = student.textOf(student.findAll('.quiz__question')[i]);
    expect(shown).toContain(q.explanation);
    expect(shown).toContain(i === 0 ? `答错了，正确答案是：${q.options[q.correct]}` : '答对了！');
    if (i === 0) {
      // the pick red, the right answer green (orange where it is the thing never to do), each said in words too
      const now = [...walk([student.findAll('.quiz__question')[i]])].filter((n) => n.tag !== '#text');
      const marked = (cls: string) => now.filter((n) => matches(n, cls)).map((n) => student.textOf(n));
      expect(marked('.quiz__option--wrong')).toEqual([expect.stringContaining('你选的，不对')]);
      const never = asksWhatNeverToDo(q.text);
      expect(marked(never ? '.quiz__option--never' : '.quiz__option--right')).toEqual([expect.stringContaining(never ? '千万不能做，这就是答案' : '正确答案')]);
    }
    expect(student.findAll('.quiz__feedback')).toHaveLength(i + 1);
  }

  await student.tapText('我学完了', true);
  await student.waitForText('你学完了这一课！');
  expect(student.text()).toContain(`答对 ${lesson.quiz.length - 1} / ${lesson.quiz.length} 题`);
  expect(student.text()).toContain('已经记下你学完了这一课');

  await student.tapText('回到课程', true);
  expect(student.route).toBe('pages/lessons/index');
  expect(student.text()).toContain('初中 · 已学完 1 /');
  expect(student.textOf(item(student))).toContain('✔');
  student.assertHealthy();
});

test('answers chosen before leaving a lesson are there when it is opened again, also after the app is restarted', async () => {
  // the last lesson on the list: the first other one is left never opened, for the offline test below
  const other = (phone: Phone) => phone.findAll('.lessons__item').reverse().find((n) => !phone.textOf(n).includes(lesson.title))!;
  const options = (i: number) => [...walk([student.findAll('.quiz__question')[i]])].filter((n) => n.tag !== '#text' && matches(n, '.quiz__option'));
  await student.tap(other(student));
  await student.waitForText('小测验');
  await student.tap(options(0)[0]);
  await student.tap(options(1)[1]);
  expect(student.findAll('.quiz__feedback')).toHaveLength(2);
  const shown = student.textOf(student.findAll('.quiz__question')[1]);

  await student.back();
  expect(student.route).toBe('pages/lessons/index');
  await student.tap(other(student));
  await student.waitForText('小测验');
  expect(student.findAll('.quiz__feedback')).toHaveLength(2);

  student = await student.restart('/pages/lessons/index');
  await student.waitForText('已学完');
  await student.tap(other(student));
  await student.waitForText('小测验');
  expect(student.findAll('.quiz__feedback')).toHaveLength(2);
  expect(student.textOf(student.findAll('.quiz__question')[1])).toBe(shown);
  await student.back();
  student.assertHealthy();
});

test('大字 makes the lesson bigger at once and stays on when the app is opened again', async () => {
  await student.tap(item(student));
  await student.waitForText(lesson.title);
  const normal = fontPx(student);
  expect(normal).toBeGreaterThan(0);
  await student.tapText('大字：关', true);
  expect(student.text()).toContain('大字：开');
  expect(fontPx(student)).toBeGreaterThan(normal * 1.2);

  student = await student.restart(`/packageLessons/pages/lesson/index?id=${ID}`);
  await student.waitForText(lesson.title);
  expect(student.text()).toContain('大字：开');
  expect(fontPx(student)).toBeGreaterThan(normal * 1.2);
  student.assertHealthy();
});

test('with the network off, a lesson opened before still shows', async () => {
  await student.setOnline(false);
  const offline = await student.restart('/pages/lessons/index');
  // The list kept on the phone, once the reads have given up.
  await offline.waitForText('网络连接不上，这是上次保存的课程列表');
  expect(offline.textOf(item(offline))).toContain('✔');
  await offline.tap(item(offline));
  await offline.waitForText(lesson.title);
  expect(offline.text()).toContain('现在没有网络，这是保存在手机上的一课');
  expect(offline.text()).toContain(lesson.keyPoints[0]);
  expect(offline.findAll('.quiz__question')).toHaveLength(lesson.quiz.length);
  offline.assertHealthy();
});

test('offline, a lesson never opened says there is no network and shows its own title', async () => {
  const offline = await student.restart('/pages/lessons/index');
  await offline.waitForText('网络连接不上，这是上次保存的课程列表');
  const other = offline.findAll('.lessons__item').find((n) => !offline.textOf(n).includes(lesson.title));
  expect(other).toBeDefined();
  const title = offline.textOf([...walk([other!])].find((n) => n.tag !== '#text' && matches(n, '.lessons__summary'))!);
  await offline.tap(other!);
  await offline.waitForText('现在没有网络');
  expect(offline.text()).toContain(`「${title.trim()}」还没有保存在这台手机上`);
  offline.assertHealthy();
});
