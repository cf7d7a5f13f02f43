/** The quiz never puts a green ✔ beside the thing never to do (issue 18), and reads without Latin letters (walk 18 #17). */
import { render } from '@testing-library/react';
import Quiz from '../../src/packageLessons/components/Quiz';
import { ALL_LESSONS } from '../../src/content/lessons/index';
import { latinProblem } from '../domain/latin';

const gas = {
  id: 'q1',
  text: '一进家门闻到很浓的燃气味，下列哪一项千万不能做？',
  options: ['关闭燃气阀门', '打开门窗通风', '马上打开电灯看看哪里漏气', '到屋外再打电话求助'],
  correct: 2,
  explanation: '开关电灯会产生电火花。',
};
const plain = { id: 'q2', text: '最可能是：', options: ['感冒了', '一氧化碳中毒'], correct: 1, explanation: '炭火。' };

test('the right answer to "what must you never do" is marked ⛔ in red and said to be never done', () => {
  const { container } = render(<Quiz questions={[gas]} chosen={[2]} onChoose={() => undefined} />);
  const option = container.querySelectorAll('.quiz__option')[2];
  expect(option.className).toContain('quiz__option--never');
  expect(option.className).not.toContain('quiz__option--right');
  expect(container.textContent).not.toContain('✔');
  expect(option.textContent).toContain('⛔');
  expect(container.textContent).toContain('“马上打开电灯看看哪里漏气”千万不能做');
});

test('a wrong pick on that question still shows the danger as ⛔, not ✔', () => {
  const { container } = render(<Quiz questions={[gas]} chosen={[0]} onChoose={() => undefined} />);
  expect(container.textContent).not.toContain('✔');
  expect(container.querySelectorAll('.quiz__option')[2].textContent).toContain('⛔');
});

test('an ordinary question keeps its green ✔', () => {
  const { container } = render(<Quiz questions={[plain]} chosen={[1]} onChoose={() => undefined} />);
  expect(container.querySelectorAll('.quiz__option')[1].className).toContain('quiz__option--right');
  expect(container.textContent).toContain('✔');
});

test('option marks and verdicts have no Latin letters: ①②③④, and the option quoted by its words', () => {
  const fresh = render(<Quiz questions={[gas]} chosen={[]} onChoose={() => undefined} />);
  expect(Array.from(fresh.container.querySelectorAll('.quiz__letter')).map((e) => e.textContent)).toEqual(['①', '②', '③', '④']);
  fresh.unmount();
  const wrong = render(<Quiz questions={[plain]} chosen={[0]} onChoose={() => undefined} />);
  expect(wrong.container.textContent).toContain('正确答案是：一氧化碳中毒');
  wrong.unmount();
  // every shipped quiz, answered right and answered wrong, read as a child or guardian sees it
  for (const l of ALL_LESSONS) {
    for (const pick of [(c: number) => c, (c: number) => (c + 1) % 2]) {
      const { container, unmount } = render(<Quiz questions={l.quiz} chosen={l.quiz.map((q) => pick(q.correct))} onChoose={() => undefined} />);
      expect([l.id, latinProblem(container.textContent ?? '')]).toEqual([l.id, []]);
      unmount();
    }
  }
});
