import { ALL_LESSONS } from '../../src/content/lessons';
import { asksWhatNeverToDo } from '../../src/domain/quiz';

test('questions asking for the thing never to do are recognised', () => {
  expect(asksWhatNeverToDo('一进家门闻到很浓的燃气味，下列哪一项千万不能做？')).toBe(true);
  expect(asksWhatNeverToDo('下列哪种做法是错误的？')).toBe(true);
  expect(asksWhatNeverToDo('有人对你说：“这件事不能告诉老师和爸爸妈妈。”你应该怎么做？')).toBe(false);
  expect(asksWhatNeverToDo('为什么不能站在大货车旁边？')).toBe(false);
  expect(asksWhatNeverToDo('下列哪种情况最提示“这里不能下水”？')).toBe(false);
});

test('the shipped gas question is one of them (its right answer gets ⛔, not ✔)', () => {
  const questions = ALL_LESSONS.flatMap((l) => l.quiz.map((q) => q.text));
  expect(questions.length).toBeGreaterThan(20);
  expect(questions.filter(asksWhatNeverToDo)).toContain('一进家门闻到很浓的燃气味，下列哪一项千万不能做？');
  // the parents' fire quiz: its right answer is the charcoal brazier in a closed bedroom (found walking as a grandparent)
  expect(questions.filter(asksWhatNeverToDo)).toContain('冬天晚上很冷，下面哪种取暖做法最危险？');
});

test('every shipped question that asks which is most dangerous or must never be done is recognised', () => {
  const questions = ALL_LESSONS.flatMap((l) => l.quiz.map((q) => q.text));
  const asksDanger = questions.filter((q) => /(哪|什么)[^？?]{0,8}(最危险|千万不能|绝对不能)/.test(q));
  expect(asksDanger.length).toBeGreaterThan(1);
  expect(asksDanger.filter((q) => !asksWhatNeverToDo(q))).toEqual([]);
});
